"""Write figures/data/work_report_template.docx: the Word template the work reports are filled into.

The layout follows GB/T 9704-2012 (bureau/gbt9704.py: page, margins, line, page numbers, fonts); on it, the
title in 2号 (22 pt) 方正小标宋简体, centred; headings in 3号 (16 pt) 黑体; body in 3号 仿宋_GB2312 with two
characters' first-line indent.

An office that wants its own letterhead edits the generated file in Word, keeping the {{ … }} and {%p … %}
tags, and points REPORT_TEMPLATE at it. Run again after changing this layout:

    .venv/bin/python manage.py build_report_template
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from bureau import gbt9704
from bureau.gbt9704 import BODY_FONT, BODY_SIZE, CENTER, HEADING_FONT, JUSTIFY, RIGHT, TITLE_FONT, TITLE_SIZE


def build(path):
    document = gbt9704.new_document()
    for name, options in [
        ("报告标题", dict(font=TITLE_FONT, size=TITLE_SIZE, align=CENTER)),
        ("报告副标题", dict(font=BODY_FONT, size=BODY_SIZE, align=CENTER)),
        ("一级标题", dict(font=HEADING_FONT, size=BODY_SIZE, indent=2)),
        ("正文", dict(font=BODY_FONT, size=BODY_SIZE, align=JUSTIFY, indent=2)),
        ("落款", dict(font=BODY_FONT, size=BODY_SIZE, align=RIGHT)),
        ("附注", dict(font=BODY_FONT, size=12)),
    ]:
        gbt9704.paragraph_style(document, name, **options)
    gbt9704.page_numbers(document)

    document.add_paragraph("{{ title }}", style="报告标题")
    document.add_paragraph("（{{ period_label }}）", style="报告副标题")
    document.add_paragraph("", style="正文")
    document.add_paragraph("{{ introduction }}", style="正文")
    document.add_paragraph("{%p for section in sections %}", style="正文")
    document.add_paragraph("{{ section.heading }}", style="一级标题")
    document.add_paragraph("{{ section.text }}", style="正文")
    document.add_paragraph("{%p endfor %}", style="正文")
    document.add_paragraph("", style="正文")
    document.add_paragraph("{{ office }}", style="落款")
    document.add_paragraph("{{ date }}", style="落款")
    document.add_paragraph("{{ note }}", style="附注")
    gbt9704.finish(document, Path(path), title="工作报告统计部分模板")


class Command(BaseCommand):
    help = "Write the Word template of the generated work reports (GB/T 9704 layout)."

    def handle(self, *args, **options):
        path = settings.REPORT_TEMPLATE
        build(path)
        self.stdout.write(f"wrote {path}")

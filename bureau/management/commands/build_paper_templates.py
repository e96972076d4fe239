"""Write the built-in Word template of every declared paper (bureau.papers) from its layout.

The frame is GB/T 9704-2012's (bureau/gbt9704.py: page, margins, line, page numbers, fonts); on it, the issuer
and the title in 2号 (22 pt) 方正小标宋简体, centred; the number (文号) in 3号 仿宋_GB2312 under the title; body
in 3号 仿宋_GB2312 with two characters' first-line indent; the issuer (落款) and the date right-aligned, four
characters from the margin.

The apps' wording lives in their papers.py; run again after changing it or this frame, and commit the files:

    .venv/bin/python manage.py build_paper_templates legalaid     # one app's papers; none named: every app's

A rebuilt .docx differs in bytes even when its layout did not change (the zip's timestamps): build only the app
whose wording changed.
"""

from django.core.management.base import BaseCommand

from bureau import gbt9704
from bureau.gbt9704 import BODY_FONT, BODY_SIZE, CENTER, JUSTIFY, RIGHT, TITLE_FONT, TITLE_SIZE
from bureau.papers import all_papers


def build(paper):
    document = gbt9704.new_document()
    for name, options in [
        ("发文机关", dict(font=TITLE_FONT, size=TITLE_SIZE, align=CENTER)),
        ("标题", dict(font=TITLE_FONT, size=TITLE_SIZE, align=CENTER)),
        ("文号", dict(font=BODY_FONT, size=BODY_SIZE, align=CENTER)),
        ("主送", dict(font=BODY_FONT, size=BODY_SIZE, align=JUSTIFY, space_before=28)),
        ("正文", dict(font=BODY_FONT, size=BODY_SIZE, align=JUSTIFY, indent=2)),
        ("落款", dict(font=BODY_FONT, size=BODY_SIZE, align=RIGHT, right=4, space_before=56)),
        ("日期", dict(font=BODY_FONT, size=BODY_SIZE, align=RIGHT, right=4)),
        ("附注", dict(font=BODY_FONT, size=14, align=JUSTIFY, space_before=28)),
    ]:
        gbt9704.paragraph_style(document, name, **options)

    document.add_paragraph("{{ issuer }}", style="发文机关")
    document.add_paragraph(paper.label, style="标题")
    # A numbered paper shows its number; another, the number of its record (a case's), if the record has one.
    document.add_paragraph("{{ number }}" if paper.numbered else "{{ '（%s）' % reference if reference else '' }}",
                           style="文号")
    blocks = list(paper.layout)
    notes = [block for block in blocks if block.style == "附注"]
    for block in blocks:
        if block.style != "附注":
            document.add_paragraph(block.text, style=block.style)
    document.add_paragraph("{{ issuer }}（印章）", style="落款")
    document.add_paragraph("{{ issued_on }}", style="日期")
    for block in notes:
        document.add_paragraph(block.text, style=block.style)
    gbt9704.page_numbers(document)
    gbt9704.finish(document, paper.template, title=str(paper.label))


class Command(BaseCommand):
    help = "Write the built-in Word template of every declared paper (GB/T 9704 layout)."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="app labels (legalaid …); none: every app's papers")

    def handle(self, *args, apps, **options):
        for paper in all_papers():
            if apps and paper.function not in apps:
                continue
            build(paper)
            self.stdout.write(f"wrote {paper.template}")

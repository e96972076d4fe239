"""Write figures/data/work_report_template.docx: the Word template the work reports are filled into.

The layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37 mm top, 35 mm bottom, 28 mm left,
26 mm right; title in 2号 (22 pt) 方正小标宋简体, centred; headings in 3号 (16 pt) 黑体; body in 3号 仿宋_GB2312,
two characters' first-line indent, fixed 28 pt line spacing (22 lines a page). Fonts are only named: the
reader's Word or WPS renders them, so the East-Asian font name is set explicitly (w:eastAsia) or CJK text
would fall back to another face.

An office that wants its own letterhead edits the generated file in Word, keeping the {{ … }} and {%p … %}
tags, and points REPORT_TEMPLATE at it. Run again after changing this layout:

    .venv/bin/python manage.py build_report_template
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _style(document, name, *, font, size, align=None, indent=True, bold=False, space_before=0):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.name, style.font.size, style.font.bold = font, Pt(size), bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    paragraph.space_before, paragraph.space_after = Pt(space_before), Pt(0)
    paragraph.first_line_indent = Pt(size * 2) if indent else None
    if align is not None:
        paragraph.alignment = align
    return style


def build(path):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _style(document, "报告标题", font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _style(document, "报告副标题", font=BODY_FONT, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _style(document, "一级标题", font=HEADING_FONT, size=16, space_before=0)
    _style(document, "正文", font=BODY_FONT, size=16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(document, "落款", font=BODY_FONT, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _style(document, "附注", font=BODY_FONT, size=12, indent=False)

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
    document.core_properties.title = "工作报告统计部分模板"
    document.save(path)


class Command(BaseCommand):
    help = "Write the Word template of the generated work reports (GB/T 9704 layout)."

    def handle(self, *args, **options):
        path = settings.REPORT_TEMPLATE
        build(path)
        self.stdout.write(f"wrote {path}")

"""Write figures/data/work_report_template.docx: the Word template the work reports are filled into.

The layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37 mm top, 35 mm bottom, 28 mm left,
26 mm right; title in 2号 (22 pt) 方正小标宋简体, centred; headings in 3号 (16 pt) 黑体; body in 3号 仿宋_GB2312,
two characters' first-line indent, fixed 28 pt line spacing (22 lines a page); page numbers in the footer in
4号 宋体 between dashes ("— 1 —"), 7 mm below the text block, odd pages on the right and even pages on the
left, each one character in from the margin. Fonts are only named: the
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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT, HEADING_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
PAGE_NUMBER_SIZE = 14  # 4号


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


def _page_field(paragraph):
    """A PAGE field (Word and WPS put the page's number in it), shown as 1 until the reader lays the pages out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _page_number(footer, style, align):
    """"— 1 —" at the bottom, one character in from the side it stands on (GB/T 9704-2012 7.5)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = align
    indent = Pt(PAGE_NUMBER_SIZE)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.add_run("— ")
    _page_field(paragraph)
    paragraph.add_run(" —")


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
    page_number = _style(document, "页码", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE, indent=False)

    document.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(35 - 7 - 5)  # the dashes' line 7 mm below the text block
    _page_number(section.footer, page_number, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, page_number, WD_ALIGN_PARAGRAPH.LEFT)

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
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = "工作报告统计部分模板", "", ""
    properties.comments = ""
    document.save(path)


class Command(BaseCommand):
    help = "Write the Word template of the generated work reports (GB/T 9704 layout)."

    def handle(self, *args, **options):
        path = settings.REPORT_TEMPLATE
        build(path)
        self.stdout.write(f"wrote {path}")

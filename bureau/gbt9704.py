"""The frame of GB/T 9704-2012 (党政机关公文格式) for the Word templates the portal writes.

Two commands build templates in this frame: `build_paper_templates` (the official documents, bureau.papers) and
`build_report_template` (the work report, figures). Both start from `new_document()`, declare their paragraph
styles with `paragraph_style()`, and finish with `page_numbers()` and `finish()`.

The frame: A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; a fixed 28 pt line (22 lines a page);
the page number as “— 1 —” in 4号 宋体, 7 mm below the text block, on the right of odd pages and the left of even
ones, one character in from the margin (7.5). Fonts are only named — the reader's Word or WPS renders them — and
each is named with its East-Asian name too (w:eastAsia), or Word sets CJK text in another face; where a reader
lacks 方正小标宋简体 or 仿宋_GB2312, the font table names 宋体 / 仿宋 as the faces to fall back to.
"""

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

TITLE_FONT, HEADING_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋"}
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = 22, 16, 14  # 2号, 3号, 4号
CENTER, RIGHT, LEFT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


def new_document():
    """An empty A4 document with GB/T 9704's margins."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    return document


def paragraph_style(document, name, *, font, size, align=None, indent=0, right=0, space_before=0, bold=False):
    """A paragraph style on the fixed 28 pt line; `indent` and `right` count characters of the style's size."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.name, style.font.size, style.font.bold = font, Pt(size), bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    paragraph.space_before, paragraph.space_after = Pt(space_before), Pt(0)
    paragraph.first_line_indent = Pt(size * indent) if indent else None
    paragraph.right_indent = Pt(size * right) if right else None
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
    paragraph = footer.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = align
    if align == RIGHT:
        paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    paragraph.add_run("— ")
    _page_field(paragraph)
    paragraph.add_run(" —")


def page_numbers(document):
    """“— 1 —” at the foot: right on odd pages, left on even ones, 7 mm below the text block (GB/T 9704 7.5)."""
    style = paragraph_style(document, "页码", font=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    section.footer_distance = Mm(35 - 7 - 5)
    _page_number(section.footer, style, RIGHT)
    _page_number(section.even_page_footer, style, LEFT)


def _font_fallbacks(document):
    """Name the fallback face of each GB font in the font table (w:altName), which Word and WPS honour."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    for name, alternative in FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alternative_name = OxmlElement("w:altName")
        alternative_name.set(qn("w:val"), alternative)
        font.append(alternative_name)
        fonts.append(font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def finish(document, path, *, title):
    """Name the fallback fonts, set the document's title (python-docx names itself as author otherwise), save."""
    _font_fallbacks(document)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by, properties.comments = title, "", "", ""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)

"""Write the built-in Word template of every declared paper (bureau.papers) from its layout.

The frame is GB/T 9704-2012's (党政机关公文格式): A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right;
the issuer and the title in 2号 (22 pt) 方正小标宋简体, centred; the number (文号) in 3号 仿宋_GB2312 under the
title; body in 3号 仿宋_GB2312 with two characters' first-line indent and a fixed 28 pt line (22 lines a page);
the issuer (落款) and the date right-aligned, four characters from the margin; the page number as “— 1 —” in
4号 宋体 at the foot. Fonts are named with their East-Asian name (w:eastAsia) or Word would set CJK text in
another face; where a reader lacks 方正小标宋简体 or 仿宋_GB2312, the font table names 宋体 / 仿宋 as the
alternatives Word and WPS fall back to.

The apps' wording lives in their papers.py; run again after changing it or this frame, and commit the files:

    .venv/bin/python manage.py build_paper_templates legalaid     # one app's papers; none named: every app's

A rebuilt .docx differs in bytes even when its layout did not change (the zip's timestamps): build only the app
whose wording changed.
"""

from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from bureau.papers import all_papers

TITLE_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "仿宋_GB2312", "宋体"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋"}
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _style(document, name, *, font, size, align=None, indent=0, right=0, space_before=0):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.name, style.font.size = font, Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    paragraph.space_before, paragraph.space_after = Pt(space_before), Pt(0)
    paragraph.first_line_indent = Pt(size * indent) if indent else None
    paragraph.right_indent = Pt(size * right) if right else None
    if align is not None:
        paragraph.alignment = align


def _page_number(section):
    """“— PAGE —” centred in the footer (GB/T 9704 7.5)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = CENTER
    for text in ["— ", None, " —"]:
        run = paragraph.add_run(text or "")
        run.font.name, run.font.size = PAGE_FONT, Pt(14)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), PAGE_FONT)
        if text is None:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            field.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>'))
            run._element.append(field)


def _font_fallbacks(document):
    """Name the fallback face of each GB font in the font table (w:altName), which Word and WPS honour."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    for name, alternative in FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        font.append(alt)
        fonts.append(font)
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def build(paper):
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _style(document, "发文机关", font=TITLE_FONT, size=22, align=CENTER)
    _style(document, "标题", font=TITLE_FONT, size=22, align=CENTER)
    _style(document, "文号", font=BODY_FONT, size=16, align=CENTER)
    _style(document, "主送", font=BODY_FONT, size=16, align=JUSTIFY, space_before=28)
    _style(document, "正文", font=BODY_FONT, size=16, align=JUSTIFY, indent=2)
    _style(document, "落款", font=BODY_FONT, size=16, align=RIGHT, right=4, space_before=56)
    _style(document, "日期", font=BODY_FONT, size=16, align=RIGHT, right=4)
    _style(document, "附注", font=BODY_FONT, size=14, align=JUSTIFY, space_before=28)

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
    _page_number(section)
    _font_fallbacks(document)
    properties = document.core_properties  # python-docx's defaults name itself as author
    properties.title, properties.author, properties.last_modified_by, properties.comments = paper.label, "", "", ""
    paper.template.parent.mkdir(parents=True, exist_ok=True)
    document.save(paper.template)


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

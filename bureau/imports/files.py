"""Reading an uploaded file into a `Table`, and writing a resource's Excel template.

Excel files are read with calamine (Rust): openpyxl alone needs 3.4 s for 20,000 rows × 6 columns on this
machine, calamine 0.15 s (docs/benchmarks.md). The template is written with openpyxl, which can add the
dropdowns.
"""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineError, CalamineWorkbook

from .columns import ChoiceColumn, MultipleChoiceColumn, cell_text
from .resource import Table

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = EXCEL_SUFFIXES | {".csv"}
DATA_SHEET = "数据"
HELP_SHEET = "说明"
CHOICES_SHEET = "可选值"
TEMPLATE_ROWS = 5000  # rows that get the dropdowns


def read_table(file, filename):
    """The first sheet of an Excel file, or a CSV file (UTF-8, or GB18030 as Excel saves it in China)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(_("请上传 Excel（.xlsx）或 CSV 文件。"), code="format")
    data = file.read()
    if suffix == ".csv":
        rows = _csv_rows(data)
    else:
        try:
            rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(
                skip_empty_area=False)
        except (CalamineError, ValueError, IndexError):
            raise ValidationError(_("无法读取文件，请确认是 Excel 文件且未加密。"), code="unreadable")
    numbered = [(n, cells) for n, cells in enumerate(rows, 1) if any(cell_text(c) for c in cells)]
    if not numbered:
        raise ValidationError(_("文件中没有数据。"), code="empty")
    if len(numbered) - 1 > settings.IMPORT_MAX_ROWS:
        raise ValidationError(_("一次最多导入%(n)d行，请分成几个文件。") % {"n": settings.IMPORT_MAX_ROWS},
                              code="too_many")
    header_row, headers = numbered[0]
    return Table(headers=list(headers), rows=numbered[1:], header_row=header_row)


def _csv_rows(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("无法识别 CSV 文件的编码，请另存为 UTF-8。"), code="encoding")
    return list(csv.reader(io.StringIO(text)))


def template_workbook(resource):
    """The .xlsx template: 数据 (Chinese headers, dropdowns), 说明 (each column explained), 可选值 (lists)."""
    with override(settings.LANGUAGE_CODE):
        return _template_workbook(resource)


def _template_workbook(resource):
    columns = resource.all_columns
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    choices = book.create_sheet(CHOICES_SHEET)
    bold = Font(bold=True)
    required = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = required if column.required else bold
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        data.column_dimensions[letter].width = max(column.width, len(column.header) * 2 + 4)
        if column.as_text:
            data.column_dimensions[letter].number_format = "@"  # text: Excel keeps long numbers exact
        values = column.allowed_values()
        if values and not isinstance(column, MultipleChoiceColumn):
            choices.cell(row=1, column=index, value=column.header).font = bold
            for row, value in enumerate(values, 2):
                choices.cell(row=row, column=index, value=value)
            choices.column_dimensions[letter].width = max(len(v) for v in values) * 2 + 2
            rule = DataValidation(
                type="list", formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
                allow_blank=True, showErrorMessage=True, errorTitle=_("输入有误"),
                error=_("请从下拉列表中选择。"),
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            data.add_data_validation(rule)
    data.freeze_panes = "A2"
    _help_sheet(book.create_sheet(HELP_SHEET, 1), resource, columns, bold, fill)
    return book


def _help_sheet(sheet, resource, columns, bold, fill):
    lines = [
        _("%(label)s导入模板") % {"label": resource.label},
        _("在“数据”工作表中从第2行起每行填写一条记录，不要修改第1行的列名；红色列名为必填。"),
        _("整个文件校验无误后才会导入；有任何错误时一条也不写入，并列出出错的行、列和原因。"),
        _("也可以上传 CSV 文件，第一行为同样的列名（UTF-8 或 GB18030 编码）。"),
    ]
    if resource.instructions:
        lines.append(str(resource.instructions))
    for row, line in enumerate(lines, 1):
        sheet.cell(row=row, column=1, value=line).font = Font(bold=row == 1, size=14 if row == 1 else 11)
    top = len(lines) + 2
    for index, title in enumerate([_("列名"), _("是否必填"), _("格式"), _("说明"), _("可选值")], 1):
        cell = sheet.cell(row=top, column=index, value=title)
        cell.font, cell.fill = bold, fill
    for row, column in enumerate(columns, top + 1):
        sheet.cell(row=row, column=1, value=column.header).font = bold
        sheet.cell(row=row, column=2, value=_("必填") if column.required else _("选填"))
        sheet.cell(row=row, column=3, value=column.describe())
        sheet.cell(row=row, column=4, value=str(column.help))
        values = column.allowed_values()
        sheet.cell(row=row, column=5, value="、".join(values) if isinstance(column, ChoiceColumn) else "")
        for col in range(1, 6):
            sheet.cell(row=row, column=col).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (18, 10, 28, 48, 60)):
        sheet.column_dimensions[letter].width = width

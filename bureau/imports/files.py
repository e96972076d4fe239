"""Reading an uploaded file into a `Table`, and writing a resource's Excel template.

Excel files are read with calamine (Rust): openpyxl alone needs 3.4 s for 20,000 rows × 6 columns on this
machine, calamine 0.15 s (docs/benchmarks.md). The template is written with openpyxl, which can add the
dropdowns.

A file is bounded before any parser sees it (issue 18, part 2): calamine builds a sheet as one dense grid
from its first to its last cell, so a 1.9 KB file with cells at A1 and XFD1048576 asked for 17 billion cells
and killed the worker; a 4 MB zip expanding to 1.3 GB did the same; a 400 MB cell went into the preview. So:

- the bytes: at most settings.IMPORT_MAX_BYTES, read no further;
- an .xlsx/.xlsm/.ods is a zip: its directory's declared sizes and compression ratios, then every member
  decompressed by zipfile in chunks, counted against settings.IMPORT_MAX_UNZIPPED_BYTES (a member whose data
  is longer than it declares fails its CRC), before calamine opens it;
- while the sheets stream past, the cell references and `<dimension ref>` of each worksheet: its last row and
  column within settings.IMPORT_MAX_SHEET_ROWS × IMPORT_MAX_SHEET_COLUMNS, and no text run between two tags
  longer than a cell could legitimately be (a first, byte-level bound on a huge cell);
- an .ods names no cell: its rows and cells say how often they repeat (`number-rows-repeated`,
  `number-columns-repeated`), and calamine expands every repeat that comes before a cell with content (a 1 KB
  file of 10,000 empty rows then one cell is a 10,002-row grid; trailing empty repeats are dropped). So the
  extent is counted as calamine will build it: the furthest row and column of a cell with content, repeats
  included, within the same caps;
- an .xls (the binary format of Excel 97–2003) is refused with a message to save it as .xlsx: it is not a zip,
  so none of the above can bound it before calamine builds its grid (up to 65,536 × 256 cells);
- after reading: every cell's text within settings.IMPORT_MAX_CELL_CHARS, every row within the column cap
  (CSV too).

Each refusal is a ValidationError with a Chinese message naming the limit; nothing is written.
"""

import csv
import io
import re
import zipfile
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineError, CalamineWorkbook

from .columns import ChoiceColumn, MultipleChoiceColumn, cell_text
from .resource import Table, gc_paused

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
SUFFIXES = EXCEL_SUFFIXES | {".csv"}
REFUSED_SUFFIXES = {
    ".xls": gettext_lazy("不支持旧版 Excel 文件（.xls），请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传。"),
}
DATA_SHEET = "数据"
HELP_SHEET = "说明"
CHOICES_SHEET = "可选值"
TEMPLATE_ROWS = 5000  # rows that get the dropdowns


def read_table(file, filename):
    """The first sheet of an Excel file, or a CSV file (UTF-8, or GB18030 as Excel saves it in China), each
    bounded before it is parsed (the module's docstring)."""
    suffix = Path(filename).suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise ValidationError(str(REFUSED_SUFFIXES[suffix]), code="format")
    if suffix not in SUFFIXES:
        raise ValidationError(_("请上传 Excel（.xlsx）或 CSV 文件。"), code="format")
    data = _read_bounded(file)
    # The collector paused while the rows are made: its passes went over the growing grid of cells, which all stay
    # alive, and within an import job the grid is then frozen out of them (resource.gc_paused).
    with gc_paused():
        return _table(data, suffix)


def _table(data, suffix):
    if suffix == ".csv":
        rows = _csv_rows(data)
    else:
        if suffix in ZIP_SUFFIXES:
            check_archive(data, ods=suffix == ".ods")
        try:
            rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(
                skip_empty_area=False)
        except (CalamineError, ValueError, IndexError):
            raise _unreadable()
    _check_cells(rows)
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
    rows = []
    try:
        for row in csv.reader(io.StringIO(text)):
            _check_width(len(row), len(rows) + 1)
            rows.append(row)
    except csv.Error:  # a field past csv.field_size_limit(), or a stray quote
        raise _too_long_cell(len(rows) + 1)
    return rows


# --- Bounds: bytes, the zip, the sheet's extent, each cell ------------------------------------------------

ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
CHUNK = 1 << 20
# In a sheet's XML: a cell's or a row's reference (<c r="XFD1048576">, <row r="7">), the declared extent.
# Starting on the literal r=" (whatever whitespace precedes it) keeps the scan at memchr speed.
REFERENCE = re.compile(rb'r="([A-Z]{0,3})([0-9]{1,10})"')
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+[0-9]+:)?([A-Z]{1,3})([0-9]{1,10})"')
OVERLAP = 64  # bytes of the previous chunk kept, so a reference cut in two is still seen


def _unreadable():
    return ValidationError(_("无法读取文件，请确认是 Excel 文件且未加密。"), code="unreadable")


def _read_bounded(file):
    limit = settings.IMPORT_MAX_BYTES
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("文件不能超过 %(n)d MB。") % {"n": limit // (1024 * 1024)}, code="too_large")
    return data


def _too_big_archive():
    return ValidationError(
        _("文件解压后过大（超过 %(n)d MB）或压缩比异常，不像是正常的 Excel 文件，已拒绝。")
        % {"n": settings.IMPORT_MAX_UNZIPPED_BYTES // (1024 * 1024)}, code="archive")


def _too_long_cell(row, column=None):
    message = (_("第%(row)d行第%(column)s列的内容超过%(n)d个字符，请检查文件。") if column
               else _("第%(row)d行有超过%(n)d个字符的内容，请检查文件。"))
    return ValidationError(message % {"row": row, "column": column, "n": settings.IMPORT_MAX_CELL_CHARS},
                           code="cell_too_long")


def _check_extent(rows, columns):
    if rows > settings.IMPORT_MAX_SHEET_ROWS or columns > settings.IMPORT_MAX_SHEET_COLUMNS:
        raise ValidationError(
            _("工作表的范围过大（最后一个单元格在第%(rows)d行第%(columns)d列）；一个工作表最多%(max_rows)d行、"
              "%(max_columns)d列。请删除多余的单元格后再上传。")
            % {"rows": rows, "columns": columns, "max_rows": settings.IMPORT_MAX_SHEET_ROWS,
               "max_columns": settings.IMPORT_MAX_SHEET_COLUMNS}, code="extent")


def _check_width(columns, row):
    if columns > settings.IMPORT_MAX_SHEET_COLUMNS:
        raise ValidationError(_("第%(row)d行有%(n)d列，一个工作表最多%(max)d列。")
                              % {"row": row, "n": columns, "max": settings.IMPORT_MAX_SHEET_COLUMNS},
                              code="extent")


@lru_cache(maxsize=4)
def _beyond(max_rows, max_columns):
    """A cell reference that may lie past the caps: its row written with as many digits as the row cap or more, or
    its column with as many letters as the column cap's (200: GR). Searching for one costs a third of reading every
    reference; a sheet within the caps mostly has none (a column past Z, a row past 99,999 are read in full)."""
    digits, letters = len(str(max_rows)), len(get_column_letter(max_columns))
    return re.compile(rb'r="(?:[A-Z]{0,3}[0-9]{%d}|[A-Z]{%d})' % (digits, letters))


def column_number(letters):
    """b"A" → 1, b"XFD" → 16384 (b"", a row's own reference, is 0)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


class _SheetScanner:
    """Fed a worksheet's XML chunk by chunk: refuses a last cell past the caps (from the cells' references and
    the declared dimension) and a text run past the byte bound of a cell, in one pass and constant memory."""

    def __init__(self):
        self.rows = self.columns = 0  # the furthest row and column seen so far (in the chunks that were measured)
        self.tail = b""
        self.run = 0  # bytes since the last "<"
        self.run_limit = settings.IMPORT_MAX_CELL_CHARS * 8  # a character is at most 8 bytes: &#x4E2D;
        self.beyond = _beyond(settings.IMPORT_MAX_SHEET_ROWS, settings.IMPORT_MAX_SHEET_COLUMNS)

    def feed(self, chunk):
        window = self.tail + chunk
        # The declared extent comes before the cells, near the top. The cells' references are read only in a chunk
        # where one of them could lie past the caps (`_beyond`): in a sheet within them, none (a third of the time).
        found = DIMENSION.findall(window, 0, 4096) if not self.tail else []
        if self.beyond.search(window):
            found += REFERENCE.findall(window)
        if found:  # map and set run in C: 120,000 references in a few milliseconds (a row's number once, not per cell)
            self.rows = max(self.rows, *map(int, set(map(itemgetter(1), found))))
            self.columns = max(self.columns, *map(column_number, set(map(itemgetter(0), found))))
            _check_extent(self.rows, self.columns)
        self.tail = window[-OVERLAP:]
        self.feed_text(chunk)

    def feed_text(self, chunk):
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
            too_long = self.run > self.run_limit
        else:
            too_long = self.run + first > self.run_limit or self._run_inside_too_long(chunk, first)
            self.run = len(chunk) - chunk.rfind(b"<") - 1
        if too_long:
            raise ValidationError(_("文件中有超过%(n)d个字符的单元格，请检查文件。")
                                  % {"n": settings.IMPORT_MAX_CELL_CHARS}, code="cell_too_long")

    def _run_inside_too_long(self, chunk, first):
        """Is a run of the chunk after its first "<" longer than the bound? When every stretch of half the bound
        from there holds a "<" (a memchr each), no run between two of them reaches it; only otherwise is the chunk
        cut at every "<" to measure its runs (cutting 8 MB of a sheet's XML into its 300,000 pieces was a fifth of
        reading a file, issue 18)."""
        half = max(self.run_limit // 2, 1)
        if all(chunk.find(b"<", start, start + half) >= 0 for start in range(first, len(chunk), half)):
            return False
        return max(map(len, chunk[first + 1:].split(b"<"))) > self.run_limit


# In an ODS's content.xml: a sheet, a row and a cell's start tags (any namespace prefix), a row's end.
ODS_TAG = re.compile(rb'<(?:\w+:)?(table|table-row|table-cell|covered-table-cell)([\s/>][^<>]*)?>'
                     rb'|</(?:\w+:)?table-row>')
ODS_REPEATED = re.compile(rb'number-(?:rows|columns)-repeated="([0-9]{1,10})"')
ODS_VALUE = re.compile(rb'value-type="')


class _OdsScanner(_SheetScanner):
    """Fed an ODS's content.xml chunk by chunk: the extent calamine will build, counted from the repeats of the
    rows and cells before the last cell with content (a cell with a value type, or with something inside it),
    and the text runs, in one pass and constant memory."""

    def __init__(self):
        super().__init__()
        self.carry = b""  # an unfinished tag at the end of the previous chunk
        self.row = 0  # rows of the current sheet before the current row
        self.row_span = 1  # how often the current row repeats
        self.column = 0  # cells of the current row before the next cell
        self.filled = False  # the current row has a cell with content

    def feed(self, chunk):
        self.feed_text(chunk)
        window = self.carry + chunk
        end = 0
        for match in ODS_TAG.finditer(window):
            end = match.end()
            name, attributes = match.group(1), match.group(2) or b""
            if name is None:  # </table-row>
                if self.filled:
                    self.rows = max(self.rows, self.row + self.row_span)
                self.row += self.row_span
            elif name == b"table":
                self.row = 0
            elif name == b"table-row":
                self.row_span, self.column, self.filled = self._repeated(attributes), 0, False
                if attributes.rstrip().endswith(b"/"):  # an empty row written as one tag
                    self.row += self.row_span
            else:
                span = self._repeated(attributes)
                if ODS_VALUE.search(attributes) or not attributes.rstrip().endswith(b"/"):
                    self.filled = True
                    self.columns = max(self.columns, self.column + span)
                self.column += span
            if self.filled:
                _check_extent(max(self.rows, self.row + self.row_span), self.columns)
        rest = window[end:]
        start = rest.rfind(b"<")
        self.carry = rest[start:] if start >= 0 and b">" not in rest[start:] else b""

    @staticmethod
    def _repeated(attributes):
        found = ODS_REPEATED.search(attributes)
        return int(found.group(1)) if found else 1


def _scan_of(scanner, name, ods=False):
    """What is checked in a member: a worksheet's extent and text runs (an ODS's content.xml: the extent its
    repeats make, and its text runs); the text runs of the shared strings; nothing in the rest (styles,
    images …), which is only counted."""
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return scanner.feed
    if name == "content.xml" and ods:
        return _OdsScanner().feed
    if name in {"xl/sharedStrings.xml", "content.xml"}:
        return scanner.feed_text
    return None


def check_archive(data, ods=False):
    """An .xlsx (.xlsm, .ods) is a zip: refuse a bomb and a sheet past the caps before any parser opens it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _unreadable()
    limit, ratio = settings.IMPORT_MAX_UNZIPPED_BYTES, settings.IMPORT_MAX_COMPRESSION_RATIO
    if sum(member.file_size for member in members) > limit or any(
            member.file_size > CHUNK and member.file_size > ratio * max(member.compress_size, 1)
            for member in members):
        raise _too_big_archive()
    total = 0
    try:
        for member in members:
            scan = _scan_of(_SheetScanner(), member.filename, ods)
            with archive.open(member) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise _too_big_archive()
                    if scan is not None:
                        scan(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
        raise _unreadable()  # a CRC that does not match (a size that lied), encryption, a broken stream


def _check_cells(rows):
    """Every cell's text within IMPORT_MAX_CELL_CHARS and every row within the column cap (exact, after the
    parser; the byte-level bound above kept it from reading a huge one)."""
    limit = settings.IMPORT_MAX_CELL_CHARS
    for number, cells in enumerate(rows, 1):
        _check_width(len(cells), number)
        for index, value in enumerate(cells, 1):
            if isinstance(value, str) and len(value) > limit:
                raise _too_long_cell(number, get_column_letter(index))


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

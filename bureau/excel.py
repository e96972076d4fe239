"""The one Excel writer behind every download — the lists' `?_export=xlsx`, the dashboards, the rankings.

    book = excel.workbook()
    excel.sheet(book, _("关键指标"), [_("指标代码"), _("指标名称")], rows)
    return excel.download(book, f"{area.name}{period.label}统计概览")

Why one writer: a file a clerk opens in Excel or WPS must behave the same whichever page it came from.

- Cells keep their type: dates and times are Excel dates (in Asia/Shanghai, never UTC), numbers are numbers,
  so a clerk can sort, filter and sum them.
- Text is only ever text. A record's title such as `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` would be a live
  formula if written as typed (formula injection); every string that Excel or WPS could read as a formula
  (starting with =, +, -, @, a tab or a carriage return) is stored as a string cell with the quote prefix, so
  it is shown exactly as typed and never evaluated, even after the cell is edited.
- Columns are as wide as their content (a CJK character counts double, capped), the header row is bold,
  frozen and carries an autofilter. Widths and the filter are fitted when the file is written, so a caller
  may append rows to a sheet after `sheet()` returns.
- The file name is Chinese: `download()` sends it the way browsers read it (RFC 6266/5987 `filename*`) with
  an ASCII fallback for older clients.

The import templates (bureau.imports.files) build their own workbook (drop-downs, notes) and echo no user
text; they are saved through `as_bytes` all the same.
"""

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
OPENPYXL_DATE_FORMATS = {"General", "yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"}  # what openpyxl gives by itself
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60
SHEET_NAME_FORBIDDEN = set('\\/*?:[]')  # a record's title may name a list (学法考试 “2026[上]”)
HEADER_ROW = "_bureau_header_row"  # where sheet() put the header: the sheet is fitted and filtered
FIXED_WIDTHS = "_bureau_fixed_widths"  # the columns whose width the caller gave


def workbook():
    """An empty workbook: add its sheets with `sheet()`."""
    book = Workbook()
    book.remove(book.active)
    return book


def sheet(book, title, header, rows=(), *, caption=None, widths=None):
    """A sheet named `title`: an optional caption line (in bold, larger), the header row (bold, wrapped, frozen
    below it, with an autofilter), then `rows`. `widths` maps column letters to widths (the others are fitted
    to their content). Returns the sheet for more rows."""
    name = "".join("_" if ch in SHEET_NAME_FORBIDDEN else ch for ch in str(title))
    page = book.create_sheet(name[:31])  # Excel's limit on a sheet name
    if caption:
        page.append([str(caption)])
        page.cell(row=1, column=1).font = Font(bold=True, size=14)
    page.append([str(title_) if title_ is not None else "" for title_ in header])
    for cell in page[page.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    setattr(page, HEADER_ROW, page.max_row)
    page.freeze_panes = f"A{page.max_row + 1}"  # (page.cell() would create the row below)
    for row in rows:
        page.append([cell_value(value) for value in row])
    for column, width in (widths or {}).items():
        page.column_dimensions[column].width = width
    setattr(page, FIXED_WIDTHS, set(widths or ()))
    return page


def cell_value(value):
    """A Python value as openpyxl should store it: aware datetimes in local time without their zone (Excel has
    none), Decimals as floats, other objects (lazy strings, records) as their text."""
    if value is None or isinstance(value, (bool, int, float, date, str)):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def text_width(text):
    """Columns a text needs: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _finish(page):
    """Neutralise formulas and give dates their format; on a sheet made by `sheet()`, also fit the widths and
    put the autofilter on the header row (a workbook built elsewhere, the import templates, keeps its own)."""
    header_row = getattr(page, HEADER_ROW, None)
    widths = {}
    for row in page.iter_rows():
        for cell in row:
            value = cell.value
            if value is None:
                continue
            if isinstance(value, str):
                if value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # openpyxl made a leading "=" a formula
                    cell.quotePrefix = True
                width = max(text_width(line) for line in value.split("\n"))
            elif isinstance(value, datetime):
                if cell.number_format in OPENPYXL_DATE_FORMATS:
                    cell.number_format = DATETIME_FORMAT
                width = len(DATETIME_FORMAT)
            elif isinstance(value, date):
                if cell.number_format in OPENPYXL_DATE_FORMATS:
                    cell.number_format = DATE_FORMAT
                width = len(DATE_FORMAT)
            else:
                width = len(str(value))
            if cell.row == 1 and header_row and header_row > 1:
                continue  # a caption spans the sheet; it does not widen the first column
            widths[cell.column_letter] = max(widths.get(cell.column_letter, 0), width)
    if not header_row:
        return
    fixed = getattr(page, FIXED_WIDTHS, set())
    for letter, width in widths.items():
        if letter not in fixed:
            page.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    if not page.auto_filter.ref:
        last = page.cell(row=header_row, column=page.max_column).column_letter
        page.auto_filter.ref = f"A{header_row}:{last}{max(page.max_row, header_row)}"


def as_bytes(book):
    for page in book.worksheets:
        _finish(page)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def content_disposition(filename):
    """`attachment` with the name as browsers read it (RFC 5987 `filename*`) and an ASCII fallback."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    fallback = "".join(ch for ch in stem.encode("ascii", "ignore").decode() if ch not in '"\\;').strip(" _-")
    if not any(ch.isalpha() for ch in fallback):
        fallback = "_".join(part for part in ("export", fallback) if part)
    fallback = f"{fallback}.{extension}" if extension else fallback
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download(book, name):
    """The workbook as an attachment named `name`.xlsx (a Chinese name is fine: see content_disposition)."""
    response = HttpResponse(as_bytes(book), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"{name}.xlsx")
    return response

"""The one Excel writer behind every download: a sheet with a bold, frozen header row, and the file response.

    book = excel.workbook()
    excel.sheet(book, _("关键指标"), [_("指标代码"), _("指标名称")], rows)
    return excel.download(book, f"{area.name}{period.label}统计概览")

(The lists' own `?_export=xlsx` go through django-tables2's exporter; the import templates are written by
bureau.imports.files, which adds drop-downs and notes to each column.)
"""

from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook():
    """An empty workbook: add its sheets with `sheet()`."""
    book = Workbook()
    book.remove(book.active)
    return book


def sheet(book, title, header, rows=(), *, caption=None, widths=None):
    """A sheet named `title`: an optional caption line (in bold, larger), the header row (bold, wrapped, frozen
    below it), then `rows`. `widths` maps column letters to widths. Returns the sheet for more rows."""
    page = book.create_sheet(str(title)[:31])  # Excel's limit on a sheet name
    if caption:
        page.append([str(caption)])
        page.cell(row=1, column=1).font = Font(bold=True, size=14)
    page.append([str(title_) if title_ is not None else "" for title_ in header])
    for cell in page[page.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    page.freeze_panes = f"A{page.max_row + 1}"  # (page.cell() would create the row below)
    for row in rows:
        page.append(list(row))
    for column, width in (widths or {}).items():
        page.column_dimensions[column].width = width
    return page


def as_bytes(book):
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(book, name):
    """The workbook as an attachment named `name`.xlsx. The header is the one FileResponse(as_attachment=True,
    filename=…) writes (RFC 5987 for a Chinese name); the body is built in memory, so a plain response."""
    response = HttpResponse(as_bytes(book), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{name}.xlsx")
    return response

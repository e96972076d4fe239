"""Import helpers shared by the apps' resource tests: a sheet built in memory, validated and, when valid, saved."""

import io

import openpyxl

from bureau.imports import get_resource
from bureau.imports.files import read_table


def xlsx(headers, rows):
    """The rows ({header: value}) as the bytes of an .xlsx with `headers` in its first row."""
    book = openpyxl.Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table(headers, rows):
    """The rows ({header: value}) as the pipeline reads an uploaded .xlsx."""
    return read_table(io.BytesIO(xlsx(headers, rows)), "导入.xlsx")


def run(name, headers, rows, user):
    """Validate the sheet with resource `name`; save it when every row is valid. Returns the validation result."""
    resource = get_resource(name)
    result = resource.validate(table(headers, rows), user)
    if result.is_valid:
        resource.save(result, user)
    return result

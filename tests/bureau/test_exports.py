"""Exports that open right: a Chinese file name browsers read, real dates and numbers, fitted columns, a frozen
and filtered header, and no formula from a record's text (issue 17.3, 18.4)."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau import excel
from bureau.models import Role
from tests.factories import OrganisationFactory, ReminderFactory

INJECTIONS = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1"]


def chinese_name(response):
    """The file name of the `filename*=UTF-8''…` parameter (RFC 5987), decoded."""
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and 'filename="' in disposition  # the ASCII fallback
    encoded = disposition.split("filename*=UTF-8''", 1)[1].split(";")[0]
    return unquote(encoded)


def opened(response):
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX
    return load_workbook(BytesIO(response.content)).active


def rows_of(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_todo_list_export_has_its_chinese_name_real_dates_and_a_frozen_filtered_header(client_for, personas, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="核对辖区信息", due_on=date(2026, 3, 5))
    response = client_for(personas.clerk_a).get(reverse("bureau:reminder_list"), {"state": "", "_export": "xlsx"})
    assert chinese_name(response) == f"待办事项_{timezone.localdate():%Y-%m-%d}.xlsx"
    assert f'filename="export_{timezone.localdate():%Y-%m-%d}.xlsx"' in response["Content-Disposition"]
    sheet = opened(response)
    rows = rows_of(sheet)
    assert rows[0][:5] == ["事项", "业务", "责任单位", "责任人", "办理期限"]
    due = sheet.cell(row=2, column=5)
    assert isinstance(due.value, (date, datetime)) and due.value.date() == date(2026, 3, 5)
    assert due.number_format == "yyyy-mm-dd"
    assert rows[1][0] == "核对辖区信息" and rows[1][2] == "桂园街道" and rows[1][5] == "待办"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F2"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width >= 2 * len("核对辖区信息")  # CJK counts double
    assert sheet.column_dimensions["E"].width >= len("2026-03-05")


def test_a_mediation_list_export_has_its_name_dates_and_numbers(client_for, personas, areas):
    OrganisationFactory(name="桂园街道人民调解委员会", area=areas.street_a, founded_on=date(2023, 5, 8), devices=3)
    response = client_for(personas.clerk_a).get(reverse("mediation:organisation_list"), {"_export": "xlsx"})
    assert chinese_name(response) == f"人民调解组织_{timezone.localdate():%Y-%m-%d}.xlsx"
    sheet = opened(response)
    header = rows_of(sheet)[0]
    founded = sheet.cell(row=2, column=header.index("成立日期") + 1)
    assert isinstance(founded.value, (date, datetime)) and founded.value.date() == date(2023, 5, 8)
    devices = sheet.cell(row=2, column=header.index("在线司法确认终端") + 1)
    assert devices.value == 3 and devices.data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[letter].width > 3 for letter in "ABCDEF")


@pytest.mark.parametrize("title", INJECTIONS)
def test_defect_4_formula_injection_in_a_list_export_comes_out_as_text(client_for, personas, areas, title):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title=title)
    sheet = opened(client_for(personas.clerk_a).get(reverse("bureau:reminder_list"), {"_export": "xlsx"}))
    cell = sheet["A2"]
    assert cell.value == title and cell.data_type == "s" and cell.data_type != "f"
    assert cell.quotePrefix  # Excel and WPS keep it text even after the cell is edited


def test_defect_4_formula_injection_in_a_second_app_and_in_the_writer_itself(client_for, personas, areas):
    OrganisationFactory(name='=HYPERLINK("http://x","点我")', area=areas.street_a)
    sheet = opened(client_for(personas.clerk_a).get(reverse("mediation:organisation_list"), {"_export": "xlsx"}))
    assert sheet["A2"].value == '=HYPERLINK("http://x","点我")' and sheet["A2"].data_type == "s"

    book = excel.workbook()
    page = excel.sheet(book, "测试", ["内容"], [["=1+1"]])
    page.append(["=2+2"])  # rows appended after sheet() are neutralised too, when the file is written
    reread = load_workbook(BytesIO(excel.as_bytes(book))).active
    assert [cell.data_type for cell in reread["A"][1:]] == ["s", "s"]


def test_the_writer_keeps_datetimes_in_local_time_and_numbers_as_numbers():
    book = excel.workbook()
    moment = datetime(2026, 11, 30, 1, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 in Shanghai
    excel.sheet(book, "测试", ["时间", "金额", "件数"], [[moment, Decimal("12.50"), 7]])
    sheet = load_workbook(BytesIO(excel.as_bytes(book))).active
    assert sheet["A2"].value == datetime(2026, 11, 30, 9, 30) and sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["B2"].value == 12.5 and sheet["C2"].value == 7


def test_a_download_name_in_chinese_has_an_ascii_fallback():
    assert excel.content_disposition("法律援助案件_2026-11-30.xlsx") == (
        "attachment; filename=\"export_2026-11-30.xlsx\"; "
        "filename*=UTF-8''%E6%B3%95%E5%BE%8B%E6%8F%B4%E5%8A%A9%E6%A1%88%E4%BB%B6_2026-11-30.xlsx"
    )
    assert excel.content_disposition("advisors-440303-2026-11.xlsx").startswith(
        'attachment; filename="advisors-440303-2026-11.xlsx"')


def test_an_export_runs_a_constant_number_of_queries(client_for, personas, areas, django_assert_max_num_queries):
    for n in range(30):
        ReminderFactory(area=areas.street_a, role=Role.STREET, assignee=personas.clerk_a, title=f"待办{n}")
    client = client_for(personas.clerk_a)
    # session and user (2), the user's area (1), the count and the rows (2), the session re-save (3).
    with django_assert_max_num_queries(9):
        sheet = opened(client.get(reverse("bureau:reminder_list"), {"_export": "xlsx"}))
    assert sheet.max_row == 31


def test_defect_4_formula_injection_in_a_workbook_built_elsewhere_the_import_templates():
    """bureau.imports.files builds its own workbook (drop-downs of choices, which may hold a record's name); it
    is saved through excel.as_bytes, which neutralises it too but keeps the template's own widths."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["=HYPERLINK(\"http://x\")", "街道"])
    book.active.column_dimensions["A"].width = 30
    sheet = load_workbook(BytesIO(excel.as_bytes(book))).active
    assert sheet["A1"].data_type == "s" and sheet["A1"].value == '=HYPERLINK("http://x")'
    assert sheet.column_dimensions["A"].width == 30 and not sheet.auto_filter.ref


def test_a_list_titled_with_characters_a_sheet_name_refuses_still_exports():
    book = excel.workbook()
    assert excel.sheet(book, "学法考试[上]/2026?", ["a"]).title == "学法考试_上__2026_"

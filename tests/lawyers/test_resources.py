"""Importing the law-firm and lawyer registry (lawyers.resources)."""

import io
from datetime import date, timedelta

import openpyxl
from django.urls import reverse
from django.utils import timezone

from bureau.imports import get_resource
from bureau.imports.files import read_table
from lawyers.models import LawFirm, Lawyer
from tests.factories import credit_code, resident_id

FIRM_HEADERS = ["名称", "统一社会信用代码", "街道", "地址", "电话", "负责人", "成立日期", "状态"]
LAWYER_HEADERS = ["姓名", "身份证号码", "执业证号", "类别", "执业机构", "街道", "首次执业日期", "业务专长",
                  "承办法律援助案件", "电话", "状态"]


def run(name, headers, rows, user):
    book = openpyxl.Workbook()
    book.active.append(headers)
    for r in rows:
        book.active.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    resource = get_resource(name)
    result = resource.validate(read_table(buffer, "f.xlsx"), user)
    if result.is_valid:
        resource.save(result, user)
    return result


def test_law_firms_are_imported_and_credit_codes_checked(personas, registry):
    good = credit_code("91440303MA5F00001")
    rows = [
        ["广东新桂园律师事务所", good.lower(), "桂园", "桂园路1号", 82000000, "张三", date(2018, 5, 4), "执业"],
        ["重复的所", good, "桂园", "", "", "", "", ""],  # row 3: same code as row 2
        ["已登记的所", registry.firm_a.credit_code, "桂园", "", "", "", "", ""],  # row 4: already registered
        ["校验位错", good[:-1] + ("1" if good[-1] != "1" else "2"), "桂园", "", "", "", "", ""],  # row 5
    ]
    result = run("lawyers.lawfirm", FIRM_HEADERS, rows, personas.clerk_a)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(3, "统一社会信用代码")] == "与第2行重复。"
    assert "系统中已有" in found[(4, "统一社会信用代码")]
    assert "校验位不正确" in found[(5, "统一社会信用代码")]
    assert LawFirm.objects.count() == 2

    result = run("lawyers.lawfirm", FIRM_HEADERS, rows[:1], personas.clerk_a)
    firm = LawFirm.objects.get(credit_code=good)  # upper-cased as the registry stores it
    assert result.errors == [] and firm.phone == "82000000" and firm.founded_on == date(2018, 5, 4)


def test_lawyers_are_imported_with_their_firm_by_credit_code(personas, registry):
    rows = [
        ["王律师", resident_id(sequence="135"), "14403201910000011", "专职律师", registry.firm_a.credit_code, "",
         "2019-07-01", "劳动争议, 婚姻家庭", "是", "13800138000", ""],
        ["公职律师", "", "14403202010000012", "公职律师", "", "桂园街道", "2020-01-02", "", "否", "", "执业"],
    ]
    result = run("lawyers.lawyer", LAWYER_HEADERS, rows, personas.clerk_a)
    assert result.errors == []
    wang = Lawyer.objects.get(certificate_number="14403201910000011")
    assert wang.firm == registry.firm_a and wang.area == registry.firm_a.area  # the firm's street
    assert wang.specialties == ["labour", "family"] and wang.legal_aid_available and wang.phone == "13800138000"
    public = Lawyer.objects.get(certificate_number="14403202010000012")
    assert public.firm is None and not public.legal_aid_available


def test_a_lawyer_row_that_breaks_a_rule_names_its_column(personas, registry):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    rows = [
        ["无所律师", "", "14403201910000021", "专职律师", "", "桂园", "2019-07-01", "", "", "", ""],  # row 2
        ["他区的所", "", "14403201910000022", "", registry.firm_b.credit_code, "", "2019-07-01", "", "", "", ""],
        ["证号错", "", "1440320191", "", registry.firm_a.credit_code, "", tomorrow, "", "也许", "", ""],
        ["无街道", "", "14403201910000024", "公职律师", "", "", "2019-07-01", "", "", "", ""],  # row 5
    ]
    result = run("lawyers.lawyer", LAWYER_HEADERS, rows, personas.clerk_a)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert "须填写执业的律师事务所" in found[(2, "执业机构")]
    assert "未找到律师事务所" in found[(3, "执业机构")]  # street B's firm is not clerk_a's to name
    assert found[(4, "执业证号")] == "律师执业证号应为17位数字。"
    assert found[(4, "首次执业日期")] == "日期不能晚于今天。" and (4, "承办法律援助案件") in found
    assert "街道为必填项" in found[(5, "街道")]
    assert Lawyer.objects.count() == 2  # the registry's own two


# --- An import writes exactly what the page writes ---------------------------------------------------------


def _fields(obj, exclude):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in exclude}


def test_an_imported_firm_is_the_firm_the_page_registers(client_for, personas, registry):
    """The registry has no lifecycle: the page saves the form (the model's checks), the import the same columns
    with the same checks; the same firm comes out, whoever of the two wrote it."""
    page, imported = credit_code("91440303MA5F00011"), credit_code("91440303MA5F00012")
    founded = (timezone.localdate() - timedelta(days=3000)).isoformat()
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawfirm_create"), {
        "name": "广东新桂园律师事务所", "credit_code": page.lower(), "area": personas.clerk_a.area.pk,
        "director": "张三", "address": "桂园路1号", "phone": "82000000", "founded_on": founded})
    assert response.status_code == 302
    result = run("lawyers.lawfirm", FIRM_HEADERS, [["广东新桂园律师事务所", imported.lower(), "桂园", "桂园路1号",
                                                    "82000000", "张三", founded, ""]], personas.clerk_a)
    assert result.errors == []
    by_page, by_import = LawFirm.objects.get(credit_code=page), LawFirm.objects.get(credit_code=imported)
    assert _fields(by_import, {"id", "credit_code"}) == _fields(by_page, {"id", "credit_code"})


def test_an_imported_lawyer_is_the_lawyer_the_page_registers(client_for, personas, registry):
    firm = registry.firm_a
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"), {
        "name": "王律师", "certificate_number": "14403201910000031", "id_number": resident_id(sequence="137"),
        "kind": "full_time", "firm": firm.pk, "area": firm.area_id, "practice_start": "2019-07-01",
        "specialties": ["labour", "family"], "legal_aid_available": "on", "phone": "13800138000"})
    assert response.status_code == 302
    result = run("lawyers.lawyer", LAWYER_HEADERS, [
        ["王律师", resident_id(sequence="139"), "14403201910000032", "专职律师", firm.credit_code, "",
         "2019-07-01", "劳动争议, 婚姻家庭", "是", "13800138000", ""]], personas.clerk_a)
    assert result.errors == []
    by_page = Lawyer.objects.get(certificate_number="14403201910000031")
    by_import = Lawyer.objects.get(certificate_number="14403201910000032")
    different = {"id", "certificate_number", "id_number"}
    assert _fields(by_import, different) == _fields(by_page, different)

"""Importing the registers the section keeps (normative_docs.resources): the normative documents already issued
(numbers checked and unique per issuer and year, against the file and the database), the enforcement officers
roster and the year's catalogue of major decisions. Each has its template; a file with one bad row writes
nothing and names the row; a unit user may not import them."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from bureau.imports import resources_for
from bureau.models import Reminder
from normative_docs.models import Document, EnforcementOfficer, MajorDecision, Status
from normative_docs.reminders import FILING_DUE
from tests.importing import run

# The dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)

DOC_HEADERS = ["制定机关（起草单位）", "文件名称", "文号", "印发日期", "有效期至", "报送备案日期", "备案登记号", "状态",
               "修改、废止或失效日期"]
OFFICER_HEADERS = ["所在单位", "姓名", "执法证号", "有效期至"]
DECISION_HEADERS = ["目录年度", "决策事项", "承办单位", "列入听证目录", "列入目录日期"]
NAMES = ["normative_docs.issued_document", "normative_docs.officer", "normative_docs.major_decision"]


def doc(**cells):
    values = {"制定机关（起草单位）": "罗湖区住房和建设局", "文件名称": "罗湖区保障性住房管理办法",
              "文号": "深罗规〔2024〕2号", "印发日期": "2024-05-06", "报送备案日期": "2024-05-15",
              "备案登记号": "深备2024-12"}
    values.update(cells)
    return values


@pytest.mark.parametrize("name,headers", list(zip(NAMES, [DOC_HEADERS, OFFICER_HEADERS, DECISION_HEADERS])))
def test_each_register_has_its_template_and_is_the_section_s(law, client_for, name, headers):
    response = client_for(law.section).get(reverse("imports:resource_template", args=[name]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["数据"][1]] == headers
    assert name in {r.name for r in resources_for(law.section)}
    assert name not in {r.name for r in resources_for(law.drafter_a)}


def test_issued_documents_are_registered_with_the_issue_rules(law):
    result = run("normative_docs.issued_document", DOC_HEADERS, [
        doc(),
        doc(**{"文件名称": "罗湖区城市更新办法", "文号": "深罗规[2021]01号", "印发日期": "2021-02-01",
               "有效期至": "2026-01-31", "报送备案日期": None, "备案登记号": None, "状态": "已失效",
               "修改、废止或失效日期": "2026-02-01"}),
        doc(**{"制定机关（起草单位）": "罗湖区桂园街道办事处", "文件名称": "桂园街道网格管理办法",
               "文号": "深罗桂规〔2026〕1号", "印发日期": "2026-06-01", "报送备案日期": None, "备案登记号": None}),
    ], law.section)
    assert result.errors == []
    documents = {d.title: d for d in Document.objects.all()}
    housing = documents["罗湖区保障性住房管理办法"]
    assert (housing.status, housing.kind, housing.unit, housing.valid_until, housing.filed_on, housing.number_prefix,
            housing.number_year, housing.number_seq) == (Status.ISSUED, "normative", law.unit_a, date(2029, 5, 5),
                                                         date(2024, 5, 15), "深罗规", 2024, 2)
    renewal = documents["罗湖区城市更新办法"]
    assert (renewal.number, renewal.status, renewal.closed_on) == ("深罗规〔2021〕1号", Status.EXPIRED,
                                                                   date(2026, 2, 1))
    street = documents["桂园街道网格管理办法"]
    # not filed yet: its filing clock runs, as for a document issued through the pages
    assert Reminder.objects.for_object(street).get(kind=FILING_DUE).due_on == street.filing_due_on
    assert not Reminder.objects.for_object(housing).filter(kind=FILING_DUE).exists()


def test_a_document_file_with_one_bad_row_writes_nothing_and_names_each_row(law):
    from normative_docs import services

    services.document_register_issued(document=Document(
        unit=law.unit_a, title="已登记的办法", number="深罗规〔2025〕7号", issued_on=date(2025, 3, 3)), by=law.section)
    result = run("normative_docs.issued_document", DOC_HEADERS, [
        doc(),  # row 2: good
        doc(**{"文件名称": "重号文件", "文号": "深罗规〔2025〕7号", "印发日期": "2025-04-01"}),  # 3: in the database
        doc(**{"文件名称": "同文件重号"}),  # row 4: repeats row 2
        doc(**{"文件名称": "格式错误", "文号": "深罗规2024-3"}),
        doc(**{"文件名称": "年份不符", "文号": "深罗规〔2023〕3号"}),
        doc(**{"文件名称": "超过五年", "文号": "深罗规〔2024〕4号", "有效期至": "2030-01-01"}),
        doc(**{"文件名称": "外区单位", "文号": "深罗规〔2024〕5号",
               "制定机关（起草单位）": "光明区城市管理和综合执法局"}),
    ], law.section)
    assert list(Document.objects.values_list("title", flat=True)) == ["已登记的办法"]
    by_row = {e.row: (e.column, e.message) for e in result.errors}
    assert 2 not in by_row
    assert by_row[3] == ("文号", "文号深罗规〔2025〕7号已被《已登记的办法》使用，同一发文机关同一年度的文号不能重复。")
    assert by_row[4] == ("文号", "文号深罗规〔2024〕2号已被《罗湖区保障性住房管理办法》使用，"
                                 "同一发文机关同一年度的文号不能重复。")
    assert by_row[5][0] == "文号" and "格式不正确" in by_row[5][1]
    assert by_row[6] == ("文号", "文号年份2023应与印发日期的年份2024一致。")
    assert by_row[7][0] == "有效期至" and "不得超过5年" in by_row[7][1]
    assert by_row[8][0] == "制定机关（起草单位）"


def test_the_officers_roster_all_or_nothing(law):
    def officer(unit, name, number, valid_until="2027-06-30"):
        return {"所在单位": unit, "姓名": name, "执法证号": number, "有效期至": valid_until}

    rows = [officer("罗湖区住房和建设局", "赵执法", "a440303001", "2028-12-31"),
            officer("罗湖区桂园街道办事处", "钱执法", "A440303002")]
    bad = run("normative_docs.officer", OFFICER_HEADERS, [
        *rows, officer("罗湖区桂园街道办事处", "孙执法", "A440303002"),
        officer("罗湖区桂园街道办事处", "", "A440303004")], law.section)
    assert not EnforcementOfficer.objects.exists()
    assert {(e.row, e.column) for e in bad.errors} == {(4, "执法证号"), (5, "姓名")}
    good = run("normative_docs.officer", OFFICER_HEADERS, rows, law.section)
    assert good.errors == []
    assert set(EnforcementOfficer.objects.values_list("name", "certificate_number", "unit")) == {
        ("赵执法", "A440303001", law.unit_a.pk), ("钱执法", "A440303002", law.unit_b.pk)}


def test_the_year_s_catalogue_of_major_decisions_all_or_nothing(law):
    rows = [{"目录年度": 2026, "决策事项": "罗湖区城市更新专项规划", "承办单位": "罗湖区住房和建设局",
             "列入听证目录": "是"},
            {"目录年度": 2026, "决策事项": "桂园街道老旧小区改造方案", "承办单位": "罗湖区桂园街道办事处",
             "列入听证目录": "否", "列入目录日期": "2026-02-10"}]
    bad = run("normative_docs.major_decision", DECISION_HEADERS, [
        *rows, {"目录年度": 2026, "决策事项": "罗湖区城市更新专项规划", "承办单位": "罗湖区住房和建设局"}], law.section)
    assert not MajorDecision.objects.exists()
    assert [(e.row, e.column) for e in bad.errors] == [(4, "决策事项")]
    assert "2026年度目录已有“罗湖区城市更新专项规划”" in bad.errors[0].message
    good = run("normative_docs.major_decision", DECISION_HEADERS, rows, law.section)
    assert good.errors == []
    decisions = {d.title: d for d in MajorDecision.objects.all()}
    plan = decisions["罗湖区城市更新专项规划"]
    assert (plan.year, plan.unit, plan.hearing, plan.catalogued_on, plan.status) == (
        2026, law.unit_a, True, date(2026, 1, 1), "catalogued")
    assert decisions["桂园街道老旧小区改造方案"].catalogued_on == date(2026, 2, 10)

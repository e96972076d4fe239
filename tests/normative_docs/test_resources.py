"""Importing the reconsideration and litigation ledgers (normative_docs.resources): historic cases through the
services' steps, all or nothing, a refused row named with its column."""

from datetime import date

import pytest

from bureau.imports import get_resource, resources_for
from normative_docs.models import Hearing, Litigation, Reconsideration
from tests.importing import run

# The dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)

RECON_HEADERS = ["申请人", "被申请人", "被申请人单位", "行政行为类别", "申请方式", "收到申请日期", "受理日期",
                 "适用简易程序", "不予受理日期", "不予受理理由", "延期批准日期", "延期理由", "审结日期", "审结方式"]
SUIT_HEADERS = ["审理法院", "法院案号", "审级", "原告（上诉人）", "被告", "被告单位", "行政行为类别",
                "收到应诉通知日期", "第一次开庭日期", "第一次负责人出庭应诉", "第一次出庭负责人", "第二次开庭日期",
                "第二次负责人出庭应诉", "判决或裁定日期", "裁判结果"]


def recon(**cells):
    values = {"申请人": "陈某", "被申请人": "罗湖区住房和建设局", "被申请人单位": "罗湖区住房和建设局",
              "行政行为类别": "行政处罚", "收到申请日期": "2025-03-03", "受理日期": "2025-03-07",
              "审结日期": "2025-04-20", "审结方式": "维持"}
    values.update(cells)
    return values


def test_historic_reconsiderations_go_through_the_services_steps(law):
    result = run("normative_docs.reconsideration", RECON_HEADERS, [
        recon(),
        recon(**{"申请人": "李某", "收到申请日期": "2025-01-06", "受理日期": "2025-01-08", "延期批准日期": "2025-03-01",
                 "延期理由": "案情复杂", "审结日期": "2025-04-02", "审结方式": "撤销"}),
        recon(**{"申请人": "王某", "收到申请日期": "2025-12-29", "受理日期": None, "审结日期": None, "审结方式": None,
                 "不予受理日期": "2025-12-31", "不予受理理由": "超过申请期限"}),
        recon(**{"申请人": "赵某", "收到申请日期": "2025-12-22", "受理日期": "2025-12-24", "审结日期": None,
                 "审结方式": None, "适用简易程序": "是"}),
    ], law.section)
    assert result.errors == []
    cases = {c.applicant: c for c in Reconsideration.objects.all()}
    # numbered in the order they were received
    assert [cases[n].number for n in ("李某", "陈某", "赵某", "王某")] == [
        f"罗复〔2025〕000{n}号" for n in (1, 2, 3, 4)]
    assert (cases["陈某"].status, cases["陈某"].decision, cases["陈某"].respondent_unit) == ("concluded", "upheld",
                                                                                         law.unit_a)
    assert cases["李某"].is_extended and cases["李某"].decision == "revoked"
    assert cases["王某"].status == "refused" and cases["赵某"].simple_procedure and cases["赵某"].status == "accepted"
    assert all(c.created_by == law.section for c in cases.values())


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row(law):
    result = run("normative_docs.reconsideration", RECON_HEADERS, [
        recon(),
        recon(**{"申请人": "李某", "受理日期": "2025-03-01"}),  # accepted before it was received: the service says it
        recon(**{"申请人": "王某", "审结方式": None}),
        recon(**{"申请人": "孙某", "被申请人单位": "光明区城市管理和综合执法局"}),
    ], law.section)
    assert not Reconsideration.objects.exists()
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert "受理日期" in by_row[(3, "受理日期")] and "不能早于" in by_row[(3, "受理日期")]
    assert by_row[(4, "审结方式")] == "审结日期和审结方式须同时填写。"
    assert (5, "被申请人单位") in by_row
    assert len(result.errors) == 3


def test_a_unit_user_and_the_leader_may_not_import_the_ledgers(law, personas):
    names = {r.name for r in resources_for(law.drafter_a)}
    assert "normative_docs.reconsideration" not in names and "normative_docs.litigation" not in names
    assert "normative_docs.reconsideration" in {r.name for r in resources_for(law.section)}
    assert not get_resource("normative_docs.litigation").allowed(personas.leader)


def suit(**cells):
    values = {"审理法院": "罗湖区人民法院", "法院案号": "（2025）粤0303行初12号", "原告（上诉人）": "深圳某公司",
              "被告": "罗湖区住房和建设局", "被告单位": "罗湖区住房和建设局", "行政行为类别": "行政处罚",
              "收到应诉通知日期": "2025-05-06", "第一次开庭日期": "2025-06-10", "第一次负责人出庭应诉": "是",
              "第一次出庭负责人": "王局长", "判决或裁定日期": "2025-07-01", "裁判结果": "判决驳回诉讼请求"}
    values.update(cells)
    return values


def test_historic_lawsuits_with_their_hearings(law):
    result = run("normative_docs.litigation", SUIT_HEADERS, [
        suit(),
        suit(**{"法院案号": "（2025）粤0303行初13号", "第二次开庭日期": "2025-06-20", "第二次负责人出庭应诉": "否",
                "裁判结果": "判决撤销"}),
        suit(**{"法院案号": "（2025）粤03行终7号", "审理法院": "深圳市中级人民法院", "审级": "二审",
                "判决或裁定日期": None, "裁判结果": None}),
    ], law.section)
    assert result.errors == []
    cases = {c.case_number: c for c in Litigation.objects.all()}
    assert cases["（2025）粤0303行初12号"].lost is False and cases["（2025）粤0303行初13号"].lost is True
    assert cases["（2025）粤03行终7号"].concluded_on is None and cases["（2025）粤03行终7号"].instance == "second"
    assert list(Hearing.objects.filter(case=cases["（2025）粤0303行初13号"]).values_list("head_appeared", flat=True)
                .order_by("held_on")) == [True, False]


@pytest.mark.parametrize("cells, column, message", [
    ({"第一次出庭负责人": None}, "第一次出庭负责人", "负责人出庭应诉的，请填写出庭负责人姓名。"),
    ({"第一次开庭日期": "2025-05-01"}, "第一次开庭日期", "不能早于"),
    ({"裁判结果": None}, "裁判结果", "判决或裁定日期和裁判结果须同时填写。"),
])
def test_a_bad_lawsuit_row_is_named_and_nothing_written(law, cells, column, message):
    result = run("normative_docs.litigation", SUIT_HEADERS, [suit(**{"法院案号": "（2025）粤0303行初1号"}),
                                                             suit(**cells)], law.section)
    assert not Litigation.objects.exists()
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message


def test_a_case_number_repeated_in_the_file_or_already_registered_is_refused(law):
    assert run("normative_docs.litigation", SUIT_HEADERS, [suit()], law.section).errors == []
    result = run("normative_docs.litigation", SUIT_HEADERS, [suit(**{"法院案号": "（2025）粤0303行初99号"}),
                                                             suit(**{"法院案号": "（2025）粤0303行初99号"}), suit()],
                 law.section)
    assert {(e.row, e.column) for e in result.errors} == {(3, "法院案号"), (4, "法院案号")}
    assert Litigation.objects.count() == 1

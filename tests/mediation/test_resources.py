"""Importing organisations, mediators and cases (mediation.resources): the services' rules for a whole file,
all or nothing."""

from datetime import date

import pytest

from bureau.imports import get_resource, resources_for
from bureau.models import Reminder
from mediation.models import Case, Mediator, Organisation, Party, Status
from tests.factories import resident_id
from tests.importing import run

# The dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)

CASE_HEADERS = ["调解组织", "受理日期", "案件来源", "委托移送单位", "纠纷类型", "主持调解员", "涉案金额（元）",
                "纠纷简要情况", "当事人一姓名", "当事人一类型", "当事人一身份证号码", "当事人一联系电话",
                "当事人二姓名", "当事人二身份证号码"]




def case_row(**cells):
    values = {"调解组织": "桂园街道人民调解委员会", "受理日期": "2026-03-02", "案件来源": "当事人申请",
              "纠纷类型": "邻里纠纷", "主持调解员": "陈调解", "涉案金额（元）": "12000", "纠纷简要情况": "漏水",
              "当事人一姓名": "王大伟", "当事人一身份证号码": resident_id(),
              "当事人二姓名": "李小红", "当事人二身份证号码": resident_id(sequence="246")}
    values.update(cells)
    return values


def test_a_clean_file_of_cases_is_accepted_as_the_page_accepts_them(personas, world):
    result = run("mediation.case", CASE_HEADERS, [
        case_row(),
        case_row(**{"当事人二姓名": None, "当事人二身份证号码": None, "纠纷类型": "劳动争议纠纷", "主持调解员": "吴调解"}),
        case_row(**{"案件来源": "法院委托移送", "委托移送单位": "罗湖区人民法院", "当事人一类型": "法人或其他组织",
                    "当事人一姓名": "某物业公司", "当事人一身份证号码": None}),
    ], personas.clerk_a)
    assert result.errors == []
    first, second, third = Case.objects.order_by("number")
    assert [c.number for c in (first, second, third)] == [f"罗调〔2026〕0000{n}号" for n in (1, 2, 3)]
    assert first.status == Status.ACCEPTED and first.area == world.committee_a.area
    assert first.created_by == personas.clerk_a and first.mediator == world.mediator_a
    assert [p.name for p in first.parties.all()] == ["王大伟", "李小红"]
    assert second.parties.count() == 1 and second.mediator == world.mediator_a2
    assert third.parties.first().kind == Party.Kind.ORGANISATION
    assert Reminder.objects.filter(kind="mediation.conclusion_due", object_id__in=[first.pk, second.pk]).count() == 2


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row_and_column(personas, world):
    result = run("mediation.case", CASE_HEADERS, [
        case_row(),
        case_row(**{"案件来源": "法院委托移送"}),  # a referral without the referring body
        case_row(),
    ], personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [(3, "委托移送单位")]
    assert "委托移送单位" in result.errors[0].message
    assert not Case.objects.exists() and not Party.objects.exists()


def test_each_rule_of_the_service_is_named_by_its_row_and_column(personas, world):
    bad_id = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    result = run("mediation.case", CASE_HEADERS, [
        case_row(**{"调解组织": "黄贝街道人民调解委员会", "主持调解员": "黄调解"}),  # another street's committee
        case_row(**{"主持调解员": "黄调解"}),  # not a mediator of this committee
        case_row(**{"受理日期": "2019-06-01"}),  # before the committee was founded
        case_row(**{"当事人一身份证号码": bad_id}),
        case_row(**{"当事人二姓名": None}),  # a second party's number without their name
        case_row(**{"当事人一类型": "法人或其他组织"}),  # an organisation with an ID number
    ], personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "调解组织"), (3, "主持调解员"), (4, "受理日期"), (5, "当事人一身份证号码"), (6, "当事人二姓名"),
        (7, "当事人一身份证号码")]
    assert not Case.objects.exists()


def test_a_mediator_imports_cases_of_their_own_committee_only(world):
    result = run("mediation.case", CASE_HEADERS, [case_row(**{"调解组织": "黄贝街道人民调解委员会"})],
                 world.mediator_user)
    assert [(e.row, e.column) for e in result.errors] == [(2, "调解组织")]
    assert run("mediation.case", CASE_HEADERS, [case_row()], world.mediator_user).errors == []
    names = {r.name for r in resources_for(world.mediator_user)}
    assert "mediation.case" in names and "mediation.organisation" not in names and "mediation.mediator" not in names


ORG_HEADERS = ["名称", "类型", "组织形式", "行业领域", "所在区域", "成立日期", "备案日期", "备案编号"]


def test_organisations_are_imported_and_the_unfiled_ones_become_to_dos(personas, areas):
    result = run("mediation.organisation", ORG_HEADERS, [
        {"名称": "桂园物业调解室", "类型": "街道人民调解委员会", "组织形式": "调解室", "行业领域": "物业",
         "所在区域": "440303001", "成立日期": "2026-03-01"},
        {"名称": "桂园劳动调委会", "类型": "行业性专业性人民调解委员会", "行业领域": "劳动", "所在区域": "桂园街道",
         "成立日期": "2026-01-05", "备案日期": "2026-01-20", "备案编号": "罗调备2026009"},
    ], personas.clerk_a)
    assert result.errors == []
    room = Organisation.objects.get(name="桂园物业调解室")
    assert room.area == areas.street_a and not room.is_filed
    assert Reminder.objects.filter(kind="mediation.filing_due", object_id=room.pk).exists()


def test_an_organisation_file_with_a_bad_row_writes_nothing(personas, areas):
    result = run("mediation.organisation", ORG_HEADERS, [
        {"名称": "桂园物业调解室", "类型": "街道人民调解委员会", "所在区域": "440303001", "成立日期": "2026-03-01"},
        {"名称": "行业调委会", "类型": "行业性专业性人民调解委员会", "所在区域": "440303001", "成立日期": "2026-03-01"},
        {"名称": "黄贝调委会", "类型": "街道人民调解委员会", "所在区域": "440303002", "成立日期": "2026-03-01"},
    ], personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [(3, "行业领域"), (4, "所在区域")]
    assert not Organisation.objects.filter(founded_on=date(2026, 3, 1)).exists()


def test_mediators_are_imported_into_committees_of_the_importer(personas, world):
    headers = ["调解组织", "姓名", "专兼职", "联系电话", "任职日期"]
    bad = run("mediation.mediator", headers, [
        {"调解组织": "桂园街道人民调解委员会", "姓名": "周调解", "专兼职": "专职", "任职日期": "2026-03-01"},
        {"调解组织": "黄贝街道人民调解委员会", "姓名": "郑调解", "任职日期": "2026-03-01"},
    ], personas.clerk_a)
    assert [(e.row, e.column) for e in bad.errors] == [(3, "调解组织")]
    assert not Mediator.objects.filter(name="周调解").exists()
    good = run("mediation.mediator", headers, [
        {"调解组织": "桂园街道人民调解委员会", "姓名": "周调解", "专兼职": "专职", "任职日期": "2026-03-01"},
    ], personas.clerk_a)
    assert good.errors == []
    assert Mediator.objects.get(name="周调解").area == world.committee_a.area


@pytest.mark.parametrize("name", ["mediation.organisation", "mediation.mediator", "mediation.case"])
def test_the_leader_may_not_import(personas, name):
    assert not get_resource(name).allowed(personas.leader)

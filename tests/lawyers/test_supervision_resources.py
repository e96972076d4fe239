"""Importing annual inspection results and complaints (lawyers.resources): each row checked by the service the
page calls, the whole file written or nothing, a refused row named with its column."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bureau.imports import resources_for
from bureau.models import Reminder
from lawyers import supervision
from lawyers.models import Complaint, ComplaintStatus, InspectionCampaign, InspectionResult, Lawyer
from lawyers.reminders import COMPLAINT_ACCEPTANCE_DUE
from tests.factories import LawyerFactory
from tests.importing import run

STORY_DAY = date(2026, 11, 30)

RESULT_HEADERS = ["考核年度", "考核对象", "律师事务所", "律师执业证号", "材料收到日期", "考核意见", "考核等次", "评定日期"]
COMPLAINT_HEADERS = ["区", "投诉来源", "移交区", "收到日期", "投诉人", "投诉人电话", "被投诉律师执业证号",
                     "被投诉律师事务所", "投诉事项"]




@pytest.fixture
def campaigns(section, areas):
    started = timezone.localdate() - timedelta(days=60)
    year = started.year
    firms = supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=year, kind="firm", started_on=started), by=section)
    public = supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=year, kind="public", started_on=started), by=section)
    return firms, public


def test_the_supervision_imports_are_the_lawyers_sections(section, personas):
    names = {resource.name for resource in resources_for(section)}
    assert {"lawyers.inspection_result", "lawyers.complaint"} <= names
    for user in (personas.clerk_a, personas.leader, personas.section):
        assert not {"lawyers.inspection_result", "lawyers.complaint"} & {r.name for r in resources_for(user)}


def test_inspection_results_are_imported_by_firm_name_credit_code_or_certificate(section, campaigns, registry,
                                                                                 areas):
    firms, public = campaigns
    officer = LawyerFactory(firm=None, area=areas.street_a, kind=Lawyer.Kind.PUBLIC, name="公职李")
    graded = (firms.started_on + timedelta(days=10)).isoformat()
    year = str(firms.year)
    result = run("lawyers.inspection_result", RESULT_HEADERS, [
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_a.name, "考核等次": "合格",
         "评定日期": graded, "考核意见": "材料齐全"},
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_b.credit_code,
         "材料收到日期": firms.started_on.isoformat()},
        {"考核年度": year, "考核对象": "公职律师", "律师执业证号": officer.certificate_number, "考核等次": "称职",
         "评定日期": graded},
    ], section)
    assert result.errors == []
    assert set(InspectionResult.objects.values_list("campaign", "firm", "lawyer", "grade")) == {
        (firms.pk, registry.firm_a.pk, None, "qualified"), (firms.pk, registry.firm_b.pk, None, ""),
        (public.pk, None, officer.pk, "competent")}

    result = run("lawyers.inspection_result", RESULT_HEADERS, [  # a later file grades firm_b
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_b.name, "考核等次": "基本合格",
         "评定日期": graded}], section)
    assert result.errors == [] and InspectionResult.objects.count() == 3
    assert InspectionResult.objects.get(firm=registry.firm_b).grade == "basically_qualified"


def test_an_inspection_file_with_one_bad_row_writes_nothing_and_names_it(section, campaigns, registry):
    firms, _public = campaigns
    year = str(firms.year)
    graded = (firms.started_on + timedelta(days=10)).isoformat()
    result = run("lawyers.inspection_result", RESULT_HEADERS, [
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_a.name, "考核等次": "合格",
         "评定日期": graded},
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_b.name, "考核等次": "称职",
         "评定日期": graded},
        {"考核年度": str(firms.year - 3), "考核对象": "律师事务所", "律师事务所": registry.firm_b.name},
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": registry.firm_a.name},
        {"考核年度": year, "考核对象": "律师事务所", "律师事务所": "不存在律师事务所"},
    ], section)
    messages = {(e.row, e.column, e.message) for e in result.errors}
    assert (3, "考核等次", "律师事务所的考核等次为合格、基本合格、不合格。") in messages
    assert (4, "考核年度", f"未找到{firms.year - 3}年度律师事务所年度检查考核，请先新建。") in messages
    assert (5, "", "与第2行重复。") in messages
    assert (6, "律师事务所", "未找到律师事务所“不存在律师事务所”。") in messages
    assert not InspectionResult.objects.exists()


def test_after_the_meeting_results_are_not_imported(section, campaigns, registry):
    firms, _public = campaigns
    graded = firms.started_on + timedelta(days=10)
    supervision.inspection_result_save(result=InspectionResult(campaign=firms, firm=registry.firm_a,
                                                               grade="qualified", graded_on=graded), by=section)
    supervision.campaign_record_meeting(campaign=firms, on=graded, notes="反馈", by=section)
    result = run("lawyers.inspection_result", RESULT_HEADERS, [
        {"考核年度": str(firms.year), "考核对象": "律师事务所", "律师事务所": registry.firm_b.name}], section)
    assert [(e.row, e.message) for e in result.errors] == [(2, "反馈会已召开，考核结果不能再修改。")]
    assert InspectionResult.objects.count() == 1


def test_complaints_are_imported_with_their_clocks_and_todos(section, registry, areas):
    received = timezone.localdate() - timedelta(days=5)
    result = run("lawyers.complaint", COMPLAINT_HEADERS, [
        {"投诉来源": "他区移交", "移交区": "光明区", "收到日期": received.isoformat(), "投诉人": "陈先生",
         "被投诉律师执业证号": registry.lawyer_a.certificate_number, "投诉事项": "未告知开庭时间"},
        {"区": "440303", "投诉来源": "来信", "收到日期": received.isoformat(), "投诉人": "王女士",
         "被投诉律师事务所": registry.firm_b.credit_code, "投诉事项": "收费不透明"},
    ], section)
    assert result.errors == []
    transferred = Complaint.objects.get(complainant_name="陈先生")
    assert (transferred.district, transferred.transferred_from, transferred.firm) == (
        areas.district, areas.other_district, registry.firm_a)
    assert transferred.status == ComplaintStatus.RECEIVED and transferred.created_by == section
    assert transferred.acceptance_due_on > received
    assert Reminder.objects.filter(kind=COMPLAINT_ACCEPTANCE_DUE, state="open").count() == 2


def test_a_complaint_file_with_one_bad_row_writes_nothing_and_names_it(section, registry, areas):
    received = timezone.localdate().isoformat()
    result = run("lawyers.complaint", COMPLAINT_HEADERS, [
        {"投诉来源": "来电", "收到日期": received, "投诉人": "甲", "被投诉律师事务所": registry.firm_a.name,
         "投诉事项": "事项"},
        {"投诉来源": "他区移交", "收到日期": received, "投诉人": "乙", "被投诉律师事务所": registry.firm_a.name,
         "投诉事项": "事项"},
        {"投诉来源": "来电", "收到日期": received, "投诉人": "丙", "投诉事项": "事项"},
        {"区": "光明区", "投诉来源": "来电", "收到日期": received, "投诉人": "丁",
         "被投诉律师事务所": registry.firm_a.name, "投诉事项": "事项"},
    ], section)
    messages = {(e.row, e.column, e.message) for e in result.errors}
    assert (3, "移交区", "他区移交的投诉请填写移交的区。") in messages
    assert (4, "被投诉律师执业证号", "请填写被投诉或违规的律师或律师事务所。") in messages
    assert (5, "区", "未找到区“光明区”。") in messages
    assert not Complaint.objects.exists() and not Reminder.objects.exists()

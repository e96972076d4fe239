"""The lawyers section's supervision pages: a 双随机 plan drawn, verified and published; a transferred complaint
through to conclusion with its clock to-dos; a violation through the rectification loop; the annual inspection;
the lists (filters, export, pinned queries); another district's record is a 404, a street office gets a 403."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.audit import AuditEvent
from bureau.models import Reminder, Role
from lawyers import supervision
from lawyers.models import (
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    Draw,
    InspectionCampaign,
    Inspector,
    Lawyer,
    PlanStatus,
    RandomInspectionPlan,
    SupervisionVisit,
    Violation,
    ViolationStatus,
)
from lawyers.reminders import COMPLAINT_ACCEPTANCE_DUE, COMPLAINT_CONCLUSION_DUE
from tests.factories import LawFirmFactory, LawyerFactory, UserFactory

STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def section(areas):
    return UserFactory(username="lawyers_section", name="律师工作科 周敏", role=Role.SECTION, section="lawyers",
                       area=areas.district)


@pytest.fixture
def other_section(areas):
    return UserFactory(username="guangming_lawyers", name="光明律师工作科 林", role=Role.SECTION, section="lawyers",
                       area=areas.other_district)


@pytest.fixture
def pools(areas, registry, section):
    """罗湖's registry: the two firms of `registry` and four more; four inspectors in its pool."""
    firms = [registry.firm_a, registry.firm_b] + [LawFirmFactory(area=areas.street_a) for _n in range(4)]
    inspectors = [supervision.inspector_save(inspector=Inspector(
        district=areas.district, name=name, unit="罗湖区司法局", certificate_number=f"44030310{n}"), by=section)
        for n, name in enumerate(["吴刚", "郑丽", "王强", "孙悦"])]
    return firms, inspectors


def _action(client, name, pk, action, data=None):
    return client.post(reverse(f"lawyers:{name}_action", args=[pk, action]), data or {})


# --- 双随机一公开 ---------------------------------------------------------------------------------------------


def test_the_section_creates_a_plan_draws_3_firms_and_2_inspectors_and_verify_reproduces_it(
        client_for, section, areas, pools):
    client = client_for(section)
    response = client.post(reverse("lawyers:plan_create"), {
        "district": areas.district.pk, "title": "2026年律师事务所“双随机、一公开”抽查", "year": 2026,
        "firms_to_draw": 3, "inspectors_to_draw": 2})
    plan = RandomInspectionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("lawyers:plan_detail", args=[plan.pk])
    assert plan.status == PlanStatus.PLANNED and plan.created_by == section

    response = _action(client, "plan", plan.pk, "draw", {"confirm": "1"})
    assert response.status_code == 302
    draw = Draw.objects.get(plan=plan)
    assert len(draw.firms_drawn) == 3 and len(draw.inspectors_drawn) == 2 and draw.drawn_by == section

    body = client.get(reverse("lawyers:plan_detail", args=[plan.pk])).content.decode()
    firms, _inspectors = pools
    names = {f.pk: f.name for f in firms}
    assert all(names[pk] in body for pk in draw.firms_drawn) and draw.seed in body and "sha256-rank-v1" in body
    assert "律师事务所 6 家，执法检查人员 4 名" in body  # the pools' sizes
    assert 'id="action-redraw"' in body and 'id="action-publish"' in body

    body = client.get(reverse("lawyers:plan_verify", args=[plan.pk])).content.decode()
    assert 'data-matches="true"' in body and "验证一致" in body
    assert AuditEvent.objects.filter(pgh_obj_model="lawyers.Draw", pgh_obj_id=str(draw.pk),
                                     pgh_label="insert").exists()


def test_verify_shows_a_tampered_draw_does_not_match(client_for, section, areas, pools):
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="抽查", year=2026,
                                                             firms_to_draw=3, inspectors_to_draw=2), by=section)
    draw = supervision.plan_draw(plan=plan, by=section)
    swapped = next(pk for pk in draw.firm_pool if pk not in draw.firms_drawn)
    Draw.objects.filter(pk=draw.pk).update(firms_drawn=[swapped, *draw.firms_drawn[1:]])
    body = client_for(section).get(reverse("lawyers:plan_verify", args=[plan.pk])).content.decode()
    assert 'data-matches="false"' in body and "验证不一致" in body


def test_a_redraw_needs_a_reason_and_keeps_the_earlier_draw_listed(client_for, section, areas, pools):
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="抽查", year=2026,
                                                             firms_to_draw=3, inspectors_to_draw=2), by=section)
    first = supervision.plan_draw(plan=plan, by=section)
    client = client_for(section)
    response = _action(client, "plan", plan.pk, "redraw", {"confirm": "1", "reason": "  "})
    assert response.status_code == 200 and Draw.objects.count() == 1
    assert "该字段是必填项" in response.content.decode()
    response = _action(client, "plan", plan.pk, "redraw", {"confirm": "1", "reason": "抽中的检查人员与律所有利害关系，回避"})
    assert response.status_code == 302
    second = Draw.objects.latest("pk")
    assert second.replaces == first
    body = client.get(reverse("lawyers:plan_detail", args=[plan.pk])).content.decode()
    assert 'id="earlier-draws"' in body and first.seed in body and second.seed in body
    assert "抽中的检查人员与律所有利害关系" in body
    body = client.get(reverse("lawyers:plan_verify", args=[plan.pk]), {"draw": first.pk}).content.decode()
    assert first.seed in body and 'data-matches="true"' in body


def test_results_recorded_then_published_and_the_public_page_shows_no_account_names(client_for, section, areas,
                                                                                     pools):
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="2026年抽查", year=2026,
                                                             firms_to_draw=3, inspectors_to_draw=2), by=section)
    draw = supervision.plan_draw(plan=plan, by=section)
    client = client_for(section)
    assert client.get(reverse("lawyers:plan_public", args=[plan.pk])).status_code == 302  # not published yet
    response = _action(client, "plan", plan.pk, "publish", {"on": timezone.localdate().isoformat()})
    assert "尚未登记检查结果" in response.content.decode()
    today = timezone.localdate().isoformat()
    for pk in draw.firms_drawn:
        response = client.post(reverse("lawyers:random_result_edit", args=[plan.pk, pk]), {
            "inspected_on": today, "outcome": "no_problem", "findings": "制度健全，未发现问题"})
        assert response.status_code == 302
    body = client.get(reverse("lawyers:plan_detail", args=[plan.pk])).content.decode()
    assert 'id="action-redraw"' not in body  # results recorded: the draw stands
    response = _action(client, "plan", plan.pk, "publish", {"on": today})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    page = client.get(reverse("lawyers:plan_public", args=[plan.pk])).content.decode()
    body = page[page.index('<article id="public-results"'):page.index("</article>")]
    assert "制度健全，未发现问题" in body and draw.seed in body
    assert section.name not in body and section.username not in body


# --- Complaints -------------------------------------------------------------------------------------------------


def test_a_transferred_complaint_goes_to_conclusion_and_its_clock_todos_open_and_close(client_for, section, areas,
                                                                                       registry):
    client = client_for(section)
    received = timezone.localdate() - timedelta(days=20)
    response = client.post(reverse("lawyers:complaint_create"), {
        "district": areas.district.pk, "source": ComplaintSource.OTHER_DISTRICT,
        "transferred_from": areas.other_district.pk, "received_on": received.isoformat(),
        "complainant_name": "陈先生", "complainant_phone": "13800001111", "lawyer": registry.lawyer_a.pk,
        "summary": "代理劳动争议案件期间未及时告知开庭时间"})
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and complaint.firm == registry.firm_a
    todo = Reminder.objects.for_object(complaint).get(kind=COMPLAINT_ACCEPTANCE_DUE)
    assert todo.state == Reminder.State.OPEN
    body = client.get(reverse("lawyers:complaint_detail", args=[complaint.pk])).content.decode()
    assert "他区移交（光明区）" in body and 'id="clocks"' in body and "受理审查期限" in body
    assert ("已逾期" in body) == (complaint.acceptance_due_on < timezone.localdate())

    assert _action(client, "complaint", complaint.pk, "accept",
                   {"on": (received + timedelta(days=3)).isoformat()}).status_code == 302
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE
    assert Reminder.objects.for_object(complaint).get(kind=COMPLAINT_CONCLUSION_DUE).state == Reminder.State.OPEN
    assert _action(client, "complaint", complaint.pk, "investigate",
                   {"notes": "调取代理合同和通话记录"}).status_code == 302
    today = timezone.localdate().isoformat()
    response = _action(client, "complaint", complaint.pk, "conclude", {
        "finding": "upheld", "handling": "education", "notes": "调取代理合同和通话记录，情况属实",
        "replied_on": today, "reply_way": "phone", "concluded_on": today})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CONCLUDED and complaint.finding == "upheld"
    assert not Reminder.objects.for_object(complaint).filter(state=Reminder.State.OPEN).exists()
    body = client.get(reverse("lawyers:complaint_detail", args=[complaint.pk])).content.decode()
    assert "已办结" in body and 'id="complaint-actions"' in body and "action-conclude" not in body


def test_bad_complaint_input_writes_nothing_with_a_chinese_message(client_for, section, areas, registry):
    client = client_for(section)
    data = {"district": areas.district.pk, "source": ComplaintSource.OTHER_DISTRICT, "received_on":
            timezone.localdate().isoformat(), "complainant_name": "陈先生", "lawyer": registry.lawyer_a.pk,
            "summary": "未告知开庭时间"}
    response = client.post(reverse("lawyers:complaint_create"), data)
    assert response.status_code == 200 and "他区移交的投诉请填写移交的区。" in response.content.decode()
    response = client.post(reverse("lawyers:complaint_create"), {
        **data, "source": ComplaintSource.LETTER, "received_on": (timezone.localdate() + timedelta(days=1))})
    assert "收到日期不能晚于今天。" in response.content.decode()
    assert not Complaint.objects.exists() and not Reminder.objects.exists()


def test_a_complaint_move_its_state_does_not_admit_is_refused(client_for, section, areas, registry):
    complaint = supervision.complaint_register(complaint=Complaint(
        district=areas.district, firm=registry.firm_a, source=ComplaintSource.PHONE, complainant_name="王女士",
        summary="收费不透明", received_on=timezone.localdate()), by=section)
    client = client_for(section)
    response = _action(client, "complaint", complaint.pk, "conclude", {
        "finding": "upheld", "handling": "education", "notes": "x", "replied_on": timezone.localdate(),
        "reply_way": "phone", "concluded_on": timezone.localdate()})
    assert "当前状态为“待受理”，不能“办结”。" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


# --- Violations ----------------------------------------------------------------------------------------------


def test_a_violation_goes_notice_evidence_recheck_closed_and_another_stays_open(client_for, section, areas,
                                                                                registry):
    client = client_for(section)
    today = timezone.localdate()
    found = today - timedelta(days=40)
    response = client.post(reverse("lawyers:violation_create"), {
        "district": areas.district.pk, "kind": "moonlighting", "found_by": "campaign",
        "campaign_name": "违规兼职核查", "lawyer": registry.lawyer_a.pk,
        "description": "在某公司担任法务", "found_on": found.isoformat()})
    assert response.status_code == 302
    violation = Violation.objects.get()
    assert violation.firm == registry.firm_a and violation.status == ViolationStatus.FOUND
    steps = [("notify", {"on": (found + timedelta(days=1)).isoformat(), "deadline": (found + timedelta(days=31))}),
             ("evidence", {"on": (found + timedelta(days=20)).isoformat(), "note": "已辞去公司职务"}),
             ("recheck", {"on": (found + timedelta(days=25)).isoformat(), "passed": "yes", "note": "核实"})]
    for action, data in steps:
        response = _action(client, "violation", violation.pk, action, data)
        assert response.status_code == 302, response.content.decode()
    violation.refresh_from_db()
    assert violation.status == ViolationStatus.CLOSED and violation.closed_on == found + timedelta(days=25)
    body = client.get(reverse("lawyers:violation_detail", args=[violation.pk])).content.decode()
    for step in ("发现违规", "下发整改通知", "提交整改材料", "复查通过", "销号"):
        assert step in body

    supervision.violation_register(violation=Violation(
        district=areas.district, kind="fees", found_by="campaign", campaign_name="收费专项检查",
        firm=registry.firm_b, description="未公示收费标准", found_on=found), by=section)
    body = client.get(reverse("lawyers:violation_list"), {"rectifying": "on"}).content.decode()
    assert body.count('id="violation-') == 1 and "广东黄贝守正律师事务所" in body


def test_a_rectification_extended_and_a_failed_recheck_need_their_reasons(client_for, section, areas, registry):
    today = timezone.localdate()
    found = today - timedelta(days=30)
    violation = supervision.violation_register(violation=Violation(
        district=areas.district, kind="practice", found_by="campaign", campaign_name="专项",
        firm=registry.firm_a, description="卷宗不规范", found_on=found), by=section)
    supervision.violation_notify(violation=violation, on=found, deadline=found + timedelta(days=10), by=section)
    client = client_for(section)
    response = _action(client, "violation", violation.pk, "extend", {
        "on": (found + timedelta(days=5)).isoformat(), "deadline": (found + timedelta(days=3)).isoformat(),
        "reason": "需补充材料"})
    assert "新的整改期限应晚于原整改期限" in response.content.decode()
    response = _action(client, "violation", violation.pk, "extend", {
        "on": (found + timedelta(days=5)).isoformat(), "deadline": (found + timedelta(days=40)).isoformat(),
        "reason": "需补充材料"})
    assert response.status_code == 302
    violation.refresh_from_db()
    assert violation.deadline == found + timedelta(days=40)
    response = _action(client, "violation", violation.pk, "recheck", {"on": today.isoformat(), "passed": "yes"})
    assert "当前状态为“整改中”，不能“复查”。" in response.content.decode()


# --- Annual inspection, inspectors, visits ------------------------------------------------------------------


def test_the_annual_inspection_from_campaign_to_the_problems_its_meeting_assigned(client_for, section, areas,
                                                                                  registry):
    client = client_for(section)
    today = timezone.localdate()
    start = today - timedelta(days=60)
    response = client.post(reverse("lawyers:campaign_create"), {
        "district": areas.district.pk, "year": start.year - 1 if start.month < 3 else start.year,
        "kind": "firm", "started_on": start.isoformat()})
    assert response.status_code == 302, response.content.decode()
    campaign = InspectionCampaign.objects.get()
    for firm, grade in ((registry.firm_a, "qualified"), (registry.firm_b, "basically_qualified")):
        response = client.post(reverse("lawyers:result_create", args=[campaign.pk]), {
            "firm": firm.pk, "materials_received_on": start.isoformat(), "findings": "材料齐全",
            "grade": grade, "graded_on": (start + timedelta(days=10)).isoformat()})
        assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("lawyers:result_create", args=[campaign.pk]), {
        "firm": registry.firm_a.pk, "grade": "competent", "graded_on": start.isoformat()})
    assert response.status_code == 200 and campaign.results.count() == 2  # a lawyer's grade for a firm: refused
    assert _action(client, "campaign", campaign.pk, "meeting", {
        "on": (start + timedelta(days=20)).isoformat(), "notes": "通报问题，部署整改"}).status_code == 302
    result_b = campaign.results.get(firm=registry.firm_b)
    response = _action(client, "campaign", campaign.pk, "problem", {
        "result": result_b.pk, "kind": "practice", "description": "案卷归档不及时",
        "deadline": (start + timedelta(days=50)).isoformat()})
    assert response.status_code == 302
    violation = Violation.objects.get()
    assert (violation.found_by, violation.inspection_result, violation.status) == ("annual", result_b, "rectifying")
    body = client.get(reverse("lawyers:campaign_detail", args=[campaign.pk])).content.decode()
    assert "已评定 2 / 2" in body and "通报问题，部署整改" in body and "案卷归档不及时" not in body
    assert f'href="{reverse("lawyers:violation_detail", args=[violation.pk])}"' in body


def test_inspectors_and_visits_are_recorded_on_their_pages(client_for, section, areas, registry):
    client = client_for(section)
    response = client.post(reverse("lawyers:inspector_create"), {
        "district": areas.district.pk, "name": "吴刚", "unit": "罗湖区司法局", "certificate_number": "440303200",
        "is_active": "on"})
    assert response.status_code == 302
    response = client.post(reverse("lawyers:inspector_create"), {
        "district": areas.district.pk, "name": "吴刚二", "unit": "罗湖区司法局", "certificate_number": "440303200"})
    assert "执法证号440303200已在本区执法检查人员库中。" in response.content.decode()
    assert Inspector.objects.count() == 1
    response = client.post(reverse("lawyers:visit_create"), {
        "district": areas.district.pk, "firm": registry.firm_a.pk, "visited_on": timezone.localdate().isoformat(),
        "items": ["party_building", "case_files"], "visitors": "吴刚、郑丽", "findings": "卷宗管理规范"})
    visit = SupervisionVisit.objects.get()
    assert response.status_code == 302
    body = client.get(reverse("lawyers:visit_detail", args=[visit.pk])).content.decode()
    assert "党建工作、案件卷宗" in body and "卷宗管理规范" in body


# --- Who sees what ---------------------------------------------------------------------------------------------


@pytest.fixture
def records(section, areas, registry, pools):
    today = timezone.localdate()
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="抽查", year=today.year,
                                                             firms_to_draw=3, inspectors_to_draw=2), by=section)
    supervision.plan_draw(plan=plan, by=section)
    complaint = supervision.complaint_register(complaint=Complaint(
        district=areas.district, firm=registry.firm_a, source=ComplaintSource.PHONE, complainant_name="王女士",
        summary="收费不透明", received_on=today), by=section)
    violation = supervision.violation_register(violation=Violation(
        district=areas.district, kind="fees", found_by="campaign", campaign_name="收费专项检查",
        firm=registry.firm_b, description="未公示收费标准", found_on=today), by=section)
    visit = supervision.visit_record(visit=SupervisionVisit(
        district=areas.district, firm=registry.firm_a, visited_on=today, items=["rules"]), by=section)
    campaign = supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=today.year, kind="firm", started_on=today), by=section)
    return plan, complaint, violation, visit, campaign


def test_another_districts_records_are_404_and_a_street_office_gets_403(client_for, records, other_section,
                                                                        personas):
    plan, complaint, violation, visit, campaign = records
    pages = [reverse("lawyers:plan_detail", args=[plan.pk]), reverse("lawyers:plan_verify", args=[plan.pk]),
             reverse("lawyers:complaint_detail", args=[complaint.pk]),
             reverse("lawyers:violation_detail", args=[violation.pk]),
             reverse("lawyers:visit_detail", args=[visit.pk]), reverse("lawyers:campaign_detail", args=[campaign.pk])]
    client = client_for(other_section)
    for url in pages:
        assert client.get(url).status_code == 404, url
    assert _action(client, "complaint", complaint.pk, "accept", {"on": timezone.localdate()}).status_code == 404
    assert _action(client, "plan", plan.pk, "redraw", {"confirm": "1", "reason": "想换一批"}).status_code == 404
    assert Draw.objects.count() == 1
    lists = ["campaign_list", "inspector_list", "plan_list", "visit_list", "complaint_list", "violation_list"]
    for name in lists:  # their own lists are empty
        body = client.get(reverse(f"lawyers:{name}")).content.decode()
        assert f'id="{name.split("_")[0]}-' not in body, name
    street = client_for(personas.clerk_a)
    for url in pages + [reverse(f"lawyers:{name}") for name in lists]:
        assert street.get(url).status_code == 403, url


def test_leadership_reads_and_verifies_but_does_not_write(client_for, records, personas):
    plan, complaint, *_rest = records
    client = client_for(personas.leader)
    body = client.get(reverse("lawyers:plan_detail", args=[plan.pk])).content.decode()
    assert 'id="verify"' in body and 'id="action-redraw"' not in body
    assert 'data-matches="true"' in client.get(reverse("lawyers:plan_verify", args=[plan.pk])).content.decode()
    assert "登记投诉" not in client.get(reverse("lawyers:complaint_list")).content.decode()
    assert client.get(reverse("lawyers:complaint_create")).status_code == 403
    assert _action(client, "complaint", complaint.pk, "accept", {"on": timezone.localdate()}).status_code == 403


# --- Lists -------------------------------------------------------------------------------------------------------


def test_the_lists_filter_export_and_keep_their_query_counts(client_for, section, areas, registry, records,
                                                             django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(12):
        lawyer = LawyerFactory(firm=registry.firm_a, kind=Lawyer.Kind.FULL_TIME) if n % 2 else None
        supervision.complaint_register(complaint=Complaint(
            district=areas.district, lawyer=lawyer, firm=None if lawyer else registry.firm_b,
            source=ComplaintSource.OTHER_DISTRICT if n % 3 == 0 else ComplaintSource.LETTER,
            transferred_from=areas.other_district if n % 3 == 0 else None, complainant_name=f"投诉人{n}",
            summary="事项", received_on=today - timedelta(days=n * 3)), by=section)
        supervision.violation_register(violation=Violation(
            district=areas.district, kind="fees", found_by="campaign", campaign_name="专项", firm=registry.firm_a,
            lawyer=lawyer, description="情形", found_on=today - timedelta(days=n)), by=section)
    client = client_for(section)
    for name, count in (("complaint_list", 13), ("violation_list", 13), ("plan_list", 1), ("visit_list", 1),
                        ("campaign_list", 1), ("inspector_list", 4)):
        with django_assert_max_num_queries(12):
            response = client.get(reverse(f"lawyers:{name}"))
        assert response.status_code == 200
        assert response.content.decode().count(f'id="{name.split("_")[0]}-') == count, name
    overdue = client.get(reverse("lawyers:complaint_list"), {"overdue": "on"}).content.decode()
    late = Complaint.objects.filter(status="received", acceptance_due_on__lt=today).count()
    assert late and overdue.count('id="complaint-') == late and "table-danger" in overdue
    source = client.get(reverse("lawyers:complaint_list"), {"source": "other_district"}).content.decode()
    assert source.count('id="complaint-') == 4
    response = client.get(reverse("lawyers:complaint_list"), {"_export": "xlsx", "sort": "-received_on"})
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert len(rows) == 14 and "投诉来源" in rows[0]
    response = client.get(reverse("lawyers:violation_list"), {"_export": "xlsx"})
    assert len(list(load_workbook(BytesIO(response.content)).active.values)) == 14


def test_the_menu_offers_supervision_to_the_section_and_leadership_only(client_for, section, personas):
    assert "双随机一公开" in client_for(section).get(reverse("lawyers:complaint_list")).content.decode()
    assert "律师投诉" in client_for(personas.leader).get(reverse("home")).content.decode()
    assert "双随机一公开" not in client_for(personas.clerk_a).get(reverse("home")).content.decode()


def test_a_violation_found_by_a_complaint_is_registered_from_its_page_and_listed_there(client_for, section, areas,
                                                                                        registry):
    today = timezone.localdate()
    complaint = supervision.complaint_register(complaint=Complaint(
        district=areas.district, lawyer=registry.lawyer_a, source=ComplaintSource.PHONE, complainant_name="王女士",
        summary="在公司兼职", received_on=today - timedelta(days=10)), by=section)
    supervision.complaint_accept(complaint=complaint, on=today - timedelta(days=9), by=section)
    supervision.complaint_conclude(complaint=complaint, finding="upheld", handling="education", replied_on=today,
                                   reply_way="phone", concluded_on=today, notes="属实", by=section)
    client = client_for(section)
    body = client.get(reverse("lawyers:complaint_detail", args=[complaint.pk])).content.decode()
    link = (f'{reverse("lawyers:violation_create")}?found_by=complaint&amp;complaint={complaint.pk}'
            f'&amp;lawyer={registry.lawyer_a.pk}&amp;firm={registry.firm_a.pk}')
    assert link in body
    form = client.get(link.replace("&amp;", "&")).context["form"]
    assert (form.initial["complaint"], form.initial["lawyer"]) == (str(complaint.pk), str(registry.lawyer_a.pk))
    response = client.post(reverse("lawyers:violation_create"), {
        "district": areas.district.pk, "kind": "moonlighting", "found_by": "complaint", "complaint": complaint.pk,
        "lawyer": registry.lawyer_a.pk, "description": "在公司兼职法务", "found_on": today.isoformat()})
    assert response.status_code == 302
    violation = Violation.objects.get()
    assert violation.complaint == complaint and violation.found_by == "complaint"
    body = client.get(reverse("lawyers:complaint_detail", args=[complaint.pk])).content.decode()
    assert reverse("lawyers:violation_detail", args=[violation.pk]) in body
    body = client.get(reverse("lawyers:violation_detail", args=[violation.pk])).content.decode()
    assert reverse("lawyers:complaint_detail", args=[complaint.pk]) in body

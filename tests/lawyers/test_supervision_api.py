"""/api/v1/lawyers/… for supervision: the same services, messages and jurisdiction as the pages — a 双随机 plan
drawn and verified ({"matches": true}), re-drawn only with a reason, published; a transferred complaint to its
conclusion with its to-dos; a violation through the loop; another district's records are 404s."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bureau.audit import AuditEvent
from bureau.models import Reminder, Role
from lawyers import supervision
from lawyers.models import Complaint, Draw, Inspector, RandomInspectionPlan, Violation
from lawyers.reminders import COMPLAINT_ACCEPTANCE_DUE, COMPLAINT_CONCLUSION_DUE
from tests.factories import LawFirmFactory, UserFactory
from tests.lawyers.conftest import another_seed

STORY_DAY = date(2026, 11, 30)
API = "/api/v1/lawyers"
JSON = "application/json"


@pytest.fixture
def other_section(areas):
    return UserFactory(username="guangming_lawyers", role=Role.SECTION, section="lawyers", area=areas.other_district)


@pytest.fixture
def pools(areas, registry, section):
    firms = [registry.firm_a, registry.firm_b] + [LawFirmFactory(area=areas.street_b) for _n in range(3)]
    for n, name in enumerate(["吴刚", "郑丽", "王强"]):
        supervision.inspector_save(inspector=Inspector(district=areas.district, name=name, unit="罗湖区司法局",
                                                       certificate_number=f"44030320{n}"), by=section)
    return firms


def test_a_plan_is_drawn_verified_redrawn_with_a_reason_and_published(client_for, section, personas, pools):
    api = client_for(section)
    response = api.post(f"{API}/plans/", {"district": "440303", "title": "2026年“双随机、一公开”抽查", "year": 2026,
                                          "firms_to_draw": 3, "inspectors_to_draw": 2}, content_type=JSON)
    assert response.status_code == 201, response.json()
    plan = response.json()
    assert plan["status"] == "planned" and plan["current_draw"] is None
    base = f"{API}/plans/{plan['id']}"

    response = api.post(f"{base}/draw/", {}, content_type=JSON)
    assert response.status_code == 200, response.json()
    drawn = response.json()["current_draw"]
    assert response.json()["status"] == "drawn" and len(drawn["firms_drawn"]) == 3
    assert len(drawn["inspectors_drawn"]) == 2 and drawn["algorithm"] == "sha256-rank-v1"
    assert len(drawn["firm_pool"]) == 5 and len(drawn["inspector_pool"]) == 3

    verified = api.get(f"{base}/verify/").json()
    assert verified["matches"] is True and verified["firms_recomputed"] == drawn["firms_drawn"]
    assert verified["inspectors_recomputed"] == drawn["inspectors_drawn"] and verified["seed"] == drawn["seed"]
    assert api.post(f"{API}/draws/{drawn['id']}/verify/").json()["matches"] is True
    assert AuditEvent.objects.filter(pgh_obj_model="lawyers.Draw", pgh_obj_id=str(drawn["id"]),
                                     pgh_label="insert").exists()

    response = api.post(f"{base}/draw/", {}, content_type=JSON)
    assert response.status_code == 400 and "该计划已抽取，重新抽取必须填写理由。" in str(response.json())
    response = api.post(f"{base}/redraw/", {"reason": "抽中的检查人员需回避"}, content_type=JSON)
    assert response.status_code == 200
    again = response.json()["current_draw"]
    assert again["replaces"] == drawn["id"] and again["reason"] == "抽中的检查人员需回避"
    assert [d["id"] for d in api.get(f"{API}/draws/?plan={plan['id']}").json()["results"]] == [again["id"],
                                                                                             drawn["id"]]

    response = api.post(f"{base}/publish/", {}, content_type=JSON)
    assert response.status_code == 400 and "尚未登记检查结果" in str(response.json())
    today = timezone.localdate().isoformat()
    for firm in again["firms_drawn"]:
        response = api.post(f"{API}/random-results/", {"plan": plan["id"], "firm": firm, "inspected_on": today,
                                                       "outcome": "no_problem"}, content_type=JSON)
        assert response.status_code == 201, response.json()
    outsider = next(pk for pk in again["firm_pool"] if pk not in again["firms_drawn"])
    response = api.post(f"{API}/random-results/", {"plan": plan["id"], "firm": outsider, "inspected_on": today,
                                                   "outcome": "no_problem"}, content_type=JSON)
    assert response.status_code == 400 and "该律师事务所不在本次抽取结果中。" in str(response.json())
    response = api.post(f"{base}/publish/", {"on": today}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "published"

    leader = client_for(personas.leader)
    assert leader.post(f"{base}/verify/").json()["matches"] is True  # verify writes nothing: readers run it
    assert leader.post(f"{base}/redraw/", {"reason": "x"}, content_type=JSON).status_code == 403


def test_verify_answers_false_for_a_tampered_draw(client_for, section, areas, pools):
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="抽查", year=2026,
                                                             firms_to_draw=2, inspectors_to_draw=2), by=section)
    draw = supervision.plan_draw(plan=plan, by=section)
    Draw.objects.filter(pk=draw.pk).update(seed=another_seed(draw))
    assert client_for(section).get(f"{API}/draws/{draw.pk}/verify/").json()["matches"] is False


def test_a_transferred_complaint_is_concluded_through_the_api_and_its_todos_close(client_for, section, registry):
    api = client_for(section)
    received = timezone.localdate() - timedelta(days=10)
    response = api.post(f"{API}/complaints/", {
        "district": "440303", "lawyer": registry.lawyer_a.pk, "source": "other_district",
        "transferred_from": "440311", "complainant_name": "陈先生", "summary": "未及时告知开庭时间",
        "received_on": received.isoformat()}, content_type=JSON)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "received" and body["firm"] == registry.firm_a.pk and body["acceptance_due_on"]
    complaint = Complaint.objects.get()
    assert Reminder.objects.for_object(complaint).get(kind=COMPLAINT_ACCEPTANCE_DUE).state == "open"
    base = f"{API}/complaints/{body['id']}"
    response = api.post(f"{base}/conclude/", {"finding": "upheld", "handling": "education", "replied_on":
                        received.isoformat(), "reply_way": "phone", "concluded_on": received.isoformat(),
                        "notes": "属实"}, content_type=JSON)
    assert response.status_code == 400 and "当前状态为“待受理”，不能“办结”。" in str(response.json())
    assert api.post(f"{base}/accept/", {"on": (received + timedelta(days=2)).isoformat()},
                    content_type=JSON).json()["status"] == "accepted"
    assert api.post(f"{base}/investigate/", {"notes": "调取通话记录"}, content_type=JSON).status_code == 200
    today = timezone.localdate().isoformat()
    response = api.post(f"{base}/conclude/", {"finding": "rejected", "handling": "education", "replied_on": today,
                        "reply_way": "phone", "concluded_on": today}, content_type=JSON)
    assert response.status_code == 400 and "投诉不成立的，处理结果应为“不予处理”。" in str(response.json())
    response = api.post(f"{base}/conclude/", {"finding": "upheld", "handling": "education", "replied_on": today,
                        "reply_way": "phone", "concluded_on": today}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "concluded"
    assert response.json()["investigation_notes"] == "调取通话记录"
    assert set(Reminder.objects.for_object(complaint).values_list("kind", "state")) == {
        (COMPLAINT_ACCEPTANCE_DUE, "done"), (COMPLAINT_CONCLUSION_DUE, "done")}
    assert api.get(f"{API}/complaints/?source=other_district&status=concluded").json()["count"] == 1


def test_bad_input_writes_nothing_and_answers_in_chinese(client_for, section, registry):
    api = client_for(section)
    response = api.post(f"{API}/complaints/", {
        "district": "440303", "firm": registry.firm_a.pk, "source": "other_district", "complainant_name": "陈先生",
        "summary": "事项", "received_on": timezone.localdate().isoformat()}, content_type=JSON)
    assert response.status_code == 400 and response.json() == {"transferred_from": ["他区移交的投诉请填写移交的区。"]}
    response = api.post(f"{API}/complaints/", {
        "district": "440311", "firm": registry.firm_a.pk, "source": "letter", "complainant_name": "陈先生",
        "summary": "事项", "received_on": timezone.localdate().isoformat()}, content_type=JSON)
    assert response.json() == {"district": ["区代码“440311”不存在或不在您的辖区内。"]}
    response = api.post(f"{API}/violations/", {
        "district": "440303", "kind": "fees", "found_by": "campaign", "firm": registry.firm_a.pk,
        "description": "未公示收费标准", "found_on": timezone.localdate().isoformat()}, content_type=JSON)
    assert response.status_code == 400 and "请填写专项核查名称" in str(response.json())
    assert not Complaint.objects.exists() and not Violation.objects.exists() and not Reminder.objects.exists()


def test_a_violation_goes_through_the_loop_and_one_left_open_is_still_rectifying(client_for, section, registry):
    api = client_for(section)
    found = timezone.localdate() - timedelta(days=30)
    payload = {"district": "440303", "kind": "moonlighting", "found_by": "campaign", "campaign_name": "违规兼职核查",
               "lawyer": registry.lawyer_a.pk, "description": "在公司兼职", "found_on": found.isoformat()}
    first = api.post(f"{API}/violations/", payload, content_type=JSON).json()
    second = api.post(f"{API}/violations/", {**payload, "lawyer": registry.lawyer_b.pk}, content_type=JSON).json()
    base = f"{API}/violations/{first['id']}"
    steps = [("notify", {"on": found.isoformat(), "deadline": (found + timedelta(days=20)).isoformat()}, "rectifying"),
             ("evidence", {"on": (found + timedelta(days=10)).isoformat(), "note": "已辞去兼职"}, "evidence"),
             ("recheck", {"on": (found + timedelta(days=12)).isoformat(), "passed": False, "note": "未提交证明",
                          "new_deadline": (found + timedelta(days=25)).isoformat()}, "rectifying"),
             ("extend", {"on": (found + timedelta(days=13)).isoformat(),
                         "deadline": (found + timedelta(days=28)).isoformat(), "reason": "等待公司出具证明"},
              "rectifying"),
             ("evidence", {"on": (found + timedelta(days=20)).isoformat(), "note": "补交离职证明"}, "evidence"),
             ("recheck", {"on": (found + timedelta(days=21)).isoformat(), "passed": True}, "closed")]
    for name, data, status in steps:
        response = api.post(f"{base}/{name}/", data, content_type=JSON)
        assert response.status_code == 200 and response.json()["status"] == status, (name, response.json())
    assert response.json()["closed_on"] == (found + timedelta(days=21)).isoformat()
    open_ones = api.get(f"{API}/violations/?rectifying=true").json()
    assert [row["id"] for row in open_ones["results"]] == [second["id"]]
    response = api.post(f"{API}/violations/{second['id']}/evidence/", {"note": "x"}, content_type=JSON)
    assert response.status_code == 400 and "当前状态为“待下发整改通知”，不能“提交整改材料”。" in str(response.json())


def test_the_annual_inspection_through_the_api(client_for, section, registry):
    api = client_for(section)
    start = timezone.localdate() - timedelta(days=40)
    campaign = api.post(f"{API}/campaigns/", {"district": "440303", "year": start.year, "kind": "firm",
                                              "started_on": start.isoformat()}, content_type=JSON).json()
    response = api.post(f"{API}/campaigns/", {"district": "440303", "year": start.year, "kind": "firm",
                                              "started_on": start.isoformat()}, content_type=JSON)
    assert response.status_code == 400 and "年度检查考核已经登记" in str(response.json())
    graded = (start + timedelta(days=5)).isoformat()
    result = api.post(f"{API}/inspection-results/", {"campaign": campaign["id"], "firm": registry.firm_a.pk,
                                                     "grade": "basically_qualified", "graded_on": graded},
                      content_type=JSON)
    assert result.status_code == 201, result.json()
    response = api.post(f"{API}/inspection-results/", {"campaign": campaign["id"], "firm": registry.firm_b.pk,
                                                       "grade": "competent", "graded_on": graded}, content_type=JSON)
    assert response.status_code == 400 and "律师事务所的考核等次为合格、基本合格、不合格" in str(response.json())
    meeting = api.post(f"{API}/campaigns/{campaign['id']}/meeting/", {"on": (start + timedelta(days=6)).isoformat(),
                                                                      "notes": "通报问题"}, content_type=JSON)
    assert meeting.status_code == 200 and meeting.json()["meeting_on"]
    response = api.post(f"{API}/inspection-results/{result.json()['id']}/problem/", {
        "kind": "practice", "description": "案卷归档不及时", "deadline": (start + timedelta(days=30)).isoformat()},
        content_type=JSON)
    assert response.status_code == 200 and len(response.json()["violations"]) == 1
    violation = Violation.objects.get()
    assert (violation.found_by, violation.status) == ("annual", "rectifying")


def test_another_district_gets_404s_and_a_street_office_403s(client_for, section, other_section, personas, areas,
                                                             registry, pools):
    plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title="抽查", year=2026,
                                                             firms_to_draw=2, inspectors_to_draw=2), by=section)
    draw = supervision.plan_draw(plan=plan, by=section)
    complaint = supervision.complaint_register(complaint=Complaint(
        district=areas.district, firm=registry.firm_a, source="phone", complainant_name="王女士", summary="收费",
        received_on=timezone.localdate()), by=section)
    api = client_for(other_section)
    for url in (f"{API}/plans/{plan.pk}/", f"{API}/plans/{plan.pk}/verify/", f"{API}/draws/{draw.pk}/",
                f"{API}/complaints/{complaint.pk}/"):
        assert api.get(url).status_code == 404, url
    assert api.post(f"{API}/complaints/{complaint.pk}/accept/", {}, content_type=JSON).status_code == 404
    assert api.post(f"{API}/plans/{plan.pk}/redraw/", {"reason": "x"}, content_type=JSON).status_code == 404
    assert api.get(f"{API}/complaints/").json()["count"] == 0
    response = api.post(f"{API}/complaints/", {"district": "440303", "firm": registry.firm_a.pk, "source": "letter",
                                               "complainant_name": "x", "summary": "x",
                                               "received_on": timezone.localdate().isoformat()}, content_type=JSON)
    assert response.status_code == 400 and Complaint.objects.count() == 1
    street = client_for(personas.clerk_a)
    for name in ("plans", "draws", "complaints", "violations", "visits", "campaigns", "inspectors"):
        response = street.get(f"{API}/{name}/")
        assert response.status_code == 403 and "您的角色不能查看律师执业监管工作。" in str(response.json())


def test_the_lists_keep_their_query_counts(client_for, section, areas, registry, pools,
                                           django_assert_max_num_queries):
    today = timezone.localdate()
    for n in range(6):
        plan = supervision.plan_create(plan=RandomInspectionPlan(district=areas.district, title=f"抽查{n}",
                                                                 year=today.year, firms_to_draw=2,
                                                                 inspectors_to_draw=2), by=section)
        supervision.plan_draw(plan=plan, by=section)
        supervision.complaint_register(complaint=Complaint(
            district=areas.district, lawyer=registry.lawyer_a, source="other_district",
            transferred_from=areas.other_district, complainant_name=f"投诉人{n}", summary="事项",
            received_on=today - timedelta(days=n)), by=section)
        supervision.violation_register(violation=Violation(
            district=areas.district, kind="fees", found_by="campaign", campaign_name="专项", firm=registry.firm_b,
            description="情形", found_on=today), by=section)
    api = client_for(section)
    for name in ("plans", "draws", "complaints", "violations"):
        with django_assert_max_num_queries(10):  # signing in and the session's refresh are 6 of them
            response = api.get(f"{API}/{name}/")
        assert response.json()["count"] == 6, name

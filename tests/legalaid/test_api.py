"""/api/v1/legalaid/: the same rules as the pages — jurisdiction, permissions, FilterSets, services."""

from datetime import date

import pytest
from django.urls import reverse

from bureau.models import Area
from legalaid.models import Case, Complaint, Status
from tests.factories import AreaFactory, resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def case(make_case):
    return make_case(received_on=date(2026, 3, 2))


def test_a_case_moves_through_its_life_by_api_actions(client_for, personas, case, lawyers):
    api = client_for(personas.section)
    base = f"/api/v1/legalaid/cases/{case.pk}"
    assert api.post(f"{base}/decide/", {"grant": True, "on": "2026-03-03"}).json()["status"] == "granted"
    suggestions = api.get(f"{base}/suggestions/").json()
    assert suggestions[0]["name"] == "陈劳动" and suggestions[0]["reason"].startswith("专长：劳动争议")
    body = api.post(f"{base}/assign/", {"lawyer": suggestions[0]["lawyer"], "on": "2026-03-04"}).json()
    assert body["status"] == "assigned" and body["lawyer"] == lawyers["labour"].pk
    assert [s["action"] for s in body["steps"]] == ["收到申请", "决定给予法律援助", "指派律师"]


def test_a_forbidden_move_is_a_400_in_chinese_and_changes_nothing(client_for, personas, case):
    response = client_for(personas.section).post(f"/api/v1/legalaid/cases/{case.pk}/close/",
                                                 {"outcome": "won", "recovered_amount": "10"})
    assert response.status_code == 400
    assert "不能“结案”" in str(response.json())
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_creating_an_application_with_recipients(client_for, personas, clock_rules):
    payload = {
        "area": "440303001", "source": "window", "received_on": "2026-03-02", "matter_kind": "civil",
        "category": "labour", "applicant_name": "李四", "applicant_id_number": resident_id(),
        "financial_status": "low_income", "recipients": [{"name": "李四", "groups": ["migrant_worker"]}, {"name": "王五", "groups": []}],
    }
    response = client_for(personas.clerk_a).post("/api/v1/legalaid/cases/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "罗法援〔2026〕0001号" and body["decision_due_on"] == "2026-03-11"
    assert body["applicant_id_number"] == resident_id()[:6] + "********" + resident_id()[-4:]
    assert len(body["recipients"]) == 2


def test_a_wrong_id_number_is_refused_and_nothing_is_written(client_for, personas, clock_rules):
    bad = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    payload = {"area": "440303001", "source": "window", "received_on": "2026-03-02", "matter_kind": "civil",
               "category": "labour", "applicant_name": "李四", "applicant_id_number": bad,
               "recipients": [{"name": "李四"}]}
    response = client_for(personas.clerk_a).post("/api/v1/legalaid/cases/", payload, content_type="application/json")
    assert response.status_code == 400 and "校验位不正确" in str(response.json())
    assert not Case.objects.exists()


def test_jurisdiction_and_permissions(client_for, personas, case):
    url = f"/api/v1/legalaid/cases/{case.pk}/"
    assert client_for(personas.clerk_b).get(url).status_code == 404
    assert client_for(personas.other_leader).get(url).status_code == 404
    assert client_for(personas.leader).get(url).status_code == 200
    assert client_for(personas.leader).post(f"{url}decide/", {"grant": True}).status_code == 403
    assert client_for(personas.clerk_b).post(f"{url}decide/", {"grant": True}).status_code == 404
    assert client_for(personas.clerk_b).post("/api/v1/legalaid/cases/", {"area": "440303001"},
                                             content_type="application/json").status_code == 400


def test_the_list_uses_the_page_filterset_and_a_constant_number_of_queries(client_for, personas, make_case,
                                                                          django_assert_max_num_queries):
    for _ in range(12):
        make_case(received_on=date(2026, 3, 2), recipients=3)
    make_case(received_on=date(2026, 1, 5))
    api = client_for(personas.section)
    # session, user, area, count, rows, recipients, steps with their users; the session re-save (3)
    with django_assert_max_num_queries(10):
        rows = api.get("/api/v1/legalaid/cases/?received_after=2026-03-01").json()["results"]
    assert len(rows) == 12
    overdue = api.get("/api/v1/legalaid/cases/?overdue=true").json()["results"]
    assert len(overdue) == 13  # every decision clock of March is long past


def test_consultations_by_api(client_for, personas, areas):
    api = client_for(personas.clerk_a)
    created = api.post("/api/v1/legalaid/consultations/", {"area": "440303001", "on": "2026-03-02",
                                                          "channel": "hotline", "topic": "labour",
                                                          "person_times": 2, "answer": "告知仲裁途径"})
    assert created.status_code == 201
    outside = api.post("/api/v1/legalaid/consultations/", {"area": "440303002", "on": "2026-03-02",
                                                          "channel": "hotline", "topic": "labour",
                                                          "answer": "告知仲裁途径"})
    assert outside.status_code == 400
    assert api.get("/api/v1/legalaid/consultations/?channel=hotline").json()["count"] == 1


# --- Complaints: the case and the lawyer must be the clerk's, refused alike by the API and the page ------------


@pytest.fixture
def guangming_case(make_case, personas, areas):
    """A case of 光明区 (other_district), which no 罗湖 user can see."""
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    return make_case(area=street, by=personas.admin)


def complaint(lawyer, **fields):
    return {"area": "440303001", "lawyer": lawyer.pk, "complainant": "王小明", "received_on": "2026-03-05",
            "content": "律师未联系受援人。", **fields}


def page_complaint(areas, lawyer, **fields):
    return {"area": areas.street_a.pk, "lawyer": lawyer.pk, "complainant": "王小明", "received_on": "2026-03-05",
            "case_number": "", "content": "律师未联系受援人。", **fields}


def test_a_complaint_about_a_case_of_another_district_is_refused_by_the_api_as_by_the_page(
        client_for, personas, areas, lawyers, guangming_case):
    message = f"未找到编号为“{guangming_case.number}”的案件（或不在您的管辖范围内）。"
    client = client_for(personas.section)  # 罗湖区
    response = client.post("/api/v1/legalaid/complaints/", complaint(lawyers["labour"], case=guangming_case.pk))
    assert response.status_code == 400 and response.json() == {"case": [message]}
    assert not Complaint.objects.exists()

    page = client.post(reverse("legalaid:complaint_create"),
                       page_complaint(areas, lawyers["labour"], case_number=guangming_case.number))
    assert page.status_code == 200 and message in page.content.decode()
    assert not Complaint.objects.exists()


def test_a_street_clerk_may_not_complain_about_another_streets_case(client_for, personas, areas, lawyers,
                                                                     make_case):
    case_b = make_case(area=areas.street_b)
    message = f"未找到编号为“{case_b.number}”的案件（或不在您的管辖范围内）。"
    client = client_for(personas.clerk_a)
    response = client.post("/api/v1/legalaid/complaints/", complaint(lawyers["labour"], case=case_b.pk))
    assert response.status_code == 400 and response.json() == {"case": [message]}
    page = client.post(reverse("legalaid:complaint_create"),
                       page_complaint(areas, lawyers["labour"], case_number=case_b.number))
    assert message in page.content.decode()
    assert not Complaint.objects.exists()


def test_a_complaint_about_a_lawyer_of_another_district_is_refused_by_the_api_as_by_the_page(
        client_for, personas, areas, lawyers, clock_rules):
    message = "被投诉律师不在您所在区的律师名录中。"
    client = client_for(personas.clerk_a)
    response = client.post("/api/v1/legalaid/complaints/", complaint(lawyers["elsewhere"]))  # 光明区
    assert response.status_code == 400 and response.json() == {"lawyer": [message]}
    page = client.post(reverse("legalaid:complaint_create"), page_complaint(areas, lawyers["elsewhere"]))
    assert page.status_code == 200 and message in page.content.decode()
    assert not Complaint.objects.exists()

    created = client.post("/api/v1/legalaid/complaints/", complaint(lawyers["senior"]))  # 黄贝, same district
    assert created.status_code == 201, created.json()
    assert Complaint.objects.get().lawyer == lawyers["senior"]
    concluded = client.post(f"/api/v1/legalaid/complaints/{created.json()['id']}/conclude/",
                            {"finding": "partly", "handling": "约谈律师", "on": "2026-03-20"})
    assert concluded.status_code == 200 and concluded.json()["concluded_on"] == "2026-03-20"


# --- Other records named in a payload: the service decides, page and API alike ------------------------------


def test_a_lawyer_of_another_district_cannot_be_assigned_by_the_api_nor_the_page(client_for, personas, case,
                                                                                  lawyers):
    from legalaid import services

    message = "该律师不在本区可承办法律援助案件的律师名单中。"
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    client = client_for(personas.section)
    response = client.post(f"/api/v1/legalaid/cases/{case.pk}/assign/",
                           {"lawyer": lawyers["elsewhere"].pk, "on": "2026-03-04", "override_reason": "指定"})
    assert response.status_code == 400 and message in str(response.json())
    page = client.post(reverse("legalaid:case_action", args=[case.pk, "assign"]),
                       {"lawyer": lawyers["elsewhere"].pk, "on": "2026-03-04", "override_reason": "指定"})
    assert page.status_code == 200 and message in page.content.decode()
    case.refresh_from_db()
    assert case.status == Status.GRANTED and case.lawyer is None


def test_quality_records_of_a_case_out_of_reach_are_refused(client_for, personas, case):
    from legalaid.models import FileEvaluation, FollowUp

    api = client_for(personas.clerk_b)  # 黄贝: street A's case is not theirs
    evaluation = api.post("/api/v1/legalaid/file-evaluations/", {
        "case": case.pk, "evaluated_on": "2026-03-10", "first_reviewer": "甲", "first_score": 90,
        "second_reviewer": "乙", "second_score": 80})
    assert evaluation.status_code == 400
    assert evaluation.json() == {"case": ["案件不存在或不在您的管辖范围内。"]}
    follow_up = api.post("/api/v1/legalaid/follow-ups/", {"case": case.pk, "called_on": "2026-03-10",
                                                         "satisfaction": "satisfied"})
    assert follow_up.status_code == 400
    assert follow_up.json() == {"case": ["案件不存在或不在您的管辖范围内。"]}
    hearing = api.post("/api/v1/legalaid/hearing-evaluations/", {"case": case.pk, "held_on": "2026-03-10",
                                                                "court": "罗湖区人民法院"})
    assert hearing.status_code == 400
    assert hearing.json() == {"case": ["案件不存在或不在您的管辖范围内。"]}
    assert not FileEvaluation.objects.exists() and not FollowUp.objects.exists()

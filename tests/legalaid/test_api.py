"""/api/v1/legalaid/: the same rules as the pages — jurisdiction, permissions, FilterSets, services."""

from datetime import date

import pytest

from legalaid.models import Case, Status
from tests.factories import resident_id

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
        "recipients": [{"name": "李四", "groups": ["migrant_worker"]}, {"name": "王五", "groups": []}],
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
    # session, user, area, count, rows, recipients, steps, their users; the session re-save (3)
    with django_assert_max_num_queries(11):
        rows = api.get("/api/v1/legalaid/cases/?received_after=2026-03-01").json()["results"]
    assert len(rows) == 12
    overdue = api.get("/api/v1/legalaid/cases/?overdue=true").json()["results"]
    assert len(overdue) == 13  # every decision clock of March is long past


def test_consultations_by_api(client_for, personas, areas):
    api = client_for(personas.clerk_a)
    created = api.post("/api/v1/legalaid/consultations/", {"area": "440303001", "on": "2026-03-02",
                                                          "channel": "hotline", "topic": "labour",
                                                          "person_times": 2})
    assert created.status_code == 201
    outside = api.post("/api/v1/legalaid/consultations/", {"area": "440303002", "on": "2026-03-02",
                                                          "channel": "hotline", "topic": "labour"})
    assert outside.status_code == 400
    assert api.get("/api/v1/legalaid/consultations/?channel=hotline").json()["count"] == 1

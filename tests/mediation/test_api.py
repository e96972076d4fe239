"""/api/v1/mediation/: the same rules as the services — jurisdiction (a street, a mediator's own committee),
permissions (the leader reads), and every write through mediation.services."""

from datetime import date

import pytest

from mediation.models import Case, FoundDispute, Mediator, Organisation, Status, Training
from tests.factories import resident_id

# The dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)

CASES = "/api/v1/mediation/cases/"


def case_payload(world, **fields):
    return {
        "organisation": world.committee_a.pk, "mediator": world.mediator_a.pk, "source": "application",
        "dispute_type": "neighbour", "accepted_on": "2026-03-02", "amount_involved": "12000.00",
        "summary": "楼上漏水损坏楼下装修。",
        "parties": [{"name": "王大伟", "id_number": resident_id()},
                    {"name": "李小红", "id_number": resident_id(sequence="246")}],
        **fields,
    }


@pytest.fixture
def case(make_case):
    return make_case(accepted_on=date(2026, 3, 2))


def test_creating_a_case_with_its_parties_goes_through_the_service(client_for, personas, world):
    response = client_for(personas.clerk_a).post(CASES, case_payload(world, co_mediators=[world.mediator_a2.pk]),
                                                 content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"] == "罗调〔2026〕00001号" and body["status"] == "accepted"
    assert body["area"] == "440303001" and body["concluded_due_on"] == "2026-04-02"
    assert body["co_mediators"] == [world.mediator_a2.pk]
    assert [p["name"] for p in body["parties"]] == ["王大伟", "李小红"]
    assert body["parties"][0]["id_number"] == resident_id()[:6] + "********" + resident_id()[-4:]


def test_a_case_without_parties_or_of_another_street_is_refused_and_nothing_is_written(client_for, personas,
                                                                                      world):
    api = client_for(personas.clerk_a)
    response = api.post(CASES, case_payload(world, parties=[]), content_type="application/json")
    assert response.status_code == 400 and "请至少登记一名当事人" in str(response.json())
    foreign = api.post(CASES, case_payload(world, organisation=world.committee_b.pk, mediator=world.mediator_b.pk),
                       content_type="application/json")
    assert foreign.status_code == 400 and "organisation" in foreign.json()
    assert not Case.objects.exists()


def test_a_case_moves_through_its_life_by_api_actions(client_for, personas, case):
    api = client_for(personas.clerk_a)
    base = f"{CASES}{case.pk}"
    assert api.post(f"{base}/start/", {"on": "2026-03-03"}).json()["status"] == "mediating"
    body = api.post(f"{base}/extend/", {"agreed_on": "2026-03-30", "extended_to": "2026-04-30",
                                        "note": "双方同意继续调解"}).json()
    assert body["extended_to"] == "2026-04-30" and body["extensions"][0]["previous_due_on"] == "2026-04-02"
    body = api.post(f"{base}/conclude/", {"on": "2026-04-20", "outcome": "success", "agreement_form": "written",
                                          "agreement_signed_on": "2026-04-20", "agreement_content": "赔偿8000元"}).json()
    assert (body["status"], body["performance"], body["confirmation_due_on"]) == ("concluded", "pending",
                                                                                  "2026-05-20")
    assert api.post(f"{base}/performance/", {"performance": "performed", "on": "2026-04-25"}).json()[
        "performance"] == "performed"
    body = api.post(f"{base}/apply-confirmation/", {"applied_on": "2026-05-10", "online": True,
                                                    "court": "罗湖区人民法院"}).json()
    assert body["confirmation_applied_on"] == "2026-05-10" and body["confirmation_online"] is True
    body = api.post(f"{base}/confirmation-ruling/", {"ruled_on": "2026-05-20", "result": "confirmed"}).json()
    assert body["confirmation_result"] == "confirmed"


def test_escalation_is_flagged_then_its_outcome_recorded(client_for, personas, case):
    api = client_for(personas.clerk_a)
    base = f"{CASES}{case.pk}"
    body = api.post(f"{base}/flag-escalation/", {"on": "2026-03-05", "measures": "联系社区网格员和派出所"}).json()
    assert body["escalation_risk"] is True and body["escalation_flagged_on"] == "2026-03-05"
    assert api.post(f"{base}/escalation-outcome/", {"prevented": True}).json()["escalation_prevented"] is True


def test_a_forbidden_move_is_a_400_in_chinese_and_changes_nothing(client_for, personas, case):
    response = client_for(personas.clerk_a).post(f"{CASES}{case.pk}/conclude/",
                                                 {"outcome": "failure", "failure_reason": "一方拒绝",
                                                  "on": "2026-03-05"})
    assert response.status_code == 400 and "不能“结束调解”" in str(response.json())
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_jurisdiction_and_permissions(client_for, personas, case):
    url = f"{CASES}{case.pk}/"
    assert client_for(personas.clerk_a).get(url).status_code == 200
    assert client_for(personas.clerk_b).get(url).status_code == 404
    assert client_for(personas.other_leader).get(url).status_code == 404
    assert client_for(personas.leader).get(url).status_code == 200
    assert client_for(personas.leader).post(f"{url}start/", {"on": "2026-03-03"}).status_code == 403
    assert client_for(personas.clerk_b).post(f"{url}start/", {"on": "2026-03-03"}).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED


def test_a_mediator_sees_and_works_only_their_own_committee(client_for, world, make_case, personas):
    own = make_case(accepted_on=date(2026, 3, 2))
    other = make_case(accepted_on=date(2026, 3, 2), organisation=world.committee_b, mediator=world.mediator_b,
                      by=personas.clerk_b)
    api = client_for(world.mediator_user)
    assert [row["id"] for row in api.get(CASES).json()["results"]] == [own.pk]
    assert api.get(f"{CASES}{other.pk}/").status_code == 404
    assert api.post(f"{CASES}{own.pk}/start/", {"on": "2026-03-03"}).json()["status"] == "mediating"
    assert [row["id"] for row in api.get("/api/v1/mediation/organisations/").json()["results"]] == [
        world.committee_a.pk]


def test_the_case_list_filters(client_for, personas, make_case):
    make_case(accepted_on=date(2026, 3, 2))
    make_case(accepted_on=date(2026, 3, 2), dispute_type="labour")
    api = client_for(personas.leader)
    assert api.get(f"{CASES}?dispute_type=labour").json()["count"] == 1
    assert api.get(CASES).json()["count"] == 2
    assert api.get(f"{CASES}?q=王大伟").json()["count"] == 2
    assert api.get(f"{CASES}?overdue=true&accepted_after=2026-03-01").json()["count"] == 2  # a month is long past
    assert api.get("/api/v1/mediation/organisations/?unfiled=true").json()["count"] == 0
    assert api.get(f"{CASES}?street={personas.clerk_a.area.pk}").json()["count"] == 2
    assert api.get(f"{CASES}?street={personas.clerk_b.area.pk}").json()["count"] == 0


# --- Organisations, mediators, trainings, screening --------------------------------------------------------


def test_an_organisation_is_registered_filed_and_given_devices(client_for, personas, areas):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/mediation/organisations/", {
        "name": "桂园街道物业调解室", "kind": "street", "form": "room", "sector": "property", "area": "440303001",
        "founded_on": "2026-03-01"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["filing_due_on"] == "2026-03-31" and body["filed_on"] is None
    base = f"/api/v1/mediation/organisations/{body['id']}"
    body = api.post(f"{base}/file/", {"filed_on": "2026-03-10", "filing_number": "罗调备2026001"}).json()
    assert body["filed_on"] == "2026-03-10" and body["filing_due_on"] is None
    body = api.post(f"{base}/devices/", {"count": 2, "on": "2026-03-12"}).json()
    assert (body["devices"], body["devices_installed_on"]) == (2, "2026-03-12")
    outside = api.post("/api/v1/mediation/organisations/", {
        "name": "黄贝调委会", "kind": "street", "area": "440303002", "founded_on": "2026-03-01"})
    assert outside.status_code == 400
    assert Organisation.objects.filter(name="黄贝调委会").count() == 0


def test_a_mediator_is_appointed_and_leaves(client_for, personas, world):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/mediation/mediators/", {"organisation": world.committee_a.pk, "name": "周调解",
                                                         "kind": "full_time", "from_on": "2026-03-01"})
    assert response.status_code == 201, response.json()
    assert response.json()["area"] == "440303001"
    body = api.post(f"/api/v1/mediation/mediators/{response.json()['id']}/leave/", {"on": "2026-05-01"}).json()
    assert body["to_on"] == "2026-05-01"
    assert client_for(personas.clerk_b).post("/api/v1/mediation/mediators/", {
        "organisation": world.committee_a.pk, "name": "外街道", "from_on": "2026-03-01"}).status_code == 400
    assert not Mediator.objects.filter(name="外街道").exists()


def test_a_mediator_cannot_register_mediators_or_trainings(client_for, world):
    api = client_for(world.mediator_user)
    response = api.post("/api/v1/mediation/mediators/", {"organisation": world.committee_a.pk, "name": "周调解",
                                                         "from_on": "2026-03-01"})
    assert response.status_code in {400, 403}
    assert not Mediator.objects.filter(name="周调解").exists()
    assert api.get("/api/v1/mediation/trainings/").json()["count"] == 0


def test_trainings_by_api(client_for, personas, areas):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/mediation/trainings/", {"area": "440303001", "title": "人民调解业务培训",
                                                         "held_on": "2026-04-01", "online": True, "attendees": 30,
                                                         "stream_viewers": 120})
    assert response.status_code == 201, response.json()
    assert response.json()["attendance"] == 150
    empty = api.post("/api/v1/mediation/trainings/", {"area": "440303001", "title": "无人", "held_on": "2026-04-01"})
    assert empty.status_code == 400 and "参训人次" in str(empty.json())
    assert Training.objects.count() == 1


def test_a_screening_round_finds_a_dispute_that_becomes_a_case(client_for, personas, world):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/mediation/screening-rounds/", {"area": "440303001", "started_on": "2026-03-01",
                                                                "ended_on": "2026-03-05", "title": "春季排查"})
    assert response.status_code == 201, response.json()
    found = api.post("/api/v1/mediation/found-disputes/", {
        "round": response.json()["id"], "found_on": "2026-03-02", "dispute_type": "neighbour",
        "risk_level": "medium", "description": "邻里噪音纠纷"})
    assert found.status_code == 201, found.json()
    assert found.json()["area"] == "440303001" and found.json()["case"] is None
    created = api.post(CASES, case_payload(world, found_dispute=found.json()["id"]), content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["found_dispute"] == found.json()["id"]
    assert FoundDispute.objects.get().case_id == created.json()["id"]
    assert client_for(personas.clerk_b).get(f"/api/v1/mediation/found-disputes/{found.json()['id']}/").status_code == 404

"""/api/v1/corrections/: the pages' rules — jurisdiction, permissions, FilterSets, the services' refusals."""

import itertools
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corrections import services
from corrections.models import (
    AssessmentDecision,
    EducationSession,
    Emergency,
    LedgerEntry,
    Monitoring,
    ReleasedPerson,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from tests.factories import resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

BASE = "/api/v1/corrections"
_released = itertools.count(1)


def make_records(make_supervisee, areas, by, n=1):
    """n records of every type about street A (桂园): {endpoint: [pk, …]}."""
    records = {}
    for i in range(n):
        person = make_supervisee()
        made = {
            "supervisees": person,
            "ledger": person.ledger.get(),
            "events": services.event_record(supervisee=person, kind=SupervisionEvent.Kind.TALK,
                                            on=date(2026, 2, 1), by=by),
            "travels": services.travel_approve(supervisee=person, destination="广州", reason="探亲",
                                               leave_on=date(2026, 3, 1), return_on=date(2026, 3, 3),
                                               approved_on=date(2026, 2, 25), by=by),
            "sessions": services.session_record(kind=EducationSession.Kind.LEGAL_MORAL, title="宪法学习",
                                                held_on=date(2026, 3, 5), area=areas.street_a, attendees=[person],
                                                by=by),
            "review-meetings": services.review_meeting_record(
                held_on=date(2026, 3, 6), area=areas.street_a, by=by,
                decisions=[(person, AssessmentDecision.Kind.PRAISE, "表现良好")]),
            "monitorings": services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.PROHIBITION,
                                                       starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30),
                                                       approved_on=date(2026, 3, 31), by=by),
            "risk-meetings": services.risk_meeting_record(held_on=date(2026, 3, 7), area=areas.street_a, by=by),
            "risk-cases": services.risk_case_record(supervisee=person, identified_on=date(2026, 3, 7),
                                                    description="酗酒", control_measures="每周谈话", owner="张敏",
                                                    by=by),
            "deliberations": services.deliberation_record(held_on=date(2026, 3, 8), area=areas.street_a, by=by,
                                                          cases=[(person, "是否调整等级", "维持普管")]),
            "emergencies": services.emergency_record(supervisee=person, kind=Emergency.Kind.OTHER,
                                                     occurred_on=date(2026, 3, 9), description="家庭纠纷", by=by,
                                                     first_step="上门走访"),
            "released-persons": services.released_person_register(
                by=by, name=f"释放人员{i}", gender="M", id_number=resident_id(sequence=f"9{next(_released) % 50 * 2 + 1:02d}"),
                crime="盗窃罪",
                prison="广东省东莞监狱", released_on=date(2025, 5, 5), area=areas.street_a),
        }
        for endpoint, record in made.items():
            records.setdefault(endpoint, []).append(record.pk)
    return records


@pytest.fixture
def records(make_supervisee, areas, personas):
    return make_records(make_supervisee, areas, personas.admin)


ENDPOINTS = ["supervisees", "ledger", "events", "travels", "sessions", "review-meetings", "monitorings",
             "risk-meetings", "risk-cases", "deliberations", "emergencies", "released-persons"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_keeps_street_a_records_in_street_a(endpoint, records, client_for, personas,
                                                          corrections_section):
    url = f"{BASE}/{endpoint}/{records[endpoint][0]}/"
    for user in (personas.clerk_a, personas.leader, corrections_section, personas.admin):
        assert client_for(user).get(url).status_code == 200, user
        assert client_for(user).get(f"{BASE}/{endpoint}/").json()["count"] == 1, user
    for user in (personas.clerk_b, personas.other_leader):
        assert client_for(user).get(url).status_code == 404, user
        assert client_for(user).get(f"{BASE}/{endpoint}/").json()["count"] == 0, user
    # The legal-aid section works in another function: no corrections data at all.
    assert client_for(personas.section).get(url).status_code == 403


ACTIONS = [
    ("supervisees", "receive", {}), ("supervisees", "transfer", {"to_place": "东莞市"}),
    ("supervisees", "release", {"certificate_on": "2027-01-05"}), ("supervisees", "terminate", {"reason": "death"}),
    ("supervisees", "set-level", {"level": "strict", "reason": "再犯风险高"}),
    ("travels", "return", {}), ("monitorings", "end", {}), ("risk-cases", "close", {}),
    ("emergencies", "steps", {"action": "联系家属"}), ("released-persons", "hand-over", {"handover": "received"}),
    ("released-persons", "reoffended", {}), ("released-persons", "help", {"kind": "job"}),
    ("released-persons", "follow-up", {"method": "phone", "note": "就业稳定"}),
]


@pytest.mark.parametrize("endpoint, name, payload", ACTIONS)
def test_every_action_is_a_404_outside_the_area_and_a_403_for_the_leader(endpoint, name, payload, records,
                                                                        client_for, personas):
    url = f"{BASE}/{endpoint}/{records[endpoint][0]}/{name}/"
    assert client_for(personas.clerk_b).post(url, payload).status_code == 404
    assert client_for(personas.leader).post(url, payload).status_code == 403
    assert client_for(personas.section).post(url, payload).status_code == 403


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_costs_the_same_whatever_its_length(endpoint, make_supervisee, areas, personas, client_for,
                                                       django_assert_max_num_queries):
    make_records(make_supervisee, areas, personas.admin, n=1)
    api = client_for(personas.clerk_a)
    with CaptureQueriesContext(connection) as one:
        assert api.get(f"{BASE}/{endpoint}/").json()["count"] == 1
    make_records(make_supervisee, areas, personas.admin, n=3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert api.get(f"{BASE}/{endpoint}/").json()["count"] == 4
    # session, user, its area, count, rows, at most two prefetches, the session's re-save (3)
    assert len(one.captured_queries) <= 10


# --- Supervised persons -----------------------------------------------------------------------------------


def person_payload(**fields):
    return {"name": "周某", "gender": "M", "id_number": resident_id(sequence="555"), "sentence_kind": "probation",
            "crime": "危险驾驶罪", "court": "深圳市罗湖区人民法院", "judgment_on": "2026-03-01",
            "term_start": "2026-03-01", "term_end": "2026-12-31", "area": "440303001", **fields}


def test_a_gender_the_id_number_contradicts_is_refused_as_on_the_page_and_in_an_import(client_for, personas):
    """One rule on the model (Supervisee.clean), so the API, the page and the import refuse alike."""
    api = client_for(personas.clerk_a)
    response = api.post(f"{BASE}/supervisees/", person_payload(gender="F"), content_type="application/json")
    assert response.status_code == 400 and response.json()["gender"] == ["性别与身份证号码不符。"]
    assert not Supervisee.objects.exists()
    released = {"name": "赵六", "gender": "F", "id_number": resident_id(sequence="557"), "crime": "盗窃罪",
                "prison": "广东省深圳监狱", "released_on": "2025-05-05", "area": "440303001"}
    response = api.post(f"{BASE}/released-persons/", released, content_type="application/json")
    assert response.status_code == 400 and "性别与身份证号码不符" in str(response.json())


def test_a_person_is_registered_and_read_back_masked(client_for, personas):
    api = client_for(personas.clerk_a)
    response = api.post(f"{BASE}/supervisees/", person_payload(), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    number = resident_id(sequence="555")
    assert body["id_number"] == number[:6] + "********" + number[-4:]
    assert body["status"] == "awaiting" and body["report_due_on"] == "2026-03-11"
    assert body["level_changes"] == [{"level": "normal", "on": "2026-03-01", "reason": "入矫初始等级"}]
    listed = api.get(f"{BASE}/supervisees/").json()["results"]
    assert number not in str(listed) and listed[0]["id_number"] == body["id_number"]


def test_refused_registrations_answer_400_in_chinese_and_write_nothing(client_for, personas, make_supervisee):
    make_supervisee(id_number=resident_id(sequence="555"))
    api = client_for(personas.clerk_a)
    duplicate = api.post(f"{BASE}/supervisees/", person_payload(), content_type="application/json")
    assert duplicate.status_code == 400
    assert duplicate.json() == {"id_number": ["该身份证号码的社区矫正对象已在册或待报到，不能重复登记。"]}
    bad = resident_id(sequence="556")[:-1] + ("0" if resident_id(sequence="556")[-1] != "0" else "1")
    wrong = api.post(f"{BASE}/supervisees/", person_payload(id_number=bad), content_type="application/json")
    assert wrong.status_code == 400 and "校验位不正确" in str(wrong.json())
    elsewhere = api.post(f"{BASE}/supervisees/", person_payload(id_number=resident_id(sequence="557"),
                                                                area="440303002"), content_type="application/json")
    assert elsewhere.status_code == 400
    future = api.post(f"{BASE}/supervisees/", person_payload(id_number=resident_id(sequence="558"),
                                                             judgment_on="2099-01-01", term_start="2099-01-01",
                                                             term_end="2099-12-31"), content_type="application/json")
    assert future.status_code == 400 and "判决（决定）生效日期不能晚于今天。" in str(future.json())
    assert Supervisee.objects.count() == 1
    assert client_for(personas.leader).post(f"{BASE}/supervisees/", person_payload(id_number=resident_id(
        sequence="559")), content_type="application/json").status_code == 403
    assert Supervisee.objects.count() == 1


def test_a_person_moves_on_the_register_by_actions(client_for, personas, make_supervisee):
    person = make_supervisee(reported_on=None, term_end=date(2026, 6, 30))
    api = client_for(personas.clerk_a)
    url = f"{BASE}/supervisees/{person.pk}"
    assert api.post(f"{url}/receive/", {"on": "2026-01-12"}).json()["status"] == "active"
    body = api.post(f"{url}/set-level/", {"level": "strict", "on": "2026-02-01", "reason": "多次违规"}).json()
    assert body["level"] == "strict" and [c["level"] for c in body["level_changes"]] == ["normal", "strict"]

    early = api.post(f"{url}/release/", {"on": "2026-06-01", "certificate_on": "2026-06-01"})
    assert early.status_code == 400 and early.json() == {"detail": ["矫正期满（2026-06-30）后方可解除矫正。"]}
    assert Supervisee.objects.get(pk=person.pk).status == "active" and person.ledger.count() == 1

    released = api.post(f"{url}/release/", {"on": "2026-07-01", "certificate_on": "2026-07-02"}).json()
    assert released["status"] == "released"
    kinds = [e["kind"] for e in api.get(f"{BASE}/ledger/?supervisee={person.pk}").json()["results"]]
    assert kinds == ["received", "released"]
    again = api.post(f"{url}/terminate/", {"on": "2026-07-03", "reason": "death"})
    assert again.status_code == 400 and "目前不在册" in str(again.json())


def test_a_transfer_answers_with_the_new_office_which_alone_sees_the_person_from_then(client_for, personas,
                                                                                      make_supervisee):
    person = make_supervisee()
    body = client_for(personas.clerk_a).post(f"{BASE}/supervisees/{person.pk}/transfer/",
                                             {"on": "2026-03-01", "to_area": "440303002", "note": "搬家"}).json()
    assert body["area"] == "440303002"
    assert client_for(personas.clerk_a).get(f"{BASE}/supervisees/{person.pk}/").status_code == 404
    assert client_for(personas.clerk_b).get(f"{BASE}/supervisees/{person.pk}/").status_code == 200
    ledger = client_for(personas.clerk_b).get(f"{BASE}/ledger/?supervisee={person.pk}&kind=transferred_in").json()
    assert [(e["area"], e["counterpart"]) for e in ledger["results"]] == [("440303002", "440303001")]
    nowhere = client_for(personas.clerk_b).post(f"{BASE}/supervisees/{person.pk}/transfer/", {"on": "2026-03-02"})
    assert nowhere.status_code == 400 and "二者选一" in str(nowhere.json())


def test_the_register_list_uses_the_page_filterset(client_for, personas, make_supervisee, areas):
    make_supervisee(level="strict")
    make_supervisee(sentence_kind="parole")
    make_supervisee(area=areas.street_b)
    api = client_for(personas.leader)
    assert api.get(f"{BASE}/supervisees/").json()["count"] == 3
    assert api.get(f"{BASE}/supervisees/?level=strict").json()["count"] == 1
    assert api.get(f"{BASE}/supervisees/?sentence_kind=parole&street={areas.street_a.pk}").json()["count"] == 1
    assert api.get(f"{BASE}/supervisees/?street={areas.street_b.pk}").json()["count"] == 1


# --- Supervision, assessment, risk ------------------------------------------------------------------------


def test_events_are_recorded_for_visible_people_only(client_for, personas, make_supervisee):
    person = make_supervisee()
    payload = {"supervisee": person.pk, "kind": "info_check", "on": "2026-02-02", "method": "online",
               "is_random": True}
    assert client_for(personas.clerk_b).post(f"{BASE}/events/", payload).status_code == 400
    assert client_for(personas.leader).post(f"{BASE}/events/", payload).status_code == 403
    assert not SupervisionEvent.objects.exists()
    api = client_for(personas.clerk_a)
    created = api.post(f"{BASE}/events/", payload).json()
    assert created["area"] == "440303001" and created["supervisee_name"] == person.name
    assert api.get(f"{BASE}/events/?is_random=true&supervisee={person.pk}").json()["count"] == 1
    assert api.get(f"{BASE}/events/?kind=talk").json()["count"] == 0
    before = api.post(f"{BASE}/events/", {**payload, "on": "2026-01-01"})
    assert before.status_code == 400 and before.json() == {"detail": ["日期不能早于报到日期2026-01-10。"]}


def test_travel_beyond_seven_days_needs_the_bureau(client_for, personas, make_supervisee, corrections_section):
    person = make_supervisee()
    payload = {"supervisee": person.pk, "destination": "北京", "reason": "就医", "leave_on": "2026-03-01",
               "return_on": "2026-03-08", "approved_on": "2026-02-27"}
    refused = client_for(personas.clerk_a).post(f"{BASE}/travels/", payload)
    assert refused.status_code == 400 and refused.json() == {"detail": ["外出8日，超过7日的须报区司法局审批。"]}
    assert not TravelApproval.objects.exists()
    travel = client_for(corrections_section).post(f"{BASE}/travels/", payload).json()
    assert travel["approver"] == "bureau" and travel["days"] == 8 and travel["return_report_due_on"] == "2026-03-09"
    api = client_for(personas.clerk_a)
    assert api.get(f"{BASE}/travels/?not_returned=true").json()["count"] == 1
    assert api.post(f"{BASE}/travels/{travel['id']}/return/", {"returned_on": "2026-03-08"}).json()["returned_on"] \
        == "2026-03-08"
    twice = api.post(f"{BASE}/travels/{travel['id']}/return/", {"returned_on": "2026-03-09"})
    assert twice.status_code == 400 and "已于2026-03-08销假" in str(twice.json())


def test_a_session_with_its_attendance(client_for, personas, make_supervisee, areas, corrections_section):
    a1, a2, b1 = make_supervisee(), make_supervisee(), make_supervisee(area=areas.street_b)
    payload = {"kind": "psych", "title": "情绪管理", "held_on": "2026-03-05", "area": "440303001",
               "attendees": [a1.pk, a2.pk, b1.pk]}
    outside = client_for(corrections_section).post(f"{BASE}/sessions/", payload, content_type="application/json")
    assert outside.status_code == 400 and outside.json() == {"detail": [f"以下人员不属于组织单位：{b1.name}"]}
    assert client_for(personas.clerk_a).post(f"{BASE}/sessions/", payload,
                                             content_type="application/json").status_code == 400  # b1 unseen
    assert not EducationSession.objects.exists()
    body = client_for(personas.clerk_a).post(f"{BASE}/sessions/", {**payload, "attendees": [a1.pk, a2.pk]},
                                             content_type="application/json").json()
    assert sorted(a["name"] for a in body["attendance"]) == sorted([a1.name, a2.name])
    assert client_for(personas.clerk_a).get(f"{BASE}/sessions/?kind=psych").json()["count"] == 1


def test_meetings_with_their_decisions_and_cases(client_for, personas, make_supervisee, corrections_section):
    person = make_supervisee()
    api = client_for(personas.clerk_a)
    meeting = api.post(f"{BASE}/review-meetings/", {
        "held_on": "2026-03-15", "area": "440303001", "participants": "张敏、李强",
        "decisions": [{"supervisee": person.pk, "kind": "warning", "reason": "未按时报告"}],
    }, content_type="application/json").json()
    assert [(d["kind"], d["decided_on"]) for d in meeting["decisions"]] == [("warning", "2026-03-15")]
    empty = api.post(f"{BASE}/review-meetings/", {"held_on": "2026-03-15", "area": "440303001", "decisions": []},
                     content_type="application/json")
    assert empty.status_code == 400 and "请至少录入一项评审决定。" in str(empty.json())

    deliberation = client_for(corrections_section).post(f"{BASE}/deliberations/", {
        "held_on": "2026-03-20", "area": "440303",
        "cases": [{"supervisee": person.pk, "question": "是否提请撤销缓刑", "decision": "暂不提请"}],
    }, content_type="application/json").json()
    assert deliberation["cases"][0]["supervisee_name"] == person.name
    # Held by the district: the street does not see the meeting itself.
    api = client_for(personas.clerk_a)
    assert api.get(f"{BASE}/deliberations/{deliberation['id']}/").status_code == 404

    risk_meeting = api.post(f"{BASE}/risk-meetings/", {"held_on": "2026-03-21", "area": "440303001"}).json()
    assert api.get(f"{BASE}/risk-meetings/?held_after=2026-03-21").json()["count"] == 1
    assert api.get(f"{BASE}/risk-meetings/?held_after=2026-03-22").json()["count"] == 0
    assert api.get(f"{BASE}/review-meetings/?held_before=2026-03-14").json()["count"] == 0
    case = api.post(f"{BASE}/risk-cases/", {"supervisee": person.pk, "meeting": risk_meeting["id"],
                                            "identified_on": "2026-03-21", "grade": "high", "description": "酗酒",
                                            "control_measures": "", "owner": "张敏"})
    assert case.status_code == 400 and case.json() == {"control_measures": ["该字段不能为空。"]}
    case = api.post(f"{BASE}/risk-cases/", {"supervisee": person.pk, "meeting": risk_meeting["id"],
                                            "identified_on": "2026-03-21", "grade": "high", "description": "酗酒",
                                            "control_measures": "每周谈话", "owner": "张敏"}).json()
    assert api.get(f"{BASE}/risk-cases/?open=true").json()["count"] == 1
    assert api.post(f"{BASE}/risk-cases/{case['id']}/close/", {"on": "2026-04-01"}).json()["closed_on"] == "2026-04-01"
    assert api.get(f"{BASE}/risk-cases/?open=true").json()["count"] == 0


def test_monitoring_rules_by_api(client_for, personas, make_supervisee, corrections_section):
    person = make_supervisee()
    payload = {"supervisee": person.pk, "ground": "prohibition", "starts_on": "2026-04-01", "ends_on": "2026-06-30",
               "approved_on": "2026-03-31"}
    street = client_for(personas.clerk_a).post(f"{BASE}/monitorings/", payload)
    assert street.status_code == 400 and "司法所不能审批" in str(street.json())
    bureau = client_for(corrections_section)
    too_long = bureau.post(f"{BASE}/monitorings/", {**payload, "ends_on": "2026-07-01"})
    assert too_long.status_code == 400
    assert too_long.json() == {"ends_on": ["电子定位每次期限不得超过三个月（最迟至2026-06-30），期满需续期的须重新评估。"]}
    no_ground = bureau.post(f"{BASE}/monitorings/", {**payload, "ground": ""})
    assert no_ground.status_code == 400
    assert not Monitoring.objects.exists()
    first = bureau.post(f"{BASE}/monitorings/", payload).json()
    renewal = {**payload, "starts_on": "2026-07-01", "ends_on": "2026-09-30", "approved_on": "2026-06-25",
               "renewal_of": first["id"]}
    unassessed = bureau.post(f"{BASE}/monitorings/", renewal)
    assert unassessed.status_code == 400
    assert unassessed.json() == {"assessment": ["电子定位续期须重新评估，请填写评估意见。"]}
    renewed = bureau.post(f"{BASE}/monitorings/", {**renewal, "assessment": "仍有违反禁止令风险"}).json()
    assert renewed["renewal_of"] == first["id"]
    ended = client_for(personas.clerk_a).post(f"{BASE}/monitorings/{renewed['id']}/end/", {"on": "2026-08-01"})
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2026-08-01"
    assert client_for(personas.clerk_a).get(f"{BASE}/monitorings/?supervisee={person.pk}").json()["count"] == 2


def test_an_emergency_and_its_steps(client_for, personas, make_supervisee):
    person = make_supervisee()
    api = client_for(personas.clerk_a)
    emergency = api.post(f"{BASE}/emergencies/", {"supervisee": person.pk, "kind": "absconding",
                                                  "occurred_on": "2026-04-02", "description": "失联",
                                                  "first_step": "电话联系"}).json()
    url = f"{BASE}/emergencies/{emergency['id']}/steps/"
    early = api.post(url, {"on": "2026-04-01", "action": "走访"})
    assert early.status_code == 400 and early.json() == {"detail": ["处置日期不能早于发生日期。"]}
    body = api.post(url, {"on": "2026-04-03", "action": "找回本人", "close": True}).json()
    assert [s["action"] for s in body["steps"]] == ["电话联系", "找回本人"] and body["closed_on"] == "2026-04-03"
    assert api.get(f"{BASE}/emergencies/?open=true").json()["count"] == 0


# --- Resettlement -----------------------------------------------------------------------------------------


def test_resettlement_by_api(client_for, personas):
    api = client_for(personas.clerk_a)
    number = resident_id(sequence="777")
    payload = {"name": "吴某", "gender": "M", "id_number": number, "crime": "盗窃罪", "prison": "广东省东莞监狱",
               "released_on": "2025-05-05", "area": "440303001", "verification": "address"}
    person = api.post(f"{BASE}/released-persons/", payload).json()
    assert person["id_number"] == number[:6] + "********" + number[-4:] and person["listed_until"] == "2030-05-05"
    assert api.post(f"{BASE}/released-persons/", payload).json() == {"id_number": ["该人员的本次释放已登记。"]}
    url = f"{BASE}/released-persons/{person['id']}"
    assert api.post(f"{url}/hand-over/", {"handover": "received", "on": "2025-05-05"}).json()["handover"] == "received"
    api.post(f"{url}/help/", {"kind": "job", "on": "2025-06-01", "note": "推荐到物业公司"})
    body = api.post(f"{url}/follow-up/", {"method": "phone", "on": "2025-07-01", "note": "工作稳定"}).json()
    assert body["help"] == [{"kind": "job", "on": "2025-06-01", "note": "推荐到物业公司"}]
    assert body["follow_ups"] == [{"on": "2025-07-01", "method": "phone", "note": "工作稳定"}]
    early = api.post(f"{url}/help/", {"kind": "job", "on": "2025-01-01"})
    assert early.status_code == 400 and early.json() == {"detail": ["帮扶日期不能早于释放日期。"]}
    assert api.get(f"{BASE}/released-persons/?unverified=true").json()["count"] == 1
    assert api.post(f"{url}/reoffended/", {"on": "2026-02-01"}).json()["reoffended_on"] == "2026-02-01"
    assert api.get(f"{BASE}/released-persons/?reoffended=true").json()["count"] == 1
    assert ReleasedPerson.objects.count() == 1


def test_the_ledger_is_read_only(client_for, personas, make_supervisee):
    person = make_supervisee()
    api = client_for(personas.admin)
    assert api.post(f"{BASE}/ledger/", {"supervisee": person.pk, "kind": "received", "on": "2026-01-10"}).status_code \
        == 405
    entry = person.ledger.get()
    assert api.delete(f"{BASE}/ledger/{entry.pk}/").status_code == 405
    assert LedgerEntry.objects.count() == 1


def test_the_corrections_schema_is_valid_and_without_warnings():
    """Every corrections endpoint documents its payloads and answers (actions included) without guessing."""
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema
    from rest_framework.routers import DefaultRouter

    from corrections import api

    router = DefaultRouter()
    api.register(router)
    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS
    assert "/api/v1/corrections/supervisees/{id}/transfer/" in schema["paths"]
    assert "/api/v1/corrections/travels/{id}/return/" in schema["paths"]

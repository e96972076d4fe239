"""The screening (矛盾纠纷排查) and training pages, and the offices' last steps on organisations and mediators:
every page for its street (404 for the other street's round, dispute or organisation), the mediator's view of
their own organisation's rounds only, refusals in Chinese that write nothing, a found dispute taken up as a case
and linked to it, and the lists' pinned query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.menu import menu_for
from mediation import services
from mediation.forms import obvious_organisation
from mediation.models import (
    Case,
    DisputeType,
    FoundDispute,
    Organisation,
    Party,
    RiskLevel,
    ScreeningRound,
    Training,
)
from tests.factories import MediatorFactory, OrganisationFactory, resident_id


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - timedelta(days=n)


@pytest.fixture
def make_round(world, personas):
    """make_round(**fields) → a round of screening recorded through the service (by street A's clerk unless
    `by`), from ten days ago to three days ago."""

    def make(by=None, **fields):
        values = {"area": world.committee_a.area, "started_on": days_ago(10), "ended_on": days_ago(3),
                  "title": "月度矛盾纠纷排查"}
        values.update(fields)
        return services.screening_round_record(round=ScreeningRound(**values), by=by or personas.clerk_a)

    return make


def found(screening, by, risk_level=RiskLevel.LOW, **fields):
    values = {"round": screening, "found_on": screening.started_on + timedelta(days=1), "risk_level": risk_level,
              "dispute_type": DisputeType.NEIGHBOUR, "description": "楼上装修噪音扰民", "parties": "王五、赵六"}
    values.update(fields)
    return services.dispute_record(dispute=FoundDispute(**values), by=by)


def row(body, prefix, pk):
    """The HTML of one table row (`<tr id="<prefix>-<pk>">`)."""
    return body.split(f'id="{prefix}-{pk}"')[1].split("</tr>")[0]


# --- Access -----------------------------------------------------------------------------------------------


def test_the_screening_pages_open_for_their_street_and_are_a_404_for_the_other(client_for, personas, world,
                                                                                make_round):
    screening = make_round()
    dispute = found(screening, personas.clerk_a)
    records = [
        reverse("mediation:screening_round_detail", args=[screening.pk]),
        reverse("mediation:found_dispute_create", args=[screening.pk]),
        reverse("mediation:case_create") + f"?found_dispute={dispute.pk}",
    ]
    lists = [reverse(name) for name in ("mediation:screening_round_list", "mediation:screening_round_create",
                                        "mediation:found_dispute_list", "mediation:training_list",
                                        "mediation:training_create")]
    client = client_for(personas.clerk_a)
    for url in records + lists:
        assert client.get(url).status_code == 200, url
    client = client_for(personas.clerk_b)
    for url in records:
        assert client.get(url).status_code == 404, url
    assert client.post(records[1], {"found_on": today().isoformat(), "dispute_type": "neighbour",
                                    "risk_level": "low", "description": "越界"}).status_code == 404
    assert not FoundDispute.objects.filter(description="越界").exists()
    assert f'id="round-{screening.pk}"' not in client.get(lists[0]).content.decode()
    assert f'id="dispute-{dispute.pk}"' not in client.get(lists[2]).content.decode()
    # a role without mediation gets a 403, a leader reads but is not offered the forms
    for url in records[:1] + lists:
        assert client_for(personas.section).get(url).status_code == 403, url
    body = client_for(personas.leader).get(records[0]).content.decode()
    assert records[1] not in body and "?found_dispute=" not in body
    assert client_for(personas.leader).get(lists[1]).status_code == 403


def test_the_mediator_sees_only_their_organisations_rounds(client_for, personas, world, make_round):
    theirs = make_round(organisation=world.committee_a, title="桂园调委会排查")
    office = make_round(title="司法所排查")
    other = make_round(by=personas.clerk_b, organisation=world.committee_b, area=world.committee_b.area,
                       title="黄贝调委会排查")
    client = client_for(world.mediator_user)
    body = client.get(reverse("mediation:screening_round_list")).content.decode()
    assert f'id="round-{theirs.pk}"' in body
    assert f'id="round-{office.pk}"' not in body and f'id="round-{other.pk}"' not in body
    assert client.get(reverse("mediation:screening_round_detail", args=[theirs.pk])).status_code == 200
    for screening in (office, other):
        assert client.get(reverse("mediation:screening_round_detail", args=[screening.pk])).status_code == 404
    # the street office sees every round of its street, its committees' included
    body = client_for(personas.clerk_a).get(reverse("mediation:screening_round_list")).content.decode()
    assert f'id="round-{theirs.pk}"' in body and f'id="round-{office.pk}"' in body
    assert f'id="round-{other.pk}"' not in body


def test_the_menu_offers_screening_to_mediators_and_trainings_to_the_offices_only(client_for, personas, world):
    def labels(user):
        return {str(item.label) for _group, items in menu_for(user) for item in items}

    assert {"矛盾纠纷排查", "调解员培训"} <= labels(personas.clerk_a)
    assert {"矛盾纠纷排查", "调解员培训"} <= labels(personas.leader)
    assert "矛盾纠纷排查" in labels(world.mediator_user) and "调解员培训" not in labels(world.mediator_user)
    assert not {"矛盾纠纷排查", "调解员培训"} & labels(personas.section)
    client = client_for(world.mediator_user)
    assert client.get(reverse("mediation:training_list")).status_code == 403
    assert client.get(reverse("mediation:training_create")).status_code == 403


# --- Recording a round and its disputes -------------------------------------------------------------------


def test_the_mediator_records_a_round_of_their_own_organisation(client_for, personas, world, areas):
    client = client_for(world.mediator_user)
    url = reverse("mediation:screening_round_create")
    body = client.get(url).content.decode()
    assert f'<option value="{world.committee_a.pk}" selected' in body and world.committee_b.name not in body
    assert f'<option value="{areas.community_a.pk}"' in body and f'<option value="{areas.street_b.pk}"' not in body
    data = {"area": areas.community_a.pk, "organisation": world.committee_a.pk, "started_on": days_ago(7).isoformat(),
            "ended_on": days_ago(1).isoformat(), "title": "桂园东社区排查"}
    response = client.post(url, data)
    screening = ScreeningRound.objects.get()
    assert response.status_code == 302 and response.url == reverse("mediation:screening_round_detail",
                                                                   args=[screening.pk])
    assert screening.organisation == world.committee_a and screening.created_by == world.mediator_user

    # another street's committee or area is not offered, and nothing is written
    for refused in ({"organisation": world.committee_b.pk}, {"area": areas.street_b.pk}, {"organisation": ""}):
        response = client.post(url, {**data, **refused, "title": "越界排查"})
        assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not ScreeningRound.objects.filter(title="越界排查").exists()


def test_bad_input_is_refused_in_chinese_and_writes_nothing(client_for, personas, world, make_round, areas):
    client = client_for(personas.clerk_a)
    url = reverse("mediation:screening_round_create")
    data = {"area": areas.street_a.pk, "started_on": days_ago(3).isoformat(), "ended_on": days_ago(5).isoformat()}
    assert "结束日期不能早于开始日期" in client.post(url, data).content.decode()
    data.update(started_on=days_ago(3).isoformat(), ended_on=(today() + timedelta(days=2)).isoformat())
    assert "结束日期不能晚于今天" in client.post(url, data).content.decode()
    assert not ScreeningRound.objects.exists()

    screening = make_round()
    url = reverse("mediation:found_dispute_create", args=[screening.pk])
    data = {"area": areas.community_a.pk, "found_on": (screening.started_on - timedelta(days=1)).isoformat(),
            "dispute_type": "neighbour", "risk_level": "high", "description": "噪音", "parties": "王五"}
    response = client.post(url, data)
    assert response.status_code == 200 and "发现日期不能早于" in response.content.decode()
    assert "请填写" not in response.content.decode()
    response = client.post(url, {**data, "found_on": days_ago(4).isoformat(), "description": ""})
    assert "字段是必填项" in response.content.decode()
    assert not FoundDispute.objects.exists()
    response = client.post(url, {**data, "found_on": days_ago(4).isoformat()})
    assert response.status_code == 302 and response.url == reverse("mediation:screening_round_detail",
                                                                   args=[screening.pk])
    dispute = FoundDispute.objects.get()
    assert dispute.area == areas.community_a and dispute.risk_level == RiskLevel.HIGH and dispute.case is None


# --- The lists --------------------------------------------------------------------------------------------


def test_the_round_list_counts_the_disputes_found_in_its_query(client_for, personas, world, make_round,
                                                               django_assert_max_num_queries):
    rounds = [make_round(started_on=days_ago(20 + i), ended_on=days_ago(15)) for i in range(10)]
    busy = rounds[0]
    for risk in (RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW):
        found(busy, personas.clerk_a, risk_level=risk)
    found(rounds[1], personas.clerk_a, risk_level=RiskLevel.MEDIUM)
    committee_round = make_round(organisation=world.committee_a, started_on=days_ago(40), ended_on=days_ago(35))
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("mediation:screening_round_list")).content.decode()
    assert body.count('id="round-') == 11
    cells = row(body, "round", busy.pk)
    assert ">4</td>" in cells and "text-bg-danger\">2<" in cells
    assert ">1</td>" in row(body, "round", rounds[1].pk) and ">0</td>" in row(body, "round", rounds[1].pk)

    # adding rows adds no query
    for i in range(10):
        found(make_round(started_on=days_ago(50 + i), ended_on=days_ago(45)), personas.clerk_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mediation:screening_round_list"), {"page": 1}).status_code == 200

    body = client.get(reverse("mediation:screening_round_list"),
                      {"organisation": world.committee_a.pk}).content.decode()
    assert body.count('id="round-') == 1 and f'id="round-{committee_round.pk}"' in body
    body = client.get(reverse("mediation:screening_round_list"), {
        "started_after": days_ago(29).isoformat(), "started_before": days_ago(20).isoformat()}).content.decode()
    assert body.count('id="round-') == 10
    body = client.get(reverse("mediation:screening_round_list"), {"street": personas.clerk_a.area.pk}).content.decode()
    assert 'id="round-' in body

    response = client.get(reverse("mediation:screening_round_list"), {"_export": "xlsx", "organisation": ""})
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][0] == "开始日期" and len(rows) == 22
    assert next(r for r in rows[1:] if r[0].date() == busy.started_on)[-2:] == (4, 2)  # real dates and numbers


def test_the_found_disputes_list_filters_by_risk_and_case(client_for, personas, world, make_round,
                                                          django_assert_max_num_queries):
    screening = make_round()
    high = found(screening, personas.clerk_a, risk_level=RiskLevel.HIGH)
    for _ in range(10):
        found(screening, personas.clerk_a, risk_level=RiskLevel.LOW)
    taken = found(screening, personas.clerk_a, risk_level=RiskLevel.HIGH)
    case = services.case_accept(
        case=Case(organisation=world.committee_a, mediator=world.mediator_a, source="initiative",
                  dispute_type=DisputeType.NEIGHBOUR, accepted_on=today()),
        parties=[Party(name="王五", id_number=resident_id())], by=personas.clerk_a, found_dispute=taken)
    client = client_for(personas.clerk_a)
    url = reverse("mediation:found_dispute_list")
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert body.count('id="dispute-') == 12 and "转为调解案件" in body
    assert case.number in row(body, "dispute", taken.pk)
    body = client.get(url, {"risk_level": "high"}).content.decode()
    assert body.count('id="dispute-') == 2 and "重大" in row(body, "dispute", high.pk)
    body = client.get(url, {"risk_level": "high", "without_case": "on"}).content.decode()
    assert body.count('id="dispute-') == 1 and f'id="dispute-{high.pk}"' in body
    # who only reads is not offered the button
    assert "?found_dispute=" not in client_for(personas.leader).get(url).content.decode()


# --- A found dispute becomes a case -----------------------------------------------------------------------


def test_a_found_dispute_is_taken_up_as_a_case_and_linked_to_it(client_for, personas, world, make_round):
    screening = make_round(organisation=world.committee_a)
    dispute = found(screening, personas.clerk_a, risk_level=RiskLevel.HIGH, dispute_type=DisputeType.PROPERTY,
                    description="小区停车位纠纷，业主与物业对峙")
    client = client_for(personas.clerk_a)
    detail = reverse("mediation:screening_round_detail", args=[screening.pk])
    body = client.get(detail).content.decode()
    convert = reverse("mediation:case_create") + f"?found_dispute={dispute.pk}"
    assert convert in body and 'badge text-bg-danger">重大' in body

    body = client.get(convert).content.decode()
    assert 'id="from-dispute"' in body and "王五、赵六" in body
    assert f'<option value="{world.committee_a.pk}" selected' in body
    assert '<option value="property" selected' in body and '<option value="initiative" selected' in body
    assert "小区停车位纠纷，业主与物业对峙</textarea>" in body

    data = {
        "organisation": world.committee_a.pk, "mediator": world.mediator_a2.pk, "accepted_on": today().isoformat(),
        "source": "initiative", "referred_by": "", "dispute_type": "property", "amount_involved": "0",
        "summary": "小区停车位纠纷", "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "0",
        "parties-0-kind": "person", "parties-0-name": "王五", "parties-0-id_number": resident_id(),
        "parties-1-kind": "organisation", "parties-1-name": "某物业公司",
    }
    response = client.post(convert, data)
    case = Case.objects.get()
    dispute.refresh_from_db()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert dispute.case == case
    body = client.get(detail).content.decode()
    assert case.number in row(body, "dispute", dispute.pk) and "转为调解案件" not in row(body, "dispute", dispute.pk)
    assert 'id="found-dispute"' in client.get(case.get_absolute_url()).content.decode()

    # once taken up, the button leads to its case, and a second case is refused on the form
    response = client.get(convert)
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    response = client.post(convert, data)
    assert response.status_code == 200 and f"该纠纷已转为调解案件{case.number}" in response.content.decode()
    assert Case.objects.count() == 1


def test_the_obvious_organisation_of_a_dispute(personas, world, make_round, areas):
    organisations = Organisation.objects.active_on(today())
    office_round = make_round()  # by the street office, no organisation
    in_street = found(office_round, personas.clerk_a)
    assert obvious_organisation(in_street, organisations) == world.committee_a  # the street's only committee
    in_community = found(office_round, personas.clerk_a, area=areas.community_a)
    assert obvious_organisation(in_community, organisations) == world.committee_a  # no community committee
    community = OrganisationFactory(name="桂园东社区人民调解委员会", kind="community", area=areas.community_a)
    assert obvious_organisation(in_community, organisations) == community
    OrganisationFactory(name="桂园街道第二人民调解委员会", area=areas.street_a)
    assert obvious_organisation(in_street, organisations) is None  # two committees: the clerk chooses
    committee_round = make_round(organisation=world.committee_b, area=world.committee_b.area, by=personas.clerk_b)
    assert obvious_organisation(found(committee_round, personas.clerk_b), organisations) == world.committee_b
    assert obvious_organisation(found(committee_round, personas.clerk_b),
                                Organisation.objects.visible_to(personas.clerk_a)) is None


# --- Trainings --------------------------------------------------------------------------------------------


def test_the_offices_record_and_list_trainings(client_for, personas, world, areas, django_assert_max_num_queries):
    client = client_for(personas.clerk_a)
    url = reverse("mediation:training_create")
    body = client.get(url).content.decode()
    assert f'<option value="{areas.street_a.pk}" selected' in body and areas.street_b.name not in body
    data = {"title": "人民调解实务培训", "area": areas.street_a.pk, "held_on": days_ago(2).isoformat(),
            "attendees": "0", "stream_viewers": "0"}
    assert "请填写参训人次或直播观看人次" in client.post(url, data).content.decode()
    response = client.post(url, {**data, "area": areas.street_b.pk, "attendees": "30"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = client.post(url, {**data, "held_on": (today() + timedelta(days=1)).isoformat(), "attendees": "30"})
    assert "培训日期不能晚于今天" in response.content.decode()
    assert not Training.objects.exists()
    response = client.post(url, {**data, "attendees": "30", "stream_viewers": "120", "online": "on"})
    training = Training.objects.get()
    assert response.status_code == 302 and response.url == reverse("mediation:training_detail", args=[training.pk])
    assert training.attendance == 150 and 'id="attendance">150<' in client.get(response.url).content.decode()
    # the other street: a 404; a mediator keeps no trainings: a 403
    assert client_for(personas.clerk_b).get(response.url).status_code == 404
    assert client_for(world.mediator_user).get(response.url).status_code == 403
    client = client_for(personas.clerk_a)

    for i in range(10):
        services.training_record(training=Training(area=areas.street_a, title=f"第{i}期", held_on=days_ago(30 + i),
                                                   attendees=10), by=personas.clerk_a)
    theirs = services.training_record(training=Training(area=areas.street_b, title="黄贝培训", held_on=days_ago(1),
                                                        attendees=99), by=personas.clerk_b)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("mediation:training_list")).content.decode()
    assert body.count('id="training-') == 11 and f'id="training-{theirs.pk}"' not in body
    assert "共 11 期，250 人次" in body
    body = client.get(reverse("mediation:training_list"), {"online": "true"}).content.decode()
    assert body.count('id="training-') == 1 and "共 1 期，150 人次" in body and "线上" in body
    body = client.get(reverse("mediation:training_list"), {
        "held_after": days_ago(35).isoformat(), "held_before": days_ago(30).isoformat()}).content.decode()
    assert body.count('id="training-') == 6
    body = client.get(reverse("mediation:training_list"), {"sort": "-person_times"}).content.decode()
    assert body.index('id="training-') == body.index(f'id="training-{Training.objects.get(online=True).pk}"')

    # the district sees every street's trainings; who only reads is not offered the form
    body = client_for(personas.leader).get(reverse("mediation:training_list")).content.decode()
    assert body.count('id="training-') == 12 and "登记培训" not in body
    assert client_for(personas.leader).post(url, data).status_code == 403


# --- Mediators leaving, organisations closing -------------------------------------------------------------


def test_the_street_office_records_a_mediator_leaving(client_for, personas, world):
    client = client_for(personas.clerk_a)
    detail = reverse("mediation:mediator_detail", args=[world.mediator_a2.pk])
    url = reverse("mediation:mediator_action", args=[world.mediator_a2.pk, "leave"])
    assert url in client.get(detail).content.decode()
    response = client.post(url, {"on": (today() + timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "离任日期不能晚于今天" in response.content.decode()
    world.mediator_a2.refresh_from_db()
    assert world.mediator_a2.to_on is None
    assert client.post(url, {"on": today().isoformat()}).status_code == 302
    world.mediator_a2.refresh_from_db()
    assert world.mediator_a2.to_on == today()
    body = client.get(detail).content.decode()
    assert 'id="left"' in body and url not in body
    response = client.post(url, {"on": today().isoformat()})
    assert response.status_code == 200 and "该调解员已于" in response.content.decode()
    assert client.get(reverse("mediation:mediator_action", args=[world.mediator_a2.pk, "nope"])).status_code == 404
    # the other street: a 404; the mediator and who only reads: a 403
    assert client_for(personas.clerk_b).post(url, {"on": today().isoformat()}).status_code == 404
    other = reverse("mediation:mediator_action", args=[world.mediator_a.pk, "leave"])
    assert client_for(world.mediator_user).post(other, {"on": today().isoformat()}).status_code == 403
    assert client_for(personas.leader).post(other, {"on": today().isoformat()}).status_code == 403
    assert other not in client_for(personas.leader).get(reverse("mediation:mediator_detail",
                                                                args=[world.mediator_a.pk])).content.decode()
    world.mediator_a.refresh_from_db()
    assert world.mediator_a.to_on is None


def test_the_street_office_closes_an_organisation_without_open_cases(client_for, personas, world, make_case):
    make_case(accepted_on=days_ago(5))
    client = client_for(personas.clerk_a)
    url = reverse("mediation:organisation_action", args=[world.committee_a.pk, "close"])
    assert url in client.get(reverse("mediation:organisation_detail", args=[world.committee_a.pk])).content.decode()
    response = client.post(url, {"on": today().isoformat()})
    assert response.status_code == 200 and "尚有未结束的调解案件，不能撤销" in response.content.decode()
    world.committee_a.refresh_from_db()
    assert world.committee_a.closed_on is None

    empty = OrganisationFactory(name="桂园某小区物业调解室", area=world.committee_a.area, form="room",
                                sector="property")
    MediatorFactory(organisation=empty)
    url = reverse("mediation:organisation_action", args=[empty.pk, "close"])
    assert client_for(personas.clerk_b).post(url, {"on": today().isoformat()}).status_code == 404
    assert client_for(world.mediator_user).get(
        reverse("mediation:organisation_action", args=[world.committee_a.pk, "close"])).status_code == 403
    client = client_for(personas.clerk_a)
    assert client.post(url, {"on": today().isoformat()}).status_code == 302
    empty.refresh_from_db()
    assert empty.closed_on == today()
    body = client.get(reverse("mediation:organisation_detail", args=[empty.pk])).content.decode()
    assert 'id="closed-on"' in body and url not in body
    response = client.get(url)
    assert response.status_code == 302  # refused: back to the organisation, with the reason
    assert "该调解组织已于" in client.get(response.url).content.decode()

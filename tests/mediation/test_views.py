"""The mediation pages: every page for its street (404 for the other street, 403 for a role without mediation),
the lists' filters, exports and pinned query counts, the case's steps as actions through the services, the
offices' organisation and mediator forms, and the mediator's own workspace."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.menu import menu_for
from mediation import services
from mediation.models import AgreementForm, Case, Mediator, Organisation, Outcome, Status
from tests.factories import resident_id

STORY_DAY = date(2026, 6, 30)


def today():
    return timezone.localdate()


def recent(make_case, **fields):
    """A case accepted ten days ago (its month still running)."""
    return make_case(accepted_on=today() - timedelta(days=10), **fields)


def pages(world, case):
    return [
        reverse("mediation:case_detail", args=[case.pk]),
        reverse("mediation:case_action", args=[case.pk, "start"]),
        reverse("mediation:organisation_detail", args=[world.committee_a.pk]),
        reverse("mediation:mediator_detail", args=[world.mediator_a.pk]),
    ]


LISTS = ["mediation:case_list", "mediation:organisation_list", "mediation:mediator_list", "mediation:case_create"]


# --- Access -----------------------------------------------------------------------------------------------


def test_every_page_opens_for_its_street_and_is_a_404_for_the_other(client_for, personas, world, make_case):
    case = recent(make_case)
    client = client_for(personas.clerk_a)
    for url in pages(world, case) + [reverse(name) for name in LISTS]:
        assert client.get(url).status_code == 200, url
    client = client_for(personas.clerk_b)
    for url in pages(world, case):
        assert client.get(url).status_code == 404, url
    for name in ["mediation:case_list", "mediation:organisation_list", "mediation:mediator_list"]:
        body = client.get(reverse(name)).content.decode()
        assert case.number not in body and world.committee_a.name not in body and world.mediator_a.name not in body


@pytest.mark.parametrize("name", LISTS + ["mediation:mediator_home"])
def test_a_role_without_mediation_gets_a_403(client_for, personas, world, name):
    # the section persona is of 法律援助科; the advisor works in their own function
    for user in (personas.section, personas.advisor):
        assert client_for(user).get(reverse(name)).status_code == 403


def test_a_role_without_mediation_gets_a_403_on_records_too(client_for, personas, world, make_case):
    case = recent(make_case)
    for url in pages(world, case):
        assert client_for(personas.advisor).get(url).status_code == 403


def test_the_mediator_sees_their_committee_only(client_for, personas, world, make_case):
    mine = recent(make_case)
    other = recent(make_case, organisation=world.committee_b, mediator=world.mediator_b, by=personas.clerk_b)
    client = client_for(world.mediator_user)
    assert client.get(reverse("mediation:case_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("mediation:case_detail", args=[other.pk])).status_code == 404
    body = client.get(reverse("mediation:case_list")).content.decode()
    assert mine.number in body and other.number not in body
    # organisations and mediators are the offices' records: readable, never registered by a mediator
    assert client.get(reverse("mediation:organisation_create")).status_code == 403
    assert client.get(reverse("mediation:mediator_create")).status_code == 403
    assert "登记调解组织" not in client.get(reverse("mediation:organisation_list")).content.decode()


def test_the_menu_offers_mediation_to_the_street_office_and_the_mediator(personas, world):
    def labels(user):
        return {str(item.label) for _group, items in menu_for(user) for item in items}

    assert {"调解案件", "登记调解案件", "调解组织", "调解员"} <= labels(personas.clerk_a)
    assert "登记调解案件" in labels(world.mediator_user)
    assert "登记调解案件" not in labels(personas.leader)
    assert "调解案件" not in labels(personas.section)


# --- Lists ------------------------------------------------------------------------------------------------


def test_the_case_list_shows_deadlines_filters_and_exports(client_for, personas, world, make_case):
    running = recent(make_case)
    late = make_case(accepted_on=today() - timedelta(days=45))
    client = client_for(personas.clerk_a)
    body = client.get(reverse("mediation:case_list")).content.decode()
    assert "还剩" in body and "已逾期" in body and "王大伟、李小红" in body
    body = client.get(reverse("mediation:case_list"), {"overdue": "on"}).content.decode()
    assert late.number in body and running.number not in body
    body = client.get(reverse("mediation:case_list"), {"q": "王大伟", "street": personas.clerk_a.area.pk}).content.decode()
    assert late.number in body and running.number in body

    response = client.get(reverse("mediation:case_list"), {"_export": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:2] == ("编号", "调解组织") and len(rows) == 3
    assert {row[0] for row in rows[1:]} == {running.number, late.number}


def test_the_case_list_query_count_does_not_grow_with_rows(client_for, personas, world, make_case,
                                                           django_assert_max_num_queries):
    for i in range(20):
        recent(make_case, mediator=world.mediator_a2 if i % 2 else world.mediator_a)
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("mediation:case_list"))
    assert response.status_code == 200 and response.content.decode().count('id="case-') == 20


def test_the_organisation_and_mediator_lists_query_counts(client_for, personas, world, areas,
                                                          django_assert_max_num_queries):
    from tests.factories import MediatorFactory, OrganisationFactory

    for i in range(10):
        MediatorFactory(organisation=OrganisationFactory(area=areas.street_a, filed_on=None, filing_number=""))
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("mediation:organisation_list")).content.decode()
    assert body.count('id="organisation-') == 11 and "未备案" in body
    with django_assert_max_num_queries(14):
        body = client.get(reverse("mediation:mediator_list")).content.decode()
    assert body.count('id="mediator-') == 12
    body = client.get(reverse("mediation:organisation_list"), {"unfiled": "on"}).content.decode()
    assert body.count('id="organisation-') == 10
    response = client.get(reverse("mediation:mediator_list"), {"_export": "xlsx"})
    assert len(list(load_workbook(BytesIO(response.content)).active.values)) == 13


# --- Registering and moving a case ------------------------------------------------------------------------


def test_a_clerk_registers_a_case_with_its_parties(client_for, personas, world):
    client = client_for(personas.clerk_a)
    data = {
        "organisation": world.committee_a.pk, "mediator": world.mediator_a2.pk, "accepted_on": today().isoformat(),
        "source": "application", "referred_by": "", "dispute_type": "neighbour", "amount_involved": "5000",
        "summary": "噪音纠纷",
        "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "0",
        "parties-0-kind": "person", "parties-0-name": "赵一", "parties-0-id_number": resident_id(),
        "parties-1-kind": "person", "parties-1-name": "",
    }
    response = client.post(reverse("mediation:case_create"), data)
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert [p.name for p in case.parties.all()] == ["赵一"] and case.mediator == world.mediator_a2
    body = client.get(case.get_absolute_url()).content.decode()
    assert "调解期限" in body and resident_id() not in body and "查看完整号码" in body

    # without any party the service refuses, on the form
    data.update({"parties-0-name": "", "parties-0-id_number": ""})
    response = client.post(reverse("mediation:case_create"), data)
    assert response.status_code == 200 and "请至少登记一名当事人" in response.content.decode()


def test_the_mediator_form_starts_on_their_own_committee(client_for, world):
    body = client_for(world.mediator_user).get(reverse("mediation:case_create")).content.decode()
    assert f'<option value="{world.committee_a.pk}" selected' in body
    assert f'<option value="{world.mediator_a.pk}" selected' in body
    assert world.committee_b.name not in body


def test_the_case_moves_through_its_steps_on_the_page(client_for, personas, world, make_case):
    case = recent(make_case)
    client = client_for(personas.clerk_a)
    url = reverse("mediation:case_detail", args=[case.pk])
    body = client.get(url).content.decode()
    assert "开始调解" in body and "申请司法确认" not in body

    def act(name, **data):
        return client.post(reverse("mediation:case_action", args=[case.pk, name]), data)

    assert act("start", on=today().isoformat()).status_code == 302
    assert act("start", on=today().isoformat()).status_code == 200  # not offered twice: refused on the form
    assert act("extend", on=today().isoformat(), extended_to=(today() + timedelta(days=40)).isoformat(),
               note="双方同意延长").status_code == 302
    response = act("conclude", on=today().isoformat(), outcome="success", agreement_form="written")
    assert response.status_code == 200 and "书面调解协议须填写签订日期" in response.content.decode()
    assert act("conclude", on=today().isoformat(), outcome="success", agreement_form="written",
               agreement_signed_on=today().isoformat(), agreement_content="赔偿5000元").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CONCLUDED and case.has_written_agreement
    body = client.get(url).content.decode()
    assert 'id="confirmation-window"' in body and "延长调解期限至" in body
    assert act("performance", on=today().isoformat(), performance="performed").status_code == 302
    assert act("confirmation_apply", on=today().isoformat(), court="罗湖区人民法院", online="on").status_code == 302
    assert act("confirmation_ruling", on=today().isoformat(), result="confirmed").status_code == 302
    assert act("escalation_flag", on=today().isoformat(), measures="上门疏导").status_code == 302
    assert act("escalation_outcome", prevented="1").status_code == 302
    case.refresh_from_db()
    assert case.confirmation_result == "confirmed" and case.escalation_prevented is True
    body = client.get(url).content.decode()
    assert 'id="confirmation-window"' not in body and "确认调解协议有效" in body and "成功防止激化" in body
    assert client.post(reverse("mediation:case_action", args=[case.pk, "nope"])).status_code == 404


def test_the_other_street_cannot_act_and_a_leader_only_reads(client_for, personas, world, make_case):
    case = recent(make_case)
    url = reverse("mediation:case_action", args=[case.pk, "start"])
    assert client_for(personas.clerk_b).post(url, {"on": today().isoformat()}).status_code == 404
    assert client_for(personas.leader).post(url, {"on": today().isoformat()}).status_code == 403
    assert "开始调解" not in client_for(personas.leader).get(case.get_absolute_url()).content.decode()


def test_a_failed_mediation_needs_its_reason(client_for, personas, world, make_case):
    case = recent(make_case)
    services.case_start(case=case, by=personas.clerk_a, on=today())
    client = client_for(personas.clerk_a)
    url = reverse("mediation:case_action", args=[case.pk, "conclude"])
    response = client.post(url, {"on": today().isoformat(), "outcome": "failure"})
    assert "调解不成功的，请写明原因" in response.content.decode()
    client.post(url, {"on": today().isoformat(), "outcome": "failure", "failure_reason": "一方拒绝调解"})
    case.refresh_from_db()
    assert case.outcome == Outcome.FAILURE and case.agreement_form == ""


# --- Organisations and mediators --------------------------------------------------------------------------


def test_the_street_office_registers_files_and_equips_an_organisation(client_for, personas, world, areas):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("mediation:organisation_create"), {
        "name": "桂园东社区人民调解委员会", "kind": "community", "form": "committee", "area": areas.community_a.pk,
        "founded_on": (today() - timedelta(days=5)).isoformat(), "devices": "0"})
    organisation = Organisation.objects.get(name="桂园东社区人民调解委员会")
    assert response.status_code == 302
    body = client.get(response.url).content.decode()
    assert 'id="unfiled"' in body
    url = reverse("mediation:organisation_action", args=[organisation.pk, "file"])
    assert client.post(url, {"on": today().isoformat(), "filing_number": "罗调备2026001"}).status_code == 302
    url = reverse("mediation:organisation_action", args=[organisation.pk, "devices"])
    assert client.post(url, {"count": "2", "on": today().isoformat()}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_filed and organisation.devices == 2
    assert client_for(personas.clerk_b).get(url).status_code == 404
    assert client_for(world.mediator_user).get(
        reverse("mediation:organisation_action", args=[world.committee_a.pk, "devices"])).status_code == 403


def test_the_street_office_appoints_a_mediator(client_for, personas, world):
    client = client_for(personas.clerk_a)
    body = client.get(reverse("mediation:mediator_create"), {"organisation": world.committee_a.pk}).content.decode()
    assert f'<option value="{world.committee_a.pk}" selected' in body
    response = client.post(reverse("mediation:mediator_create"), {
        "organisation": world.committee_a.pk, "name": "郑新", "kind": "full_time",
        "from_on": today().isoformat()})
    mediator = Mediator.objects.get(name="郑新")
    assert response.status_code == 302 and mediator.area == world.committee_a.area
    response = client_for(personas.clerk_b).post(reverse("mediation:mediator_create"), {
        "organisation": world.committee_a.pk, "name": "越界", "kind": "full_time", "from_on": today().isoformat()})
    assert response.status_code == 200 and not Mediator.objects.filter(name="越界").exists()


# --- The mediator's workspace -----------------------------------------------------------------------------


def test_the_mediator_lands_on_their_workspace(client_for, personas, world, make_case,
                                               django_assert_max_num_queries):
    open_case = recent(make_case)
    services.case_start(case=open_case, by=personas.clerk_a, on=today())
    done = recent(make_case)
    services.case_start(case=done, by=personas.clerk_a, on=today())
    services.case_conclude(case=done, outcome=Outcome.SUCCESS, agreement_form=AgreementForm.WRITTEN,
                           agreement_signed_on=today(), by=personas.clerk_a, on=today())
    client = client_for(world.mediator_user)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200 and "登记案件" in body and world.committee_a.name in body
    assert f'id="open-case-{open_case.pk}"' in body and "结束调解" in body
    assert done.number in body.split('id="confirmation-windows"')[1]
    assert "告知当事人申请司法确认" in body  # the to-do of the window
    # an office user is sent to the lists instead
    assert client_for(personas.clerk_a).get(reverse("mediation:mediator_home")).status_code == 403


# --- The overdue filter in SQL ----------------------------------------------------------------------------

# Acceptance days at the ends of months: 31 January (leap and common years), 29/30/31 of months followed by a
# shorter one, the leap day, the last of February, and the turn of a year.
MONTH_ENDS = [
    date(2024, 1, 31), date(2023, 1, 31), date(2025, 1, 31), date(2024, 1, 29), date(2024, 1, 30),
    date(2023, 1, 29), date(2023, 1, 30), date(2024, 2, 29), date(2023, 2, 28), date(2024, 2, 28),
    date(2024, 3, 29), date(2024, 3, 30), date(2024, 3, 31), date(2024, 5, 31), date(2024, 8, 30),
    date(2024, 8, 31), date(2024, 10, 31), date(2024, 12, 31), date(2024, 11, 30), date(2025, 4, 30),
]


def test_the_overdue_filter_is_one_sql_condition_agreeing_with_conclusion_due(
        personas, world, make_case, time_machine, django_assert_num_queries):
    from mediation.filters import CaseFilterSet
    from tests.conftest import ten_oclock

    cases = [make_case(accepted_on=day) for day in MONTH_ENDS]
    # two extended cases: the agreed day wins over the month
    for case, agreed_on, extended_to in ((cases[0], date(2024, 2, 20), date(2024, 3, 31)),
                                         (cases[1], date(2023, 2, 28), date(2023, 3, 1))):
        services.case_extend(case=case, agreed_on=agreed_on, extended_to=extended_to, note="双方同意延长",
                             by=personas.clerk_a)
    # a concluded case is never overdue
    services.case_start(case=cases[2], by=personas.clerk_a, on=date(2025, 2, 1))
    services.case_conclude(case=cases[2], outcome=Outcome.FAILURE, failure_reason="一方拒绝", by=personas.clerk_a,
                           on=date(2025, 2, 3))
    cases = list(Case.objects.order_by("pk"))

    sql_due = dict(Case.objects.with_due_on().annotate(due=F("due_on")).values_list("pk", "due"))
    assert sql_due == {case.pk: case.concluded_due_on for case in cases}
    assert sql_due[cases[0].pk] == date(2024, 3, 31) and sql_due[cases[1].pk] == date(2023, 3, 1)
    by_day = {case.accepted_on: sql_due[case.pk] for case in cases[3:]}
    assert by_day[date(2024, 1, 29)] == by_day[date(2024, 1, 30)] == date(2024, 2, 29)
    assert by_day[date(2023, 1, 30)] == date(2023, 2, 28) and by_day[date(2024, 2, 29)] == date(2024, 3, 29)
    assert by_day[date(2024, 3, 31)] == date(2024, 4, 30) and by_day[date(2024, 12, 31)] == date(2025, 1, 31)

    def overdue_now():
        filterset = CaseFilterSet({"overdue": "on"}, queryset=Case.objects.all())
        with django_assert_num_queries(1):  # the list's own query: no list of ids fetched first
            return {case.pk for case in filterset.qs}

    # on each deadline a case is not yet overdue; the day after, it is — exactly as Case.is_overdue says
    for day in sorted({case.concluded_due_on for case in cases}):
        for today_ in (day, day + timedelta(days=1)):
            time_machine.move_to(ten_oclock(today_))
            assert overdue_now() == {case.pk for case in cases if case.is_overdue(today_)}, today_
    assert cases[2].pk not in overdue_now()

"""A person's page reads its relations through corrections.views.person.Relation (SQL compiled once): the page must
be the one Django's prefetch_related gave, for people with every relation empty or filled, and the demo's."""

import re
from datetime import date, datetime

import pytest
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from bureau.models import User
from corrections import services
from corrections.models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    EducationSession,
    Emergency,
    LedgerEntry,
    Monitoring,
    Supervisee,
    SupervisionEvent,
)
from corrections.views import person as page
from tests.corrections.test_demo import loaded  # noqa: F401 (the demo, loaded once for the module)
from tests.factories import UserFactory

Kind = SupervisionEvent.Kind
# The timeline's loop as the template wrote it before corrections.views.person.timeline_items.
LOOP = engines["django"].from_string(
    '{% for entry in timeline %}\n          <li>\n            <span class="dot text-bg-{{ entry.tone }}"><i class="bi '
    'bi-{{ entry.icon }}"></i></span>\n            <div class="small text-body-secondary">{{ entry.on|date:"Y-m-d" }}'
    '</div>\n            <div class="fw-semibold">{{ entry.title }}</div>\n            {% if entry.text %}<div class='
    '"small">{{ entry.text }}</div>{% endif %}\n            {% if entry.talk %}{% include '
    '"corrections/_talk_papers.html" with pk=entry.talk only %}{% endif %}\n          </li>\n          {% endfor %}'
)
# The quick forms' loops as the template wrote them before corrections.views.person.action_links.
LINKS = {
    "intake": '{% for name, action in actions.intake %}{% url "corrections:supervisee_action" person.pk name as url %}'
              '{% include "corrections/_action_link.html" with css="btn btn-sm btn-bureau" %}{% endfor %}',
    "daily": '{% for name, action in actions.daily %}{% url "corrections:supervisee_action" person.pk name as url %}'
             '{% include "corrections/_action_link.html" with css=forloop.first|yesno:"btn btn-sm btn-bureau,'
             'btn btn-sm btn-outline-primary" %}{% endfor %}',
    **{group: '{% for name, action in actions.' + group + ' %}{% url "corrections:supervisee_action" person.pk name as '
              'url %}<li>{% include "corrections/_action_link.html" with css="' + css + '" %}</li>{% endfor %}'
       for group, css in [("supervision", "dropdown-item"), ("risk", "dropdown-item"),
                          ("register", "dropdown-item text-danger")]},
}
TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": |nonce=)"[^"]*"')  # new each request


def prefetched(user, pk):
    """load_person as it was: Django's prefetch_related, each query compiled on every request."""
    return get_object_or_404(
        Supervisee.objects.visible_to(user).select_related("area").prefetch_related(
            Prefetch("ledger", LedgerEntry.objects.select_related("counterpart")),
            "level_changes",
            Prefetch("supervision_events", SupervisionEvent.objects.select_related("recorded_by")),
            "travels",
            Prefetch("attendance", Attendance.objects.select_related("session")),
            "decisions",
            "monitorings",
            "risk_cases",
            Prefetch("deliberations", DeliberatedCase.objects.select_related("deliberation")),
            Prefetch("emergencies", Emergency.objects.prefetch_related("steps")),
        ),
        pk=pk,
    )


def both_ways(client, person, monkeypatch):
    url = reverse("corrections:supervisee_detail", args=[person.pk])
    client.get(url)  # the compiled queries and content types ready, as on a running server
    ours = client.get(url)
    with monkeypatch.context() as patched:
        patched.setattr(page, "load_person", prefetched)
        theirs = client.get(url)
    assert ours.status_code == theirs.status_code == 200
    return TOKENS.sub("", ours.content.decode()), TOKENS.sub("", theirs.content.decode())


def test_every_relation_empty_and_filled(client_for, personas, make_supervisee, areas, monkeypatch):
    officer = UserFactory(username="corrections", name="社区矫正科 周洁", role="section", section="corrections",
                          area=areas.district)
    awaiting = make_supervisee(name="李四", reported_on=None)
    quiet = make_supervisee(name="王五")
    busy = make_supervisee(name="张三")
    clerk = personas.clerk_a
    for i in range(6):
        services.event_record(supervisee=busy, kind=[Kind.TALK, Kind.INFO_CHECK, Kind.VISIT][i % 3],
                              on=date(2026, 10, 1 + i), by=clerk, summary=f"第{i}次")
    services.travel_approve(supervisee=busy, destination="广州", reason="探亲", leave_on=date(2026, 10, 5),
                            return_on=date(2026, 10, 6), approved_on=date(2026, 10, 4), by=clerk)
    services.session_record(kind=EducationSession.Kind.PSYCH, title="心理讲座", held_on=date(2026, 10, 8),
                            area=busy.area, attendees=[busy], by=clerk)
    services.review_meeting_record(held_on=date(2026, 10, 9), area=busy.area, by=clerk,
                                   decisions=[(busy, AssessmentDecision.Kind.PRAISE, "表现良好")])
    services.monitoring_approve(supervisee=busy, ground=Monitoring.Ground.NO_REPORT, starts_on=date(2026, 10, 1),
                                ends_on=date(2026, 12, 31), approved_on=date(2026, 10, 1), by=officer)
    services.risk_case_record(supervisee=busy, identified_on=date(2026, 10, 2), description="情绪",
                              control_measures="谈话", owner="张敏", by=clerk)
    services.deliberation_record(held_on=date(2026, 10, 3), area=busy.area, by=officer,
                                 cases=[(busy, "是否提请撤销缓刑", "暂不提请")])
    emergency = services.emergency_record(supervisee=busy, kind=Emergency.Kind.OTHER, occurred_on=date(2026, 10, 4),
                                          description="与家人冲突", first_step="上门调解", by=clerk)
    services.emergency_add_step(emergency=emergency, on=date(2026, 10, 5), action="回访", by=clerk)

    for user in (clerk, officer):
        client = client_for(user)
        for person in (awaiting, quiet, busy):
            ours, theirs = both_ways(client, person, monkeypatch)
            assert ours == theirs, (user, person)
    assert "突发事件处置" in ours and "心理讲座" in ours and "重大疑难案件合议" in ours


def test_a_person_outside_the_area_is_still_a_404(client_for, personas, make_supervisee, areas):
    elsewhere = make_supervisee(area=areas.street_b)
    response = client_for(personas.clerk_a).get(reverse("corrections:supervisee_detail", args=[elsewhere.pk]))
    assert response.status_code == 404


def test_the_demo_people_as_prefetch_related_showed_them(loaded, client_for, monkeypatch):  # noqa: F811
    user = User.objects.get(username="luohu_guiyuan")
    people = list(Supervisee.objects.visible_to(user).order_by("pk"))
    assert len(people) > 10
    client = client_for(user)
    for person in people:
        ours, theirs = both_ways(client, person, monkeypatch)
        assert ours == theirs, person.pk


def assert_timeline_as_the_loop_wrote_it(entries):
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert page.timeline_items(entries) == LOOP.render({"timeline": entries}), language


def test_the_timeline_is_the_loops_own(client_for, personas, make_supervisee):
    person = make_supervisee(name="赵六")
    for i, summary in enumerate(["<b>当面</b> & \"引号\" 'x'", "", "谈话"]):
        services.event_record(supervisee=person, kind=[Kind.TALK, Kind.VISIT, Kind.TALK][i], on=date(2026, 10, 1 + i),
                              by=personas.clerk_a, summary=summary)
    entries = page.timeline(page.load_person(personas.clerk_a, person.pk))
    assert any(entry.talk for entry in entries) and any(not entry.text for entry in entries)
    assert_timeline_as_the_loop_wrote_it(entries)
    assert_timeline_as_the_loop_wrote_it([])
    odd = [page.Entry(datetime(2026, 3, 1, 23, 30, tzinfo=timezone.get_fixed_timezone(0)), "<i>", 7, "a&b", '"x"',
                      talk=12), page.Entry(date(2026, 1, 2), 5)]  # a moment and numbers, should one ever come
    assert_timeline_as_the_loop_wrote_it(odd)


def test_the_demo_timelines_are_the_loops_own(loaded):  # noqa: F811
    user = User.objects.get(username="luohu_guiyuan")
    for pk in Supervisee.objects.visible_to(user).values_list("pk", flat=True):
        assert_timeline_as_the_loop_wrote_it(page.timeline(page.load_person(user, pk)))


def test_the_quick_forms_are_the_loops_own(make_supervisee):
    person = make_supervisee(name="钱七")
    every = {group: list(page.ACTIONS) for group in LINKS}  # every form in every group: all markups at once
    for groups in [every, {"intake": ["receive"]}, {"daily": page.DAILY, "supervision": ["travel"], "risk": []}]:
        actions = {group: [(name, page.ACTIONS[name]) for name in names] for group, names in groups.items()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                ours = page.action_links(person, groups)
                for group, loop in LINKS.items():
                    theirs = engines["django"].from_string(loop).render({"actions": actions, "person": person})
                    assert ours.get(group, "") == theirs, (group, language)

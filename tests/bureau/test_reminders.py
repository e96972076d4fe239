"""To-dos: idempotent rules, the daily beat task, the inbox, completing a to-do."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from bureau import reminders
from bureau.models import Area, CalendarDay, Reminder, Role
from bureau.reminders import CALENDAR_KIND, PASSWORD_KIND, Due, reminder_rule, run_rules
from bureau.tasks import run_reminder_rules_task
from tests.factories import ReminderFactory


@pytest.fixture
def street_rule(areas):
    """A rule like the ones the function apps register: every street office must review its area monthly."""

    @reminder_rule("bureau.test_street_review", model=Area, label="test")
    def street_review(today, records):
        for pk in records.filter(level=Area.Level.STREET).values_list("pk", flat=True):
            yield Due(pk, pk, today.replace(day=28), "核对辖区信息", role=Role.STREET)

    yield street_review
    reminders.unregister("bureau.test_street_review")


def test_the_same_rule_run_twice_creates_one_todo(street_rule, areas):
    today = date(2026, 3, 2)
    assert run_rules(today, kinds={"bureau.test_street_review"}) == {"bureau.test_street_review": 2}
    assert run_rules(today, kinds={"bureau.test_street_review"}) == {"bureau.test_street_review": 0}
    assert Reminder.objects.filter(kind="bureau.test_street_review").count() == 2


def test_a_completed_todo_is_not_recreated_by_the_next_run(street_rule, areas, personas):
    today = date(2026, 3, 2)
    run_rules(today, kinds={"bureau.test_street_review"})
    Reminder.objects.filter(area=areas.street_a).update(state=Reminder.State.DONE)
    run_rules(today, kinds={"bureau.test_street_review"})
    assert Reminder.objects.filter(area=areas.street_a).get().state == Reminder.State.DONE


def test_office_todos_reach_the_office_inbox_only(street_rule, personas, areas):
    run_rules(date(2026, 3, 2), kinds={"bureau.test_street_review"})
    assert Reminder.objects.inbox(personas.clerk_a).get().area == areas.street_a
    assert Reminder.objects.inbox(personas.clerk_b).get().area == areas.street_b
    assert not Reminder.objects.inbox(personas.leader).exists()


def test_office_todos_of_a_function_reach_only_the_staff_of_that_function(personas, areas):
    from tests.factories import UserFactory

    mediation = UserFactory(username="mediation", role=Role.SECTION, section="mediation", area=areas.district)
    todo = ReminderFactory(kind="legalaid.decision_due", area=areas.district, role=Role.SECTION)
    assert list(Reminder.objects.inbox(personas.section)) == [todo]
    assert not Reminder.objects.inbox(mediation).exists()


def test_the_beat_schedule_runs_the_rules_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["run-reminder-rules-daily"]
    assert entry["task"] == run_reminder_rules_task.name
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {30}


def test_the_beat_task_creates_password_todos_once(personas):
    today = personas.clerk_a.date_joined.date().isoformat()
    first = run_reminder_rules_task.apply(kwargs={"today": today}).get()
    second = run_reminder_rules_task.apply(kwargs={"today": today}).get()
    users = get_user_model().objects.exclude(area=None).count()
    assert first[PASSWORD_KIND] == users and second[PASSWORD_KIND] == 0
    todo = Reminder.objects.get(kind=PASSWORD_KIND, assignee=personas.clerk_a)
    assert todo.title == "请修改初始密码" and todo.due_on == personas.clerk_a.date_joined.date().replace() + (
        todo.due_on - personas.clerk_a.date_joined.date())
    assert (todo.due_on - personas.clerk_a.date_joined.date()).days == 7


def test_next_year_calendar_reminder_goes_to_the_administrators_in_december(personas, areas):
    CalendarDay.objects.filter(date__year=2027).delete()
    assert run_rules(date(2026, 11, 30), kinds={CALENDAR_KIND}) == {CALENDAR_KIND: 0}
    assert run_rules(date(2026, 12, 1), kinds={CALENDAR_KIND}) == {CALENDAR_KIND: 1}
    todo = Reminder.objects.inbox(personas.admin).get(kind=CALENDAR_KIND)
    assert "2027" in todo.title and todo.due_on == date(2026, 12, 20)
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    assert run_rules(date(2026, 12, 2), kinds={CALENDAR_KIND}) == {CALENDAR_KIND: 0}


def test_one_failing_rule_does_not_stop_the_others(street_rule, areas):
    @reminder_rule("bureau.test_broken", label="broken")
    def broken(today, records):
        raise RuntimeError("boom")

    try:
        with pytest.raises(RuntimeError, match="bureau.test_broken"):
            run_rules(date(2026, 3, 2), kinds={"bureau.test_broken", "bureau.test_street_review"})
    finally:
        reminders.unregister("bureau.test_broken")
    assert Reminder.objects.filter(kind="bureau.test_street_review").count() == 2


def test_completing_a_todo_from_the_list_with_htmx(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, due_on=date(2026, 1, 5))
    client = client_for(personas.clerk_a)
    response = client.post(reverse("bureau:reminder_complete", args=[todo.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="reminder-{todo.pk}"' in html and "已办结" in html
    assert 'id="todo-count" hx-swap-oob="true"' in html
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE and todo.done_by == personas.clerk_a


def test_completing_twice_is_refused_with_a_message(client_for, personas, areas):
    todo = ReminderFactory(area=areas.street_a, role=Role.STREET)
    client = client_for(personas.clerk_a)
    client.post(reverse("bureau:reminder_complete", args=[todo.pk]))
    response = client.post(reverse("bureau:reminder_complete", args=[todo.pk]), follow=True)
    assert "不能重复办理" in response.content.decode()
    api = client.post(f"/api/v1/reminders/{todo.pk}/complete/")
    assert api.status_code == 409 and "不能重复办理" in api.json()["detail"]


def test_inbox_filters_and_overdue_highlight(client_for, personas, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="逾期的待办", due_on=date(2020, 1, 1))
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="未到期的待办", due_on=date(2099, 1, 1))
    client = client_for(personas.clerk_a)
    html = client.get(reverse("bureau:reminder_list") + "?overdue=true").content.decode()
    assert "逾期的待办" in html and "未到期的待办" not in html and "table-danger" in html


def test_inbox_exports_to_excel(client_for, personas, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="导出的待办")
    response = client_for(personas.clerk_a).get(reverse("bureau:reminder_list") + "?_export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "事项" and rows[1][0] == "导出的待办"


def test_todo_list_and_api_query_counts_do_not_grow_with_rows(client_for, personas, areas,
                                                              django_assert_max_num_queries):
    for _ in range(30):
        ReminderFactory(area=areas.street_a, role=Role.STREET, assignee=personas.clerk_a)
    client = client_for(personas.clerk_a)
    # Constant: session and user (2), the user's area (1), counts and rows (4), navigation (1), and the
    # session re-save that keeps the idle timeout sliding (3). Thirty rows add nothing.
    with django_assert_max_num_queries(11):
        assert client.get(reverse("bureau:reminder_list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/reminders/").json()["results"]) == 30


def test_the_command_runs_the_rules_and_a_second_run_leaves_the_open_todos_as_they_were(street_rule, personas):
    from io import StringIO

    from django.core.management import call_command

    def run():
        out = StringIO()
        call_command("run_reminder_rules", "--date", "2026-03-02", "--kind", "bureau.", stdout=out)
        return out.getvalue()

    first, second = run(), run()
    streets = Area.objects.filter(level=Area.Level.STREET).count()
    assert f"bureau.test_street_review            new {streets:>5}   open {streets:>6}" in first
    assert f"bureau.test_street_review            new     0   open {streets:>6}" in second
    assert Reminder.objects.filter(kind="bureau.test_street_review").count() == streets


# --- A write refreshes its own records' to-dos only -------------------------------------------------------


@pytest.fixture
def named_rule(areas):
    """A complete rule: a street whose name ends in 街道 owes a review on the 28th."""

    @reminder_rule("bureau.test_named_review", model=Area, label="test")
    def named_review(today, records):
        rows = records.filter(level=Area.Level.STREET, name__endswith="街道").values_list("pk", flat=True)
        return (Due(pk, pk, today.replace(day=28), "核对辖区信息", role=Role.STREET) for pk in rows)

    yield named_review
    reminders.unregister("bureau.test_named_review")


def test_a_refresh_opens_the_todos_of_its_records_only(named_rule, areas, django_assert_num_queries):
    today = date(2026, 3, 2)
    # A savepoint, the rule's query, the insert, the open to-dos of the record, the savepoint's release.
    with django_assert_num_queries(5):
        assert reminders.reminders_refresh(records=areas.street_a, today=today) == []
    todo = Reminder.objects.get(kind="bureau.test_named_review")
    assert (todo.object_id, todo.due_on, todo.state) == (areas.street_a.pk, date(2026, 3, 28), Reminder.State.OPEN)
    reminders.reminders_refresh(records=Area.objects.filter(pk=areas.street_a.pk), today=today)
    assert Reminder.objects.filter(kind="bureau.test_named_review").count() == 1  # street B untouched


def test_a_refresh_cancels_what_its_complete_rule_no_longer_yields(named_rule, areas):
    reminders.reminders_refresh(records=areas.street_a, today=date(2026, 3, 2))
    reminders.reminders_refresh(records=areas.street_b, today=date(2026, 3, 2))
    Area.objects.filter(pk=areas.street_a.pk).update(name="桂园")  # no longer owes the review
    reminders.reminders_refresh(records=areas.street_a, today=date(2026, 3, 2))
    states = dict(Reminder.objects.filter(kind="bureau.test_named_review").values_list("object_id", "state"))
    assert states == {areas.street_a.pk: Reminder.State.CANCELLED, areas.street_b.pk: Reminder.State.OPEN}


def test_a_refresh_leaves_a_windowed_rules_todos_open(areas):
    @reminder_rule("bureau.test_window", model=Area, label="test", windowed=True)
    def window(today, records):
        if today.day == 2:  # only on the 2nd: silence on other days is not "done"
            yield from (Due(pk, pk, today, "本月核对") for pk in records.values_list("pk", flat=True))

    try:
        reminders.reminders_refresh(records=areas.street_a, today=date(2026, 3, 2))
        reminders.reminders_refresh(records=areas.street_a, today=date(2026, 3, 3))
    finally:
        reminders.unregister("bureau.test_window")
    assert Reminder.objects.get(kind="bureau.test_window").state == Reminder.State.OPEN


def test_a_failing_rule_is_logged_and_never_rolls_back_the_write(named_rule, areas, caplog):
    from django.db import transaction

    @reminder_rule("bureau.test_broken_refresh", model=Area, label="broken")
    def broken(today, records):
        list(records.extra(where=["no_such_column = 1"]))  # a database error inside the savepoint
        yield

    try:
        with transaction.atomic():  # the clerk's write
            Area.objects.filter(pk=areas.street_a.pk).update(name="桂园新街道")
            failed = reminders.reminders_refresh(records=areas.street_a, today=date(2026, 3, 2))
            assert Area.objects.filter(name="桂园新街道").exists()  # the transaction is still usable
    finally:
        reminders.unregister("bureau.test_broken_refresh")
    assert failed == ["bureau.test_broken_refresh"]
    assert "bureau.test_broken_refresh" in caplog.text
    assert Area.objects.get(pk=areas.street_a.pk).name == "桂园新街道"
    assert Reminder.objects.filter(kind="bureau.test_named_review", object_id=areas.street_a.pk).exists()


def test_a_refresh_skips_the_rules_of_other_models(named_rule, personas, areas):
    reminders.reminders_refresh(records=personas.clerk_a, today=date(2026, 3, 2))
    assert not Reminder.objects.filter(kind="bureau.test_named_review").exists()
    assert Reminder.objects.filter(kind=PASSWORD_KIND, assignee=personas.clerk_a).count() == 1


def test_the_inbox_rows_offer_completion_to_those_who_may_act(client_for, personas, areas):
    """The actions cell (bureau.tables.ReminderTable.render_actions, written in Python): 办结 as a form carrying
    the CSRF token and the page to come back to, 忽略 as a link; done to-dos show when, in local time."""
    from datetime import UTC, datetime

    todo = ReminderFactory(area=areas.street_a, role=Role.STREET, due_on=date(2026, 1, 5), title="核对<名单>")
    done = ReminderFactory(area=areas.street_a, role=Role.STREET, due_on=date(2026, 1, 6), state=Reminder.State.DONE,
                           done_at=datetime(2026, 1, 5, 17, 30, tzinfo=UTC))
    html = client_for(personas.clerk_a).get("/todos/", {"state": "", "from": "a&b"}).content.decode()
    complete = reverse("bureau:reminder_complete", args=[todo.pk])
    row = html[html.index(f'id="reminder-{todo.pk}"'):]
    row = row[:row.index("</tr>")]
    assert f'<form method="post" action="{complete}" class="d-inline"' in row
    assert f'hx-post="{complete}" hx-target="#reminder-{todo.pk}" hx-swap="outerHTML"' in row
    assert 'name="csrfmiddlewaretoken" value="' in row
    assert 'name="next" value="/todos/?state=&amp;from=a%26b"' in row
    assert f'href="{reverse("bureau:reminder_detail", args=[todo.pk])}#dismiss">忽略…</a>' in row
    done_row = html[html.index(f'id="reminder-{done.pk}"'):]
    assert '<span class="text-body-secondary small">2026-01-06 01:30</span>' in done_row[:done_row.index("</tr>")]
    # A leader reads the to-dos of the district but completes none of them.
    leader_html = client_for(personas.leader).get("/todos/", {"state": ""}).content.decode()
    assert complete not in leader_html


def test_the_badge_counts_the_inbox_by_its_kept_sql(personas, areas, django_assert_num_queries):
    """Reminder.objects.open_count: the inbox's open count, by SQL kept per user, role, area and functions."""
    ReminderFactory(kind="legalaid.decision_due", area=areas.district, role=Role.SECTION)
    ReminderFactory(kind="corrections.report_due", area=areas.street_a, role=Role.STREET)
    ReminderFactory(area=areas.street_a, role=Role.STREET)
    ReminderFactory(area=areas.street_a, assignee=personas.clerk_a)
    ReminderFactory(area=areas.street_b, role=Role.STREET, state=Reminder.State.DONE)

    def agrees(user):
        expected = Reminder.objects.inbox(user).open().count()
        with django_assert_num_queries(1):
            assert Reminder.objects.open_count(user) == expected
        return expected

    counts = {name: agrees(user) for name, user in vars(personas).items()}
    assert counts["clerk_a"] == 3 and counts["section"] == 1 and counts["leader"] == 0
    ReminderFactory(area=areas.street_a, role=Role.STREET)  # a new to-do is counted at once: only the SQL is kept
    assert agrees(personas.clerk_a) == 4
    clerk = personas.clerk_a  # the same person, moved: their role, area and functions are in the key
    clerk.role, clerk.section, clerk.area = Role.SECTION, "legalaid", areas.district
    assert agrees(clerk) == 2  # the section's to-do, and the one assigned to them by name
    clerk.area = areas.street_b
    assert agrees(clerk) == 1
    from django.contrib.auth.models import AnonymousUser

    assert Reminder.objects.open_count(AnonymousUser()) == 0
    with pytest.raises(TypeError):
        Reminder.objects.filter(area=areas.street_a).open_count(clerk)

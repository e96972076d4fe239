"""To-dos tied to their rule (issue 17.4) and to who may use their function (issue 18.3).

A to-do closes only when its rule, run again for its record, no longer yields it; otherwise it may only be
dismissed with a reason that is kept. It is read only by who may use its function, and acted on only by who
may write it: the legal-aid section gets a 404 for a corrections to-do, a leader reads and is refused.
"""

from datetime import date, datetime, time
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.audit import AuditEvent
from bureau.models import CalendarDay, Reminder, Role
from bureau.reminders import CALENDAR_KIND, PASSWORD_KIND, run_rules
from bureau.services import reminder_complete, reminder_dismiss, user_password_changed
from tests.factories import ReminderFactory, UserFactory


@pytest.fixture
def password_todo(personas):
    """clerk_a's "请修改初始密码", as the daily run makes it."""
    run_rules(timezone.localdate(), kinds={PASSWORD_KIND})
    return Reminder.objects.get(kind=PASSWORD_KIND, assignee=personas.clerk_a)


@pytest.fixture
def corrections_todo(areas):
    return ReminderFactory(kind="corrections.talk_overdue", area=areas.street_a, role=Role.STREET,
                           title="谈话教育：测试对象", due_on=timezone.localdate())


# --- Closed by the rule, or dismissed with a reason ----------------------------------------------------------


def test_todo_password_cannot_be_completed_with_the_password_unchanged(client_for, personas, password_todo):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("bureau:reminder_complete", args=[password_todo.pk]), follow=True)
    assert "尚未办理：请先修改密码" in response.content.decode()
    password_todo.refresh_from_db()
    assert password_todo.state == Reminder.State.OPEN
    api = client.post(f"/api/v1/reminders/{password_todo.pk}/complete/")
    assert api.status_code == 409 and "请先修改密码" in api.json()["detail"]


def test_todo_completes_once_its_rule_is_satisfied(personas, password_todo):
    type(personas.clerk_a).objects.filter(pk=personas.clerk_a.pk).update(password_changed_at=timezone.now())
    todo = reminder_complete(reminder=password_todo, by=personas.clerk_a, note="已修改")
    assert todo.state == Reminder.State.DONE and todo.done_by == personas.clerk_a


def test_todo_changing_the_password_closes_it(personas, password_todo):
    user_password_changed(user=personas.clerk_a, new_password="Xk3-long-enough-pass")
    password_todo.refresh_from_db()
    assert password_todo.state == Reminder.State.DONE


def test_todo_dismiss_needs_a_reason_and_keeps_it_in_the_trail(client_for, personas, password_todo):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("bureau:reminder_dismiss", args=[password_todo.pk]), {"note": "  "}, follow=True)
    assert "忽略待办事项须填写理由" in response.content.decode()
    password_todo.refresh_from_db()
    assert password_todo.state == Reminder.State.OPEN

    client.post(reverse("bureau:reminder_dismiss", args=[password_todo.pk]), {"note": "账号即将注销"})
    password_todo.refresh_from_db()
    assert password_todo.state == Reminder.State.DISMISSED and password_todo.get_state_display() == "已忽略"
    assert password_todo.note == "账号即将注销" and password_todo.done_by == personas.clerk_a
    assert password_todo.done_at is not None
    event = AuditEvent.objects.get(pgh_obj_model="bureau.Reminder", pgh_obj_id=str(password_todo.pk),
                                   pgh_label="update")
    assert event.user == personas.clerk_a and event.pgh_diff["state"] == ["open", "dismissed"]
    # A dismissed to-do is not recreated by the next run (same rule, record and due date).
    run_rules(timezone.localdate(), kinds={PASSWORD_KIND})
    assert Reminder.objects.filter(kind=PASSWORD_KIND, assignee=personas.clerk_a).count() == 1


def test_todo_dismiss_through_the_api(client_for, personas, password_todo):
    client = client_for(personas.clerk_a)
    assert client.post(f"/api/v1/reminders/{password_todo.pk}/dismiss/").status_code == 400
    answer = client.post(f"/api/v1/reminders/{password_todo.pk}/dismiss/", {"note": "已线下处理"})
    assert answer.status_code == 200 and answer.json()["state"] == "dismissed" and answer.json()["note"] == "已线下处理"


def test_todo_the_calendar_rule_closes_only_once_next_year_is_entered(personas, areas, time_machine):
    time_machine.move_to(datetime.combine(date(2026, 12, 1), time(10), tzinfo=ZoneInfo("Asia/Shanghai")))
    CalendarDay.objects.filter(date__year=2027).delete()
    run_rules(timezone.localdate(), kinds={CALENDAR_KIND})
    todo = Reminder.objects.get(kind=CALENDAR_KIND)
    with pytest.raises(Exception, match="请先录入节假日安排"):
        reminder_complete(reminder=todo, by=personas.admin)
    CalendarDay.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦")
    assert reminder_complete(reminder=todo, by=personas.admin).state == Reminder.State.DONE


# --- The to-do offers the action that satisfies it ------------------------------------------------------------


def test_todo_page_offers_the_action_that_satisfies_it(client_for, personas, password_todo, corrections_todo):
    html = client_for(personas.clerk_a).get(reverse("bureau:reminder_detail", args=[password_todo.pk])).content
    assert f'href="{reverse("password_change")}"' in html.decode() and "修改密码" in html.decode()
    html = client_for(personas.clerk_a).get(reverse("bureau:reminder_detail", args=[corrections_todo.pk])).content
    talk = reverse("corrections:supervisee_action", args=[corrections_todo.object_id, "talk"])
    assert f'href="{talk}"' in html.decode() and "记录谈话" in html.decode()
    listed = client_for(personas.clerk_a).get(reverse("bureau:reminder_list"), {"state": "open"}).content.decode()
    assert f'href="{talk}"' in listed  # the inbox's row offers it too


@pytest.mark.parametrize("kind, label, path", [
    ("bureau.password_change", "修改密码", "/accounts/password/"),
    ("corrections.talk_overdue", "记录谈话", "/corrections/supervisees/7/talk/"),
    ("corrections.check_overdue", "信息化核查", "/corrections/supervisees/7/info_check/"),
    ("legalaid.decision_due", "作出审查决定", "/legalaid/cases/7/"),
    ("legalaid.assignment_due", "指派律师", "/legalaid/cases/7/assign/"),
    ("mediation.conclusion_due", "结束调解", "/mediation/cases/7/conclude/"),
])
def test_todo_rules_declare_their_action(kind, label, path):
    todo = Reminder(kind=kind, object_id=7)
    assert todo.offer(load=False) == (label, path)


# --- Who may read and act (18.3) ------------------------------------------------------------------------------


def test_defect_3_legal_aid_section_gets_404_for_a_corrections_todo(client_for, personas, corrections_todo):
    client = client_for(personas.section)
    assert client.get(reverse("bureau:reminder_detail", args=[corrections_todo.pk])).status_code == 404
    assert client.get(f"/api/v1/reminders/{corrections_todo.pk}/").status_code == 404
    assert client.post(reverse("bureau:reminder_complete", args=[corrections_todo.pk])).status_code == 404
    assert client.post(f"/api/v1/reminders/{corrections_todo.pk}/dismiss/", {"note": "x"}).status_code == 404
    listing = client.get(reverse("bureau:reminder_list"), {"scope": "area", "state": ""}).content.decode()
    assert "谈话教育：测试对象" not in listing
    assert corrections_todo.pk not in [row["id"] for row in client.get("/api/v1/reminders/").json()["results"]]
    export = client.get(reverse("bureau:reminder_list"), {"scope": "area", "_export": "xlsx"})
    values = [cell.value for row in load_workbook(BytesIO(export.content)).active.iter_rows() for cell in row]
    assert "谈话教育：测试对象" not in values
    # The street office that works in corrections reads it.
    assert client_for(personas.clerk_a).get(f"/api/v1/reminders/{corrections_todo.pk}/").status_code == 200


@pytest.mark.parametrize("reader", ["leader", "city"])
def test_defect_3_leader_and_city_read_but_may_not_complete_or_dismiss(client_for, personas, areas, corrections_todo,
                                                                       reader):
    user = personas.leader if reader == "leader" else UserFactory(username="city", role=Role.CITY, area=areas.city)
    client = client_for(user)
    page = client.get(reverse("bureau:reminder_detail", args=[corrections_todo.pk]))
    assert page.status_code == 200 and reverse("bureau:reminder_dismiss", args=[corrections_todo.pk]) \
        not in page.content.decode()
    refused = client.post(reverse("bureau:reminder_complete", args=[corrections_todo.pk]))
    assert refused.status_code == 403 and "不能办结或忽略" in refused.content.decode()
    api = client.post(f"/api/v1/reminders/{corrections_todo.pk}/complete/")
    assert api.status_code == 403 and "不能办结或忽略" in api.json()["detail"]
    api = client.post(f"/api/v1/reminders/{corrections_todo.pk}/dismiss/", {"note": "领导忽略"})
    assert api.status_code == 403
    corrections_todo.refresh_from_db()
    assert corrections_todo.state == Reminder.State.OPEN
    with pytest.raises(Exception, match="不能办结或忽略"):
        reminder_dismiss(reminder=corrections_todo, by=user, reason="领导忽略")
    assert not Reminder.objects.inbox(user).filter(pk=corrections_todo.pk).exists()


def test_todo_another_district_gets_404(client_for, personas, corrections_todo):
    client = client_for(personas.other_leader)
    assert client.get(reverse("bureau:reminder_detail", args=[corrections_todo.pk])).status_code == 404
    assert client.post(f"/api/v1/reminders/{corrections_todo.pk}/complete/").status_code == 404


def test_todo_password_todos_of_others_are_not_visible(client_for, personas, password_todo):
    assert client_for(personas.leader).get(f"/api/v1/reminders/{password_todo.pk}/").status_code == 404
    assert client_for(personas.clerk_b).get(f"/api/v1/reminders/{password_todo.pk}/").status_code == 404


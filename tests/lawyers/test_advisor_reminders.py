"""The advisors' reminder rules: a silent month and an idle community become to-dos for the street office."""

from datetime import date, timedelta

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from lawyers.models import Posting, ServiceKind
from lawyers.reminders import COMMUNITY_IDLE, NO_LOG_MONTH

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

RULES = {NO_LOG_MONTH, COMMUNITY_IDLE}


def todos(kind):
    return list(Reminder.objects.filter(kind=kind).order_by("due_on", "object_id")
                .values_list("object_id", "area__code", "role", "due_on"))


def test_a_silent_month_is_a_todo_for_the_street_office_once(log, advisors, personas):
    """张桂园 logged in March 2026, 李黄贝 did not; on 1 April the 黄贝 office gets one to-do, due 7 April."""
    log(on=date(2026, 3, 20), kind=ServiceKind.LECTURE, count=30)
    posting_b = Posting.objects.get(lawyer=advisors.b)
    assert run_rules(date(2026, 4, 1), kinds={NO_LOG_MONTH}) == {NO_LOG_MONTH: 1}
    assert todos(NO_LOG_MONTH) == [(posting_b.pk, "440303002", Role.STREET, date(2026, 4, 7))]
    todo = Reminder.objects.get(kind=NO_LOG_MONTH)
    assert todo.title == "黄贝东社区法律顾问李黄贝在2026年3月没有服务记录"
    assert list(Reminder.objects.inbox(personas.clerk_b).open()) == [todo]
    assert not Reminder.objects.inbox(personas.clerk_a).exists()
    assert run_rules(date(2026, 4, 15), kinds={NO_LOG_MONTH}) == {NO_LOG_MONTH: 0}  # the same month: idempotent


def test_the_current_month_is_not_due_yet(log, advisors):
    """Nothing logged in April yet, but April is not over: on 30 April only March (all silent) counts."""
    log(on=date(2026, 3, 2))
    log(lawyer=advisors.b, on=date(2026, 3, 2))
    assert run_rules(date(2026, 4, 30), kinds={NO_LOG_MONTH}) == {NO_LOG_MONTH: 0}
    # A posting that began in mid-April is not asked about April either.
    assert run_rules(date(2026, 5, 1), kinds={NO_LOG_MONTH}) == {NO_LOG_MONTH: 2}


def test_a_community_idle_for_14_days_is_a_todo(log, advisors):
    """张桂园's last entry in 桂园东社区 is 1 March: not due on 14 March, due on 15 March (and the same to-do
    whenever the rule runs again, until a new entry)."""
    log(on=date(2026, 3, 1))
    log(lawyer=advisors.b, on=date(2026, 3, 10))
    posting_a = Posting.objects.get(lawyer=advisors.a)
    assert run_rules(date(2026, 3, 14), kinds={COMMUNITY_IDLE}) == {COMMUNITY_IDLE: 0}
    assert run_rules(date(2026, 3, 15), kinds={COMMUNITY_IDLE}) == {COMMUNITY_IDLE: 1}
    assert todos(COMMUNITY_IDLE) == [(posting_a.pk, "440303001", Role.STREET, date(2026, 3, 15))]
    assert "桂园东社区法律顾问张桂园自2026-03-01起已连续14天无服务记录" == Reminder.objects.get().title
    assert run_rules(date(2026, 3, 20), kinds={COMMUNITY_IDLE}) == {COMMUNITY_IDLE: 0}
    assert run_rules(date(2026, 3, 24), kinds={COMMUNITY_IDLE}) == {COMMUNITY_IDLE: 1}  # now 李黄贝 too
    assert [row[3] for row in todos(COMMUNITY_IDLE)] == [date(2026, 3, 15), date(2026, 3, 24)]


def test_a_new_posting_is_idle_from_its_start(advisors, areas):
    Posting.objects.all().delete()
    Posting.objects.create(lawyer=advisors.a, area=areas.community_a, start_on=date(2026, 3, 1),
                           end_on=date(2026, 12, 31))
    assert run_rules(date(2026, 3, 14), kinds=RULES) == {NO_LOG_MONTH: 0, COMMUNITY_IDLE: 0}
    assert run_rules(date(2026, 3, 15), kinds=RULES) == {NO_LOG_MONTH: 0, COMMUNITY_IDLE: 1}
    assert Reminder.objects.get().due_on == date(2026, 3, 1) + timedelta(days=14)

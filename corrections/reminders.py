"""The daily risk checks of community corrections, each a to-do for the supervising street office (司法所).

Every rule is one set-based query over the people on the register (no loop over persons querying each), and
yields a `Due` whose date is the day the thing falls due, among the records it is given (everyone for the daily
run, the people a write touched for `bureau.reminders.reminders_refresh`). `bureau.reminders.run_rules` inserts
them with the (kind, person, due date) key, so the daily run — or a rerun after a worker died half-way — never
creates a to-do twice. The rules that only look at a window ahead of today (monitoring and terms ending soon)
are declared `windowed`: a refresh opens their to-dos but does not take their silence for "done". When what a to-do asks for is done (a talk recorded, the return reported …) the service that
records it closes the to-do; the person's next due date is a new day, hence a new to-do when it comes.

A due date that falls on a day off moves to the next working day (调休 weekends are working days), since the
office cannot be expected to talk to someone on a public holiday.
"""

from datetime import timedelta

from django.db.models import Case, DateField, ExpressionWrapper, F, IntegerField, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Role
from bureau.reminders import Due, ReminderAction, reminder_rule
from bureau.workdays import WorkingCalendar

TALK_OVERDUE = "corrections.talk_overdue"
CHECK_OVERDUE = "corrections.check_overdue"
NO_CONTACT = "corrections.no_contact"
MONITORING_ENDING = "corrections.monitoring_ending"
TRAVEL_RETURN_OVERDUE = "corrections.travel_return_overdue"
TERM_ENDING = "corrections.term_ending"
INTAKE_OVERDUE = "corrections.intake_overdue"

# To-dos appear this many days before their date, so the office can plan the talk or the release.
TALK_LEAD_DAYS = 3
MONITORING_LEAD_DAYS = 7
TERM_LEAD_DAYS = 30


def _policy_interval(field):
    """CASE level WHEN 'strict' THEN 7 … END, from the LevelPolicy table (read once per run)."""
    from .models import LevelPolicy

    whens = [When(level=level, then=Value(days)) for level, days in LevelPolicy.objects.values_list("level", field)]
    if not whens:  # no policy configured: no clock runs (a CASE without WHEN is not SQL)
        return Value(None, output_field=IntegerField())
    return Case(*whens, default=None, output_field=IntegerField())


def _last_event(kinds):
    from .models import SupervisionEvent

    return Subquery(
        SupervisionEvent.objects.filter(supervisee=OuterRef("pk"), kind__in=kinds)
        .order_by().values("supervisee").annotate(last=Max("on")).values("last")[:1]
    )


def _interval_due(records, kinds, field, horizon):
    """(pk, office, due, name) of people on the register (among `records`) whose next event of `kinds` falls
    due by `horizon`.

    The clock runs from the last such event, or from the day the person reported in when there is none.
    """
    rows = (
        records.on_register()
        .annotate(since=Coalesce(_last_event(kinds), F("reported_on")), interval=_policy_interval(field))
        .filter(interval__isnull=False)
        .annotate(due=ExpressionWrapper(F("since") + F("interval"), output_field=DateField()))
        .filter(due__lte=horizon)
        .values_list("pk", "area_id", "due", "name")
    )
    return list(rows)


def due_calendar(dates, today):
    """The working calendar that moves these due dates off days off: one query, reaching past the latest of them
    further than any run of days off."""
    return WorkingCalendar(min(min(dates), today) - timedelta(days=1), max(dates) + timedelta(days=40))


def _on_working_day(rows, today):
    """Move each due date off a day off; one calendar query for the whole run (a person's page moves its clocks
    the same way), each distinct date moved once (an import's ten thousand people fall due on a few hundred)."""
    if not rows:
        return []
    calendar = due_calendar([row[2] for row in rows], today)
    moved = {due: calendar.next_working_day(due) for due in {row[2] for row in rows}}
    return [(pk, area_id, moved[due], name) for pk, area_id, due, name in rows]


def _on_person(label, slug):
    """The action on the person a monitoring or a travel record belongs to (the to-do's record)."""

    def offer(record):
        return label, reverse("corrections:supervisee_action", args=[record.supervisee_id, slug])

    return offer


def _street(pk, area_id, due, title):
    return Due(pk, area_id, due, title, role=Role.STREET)


@reminder_rule(TALK_OVERDUE, model="corrections.Supervisee", label="谈话教育到期",
               action=ReminderAction(gettext_lazy("记录谈话"), "corrections:supervisee_action", slug="talk"))
def talk_overdue(today, records):
    from .models import SupervisionEvent

    rows = _interval_due(records, [SupervisionEvent.Kind.TALK], "talk_interval_days", today + timedelta(days=TALK_LEAD_DAYS))
    title = _("谈话教育：%(name)s")  # translated once per run, not once per person (the same for all of them)
    for pk, area_id, due, name in _on_working_day(rows, today):
        yield _street(pk, area_id, due, title % {"name": name})


@reminder_rule(CHECK_OVERDUE, model="corrections.Supervisee", label="信息化核查到期",
               action=ReminderAction(gettext_lazy("信息化核查"), "corrections:supervisee_action", slug="info_check"))
def check_overdue(today, records):
    from .models import SupervisionEvent

    rows = _interval_due(records, [SupervisionEvent.Kind.INFO_CHECK], "check_interval_days",
                         today + timedelta(days=TALK_LEAD_DAYS))
    title = _("信息化核查：%(name)s")
    for pk, area_id, due, name in _on_working_day(rows, today):
        yield _street(pk, area_id, due, title % {"name": name})


@reminder_rule(NO_CONTACT, model="corrections.Supervisee", label="失联预警",
               action=ReminderAction(gettext_lazy("记录谈话"), "corrections:supervisee_action", slug="talk"))
def no_contact(today, records):
    """Nobody has seen, heard or checked on the person for the level's no-contact days: as of today."""
    from .models import SupervisionEvent

    title = _("失联预警：%(name)s 长期无谈话、核查、走访记录")
    for pk, area_id, due, name in _interval_due(records, SupervisionEvent.CONTACTS, "no_contact_days", today):
        yield _street(pk, area_id, due, title % {"name": name})


@reminder_rule(MONITORING_ENDING, model="corrections.Monitoring", label="电子定位期满", windowed=True,
               action=_on_person(gettext_lazy("电子定位续期"), "monitoring_renew"))
def monitoring_ending(today, records):
    from .models import Supervisee

    rows = (
        records.filter(
            ended_on__isnull=True, renewal__isnull=True, ends_on__gte=today,
            ends_on__lte=today + timedelta(days=MONITORING_LEAD_DAYS),
            supervisee__status=Supervisee.Status.ACTIVE,
        )
        .values_list("pk", "supervisee__area_id", "ends_on", "supervisee__name")
    )
    title = _("电子定位期满：%(name)s，续期须重新评估")
    for pk, area_id, ends_on, name in rows:
        yield _street(pk, area_id, ends_on, title % {"name": name})


@reminder_rule(TRAVEL_RETURN_OVERDUE, model="corrections.TravelApproval", label="外出销假逾期",
               action=_on_person(gettext_lazy("登记销假"), "travel_return"))
def travel_return_overdue(today, records):
    from .models import Supervisee

    rows = (
        records.filter(returned_on__isnull=True, return_on__lt=today, supervisee__status=Supervisee.Status.ACTIVE)
        .values_list("pk", "supervisee__area_id", "return_on", "supervisee__name", "destination")
    )
    title = _("外出未销假：%(name)s（%(place)s）")
    for pk, area_id, return_on, name, destination in rows:
        yield _street(pk, area_id, return_on + timedelta(days=1), title % {"name": name, "place": destination})


@reminder_rule(TERM_ENDING, model="corrections.Supervisee", label="矫正期满", windowed=True,
               action=ReminderAction(gettext_lazy("解除矫正"), "corrections:supervisee_action", slug="release"))
def term_ending(today, records):
    rows = records.term_ending(today, TERM_LEAD_DAYS).values_list("pk", "area_id", "term_end", "name")
    title = _("矫正期满：%(name)s，准备解除矫正")
    for pk, area_id, term_end, name in rows:
        yield _street(pk, area_id, term_end, title % {"name": name})


@reminder_rule(INTAKE_OVERDUE, model="corrections.Supervisee", label="报到逾期",
               action=ReminderAction(gettext_lazy("登记报到"), "corrections:supervisee_action", slug="receive"))
def intake_overdue(today, records):
    rows = records.awaiting_report().filter(report_due_on__lte=today).values_list(
        "pk", "area_id", "report_due_on", "name"
    )
    title = _("报到期限：%(name)s 应于%(day)s前报到")
    for pk, area_id, due, name in rows:
        yield _street(pk, area_id, due, title % {"name": name, "day": f"{due:%Y-%m-%d}"})


def open_kinds_for_event(kind):
    """The to-dos about a person that an event of `kind` answers."""
    from .models import SupervisionEvent

    kinds = {SupervisionEvent.Kind.TALK: [TALK_OVERDUE], SupervisionEvent.Kind.INFO_CHECK: [CHECK_OVERDUE]}.get(
        kind, []
    )
    if kind in SupervisionEvent.CONTACTS:
        kinds.append(NO_CONTACT)
    return kinds


PERSON_KINDS = [TALK_OVERDUE, CHECK_OVERDUE, NO_CONTACT, TERM_ENDING, INTAKE_OVERDUE]

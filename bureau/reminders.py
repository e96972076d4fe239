"""Reminder rules: how every statutory clock becomes a dated to-do.

An app declares a rule in its own `reminders.py` (imported at start-up by `BureauConfig.ready`). A rule is
given the day and the records to look at — a queryset of its model: all of them for the daily run, the few a
write touched for a refresh — and reads what is due among them with one set-based query:

    @reminder_rule("legalaid.decision_due", model="legalaid.Case", label=_("审查决定期限"))
    def decision_due(today, records):
        rows = records.awaiting_decision().values_list("pk", "area_id", "decision_due_on")
        return (Due(pk, area_id, due, title=...) for pk, area_id, due in rows)

Two ways to run the rules:

- `run_rules(today)` — the daily run (Celery beat, `run_reminder_rules`) over every record of the city. It
  inserts with ON CONFLICT DO NOTHING on (kind, record, due date), so running a rule twice — or again after a
  worker died half-way — creates each to-do once, and a to-do someone completed is not recreated. One failing
  rule does not stop the others; the run then raises, so the task shows as failed.
- `reminders_refresh(records=...)` — what a clerk's write calls, inside its transaction, for the records it
  wrote and nothing else (never the whole city): every rule of the records' model, or only the `kinds` named
  (rules of another model are skipped, so a service may pass all its app's kinds). Each rule runs in a
  savepoint; a rule that fails is logged and skipped, never raised, so it can never roll back the write:

      reminders_refresh(records=supervisee)                                   # one saved record
      reminders_refresh(PERSON_KINDS, records=Supervisee.objects.filter(pk__in=imported_pks))

When a refresh closes a to-do — the one rule: a rule is *complete* by default, i.e. asked about some records it
yields every to-do still owed for them. So a refresh cancels (state 已撤销, note "已不再到期") an open to-do of
the rule's kind about those records that the rule no longer yields with that due date: the case was decided,
the clock moved. A rule that only looks at a window of time (last month's silence, terms ending within 30
days) declares `windowed=True`: its silence means "outside the window", not "done", so a refresh only opens
its to-dos. Either way, a service that answers a to-do still closes it with `reminders_close_for`, which
records who did it and why; the refresh is the safety net that keeps the to-dos equal to the records.
The daily run never closes anything.

A to-do is closed by its rule, not by a click. `reminder_complete` (bureau.services) re-runs the rule for the
to-do's record alone (`Rule.still_owed`) and refuses while the rule still yields it, naming what is needed;
what a person decides need not be done is *dismissed* with a reason that is kept. A rule declares the page
that satisfies it, offered on the to-do (`action=`): a `ReminderAction` — a label and a URL name given the
record's pk (and an action slug) — or a callable taking the record and giving (label, url) or None:

    @reminder_rule(TALK_OVERDUE, model="corrections.Supervisee", label="谈话教育到期",
                   action=ReminderAction(_("记录谈话"), "corrections:supervisee_action", slug="talk"))
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from .links import record_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Due:
    object_id: int | None
    area_id: int
    due_on: object
    title: str
    assignee_id: int | None = None
    role: str = ""


@dataclass(frozen=True)
class ReminderAction:
    """The page that satisfies a to-do: `url_name` reversed with the record's pk (`of_record`) and `slug`.
    Declared so, the offer needs no query (a list of to-dos shows it on every row)."""

    label: str
    url_name: str
    slug: str = ""
    of_record: bool = True

    def for_pk(self, pk):
        if self.of_record and pk is not None:
            return self.label, record_url(self.url_name, pk, *([self.slug] if self.slug else []))
        return self.label, reverse(self.url_name, args=[self.slug] if self.slug else [])

    def __call__(self, record):
        return self.for_pk(record.pk if record is not None else None)


@dataclass(frozen=True)
class Rule:
    kind: str
    func: object
    model: object
    label: str
    windowed: bool = False
    action: object = None

    def get_model(self):
        return apps.get_model(self.model) if isinstance(self.model, str) else self.model

    def all_records(self):
        """Every record the rule may look at (None for a rule about no model, e.g. the calendar)."""
        model = self.get_model()
        return model._default_manager.all() if model else None

    def still_owed(self, reminder, today):
        """Does the rule, run again for the to-do's record alone, still yield this to-do (same due date)?"""
        model = self.get_model()
        records = model._default_manager.filter(pk=reminder.object_id) if model else None
        with override(settings.LANGUAGE_CODE):
            return any(item.object_id == reminder.object_id and item.due_on == reminder.due_on
                       for item in self.func(today, records))

    def offer(self, reminder, load=True):
        """(label, url) of the page that satisfies the rule for the to-do's record, or None. A callable action
        reads the record (`reminder.subject`); with `load=False` (a list's rows) only a ReminderAction answers."""
        if self.action is None or (self.get_model() is not None and reminder.object_id is None):
            return None
        if isinstance(self.action, ReminderAction):
            return self.action.for_pk(reminder.object_id)
        if not load:
            return None
        record = reminder.subject if reminder.object_id is not None else None
        if self.get_model() is not None and record is None:
            return None  # the record is gone
        return self.action(record)


_rules: dict[str, Rule] = {}


def reminder_rule(kind, *, model=None, label="", windowed=False, action=None):
    """Register a rule; `action` (a ReminderAction or a callable taking the record) is what the to-do offers."""

    def register(func):
        if kind in _rules and _rules[kind].func is not func:
            raise ValueError(f"reminder rule {kind!r} is registered twice")
        _rules[kind] = Rule(kind=kind, func=func, model=model, label=label or kind, windowed=windowed,
                            action=action)
        return func

    return register


def registered_rules():
    return dict(_rules)


def unregister(kind):
    _rules.pop(kind, None)


COPY_FROM = 500  # to-dos at once from which they go in through COPY (bureau.bulk) rather than one INSERT


def _insert(rule, items, content_type, *, fresh=False):
    """Insert the to-dos `items` that are not there yet (a unique constraint on kind, record and due date).
    `fresh`: the records were created in this transaction, so none of their to-dos can be there yet."""
    from . import bulk
    from .models import Reminder

    if len(items) >= COPY_FROM:  # an import's or the daily run's thousands
        columns = ["kind", "title", "area_id", "role", "assignee_id", "content_type_id", "object_id", "due_on"]
        ct = content_type.pk if content_type else None
        if fresh:  # a rule yielding the same to-do twice must not abort the import
            items = list({(item.object_id, item.due_on): item for item in items}.values())
        rows = ((rule.kind, item.title[:200], item.area_id, item.role, item.assignee_id, ct, item.object_id,
                 item.due_on) for item in items)
        (bulk.copy_rows if fresh else bulk.copy_rows_ignoring_conflicts)(Reminder, columns, rows)
        return
    Reminder.objects.bulk_create(
        [
            Reminder(
                kind=rule.kind, title=item.title[:200], area_id=item.area_id, role=item.role,
                assignee_id=item.assignee_id, content_type=content_type, object_id=item.object_id,
                due_on=item.due_on,
            )
            for item in items
        ],
        ignore_conflicts=True,
    )


def run_rule(rule, today, records=None):
    """Create the rule's missing to-dos among `records` (all of the rule's model by default); return how many
    were new."""
    from .models import Reminder

    model = rule.get_model()
    content_type = ContentType.objects.get_for_model(model) if model else None
    with override(settings.LANGUAGE_CODE), transaction.atomic():
        items = list(rule.func(today, rule.all_records() if records is None else records))
        before = Reminder.objects.filter(kind=rule.kind).count()
        _insert(rule, items, content_type)
        return Reminder.objects.filter(kind=rule.kind).count() - before


def run_rules(today, kinds=None):
    """Run every registered rule (or those named) over the whole city; one failing rule does not stop the
    others, and the run raises at the end so the task is seen to have failed."""
    created, failed = {}, []
    for kind, rule in sorted(_rules.items()):
        if kinds and kind not in kinds:
            continue
        try:
            created[kind] = run_rule(rule, today)
        except Exception:
            logger.exception("reminder rule %s failed", kind)
            failed.append(kind)
    if failed:
        raise RuntimeError(f"reminder rules failed: {', '.join(failed)}")
    return created


def _refresh_rule(rule, today, records, content_type, fresh=False):
    """Open what the rule yields for `records`; cancel their open to-dos it no longer yields (complete rules)."""
    from .models import Reminder

    items = list(rule.func(today, records))
    _insert(rule, items, content_type, fresh=fresh)
    if rule.windowed or fresh:
        return
    owed = {(item.object_id, item.due_on) for item in items}
    open_todos = Reminder.objects.open().filter(
        kind=rule.kind, content_type=content_type, object_id__in=records.values("pk")
    ).values_list("pk", "object_id", "due_on")
    stale = [pk for pk, object_id, due_on in open_todos if (object_id, due_on) not in owed]
    if stale:
        Reminder.objects.filter(pk__in=stale).update(
            state=Reminder.State.CANCELLED, done_at=timezone.now(), note=_("已不再到期")
        )


def reminders_refresh(kinds=None, *, records, today=None, fresh=False):
    """Bring the to-dos about `records` (a queryset, or one saved record) up to date after a write.

    The rules of the records' model run (those of `kinds` only, when given), each for these records only and
    in a savepoint: a rule that fails is logged and skipped, so the write that called this is never rolled
    back. `fresh=True` says the records were created by this transaction (an import): they have no to-dos yet,
    so nothing is looked up to cancel and the new ones go in without a conflict check. Returns the kinds that
    failed (empty when all went well)."""
    if isinstance(records, models.Model):
        records = type(records)._default_manager.filter(pk=records.pk)
    today = today or timezone.localdate()
    content_type = ContentType.objects.get_for_model(records.model)
    failed = []
    for kind, rule in sorted(_rules.items()):
        if (kinds is not None and kind not in kinds) or rule.get_model() is not records.model:
            continue
        try:
            with override(settings.LANGUAGE_CODE), transaction.atomic():
                _refresh_rule(rule, today, records, content_type, fresh)
        except Exception:
            logger.exception("reminder rule %s failed while refreshing %s", kind, records.model._meta.label)
            failed.append(kind)
    return failed


# --- The foundation's own rules -------------------------------------------------------------------------

PASSWORD_KIND = "bureau.password_change"
CALENDAR_KIND = "bureau.calendar_next_year"


@reminder_rule(PASSWORD_KIND, model="bureau.User", label="修改密码",
               action=ReminderAction(gettext_lazy("修改密码"), "password_change", of_record=False))
def password_change_due(today, records):
    """An initial password is changed within 7 days; any password at most every PASSWORD_MAX_AGE_DAYS.

    The to-do appears a week before the deadline and stays until the password is changed.
    """
    users = records.filter(is_active=True).exclude(area__isnull=True)
    never_changed = users.filter(password_changed_at__isnull=True).values_list("pk", "area_id", "date_joined")
    for pk, area_id, joined in never_changed:
        yield Due(pk, area_id, joined.date() + timedelta(days=7), _("请修改初始密码"), assignee_id=pk)
    max_age = timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)
    expiring = users.filter(
        password_changed_at__date__lte=today - max_age + timedelta(days=7)
    ).values_list("pk", "area_id", "password_changed_at")
    for pk, area_id, changed in expiring:
        yield Due(pk, area_id, changed.date() + max_age, _("密码即将到期，请修改密码"), assignee_id=pk)


def _calendar_page(record):
    return _("录入节假日安排"), reverse("admin:bureau_calendarday_add")


@reminder_rule(CALENDAR_KIND, model=None, label="录入下一年节假日安排", windowed=True, action=_calendar_page)
def next_year_calendar_missing(today, records):
    """From 1 December, if next year's holidays are not loaded, the administrators must enter them."""
    from .models import Area, CalendarDay, Role

    if today.month != 12 or CalendarDay.objects.filter(date__year=today.year + 1).exists():
        return
    title = _("请录入%(year)d年节假日和调休安排") % {"year": today.year + 1}
    for area_id in Area.objects.filter(parent__isnull=True).values_list("pk", flat=True):
        yield Due(None, area_id, today.replace(day=20), title, role=Role.ADMIN)

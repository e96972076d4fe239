"""Reminder rules: how every statutory clock becomes a dated to-do.

An app declares a rule in its own `reminders.py` (imported at start-up by `BureauConfig.ready`):

    @reminder_rule("legalaid.decision_due", model=Application, label=_("审查决定期限"))
    def decision_due(today):
        rows = Application.objects.awaiting_decision().values_list("pk", "area_id", "decision_due_on")
        return (Due(pk, area_id, due, title=...) for pk, area_id, due in rows)

A rule reads what is due with one set-based query and yields `Due` items; `run_rules` inserts them with
ON CONFLICT DO NOTHING on (kind, record, due date), so running a rule twice — or again after a worker
died half-way — creates each to-do once.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

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
class Rule:
    kind: str
    func: object
    model: object
    label: str


_rules: dict[str, Rule] = {}


def reminder_rule(kind, *, model=None, label=""):
    def register(func):
        if kind in _rules and _rules[kind].func is not func:
            raise ValueError(f"reminder rule {kind!r} is registered twice")
        _rules[kind] = Rule(kind=kind, func=func, model=model, label=label or kind)
        return func

    return register


def registered_rules():
    return dict(_rules)


def unregister(kind):
    _rules.pop(kind, None)


def run_rule(rule, today):
    """Create the rule's missing to-dos; return how many were new."""
    from .models import Reminder

    model = apps.get_model(rule.model) if isinstance(rule.model, str) else rule.model
    content_type = ContentType.objects.get_for_model(model) if model else None
    with override(settings.LANGUAGE_CODE), transaction.atomic():
        items = list(rule.func(today))
        before = Reminder.objects.filter(kind=rule.kind).count()
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
            batch_size=1000,
        )
        return Reminder.objects.filter(kind=rule.kind).count() - before


def run_rules(today, kinds=None):
    """Run every registered rule (or those named); one failing rule does not stop the others."""
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


# --- The foundation's own rules -------------------------------------------------------------------------

PASSWORD_KIND = "bureau.password_change"
CALENDAR_KIND = "bureau.calendar_next_year"


@reminder_rule(PASSWORD_KIND, model="bureau.User", label="修改密码")
def password_change_due(today):
    """An initial password is changed within 7 days; any password at most every PASSWORD_MAX_AGE_DAYS.

    The to-do appears a week before the deadline and stays until the password is changed.
    """
    users = apps.get_model("bureau.User").objects.filter(is_active=True).exclude(area__isnull=True)
    never_changed = users.filter(password_changed_at__isnull=True).values_list("pk", "area_id", "date_joined")
    for pk, area_id, joined in never_changed:
        yield Due(pk, area_id, joined.date() + timedelta(days=7), _("请修改初始密码"), assignee_id=pk)
    max_age = timedelta(days=settings.PASSWORD_MAX_AGE_DAYS)
    expiring = users.filter(
        password_changed_at__date__lte=today - max_age + timedelta(days=7)
    ).values_list("pk", "area_id", "password_changed_at")
    for pk, area_id, changed in expiring:
        yield Due(pk, area_id, changed.date() + max_age, _("密码即将到期，请修改密码"), assignee_id=pk)


@reminder_rule(CALENDAR_KIND, model=None, label="录入下一年节假日安排")
def next_year_calendar_missing(today):
    """From 1 December, if next year's holidays are not loaded, the administrators must enter them."""
    from .models import Area, CalendarDay, Role

    if today.month != 12 or CalendarDay.objects.filter(date__year=today.year + 1).exists():
        return
    title = _("请录入%(year)d年节假日和调休安排") % {"year": today.year + 1}
    for area_id in Area.objects.filter(parent__isnull=True).values_list("pk", flat=True):
        yield Due(None, area_id, today.replace(day=20), title, role=Role.ADMIN)

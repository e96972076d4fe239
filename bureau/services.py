"""Writes of the core app. Views, admin actions, the API and tasks call these; none assigns state itself."""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record_reveal
from .identifiers import ResidentIDField, resident_id_warning
from .models import IdentifierConfirmation, Reminder
from .reminders import PASSWORD_KIND, registered_rules


def _reminder_for_action(reminder, by):
    """The to-do, locked, if `by` may act on it and it is still open."""
    if not reminder.may_act(by):
        raise PermissionDenied(_("您的角色只能查看该待办事项，不能办结或忽略。"))
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if not reminder.is_open:
        raise ValidationError(_("该待办事项已办结或已撤销，不能重复办理。"))
    return reminder


@transaction.atomic
def reminder_complete(*, reminder: Reminder, by, note: str = "") -> Reminder:
    """Close a to-do whose rule is satisfied: its rule, run again for its record alone, no longer yields it.
    While it does, the refusal names what is still needed (the page the rule offers); what a person decides
    need not be done is dismissed with a reason (`reminder_dismiss`)."""
    reminder = _reminder_for_action(reminder, by)
    rule = registered_rules().get(reminder.kind)
    if rule is not None and rule.still_owed(reminder, timezone.localdate()):
        offer = reminder.offer()
        needed = offer[0] if offer else reminder.title
        raise ValidationError(
            _("“%(title)s”尚未办理：请先%(needed)s，办理后待办自动办结；确实无需办理的，请填写理由后忽略。")
            % {"title": reminder.title, "needed": needed},
            code="still_owed",
        )
    reminder.state = Reminder.State.DONE
    reminder.done_at = timezone.now()
    reminder.done_by = by
    reminder.note = note
    reminder.save(update_fields=["state", "done_at", "done_by", "note"])
    return reminder


@transaction.atomic
def reminder_dismiss(*, reminder: Reminder, by, reason: str) -> Reminder:
    """Close a to-do without doing what it asks, for a reason that is kept (state 已忽略, note, who, when)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("忽略待办事项须填写理由。")}, code="reason_required")
    reminder = _reminder_for_action(reminder, by)
    reminder.state = Reminder.State.DISMISSED
    reminder.done_at = timezone.now()
    reminder.done_by = by
    reminder.note = reason[:200]
    reminder.save(update_fields=["state", "done_at", "done_by", "note"])
    return reminder


@transaction.atomic
def reminders_close(todos, *, by=None, note: str = "") -> int:
    """Close the open ones of `todos` (a queryset of to-dos) as done by `by`, with `note`: what they asked for has
    been done. One UPDATE however many; every service that closes to-dos comes through here."""
    return todos.open().update(state=Reminder.State.DONE, done_at=timezone.now(), done_by=by, note=note)


def reminders_close_for(*, obj, kind: str, by=None, note: str = "") -> int:
    """Close the open to-dos of one rule about one record, e.g. when what they asked for has been done."""
    return reminders_close(Reminder.objects.for_object(obj).filter(kind=kind), by=by, note=note)


@transaction.atomic
def user_password_changed(*, user, new_password: str):
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    reminders_close_for(obj=user, kind=PASSWORD_KIND, by=user, note=_("密码已修改"))
    return user


def identifier_reveal(*, obj, field_name: str, by) -> str:
    """Return the full identifier and record that `by` saw it (the audit event carries the request)."""
    value = getattr(obj, field_name)
    if value:
        record_reveal(obj, field_name=field_name)
    return value


# --- ID numbers whose region code needs a clerk's confirmation (bureau.identifiers) --------------------------


@functools.cache
def _resident_id_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, ResidentIDField)]


def identifier_warnings(obj, *, previous=None):
    """[(field, number, warning)] for the ID numbers of `obj` whose region code the code table does not know
    for the birth year. A number equal to `previous[field]` (what was stored before an update) was accepted
    then and is not asked about again. Pure: no query."""
    previous = previous or {}
    found = []
    for field in _resident_id_fields(type(obj)):
        number = getattr(obj, field.attname)
        if number and number != previous.get(field.name):
            warning = resident_id_warning(str(number))
            if warning:
                found.append((field, str(number), warning))
    return found


def identifiers_confirm(*, objects, by, confirmed: bool, previous=None) -> list[IdentifierConfirmation]:
    """Call right after saving records that hold ID numbers, inside the writer's transaction.

    A number with a region warning is kept only if the clerk confirmed it (`confirmed`, the checkbox of the
    page or `id_number_confirmed` of the API): then who confirmed which number of which record is stored
    with the record. Unconfirmed, it raises ValidationError naming the warnings, and the write rolls back.
    """
    pending = [(obj, field, number, warning) for obj in objects
               for field, number, warning in identifier_warnings(obj, previous=previous)]
    if not pending:
        return []
    if not confirmed:
        named = "；".join(f"{field.verbose_name}{number[:6]}…：{warning}" for _obj, field, number, warning in pending)
        raise ValidationError({"id_number_confirmed": _(
            "身份证号码的地区代码需要核对：%(warnings)s 核对无误的，请确认后再提交（id_number_confirmed）。"
        ) % {"warnings": named}}, code="region_unconfirmed")
    return IdentifierConfirmation.objects.bulk_create([
        IdentifierConfirmation(record=obj, field_name=field.name, id_number=number, warning=warning[:300],
                               confirmed_by=by)
        for obj, field, number, warning in pending
    ])

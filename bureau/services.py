"""Writes of the core app. Views, admin actions, the API and tasks call these; none assigns state itself."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import record_reveal
from .models import Reminder
from .reminders import PASSWORD_KIND


@transaction.atomic
def reminder_complete(*, reminder: Reminder, by, note: str = "") -> Reminder:
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if not reminder.is_open:
        raise ValidationError(_("该待办事项已办结或已撤销，不能重复办理。"))
    reminder.state = Reminder.State.DONE
    reminder.done_at = timezone.now()
    reminder.done_by = by
    reminder.note = note
    reminder.save(update_fields=["state", "done_at", "done_by", "note"])
    return reminder


@transaction.atomic
def reminders_close_for(*, obj, kind: str, by=None, note: str = "") -> int:
    """Close the open to-dos of one rule about one record, e.g. when what they asked for has been done."""
    return Reminder.objects.for_object(obj).open().filter(kind=kind).update(
        state=Reminder.State.DONE, done_at=timezone.now(), done_by=by, note=note
    )


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

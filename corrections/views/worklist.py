"""The street office's daily work list (社区矫正 今日工作): today's and overdue to-dos, each with its quick form."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.access import function_required
from bureau.links import record_url
from bureau.models import Reminder
from bureau.permissions import is_street_office
from corrections.apps import FUNCTION

from .. import reminders
from ..models import Monitoring, Supervisee, TravelApproval

UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    icon: str
    action: str | None  # the quick form that answers the to-do (None: open the person's page)
    action_label: str


GROUPS = [
    Group(reminders.TALK_OVERDUE, _("谈话教育到期"), "chat-dots", "talk", _("记录谈话")),
    Group(reminders.CHECK_OVERDUE, _("信息化核查到期"), "phone", "info_check", _("记录核查")),
    Group(reminders.NO_CONTACT, _("失联预警"), "person-exclamation", "visit", _("记录走访")),
    Group(reminders.TRAVEL_RETURN_OVERDUE, _("外出销假逾期"), "signpost-split", "travel_return", _("登记销假")),
    Group(reminders.MONITORING_ENDING, _("电子定位期满"), "geo", None, _("续期或解除")),
    Group(reminders.TERM_ENDING, _("矫正期满"), "door-open", "release", _("解除矫正")),
    Group(reminders.INTAKE_OVERDUE, _("报到逾期"), "box-arrow-in-right", "receive", _("登记报到")),
]
BY_KIND = {group.kind: group for group in GROUPS}


@dataclass(frozen=True)
class Item:
    reminder: Reminder
    person: Supervisee
    detail: str
    action_url: str | None


def subjects(user, items):
    """The person behind each to-do (about a person, a travel or a monitoring): one query per kind of record."""
    by_model = {Supervisee: set(), TravelApproval: set(), Monitoring: set()}
    for reminder in items:
        model = reminder.content_type.model_class() if reminder.content_type_id else None
        if model in by_model:
            by_model[model].add(reminder.object_id)
    people = Supervisee.objects.visible_to(user).select_related("area").in_bulk(by_model[Supervisee])
    travels = TravelApproval.objects.visible_to(user).select_related("supervisee__area").in_bulk(
        by_model[TravelApproval])
    monitorings = Monitoring.objects.visible_to(user).select_related("supervisee__area").in_bulk(
        by_model[Monitoring])
    return {Supervisee: people, TravelApproval: travels, Monitoring: monitorings}


def work_item(reminder, records, can_write, back):
    """The row of one to-do, or None when its record is no longer the user's (e.g. transferred away)."""
    model = reminder.content_type.model_class()
    record = records.get(model, {}).get(reminder.object_id)
    if record is None:
        return None
    person, detail, query = record, "", {"next": back}
    if model is TravelApproval:
        person = record.supervisee
        detail = _("%(place)s，应于%(day)s返回") % {"place": record.destination, "day": f"{record.return_on:%Y-%m-%d}"}
        query["travel"] = record.pk
    elif model is Monitoring:
        person = record.supervisee
        detail = _("电子定位至%(day)s") % {"day": f"{record.ends_on:%Y-%m-%d}"}
    group = BY_KIND.get(reminder.kind)
    url = None
    if can_write and group and group.action:
        url = record_url("corrections:supervisee_action", person.pk, group.action) + "?" + urlencode(query)
    return Item(reminder, person, detail, url)


@function_required(FUNCTION)
def worklist(request):
    user = request.user
    today = timezone.localdate()
    open_todos = (Reminder.objects.visible_to(user).open().filter(kind__startswith="corrections.")
                  .filter(due_on__lte=today + timedelta(days=UPCOMING_DAYS)).select_related("content_type")
                  .order_by("due_on", "id"))
    todos = list(open_todos)
    records = subjects(user, todos)
    can_write = user.can_write(FUNCTION)
    back = reverse("corrections:worklist")
    items = [item for item in (work_item(r, records, can_write, back) for r in todos) if item]
    due = [item for item in items if item.reminder.due_on <= today]
    groups = [(group, [item for item in due if item.reminder.kind == group.kind]) for group in GROUPS]
    register = Supervisee.objects.visible_to(user).register_counts()
    return render(request, "corrections/worklist.html", {
        "groups": [(group, rows) for group, rows in groups if rows],
        "upcoming": [item for item in items if item.reminder.due_on > today],
        "counts": {
            "overdue": sum(item.reminder.due_on < today for item in due),
            "today": sum(item.reminder.due_on == today for item in due),
            "upcoming": sum(item.reminder.due_on > today for item in items),
            **register,
        },
        "upcoming_days": UPCOMING_DAYS,
        "show_street": not is_street_office(user),
        "can_write": can_write,
    })

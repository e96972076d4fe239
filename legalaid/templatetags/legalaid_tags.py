"""Display helpers of the legal-aid pages: the running clock, status badges and amounts of money."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from legalaid.models import RecipientGroup, Status

register = template.Library()

STATUS_BADGE = {
    Status.RECEIVED: "text-bg-primary",
    Status.MATERIAL_REQUESTED: "text-bg-warning",
    Status.GRANTED: "text-bg-info",
    Status.REFUSED: "text-bg-secondary",
    Status.OBJECTED: "text-bg-warning",
    Status.ASSIGNED: "text-bg-primary",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.CLOSED: "text-bg-success",
    Status.ARCHIVED: "text-bg-light border",
    Status.TERMINATED: "text-bg-dark",
}


@dataclass(frozen=True)
class Clock:
    """The statutory clock a case is running: a label and a `due_on`, which `bureau_tags.due_text` words."""

    label: str
    due_on: date


@register.filter
def clock(case):
    running = case.open_clock()
    return Clock(*running) if running else None


@register.filter
def due(due_on, label=""):
    """A bare due date as a Clock, for `due_text` (a complaint's deadline)."""
    return Clock(label, due_on)


@register.filter
def status_badge(status):
    return STATUS_BADGE.get(status, "text-bg-secondary")


@register.filter
def yuan(amount):
    """86000 → “86,000.00 元”, as the bureau's reports write money."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s 元") % {"amount": f"{Decimal(amount):,.2f}"}


@register.filter
def group_labels(groups):
    return [RecipientGroup(value).label for value in groups if value in RecipientGroup.values]

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Reminder


class TodayTable(tables.Table):
    """A table whose rows are read against today (days left, overdue rows in red): `table.today`, read once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()


def overdue_row(record, table):
    """`row_attrs` class of a record with `is_overdue(today)`: red when it is."""
    return "table-danger" if record.is_overdue(table.today) else ""


class ReminderTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("事项"))
    function = tables.Column(verbose_name=_("业务"), accessor="function", orderable=False, default=_("平台基础"))
    area = tables.Column(verbose_name=_("责任单位"), accessor="area__name", order_by="area__code")
    assignee = tables.Column(verbose_name=_("责任人"), default="—")
    due_on = tables.DateColumn(verbose_name=_("办理期限"), format="Y-m-d")
    state = tables.Column(verbose_name=_("状态"))
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = Reminder
        fields = ["title", "function", "area", "assignee", "due_on", "state"]
        order_by = "due_on"
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"reminder-{record.pk}",
            "class": lambda record: "table-danger" if record.is_overdue() else "",
        }

    def render_function(self, value):
        return value.label if value else _("平台基础")

    def render_actions(self, record):
        """The page that satisfies the to-do, and 办结/忽略 for those who may act on it (no query per row)."""
        request = getattr(self, "request", None)
        return render_to_string("bureau/_reminder_actions.html", {
            "record": record, "offer": record.offer(load=False) if record.is_open else None,
            "may_act": record.is_open and request is not None and record.may_act(request.user),
        }, request=request)

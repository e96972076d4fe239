import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from . import audit, functions
from .models import Area, CalendarDay, Reminder, User
from .speedups import shown, string_value, widget_attrs


class DateBoxesWidget(DateRangeWidget):
    """Two date boxes joined as one input group ("… 至 …"); the query string names them `<filter>_after` and
    `<filter>_before` unless told. (The template is in bureau/templates/: the forms renderer reads app
    directories.)"""

    template_name = "bureau/widgets/date_range.html"
    # The boxes' own templates, which the template above includes and _render writes in Python instead
    BOX_TEMPLATES = {"django/forms/widgets/text.html", "django/forms/widgets/date.html"}

    def __init__(self, suffixes=None):
        super().__init__(attrs={"type": "date"})
        if suffixes:
            self.suffixes = list(suffixes)

    def _render(self, template_name, context, renderer=None):
        """The template written in Python (three includes a box: a date range was half its list's filter bar);
        tests/bureau/test_filter_bar.py compares the two."""
        boxes = context["widget"]["subwidgets"]
        if template_name != self.template_name or any(box["template_name"] not in self.BOX_TEMPLATES
                                                      for box in boxes):
            return super()._render(template_name, context, renderer)
        written = [
            f'<input type="{shown(box["type"])}" name="{shown(box["name"])}"'
            + (f' value="{string_value(box["value"])}"' if box["value"] is not None else "")
            + f"{widget_attrs(box['attrs'])}>\n\n"  # input.html's line break, and the box template's
            for box in boxes]
        between = f'<span class="input-group-text">{conditional_escape(gettext("至"))}</span>'
        inside = written[0] + between + "".join(written[1:]) if written else ""
        return mark_safe(f'<div class="input-group flex-nowrap">{inside}</div>')


class QuickSelect(forms.Select):
    """A select of flat choices written in Python: Django renders each option through a template of its own
    (about 0.2 ms), which for the audit search's users and hundred-odd record types cost more than its rows."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (option["value"], mark_safe(" selected") if option["selected"] else "", option["label"])
            for _group, group_options, _index in widget["optgroups"] for option in group_options))
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


def date_range(label, field_name, suffixes=None, **kwargs):
    """A from–to date filter: django-filter's DateFromToRangeFilter with two date boxes."""
    return django_filters.DateFromToRangeFilter(
        label=label, field_name=field_name, widget=DateBoxesWidget(suffixes), **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year, 1–9999 as Python's dates have them: a `__year` lookup on any other number would fail in
    the database adapter (a 500), not answer an empty list. Out of range it is a 400 naming the bounds."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class CalendarDayFilterSet(django_filters.FilterSet):
    """/api/v1/calendar-days/: by year, from–to and kind."""

    date__year = YearFilter(field_name="date", lookup_expr="year", label=_("年份"))
    date__gte = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("起始日期"))
    date__lte = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("截止日期"))

    class Meta:
        model = CalendarDay
        fields = ["date__year", "date__gte", "date__lte", "kind"]


class ReminderFilterSet(django_filters.FilterSet):
    """The to-do list, shared by the inbox page and /api/v1/reminders/."""

    SCOPE_MINE, SCOPE_AREA = "mine", "area"

    scope = django_filters.ChoiceFilter(
        label=_("范围"), method="filter_scope", empty_label=_("全部"),
        choices=[(SCOPE_MINE, _("我的待办")), (SCOPE_AREA, _("辖区全部"))],
    )
    state = django_filters.ChoiceFilter(label=_("状态"), choices=Reminder.State.choices, empty_label=_("全部"))
    function = django_filters.ChoiceFilter(
        label=_("业务"), method="filter_function", choices=lambda: [("bureau", _("平台基础")), *functions.choices()],
        empty_label=_("全部"),
    )
    overdue = django_filters.BooleanFilter(label=_("仅看逾期"), method="filter_overdue", widget=forms.CheckboxInput)
    due = date_range(_("期限"), "due_on")
    q = django_filters.CharFilter(label=_("关键词"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = Reminder
        fields = ["scope", "state", "function", "overdue", "due", "q"]

    def filter_scope(self, queryset, name, value):
        if value == self.SCOPE_MINE:
            return queryset.inbox(self.request.user)
        return queryset

    def filter_function(self, queryset, name, value: str):
        return queryset.filter(kind__startswith=f"{value}.")

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset


class AuditEventFilterSet(django_filters.FilterSet):
    """Search of the audit trail by who, what kind of record, which operation and when.

    The form only: `trail()` turns the valid choices into a bureau.audit.Trail, which searches the event
    tables one by one on their indexes (pghistory's aggregate view behind `.qs` reads every event there is).
    """

    user = django_filters.ModelChoiceFilter(
        label=_("操作人"), queryset=User.objects.order_by("username"), empty_label=_("全部"), widget=QuickSelect,
    )
    record_type = django_filters.ChoiceFilter(label=_("记录类型"), choices=[], empty_label=_("全部"),
                                              widget=QuickSelect)
    label = django_filters.ChoiceFilter(
        label=_("操作"), empty_label=_("全部"), choices=list(audit.OPERATIONS.items()),
    )
    date = date_range(_("日期"), "pgh_created_at", suffixes=["from", "to"])
    object_id = django_filters.CharFilter(label=_("记录编号"))

    class Meta:
        model = audit.AuditEvent
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tracked = {m.pgh_tracked_model for m in audit.event_models().values()}
        self.filters["record_type"].extra["choices"] = sorted(
            (m._meta.label, f"{m._meta.verbose_name}（{m._meta.app_config.verbose_name}）") for m in tracked
        )

    def trail(self):
        """The search the form asks for (call after is_valid())."""
        data = self.form.cleaned_data
        dates = data.get("date")
        return audit.Trail(
            user=data.get("user"), model=data.get("record_type") or None, label=data.get("label") or None,
            since=dates.start if dates else None, until=dates.stop if dates else None,
            object_id=(data.get("object_id") or "").strip() or None,
        )


def visible_streets(request):
    """The street offices a FilterSet may offer: those in the requesting user's jurisdiction."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Area.objects.none()
    return Area.objects.visible_to(user).streets()


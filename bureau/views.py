import calendar as pycalendar
from datetime import date, timedelta

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, excel, functions, roles, services
from .filters import AuditEventFilterSet, ReminderFilterSet
from .forms import BureauPasswordChangeForm, LoginForm, ReminderCompleteForm, ReminderDismissForm
from .identifiers import ResidentIDField
from .menu import menu_for
from .permissions import ADMINISTRATOR, is_read_only, record_visible
from .access import ExportableListView, access_required
from .models import Area, CalendarDay, Reminder
from .tables import ReminderTable
from .workdays import WorkingCalendar


# --- Sign-in --------------------------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = BureauPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。"))
        return response


# --- Home -----------------------------------------------------------------------------------------------


@login_required
def home(request):
    role_home = functions.home_view(request.user.role)
    if role_home is not None:
        # A role whose function draws its home (the advisor's workspace) lands on it in one request.
        return role_home(request)
    today = timezone.localdate()
    inbox = Reminder.objects.inbox(request.user).open().select_related("area")
    quick_links = [item for _group, items in menu_for(request.user) for item in items if item.url_name != "home"]
    # The three counts in one query; the open count is also the navigation's badge (context_processors).
    counts = inbox.aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)),
                             due_soon=Count("id", filter=Q(due_on__range=(today, today + timedelta(days=3)))))
    request.todo_count = counts["open"]
    return render(request, "bureau/home.html", {
        "system": system_status(today) if request.user.sees_everything else None,
        "todos": inbox.order_by("due_on", "id")[:8],
        "overdue_count": counts["overdue"],
        "due_soon_count": counts["due_soon"],
        "quick_links": quick_links,
        "is_read_only": is_read_only(request.user),
    })


def system_status(today):
    """What an administrator checks first: who is locked out, whether the holiday calendar is current."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.contrib.auth import get_user_model

    locked = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    )
    years = CalendarDay.objects.dates("date", "year")
    return {
        "locked_accounts": locked.values("username").distinct().count(),
        "calendar_years": [d.year for d in years],
        "next_year_missing": not any(d.year == today.year + 1 for d in years),
        "users_by_role": [
            (roles.label(row["role"]), row["n"])
            for row in get_user_model().objects.filter(is_active=True).values("role").annotate(n=Count("id"))
            .order_by("role")
        ],
    }


# --- To-dos ---------------------------------------------------------------------------------------------


class ReminderListView(LoginRequiredMixin, ExportableListView):
    model = Reminder
    table_class = ReminderTable
    filterset_class = ReminderFilterSet
    template_name = "bureau/reminder_list.html"
    export_name = "待办事项"

    def get_queryset(self):
        return Reminder.objects.visible_to(self.request.user).select_related("area", "assignee")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:  # the inbox opens on my open to-dos
            kwargs["data"] = {"scope": ReminderFilterSet.SCOPE_MINE, "state": Reminder.State.OPEN}
        return kwargs


@login_required
def reminder_detail(request, pk):
    reminder = get_object_or_404(
        Reminder.objects.visible_to(request.user).select_related("area", "assignee", "done_by"), pk=pk
    )
    return render(request, "bureau/reminder_detail.html", {
        "reminder": reminder, "offer": reminder.offer() if reminder.is_open else None,
        "may_act": reminder.is_open and reminder.may_act(request.user),
        "form": ReminderCompleteForm(), "dismiss_form": ReminderDismissForm(),
    })


def _reminder_answer(request, reminder, write, done_message):
    """Run `write` (a service call) and answer: the row again for htmx, else back to where the user was."""
    try:
        reminder = write()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done_message % {"title": reminder.title})
    if request.htmx:
        table = ReminderTable([reminder], request=request)
        return render(request, "bureau/_reminder_row.html", {"row": table.rows[0], "table": table})
    return redirect(request.POST.get("next") or "bureau:reminder_list")


@require_POST
@login_required
def reminder_complete(request, pk):
    """Close a to-do whose rule is satisfied; refused with what is still needed otherwise (a read-only role: 403)."""
    reminder = get_object_or_404(Reminder.objects.visible_to(request.user), pk=pk)
    form = ReminderCompleteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _reminder_answer(
        request, reminder, lambda: services.reminder_complete(reminder=reminder, by=request.user, note=note),
        _("“%(title)s”已办结。"),
    )


@require_POST
@login_required
def reminder_dismiss(request, pk):
    """Close a to-do without doing it: the reason is required and kept."""
    reminder = get_object_or_404(Reminder.objects.visible_to(request.user), pk=pk)
    form = ReminderDismissForm(request.POST)
    reason = form.cleaned_data["note"] if form.is_valid() else ""
    return _reminder_answer(
        request, reminder, lambda: services.reminder_dismiss(reminder=reminder, by=request.user, reason=reason),
        _("“%(title)s”已忽略。"),
    )


# --- Areas ----------------------------------------------------------------------------------------------


@login_required
def area_list(request):
    areas = Area.objects.visible_to(request.user).order_by("path")
    return render(request, "bureau/area_list.html", {"areas": areas})


@login_required
def area_detail(request, code):
    area = get_object_or_404(Area.objects.visible_to(request.user), code=code)
    user = request.user
    return render(request, "bureau/area_detail.html", {
        "area": area,
        "ancestors": [a for a in area.ancestors if user.sees_everything or user.area.contains(a)],
        "children": area.children.order_by("code"),
        "staff": area.users.filter(is_active=True).order_by("role", "username"),
    })


# --- Working-day calendar -------------------------------------------------------------------------------


@login_required
def calendar_year(request, year=None):
    year = year or timezone.localdate().year
    if not 1990 <= year <= 2100:
        raise Http404
    days = {d.date: d for d in CalendarDay.objects.filter(date__year=year)}
    cal = pycalendar.Calendar(firstweekday=0)
    months = [
        (month, [[(d, days.get(d)) if d.month == month else (None, None) for d in week]
                 for week in cal.monthdatescalendar(year, month)])
        for month in range(1, 13)
    ]
    span = WorkingCalendar(date(year, 1, 1), date(year, 12, 31))
    working_days = [
        sum(1 for week in weeks for day, _entry in week if day and span.is_working_day(day)) for _m, weeks in months
    ]
    festivals = {}
    for day in days.values():
        entry = festivals.setdefault(day.name, {"holidays": [], "workdays": []})
        entry["holidays" if day.kind == CalendarDay.Kind.HOLIDAY else "workdays"].append(day.date)
    return render(request, "bureau/calendar.html", {
        "year": year, "months": months, "festivals": festivals, "today": timezone.localdate(),
        "uses_charts": True,
        "working_days_chart": {
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 40, "right": 10, "top": 30, "bottom": 30},
            "xAxis": {"type": "category", "data": [_("%(m)d月") % {"m": m} for m in range(1, 13)]},
            "yAxis": {"type": "value", "min": 0, "max": 23},
            "series": [{"type": "bar", "name": _("工作日"), "data": working_days, "label": {"show": True,
                                                                                          "position": "top"}}],
        },
        "working_days_total": sum(working_days),
        "loaded": bool(days), "weekday_names": [_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日")],
    })


# --- Audit ----------------------------------------------------------------------------------------------


AUDIT_PAGE_SIZE = 200
AUDIT_EXPORT_LIMIT = 50_000  # an inspection's extract; a wider one is a database dump, not a spreadsheet


@access_required(ADMINISTRATOR)
def audit_list(request):
    """The trail, newest first, 200 entries a page, searchable; `?before=` is the keyset of the next page and
    `?_export=xlsx` the search as an Excel file (at most AUDIT_EXPORT_LIMIT entries)."""
    filterset = AuditEventFilterSet(request.GET, request=request)
    valid = filterset.is_valid()
    if valid and request.GET.get("_export") == "xlsx":
        return _audit_export(filterset)
    before = audit.Cursor.parse(request.GET.get("before", ""))
    entries = filterset.trail().entries(before=before, limit=AUDIT_PAGE_SIZE) if valid else []
    query = request.GET.copy()
    query.pop("before", None)
    query.pop("_export", None)
    next_query = query.copy()
    if len(entries) == AUDIT_PAGE_SIZE:
        next_query["before"] = str(entries[-1].key)
    return render(request, "bureau/audit_list.html", {
        "filter": filterset, "entries": entries, "page_size": AUDIT_PAGE_SIZE, "before": before,
        "export_limit": AUDIT_EXPORT_LIMIT, "query": query.urlencode(),
        "next_query": next_query.urlencode() if "before" in next_query else None,
    })


def _audit_export(filterset, batch=2000):
    trail = filterset.trail()
    book = excel.workbook()
    header = [_("时间"), _("操作人"), _("操作"), _("记录类型"), _("记录"), _("记录编号"), _("变更内容"),
              _("来源"), _("客户端地址")]
    page = excel.sheet(book, _("审计日志"), header, widths={"A": 20, "B": 14, "E": 30, "G": 60, "H": 40})
    written, before = 0, None
    while written < AUDIT_EXPORT_LIMIT:
        entries = trail.entries(before=before, limit=min(batch, AUDIT_EXPORT_LIMIT - written))
        for entry in entries:
            changes = "\n".join(f"{c.field}: {c.old} → {c.new}" for c in entry.changes)
            if entry.revealed_field:
                changes = entry.revealed_field
            page.append([
                timezone.localtime(entry.key.created_at).replace(tzinfo=None), str(entry.user or ""),
                str(entry.operation), str(entry.record_type), entry.record, entry.object_id, changes,
                str(entry.source), entry.address,
            ])
        written += len(entries)
        if len(entries) < batch:
            break
        before = entries[-1].key
    for row in page.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "yyyy-mm-dd hh:mm:ss"
    return excel.download(book, _("审计日志%(day)s") % {"day": timezone.localdate().strftime("%Y%m%d")})


# --- Protected identifiers ------------------------------------------------------------------------------


@require_POST
@login_required
def identifier_reveal(request, app_label, model_name, pk, field_name):
    """Show one full ID number. The question is the record page's (bureau.permissions.record_visible: its
    function, or its app's narrower Access, and its area); anything else is a 404. The reveal is audited."""
    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, ValueError):
        raise Http404
    if not isinstance(field, ResidentIDField):
        raise Http404
    obj = record_visible(request.user, model, pk=pk)
    value = services.identifier_reveal(obj=obj, field_name=field_name, by=request.user)
    return render(request, "partials/_identifier_revealed.html", {"value": value})

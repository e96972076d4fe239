"""Community legal advisors' pages: the advisor's own workspace and phone form, the offices' lists of entries,
advisors, postings and service points, and the monthly appraisal. Every list and record starts from
`visible_to(user)` (an advisor: their own only), so anything outside it is a 404; every write is a service."""

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from bureau import excel
from bureau.access import AccessListView, access_required, add_service_error
from bureau.models import Reminder
from bureau.permissions import can_write, is_advisor
from lawyers.apps import FUNCTION

from . import appraisal, services
from .filters import (
    AdvisorFilterSet,
    PostingFilterSet,
    ServiceLogFilterSet,
    ServicePointFilterSet,
    visible_advisors,
)
from .forms import (
    AdvisorAccountForm,
    AppraisalCloseForm,
    PostingForm,
    ServiceLogForm,
    ServicePointForm,
    WeightsForm,
)
from .models import (
    KIND_RULES,
    Appraisal,
    AppraisalResult,
    Attachment,
    Posting,
    ServiceKind,
    ServiceLog,
    ServicePoint,
    units,
)
from .permissions import (
    ADVISOR_OFFICE,
    ADVISORS,
    APPRAISAL,
    can_appraise,
    can_manage_advisors,
)
from .services import lawyer_of
from .tables import AdvisorTable, PostingTable, ServiceLogTable, ServicePointTable

# --- Access -----------------------------------------------------------------------------------------------


def advisors_required(manage=False):
    return access_required(ADVISOR_OFFICE if manage else ADVISORS, write=manage)


class AdvisorsListView(AccessListView):
    access = ADVISORS

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=can_manage_advisors(self.request.user), **kwargs)


def kind_totals(logs):
    """{kind: (entries, units)} of the kinds present among `logs`, from one GROUP BY kind (`logs` must carry no
    aggregate annotation: see attachment_counts)."""
    rows = logs.order_by().values_list("kind").annotate(entries=Count("pk"), units=Sum(units()))
    return {kind: (entries, total) for kind, entries, total in rows}


def month_summary(logs, totals=None):
    """[(kind, label, units, unit)…] of the kinds present, in the kinds' order (`totals`: kind_totals(logs), when
    already read)."""
    totals = kind_totals(logs) if totals is None else totals
    return [(kind.value, kind.label, totals[kind.value][1], KIND_RULES[kind].unit) for kind in ServiceKind
            if totals.get(kind.value, (0, 0))[1]]


def attachment_counts():
    """Each entry's number of attachments, as a subquery: a COUNT over a join would make the list's queryset an
    aggregate one, which the page's summary and the paginator's count then each had to wrap as a subquery."""
    attached = Attachment.objects.filter(log=OuterRef("pk")).order_by().values("log").annotate(n=Count("pk"))
    return Coalesce(Subquery(attached.values("n")), 0)


# --- The advisor's workspace ------------------------------------------------------------------------------


@advisors_required()
def advisor_home(request):
    """我的工作台: today's entries, the month so far, the current postings and the last published rank."""
    user = request.user
    if not is_advisor(user):
        raise PermissionDenied(_("工作台供社区法律顾问使用；请在“服务记录”中查看辖区法律顾问的工作。"))
    lawyer = lawyer_of(user)
    today = timezone.localdate()
    context = {"lawyer": lawyer, "today": today,
               "todos": Reminder.objects.inbox(user).open().order_by("due_on", "id")[:5]}
    if lawyer:
        logs = ServiceLog.objects.visible_to(user)
        month = logs.in_month(today)
        context.update(
            todays=logs.filter(on=today).select_related("area", "point").annotate(
                attachment_count=attachment_counts()).order_by("-id"),
            month=month.aggregate(entries=Count("pk"), hours=Sum("hours")),
            summary=month_summary(month),
            postings=Posting.objects.visible_to(user).active_on(today).select_related("area__parent", "point"),
            result=AppraisalResult.objects.visible_to(user).select_related("appraisal").order_by(
                "-appraisal__month").first(),
        )
        if context["result"]:
            context["ranked"] = context["result"].appraisal.results.count()
    return render(request, "lawyers/advisor_home.html", context)


@advisors_required()
def servicelog_create(request):
    user = request.user
    if not can_write(user, FUNCTION):
        raise PermissionDenied(_("您的角色只能查看服务记录，不能记录。"))
    if is_advisor(user) and lawyer_of(user) is None:
        messages.error(request, _("您的账号尚未关联律师信息，请联系区司法局律师工作科。"))
        return redirect("lawyers:advisor_home")
    form = ServiceLogForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            log = services.service_log_create(log=form.log(), by=user, attachments=form.cleaned_data["attachments"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已记录：%(place)s · %(kind)s · %(count)s。") % {
                "place": log.point or log.area, "kind": log.get_kind_display(), "count": log.count_text})
            return redirect("lawyers:advisor_home" if is_advisor(user) else "lawyers:servicelog_list")
    return render(request, "lawyers/servicelog_form.html", {"form": form, "kind_buttons": kind_buttons(form)})


def kind_buttons(form):
    """[(radio, what its count means)…] for the kind buttons."""
    return [(radio, KIND_RULES[ServiceKind(radio.data["value"])].count_label) for radio in form["kind"]]


def visible_log(user, pk):
    return get_object_or_404(ServiceLog.objects.visible_to(user).select_related("lawyer", "area", "point"), pk=pk)


@advisors_required()
def servicelog_update(request, pk):
    user = request.user
    log = visible_log(user, pk)
    locked = Appraisal.objects.closing(log.area, log.on).exists()
    can_edit = can_write(user, FUNCTION) and not locked
    form = ServiceLogForm(request.POST or None, request.FILES or None, user=user, instance=log)
    if request.method == "POST":
        if not can_write(user, FUNCTION):
            raise PermissionDenied(_("您的角色只能查看服务记录，不能修改。"))
        if form.is_valid():
            try:
                services.service_log_update(log=form.log(), by=user, attachments=form.cleaned_data["attachments"],
                                            remove=form.cleaned_data["remove"])
            except ValidationError as error:
                log.refresh_from_db()
                add_service_error(form, error)
            else:
                messages.success(request, _("已保存服务记录。"))
                return redirect("lawyers:advisor_home" if is_advisor(user) else "lawyers:servicelog_list")
    return render(request, "lawyers/servicelog_form.html", {
        "form": form, "log": log, "locked": locked, "can_edit": can_edit, "kind_buttons": kind_buttons(form),
        "attachments": log.attachments.all(),
    })


@advisors_required()
@require_POST
def servicelog_delete(request, pk):
    log = visible_log(request.user, pk)
    if not can_write(request.user, FUNCTION):
        raise PermissionDenied(_("您的角色只能查看服务记录，不能删除。"))
    try:
        services.service_log_delete(log=log, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lawyers:servicelog_update", pk=log.pk)
    messages.success(request, _("已删除%(day)s的服务记录。") % {"day": log.on.isoformat()})
    return redirect("lawyers:advisor_home" if is_advisor(request.user) else "lawyers:servicelog_list")


@advisors_required()
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), filename=attachment.name, as_attachment=not attachment.is_image)


# --- Offices' lists ---------------------------------------------------------------------------------------


SHOWN_FIELDS = ("on", "kind", "count", "resolved", "hours", "notes", "lawyer__name", "area__code", "area__name",
                "area__parent__name", "point__name")


def service_logs(user):
    return (ServiceLog.objects.visible_to(user).select_related("lawyer", "area__parent", "point")
            .annotate(attachment_count=attachment_counts()))


class ServiceLogListView(AdvisorsListView):
    model = ServiceLog
    table_class = ServiceLogTable
    filterset_class = ServiceLogFilterSet
    template_name = "lawyers/servicelog_list.html"
    export_name = "法律顾问服务记录"

    def get_queryset(self):
        # What the table, the phone's cards and the export show: the rest of the four related rows (a lawyer's
        # ID number, decrypted as it loads) is not read.
        return service_logs(self.request.user).only(*SHOWN_FIELDS)

    def counted_with_figures(self):
        """The page's count is the summary's entries added up: one GROUP BY over the filtered entries, not a count
        and then a GROUP BY."""
        self._kind_totals = kind_totals(self.object_list)
        return sum(entries for entries, _units in self._kind_totals.values())

    def get_table_kwargs(self):
        """Twelve columns do not fit a phone: below the md breakpoint the table is hidden (its pagination stays)
        and the page lists the same rows as cards (servicelog_list.html)."""
        return {**super().get_table_kwargs(), "attrs": {"class": "table table-hover align-middle d-none d-md-table"}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = month_summary(self.object_list, getattr(self, "_kind_totals", None))
        return context


def advisors_of(user):
    today = timezone.localdate()
    return visible_advisors(user).select_related("firm").annotate(
        posting_count=Count("postings", filter=Q(postings__start_on__lte=today, postings__end_on__gte=today),
                            distinct=True),
    )


class AdvisorListView(AdvisorsListView):
    table_class = AdvisorTable
    filterset_class = AdvisorFilterSet
    template_name = "lawyers/advisor_list.html"
    export_name = "社区法律顾问"

    def get_queryset(self):
        today = timezone.localdate()
        logs = ServiceLog.objects.visible_to(self.request.user)
        month = logs.in_month(today)
        # Entries counted with subqueries: joining logs and postings in one GROUP BY would multiply the rows.
        month_entries = (month.filter(lawyer=OuterRef("pk")).order_by().values("lawyer")
                         .annotate(n=Count("pk")).values("n"))
        last_entry = logs.filter(lawyer=OuterRef("pk")).order_by("-on").values("on")[:1]
        return advisors_of(self.request.user).annotate(
            month_entries=Coalesce(Subquery(month_entries, output_field=IntegerField()), 0),
            last_entry=Subquery(last_entry),
        )


@advisors_required()
def advisor_detail(request, pk):
    user = request.user
    lawyer = get_object_or_404(visible_advisors(user).select_related("firm", "user"), pk=pk)
    postings = Posting.objects.visible_to(user).filter(lawyer=lawyer).select_related("area__parent", "point",
                                                                                     "lawyer__firm")
    posting_table = PostingTable(postings, exclude=["lawyer", "firm"], prefix="p-", orderable=False)
    logs = service_logs(user).filter(lawyer=lawyer)
    log_filter = ServiceLogFilterSet(request.GET or None, queryset=logs, request=request)
    log_table = ServiceLogTable(log_filter.qs, exclude=["lawyer"], prefix="l-")
    RequestConfig(request, paginate={"per_page": 20}).configure(log_table)
    today = timezone.localdate()
    month = ServiceLog.objects.visible_to(user).filter(lawyer=lawyer).in_month(today)
    return render(request, "lawyers/advisor_detail.html", {
        "lawyer": lawyer, "posting_table": posting_table, "log_table": log_table, "filter": log_filter,
        "summary": month_summary(month), "today": today, "is_advisor": is_advisor(user),
        "results": AppraisalResult.objects.visible_to(user).filter(lawyer=lawyer).select_related("appraisal")[:12],
        "can_manage": can_manage_advisors(user),
        "account_form": AdvisorAccountForm(user=user, initial={"user": lawyer.user_id})
        if can_manage_advisors(user) else None,
    })


@advisors_required(manage=True)
@require_POST
def advisor_account(request, pk):
    lawyer = get_object_or_404(visible_advisors(request.user), pk=pk)
    form = AdvisorAccountForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.lawyer_link_account(lawyer=lawyer, user=form.cleaned_data["user"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已更新%(name)s的登录账号。") % {"name": lawyer})
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("lawyers:advisor_detail", pk=lawyer.pk)


# --- Postings ---------------------------------------------------------------------------------------------


class PostingListView(AdvisorsListView):
    table_class = PostingTable
    filterset_class = PostingFilterSet
    template_name = "lawyers/posting_list.html"
    export_name = "法律顾问派驻"

    def get_queryset(self):
        return Posting.objects.visible_to(self.request.user).select_related("lawyer__firm", "area__parent", "point")


@advisors_required(manage=True)
def posting_edit(request, pk=None):
    posting = get_object_or_404(Posting.objects.visible_to(request.user), pk=pk) if pk else None
    form = PostingForm(request.POST or None, instance=posting, user=request.user,
                       initial={"lawyer": request.GET.get("lawyer")} if not posting else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.posting_save(posting=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存%(lawyer)s派驻%(place)s（%(start)s至%(end)s）。") % {
                "lawyer": saved.lawyer, "place": saved.place, "start": saved.start_on.isoformat(),
                "end": saved.end_on.isoformat()})
            return redirect("lawyers:advisor_detail", pk=saved.lawyer_id)
    return render(request, "lawyers/posting_form.html", {"form": form, "posting": posting})


# --- Public legal service points --------------------------------------------------------------------------


def service_points(user):
    today = timezone.localdate()
    return ServicePoint.objects.visible_to(user).select_related("area").annotate(
        advisor_count=Count("postings__lawyer", filter=Q(postings__start_on__lte=today, postings__end_on__gte=today),
                            distinct=True))


class ServicePointListView(AdvisorsListView):
    table_class = ServicePointTable
    filterset_class = ServicePointFilterSet
    template_name = "lawyers/servicepoint_list.html"
    export_name = "公共法律服务站点"

    def get_queryset(self):
        return service_points(self.request.user)


@advisors_required()
def servicepoint_detail(request, pk):
    today = timezone.localdate()
    point = get_object_or_404(service_points(request.user).prefetch_related(
        Prefetch("postings", Posting.objects.active_on(today).select_related("lawyer__firm"), to_attr="current")),
        pk=pk)
    return render(request, "lawyers/servicepoint_detail.html", {
        "point": point, "can_manage": can_manage_advisors(request.user), "today": today})


@advisors_required(manage=True)
def servicepoint_edit(request, pk=None):
    point = get_object_or_404(ServicePoint.objects.visible_to(request.user), pk=pk) if pk else None
    form = ServicePointForm(request.POST or None, instance=point, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.point_save(point=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存公共法律服务站点“%(name)s”。") % {"name": saved})
            return redirect(saved)
    return render(request, "lawyers/servicepoint_form.html", {"form": form, "point": point})


# --- Monthly appraisal ------------------------------------------------------------------------------------


@access_required(APPRAISAL)
def appraisal_month(request, month=None):
    user = request.user
    districts = appraisal.appraisal_districts(user)
    district = appraisal.chosen_district(districts, request.GET.get("district"))
    if month:  # the address names the month: a month it is, or nothing here
        chosen = appraisal.parse_month(month, None)
        if chosen is None:
            raise Http404
    else:  # ?month= chooses, falling back on last month
        chosen = appraisal.parse_month(request.GET.get("month"), services.last_month())
    record = Appraisal.objects.filter(district=district, month=chosen).select_related("closed_by").first()
    weights = appraisal.weights_for(district)
    lines = appraisal.published(record) if record else appraisal.ranking(district, chosen, weights=weights)
    if request.GET.get("_export") == "xlsx":
        return ranking_workbook(district, chosen, lines, record)
    form = AppraisalCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_close(district=district, month=chosen, comment=form.cleaned_data["comment"],
                                     by=user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已完成%(y)d年%(m)d月的月评比，该月服务记录已锁定。") % {
                "y": chosen.year, "m": chosen.month})
            return redirect(f"{reverse('lawyers:appraisal', args=[chosen.strftime('%Y-%m')])}"
                            f"?district={district.code}")
    return render(request, "lawyers/appraisal.html", {
        "district": district, "districts": districts, "month": chosen, "record": record, "lines": lines,
        "kinds": [(kind.value, kind.label, KIND_RULES[kind].unit, weights[kind]) for kind in ServiceKind],
        "form": form, "can_close": can_appraise(user) and not record and chosen < timezone.localdate().replace(day=1),
        "can_appraise": can_appraise(user),
        "previous": (chosen - relativedelta(months=1)).strftime("%Y-%m"),
        "following": chosen + relativedelta(months=1),
    })


def ranking_workbook(district, month, lines, record):
    """The month's ranking as it stands (or as published), with the staff's comment (罗湖区社区法律顾问2026-03评比.xlsx)."""
    kinds = list(ServiceKind)
    title = _("%(district)s社区法律顾问%(y)d年%(m)d月评比") % {"district": district.name, "y": month.year,
                                                           "m": month.month}
    header = [_("名次"), _("法律顾问"), _("服务社区/站点"), _("得分"), _("服务记录数"), _("服务时长（小时）")]
    header += [f"{kind.label}（{KIND_RULES[kind].unit}）" for kind in kinds]
    book = excel.workbook()
    sheet = excel.sheet(
        book, _("月评比"), header,
        ([line.rank, line.name, "、".join(line.places), float(line.points), line.entries, float(line.hours)]
         + [line.kind_units(kind.value) for kind in kinds] for line in lines),
        caption=title + ("" if record else _("（未完成，实时排名）")), widths={"B": 12, "C": 24})
    if record and record.comment:
        sheet.append([])
        sheet.append([_("评比意见"), record.comment])
    return excel.download(book, f"{district.name}社区法律顾问{month:%Y-%m}评比")


@advisors_required(manage=True)
@access_required(APPRAISAL)
def appraisal_weights(request):
    user = request.user
    districts = appraisal.appraisal_districts(user)
    district = appraisal.chosen_district(districts, request.GET.get("district"))
    form = WeightsForm(request.POST or None, weights=appraisal.weights_for(district))
    if request.method == "POST" and form.is_valid():
        try:
            services.appraisal_weights_save(district=district, weights=form.weights(), by=user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存%(district)s的月评比分值，今后评比按新分值计算。") % {
                "district": district})
            return redirect(f"{reverse('lawyers:appraisal_weights')}?district={district.code}")
    return render(request, "lawyers/appraisal_weights.html", {
        "form": form, "district": district, "districts": districts, "can_appraise": can_appraise(user)})


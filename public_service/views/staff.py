"""The staff pages: the network's sites (detail, hours, duty roster), the day's bookings with attendance, the
online questions to answer (the advisor's entry too), and the legal classes. Every record starts from
`visible_to(user)` (404 outside the user's area); every write is a service of public_service.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, access_required, add_service_error, function_required
from bureau.actions import Action, run_action
from lawyers.models import Posting, ServicePoint

from .. import services
from ..apps import FUNCTION
from ..filters import BookingFilterSet, LegalClassFilterSet, QuestionFilterSet, SiteFilterSet
from ..forms import (
    AnswerForm,
    AttendanceForm,
    ConfirmForm,
    DutyForm,
    HoldForm,
    LegalClassForm,
    OpeningHoursFormSet,
    SiteForm,
)
from ..models import Booking, Duty, LegalClass, OpeningHours, Question, hours_text
from ..permissions import NETWORK_OFFICE, office_writes
from ..tables import BookingTable, LegalClassTable, QuestionTable, SiteTable

# --- Sites ------------------------------------------------------------------------------------------------------


def sites_of(user):
    return ServicePoint.objects.visible_to(user).select_related("area").annotate(
        advisors=Count("postings", filter=Q(postings__start_on__lte=timezone.localdate(),
                                            postings__end_on__gte=timezone.localdate()), distinct=True))


class SiteListView(AccessListView):
    access = NETWORK_OFFICE
    model = ServicePoint
    table_class = SiteTable
    filterset_class = SiteFilterSet
    template_name = "public_service/site_list.html"
    export_name = "公共法律服务站点"

    def get_queryset(self):
        return sites_of(self.request.user).order_by("area__code", "kind", "name")


def site_of(request, pk):
    return get_object_or_404(ServicePoint.objects.visible_to(request.user).select_related("area"), pk=pk)


@access_required(NETWORK_OFFICE)
def site_detail(request, pk):
    site = site_of(request, pk)
    today = timezone.localdate()
    hours = list(OpeningHours.objects.filter(point=site).order_by("weekday", "start"))
    return render(request, "public_service/site_detail.html", {
        "site": site, "hours": hours, "hours_text": hours_text(hours), "today": today,
        "duties": Duty.objects.filter(point=site, on__gte=today).select_related("lawyer").order_by("on")[:30],
        "postings": Posting.objects.filter(point=site).active_on(today).select_related("lawyer"),
        "bookings": Booking.objects.filter(point=site, on=today).select_related("slot").order_by("slot__starts_at"),
        "can_write": office_writes(request.user), "duty_form": DutyForm(point=site, initial={"on": today}),
    })


@access_required(NETWORK_OFFICE, write=True)
def site_edit(request, pk):
    site = site_of(request, pk)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(point=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存站点信息。"))
            return redirect("public_service:site_detail", pk=site.pk)
    return render(request, "public_service/form.html", {
        "form": form, "title": _("编辑站点：%(name)s") % {"name": site.name},
        "back": reverse("public_service:site_detail", args=[site.pk])})


@access_required(NETWORK_OFFICE, write=True)
def site_hours(request, pk):
    site = site_of(request, pk)
    initial = list(OpeningHours.objects.filter(point=site).order_by("weekday", "start").values(
        "weekday", "start", "end", "slot_minutes", "slot_limit"))
    formset = OpeningHoursFormSet(request.POST or None, initial=initial, prefix="hours")
    if request.method == "POST" and formset.is_valid():
        rows = [OpeningHours(**{k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
                for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        try:
            services.opening_hours_set(point=site, rows=rows, by=request.user)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("已保存开放时间。"))
            return redirect("public_service:site_detail", pk=site.pk)
    return render(request, "public_service/site_hours.html", {"site": site, "formset": formset})


@access_required(NETWORK_OFFICE, write=True)
def site_duty(request, pk):
    site = site_of(request, pk)
    form = DutyForm(request.POST or None, point=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_add(point=site, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已安排值班。"))
            return redirect("public_service:site_detail", pk=site.pk)
    return render(request, "public_service/form.html", {
        "form": form, "title": _("安排值班：%(name)s") % {"name": site.name},
        "back": reverse("public_service:site_detail", args=[site.pk])})


# --- Bookings ---------------------------------------------------------------------------------------------------


class BookingListView(AccessListView):
    access = NETWORK_OFFICE
    model = Booking
    table_class = BookingTable
    filterset_class = BookingFilterSet
    template_name = "public_service/booking_list.html"
    export_name = "线下预约"

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"on": timezone.localdate().isoformat()}  # the day's bookings unless asked otherwise
        return kwargs

    def get_queryset(self):
        return Booking.objects.visible_to(self.request.user).select_related("point", "slot").order_by(
            "on", "slot__starts_at", "id")


def booking_of(request, pk):
    return get_object_or_404(Booking.objects.visible_to(request.user).select_related("point", "slot",
                                                                                      "recorded_by"), pk=pk)


@access_required(NETWORK_OFFICE)
def booking_detail(request, pk):
    booking = booking_of(request, pk)
    return render(request, "public_service/booking_detail.html", {
        "booking": booking, "can_write": office_writes(request.user)})


def attend(booking, by, data):
    services.booking_attend(booking=booking, by=by, **data)
    return _("已登记到场。") if data["attended"] else _("已登记未到。")


BOOKING_ACTIONS = {"attend": Action(gettext_lazy("登记到场情况"), AttendanceForm, attend, icon="person-check")}


@access_required(NETWORK_OFFICE, write=True)
def booking_action(request, pk, action):
    booking = booking_of(request, pk)
    if action not in BOOKING_ACTIONS:
        raise Http404
    return run_action(request, booking, BOOKING_ACTIONS[action], title=booking.code, crumbs=[
        (reverse("public_service:booking_list"), _("线下预约")), (booking.get_absolute_url(), booking.code)])


# --- Questions ----------------------------------------------------------------------------------------------------


class QuestionListView(AccessListView):
    function = FUNCTION
    model = Question
    table_class = QuestionTable
    filterset_class = QuestionFilterSet
    template_name = "public_service/question_list.html"
    export_name = "线上法律咨询"

    def get_queryset(self):
        return Question.objects.visible_to(self.request.user).select_related("street", "lawyer").order_by(
            F("answered_at").desc(nulls_first=True), "due_on", "-asked_at")


@function_required(FUNCTION)
def question_detail(request, pk):
    question = get_object_or_404(Question.objects.visible_to(request.user).select_related(
        "street", "lawyer", "answered_by"), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(question=question, answer=form.cleaned_data["answer"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已答复。"))
            return redirect(question.get_absolute_url())
    return render(request, "public_service/question_detail.html", {
        "question": question, "form": form, "today": timezone.localdate(),
        "can_write": request.user.can_write(FUNCTION)})


# --- Classes -------------------------------------------------------------------------------------------------------


class LegalClassListView(AccessListView):
    access = NETWORK_OFFICE
    model = LegalClass
    table_class = LegalClassTable
    filterset_class = LegalClassFilterSet
    template_name = "public_service/class_list.html"
    export_name = "法律课堂"

    def get_queryset(self):
        return LegalClass.objects.visible_to(self.request.user).select_related("area").annotate(
            signed_up=Count("signups")).order_by("-starts_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(office_writes=office_writes(self.request.user), **kwargs)


@access_required(NETWORK_OFFICE, write=True)
def class_create(request):
    form = LegalClassForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            legal_class = services.class_create(legal_class=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已发布“%(title)s”。") % {"title": legal_class.title})
            return redirect(legal_class.get_absolute_url())
    return render(request, "public_service/form.html", {
        "form": form, "title": _("发布法律课堂或活动"), "back": reverse("public_service:class_list")})


def class_of(request, pk):
    return get_object_or_404(LegalClass.objects.visible_to(request.user).select_related("area", "point"), pk=pk)


@access_required(NETWORK_OFFICE)
def class_detail(request, pk):
    legal_class = class_of(request, pk)
    return render(request, "public_service/class_detail.html", {
        "legal_class": legal_class, "signups": legal_class.signups.order_by("created_at"),
        "can_write": office_writes(request.user)})


def hold(legal_class, by, data):
    services.class_hold(legal_class=legal_class, by=by, **data)
    return _("已登记举办情况。")


def cancel(legal_class, by, data):
    services.class_cancel(legal_class=legal_class, by=by)
    return _("已取消。")


CLASS_ACTIONS = {
    "hold": Action(gettext_lazy("登记举办"), HoldForm, hold, icon="check2-circle"),
    "cancel": Action(gettext_lazy("取消活动"), ConfirmForm, cancel, icon="x-circle", danger=True),
}


@access_required(NETWORK_OFFICE, write=True)
def class_action(request, pk, action):
    legal_class = class_of(request, pk)
    if action not in CLASS_ACTIONS:
        raise Http404
    return run_action(request, legal_class, CLASS_ACTIONS[action], title=legal_class.title, crumbs=[
        (reverse("public_service:class_list"), _("法律课堂")), (legal_class.get_absolute_url(), legal_class.title)])


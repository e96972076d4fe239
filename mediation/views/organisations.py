"""The offices' registers: mediation organisations, their mediators and the mediators' trainings, with
their actions (备案, 终端, 撤销, 离任). Every record starts from `visible_to(user)`; every write is a service of
mediation.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, access_required, add_service_error, function_required
from bureau.actions import Action, run_action

from .. import services
from ..apps import FUNCTION
from ..filters import MediatorFilterSet, OrganisationFilterSet, TrainingFilterSet
from ..forms import (
    MediatorForm,
    MediatorLeaveForm,
    OrganisationCloseForm,
    OrganisationDevicesForm,
    OrganisationFileForm,
    OrganisationForm,
    TrainingForm,
)
from ..models import Case, Mediator, Organisation, Training
from ..permissions import MEDIATORS_OFFICE, ORGANISATIONS_OFFICE, TRAININGS_OFFICE, office_writes
from ..tables import MediatorTable, OrganisationTable, TrainingTable

# --- Organisations ----------------------------------------------------------------------------------------


class OrganisationListView(AccessListView):
    function = FUNCTION
    model = Organisation
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    template_name = "mediation/organisation_list.html"
    export_name = "人民调解组织"

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).select_related("area")

    def get_context_data(self, **kwargs):
        return super().get_context_data(office_writes=office_writes(self.request.user), **kwargs)


def organisation_of(request, pk):
    return get_object_or_404(Organisation.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION)
def organisation_detail(request, pk):
    organisation = organisation_of(request, pk)
    today = timezone.localdate()
    cases = Case.objects.visible_to(request.user).filter(organisation=organisation)
    return render(request, "mediation/organisation_detail.html", {
        "organisation": organisation, "today": today, "office_writes": office_writes(request.user),
        "mediators": organisation.mediators.select_related("lawyer").order_by("to_on", "name"),
        "counts": cases.aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=["accepted", "mediating"])),
                                  successful=Count("pk", filter=Q(status="concluded", outcome="success"))),
        "recent": cases.select_related("mediator").order_by("-accepted_on", "-id")[:10],
    })


@function_required(FUNCTION, write=True)
@access_required(ORGANISATIONS_OFFICE)
def organisation_create(request):
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(organisation=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记调解组织“%(name)s”。") % {"name": organisation.name})
            return redirect(organisation.get_absolute_url())
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记调解组织"), "back": reverse("mediation:organisation_list"),
        "back_label": _("人民调解组织")})


def file_(organisation, by, data):
    services.organisation_file(organisation=organisation, filed_on=data["on"], filing_number=data["filing_number"],
                               by=by)
    return _("已备案。")


def devices(organisation, by, data):
    services.organisation_devices_install(organisation=organisation, count=data["count"], on=data["on"], by=by)
    return _("已登记在线司法确认终端。")


def close(organisation, by, data):
    services.organisation_close(organisation=organisation, on=data["on"], by=by)
    return _("已登记撤销。")


ORGANISATION_ACTIONS = {
    "file": Action(gettext_lazy("登记备案"), OrganisationFileForm, file_, icon="journal-check"),
    "devices": Action(gettext_lazy("在线司法确认终端"), OrganisationDevicesForm, devices, icon="pc-display"),
    "close": Action(gettext_lazy("登记撤销"), OrganisationCloseForm, close, icon="x-circle", danger=True),
}


def organisation_refusal(organisation, action):
    """Why the organisation's state does not admit `action` now (the services' own words), or None."""
    if action == "file" and organisation.is_filed:
        return _("该调解组织已于%(date)s备案。") % {"date": organisation.filed_on}
    if action == "close" and organisation.closed_on:
        return _("该调解组织已于%(date)s撤销。") % {"date": organisation.closed_on}
    return None


@function_required(FUNCTION, write=True)
def organisation_action(request, pk, action):
    if action not in ORGANISATION_ACTIONS:
        raise Http404
    organisation = organisation_of(request, pk)
    ORGANISATIONS_OFFICE.check(request.user)  # after the 404: a mediator learns nothing of other committees
    refused = organisation_refusal(organisation, action)
    crumbs = [(reverse("mediation:organisation_list"), _("人民调解组织")), (organisation.get_absolute_url(),
                                                                          organisation.name)]
    return run_action(request, organisation, ORGANISATION_ACTIONS[action], title=organisation.name, crumbs=crumbs,
                      form_kwargs={"organisation": organisation}, refused=refused)


# --- Mediators --------------------------------------------------------------------------------------------


class MediatorListView(AccessListView):
    function = FUNCTION
    model = Mediator
    table_class = MediatorTable
    filterset_class = MediatorFilterSet
    template_name = "mediation/mediator_list.html"
    export_name = "人民调解员"

    def get_queryset(self):
        return Mediator.objects.visible_to(self.request.user).select_related("organisation", "lawyer")

    def get_context_data(self, **kwargs):
        return super().get_context_data(office_writes=office_writes(self.request.user), **kwargs)


def mediator_of(request, pk):
    return get_object_or_404(Mediator.objects.visible_to(request.user).select_related("organisation", "lawyer",
                                                                                      "user"), pk=pk)


@function_required(FUNCTION)
def mediator_detail(request, pk):
    mediator = mediator_of(request, pk)
    cases = Case.objects.visible_to(request.user).filter(mediator=mediator)
    writes = office_writes(request.user)
    return render(request, "mediation/mediator_detail.html", {
        "mediator": mediator, "today": timezone.localdate(), "office_writes": writes,
        "actions": [("leave", MEDIATOR_ACTIONS["leave"])] if writes and not mediator.to_on else [],
        "counts": cases.aggregate(total=Count("pk"), open=Count("pk", filter=Q(status__in=["accepted", "mediating"])),
                                  successful=Count("pk", filter=Q(status="concluded", outcome="success"))),
        "recent": cases.order_by("-accepted_on", "-id")[:10],
    })


@function_required(FUNCTION, write=True)
@access_required(MEDIATORS_OFFICE)
def mediator_create(request):
    initial = {"organisation": request.GET["organisation"]} if request.GET.get("organisation", "").isdigit() else {}
    form = MediatorForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mediator = services.mediator_appoint(mediator=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记调解员“%(name)s”。") % {"name": mediator.name})
            return redirect(mediator)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记调解员"), "back": reverse("mediation:mediator_list"),
        "back_label": _("人民调解员")})


def leave(mediator, by, data):
    services.mediator_leave(mediator=mediator, on=data["on"], by=by)
    return _("已登记离任。")


MEDIATOR_ACTIONS = {
    "leave": Action(gettext_lazy("登记离任"), MediatorLeaveForm, leave, icon="person-dash", danger=True),
}


@function_required(FUNCTION, write=True)
def mediator_action(request, pk, action):
    if action not in MEDIATOR_ACTIONS:
        raise Http404
    mediator = mediator_of(request, pk)
    MEDIATORS_OFFICE.check(request.user)  # after the 404: a mediator learns nothing of other committees
    refused = _("该调解员已于%(date)s离任。") % {"date": mediator.to_on} if mediator.to_on else None
    crumbs = [(reverse("mediation:mediator_list"), _("人民调解员")), (mediator.get_absolute_url(), mediator.name)]
    return run_action(request, mediator, MEDIATOR_ACTIONS[action], title=mediator.name, crumbs=crumbs,
                      form_kwargs={"mediator": mediator}, refused=refused)


# --- Trainings --------------------------------------------------------------------------------------------

class TrainingListView(AccessListView):
    function = FUNCTION
    model = Training
    table_class = TrainingTable
    filterset_class = TrainingFilterSet
    template_name = "mediation/training_list.html"
    export_name = "调解员培训"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            TRAININGS_OFFICE.check(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (Training.objects.visible_to(self.request.user).select_related("area")
                .annotate(person_times=F("attendees") + F("stream_viewers")))

    def get_context_data(self, **kwargs):
        totals = self.object_list.aggregate(trainings=Count("pk"), person_times_total=Sum("person_times"))
        return super().get_context_data(totals=totals, office_writes=office_writes(self.request.user), **kwargs)


@function_required(FUNCTION)
@access_required(TRAININGS_OFFICE)
def training_detail(request, pk):
    training = get_object_or_404(Training.objects.visible_to(request.user).select_related("area"), pk=pk)
    return render(request, "mediation/training_detail.html", {"training": training})


@function_required(FUNCTION, write=True)
@access_required(TRAININGS_OFFICE)
def training_create(request):
    form = TrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_record(training=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记培训“%(title)s”，共 %(n)d 人次。") % {
                "title": training.title, "n": training.attendance})
            return redirect("mediation:training_detail", training.pk)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记调解员培训"), "back": reverse("mediation:training_list"),
        "back_label": _("调解员培训")})

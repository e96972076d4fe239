"""People's mediation pages: the offices' lists of cases, organisations and mediators, the case page with its
steps as actions, and the mediator's own phone-first workspace. Every list and record starts from
`visible_to(user)` (a mediator: their own committee's), so anything outside it is a 404; every write is a
service of mediation.services."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, access_required, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.forms import identifiers_confirmed
from bureau.models import Reminder
from bureau.permissions import can_write
from bureau.templatetags.bureau_tags import days_left_text

from . import services
from .apps import FUNCTION
from .filters import CaseFilterSet, MediatorFilterSet, OrganisationFilterSet
from .forms import (
    ActionForm,
    CaseForm,
    ConcludeForm,
    ConfirmationApplyForm,
    ConfirmationRulingForm,
    EscalationFlagForm,
    EscalationOutcomeForm,
    ExtendForm,
    MediatorForm,
    OrganisationDevicesForm,
    OrganisationFileForm,
    OrganisationForm,
    PartyFormSet,
    PerformanceForm,
    parties_from,
)
from .models import CONFIRMATION_DAYS, Case, Extension, Mediator, Organisation, Status
from .permissions import MEDIATORS_OFFICE, ORGANISATIONS_OFFICE, WORKSPACE, office_writes
from .tables import CaseTable, MediatorTable, OrganisationTable

# --- Cases ------------------------------------------------------------------------------------------------


class CaseListView(AccessListView):
    function = FUNCTION
    model = Case
    table_class = CaseTable
    filterset_class = CaseFilterSet
    template_name = "mediation/case_list.html"
    export_name = "人民调解案件"

    def get_queryset(self):
        return (Case.objects.visible_to(self.request.user).select_related("organisation", "mediator")
                .prefetch_related("parties"))


def case_timeline(case):
    """The steps of a case as [(date, label, detail)], in order."""
    steps = [(case.accepted_on, _("受理"), case.get_source_display())]
    if case.mediation_started_on:
        steps.append((case.mediation_started_on, _("开始调解"), ""))
    for extension in case.extensions.all():
        steps.append((extension.agreed_on, _("延长调解期限至%(d)s") % {"d": extension.extended_to.isoformat()},
                      extension.note))
    if case.escalation_flagged_on:
        steps.append((case.escalation_flagged_on, _("发现激化风险"), case.escalation_measures))
    if case.concluded_on:
        steps.append((case.concluded_on, case.get_outcome_display(),
                      case.get_agreement_form_display() if case.outcome == "success" else case.failure_reason))
    if case.agreement_signed_on:
        steps.append((case.agreement_signed_on, _("签订书面调解协议"), ""))
    if case.performed_on:
        steps.append((case.performed_on, _("履行情况"), case.get_performance_display()))
    if case.confirmation_applied_on:
        steps.append((case.confirmation_applied_on, _("申请司法确认"), case.confirmation_court))
    if case.confirmation_ruled_on:
        steps.append((case.confirmation_ruled_on, _("司法确认裁定"), case.get_confirmation_result_display()))
    return sorted(steps, key=lambda step: step[0])


def case_actions(case):
    """The steps the case admits now, in the services' rules (the services refuse anything else)."""
    names = []
    if case.status == Status.ACCEPTED:
        names.append("start")
    if case.is_open:
        names += ["extend", "conclude"]
    if case.is_successful:
        if case.performance in ("", "pending"):
            names.append("performance")
        if case.has_written_agreement and not case.confirmation_applied_on:
            names.append("confirmation_apply")
        if case.confirmation_applied_on and not case.confirmation_result:
            names.append("confirmation_ruling")
    if not case.escalation_risk:
        names.append("escalation_flag")
    elif case.escalation_prevented is None:
        names.append("escalation_outcome")
    return names


def case_of(request, pk):
    return get_object_or_404(
        Case.objects.visible_to(request.user).select_related("organisation", "area", "mediator", "created_by")
        .prefetch_related("parties", "co_mediators", Prefetch("extensions", Extension.objects.select_related("by"))),
        pk=pk,
    )


@function_required(FUNCTION)
def case_detail(request, pk):
    case = case_of(request, pk)
    today = timezone.localdate()
    writes = can_write(request.user, FUNCTION)
    due = case.concluded_due_on if case.is_open else None
    confirmation_due = case.confirmation_due_on
    return render(request, "mediation/case_detail.html", {
        "case": case, "today": today, "can_write": writes, "timeline": case_timeline(case),
        "actions": [(name, CASE_ACTIONS[name]) for name in case_actions(case)] if writes else [],
        "due": due, "due_text": days_left_text(due, today) if due else "", "overdue": bool(due and due < today),
        "confirmation_due": confirmation_due,
        "confirmation_open": case.confirmation_open(today),
        "confirmation_text": days_left_text(confirmation_due, today) if confirmation_due else "",
    })


@function_required(FUNCTION, write=True)
def case_create(request):
    form = CaseForm(request.POST or None, user=request.user)
    formset = PartyFormSet(request.POST or None, prefix="parties")
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        try:
            case = services.case_accept(
                case=form.save(commit=False), parties=parties_from(formset), by=request.user,
                co_mediators=list(form.cleaned_data.get("co_mediators") or []),
                id_number_confirmed=identifiers_confirmed(form, formset),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记调解案件 %(number)s，调解期限至 %(due)s。") % {
                "number": case.number, "due": case.concluded_due_on.isoformat()})
            return redirect(case)
    return render(request, "mediation/case_form.html", {"form": form, "formset": formset})


def start(case, by, data):
    services.case_start(case=case, by=by, on=data["on"])
    return _("已开始调解。")


def extend(case, by, data):
    services.case_extend(case=case, agreed_on=data["on"], extended_to=data["extended_to"], note=data["note"], by=by)
    return _("调解期限已延长至 %(due)s。") % {"due": data["extended_to"].isoformat()}


def conclude(case, by, data):
    services.case_conclude(case=case, outcome=data["outcome"], by=by, on=data["on"],
                           failure_reason=data["failure_reason"], agreement_form=data["agreement_form"],
                           agreement_signed_on=data["agreement_signed_on"],
                           agreement_content=data["agreement_content"])
    if case.confirmation_due_on:
        return _("调解结束：%(outcome)s。请告知当事人可在 %(due)s 前申请司法确认。") % {
            "outcome": case.get_outcome_display(), "due": case.confirmation_due_on.isoformat()}
    return _("调解结束：%(outcome)s。") % {"outcome": case.get_outcome_display()}


def performance(case, by, data):
    services.case_record_performance(case=case, performance=data["performance"], by=by, on=data["on"])
    return _("已登记履行情况。")


def confirmation_apply(case, by, data):
    services.case_apply_confirmation(case=case, applied_on=data["on"], online=data["online"], court=data["court"],
                                     by=by)
    return _("已登记申请司法确认。")


def confirmation_ruling(case, by, data):
    services.case_record_confirmation_ruling(case=case, ruled_on=data["on"], result=data["result"], by=by)
    return _("已登记司法确认结果。")


def escalation_flag(case, by, data):
    services.case_flag_escalation(case=case, on=data["on"], measures=data["measures"], by=by)
    return _("已标记激化风险。")


def escalation_outcome(case, by, data):
    services.case_record_escalation_outcome(case=case, prevented=data["prevented"], by=by)
    return _("已登记防止激化结果。")


CASE_ACTIONS = {
    "start": Action(gettext_lazy("开始调解"), ActionForm, start, icon="play-circle"),
    "extend": Action(gettext_lazy("延长期限"), ExtendForm, extend, icon="calendar-plus"),
    "conclude": Action(gettext_lazy("结束调解"), ConcludeForm, conclude, icon="check2-circle"),
    "performance": Action(gettext_lazy("登记履行情况"), PerformanceForm, performance, icon="clipboard-check"),
    "confirmation_apply": Action(gettext_lazy("申请司法确认"), ConfirmationApplyForm, confirmation_apply,
                                 icon="bank"),
    "confirmation_ruling": Action(gettext_lazy("司法确认结果"), ConfirmationRulingForm, confirmation_ruling,
                                  icon="bank"),
    "escalation_flag": Action(gettext_lazy("标记激化风险"), EscalationFlagForm, escalation_flag,
                              icon="exclamation-triangle", danger=True),
    "escalation_outcome": Action(gettext_lazy("防止激化结果"), EscalationOutcomeForm, escalation_outcome,
                                 icon="shield-check"),
}


@function_required(FUNCTION, write=True)
def case_action(request, pk, action):
    if action not in CASE_ACTIONS:
        raise Http404
    case = case_of(request, pk)
    refused = None if action in case_actions(case) else services.move_refused(case, CASE_ACTIONS[action].label)
    crumbs = [(reverse("mediation:case_list"), _("人民调解案件")), (case.get_absolute_url(), case.number)]
    return run_action(request, case, CASE_ACTIONS[action], title=case.number, crumbs=crumbs,
                      form_kwargs={"case": case}, refused=refused)


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


ORGANISATION_ACTIONS = {
    "file": Action(gettext_lazy("登记备案"), OrganisationFileForm, file_, icon="journal-check"),
    "devices": Action(gettext_lazy("在线司法确认终端"), OrganisationDevicesForm, devices, icon="pc-display"),
}


@function_required(FUNCTION, write=True)
def organisation_action(request, pk, action):
    if action not in ORGANISATION_ACTIONS:
        raise Http404
    organisation = organisation_of(request, pk)
    ORGANISATIONS_OFFICE.check(request.user)  # after the 404: a mediator learns nothing of other committees
    refused = _("该调解组织已于%(date)s备案。") % {"date": organisation.filed_on} if (
        action == "file" and organisation.is_filed) else None
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


@function_required(FUNCTION)
def mediator_detail(request, pk):
    mediator = get_object_or_404(Mediator.objects.visible_to(request.user).select_related("organisation", "lawyer",
                                                                                          "user"), pk=pk)
    cases = Case.objects.visible_to(request.user).filter(mediator=mediator)
    return render(request, "mediation/mediator_detail.html", {
        "mediator": mediator, "today": timezone.localdate(),
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


# --- The mediator's workspace -----------------------------------------------------------------------------


@function_required(FUNCTION)
def mediator_home(request):
    """我的工作台: the committee(s) served, the big button to register a case, the open cases with their
    deadlines, and the to-dos (a month's deadline, the 司法确认 window)."""
    user = request.user
    WORKSPACE.check(user)
    today = timezone.localdate()
    serving = list(Mediator.objects.filter(user=user).active_on(today).select_related("organisation"))
    cases = Case.objects.visible_to(user)
    open_cases = list(cases.open().select_related("mediator").prefetch_related("parties").order_by("accepted_on", "id"))
    for case in open_cases:
        case.due = case.concluded_due_on
        case.due_text = days_left_text(case.due, today)
        case.overdue = case.due < today
    open_cases.sort(key=lambda case: case.due)
    windows = list(cases.in_confirmation_window().filter(agreement_signed_on__gte=today - timedelta(days=CONFIRMATION_DAYS))
                   .order_by("agreement_signed_on"))
    for case in windows:
        case.due_text = days_left_text(case.confirmation_due_on, today)
    return render(request, "mediation/mediator_home.html", {
        "today": today, "serving": serving, "open_cases": open_cases, "windows": windows,
        "todos": Reminder.objects.inbox(user).open().order_by("due_on", "id")[:8],
        "month_concluded": cases.filter(concluded_on__year=today.year, concluded_on__month=today.month).count(),
    })

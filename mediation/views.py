"""People's mediation pages: the offices' lists of cases, organisations, mediators and trainings, the screening
rounds with the disputes they found, the case page with its steps as actions, and the mediator's own
phone-first workspace. Every list and record starts from `visible_to(user)` (a mediator: their own committee's),
so anything outside it is a 404; every write is a service of mediation.services."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, Sum
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
from bureau.permissions import Access, can_write
from bureau.templatetags.bureau_tags import days_left_text

from . import services
from .apps import FUNCTION
from .filters import (
    CaseFilterSet,
    FoundDisputeFilterSet,
    MediatorFilterSet,
    OrganisationFilterSet,
    ScreeningRoundFilterSet,
    TrainingFilterSet,
)
from .forms import (
    ActionForm,
    CaseForm,
    ConcludeForm,
    ConfirmationApplyForm,
    ConfirmationRulingForm,
    EscalationFlagForm,
    EscalationOutcomeForm,
    ExtendForm,
    FoundDisputeForm,
    MediatorForm,
    MediatorLeaveForm,
    OrganisationCloseForm,
    OrganisationDevicesForm,
    OrganisationFileForm,
    OrganisationForm,
    PartyFormSet,
    PerformanceForm,
    ScreeningRoundForm,
    TrainingForm,
    parties_from,
)
from .models import (
    CONFIRMATION_DAYS,
    Case,
    Extension,
    FoundDispute,
    Mediator,
    Organisation,
    RiskLevel,
    ScreeningRound,
    Status,
    Training,
)
from .permissions import MEDIATORS_OFFICE, ORGANISATIONS_OFFICE, WORKSPACE, is_mediator, office_writes
from .tables import (
    CaseTable,
    FoundDisputeTable,
    MediatorTable,
    OrganisationTable,
    ScreeningRoundTable,
    TrainingTable,
)

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
        Case.objects.visible_to(request.user).select_related("organisation", "area", "mediator", "created_by",
                                                             "found_dispute__round")
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


def found_dispute_of(request):
    """The dispute found by screening that the case comes from (`?found_dispute=`), if any: one the user sees."""
    pk = request.GET.get("found_dispute", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(FoundDispute.objects.visible_to(request.user)
                             .select_related("round__organisation", "area__parent", "case"), pk=pk)


@function_required(FUNCTION, write=True)
def case_create(request):
    """受理: a new case, or (`?found_dispute=`) a dispute found by screening taken up as a case and linked to it."""
    dispute = found_dispute_of(request)
    if dispute is not None and dispute.case_id and request.method != "POST":
        messages.info(request, _("该纠纷已转为调解案件%(n)s。") % {"n": dispute.case.number})
        return redirect(dispute.case)
    form = CaseForm(request.POST or None, user=request.user)
    formset = PartyFormSet(request.POST or None, prefix="parties")
    if dispute is not None and request.method != "POST":
        form.start_from(dispute, form.fields["organisation"].queryset)
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        try:
            case = services.case_accept(
                case=form.save(commit=False), parties=parties_from(formset), by=request.user,
                co_mediators=list(form.cleaned_data.get("co_mediators") or []), found_dispute=dispute,
                id_number_confirmed=identifiers_confirmed(form, formset),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记调解案件 %(number)s，调解期限至 %(due)s。") % {
                "number": case.number, "due": case.concluded_due_on.isoformat()})
            return redirect(case)
    return render(request, "mediation/case_form.html", {"form": form, "formset": formset, "dispute": dispute})


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

# Trainings are the offices' records: a mediator attends them and keeps none (TrainingQuerySet.visible_to).
# Checked beside the function's own access. (Its place is mediation/permissions.py, with the other two.)
TRAININGS_OFFICE = Access(lambda user: not is_mediator(user), lambda user: not is_mediator(user),
                          gettext_lazy("调解员培训由人民调解科和司法所登记。"),
                          gettext_lazy("调解员培训由人民调解科和司法所登记。"))


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


# --- Screening (矛盾纠纷排查) ------------------------------------------------------------------------------


class ScreeningRoundListView(AccessListView):
    function = FUNCTION
    model = ScreeningRound
    table_class = ScreeningRoundTable
    filterset_class = ScreeningRoundFilterSet
    template_name = "mediation/screening_round_list.html"
    export_name = "矛盾纠纷排查"

    def get_queryset(self):
        return (ScreeningRound.objects.visible_to(self.request.user).select_related("area", "organisation")
                .annotate(disputes_found=Count("disputes"),
                          high_risk=Count("disputes", filter=Q(disputes__risk_level=RiskLevel.HIGH))))


def screening_round_of(request, pk):
    return get_object_or_404(ScreeningRound.objects.visible_to(request.user)
                             .select_related("area", "organisation", "created_by"), pk=pk)


@function_required(FUNCTION)
def screening_round_detail(request, pk):
    """The round and the disputes it found, each with its risk and its case (or the button to accept one)."""
    screening = screening_round_of(request, pk)
    writes = can_write(request.user, FUNCTION)
    disputes = FoundDispute.objects.visible_to(request.user).filter(round=screening).select_related("area", "case")
    table = FoundDisputeTable(disputes, can_convert=writes, exclude=["round"], orderable=False)
    return render(request, "mediation/screening_round_detail.html", {
        "round": screening, "table": table, "can_write": writes,
        "counts": disputes.aggregate(total=Count("pk"), high=Count("pk", filter=Q(risk_level=RiskLevel.HIGH)),
                                     cases=Count("pk", filter=Q(case__isnull=False))),
    })


@function_required(FUNCTION, write=True)
def screening_round_create(request):
    """A round of screening: an office's in its area, a mediator's by their own organisation."""
    form = ScreeningRoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.screening_round_record(round=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记矛盾纠纷排查。请登记排查发现的纠纷。"))
            return redirect("mediation:screening_round_detail", screening.pk)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记矛盾纠纷排查"), "back": reverse("mediation:screening_round_list"),
        "back_label": _("矛盾纠纷排查")})


@function_required(FUNCTION, write=True)
def found_dispute_create(request, pk):
    """登记排查发现的纠纷, on a round of screening the user sees."""
    screening = screening_round_of(request, pk)
    form = FoundDisputeForm(request.POST or None, instance=FoundDispute(round=screening))
    back = reverse("mediation:screening_round_detail", args=[screening.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_record(dispute=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记排查发现的纠纷。"))
            return redirect(back)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记排查发现的纠纷"), "back": back, "back_label": str(screening)})


class FoundDisputeListView(AccessListView):
    function = FUNCTION
    model = FoundDispute
    table_class = FoundDisputeTable
    filterset_class = FoundDisputeFilterSet
    template_name = "mediation/found_dispute_list.html"
    export_name = "排查发现的纠纷"

    def get_queryset(self):
        return FoundDispute.objects.visible_to(self.request.user).select_related("area", "round", "case")

    def get_table_kwargs(self):
        return {"can_convert": can_write(self.request.user, FUNCTION)}


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

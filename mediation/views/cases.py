"""People's mediation cases: the list, the page with its steps as actions, accepting one (also from a
dispute found by screening), and the mediator's own phone-first workspace. Every record starts from
`visible_to(user)` (a mediator: their own committee's), so anything outside it is a 404; every write is a
service of mediation.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.forms import identifiers_confirmed
from bureau.models import Reminder
from bureau.permissions import can_write
from bureau.templatetags.bureau_tags import days_left_text

from .. import services
from ..apps import FUNCTION
from ..filters import CaseFilterSet
from ..forms import (
    ActionForm,
    CaseForm,
    ConcludeForm,
    ConfirmationApplyForm,
    ConfirmationRulingForm,
    EscalationFlagForm,
    EscalationOutcomeForm,
    ExtendForm,
    PartyFormSet,
    PerformanceForm,
    parties_from,
)
from ..models import Case, Extension, FoundDispute, Mediator, Status
from ..permissions import WORKSPACE
from ..tables import CaseTable

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
    windows = list(cases.in_confirmation_window(today).order_by("agreement_signed_on"))
    for case in windows:
        case.due_text = days_left_text(case.confirmation_due_on, today)
    return render(request, "mediation/mediator_home.html", {
        "today": today, "serving": serving, "open_cases": open_cases, "windows": windows,
        "todos": Reminder.objects.inbox(user).open().order_by("due_on", "id")[:8],
        "month_concluded": cases.filter(concluded_on__year=today.year, concluded_on__month=today.month).count(),
    })

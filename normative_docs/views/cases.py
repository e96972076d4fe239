"""The reconsideration ledger (行政复议) and the litigation ledger (行政应诉): lists, registering, the page of
one case with its clocks, and its steps as actions (accept, refuse, extend, decide; hearings, conclusion). A
unit user reads the cases against their own unit; every write is the 法制科's, through normative_docs.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.templatetags.bureau_tags import days_left_text

from .. import services
from ..apps import FUNCTION
from ..filters import LitigationFilterSet, ReconsiderationFilterSet
from ..forms import (
    AcceptForm,
    ConcludeForm,
    DecideForm,
    ExtendForm,
    HearingForm,
    LitigationForm,
    ReconsiderationForm,
    RefuseForm,
)
from ..models import Hearing, Litigation, Reconsideration, ReconsiderationStatus
from ..permissions import section_writes
from ..tables import LitigationTable, ReconsiderationTable

NOT_A_UNIT_S = gettext_lazy("起草承办单位只能报送和修改本单位的送审文件，审查、印发、备案和复议应诉由法制科办理。")


def refusal(allowed, user, status_display, label):
    if allowed:
        return None
    if not section_writes(user):
        return str(NOT_A_UNIT_S)
    return _("当前状态为“%(current)s”，不能“%(action)s”。") % {"current": status_display, "action": label}


def create_page(request, form, service, field, success, title, back_name):
    """A registering form: the service writes, or its refusal is shown on the form."""
    if not section_writes(request.user):
        raise PermissionDenied(NOT_A_UNIT_S)
    if request.method == "POST" and form.is_valid():
        try:
            record = service(**{field: form.save(commit=False)}, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, success(record))
            return redirect(record)
    return render(request, "normative_docs/form.html", {
        "form": form, "title": title, "back": reverse(back_name), "back_label": title})


# --- Reconsideration --------------------------------------------------------------------------------------


class ReconsiderationListView(AccessListView):
    function = FUNCTION
    model = Reconsideration
    table_class = ReconsiderationTable
    filterset_class = ReconsiderationFilterSet
    template_name = "normative_docs/reconsideration_list.html"
    export_name = "行政复议案件"

    def get_queryset(self):
        return Reconsideration.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section_writes=section_writes(self.request.user), **kwargs)


def reconsideration_of(request, pk):
    return get_object_or_404(Reconsideration.objects.visible_to(request.user)
                             .select_related("area", "respondent_unit", "created_by"), pk=pk)


def reconsideration_actions(case, user):
    if not section_writes(user):
        return []
    if case.status == ReconsiderationStatus.RECEIVED:
        return ["accept", "refuse"]
    if case.status == ReconsiderationStatus.ACCEPTED:
        return ["decide"] if case.is_extended else ["extend", "decide"]
    return []


@function_required(FUNCTION)
def reconsideration_detail(request, pk):
    case = reconsideration_of(request, pk)
    today = timezone.localdate()
    due, what = None, ""
    if case.status == ReconsiderationStatus.RECEIVED:
        due, what = case.acceptance_due_on, _("受理审查期限")
    elif case.status == ReconsiderationStatus.ACCEPTED:
        due, what = case.decision_due_on, _("行政复议决定期限")
    return render(request, "normative_docs/reconsideration_detail.html", {
        "case": case, "today": today, "due": due, "due_what": what,
        "due_text": days_left_text(due, today) if due else "", "overdue": bool(due and due < today),
        "actions": [(name, RECONSIDERATION_ACTIONS[name]) for name in reconsideration_actions(case, request.user)],
    })


@function_required(FUNCTION, write=True)
def reconsideration_create(request):
    form = ReconsiderationForm(request.POST or None, user=request.user)
    return create_page(
        request, form, services.reconsideration_receive, "case",
        lambda case: _("已登记行政复议申请 %(n)s，受理审查期限至 %(due)s。") % {
            "n": case.number, "due": case.acceptance_due_on.isoformat()},
        _("登记行政复议申请"), "normative_docs:reconsideration_list")


def accept(case, by, data):
    services.reconsideration_accept(case=case, on=data["on"], simple_procedure=data["simple_procedure"], by=by)
    return _("已受理，行政复议决定期限至 %(due)s。") % {"due": case.decision_due_on.isoformat()}


def refuse(case, by, data):
    services.reconsideration_refuse(case=case, on=data["on"], reason=data["reason"], by=by)
    return _("已登记不予受理。")


def extend(case, by, data):
    services.reconsideration_extend(case=case, on=data["on"], reason=data["reason"], by=by)
    return _("已延期，行政复议决定期限至 %(due)s。") % {"due": case.decision_due_on.isoformat()}


def decide(case, by, data):
    services.reconsideration_decide(case=case, on=data["on"], decision=data["decision"], by=by)
    return _("已审结：%(d)s。") % {"d": case.get_decision_display()}


RECONSIDERATION_ACTIONS = {
    "accept": Action(gettext_lazy("受理"), AcceptForm, accept, icon="check2-circle"),
    "refuse": Action(gettext_lazy("不予受理"), RefuseForm, refuse, icon="x-circle", danger=True),
    "extend": Action(gettext_lazy("延期"), ExtendForm, extend, icon="calendar-plus"),
    "decide": Action(gettext_lazy("审结"), DecideForm, decide, icon="hammer"),
}


@function_required(FUNCTION, write=True)
def reconsideration_action(request, pk, action):
    if action not in RECONSIDERATION_ACTIONS:
        raise Http404
    case = reconsideration_of(request, pk)
    refused = refusal(action in reconsideration_actions(case, request.user), request.user,
                      case.get_status_display(), RECONSIDERATION_ACTIONS[action].label)
    crumbs = [(reverse("normative_docs:reconsideration_list"), _("行政复议案件")),
              (case.get_absolute_url(), case.number)]
    return run_action(request, case, RECONSIDERATION_ACTIONS[action], title=case.number, crumbs=crumbs,
                      form_kwargs={"record": case}, refused=refused)


# --- Litigation -------------------------------------------------------------------------------------------


class LitigationListView(AccessListView):
    function = FUNCTION
    model = Litigation
    table_class = LitigationTable
    filterset_class = LitigationFilterSet
    template_name = "normative_docs/litigation_list.html"
    export_name = "行政应诉案件"

    def get_queryset(self):
        return Litigation.objects.visible_to(self.request.user).annotate(hearing_count=Count("hearings"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(section_writes=section_writes(self.request.user), **kwargs)


def litigation_of(request, pk):
    return get_object_or_404(Litigation.objects.visible_to(request.user)
                             .select_related("area", "defendant_unit", "created_by"), pk=pk)


def litigation_actions(case, user):
    if not section_writes(user) or case.concluded_on:
        return []
    return ["hearing", "conclude"]


@function_required(FUNCTION)
def litigation_detail(request, pk):
    case = litigation_of(request, pk)
    return render(request, "normative_docs/litigation_detail.html", {
        "case": case, "hearings": case.hearings.order_by("held_on", "id"),
        "actions": [(name, LITIGATION_ACTIONS[name]) for name in litigation_actions(case, request.user)],
    })


@function_required(FUNCTION, write=True)
def litigation_create(request):
    form = LitigationForm(request.POST or None, user=request.user)
    return create_page(
        request, form, services.litigation_register, "case",
        lambda case: _("已登记行政应诉案件 %(n)s。") % {"n": case.case_number},
        _("登记行政应诉案件"), "normative_docs:litigation_list")


def hearing(case, by, data):
    services.hearing_record(hearing=Hearing(case=case, **data), by=by)
    return _("已登记开庭。")


def conclude(case, by, data):
    services.litigation_conclude(case=case, on=data["on"], judgment=data["judgment"], by=by)
    return _("已结案：%(j)s。") % {"j": case.get_judgment_display()}


LITIGATION_ACTIONS = {
    "hearing": Action(gettext_lazy("登记开庭"), HearingForm, hearing, icon="calendar-event"),
    "conclude": Action(gettext_lazy("结案"), ConcludeForm, conclude, icon="hammer"),
}


@function_required(FUNCTION, write=True)
def litigation_action(request, pk, action):
    if action not in LITIGATION_ACTIONS:
        raise Http404
    case = litigation_of(request, pk)
    refused = refusal(action in litigation_actions(case, request.user), request.user,
                      _("已结案") if case.concluded_on else _("审理中"), LITIGATION_ACTIONS[action].label)
    crumbs = [(reverse("normative_docs:litigation_list"), _("行政应诉案件")),
              (case.get_absolute_url(), case.case_number)]
    return run_action(request, case, LITIGATION_ACTIONS[action], title=case.case_number, crumbs=crumbs,
                      form_kwargs={"record": case}, refused=refused)

"""重大行政决策: the catalogue, an item's statutory steps and its moves (程序, 决策作出, 调出目录)."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import access_required, function_required
from bureau.actions import Action, run_action

from .. import rol_services as services
from ..apps import FUNCTION
from ..models import DecisionStatus, MajorDecision
from ..permissions import section_writes
from ..rol_filters import MajorDecisionFilterSet
from ..rol_forms import DecisionStepForm, MajorDecisionForm, OnForm, WithdrawForm
from ..rol_tables import MajorDecisionTable
from .rol_common import SECTION, RolListView, create_page


class MajorDecisionListView(RolListView):
    model = MajorDecision
    table_class = MajorDecisionTable
    filterset_class = MajorDecisionFilterSet
    title = gettext_lazy("重大行政决策")
    create_url = reverse_lazy("normative_docs:decision_create")
    note = gettext_lazy("法定程序：公众参与（听证目录事项另须听证）、专家论证、风险评估、合法性审查、集体讨论决定；"
                        "程序未全部完成的事项不能标记为已作出决策。")

    def get_queryset(self):
        return super().get_queryset().select_related("unit").annotate(steps_done=Count("steps"))


@access_required(SECTION, write=True)
def decision_create(request):
    form = MajorDecisionForm(request.POST or None, user=request.user)
    return create_page(
        request, form, lambda f: services.major_decision_catalogue(decision=f.save(commit=False), by=request.user),
        title=_("登记重大行政决策事项"), back=reverse("normative_docs:decision_list"), back_label=_("重大行政决策"),
        success=lambda d: _("已将“%(t)s”列入%(y)s年度目录。") % {"t": d.title, "y": d.year})


def decision_of(request, pk):
    return get_object_or_404(MajorDecision.objects.visible_to(request.user).select_related("unit", "area"), pk=pk)


@access_required(SECTION)
def decision_detail(request, pk):
    decision = decision_of(request, pk)
    done = {s.step: s for s in decision.steps.all()}
    writes = section_writes(request.user) and decision.status == DecisionStatus.CATALOGUED
    return render(request, "normative_docs/rol/decision_detail.html", {
        "decision": decision, "steps": [(step, done.get(step)) for step in decision.required_steps],
        "missing": decision.missing_steps(done), "actions": list(DECISION_ACTIONS.items()) if writes else []})


def step(decision, by, data):
    services.major_decision_step_record(decision=decision, step=data["step"], on=data["on"], note=data["note"], by=by)
    return _("已登记。")


def complete(decision, by, data):
    services.major_decision_complete(decision=decision, on=data["on"], by=by)
    return _("已标记为已作出决策。")


def withdraw(decision, by, data):
    services.major_decision_withdraw(decision=decision, on=data["on"], reason=data["reason"], by=by)
    return _("已调出目录。")


DECISION_ACTIONS = {
    "step": Action(gettext_lazy("登记法定程序"), DecisionStepForm, step, icon="check2-square"),
    "complete": Action(gettext_lazy("决策作出"), OnForm, complete, icon="check-circle"),
    "withdraw": Action(gettext_lazy("调出目录"), WithdrawForm, withdraw, icon="x-circle", danger=True),
}


@function_required(FUNCTION, write=True)
def decision_action(request, pk, action):
    if action not in DECISION_ACTIONS:
        raise Http404
    decision = decision_of(request, pk)
    SECTION.check(request.user, write=True)  # after the 404: a unit learns nothing of another unit's items
    refused = (_("该决策事项%(s)s，不能再登记。") % {"s": decision.get_status_display()}
               if decision.status != DecisionStatus.CATALOGUED else None)
    crumbs = [(reverse("normative_docs:decision_list"), _("重大行政决策")),
              (decision.get_absolute_url(), decision.title)]
    return run_action(request, decision, DECISION_ACTIONS[action], title=decision.title, crumbs=crumbs,
                      form_kwargs={"subject": decision}, refused=refused)

"""The pages of lawyer supervision (律师执业监管) for the district's lawyers section (律师工作科): the annual
inspection, the inspectors' pool, 双随机一公开 plans with their draws (verified from the stored seed and pools)
and a public results page, supervision visits, complaints on their clocks and violations through rectification.

Every list and record starts from `visible_to(user)`, so another district's record is a 404; who may read and
write is `lawyers.permissions.SUPERVISION` (a street office gets a 403); every write is a service of
lawyers.supervision, its refusal shown on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, access_required, add_service_error
from bureau.actions import Action, run_action
from bureau.templatetags.bureau_tags import days_left_text

from . import supervision
from .models import (
    Complaint,
    ComplaintStatus,
    InspectionCampaign,
    InspectionResult,
    Inspector,
    LawFirm,
    PlanStatus,
    RandomInspectionPlan,
    RandomInspectionResult,
    SupervisionVisit,
    Violation,
    ViolationStatus,
)
from .permissions import SUPERVISION
from .supervision_filters import (
    CampaignFilterSet,
    ComplaintFilterSet,
    InspectorFilterSet,
    PlanFilterSet,
    ViolationFilterSet,
    VisitFilterSet,
)
from .supervision_forms import (
    CampaignForm,
    ComplaintActionForm,
    ComplaintForm,
    ConcludeForm,
    DrawForm,
    EvidenceForm,
    ExtendForm,
    InspectionResultForm,
    InspectorForm,
    InvestigateForm,
    MeetingForm,
    NotifyForm,
    PlanForm,
    ProblemForm,
    PublishForm,
    RandomResultForm,
    RecheckForm,
    RedrawForm,
    RejectForm,
    ViolationForm,
    VisitForm,
)
from .supervision_tables import (
    CampaignTable,
    ComplaintTable,
    InspectorTable,
    PlanTable,
    ViolationTable,
    VisitTable,
    complaint_clock,
    violation_clock,
)


def move_refused(record, label):
    """The services' own words for a move the record's state does not admit."""
    return _("当前状态为“%(current)s”，不能“%(action)s”。") % {"current": record.get_status_display(), "action": label}


def form_page(request, form, *, title, back, back_label):
    return render(request, "lawyers/supervision/form.html", {
        "form": form, "title": title, "back": back, "back_label": back_label})


def save_through(form, service, message, request):
    """Call `service()` for a valid form; its refusal goes on the form. The saved record, or None."""
    try:
        record = service()
    except ValidationError as error:
        add_service_error(form, error)
        return None
    messages.success(request, message(record) if callable(message) else message)
    return record


class SupervisionListView(AccessListView):
    access = SUPERVISION
    template_name = "lawyers/supervision/list.html"
    create_url = ""
    create_label = ""
    heading = ""
    note = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading, create_url=reverse(self.create_url) if self.create_url else "",
            create_label=self.create_label, reset_url=self.request.path, note=self.note, **kwargs)


# --- Annual inspection (年度检查考核) ----------------------------------------------------------------------


class CampaignListView(SupervisionListView):
    model = InspectionCampaign
    table_class = CampaignTable
    filterset_class = CampaignFilterSet
    export_name = "年度检查考核"
    heading = gettext_lazy("年度检查考核")
    create_url = "lawyers:campaign_create"
    create_label = gettext_lazy("新建年度检查考核")

    def get_queryset(self):
        return InspectionCampaign.objects.visible_to(self.request.user).select_related("district").annotate(
            subjects=Count("results"), graded=Count("results", filter=~Q(results__grade="")))


@access_required(SUPERVISION, write=True)
def campaign_create(request):
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = save_through(form, lambda: supervision.campaign_create(campaign=form.save(commit=False),
                                                                          by=request.user),
                                lambda c: _("已新建%(campaign)s。") % {"campaign": c}, request)
        if campaign:
            return redirect(campaign.get_absolute_url())
    return form_page(request, form, title=_("新建年度检查考核"), back=reverse("lawyers:campaign_list"),
                     back_label=_("年度检查考核"))


def campaign_of(request, pk):
    return get_object_or_404(InspectionCampaign.objects.visible_to(request.user).select_related("district"), pk=pk)


def campaign_actions(campaign):
    if not campaign.meeting_on:
        return ["meeting"]
    return ["problem"]


@access_required(SUPERVISION)
def campaign_detail(request, pk):
    campaign = campaign_of(request, pk)
    writes = SUPERVISION.write(request.user)
    results = list(campaign.results.select_related("firm", "lawyer").order_by("id"))
    problems = (Violation.objects.filter(inspection_result__campaign=campaign)
                .select_related("firm", "lawyer").order_by("found_on", "id"))
    return render(request, "lawyers/supervision/campaign_detail.html", {
        "campaign": campaign, "results": results, "problems": problems, "can_write": writes,
        "graded": sum(1 for r in results if r.grade),
        "actions": [(name, CAMPAIGN_ACTIONS[name]) for name in campaign_actions(campaign)] if writes else [],
    })


@access_required(SUPERVISION, write=True)
def result_edit(request, pk, result_pk=None):
    """Record a subject's result in the campaign, or change one (until the meeting is held)."""
    campaign = campaign_of(request, pk)
    result = get_object_or_404(campaign.results, pk=result_pk) if result_pk else InspectionResult(campaign=campaign)
    form = InspectionResultForm(request.POST or None, instance=result, campaign=campaign)
    saved = request.method == "POST" and form.is_valid() and save_through(
        form, lambda: supervision.inspection_result_save(result=form.save(commit=False), by=request.user),
        lambda r: _("已登记%(subject)s的考核结果。") % {"subject": r.subject}, request)
    if saved:
        return redirect(campaign.get_absolute_url())
    return form_page(request, form, title=_("修改考核结果") if result_pk else _("登记考核结果"),
                     back=campaign.get_absolute_url(), back_label=str(campaign))


def meeting(campaign, by, data):
    supervision.campaign_record_meeting(campaign=campaign, on=data["on"], notes=data["notes"], by=by)
    return _("已登记反馈会。")


def problem(campaign, by, data):
    result = data["result"]
    supervision.problem_assign(result=result, kind=data["kind"], description=data["description"],
                               deadline=data["deadline"], by=by)
    return _("已登记%(subject)s的整改问题。") % {"subject": result.subject}


CAMPAIGN_ACTIONS = {
    "meeting": Action(gettext_lazy("登记反馈会"), MeetingForm, meeting, icon="people"),
    "problem": Action(gettext_lazy("登记整改问题"), ProblemForm, problem, icon="exclamation-diamond"),
}


@access_required(SUPERVISION, write=True)
def campaign_action(request, pk, action):
    if action not in CAMPAIGN_ACTIONS:
        raise Http404
    campaign = campaign_of(request, pk)
    refused = None
    if action not in campaign_actions(campaign):
        refused = (_("反馈会已于%(date)s登记。") % {"date": campaign.meeting_on} if action == "meeting"
                   else _("请先登记反馈会，再登记反馈会布置整改的问题。"))
    crumbs = [(reverse("lawyers:campaign_list"), _("年度检查考核")), (campaign.get_absolute_url(), str(campaign))]
    return run_action(request, campaign, CAMPAIGN_ACTIONS[action], title=str(campaign), crumbs=crumbs,
                      form_kwargs={"campaign": campaign}, refused=refused)


# --- Inspectors (执法检查人员库) -----------------------------------------------------------------------------


class InspectorListView(SupervisionListView):
    model = Inspector
    table_class = InspectorTable
    filterset_class = InspectorFilterSet
    export_name = "执法检查人员库"
    heading = gettext_lazy("执法检查人员库")
    create_url = "lawyers:inspector_create"
    create_label = gettext_lazy("登记执法检查人员")
    note = gettext_lazy("“双随机”抽查从本区在库人员中抽取检查人员。")

    def get_queryset(self):
        return Inspector.objects.visible_to(self.request.user).select_related("district")


@access_required(SUPERVISION, write=True)
def inspector_edit(request, pk=None):
    inspector = get_object_or_404(Inspector.objects.visible_to(request.user), pk=pk) if pk else None
    form = InspectorForm(request.POST or None, instance=inspector, user=request.user)
    saved = request.method == "POST" and form.is_valid() and save_through(
        form, lambda: supervision.inspector_save(inspector=form.save(commit=False), by=request.user),
        lambda i: _("已保存执法检查人员%(name)s。") % {"name": i.name}, request)
    if saved:
        return redirect("lawyers:inspector_list")
    return form_page(request, form, title=_("修改执法检查人员") if pk else _("登记执法检查人员"),
                     back=reverse("lawyers:inspector_list"), back_label=_("执法检查人员库"))


# --- 双随机一公开 -----------------------------------------------------------------------------------------


class PlanListView(SupervisionListView):
    model = RandomInspectionPlan
    table_class = PlanTable
    filterset_class = PlanFilterSet
    export_name = "双随机抽查"
    heading = gettext_lazy("双随机一公开")
    create_url = "lawyers:plan_create"
    create_label = gettext_lazy("新建抽查计划")

    def get_queryset(self):
        return RandomInspectionPlan.objects.visible_to(self.request.user).select_related("district")


@access_required(SUPERVISION, write=True)
def plan_create(request):
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = save_through(form, lambda: supervision.plan_create(plan=form.save(commit=False), by=request.user),
                            _("已新建抽查计划，请抽取律师事务所和执法检查人员。"), request)
        if plan:
            return redirect(plan.get_absolute_url())
    return form_page(request, form, title=_("新建抽查计划"), back=reverse("lawyers:plan_list"),
                     back_label=_("双随机一公开"))


def plan_of(request, pk):
    return get_object_or_404(RandomInspectionPlan.objects.visible_to(request.user).select_related("district"),
                             pk=pk)


def draw_view(draw, firms, inspectors):
    """What a page shows of a draw: the drawn firms and inspectors in the order drawn, the pools' sizes."""
    return {
        "draw": draw,
        "firms": [firms[pk] for pk in draw.firms_drawn if pk in firms],
        "inspectors": [inspectors[pk] for pk in draw.inspectors_drawn if pk in inspectors],
        "firm_pool_size": len(draw.firm_pool), "inspector_pool_size": len(draw.inspector_pool),
    }


def plan_draws(plan):
    """Every draw of the plan, latest first, with its firms and inspectors read in two queries."""
    draws = list(plan.draws.select_related("drawn_by").order_by("-drawn_at", "-id"))
    firm_ids = {pk for draw in draws for pk in draw.firms_drawn}
    inspector_ids = {pk for draw in draws for pk in draw.inspectors_drawn}
    firms = LawFirm.objects.in_bulk(firm_ids)
    inspectors = Inspector.objects.in_bulk(inspector_ids)
    return [draw_view(draw, firms, inspectors) for draw in draws]


def plan_actions(plan, has_results):
    if plan.status == PlanStatus.PLANNED:
        return ["draw"]
    if plan.status == PlanStatus.DRAWN:
        return ["publish"] if has_results else ["redraw", "publish"]
    return []


@access_required(SUPERVISION)
def plan_detail(request, pk):
    plan = plan_of(request, pk)
    writes = SUPERVISION.write(request.user)
    draws = plan_draws(plan)
    results = {r.firm_id: r for r in plan.results.all()}
    current = draws[0] if draws else None
    rows = [(firm, results.get(firm.pk)) for firm in current["firms"]] if current else []
    return render(request, "lawyers/supervision/plan_detail.html", {
        "plan": plan, "current": current, "earlier": draws[1:], "rows": rows, "can_write": writes,
        "recording": writes and plan.status == PlanStatus.DRAWN,
        "actions": [(name, PLAN_ACTIONS[name]) for name in plan_actions(plan, bool(results))] if writes else [],
    })


def draw(plan, by, data):
    supervision.plan_draw(plan=plan, by=by)
    return _("已抽取。可点击“验证”由系统按保存的随机种子和名录重新计算核对。")


def redraw(plan, by, data):
    supervision.plan_draw(plan=plan, by=by, reason=data["reason"])
    return _("已重新抽取，原抽取结果保留在抽取记录中。")


def publish(plan, by, data):
    supervision.plan_publish(plan=plan, on=data["on"], by=by)
    return _("抽查结果已公开。")


PLAN_ACTIONS = {
    "draw": Action(gettext_lazy("抽取"), DrawForm, draw, icon="shuffle"),
    "redraw": Action(gettext_lazy("重新抽取"), RedrawForm, redraw, icon="arrow-repeat", danger=True),
    "publish": Action(gettext_lazy("公开"), PublishForm, publish, icon="megaphone"),
}


@access_required(SUPERVISION, write=True)
def plan_action(request, pk, action):
    if action not in PLAN_ACTIONS:
        raise Http404
    plan = plan_of(request, pk)
    refused = None
    if action not in plan_actions(plan, plan.results.exists()):
        refused = (_("已登记检查结果，不能重新抽取。") if action == "redraw" and plan.status == PlanStatus.DRAWN
                   else move_refused(plan, PLAN_ACTIONS[action].label))
    crumbs = [(reverse("lawyers:plan_list"), _("双随机一公开")), (plan.get_absolute_url(), plan.title)]
    return run_action(request, plan, PLAN_ACTIONS[action], title=plan.title, crumbs=crumbs,
                      form_kwargs={"plan": plan}, refused=refused)


@access_required(SUPERVISION)
def plan_verify(request, pk):
    """验证: recompute a draw (the current one, or `?draw=`) from its stored seed, pools and algorithm, and show
    it beside what was stored. Read-only: leadership may run it too."""
    plan = plan_of(request, pk)
    draws = plan.draws.select_related("drawn_by")
    chosen = request.GET.get("draw", "")
    if chosen and not chosen.isdigit():
        raise Http404
    draw = get_object_or_404(draws, pk=chosen) if chosen else draws.order_by("-drawn_at", "-id").first()
    if draw is None:
        messages.error(request, _("该计划尚未抽取。"))
        return redirect(plan.get_absolute_url())
    matches = supervision.draw_verify(draw=draw, by=request.user)
    firms_again, inspectors_again = draw.recompute()
    firms = LawFirm.objects.in_bulk(set(draw.firms_drawn) | set(firms_again))
    inspectors = Inspector.objects.in_bulk(set(draw.inspectors_drawn) | set(inspectors_again))
    return render(request, "lawyers/supervision/plan_verify.html", {
        "plan": plan, "draw": draw, "matches": matches,
        "tables": [(_("抽中的律师事务所"), _side_by_side(draw.firms_drawn, firms_again, firms)),
                   (_("抽中的执法检查人员"), _side_by_side(draw.inspectors_drawn, inspectors_again, inspectors))],
    })


def _side_by_side(stored, again, records):
    """[(n, stored id, its record, recomputed id, its record, same?)] for the verify page."""
    rows = []
    for n in range(max(len(stored), len(again))):
        a = stored[n] if n < len(stored) else None
        b = again[n] if n < len(again) else None
        rows.append((n + 1, a, records.get(a), b, records.get(b), a == b))
    return rows


@access_required(SUPERVISION)
def plan_public(request, pk):
    """公开结果: what a firm, or anyone, may be shown of a published plan — the draw (with what re-checks it) and
    each firm's result; no account names and nothing internal."""
    plan = plan_of(request, pk)
    if plan.status != PlanStatus.PUBLISHED:
        messages.error(request, _("抽查结果尚未公开。"))
        return redirect(plan.get_absolute_url())
    current = plan_draws(plan)[0]
    results = {r.firm_id: r for r in plan.results.all()}
    return render(request, "lawyers/supervision/plan_public.html", {
        "plan": plan, "current": current, "rows": [(firm, results.get(firm.pk)) for firm in current["firms"]],
    })


@access_required(SUPERVISION, write=True)
def random_result_edit(request, pk, firm_pk):
    """The inspection of a drawn firm (record or change it, before the plan is published)."""
    plan = plan_of(request, pk)
    current = plan.current_draw
    if current is None or firm_pk not in current.firms_drawn:
        raise Http404
    result = (plan.results.filter(firm_id=firm_pk).first()
              or RandomInspectionResult(plan=plan, firm_id=firm_pk))
    form = RandomResultForm(request.POST or None, instance=result, plan=plan, drawn=current.firms_drawn,
                            initial={"firm": firm_pk})
    form.fields["firm"].disabled = True
    saved = request.method == "POST" and form.is_valid() and save_through(
        form, lambda: supervision.random_result_record(result=form.save(commit=False), by=request.user),
        lambda r: _("已登记%(firm)s的检查结果。") % {"firm": r.firm.name}, request)
    if saved:
        return redirect(plan.get_absolute_url())
    return form_page(request, form, title=_("登记检查结果"), back=plan.get_absolute_url(), back_label=plan.title)


# --- Supervision visits (督导检查) --------------------------------------------------------------------------


class VisitListView(SupervisionListView):
    model = SupervisionVisit
    table_class = VisitTable
    filterset_class = VisitFilterSet
    export_name = "督导检查"
    heading = gettext_lazy("督导检查")
    create_url = "lawyers:visit_create"
    create_label = gettext_lazy("登记督导检查")

    def get_queryset(self):
        return SupervisionVisit.objects.visible_to(self.request.user).select_related("district", "firm")


@access_required(SUPERVISION, write=True)
def visit_create(request):
    form = VisitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        visit = save_through(form, lambda: supervision.visit_record(visit=form.save(commit=False), by=request.user),
                             _("已登记督导检查。"), request)
        if visit:
            return redirect("lawyers:visit_detail", pk=visit.pk)
    return form_page(request, form, title=_("登记督导检查"), back=reverse("lawyers:visit_list"),
                     back_label=_("督导检查"))


@access_required(SUPERVISION)
def visit_detail(request, pk):
    visit = get_object_or_404(SupervisionVisit.objects.visible_to(request.user)
                              .select_related("district", "firm", "created_by"), pk=pk)
    return render(request, "lawyers/supervision/visit_detail.html", {
        "visit": visit, "can_write": SUPERVISION.write(request.user),
        "violations": visit.violations.select_related("firm", "lawyer").order_by("found_on", "id"),
    })


# --- Complaints (投诉) ----------------------------------------------------------------------------------


class ComplaintListView(SupervisionListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilterSet
    export_name = "律师投诉"
    heading = gettext_lazy("律师投诉")
    create_url = "lawyers:complaint_create"
    create_label = gettext_lazy("登记投诉")

    def get_queryset(self):
        return Complaint.objects.visible_to(self.request.user).select_related("lawyer", "firm", "transferred_from")


@access_required(SUPERVISION, write=True)
def complaint_create(request):
    form = ComplaintForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        complaint = save_through(
            form, lambda: supervision.complaint_register(complaint=form.save(commit=False), by=request.user),
            lambda c: _("已登记投诉，受理审查期限至%(due)s。") % {"due": c.acceptance_due_on.isoformat()}, request)
        if complaint:
            return redirect(complaint.get_absolute_url())
    return form_page(request, form, title=_("登记投诉"), back=reverse("lawyers:complaint_list"),
                     back_label=_("律师投诉"))


def complaint_of(request, pk):
    return get_object_or_404(Complaint.objects.visible_to(request.user).select_related(
        "district", "lawyer", "firm", "transferred_from", "created_by"), pk=pk)


def complaint_actions(complaint):
    if complaint.status == ComplaintStatus.RECEIVED:
        return ["accept", "reject"]
    if complaint.status == ComplaintStatus.ACCEPTED:
        return ["investigate", "conclude"]
    return []


@access_required(SUPERVISION)
def complaint_detail(request, pk):
    complaint = complaint_of(request, pk)
    today = timezone.localdate()
    writes = SUPERVISION.write(request.user)
    clocks = [(_("受理审查期限"), complaint.acceptance_due_on, complaint.accepted_on or complaint.not_accepted_on)]
    if complaint.conclusion_due_on:
        clocks.append((_("办结期限"), complaint.conclusion_due_on, complaint.concluded_on))
    _label, running = complaint_clock(complaint)
    return render(request, "lawyers/supervision/complaint_detail.html", {
        "complaint": complaint, "today": today, "can_write": writes,
        "clocks": [(label, due, done, "" if done else days_left_text(due, today), not done and due < today)
                   for label, due, done in clocks],
        "running": running,
        "violations": complaint.violations.select_related("firm", "lawyer").order_by("found_on", "id"),
        "actions": [(name, COMPLAINT_ACTIONS[name]) for name in complaint_actions(complaint)] if writes else [],
    })


def accept(complaint, by, data):
    supervision.complaint_accept(complaint=complaint, on=data["on"], by=by)
    return _("已受理，办结期限至%(due)s。") % {"due": complaint.conclusion_due_on.isoformat()}


def reject(complaint, by, data):
    supervision.complaint_reject(complaint=complaint, on=data["on"], reason=data["reason"], by=by)
    return _("已决定不予受理。")


def investigate(complaint, by, data):
    supervision.complaint_investigate(complaint=complaint, notes=data["notes"], by=by)
    return _("已登记调查情况。")


def conclude(complaint, by, data):
    supervision.complaint_conclude(complaint=complaint, finding=data["finding"], handling=data["handling"],
                                   replied_on=data["replied_on"], reply_way=data["reply_way"],
                                   concluded_on=data["concluded_on"], notes=data["notes"], by=by)
    return _("投诉已办结。")


COMPLAINT_ACTIONS = {
    "accept": Action(gettext_lazy("受理"), ComplaintActionForm, accept, icon="check2-circle"),
    "reject": Action(gettext_lazy("不予受理"), RejectForm, reject, icon="x-circle", danger=True),
    "investigate": Action(gettext_lazy("登记调查情况"), InvestigateForm, investigate, icon="search"),
    "conclude": Action(gettext_lazy("办结"), ConcludeForm, conclude, icon="flag"),
}


@access_required(SUPERVISION, write=True)
def complaint_action(request, pk, action):
    if action not in COMPLAINT_ACTIONS:
        raise Http404
    complaint = complaint_of(request, pk)
    refused = None
    if action not in complaint_actions(complaint):
        refused = (_("只有调查处理中的投诉可以登记调查情况。") if action == "investigate"
                   else move_refused(complaint, COMPLAINT_ACTIONS[action].label))
    title = str(complaint)
    crumbs = [(reverse("lawyers:complaint_list"), _("律师投诉")), (complaint.get_absolute_url(), title)]
    return run_action(request, complaint, COMPLAINT_ACTIONS[action], title=title, crumbs=crumbs,
                      form_kwargs={"complaint": complaint}, refused=refused)


# --- Violations and rectification (违规与整改) ---------------------------------------------------------------


class ViolationListView(SupervisionListView):
    model = Violation
    table_class = ViolationTable
    filterset_class = ViolationFilterSet
    export_name = "违规行为"
    heading = gettext_lazy("违规行为与整改")
    create_url = "lawyers:violation_create"
    create_label = gettext_lazy("登记违规行为")

    def get_queryset(self):
        return Violation.objects.visible_to(self.request.user).select_related("lawyer", "firm")


@access_required(SUPERVISION, write=True)
def violation_create(request):
    initial = {name: request.GET[name] for name in ("found_by", "random_result", "visit", "complaint", "lawyer", "firm")
               if request.GET.get(name)}
    form = ViolationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        violation = save_through(
            form, lambda: supervision.violation_register(violation=form.save(commit=False), by=request.user),
            _("已登记违规行为，请下发整改通知。"), request)
        if violation:
            return redirect(violation.get_absolute_url())
    return form_page(request, form, title=_("登记违规行为"), back=reverse("lawyers:violation_list"),
                     back_label=_("违规行为与整改"))


def violation_of(request, pk):
    return get_object_or_404(Violation.objects.visible_to(request.user).select_related(
        "district", "lawyer", "firm", "created_by", "complaint", "visit__firm", "inspection_result__campaign",
        "random_result__plan"), pk=pk)


def violation_actions(violation):
    return {
        ViolationStatus.FOUND: ["notify"],
        ViolationStatus.RECTIFYING: ["evidence", "extend"],
        ViolationStatus.EVIDENCE: ["recheck"],
    }.get(violation.status, [])


def violation_steps(violation):
    """The loop so far as [(date, label, detail)], in order."""
    v = violation
    steps = [(v.found_on, _("发现违规"), v.get_found_by_display())]
    if v.notice_on:
        steps.append((v.notice_on, _("下发整改通知"), ""))
    if v.extended_on:
        steps.append((v.extended_on, _("延长整改期限"), v.extension_reason))
    if v.evidence_on:
        steps.append((v.evidence_on, _("提交整改材料"), v.evidence_note))
    if v.rechecked_on:
        steps.append((v.rechecked_on, _("复查通过") if v.recheck_passed else _("复查未通过"), v.recheck_note))
    if v.closed_on:
        steps.append((v.closed_on, _("销号"), ""))
    return sorted(steps, key=lambda step: step[0])


@access_required(SUPERVISION)
def violation_detail(request, pk):
    violation = violation_of(request, pk)
    today = timezone.localdate()
    writes = SUPERVISION.write(request.user)
    due = violation_clock(violation)
    return render(request, "lawyers/supervision/violation_detail.html", {
        "violation": violation, "today": today, "can_write": writes, "steps": violation_steps(violation),
        "due": due, "due_text": days_left_text(due, today) if due else "", "overdue": bool(due and due < today),
        "source": violation.source_record, "source_url": _source_url(violation),
        "actions": [(name, VIOLATION_ACTIONS[name]) for name in violation_actions(violation)] if writes else [],
    })


def _source_url(violation):
    source = violation.source_record
    if source is None:
        return ""
    if isinstance(source, InspectionResult):
        return source.campaign.get_absolute_url()
    if isinstance(source, RandomInspectionResult):
        return source.plan.get_absolute_url()
    if isinstance(source, SupervisionVisit):
        return reverse("lawyers:visit_detail", args=[source.pk])
    return source.get_absolute_url()


def notify(violation, by, data):
    supervision.violation_notify(violation=violation, on=data["on"], deadline=data["deadline"], by=by)
    return _("已下发整改通知，整改期限至%(due)s。") % {"due": data["deadline"].isoformat()}


def evidence(violation, by, data):
    supervision.violation_submit_evidence(violation=violation, on=data["on"], note=data["note"], by=by)
    return _("已登记整改材料，请复查。")


def recheck(violation, by, data):
    supervision.violation_recheck(violation=violation, on=data["on"], passed=data["passed"], note=data["note"],
                                  new_deadline=data["new_deadline"], by=by)
    return _("复查通过，已销号。") if data["passed"] else _("复查未通过，继续整改。")


def extend(violation, by, data):
    supervision.violation_extend(violation=violation, deadline=data["deadline"], reason=data["reason"],
                                 on=data["on"], by=by)
    return _("整改期限已延长至%(due)s。") % {"due": data["deadline"].isoformat()}


VIOLATION_ACTIONS = {
    "notify": Action(gettext_lazy("下发整改通知"), NotifyForm, notify, icon="envelope-paper"),
    "evidence": Action(gettext_lazy("提交整改材料"), EvidenceForm, evidence, icon="file-earmark-check"),
    "recheck": Action(gettext_lazy("复查"), RecheckForm, recheck, icon="clipboard-check"),
    "extend": Action(gettext_lazy("延长整改期限"), ExtendForm, extend, icon="calendar-plus"),
}


@access_required(SUPERVISION, write=True)
def violation_action(request, pk, action):
    if action not in VIOLATION_ACTIONS:
        raise Http404
    violation = violation_of(request, pk)
    refused = None
    if action not in violation_actions(violation):
        refused = (_("只有整改中的违规行为可以延长整改期限。") if action == "extend"
                   else move_refused(violation, VIOLATION_ACTIONS[action].label))
    title = str(violation)
    crumbs = [(reverse("lawyers:violation_list"), _("违规行为与整改")), (violation.get_absolute_url(), title)]
    return run_action(request, violation, VIOLATION_ACTIONS[action], title=title, crumbs=crumbs,
                      form_kwargs={"violation": violation}, refused=refused)


"""Legal-aid pages. A view checks the user may use (or change) legal aid, parses the input, calls a service
and renders; a case's status changes only in legalaid.services."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bureau.access import AccessListView, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.forms import identifiers_confirmed
from bureau.permissions import can_write
from bureau.related import Relation
from legalaid.apps import FUNCTION

from . import assignment, services
from .filters import CaseFilterSet, ComplaintFilterSet, ConsultationFilterSet
from .forms import (
    ActionForm,
    AssignForm,
    CaseForm,
    CloseForm,
    ComplaintConcludeForm,
    ComplaintForm,
    ConsultationForm,
    FileEvaluationForm,
    FollowUpForm,
    GrantForm,
    HearingEvaluationForm,
    ObjectForm,
    ObjectionRejectForm,
    ObjectionUpholdForm,
    RecipientFormSet,
    RefuseForm,
    RequestMaterialForm,
    TerminateForm,
    recipients_from,
)
from .models import QUALITY_STATUSES, Case, Complaint, Consultation
from .tables import CaseTable, ComplaintTable, ConsultationTable

# --- Cases ------------------------------------------------------------------------------------------------


class CaseListView(AccessListView):
    function = FUNCTION
    model = Case
    table_class = CaseTable
    filterset_class = CaseFilterSet
    template_name = "legalaid/case_list.html"
    export_name = "法律援助案件"

    def get_queryset(self):
        # What the list, its export and its clocks read: a case's forty other columns, the applicant's and the
        # lawyer's ID numbers (each decrypted as it loads) among them, are read on the case's page.
        return Case.objects.visible_to(self.request.user).select_related("area", "lawyer").only(*LISTED)


LISTED = ("number", "area", "applicant_name", "matter_kind", "category", "source", "received_on", "status",
          "decision_due_on", "assignment_due_on", "lawyer__name")


# A case's relations as its page shows them, each read by SQL compiled once (what prefetch_related gave).
CASE_RELATIONS = [
    Relation(Case, "recipients"),
    Relation(Case, "objections"),
    Relation(Case, "file_evaluations"),
    Relation(Case, "steps", "by"),
    Relation(Case, "hearing_evaluations"),
    Relation(Case, "follow_ups", "by"),
    Relation(Case, "complaints", "lawyer"),
]


def load_case(user, pk):
    """The case (404 outside the user's jurisdiction) with every relation its page shows."""
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related("area", "lawyer__firm", "suggested_lawyer", "created_by"), pk=pk
    )
    case._prefetched_objects_cache = {}
    for relation in CASE_RELATIONS:
        relation.load(case)
    prefetch_related_objects(case.hearing_evaluations.all(), "experts")  # no query for a case without any
    return case


@function_required(FUNCTION)
def case_detail(request, pk):
    case = load_case(request.user, pk)
    writes = can_write(request.user, FUNCTION)
    return render(request, "legalaid/case_detail.html", {
        "case": case,
        "can_write": writes,
        "actions": [(name, CASE_ACTIONS[name]) for name in services.case_actions(case)] if writes else [],
        "quality_actions": [(name, CASE_ACTIONS[name]) for name in QUALITY_STATUSES
                            if case.status in QUALITY_STATUSES[name]] if writes else [],
    })


@function_required(FUNCTION, write=True)
def case_create(request):
    form = CaseForm(request.POST or None, request.FILES or None, user=request.user)
    formset = RecipientFormSet(request.POST or None, prefix="recipients")
    if request.method == "POST" and all([form.is_valid(), formset.is_valid()]):
        recipients = recipients_from(formset) or [form.applicant_as_recipient()]
        try:
            case = services.case_receive(case=form.save(commit=False), recipients=recipients, by=request.user,
                                         id_number_confirmed=identifiers_confirmed(form, formset))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记 %(number)s（申请人 %(name)s，受援人 %(n)d 人）。") % {
                "number": case.number, "name": case.applicant_name, "n": len(recipients)})
            return redirect(case)
    return render(request, "legalaid/case_form.html", {"form": form, "formset": formset})


# --- Case actions: one form per button, each posting to case_action, which calls the service ---------------


def request_material(case, by, data):
    services.case_request_material(case=case, by=by, note=data["note"], on=data["on"])
    return _("已通知补充材料，审查期限暂停计算。")


def supply_material(case, by, data):
    services.case_supply_material(case=case, by=by, on=data["on"])
    return _("材料已补齐，审查决定期限至 %(due)s。") % {"due": case.decision_due_on.isoformat()}


def grant(case, by, data):
    services.case_decide(case=case, grant=True, reasons=data["reasons"], by=by, on=data["on"])
    return _("已决定给予法律援助，指派期限至 %(due)s。") % {"due": case.assignment_due_on.isoformat()}


def refuse(case, by, data):
    services.case_decide(case=case, grant=False, reasons=data["reasons"], by=by, on=data["on"])
    return _("已决定不予法律援助。")


def object_(case, by, data):
    services.case_object(case=case, reason=data["reason"], by=by, on=data["on"])
    return _("已登记异议。")


def objection_uphold(case, by, data):
    services.case_objection_decide(case=case, upheld=True, reasons=data["reasons"], by=by, on=data["on"])
    return _("异议成立，已给予法律援助。")


def objection_reject(case, by, data):
    services.case_objection_decide(case=case, upheld=False, reasons=data["reasons"], by=by, on=data["on"])
    return _("异议不成立，维持不予法律援助的决定。")


def assign(case, by, data):
    services.case_assign(case=case, lawyer=data["lawyer"], override_reason=data["override_reason"], by=by,
                         on=data["on"])
    return _("已指派 %(lawyer)s 律师承办。") % {"lawyer": case.lawyer}


def start(case, by, data):
    services.case_start(case=case, by=by, on=data["on"])
    return _("律师已开始承办。")


def close(case, by, data):
    services.case_close(case=case, outcome=data["outcome"], recovered_amount=data["recovered_amount"], by=by,
                        on=data["on"])
    return _("已结案。")


def archive(case, by, data):
    services.case_archive(case=case, by=by, on=data["on"])
    return _("已归档。")


def terminate(case, by, data):
    services.case_terminate(case=case, ground=data["ground"], note=data["note"], by=by, on=data["on"])
    return _("已终止法律援助。")


def file_evaluation(case, by, form):
    evaluation = services.file_evaluation_record(evaluation=form.save(commit=False), by=by)
    return _("已记录案卷评查，平均分 %(s)s。") % {"s": evaluation.score}


def hearing_evaluation(case, by, data):
    evaluation = services.hearing_evaluation_create(case=case, held_on=data["on"], court=data["court"],
                                                    count=data["count"], by=by)
    names = "、".join(expert.name for expert in evaluation.experts.order_by("name"))
    return _("已抽取庭审评估专家：%(names)s（随机种子 %(seed)s）。") % {"names": names, "seed": evaluation.seed}


def follow_up(case, by, form):
    services.follow_up_record(follow_up=form.save(commit=False), by=by)
    return _("已记录回访。")


def _move(name, form, perform, **options):
    """A status move's button, labelled as services.ACTIONS names it."""
    return Action(services.ACTIONS[name][1], form, perform, **options)


def _quality(label, form, perform, takes_form=False):
    return Action(label, form, perform, icon="clipboard-check", takes_form=takes_form)


CASE_ACTIONS = {
    "request_material": _move("request_material", RequestMaterialForm, request_material),
    "supply_material": _move("supply_material", ActionForm, supply_material),
    "grant": _move("grant", GrantForm, grant),
    "refuse": _move("refuse", RefuseForm, refuse, danger=True),
    "object": _move("object", ObjectForm, object_),
    "objection_uphold": _move("objection_uphold", ObjectionUpholdForm, objection_uphold),
    "objection_reject": _move("objection_reject", ObjectionRejectForm, objection_reject, danger=True),
    "assign": _move("assign", AssignForm, assign, body="legalaid/_assign_body.html"),
    "start": _move("start", ActionForm, start),
    "close": _move("close", CloseForm, close),
    "archive": _move("archive", ActionForm, archive),
    "terminate": _move("terminate", TerminateForm, terminate, danger=True),
    # Quality records: offered in the statuses that admit them (QUALITY_STATUSES, the services' rule).
    "file_evaluation": _quality(gettext_lazy("案卷评查"), FileEvaluationForm, file_evaluation, takes_form=True),
    "hearing_evaluation": _quality(gettext_lazy("庭审评估"), HearingEvaluationForm, hearing_evaluation),
    "follow_up": _quality(gettext_lazy("回访受援人"), FollowUpForm, follow_up, takes_form=True),
}


def refusal(case, name):
    """Why a status move is not offered now, in the services' words; None if it is."""
    if name not in services.ACTIONS or name in services.case_actions(case):
        return None
    return services.move_refused(case, CASE_ACTIONS[name].label)


@function_required(FUNCTION, write=True)
def case_action(request, pk, action):
    if action not in CASE_ACTIONS:
        raise Http404
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("area", "lawyer"), pk=pk)
    form_kwargs = {"case": case}
    if action == "assign":
        form_kwargs["ranking"] = assignment.ranked(case, timezone.localdate())
        prefetch_related_objects([s.lawyer for s in form_kwargs["ranking"]], "firm")
    crumbs = [(reverse("legalaid:case_list"), _("法律援助案件")), (case.get_absolute_url(), case.number)]
    return run_action(request, case, CASE_ACTIONS[action], title=f"{case.number} {case.applicant_name}",
                      crumbs=crumbs, form_kwargs=form_kwargs, refused=refusal(case, action))


# --- Consultations ----------------------------------------------------------------------------------------


class ConsultationListView(AccessListView):
    function = FUNCTION
    model = Consultation
    table_class = ConsultationTable
    filterset_class = ConsultationFilterSet
    template_name = "legalaid/consultation_list.html"
    export_name = "法律咨询"

    list_totals = {"person_times": Sum("person_times")}

    def get_queryset(self):
        return Consultation.objects.visible_to(self.request.user).select_related("area", "recorded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person_times"] = self.list_figures()["person_times"] or 0
        return context


@function_required(FUNCTION, write=True)
def consultation_create(request):
    """The window's quick form: save, and come back to an empty form for the next visitor."""
    sticky = {key: request.GET[key] for key in ("channel", "area") if request.GET.get(key)}
    form = ConsultationForm(request.POST or None, user=request.user, initial=sticky)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_record(
                area=data["area"], on=data["on"], channel=data["channel"], topic=data["topic"],
                person_times=data["person_times"], name=data["name"], phone=data["phone"], note=data["note"],
                answer=data["answer"], by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记：%(channel)s · %(topic)s · %(n)d 人次。") % {
                "channel": consultation.get_channel_display(), "topic": consultation.get_topic_display(),
                "n": consultation.person_times})
            query = urlencode({"channel": consultation.channel, "area": consultation.area_id})
            return redirect(f"{reverse('legalaid:consultation_create')}?{query}")
    today = timezone.localdate()
    mine_today = Consultation.objects.visible_to(request.user).filter(on=today, recorded_by=request.user)
    street = request.user.own_street
    return render(request, "legalaid/consultation_form.html", {
        "form": form,
        "tally": mine_today.aggregate(n=Sum("person_times"))["n"] or 0,
        "street": street,
        "street_tally": (Consultation.objects.filter(on=today, area=street).aggregate(n=Sum("person_times"))["n"]
                         or 0) if street else None,
        "recent": mine_today.order_by("-id")[:5],
    })


# --- Complaints -------------------------------------------------------------------------------------------


class ComplaintListView(AccessListView):
    function = FUNCTION
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilterSet
    template_name = "legalaid/complaint_list.html"
    export_name = "法律援助投诉"

    def get_queryset(self):
        return Complaint.objects.visible_to(self.request.user).select_related("area", "lawyer", "case")


@function_required(FUNCTION, write=True)
def complaint_create(request):
    form = ComplaintForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_receive(complaint=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("已登记投诉，办结期限 %(due)s。") % {"due": complaint.due_on.isoformat()})
            return redirect("legalaid:complaint_detail", complaint.pk)
    return render(request, "legalaid/complaint_form.html", {"form": form})


def complaint_of(request, pk):
    return get_object_or_404(Complaint.objects.visible_to(request.user).select_related("area", "lawyer", "case"),
                             pk=pk)


def render_complaint(request, complaint, form=None):
    writes = can_write(request.user, FUNCTION)
    return render(request, "legalaid/complaint_detail.html", {
        "complaint": complaint, "can_write": writes,
        "form": form or (ComplaintConcludeForm() if writes and not complaint.concluded_on else None),
    })


@function_required(FUNCTION)
def complaint_detail(request, pk):
    return render_complaint(request, complaint_of(request, pk))


@require_POST
@function_required(FUNCTION, write=True)
def complaint_conclude(request, pk):
    complaint = complaint_of(request, pk)
    form = ComplaintConcludeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_conclude(complaint=complaint, finding=data["finding"], handling=data["handling"],
                                        by=request.user, on=data["on"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("投诉已办结。"))
            return redirect("legalaid:complaint_detail", complaint.pk)
    return render_complaint(request, complaint_of(request, pk), form)

"""Records about many people at once: travel approvals (list), education sessions with their attendance, and
the meetings — review meetings (奖惩评审), risk meetings (风险研判) and difficult case deliberations (合议)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bureau.access import add_service_error, function_required
from corrections.apps import FUNCTION

from .. import services
from ..filters import EducationSessionFilterSet, TravelApprovalFilterSet
from ..forms import DecisionFormSet, DeliberatedCaseFormSet, MeetingForm, SessionForm, on_register_for
from ..models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    TravelApproval,
)
from ..tables import EducationSessionTable, TravelApprovalTable
from .common import CorrectionsListView

MEETINGS_SHOWN = 30

# --- Travel -----------------------------------------------------------------------------------------------


class TravelApprovalListView(CorrectionsListView):
    model = TravelApproval
    table_class = TravelApprovalTable
    filterset_class = TravelApprovalFilterSet
    template_name = "corrections/travelapproval_list.html"
    export_name = "外出审批"

    def get_queryset(self):
        return TravelApproval.objects.visible_to(self.request.user).select_related("supervisee__area")

    def get_table_kwargs(self):
        return {"can_write": self.request.user.can_write(FUNCTION)}


# --- Education sessions -----------------------------------------------------------------------------------


class EducationSessionListView(CorrectionsListView):
    model = EducationSession
    table_class = EducationSessionTable
    filterset_class = EducationSessionFilterSet
    template_name = "corrections/educationsession_list.html"
    export_name = "教育活动"

    def get_queryset(self):
        return (EducationSession.objects.visible_to(self.request.user).select_related("area")
                .annotate(attendee_count=Count("attendance")))


@function_required(FUNCTION)
def session_detail(request, pk):
    session = get_object_or_404(
        EducationSession.objects.visible_to(request.user).select_related("area", "recorded_by").prefetch_related(
            Prefetch("attendance", Attendance.objects.select_related("supervisee__area")
                     .order_by("supervisee__area__code", "supervisee__name"))),
        pk=pk,
    )
    return render(request, "corrections/educationsession_detail.html", {"session": session})


@function_required(FUNCTION, write=True)
def session_create(request):
    """The session and its attendance list. Changing the office reloads the list of people (htmx)."""
    initial = {"area": request.GET["area"]} if request.GET.get("area") else None
    form = SessionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_record(
                kind=data["kind"], title=data["title"], held_on=data["held_on"], area=data["area"],
                attendees=data["attendees"], hours=data["hours"], online=data["online"], by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记%(title)s，参加 %(n)d 人。") % {
                "title": session.title, "n": len(data["attendees"])})
            return redirect("corrections:session_detail", session.pk)
    return render(request, "corrections/educationsession_form.html", {"form": form})


# --- Meetings ---------------------------------------------------------------------------------------------


@function_required(FUNCTION)
def meeting_list(request):
    user = request.user
    return render(request, "corrections/meeting_list.html", {
        "reviews": ReviewMeeting.objects.visible_to(user).select_related("area").prefetch_related(
            Prefetch("decisions", AssessmentDecision.objects.select_related("supervisee").order_by("id"))
        )[:MEETINGS_SHOWN],
        "risk_meetings": RiskMeeting.objects.visible_to(user).select_related("area").prefetch_related(
            Prefetch("cases", RiskCase.objects.select_related("supervisee").order_by("id"))
        )[:MEETINGS_SHOWN],
        "deliberations": Deliberation.objects.visible_to(user).select_related("area").prefetch_related(
            Prefetch("cases", DeliberatedCase.objects.select_related("supervisee").order_by("id"))
        )[:MEETINGS_SHOWN],
        "shown": MEETINGS_SHOWN,
        "can_write": user.can_write(FUNCTION),
    })


def meeting_with_rows(request, *, formset_class, title, record, row_names, rows_title=""):
    """A meeting with its rows (decisions or cases), recorded by one service call."""
    people = on_register_for(request.user)
    form = MeetingForm(request.POST or None, user=request.user)
    formset = formset_class(request.POST or None, prefix="rows", people=people) if formset_class else None
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        rows = formset.rows(*row_names) if formset else None
        try:
            message = record(form.cleaned_data, rows)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, message)
            return redirect("corrections:meeting_list")
    return render(request, "corrections/meeting_form.html", {
        "form": form, "formset": formset, "title": title, "rows_title": rows_title})


@function_required(FUNCTION, write=True)
def review_meeting_create(request):
    def record(data, rows):
        services.review_meeting_record(by=request.user, decisions=rows, **data)
        return _("已登记奖惩评审会议，评审 %(n)d 人。") % {"n": len(rows)}

    return meeting_with_rows(request, formset_class=DecisionFormSet, title=_("登记奖惩评审会议"), record=record,
                             row_names=("supervisee", "kind", "reason"), rows_title=_("评审决定"))


@function_required(FUNCTION, write=True)
def risk_meeting_create(request):
    def record(data, rows):
        services.risk_meeting_record(by=request.user, **data)
        return _("已登记风险研判会议。研判发现的风险隐患请在对象页面登记，并选择本次会议。")

    return meeting_with_rows(request, formset_class=None, title=_("登记风险研判会议"), record=record, row_names=())


@function_required(FUNCTION, write=True)
def deliberation_create(request):
    def record(data, rows):
        services.deliberation_record(by=request.user, cases=rows, **data)
        return _("已登记重大疑难案件合议，合议 %(n)d 件。") % {"n": len(rows)}

    return meeting_with_rows(request, formset_class=DeliberatedCaseFormSet, title=_("登记重大疑难案件合议"),
                             record=record, row_names=("supervisee", "question", "decision"),
                             rows_title=_("合议案件"))

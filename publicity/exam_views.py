"""Pages of the law exam (exams, their unit lists with rates, participants) and of 谁执法谁普法 (indexes,
responsibility lists with reported work, evaluations ranked). Every record starts from `visible_to(user)` (a
record outside the user's area is a 404); every write is a service of exam_services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.access import AccessListView, add_service_error, function_required
from bureau.models import Area

from . import exam_services as services
from .apps import FUNCTION
from .exam_filters import (
    EvaluationFilterSet,
    EvaluationIndexFilterSet,
    ExamFilterSet,
    ExamUnitFilterSet,
    ParticipantFilterSet,
    ResponsibilityFilterSet,
)
from .exam_forms import DutyReportForm, EvaluationForm, EvaluationIndexForm, ExamForm, ExamUnitForm, ResponsibilityForm
from .exam_tables import (
    EvaluationIndexTable,
    EvaluationTable,
    ExamTable,
    ExamUnitTable,
    ParticipantTable,
    ResponsibilityTable,
    percent,
)
from .models import DutyAttachment, Evaluation, EvaluationIndex, Exam, ExamUnit, Participant, Responsibility

IMPORT_RESOURCE = "publicity.participant"


def _form_page(request, form, title, crumbs, template="publicity/exam/form.html", **context):
    """A form page; `crumbs` is [(url name, label)] of the list it belongs to."""
    url_name, label = crumbs[0]
    return render(request, template, {"form": form, "title": title, "back": reverse(url_name), "back_label": label,
                                      **context})


# --- Exams ------------------------------------------------------------------------------------------------


class ExamListView(AccessListView):
    function = FUNCTION
    model = Exam
    table_class = ExamTable
    filterset_class = ExamFilterSet
    template_name = "publicity/exam/exam_list.html"
    export_name = "学法考试"

    def get_queryset(self):
        return Exam.objects.visible_to(self.request.user).select_related("area").with_counts()


def exam_of(request, pk):
    return get_object_or_404(Exam.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION, write=True)
def exam_create(request):
    today = timezone.localdate()
    form = ExamForm(request.POST or None, user=request.user, initial={
        "year": today.year, "name": _("%(year)s年度国家工作人员学法考试") % {"year": today.year}})
    if request.method == "POST" and form.is_valid():
        try:
            exam = services.exam_create(exam=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记“%(name)s”，请添加参考单位及应参考人数。") % {"name": exam.name})
            return redirect(exam)
    return _form_page(request, form, _("登记学法考试"), [("publicity:exam_list", _("学法考试"))])


@function_required(FUNCTION, write=True)
def exam_edit(request, pk):
    exam = exam_of(request, pk)
    form = ExamForm(request.POST or None, instance=exam, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.exam_update(exam=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(exam)
    return _form_page(request, form, _("修改学法考试"), [("publicity:exam_list", _("学法考试"))])


class ExamDetailView(AccessListView):
    """The exam and its units with their counts and rates (sortable, exported to Excel)."""

    function = FUNCTION
    model = ExamUnit
    table_class = ExamUnitTable
    filterset_class = ExamUnitFilterSet
    template_name = "publicity/exam/exam_detail.html"
    table_pagination = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.exam = get_object_or_404(
                Exam.objects.visible_to(request.user).select_related("area").with_counts(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def export_name(self):
        return self.exam.name

    def get_queryset(self):
        return ExamUnit.objects.filter(exam=self.exam).select_related("unit", "exam").with_counts()

    def get_context_data(self, **kwargs):
        exam = self.exam
        totals = {"participation_rate": percent(_rate(exam.participant_count, exam.eligible_total)),
                  "excellent_rate": percent(_rate(exam.excellent_count, exam.participant_count))}
        return super().get_context_data(
            exam=exam, totals=totals, import_resource=IMPORT_RESOURCE,
            unit_form=ExamUnitForm(user=self.request.user, exam=exam), **kwargs)


def _rate(part, whole):
    from figures.stats import rate

    return rate(part, whole)


@function_required(FUNCTION, write=True)
def exam_unit_set(request, pk):
    exam = exam_of(request, pk)
    form = ExamUnitForm(request.POST or None, user=request.user, exam=exam)
    if request.method == "POST" and form.is_valid():
        try:
            services.exam_unit_set(exam=exam, unit=form.cleaned_data["unit"], eligible=form.cleaned_data["eligible"],
                                   by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存“%(unit)s”的应参考人数。") % {"unit": form.cleaned_data["unit"]})
            return redirect(exam)
    return _form_page(request, form, _("参考单位及应参考人数"),
                      [("publicity:exam_list", _("学法考试"))], exam=exam)


class ParticipantListView(AccessListView):
    function = FUNCTION
    model = Participant
    table_class = ParticipantTable
    filterset_class = ParticipantFilterSet
    template_name = "publicity/exam/participant_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.exam = exam_of(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def export_name(self):
        return _("%(name)s参考人员") % {"name": self.exam.name}

    def get_queryset(self):
        return Participant.objects.filter(exam=self.exam).select_related("unit")

    def get_context_data(self, **kwargs):
        return super().get_context_data(exam=self.exam, **kwargs)


# --- 谁执法谁普法 -----------------------------------------------------------------------------------------


class EvaluationIndexListView(AccessListView):
    function = FUNCTION
    model = EvaluationIndex
    table_class = EvaluationIndexTable
    filterset_class = EvaluationIndexFilterSet
    template_name = "publicity/exam/evaluationindex_list.html"
    export_name = "普法履职评议指标"

    def get_queryset(self):
        return EvaluationIndex.objects.visible_to(self.request.user).select_related("area")


@function_required(FUNCTION, write=True)
def evaluation_index_create(request):
    form = EvaluationIndexForm(request.POST or None, user=request.user,
                               initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            index = services.evaluation_index_add(index=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已添加评议指标“%(name)s”。") % {"name": index.name})
            return redirect("publicity:evaluation_index_list")
    return _form_page(request, form, _("添加评议指标"), [("publicity:evaluation_index_list", _("评议指标"))])


class ResponsibilityListView(AccessListView):
    function = FUNCTION
    model = Responsibility
    table_class = ResponsibilityTable
    filterset_class = ResponsibilityFilterSet
    template_name = "publicity/exam/responsibility_list.html"
    export_name = "普法责任清单"

    def get_queryset(self):
        return (Responsibility.objects.visible_to(self.request.user).select_related("unit")
                .annotate(report_count=Count("reports")))


@function_required(FUNCTION, write=True)
def responsibility_create(request):
    form = ResponsibilityForm(request.POST or None, user=request.user, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.responsibility_add(responsibility=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已添加责任清单事项。"))
            return redirect(item)
    return _form_page(request, form, _("添加责任清单事项"), [("publicity:responsibility_list", _("普法责任清单"))])


@function_required(FUNCTION)
def responsibility_detail(request, pk):
    item = get_object_or_404(Responsibility.objects.visible_to(request.user).select_related("unit", "area"), pk=pk)
    form = DutyReportForm(request.POST or None, request.FILES or None,
                          initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.responsibility = item
        try:
            services.duty_report(report=report, attachments=form.cleaned_data["attachments"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已报送履职情况。"))
            return redirect(item)
    reports = item.reports.select_related("created_by").prefetch_related("attachments")
    return render(request, "publicity/exam/responsibility_detail.html",
                  {"item": item, "reports": reports, "form": form,
                   "can_write": request.user.can_write(FUNCTION)})


@function_required(FUNCTION)
def duty_attachment_download(request, pk):
    attachment = get_object_or_404(DutyAttachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), filename=attachment.name, as_attachment=not attachment.is_image)


class EvaluationListView(AccessListView):
    """The evaluations ranked within their district and year (ties share a rank)."""

    function = FUNCTION
    model = Evaluation
    table_class = EvaluationTable
    filterset_class = EvaluationFilterSet
    template_name = "publicity/exam/evaluation_list.html"
    export_name = "谁执法谁普法履职评议"

    def get_queryset(self):
        return Evaluation.objects.visible_to(self.request.user).select_related("unit").ranked()

    def get_table_kwargs(self):
        return {"order_by": ("-year", "rank")} if "sort" not in self.request.GET else {}


def _district_of(request):
    """The district an evaluation is entered for: `?area=<code>` (an administrator), else the user's own."""
    code = request.GET.get("area") or (request.user.area.code if request.user.area.level == Area.Level.DISTRICT
                                       else None)
    if not code:
        raise Http404
    return get_object_or_404(Area.objects.visible_to(request.user), code=code, level=Area.Level.DISTRICT)


@function_required(FUNCTION, write=True)
def evaluation_create(request):
    area = _district_of(request)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404
    indexes = list(EvaluationIndex.objects.filter(area=area, year=year))
    form = EvaluationForm(request.POST or None, user=request.user, area=area, indexes=indexes,
                          initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.area, evaluation.year = area, year
        try:
            services.evaluation_record(evaluation=evaluation, scores=form.scores(), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存%(unit)s的评议结果，总分%(total)s分。") % {
                "unit": evaluation.unit, "total": evaluation.total})
            return redirect(evaluation)
    return _form_page(request, form, _("%(area)s%(year)s年度普法履职评议") % {"area": area.name, "year": year},
                      [("publicity:evaluation_list", _("履职评议"))], indexes=indexes, year=year)


@function_required(FUNCTION)
def evaluation_detail(request, pk):
    evaluation = get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related("unit", "area").ranked(), pk=pk)
    return render(request, "publicity/exam/evaluation_detail.html", {
        "evaluation": evaluation,
        "scores": evaluation.scores.select_related("index"),
        "reports": Responsibility.objects.filter(unit=evaluation.unit, year=evaluation.year)
        .annotate(report_count=Count("reports")),
    })

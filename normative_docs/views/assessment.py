"""法治建设考评: rounds, their framework (categories, items), the units assessed, evidence, scores, the matrix of
units × items, and the ranking with its Excel export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bureau import excel
from bureau.access import access_required, add_service_error, function_required
from bureau.actions import Action, run_action

from .. import rol_services as services
from ..apps import FUNCTION
from ..models import (
    AssessedUnit,
    AssessmentEvidence,
    AssessmentItem,
    AssessmentRound,
    AssessmentScore,
    RoundStatus,
    Unit,
)
from ..permissions import is_unit_user, section_writes
from ..rol_filters import RoundFilterSet
from ..rol_forms import (
    CategoryForm,
    CopyFrameworkForm,
    EvidenceForm,
    ItemForm,
    OnForm,
    RoundForm,
    RoundUnitsForm,
    ScoresForm,
)
from ..rol_tables import RoundTable
from .rol_common import SECTION, RolListView, create_page


class RoundListView(RolListView):
    model = AssessmentRound
    table_class = RoundTable
    filterset_class = RoundFilterSet
    title = gettext_lazy("法治建设考评")
    create_url = reverse_lazy("normative_docs:round_create")

    def get_queryset(self):
        return super().get_queryset().annotate(units=Count("assessed", distinct=True),
                                               items=Count("categories__items", distinct=True))


@access_required(SECTION, write=True)
def round_create(request):
    form = RoundForm(request.POST or None, user=request.user)
    return create_page(
        request, form, lambda f: services.round_create(round=f.save(commit=False), by=request.user),
        title=_("新建法治建设考评"), back=reverse("normative_docs:round_list"), back_label=_("法治建设考评"),
        success=lambda r: _("已新建“%(t)s”，请设置考评类别、项目和被考评单位。") % {"t": r.title})


def round_of(request, pk):
    return get_object_or_404(AssessmentRound.objects.visible_to(request.user).select_related("area"), pk=pk)


def _items(round_):
    return list(AssessmentItem.objects.filter(category__round=round_).select_related("category"))


@access_required(SECTION)
def round_detail(request, pk):
    """The framework and the matrix units × items (a unit sees its own row): scores, and the evidence counts."""
    round_ = round_of(request, pk)
    user = request.user
    categories = list(round_.categories.annotate(n=Count("items")))
    items = _items(round_)
    assessed = list(AssessedUnit.objects.visible_to(user).filter(round=round_).select_related("unit"))
    scores = {(s.unit_id, s.item_id): s for s in AssessmentScore.objects.visible_to(user).filter(
        item__category__round=round_)}
    evidence = dict(((u, i), n) for u, i, n in AssessmentEvidence.objects.visible_to(user).filter(
        item__category__round=round_).values_list("unit", "item").annotate(n=Count("pk")).values_list(
        "unit", "item", "n"))
    matrix = [(a.unit, [(item, scores.get((a.unit_id, item.pk)), evidence.get((a.unit_id, item.pk), 0))
                        for item in items]) for a in assessed]
    writes = section_writes(user) and round_.status == RoundStatus.OPEN
    return render(request, "normative_docs/rol/round_detail.html", {
        "round": round_, "categories": categories, "items": items, "matrix": matrix, "writes": writes,
        "unit_user": is_unit_user(user), "open": round_.status == RoundStatus.OPEN,
        "source_labels": {item.pk: services.source_label(item.source) for item in items if item.source},
        "has_sources": any(item.source for item in items),
    })


def _framework_page(request, pk, form_class, save, title, success, **form_kwargs):
    round_ = round_of(request, pk)
    SECTION.check(request.user, write=True)
    form = form_class(request.POST or None, **{k: (round_ if v == "round" else v) for k, v in form_kwargs.items()})
    return create_page(request, form, lambda f: save(round_, f), title=title, back=round_.get_absolute_url(),
                       back_label=round_.title, success=success)


@function_required(FUNCTION, write=True)
def category_create(request, pk):
    def save(round_, form):
        category = form.save(commit=False)
        category.round = round_
        services.category_add(category=category, by=request.user)
        category.get_absolute_url = round_.get_absolute_url
        return category

    return _framework_page(request, pk, CategoryForm, save, _("添加考评类别"),
                           lambda c: _("已添加考评类别“%(n)s”。") % {"n": c.name})


@function_required(FUNCTION, write=True)
def item_create(request, pk):
    def save(round_, form):
        item = services.item_add(item=form.save(commit=False), by=request.user)
        item.get_absolute_url = round_.get_absolute_url
        return item

    return _framework_page(request, pk, ItemForm, save, _("添加考评项目"),
                           lambda i: _("已添加考评项目“%(n)s”。") % {"n": i.name}, round="round")


@function_required(FUNCTION, write=True)
def round_units(request, pk):
    def save(round_, form):
        added = services.round_units_add(round=round_, units=form.cleaned_data["units"], by=request.user)
        round_.added = len(added)
        return round_

    return _framework_page(request, pk, RoundUnitsForm, save, _("添加被考评单位"),
                           lambda r: _("已添加%(n)s个被考评单位。") % {"n": r.added}, round="round",
                           user=request.user)


@function_required(FUNCTION, write=True)
def score_entry(request, pk, unit):
    """A reviewer's scores of one unit on every item typed by hand, with comments; the unit's evidence beside."""
    round_ = round_of(request, pk)
    unit = get_object_or_404(Unit.objects.visible_to(request.user).filter(assessments__round=round_), pk=unit)
    SECTION.check(request.user, write=True)
    items = _items(round_)
    current = {s.item_id: s for s in AssessmentScore.objects.filter(item__category__round=round_, unit=unit)}
    form = ScoresForm(request.POST or None, items=items, scores=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_enter(round=round_, unit=unit, scores=form.scores(), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存%(u)s的评分。") % {"u": unit})
            return redirect(round_)
    evidence = AssessmentEvidence.objects.filter(item__category__round=round_, unit=unit).select_related("item")
    return render(request, "normative_docs/rol/score_form.html", {
        "round": round_, "unit": unit, "form": form, "evidence": evidence,
        "computed": [(item, current.get(item.pk)) for item in items if item.source],
    })


@function_required(FUNCTION, write=True)
def evidence_create(request, pk, item):
    """A unit's evidence for an item (a unit user for their own unit; the section for any unit assessed)."""
    round_ = round_of(request, pk)
    item = get_object_or_404(AssessmentItem.objects.filter(category__round=round_).select_related("category"),
                             pk=item)
    form = EvidenceForm(request.POST or None, request.FILES or None, user=request.user, round=round_)

    def save(f):
        evidence = services.evidence_submit(evidence=AssessmentEvidence(item=item, **{
            k: f.cleaned_data[k] for k in ("unit", "description")}), upload=f.cleaned_data["upload"],
            by=request.user)
        evidence.get_absolute_url = round_.get_absolute_url
        return evidence

    return create_page(request, form, save, title=_("报送佐证材料：%(i)s") % {"i": item.name},
                       back=round_.get_absolute_url(), back_label=round_.title, multipart=True,
                       success=lambda e: _("已报送佐证材料。"))


@access_required(SECTION)
def evidence_download(request, pk):
    evidence = get_object_or_404(AssessmentEvidence.objects.visible_to(request.user).exclude(file=""), pk=pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)


@require_POST
@function_required(FUNCTION, write=True)
def round_compute(request, pk):
    round_ = round_of(request, pk)
    SECTION.check(request.user, write=True)
    try:
        n = services.round_compute_sources(round=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已按数据来源计算%(n)s项得分。") % {"n": n})
    return redirect(round_)


def close(round_, by, data):
    services.round_close(round=round_, on=data["on"], by=by)
    return _("已公布考评结果。")


CLOSE = Action(gettext_lazy("公布结果"), OnForm, close, icon="megaphone")


@function_required(FUNCTION, write=True)
def round_close(request, pk):
    round_ = round_of(request, pk)
    SECTION.check(request.user, write=True)
    refused = _("该考评已公布结果，不能再修改。") if round_.status != RoundStatus.OPEN else None
    crumbs = [(reverse("normative_docs:round_list"), _("法治建设考评")), (round_.get_absolute_url(), round_.title)]
    return run_action(request, round_, CLOSE, title=round_.title, crumbs=crumbs, refused=refused)


def copy_framework(round_, by, data):
    categories, items, units = services.round_framework_copy(source=data["source"], target=round_, by=by,
                                                             with_units=data["with_units"])
    return _("已从“%(s)s”复制%(c)s个考评类别、%(i)s个考评项目、%(u)s个被考评单位。") % {
        "s": data["source"].title, "c": categories, "i": items, "u": units}


COPY = Action(gettext_lazy("复制考评框架"), CopyFrameworkForm, copy_framework, icon="copy")


@function_required(FUNCTION, write=True)
def round_copy(request, pk):
    """A new year's round takes last year's categories and items (and units, if asked) in one step."""
    round_ = round_of(request, pk)
    SECTION.check(request.user, write=True)
    refused = _("该考评已公布结果，不能再修改。") if round_.status != RoundStatus.OPEN else None
    crumbs = [(reverse("normative_docs:round_list"), _("法治建设考评")), (round_.get_absolute_url(), round_.title)]
    return run_action(request, round_, COPY, title=round_.title, crumbs=crumbs, refused=refused,
                      form_kwargs={"subject": round_, "user": request.user})


@access_required(SECTION)
def round_ranking(request, pk):
    """Totals by category and the dense ranking; `?_export=xlsx` downloads it. A unit sees its own row."""
    round_ = round_of(request, pk)
    categories, rows = round_.results()
    if is_unit_user(request.user):
        own = set(Unit.objects.visible_to(request.user).values_list("pk", flat=True))
        rows = [row for row in rows if row.unit.pk in own]
    items = AssessmentItem.objects.filter(category__round=round_).count()
    if request.GET.get("_export") == "xlsx":
        book = excel.workbook()
        header = [_("排名"), _("单位"), _("单位类型"),
                  *(f"{c.name}（{c.weight}{_('分')}）" for c in categories), _("总分"), _("已评项目")]
        excel.sheet(book, _("考评排名"), header, [
            [row.rank, row.unit.name, row.unit.get_kind_display(), *row.points, row.total, f"{row.scored}/{items}"]
            for row in rows], caption=round_.title, widths={"B": 28})
        return excel.download(book, f"{round_.title}排名")
    return render(request, "normative_docs/rol/round_ranking.html", {
        "round": round_, "categories": categories, "rows": rows, "items": items,
        "total_weight": sum((c.weight for c in categories), 0)})


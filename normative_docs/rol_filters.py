"""One FilterSet per list of major decisions, enforcement supervision, counsel, 述法 and the assessment, used by
the pages and the API alike."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range

from .models import (
    AffairKind,
    AssessmentRound,
    CounselEngagement,
    DecisionStatus,
    EnforcementOfficer,
    EnforcementTraining,
    Evaluation,
    FileReview,
    Handler,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    RoundStatus,
    ShufaForm,
    ShufaReport,
    Unit,
)


def visible_units(request):
    return Unit.objects.visible_to(request.user) if request is not None else Unit.objects.none()


def _unit_filter(label=_("单位"), field_name="unit"):
    return django_filters.ModelChoiceFilter(label=label, field_name=field_name, queryset=visible_units,
                                            empty_label=_("全部"))


class MajorDecisionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("决策事项"), field_name="title", lookup_expr="icontains")
    year = django_filters.NumberFilter(label=_("目录年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=DecisionStatus.choices, empty_label=_("全部"))
    hearing = django_filters.BooleanFilter(label=_("仅看听证目录"), widget=forms.CheckboxInput,
                                           method="filter_hearing")
    unit = _unit_filter(_("承办单位"))

    class Meta:
        model = MajorDecision
        fields = ["q", "year", "status", "hearing", "unit"]

    def filter_hearing(self, queryset, name, value):
        return queryset.filter(hearing=True) if value else queryset


class FileReviewFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("评查活动"), field_name="title", lookup_expr="icontains")
    started = date_range(_("开始日期"), "started_on")

    class Meta:
        model = FileReview
        fields = ["q", "started"]


class ReviewedFileFilterSet(django_filters.FilterSet):
    unit = _unit_filter(_("执法单位"))
    open = django_filters.BooleanFilter(label=_("仅看待整改"), widget=forms.CheckboxInput, method="filter_open")

    class Meta:
        model = ReviewedFile
        fields = ["review", "unit", "open"]

    def filter_open(self, queryset, name, value):
        return queryset.open_rectifications() if value else queryset


class EnforcementTrainingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("培训名称"), field_name="title", lookup_expr="icontains")
    held = date_range(_("培训日期"), "held_on")

    class Meta:
        model = EnforcementTraining
        fields = ["q", "held"]


class OfficerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或证号"), method="filter_q")
    unit = _unit_filter(_("所在单位"))
    valid = django_filters.BooleanFilter(label=_("仅看有效"), widget=forms.CheckboxInput, method="filter_valid")

    class Meta:
        model = EnforcementOfficer
        fields = ["q", "unit", "valid"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(certificate_number__icontains=value))

    def filter_valid(self, queryset, name, value):
        return queryset.valid_on(timezone.localdate()) if value else queryset


class EngagementFilterSet(django_filters.FilterSet):
    unit = _unit_filter(_("聘请单位"))
    firm = django_filters.CharFilter(label=_("律师事务所"), field_name="firm__name", lookup_expr="icontains")
    engaged = django_filters.BooleanFilter(label=_("仅看在聘"), widget=forms.CheckboxInput, method="filter_engaged")
    evaluation = django_filters.ChoiceFilter(label=_("期满评价"), choices=Evaluation.choices, empty_label=_("全部"))

    class Meta:
        model = CounselEngagement
        fields = ["unit", "firm", "engaged", "evaluation"]

    def filter_engaged(self, queryset, name, value):
        return queryset.engaged_on(timezone.localdate()) if value else queryset


class LegalAffairFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("事项"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("事务类型"), choices=AffairKind.choices, empty_label=_("全部"))
    handler = django_filters.ChoiceFilter(label=_("承办"), choices=Handler.choices, empty_label=_("全部"))
    unit = _unit_filter(_("委托单位"))
    handled = date_range(_("办结日期"), "handled_on")

    class Meta:
        model = LegalAffair
        fields = ["q", "kind", "handler", "unit", "handled"]


class ShufaFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("述法年度"))
    form = django_filters.ChoiceFilter(label=_("述法形式"), choices=ShufaForm.choices, empty_label=_("全部"))
    unit = _unit_filter(_("述法单位"))

    class Meta:
        model = ShufaReport
        fields = ["year", "form", "unit"]


class RoundFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("考评年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=RoundStatus.choices, empty_label=_("全部"))

    class Meta:
        model = AssessmentRound
        fields = ["year", "status"]

"""One FilterSet per list of the law exam and 谁执法谁普法, used by the pages and the API alike."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range
from normative_docs.models import Unit

from .models import Evaluation, EvaluationIndex, Exam, ExamUnit, Participant, Responsibility


def visible_units(request):
    if request is None:
        return Unit.objects.none()
    return Unit.objects.visible_to(request.user).select_related("area")


class ExamFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    held = date_range(_("考试日期"), "held_from")

    class Meta:
        model = Exam
        fields = ["year", "held"]


class ExamUnitFilterSet(django_filters.FilterSet):
    """The units of one exam; `below` keeps those under the exam's participation threshold."""

    q = django_filters.CharFilter(label=_("单位"), field_name="unit__name", lookup_expr="icontains")
    below = django_filters.BooleanFilter(label=_("仅看参考率未达标"), method="filter_below", widget=forms.CheckboxInput)

    class Meta:
        model = ExamUnit
        fields = ["q", "below"]

    def filter_below(self, queryset, name, value):
        return queryset.filter(participants__lt=F("eligible") * F("exam__participation_threshold")) if value \
            else queryset


class ParticipantFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或工号"), method="filter_q")
    unit = django_filters.ModelChoiceFilter(label=_("单位"), queryset=visible_units, empty_label=_("全部"))
    exam = django_filters.ModelChoiceFilter(
        label=_("学法考试"), widget=forms.HiddenInput,
        queryset=lambda request: Exam.objects.visible_to(request.user) if request else Exam.objects.none())

    class Meta:
        model = Participant
        fields = ["q", "unit", "exam"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(staff_number__icontains=value))


class ResponsibilityFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    unit = django_filters.ModelChoiceFilter(label=_("责任单位"), queryset=visible_units, empty_label=_("全部"))
    q = django_filters.CharFilter(label=_("关键词"), field_name="content", lookup_expr="icontains")

    class Meta:
        model = Responsibility
        fields = ["year", "unit", "q"]


class EvaluationFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))

    class Meta:
        model = Evaluation
        fields = ["year"]


class EvaluationIndexFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))

    class Meta:
        model = EvaluationIndex
        fields = ["year"]

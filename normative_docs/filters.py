"""One FilterSet per list of 法治政府, used by the pages and by the API alike (normative_docs.api)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range

from .models import (
    Decision,
    Document,
    Instance,
    Judgment,
    Kind,
    Litigation,
    Matter,
    Reconsideration,
    ReconsiderationStatus,
    Status,
    Topic,
    Unit,
    UnitKind,
)

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


def visible_units(request):
    if request is None:
        return Unit.objects.none()
    return Unit.objects.visible_to(request.user)


class DocumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("文件名称或文号"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("文件类别"), choices=Kind.choices, empty_label=_("全部"))
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=Status.choices,
                                                 widget=forms.SelectMultiple(attrs={"size": 1}))
    topic = django_filters.ChoiceFilter(label=_("专题"), choices=Topic.choices, empty_label=_("全部"))
    unit = django_filters.ModelChoiceFilter(label=_("起草单位"), queryset=visible_units, empty_label=_("全部"))
    unfiled = django_filters.BooleanFilter(label=_("仅看未备案"), method="filter_unfiled", widget=forms.CheckboxInput)
    in_force = django_filters.BooleanFilter(label=_("仅看现行有效"), method="filter_in_force",
                                            widget=forms.CheckboxInput)
    submitted = date_range(_("首次报送日期"), "submitted_on")
    issued = date_range(_("印发日期"), "issued_on")

    class Meta:
        model = Document
        fields = ["q", "kind", "status", "topic", "unit", "unfiled", "in_force", "submitted", "issued"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(number__icontains=value))

    def filter_unfiled(self, queryset, name, value):
        return queryset.unfiled() if value else queryset

    def filter_in_force(self, queryset, name, value):
        return queryset.in_force_on(timezone.localdate()) if value else queryset


class ReconsiderationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("案号或当事人"), method="filter_q")
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=ReconsiderationStatus.choices,
                                                 widget=forms.SelectMultiple(attrs={"size": 1}))
    decision = django_filters.ChoiceFilter(label=_("审结方式"), choices=Decision.choices, empty_label=_("全部"))
    matter = django_filters.ChoiceFilter(label=_("行政行为类别"), choices=Matter.choices, empty_label=_("全部"))
    unit = django_filters.ModelChoiceFilter(label=_("被申请人单位"), field_name="respondent_unit",
                                            queryset=visible_units, empty_label=_("全部"))
    carried_over = django_filters.DateFilter(
        label=_("结转至该日"), method="filter_carried_over", widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("该日前受理、该日仍未审结的案件（上期结转）。"))
    received = date_range(_("收到申请日期"), "received_on")
    accepted = date_range(_("受理日期"), "accepted_on")
    decided = date_range(_("审结日期"), "decided_on")

    class Meta:
        model = Reconsideration
        fields = ["q", "status", "decision", "matter", "unit", "carried_over", "received", "accepted", "decided"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(applicant__icontains=value)
                               | Q(respondent__icontains=value))

    def filter_carried_over(self, queryset, name, value):
        """Accepted before `value` and not concluded before it: the cases carried over into a period from it."""
        if not value:
            return queryset
        return queryset.filter(accepted_on__lt=value).filter(Q(decided_on__isnull=True) | Q(decided_on__gte=value))


class LitigationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("案号或当事人"), method="filter_q")
    instance = django_filters.ChoiceFilter(label=_("审级"), choices=Instance.choices, empty_label=_("全部"))
    judgment = django_filters.ChoiceFilter(label=_("裁判结果"), choices=Judgment.choices, empty_label=_("全部"))
    open = django_filters.BooleanFilter(label=_("仅看未结案"), method="filter_open", widget=forms.CheckboxInput)
    lost = django_filters.BooleanFilter(label=_("败诉"), widget=forms.Select(choices=YES_NO))
    unit = django_filters.ModelChoiceFilter(label=_("被告单位"), field_name="defendant_unit",
                                            queryset=visible_units, empty_label=_("全部"))
    received = date_range(_("收到应诉通知日期"), "received_on")
    concluded = date_range(_("判决或裁定日期"), "concluded_on")

    class Meta:
        model = Litigation
        fields = ["q", "instance", "judgment", "open", "lost", "unit", "received", "concluded"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(case_number__icontains=value) | Q(plaintiff__icontains=value)
                               | Q(defendant__icontains=value))

    def filter_open(self, queryset, name, value):
        return queryset.open() if value else queryset


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("单位名称"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("单位类型"), choices=UnitKind.choices, empty_label=_("全部"))
    is_active = django_filters.BooleanFilter(label=_("存续"), widget=forms.Select(choices=YES_NO))

    class Meta:
        model = Unit
        fields = ["q", "kind", "is_active"]

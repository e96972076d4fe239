"""One FilterSet per list of lawyer supervision (律师执业监管), shared by the pages and /api/v1/lawyers/…."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range

from .models import (
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    Finding,
    FoundBy,
    InspectionCampaign,
    InspectionKind,
    Inspector,
    PlanStatus,
    RandomInspectionPlan,
    SupervisionVisit,
    Violation,
    ViolationKind,
    ViolationStatus,
    VisitItem,
)

CHECKBOX = forms.CheckboxInput
YES_NO = forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])


def subject_named(queryset, value):
    """Records about a lawyer or firm whose name holds `value`."""
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(Q(lawyer__name__icontains=value) | Q(firm__name__icontains=value))


class CampaignFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("考核年度"))
    kind = django_filters.ChoiceFilter(label=_("考核对象"), choices=InspectionKind.choices, empty_label=_("全部"))

    class Meta:
        model = InspectionCampaign
        fields = ["year", "kind"]


class InspectorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或执法证号"), method="filter_q")
    is_active = django_filters.BooleanFilter(label=_("在库"), widget=YES_NO)

    class Meta:
        model = Inspector
        fields = ["q", "is_active"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(certificate_number__icontains=value)) if value \
            else queryset


class PlanFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=PlanStatus.choices, empty_label=_("全部"))

    class Meta:
        model = RandomInspectionPlan
        fields = ["year", "status"]


class VisitFilterSet(django_filters.FilterSet):
    firm = django_filters.CharFilter(label=_("律师事务所"), field_name="firm__name", lookup_expr="icontains")
    item = django_filters.ChoiceFilter(label=_("检查事项"), choices=VisitItem.choices, method="filter_item",
                                       empty_label=_("全部"))
    visited = date_range(_("检查日期"), "visited_on")

    class Meta:
        model = SupervisionVisit
        fields = ["firm", "item", "visited"]

    def filter_item(self, queryset, name, value):
        return queryset.filter(items__contains=[value])


class ComplaintFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("投诉人或被投诉人"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ComplaintStatus.choices, empty_label=_("全部"))
    source = django_filters.ChoiceFilter(label=_("投诉来源"), choices=ComplaintSource.choices, empty_label=_("全部"))
    finding = django_filters.ChoiceFilter(label=_("调查结论"), choices=Finding.choices, empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(label=_("仅看超期"), method="filter_overdue", widget=CHECKBOX)
    received = date_range(_("收到日期"), "received_on")

    class Meta:
        model = Complaint
        fields = ["q", "status", "source", "finding", "overdue", "received"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(complainant_name__icontains=value) | Q(lawyer__name__icontains=value)
                               | Q(firm__name__icontains=value))

    def filter_overdue(self, queryset, name, value):
        """Past the clock that runs now: acceptance while awaiting it, conclusion while under investigation."""
        if not value:
            return queryset
        return queryset.filter(complaint_overdue(timezone.localdate()))


def complaint_overdue(today):
    return (Q(status=ComplaintStatus.RECEIVED, acceptance_due_on__lt=today)
            | Q(status=ComplaintStatus.ACCEPTED, conclusion_due_on__lt=today))


class ViolationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("律师或律师事务所"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("违规类型"), choices=ViolationKind.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ViolationStatus.choices, empty_label=_("全部"))
    found_by = django_filters.ChoiceFilter(label=_("发现途径"), choices=FoundBy.choices, empty_label=_("全部"))
    rectifying = django_filters.BooleanFilter(label=_("仅看仍在整改"), method="filter_rectifying", widget=CHECKBOX)
    found = date_range(_("发现日期"), "found_on")

    class Meta:
        model = Violation
        fields = ["q", "kind", "status", "found_by", "rectifying", "found"]

    def filter_q(self, queryset, name, value):
        return subject_named(queryset, value)

    def filter_rectifying(self, queryset, name, value):
        """Not closed yet (lawyers.violations_rectifying counts these at a period's end)."""
        return queryset.open() if value else queryset

"""One FilterSet per list of people's mediation, used by the pages (and by an API alike)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets

from .models import (
    Case,
    DisputeType,
    FoundDispute,
    Kind,
    Mediator,
    Organisation,
    Outcome,
    RiskLevel,
    ScreeningRound,
    Source,
    Status,
    Training,
)


def visible_organisations(request):
    if request is None:
        return Organisation.objects.none()
    return Organisation.objects.visible_to(request.user)


def in_street(queryset, street):
    """Records of a street and of its communities."""
    return queryset.filter(area__path__startswith=street.path)


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("编号或当事人"), method="filter_q")
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=Status.choices,
                                                 widget=forms.SelectMultiple(attrs={"size": 1}))
    outcome = django_filters.ChoiceFilter(label=_("调解结果"), choices=Outcome.choices, empty_label=_("全部"))
    dispute_type = django_filters.ChoiceFilter(label=_("纠纷类型"), choices=DisputeType.choices, empty_label=_("全部"))
    source = django_filters.ChoiceFilter(label=_("案件来源"), choices=Source.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    organisation = django_filters.ModelChoiceFilter(label=_("调解组织"), queryset=visible_organisations,
                                                    empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(label=_("仅看超期"), method="filter_overdue", widget=forms.CheckboxInput)
    accepted = date_range(_("受理日期"), "accepted_on")  # ?accepted_after=…&accepted_before=…

    class Meta:
        model = Case
        fields = ["q", "status", "outcome", "dispute_type", "source", "street", "organisation", "overdue", "accepted"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(parties__name__icontains=value)).distinct()

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_overdue(self, queryset, name, value):
        """Open cases past their deadline (`Case.is_overdue`), in one condition of the list's query."""
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=Kind.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    unfiled = django_filters.BooleanFilter(label=_("仅看未备案"), method="filter_unfiled", widget=forms.CheckboxInput)
    founded = date_range(_("成立日期"), "founded_on")

    class Meta:
        model = Organisation
        fields = ["q", "kind", "street", "unfiled", "founded"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_unfiled(self, queryset, name, value):
        return queryset.unfiled() if value else queryset


class MediatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    organisation = django_filters.ModelChoiceFilter(label=_("调解组织"), queryset=visible_organisations,
                                                    empty_label=_("全部"))
    kind = django_filters.ChoiceFilter(label=_("专兼职"), choices=Mediator.Kind.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    serving = django_filters.BooleanFilter(label=_("仅看在任"), method="filter_serving", widget=forms.CheckboxInput)
    from_on = date_range(_("任职日期"), "from_on")

    class Meta:
        model = Mediator
        fields = ["q", "organisation", "kind", "street", "serving", "from_on"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_serving(self, queryset, name, value):
        return queryset.active_on(timezone.localdate()) if value else queryset



class ScreeningRoundFilterSet(django_filters.FilterSet):
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    organisation = django_filters.ModelChoiceFilter(label=_("调解组织"), queryset=visible_organisations,
                                                    empty_label=_("全部"))
    started = date_range(_("开始日期"), "started_on")  # ?started_after=…&started_before=…

    class Meta:
        model = ScreeningRound
        fields = ["street", "organisation", "started"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)


class FoundDisputeFilterSet(django_filters.FilterSet):
    risk_level = django_filters.ChoiceFilter(label=_("风险等级"), choices=RiskLevel.choices, empty_label=_("全部"))
    dispute_type = django_filters.ChoiceFilter(label=_("纠纷类型"), choices=DisputeType.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    without_case = django_filters.BooleanFilter(label=_("仅看未转为案件"), method="filter_without_case",
                                                widget=forms.CheckboxInput)
    found = date_range(_("发现日期"), "found_on")

    class Meta:
        model = FoundDispute
        fields = ["risk_level", "dispute_type", "street", "without_case", "found"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_without_case(self, queryset, name, value):
        return queryset.without_case() if value else queryset


class TrainingFilterSet(django_filters.FilterSet):
    held = date_range(_("培训日期"), "held_on")
    online = django_filters.BooleanFilter(label=_("培训方式"), widget=forms.Select(choices=[
        ("", _("全部")), ("true", _("线上")), ("false", _("线下"))]))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))

    class Meta:
        model = Training
        fields = ["held", "online", "street"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

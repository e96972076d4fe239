"""One FilterSet per list of people's mediation, used by the pages (and by an API alike)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets

from .models import Case, DisputeType, Kind, Mediator, Organisation, Outcome, Source, Status, conclusion_due


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
        if not value:
            return queryset
        today = timezone.localdate()
        overdue = [pk for pk, accepted_on, extended_to in
                   queryset.open().order_by().values_list("pk", "accepted_on", "extended_to")
                   if (extended_to or conclusion_due(accepted_on)) < today]
        return queryset.filter(pk__in=overdue)


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


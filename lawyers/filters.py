"""One FilterSet per list, shared by the HTML pages and the API (/api/v1/lawyers/…)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.models import Area

from .models import LawFirm, Lawyer, Specialty, Status


def visible_streets(user):
    """The streets a user may file a firm or lawyer under, or filter by."""
    if user is None or not user.is_authenticated:
        return Area.objects.none()
    return Area.objects.visible_to(user).filter(level=Area.Level.STREET).order_by("code")


def _streets(request):
    return visible_streets(getattr(request, "user", None))


def _firms(request):
    user = getattr(request, "user", None)
    if user is None:
        return LawFirm.objects.none()
    return LawFirm.objects.visible_to(user).order_by("name")


YES_NO = forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])


class LawFirmFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    area = django_filters.ModelChoiceFilter(
        label=_("所在街道"), queryset=_streets, to_field_name="code", empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices, empty_label=_("全部"))

    class Meta:
        model = LawFirm
        fields = ["name", "area", "status"]


class LawyerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或执业证号"), method="filter_q")
    firm = django_filters.ModelChoiceFilter(label=_("执业机构"), queryset=_firms, empty_label=_("全部"))
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=Lawyer.Kind.choices, empty_label=_("全部"))
    specialty = django_filters.ChoiceFilter(
        label=_("业务专长"), choices=Specialty.choices, method="filter_specialty", empty_label=_("全部")
    )
    legal_aid_available = django_filters.BooleanFilter(label=_("承办法律援助案件"), widget=YES_NO)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices, empty_label=_("全部"))
    area = django_filters.ModelChoiceFilter(
        label=_("执业地区"), queryset=_streets, to_field_name="code", empty_label=_("全部")
    )

    class Meta:
        model = Lawyer
        fields = ["q", "firm", "kind", "specialty", "legal_aid_available", "status", "area"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(certificate_number__icontains=value))

    def filter_specialty(self, queryset, name, value):
        return queryset.filter(specialties__contains=[value])

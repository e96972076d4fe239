"""One FilterSet per list, shared by the HTML pages and the API (/api/v1/lawyers/…)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import visible_streets
from bureau.forms import MONTH_INPUT
from bureau.models import Area
from bureau.permissions import is_advisor

from .appraisal import parse_month
from .models import (Appraisal, LawFirm, Lawyer, Posting, ServiceKind, ServiceLog, ServicePoint, Specialty, Status,
                     month_bounds)


def _firms(request):
    user = getattr(request, "user", None)
    if user is None:
        return LawFirm.objects.none()
    return LawFirm.objects.visible_to(user).order_by("name")


def name_or_certificate(queryset, value):
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(Q(name__icontains=value) | Q(certificate_number__icontains=value))


YES_NO = forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])


class LawFirmFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    area = django_filters.ModelChoiceFilter(
        label=_("所在街道"), queryset=visible_streets, to_field_name="code", empty_label=_("全部")
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
        label=_("执业地区"), queryset=visible_streets, to_field_name="code", empty_label=_("全部")
    )

    class Meta:
        model = Lawyer
        fields = ["q", "firm", "kind", "specialty", "legal_aid_available", "status", "area"]

    def filter_q(self, queryset, name, value):
        return name_or_certificate(queryset, value)

    def filter_specialty(self, queryset, name, value):
        return queryset.filter(specialties__contains=[value])


# --- Community legal advisors -------------------------------------------------------------------------------

def visible_advisors(user):
    """Lawyers with a posting the user may see (an advisor: themselves)."""
    if user is None or not user.is_authenticated:
        return Lawyer.objects.none()
    return Lawyer.objects.filter(pk__in=Posting.objects.visible_to(user).values("lawyer")).order_by("name", "pk")


def visible_communities(user):
    """The communities a user may file or filter entries under (an advisor: those of their postings)."""
    if user is None or not user.is_authenticated:
        return Area.objects.none()
    if is_advisor(user):
        return Area.objects.filter(pk__in=Posting.objects.visible_to(user).values("area")).order_by("code")
    return Area.objects.visible_to(user).filter(level=Area.Level.COMMUNITY).order_by("code")


def _advisors(request):
    # A select box shows names: the rest of each row (the ID number, decrypted as it loads) is not read.
    return visible_advisors(getattr(request, "user", None)).only("pk", "name")


def _communities(request):
    return visible_communities(getattr(request, "user", None))


class MonthFilter(django_filters.CharFilter):
    """A month as “2026-03” (the browser's month picker sends that), on a date field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MONTH_INPUT)
        kwargs.setdefault("method", self.filter_month)
        super().__init__(*args, **kwargs)

    def filter_month(self, queryset, name, value):
        month = parse_month(value, None)
        if month is None:
            return queryset.none()
        return queryset.filter(**{f"{self.field_name}__range": month_bounds(month)})


class StreetFilter(django_filters.ModelChoiceFilter):
    """Records whose community (or point) lies in a street."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("街道"))
        kwargs.setdefault("queryset", visible_streets)
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("empty_label", _("全部"))
        kwargs.setdefault("method", self.filter_street)
        super().__init__(*args, **kwargs)

    def filter_street(self, queryset, name, value):
        return queryset.filter(**{f"{self.field_name}__path__startswith": value.path}) if value else queryset


class ServiceLogFilterSet(django_filters.FilterSet):
    lawyer = django_filters.ModelChoiceFilter(label=_("法律顾问"), queryset=_advisors, empty_label=_("全部"))
    street = StreetFilter(field_name="area")
    area = django_filters.ModelChoiceFilter(label=_("社区"), queryset=_communities, to_field_name="code",
                                            empty_label=_("全部"))
    kind = django_filters.ChoiceFilter(label=_("服务类别"), choices=ServiceKind.choices, empty_label=_("全部"))
    month = MonthFilter(label=_("月份"), field_name="on")

    class Meta:
        model = ServiceLog
        fields = ["lawyer", "street", "area", "kind", "month"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if is_advisor(getattr(request, "user", None)):
            # An advisor's entries are their own, in their postings' communities: a choice of advisor would offer
            # only themselves and one of street nothing at all (two select boxes, and their queries, for nothing).
            del self.filters["lawyer"], self.filters["street"]


class PostingFilterSet(django_filters.FilterSet):
    lawyer = django_filters.ModelChoiceFilter(label=_("法律顾问"), queryset=_advisors, empty_label=_("全部"))
    street = StreetFilter(field_name="area")
    area = django_filters.ModelChoiceFilter(label=_("社区"), queryset=_communities, to_field_name="code",
                                            empty_label=_("全部"))
    current = django_filters.BooleanFilter(label=_("仅看在派驻期内"), method="filter_current",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = Posting
        fields = ["lawyer", "street", "area", "current"]

    def filter_current(self, queryset, name, value):
        return queryset.active_on(timezone.localdate()) if value else queryset


class ServicePointFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ServicePoint.Kind.choices, empty_label=_("全部"))
    street = StreetFilter(field_name="area")
    is_active = django_filters.BooleanFilter(label=_("运行中"), widget=YES_NO)

    class Meta:
        model = ServicePoint
        fields = ["name", "kind", "street", "is_active"]


class AdvisorFilterSet(django_filters.FilterSet):
    """The advisors' list (lawyers with a posting the user may see)."""

    q = django_filters.CharFilter(label=_("姓名或执业证号"), method="filter_q")
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, to_field_name="code",
                                              empty_label=_("全部"), method="filter_street")
    current = django_filters.BooleanFilter(label=_("仅看在派驻期内"), method="filter_current",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = Lawyer
        fields = ["q", "street", "current"]

    def filter_q(self, queryset, name, value):
        return name_or_certificate(queryset, value)

    def filter_street(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Posting.objects.in_area(value).values("lawyer"))

    def filter_current(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Posting.objects.active_on(timezone.localdate()).values("lawyer"))


class AppraisalFilterSet(django_filters.FilterSet):
    district = django_filters.CharFilter(label=_("区代码"), field_name="district__code")
    month = MonthFilter(label=_("月份"), field_name="month")

    class Meta:
        model = Appraisal
        fields = ["district", "month"]

"""One FilterSet per list, used by the staff pages and the API alike (public_service.api)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets
from lawyers.models import ServicePoint, SiteLevel, SiteService, Speciality

from .models import Booking, BookingStatus, ClassKind, ClassStatus, LegalClass, Question, QuestionCategory


def visible_points(request):
    if request is None:
        return ServicePoint.objects.none()
    return ServicePoint.objects.visible_to(request.user)


def in_street(queryset, street, field="area"):
    return queryset.filter(**{f"{field}__path__startswith": street.path})


class SiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="filter_q")
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    level = django_filters.ChoiceFilter(label=_("层级"), choices=SiteLevel.choices, method="filter_level",
                                        empty_label=_("全部"))
    speciality = django_filters.ChoiceFilter(label=_("特色领域"), choices=Speciality.choices, empty_label=_("全部"))
    service = django_filters.ChoiceFilter(label=_("服务项目"), choices=SiteService.choices, method="filter_service",
                                          empty_label=_("全部"))

    class Meta:
        model = ServicePoint
        fields = ["q", "street", "level", "speciality", "service"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_level(self, queryset, name, value):
        return queryset.of_level(value)

    def filter_service(self, queryset, name, value):
        return queryset.filter(services__contains=[value])


class BookingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("预约码或称呼"), method="filter_q")
    on = django_filters.DateFilter(label=_("预约日期"), field_name="on")
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    point = django_filters.ModelChoiceFilter(label=_("站点"), queryset=visible_points, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=BookingStatus.choices, empty_label=_("全部"))
    period = date_range(_("预约日期范围"), "on")

    class Meta:
        model = Booking
        fields = ["q", "on", "street", "point", "status", "period"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__iexact=value) | Q(name__icontains=value))

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value, "point__area")


class QuestionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("咨询码或内容"), method="filter_q")
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    category = django_filters.ChoiceFilter(label=_("问题类别"), choices=QuestionCategory.choices,
                                           empty_label=_("全部"))
    answered = django_filters.BooleanFilter(label=_("已答复"), field_name="answered_at", lookup_expr="isnull",
                                            exclude=True)
    asked = date_range(_("提问日期"), "asked_on")

    class Meta:
        model = Question
        fields = ["q", "street", "category", "answered", "asked"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__iexact=value) | Q(text__icontains=value))

    def filter_street(self, queryset, name, value):
        return queryset.filter(street=value)


class LegalClassFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("主题"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=ClassKind.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ClassStatus.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    starts = date_range(_("开始日期"), "starts_at__date")

    class Meta:
        model = LegalClass
        fields = ["q", "kind", "status", "street", "starts"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

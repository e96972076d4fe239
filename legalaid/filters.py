"""One FilterSet per list, used by the pages and by the API alike."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets
from lawyers.models import Lawyer

from .models import Case, Complaint, Consultation, MatterKind, Source, Status


def visible_lawyers(request):
    """The lawyers a filter may offer, by name: their other fields (an ID number to decrypt for each) unread."""
    if request is None:
        return Lawyer.objects.none()
    return Lawyer.objects.visible_to(request.user).only("pk", "name")


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("编号或申请人"), method="filter_q")
    status = django_filters.MultipleChoiceFilter(label=_("状态"), choices=Status.choices,
                                                 widget=forms.SelectMultiple(attrs={"size": 1}))
    matter_kind = django_filters.ChoiceFilter(label=_("案件类别"), choices=MatterKind.choices, empty_label=_("全部"))
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Source.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), field_name="area", queryset=visible_streets,
                                              empty_label=_("全部"))
    lawyer = django_filters.ModelChoiceFilter(label=_("承办律师"), queryset=visible_lawyers, empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(label=_("仅看超期"), method="filter_overdue", widget=forms.CheckboxInput)
    received = date_range(_("收到日期"), "received_on")  # ?received_after=…&received_before=…

    class Meta:
        model = Case
        fields = ["q", "status", "matter_kind", "source", "street", "lawyer", "overdue", "received"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(applicant_name__icontains=value))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset


class ConsultationFilterSet(django_filters.FilterSet):
    street = django_filters.ModelChoiceFilter(label=_("街道"), field_name="area", queryset=visible_streets,
                                              empty_label=_("全部"))
    channel = django_filters.ChoiceFilter(label=_("渠道"), choices=Consultation.Channel.choices, empty_label=_("全部"))
    topic = django_filters.ChoiceFilter(label=_("咨询事项"), choices=Consultation._meta.get_field("topic").choices,
                                        empty_label=_("全部"))
    on = date_range(_("日期"), "on")  # ?on_after=…&on_before=…

    class Meta:
        model = Consultation
        fields = ["street", "channel", "topic", "on"]


class ComplaintFilterSet(django_filters.FilterSet):
    # An unticked checkbox means "no filter", not "concluded only": hence a method.
    open = django_filters.BooleanFilter(label=_("仅看未办结"), method="filter_open", widget=forms.CheckboxInput)
    lawyer = django_filters.ModelChoiceFilter(label=_("被投诉律师"), queryset=visible_lawyers, empty_label=_("全部"))
    received = date_range(_("收到日期"), "received_on")  # ?received_after=…&received_before=…

    class Meta:
        model = Complaint
        fields = ["open", "lawyer", "received"]

    def filter_open(self, queryset, name, value):
        return queryset.open() if value else queryset

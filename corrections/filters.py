"""One FilterSet per list, used by the pages and by the API alike."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets

from .models import (
    EducationSession,
    Level,
    Monitoring,
    ReleasedPerson,
    RiskCase,
    SentenceKind,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)

CHECKBOX = forms.CheckboxInput


class SuperviseeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Supervisee.Status.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("司法所"), field_name="area", queryset=visible_streets,
                                              empty_label=_("全部"))
    level = django_filters.ChoiceFilter(label=_("管理等级"), choices=Level.choices, empty_label=_("全部"))
    sentence_kind = django_filters.ChoiceFilter(label=_("矫正类别"), choices=SentenceKind.choices,
                                                empty_label=_("全部"))
    # Bounded: a day count past what a date can add was an OverflowError (a 500); a term is at most years long.
    term_ending = django_filters.NumberFilter(label=_("期满天数内"), method="filter_term_ending",
                                              min_value=1, max_value=36500,
                                              widget=forms.NumberInput(attrs={"min": 1, "placeholder": "30"}))
    monitored = django_filters.BooleanFilter(label=_("电子定位中"), method="filter_monitored", widget=CHECKBOX)
    at_risk = django_filters.BooleanFilter(label=_("有未化解风险"), method="filter_at_risk", widget=CHECKBOX)

    class Meta:
        model = Supervisee
        fields = ["q", "status", "street", "level", "sentence_kind", "term_ending", "monitored", "at_risk"]

    def filter_term_ending(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.on_register().filter(term_end__range=(today, today + timedelta(days=int(value))))

    # Unticked checkboxes mean "no filter", not "only those without": hence methods.
    def filter_monitored(self, queryset, name, value):
        if not value:
            return queryset
        current = Monitoring.objects.current(timezone.localdate()).filter(supervisee=OuterRef("pk"))
        return queryset.filter(Exists(current))

    def filter_at_risk(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(RiskCase.objects.open().filter(supervisee=OuterRef("pk"))))


class SupervisionEventFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=SupervisionEvent.Kind.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("司法所"), field_name="supervisee__area",
                                              queryset=visible_streets, empty_label=_("全部"))
    is_random = django_filters.BooleanFilter(label=_("仅看随机抽查"), method="filter_random", widget=CHECKBOX)
    on = date_range(_("日期"), "on")  # ?on_after=…&on_before=…

    class Meta:
        model = SupervisionEvent
        fields = ["kind", "street", "is_random", "on"]

    def filter_random(self, queryset, name, value):
        return queryset.filter(is_random=True) if value else queryset


class TravelApprovalFilterSet(django_filters.FilterSet):
    street = django_filters.ModelChoiceFilter(label=_("司法所"), field_name="supervisee__area",
                                              queryset=visible_streets, empty_label=_("全部"))
    not_returned = django_filters.BooleanFilter(label=_("仅看未销假"), method="filter_not_returned", widget=CHECKBOX)
    leave = date_range(_("外出日期"), "leave_on")  # ?leave_after=…&leave_before=…

    class Meta:
        model = TravelApproval
        fields = ["street", "not_returned", "leave"]

    def filter_not_returned(self, queryset, name, value):
        return queryset.filter(returned_on__isnull=True) if value else queryset


class EducationSessionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=EducationSession.Kind.choices, empty_label=_("全部"))
    held = date_range(_("日期"), "held_on")  # ?held_after=…&held_before=…

    class Meta:
        model = EducationSession
        fields = ["kind", "held"]


class ReleasedPersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains")
    street = django_filters.ModelChoiceFilter(label=_("司法所"), field_name="area", queryset=visible_streets,
                                              empty_label=_("全部"))
    listed = django_filters.BooleanFilter(label=_("仅看帮教期内"), method="filter_listed", widget=CHECKBOX)
    handover = django_filters.ChoiceFilter(label=_("衔接情况"), choices=ReleasedPerson.Handover.choices,
                                           empty_label=_("全部"))
    unverified = django_filters.BooleanFilter(label=_("仅看无法核实"), method="filter_unverified", widget=CHECKBOX)
    reoffended = django_filters.BooleanFilter(label=_("仅看重新犯罪"), method="filter_reoffended", widget=CHECKBOX)

    class Meta:
        model = ReleasedPerson
        fields = ["q", "street", "listed", "handover", "unverified", "reoffended"]

    def filter_listed(self, queryset, name, value):
        return queryset.listed_on(timezone.localdate()) if value else queryset

    def filter_unverified(self, queryset, name, value):
        return queryset.exclude(verification=ReleasedPerson.Verification.VERIFIED) if value else queryset

    def filter_reoffended(self, queryset, name, value):
        return queryset.filter(~Q(reoffended_on=None)) if value else queryset

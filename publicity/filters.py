"""One FilterSet per list of 普法, used by the pages and the API alike (publicity.api).

The activities' list reads the advisors' 普法 log entries beside the activities (publicity.views.activities):
ActivityFilterSet filters the activities, and `advisor_entries` applies the same street and dates to the
entries — any filter an entry has no value for (theme, form, target, organiser) leaves them out.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets

from .models import (
    Activity,
    Channel,
    Form,
    Level,
    MediaKind,
    MediaProduct,
    Organiser,
    Position,
    PositionKind,
    Target,
    Theme,
)


class Source:
    ACTIVITY = "activity"
    ADVISOR = "advisor"
    CHOICES = [(ACTIVITY, _("本平台登记")), (ADVISOR, _("社区法律顾问"))]


def in_street(queryset, street, field="area"):
    return queryset.filter(**{f"{field}__path__startswith": street.path})


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地点"), method="filter_q")
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    theme = django_filters.ChoiceFilter(label=_("主题"), choices=Theme.choices, empty_label=_("全部"))
    form = django_filters.ChoiceFilter(label=_("形式"), choices=Form.choices, empty_label=_("全部"))
    target = django_filters.ChoiceFilter(label=_("“四进”对象"), choices=Target.choices, empty_label=_("全部"))
    organiser_kind = django_filters.ChoiceFilter(label=_("主办单位类型"), choices=Organiser.choices,
                                                 empty_label=_("全部"))
    held = date_range(_("活动日期"), "held_on")
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Source.CHOICES, method="filter_source",
                                         empty_label=_("全部"))

    class Meta:
        model = Activity
        fields = ["q", "street", "theme", "form", "target", "organiser_kind", "held", "source"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(place__icontains=value))

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_source(self, queryset, name, value):
        return queryset.none() if value == Source.ADVISOR else queryset

    def advisor_entries(self, entries):
        """The advisors' 普法 entries (a ServiceLog queryset already limited to the user) under the same filters."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if data.get("source") == Source.ACTIVITY or any(data.get(f) for f in ("theme", "form", "target",
                                                                               "organiser_kind")):
            return entries.none()
        if data.get("q"):
            entries = entries.filter(notes__icontains=data["q"])
        if data.get("street"):
            entries = in_street(entries, data["street"])
        held = data.get("held")
        if held and held.start:
            entries = entries.filter(on__gte=held.start)
        if held and held.stop:
            entries = entries.filter(on__lte=held.stop)
        return entries


class MediaProductFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("标题"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=MediaKind.choices, empty_label=_("全部"))
    channel = django_filters.ChoiceFilter(label=_("发布平台"), choices=Channel.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    published = date_range(_("发布日期"), "published_on")

    class Meta:
        model = MediaProduct
        fields = ["q", "kind", "channel", "street", "published"]

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)


class PositionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=PositionKind.choices, empty_label=_("全部"))
    level = django_filters.ChoiceFilter(label=_("级别"), choices=Level.choices, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              empty_label=_("全部"))
    revoked = django_filters.BooleanFilter(label=_("状态"), method="filter_revoked", widget=forms.Select(choices=[
        ("", _("全部")), ("false", _("有效")), ("true", _("已撤销命名"))]))

    class Meta:
        model = Position
        fields = ["q", "kind", "level", "street", "revoked"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))

    def filter_street(self, queryset, name, value):
        return in_street(queryset, value)

    def filter_revoked(self, queryset, name, value):
        return queryset.filter(revoked_on__isnull=not value)

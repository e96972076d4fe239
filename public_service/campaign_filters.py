"""The FilterSets of the campaign, voucher and site-record lists, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.filters import date_range, visible_streets
from lawyers.models import LawFirm, ServicePoint

from .models import Campaign, CampaignKind, CampaignStatus, SiteRecord, StaffKind, Voucher, VoucherStatus


def visible_campaigns(request):
    if request is None:
        return Campaign.objects.none()
    return Campaign.objects.visible_to(request.user)


def visible_points(request):
    if request is None:
        return ServicePoint.objects.none()
    return ServicePoint.objects.visible_to(request.user).select_related("area")


def visible_firms(request):
    if request is None:
        return LawFirm.objects.none()
    return LawFirm.objects.visible_to(request.user)


class CampaignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("项目名称或组织单位"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("项目类型"), choices=CampaignKind.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CampaignStatus.choices, empty_label=_("全部"))
    period = date_range(_("实施期间"), "start_on", method="filter_period")

    class Meta:
        model = Campaign
        fields = ["q", "kind", "status", "period"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(organisers__icontains=value))

    def filter_period(self, queryset, name, value):
        """Campaigns whose period meets the span asked for."""
        if value and value.start:
            queryset = queryset.filter(end_on__gte=value.start)
        if value and value.stop:
            queryset = queryset.filter(start_on__lte=value.stop)
        return queryset


class VoucherFilterSet(django_filters.FilterSet):
    STATES = [("outstanding", _("未使用")), ("expired", _("已过期")), ("unsettled", _("已使用待结算")),
              ("settled", _("已结算")), ("void", _("已作废"))]

    q = django_filters.CharFilter(label=_("券号或企业"), method="filter_q")
    campaign = django_filters.ModelChoiceFilter(label=_("项目"), queryset=visible_campaigns, empty_label=_("全部"))
    state = django_filters.ChoiceFilter(label=_("状态"), choices=STATES, method="filter_state", empty_label=_("全部"))
    firm = django_filters.ModelChoiceFilter(label=_("服务律师事务所"), queryset=visible_firms, empty_label=_("全部"))
    issued = date_range(_("发放日期"), "issued_on")
    redeemed = date_range(_("使用日期"), "redeemed_on")

    class Meta:
        model = Voucher
        fields = ["q", "campaign", "state", "firm", "issued", "redeemed"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(enterprise__icontains=value)
                               | Q(credit_code__iexact=value.strip()))

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        return {
            "outstanding": lambda: queryset.outstanding_on(today),
            "expired": lambda: queryset.expired_on(today),
            "unsettled": lambda: queryset.filter(status=VoucherStatus.REDEEMED, settlement__isnull=True),
            "settled": lambda: queryset.filter(status=VoucherStatus.REDEEMED, settlement__isnull=False),
            "void": lambda: queryset.filter(status=VoucherStatus.VOID),
        }[value]()


class SiteRecordFilterSet(django_filters.FilterSet):
    point = django_filters.ModelChoiceFilter(label=_("服务站点"), queryset=visible_points, empty_label=_("全部"))
    street = django_filters.ModelChoiceFilter(label=_("街道"), queryset=visible_streets, method="filter_street",
                                              field_name="area", empty_label=_("全部"))
    staff = django_filters.CharFilter(label=_("服务人员"), field_name="staff", lookup_expr="icontains")
    staff_kind = django_filters.ChoiceFilter(label=_("人员类别"), choices=StaffKind.choices, empty_label=_("全部"))
    on = date_range(_("服务日期"), "on")

    class Meta:
        model = SiteRecord
        fields = ["point", "street", "staff", "staff_kind", "on"]

    def filter_street(self, queryset, name, value):
        return queryset.filter(area__path__startswith=value.path)

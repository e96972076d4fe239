"""The lists of campaigns, vouchers and site service records: sortable, exported to Excel as shown."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from .models import Campaign, CampaignStatus, SiteRecord, Voucher

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
CAMPAIGN_BADGES = {CampaignStatus.DRAFT: "text-bg-light border", CampaignStatus.ACTIVE: "text-bg-success",
                   CampaignStatus.CLOSED: "text-bg-secondary"}
VOUCHER_STATES = {
    "outstanding": (gettext_lazy("未使用"), "text-bg-info"), "expired": (gettext_lazy("已过期"), "text-bg-warning"),
    "unsettled": (gettext_lazy("已使用待结算"), "text-bg-primary"),
    "settled": (gettext_lazy("已结算"), "text-bg-success"),
    "void": (gettext_lazy("已作废"), "text-bg-secondary"),
}


def voucher_state(voucher, today=None):
    label, css = VOUCHER_STATES[voucher.state_on(today or timezone.localdate())]
    return format_html('<span class="badge {}">{}</span>', css, label)


class CampaignTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=gettext_lazy("项目名称"))
    kind = tables.Column(verbose_name=gettext_lazy("项目类型"), attrs=NOWRAP)
    area = tables.Column(verbose_name=gettext_lazy("实施区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    organisers = tables.Column(verbose_name=gettext_lazy("组织单位"))
    start_on = tables.DateColumn(verbose_name=gettext_lazy("开始日期"), format="Y-m-d", attrs=NOWRAP)
    end_on = tables.DateColumn(verbose_name=gettext_lazy("结束日期"), format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(verbose_name=gettext_lazy("状态"), attrs=NOWRAP)

    class Meta:
        model = Campaign
        fields = ["name", "kind", "area", "organisers", "start_on", "end_on", "status"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"campaign-{record.pk}"}

    def render_status(self, record):
        return format_html('<span class="badge {}">{}</span>', CAMPAIGN_BADGES[record.status],
                           record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()


class VoucherTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name=gettext_lazy("券号"), attrs=NOWRAP)
    campaign = tables.Column(verbose_name=gettext_lazy("项目"), accessor="campaign__name", order_by="campaign__name")
    enterprise = tables.Column(verbose_name=gettext_lazy("企业名称"))
    credit_code = tables.Column(verbose_name=gettext_lazy("统一社会信用代码"), attrs=NOWRAP)
    value = tables.Column(verbose_name=gettext_lazy("面值（元）"), attrs=NUMBER)
    issued_on = tables.DateColumn(verbose_name=gettext_lazy("发放日期"), format="Y-m-d", attrs=NOWRAP)
    expires_on = tables.DateColumn(verbose_name=gettext_lazy("有效期至"), format="Y-m-d", attrs=NOWRAP)
    state = tables.Column(verbose_name=gettext_lazy("状态"), empty_values=(), order_by="status", attrs=NOWRAP)
    firm = tables.Column(verbose_name=gettext_lazy("服务律师事务所"), accessor="firm__name", order_by="firm__name",
                         default="—")
    redeemed_on = tables.DateColumn(verbose_name=gettext_lazy("使用日期"), format="Y-m-d", attrs=NOWRAP, default="—")

    class Meta:
        model = Voucher
        fields = ["code", "campaign", "enterprise", "credit_code", "value", "issued_on", "expires_on", "state",
                  "firm", "redeemed_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"voucher-{record.pk}"}

    def render_state(self, record):
        return voucher_state(record)

    def value_state(self, record):
        return str(VOUCHER_STATES[record.state_on(timezone.localdate())][0])


class SiteRecordTable(tables.Table):
    on = tables.DateColumn(verbose_name=gettext_lazy("服务日期"), format="Y-m-d", attrs=NOWRAP, linkify=True)
    point = tables.Column(verbose_name=gettext_lazy("服务站点"), accessor="point__name", order_by="point__name")
    area = tables.Column(verbose_name=gettext_lazy("所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    staff = tables.Column(verbose_name=gettext_lazy("服务人员"), attrs=NOWRAP)
    staff_kind = tables.Column(verbose_name=gettext_lazy("人员类别"), attrs=NOWRAP)
    consultations = tables.Column(verbose_name=gettext_lazy("法律咨询（人次）"), attrs=NUMBER)
    documents = tables.Column(verbose_name=gettext_lazy("代写文书（份）"), attrs=NUMBER)
    opinions = tables.Column(verbose_name=gettext_lazy("出具法律意见（份）"), attrs=NUMBER)
    other_services = tables.Column(verbose_name=gettext_lazy("其他服务（件）"), attrs=NUMBER)

    class Meta:
        model = SiteRecord
        fields = ["on", "point", "area", "staff", "staff_kind", "consultations", "documents", "opinions",
                  "other_services"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"site-record-{record.pk}"}

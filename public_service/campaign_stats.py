"""Indicators of service records, campaigns and vouchers (imported by public_service/stats.py).

- consultations: the person-times of site records (staff, volunteers, duty lawyers not posted there) plus the
  advisors' own consultation log entries given at a site (lawyers.ServiceLog with a `point`): the service
  refuses a site record naming an advisor posted to the site, so nothing is counted twice. An advisor's entry
  in a community without a site is the advisors' figure (lawyers.*), not this one.
- documents_and_opinions: documents drafted and legal opinions of site records, plus the advisors' legal
  opinions given at a site (their 审查法律文书 is a review, not a document drafted, and is not counted).
- campaigns: campaigns carried out (not in preparation) whose period meets the statistics period.
- beneficiaries and outputs: the counts recorded with a day in the period; vouchers: issued on, redeemed on a
  day of the period; voucher_firms: the firms at which a voucher was redeemed in the period.
Records of a campaign are counted in the campaign's area (the district, or the street that runs it).
"""

from django.db.models import Count, F, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from figures.stats import Better, Combined, Indicator, Measure, indicator_group, register_combined, register_measures
from lawyers.models import ServiceKind, ServiceLog

from .apps import FUNCTION
from .models import Beneficiary, BeneficiaryKind, Campaign, Output, OutputKind, SiteRecord, Voucher

INDICATORS = [
    Indicator("public_service.consultations", _("法律咨询"), "人次",
              _("期内在公共法律服务站点提供的法律咨询人次（站点服务记录与派驻法律顾问在站点的咨询记录之和）"),
              key=True, better=Better.UP),
    Indicator("public_service.documents_and_opinions", _("代写文书、出具法律意见"), "份",
              _("期内在公共法律服务站点代写的法律文书和出具的法律意见"), better=Better.UP),
    Indicator("public_service.campaigns", _("公益法律服务项目"), "个", _("期内实施的公益法律服务项目"),
              better=Better.UP),
    Indicator("public_service.campaign_beneficiaries", _("服务对象"), "个",
              _("期内公益法律服务项目服务的企业、项目和职工数量之和"), better=Better.UP),
    Indicator("public_service.campaign_beneficiaries_enterprises", _("服务企业"), "家",
              _("期内公益法律服务项目服务的企业"), better=Better.UP),
    Indicator("public_service.campaign_beneficiaries_projects", _("服务项目"), "个",
              _("期内公益法律服务项目服务的项目（工程项目等）"), better=Better.UP),
    Indicator("public_service.campaign_beneficiaries_workers", _("服务职工"), "人",
              _("期内公益法律服务项目覆盖的职工（农民工）"), better=Better.UP),
    *(Indicator(f"public_service.campaign_outputs.{value}", label, "件",
                format_lazy(_("期内公益法律服务项目的服务成果：{kind}"), kind=label), better=Better.UP)
      for value, label in OutputKind.choices),
    Indicator("public_service.vouchers_issued", _("发放法律服务券"), "张", _("期内发放的法律服务券"),
              better=Better.UP),
    Indicator("public_service.vouchers_redeemed", _("使用法律服务券"), "张", _("期内企业使用的法律服务券"),
              better=Better.UP),
    Indicator("public_service.voucher_firms", _("承接服务券的律师事务所"), "家",
              _("期内有法律服务券在该所使用的律师事务所"), better=Better.UP),
]

OUTPUT_KINDS = [value for value, _label in OutputKind.choices]


def _site_services(area, span):
    """(consultations, documents and opinions) at sites in `area` during `span`: two queries."""
    records = SiteRecord.objects.in_area(area).filter(on__range=span).aggregate(
        consultations=Sum("consultations"), documents=Sum(F("documents") + F("opinions")))
    logs = ServiceLog.objects.in_area(area).filter(point__isnull=False, on__range=span).aggregate(
        consultations=Sum("count", filter=Q(kind=ServiceKind.CONSULTATION)),
        opinions=Sum("count", filter=Q(kind=ServiceKind.LEGAL_OPINION)))
    return ((records["consultations"] or 0) + (logs["consultations"] or 0),
            (records["documents"] or 0) + (logs["opinions"] or 0))


@indicator_group(FUNCTION, INDICATORS)
def public_service_campaigns(area, period):
    span = (period.start, period.end)
    consultations, documents = _site_services(area, span)
    campaigns = Campaign.objects.in_area(area).active_between(*span).count()
    beneficiaries = Beneficiary.objects.in_area(area).filter(on__range=span).aggregate(
        **{kind: Sum("count", filter=Q(kind=kind)) for kind in BeneficiaryKind.values})
    outputs = Output.objects.in_area(area).filter(on__range=span).aggregate(
        **{kind: Sum("count", filter=Q(kind=kind)) for kind in OUTPUT_KINDS})
    vouchers = Voucher.objects.in_area(area).filter(Q(issued_on__range=span) | Q(redeemed_on__range=span)).aggregate(
        issued=Count("pk", filter=Q(issued_on__range=span)),
        redeemed=Count("pk", filter=Q(redeemed_on__range=span)),
        firms=Count("firm", filter=Q(redeemed_on__range=span), distinct=True))
    beneficiaries = {kind: value or 0 for kind, value in beneficiaries.items()}
    values = {
        "public_service.consultations": consultations,
        "public_service.documents_and_opinions": documents,
        "public_service.campaigns": campaigns,
        "public_service.campaign_beneficiaries": sum(beneficiaries.values()),
        "public_service.campaign_beneficiaries_enterprises": beneficiaries[BeneficiaryKind.ENTERPRISES],
        "public_service.campaign_beneficiaries_projects": beneficiaries[BeneficiaryKind.PROJECTS],
        "public_service.campaign_beneficiaries_workers": beneficiaries[BeneficiaryKind.WORKERS],
        "public_service.vouchers_issued": vouchers["issued"],
        "public_service.vouchers_redeemed": vouchers["redeemed"],
        "public_service.voucher_firms": vouchers["firms"],
    }
    values.update({f"public_service.campaign_outputs.{kind}": outputs[kind] or 0 for kind in OUTPUT_KINDS})
    return values


register_measures(
    Measure("public_service.vouchers_issued", lambda: Voucher.objects.all(), "issued_on", Count("pk"),
            area_field="campaign__area"),
    Measure("public_service.vouchers_redeemed", lambda: Voucher.objects.filter(redeemed_on__isnull=False),
            "redeemed_on", Count("pk"), area_field="campaign__area"),
    Measure("public_service.campaign_beneficiaries", lambda: Beneficiary.objects.all(), "on", Sum("count"),
            area_field="campaign__area"),
)

# 法律咨询 for the comparison of areas: its two sources, each one GROUP BY (as _site_services counts them).
register_measures(
    Measure("public_service.consultations.sites", lambda: SiteRecord.objects.all(), "on", Sum("consultations")),
    Measure("public_service.consultations.advisors",
            lambda: ServiceLog.objects.filter(point__isnull=False, kind=ServiceKind.CONSULTATION), "on", Sum("count")),
)
register_combined(Combined("public_service.consultations",
                           parts=("public_service.consultations.sites", "public_service.consultations.advisors")))

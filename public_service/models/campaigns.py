"""Public-interest legal service campaigns (公益法律服务项目) and 法律服务券.

A campaign belongs to an area (the district, or a street that runs one of its own); every record of it is
scoped through the campaign's area, so another district's campaign, voucher or settlement is a 404.

法律服务券: a voucher is issued to an enterprise (name and 统一社会信用代码), redeemed once, before it expires,
at one of the campaign's firms, and settled to that firm in a settlement batch. The ledger closes:
issued = redeemed + outstanding + expired + void, and redeemed = settled + unsettled (count and amount).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited
from lawyers.models import LawFirm, Lawyer
from lawyers.models.registry import validate_credit_code


class CampaignKind(models.TextChoices):
    MIGRANT_CONTRACTS = "migrant_contracts", _("农民工劳动合同普查与体检")
    ENTERPRISE_CHECKUP = "enterprise_checkup", _("民营企业法治体检")
    RESUMPTION = "resumption", _("企业复工公益法律服务团")
    VOUCHERS = "vouchers", _("法律服务券")
    OTHER = "other", _("其他公益法律服务")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    ACTIVE = "active", _("实施中")
    CLOSED = "closed", _("已结束")


# The allowed moves: a campaign is prepared, carried out, and closed; a closed one is never reopened.
CAMPAIGN_TRANSITIONS = {
    CampaignStatus.DRAFT: {CampaignStatus.ACTIVE},
    CampaignStatus.ACTIVE: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: set(),
}


class BeneficiaryKind(models.TextChoices):
    ENTERPRISES = "enterprises", _("企业")
    PROJECTS = "projects", _("项目")
    WORKERS = "workers", _("职工（农民工）")


class OutputKind(models.TextChoices):
    LECTURES = "lectures", _("法治讲座")
    CONSULTATIONS = "consultations", _("法律咨询")
    MEDIATIONS = "mediations", _("调解纠纷")
    LEGAL_OPINIONS = "legal_opinions", _("出具法律意见")
    GUIDES = "guides", _("发放法律指引")
    REPORTS = "reports", _("出具体检报告")
    RISKS_FOUND = "risks_found", _("发现法律风险")
    CONTRACTS_REVIEWED = "contracts_reviewed", _("审查合同")


OUTPUT_UNITS = {
    OutputKind.LECTURES: _("场"), OutputKind.CONSULTATIONS: _("人次"), OutputKind.MEDIATIONS: _("宗"),
    OutputKind.LEGAL_OPINIONS: _("份"), OutputKind.GUIDES: _("份"), OutputKind.REPORTS: _("份"),
    OutputKind.RISKS_FOUND: _("个"), OutputKind.CONTRACTS_REVIEWED: _("份"),
}

CAMPAIGN_LEVELS = (Area.Level.DISTRICT, Area.Level.STREET)


class CampaignQuerySet(AreaScopedQuerySet):
    def active_between(self, start, end):
        """Campaigns carried out (not in preparation) at some time between `start` and `end`."""
        return self.exclude(status=CampaignStatus.DRAFT).filter(start_on__lte=end, end_on__gte=start)


@audited
class Campaign(Versioned):
    name = models.CharField(_("项目名称"), max_length=100)
    kind = models.CharField(_("项目类型"), max_length=20, choices=CampaignKind.choices)
    organisers = models.CharField(_("组织单位"), max_length=200,
                                  help_text=_("如：区司法局、区律师协会、区工商联，用顿号分隔。"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("实施区域"),
                             help_text=_("全区项目为区，街道自行组织的项目为街道。"))
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("结束日期"))
    status = models.CharField(_("状态"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    description = models.TextField(_("项目内容"), blank=True)
    lawyers = models.ManyToManyField(Lawyer, blank=True, related_name="public_campaigns",
                                     verbose_name=_("参与律师"))
    firms = models.ManyToManyField(LawFirm, blank=True, related_name="public_campaigns",
                                   verbose_name=_("参与律师事务所"))
    voucher_value = models.DecimalField(_("服务券面值（元）"), max_digits=9, decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(Decimal("0.01"))],
                                        help_text=_("法律服务券项目必填：每张服务券的默认面值。"))
    closed_on = models.DateField(_("结束登记日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("公益法律服务项目")
        verbose_name_plural = _("公益法律服务项目")
        ordering = ["-start_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(end_on__gte=models.F("start_on")),
                                              name="ps_campaign_ends_after_start")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("public_service:campaign_detail", self.pk)

    @property
    def is_voucher_campaign(self):
        return self.kind == CampaignKind.VOUCHERS

    def can_move_to(self, status):
        return status in CAMPAIGN_TRANSITIONS[CampaignStatus(self.status)]

    def clean(self):
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("结束日期不能早于开始日期。")})
        if self.area_id and self.area.level not in CAMPAIGN_LEVELS:
            raise ValidationError({"area": _("公益法律服务项目的实施区域应为区或街道。")})
        if self.kind == CampaignKind.VOUCHERS and not self.voucher_value:
            raise ValidationError({"voucher_value": _("法律服务券项目须填写服务券面值。")})


class CampaignPartQuerySet(AreaScopedQuerySet):
    area_field = "campaign__area"


@audited
class Beneficiary(models.Model):
    """Who a campaign served, recorded on the day: enterprises, projects or workers, by count (one named
    enterprise is a row with count 1)."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="beneficiaries", verbose_name=_("项目"))
    kind = models.CharField(_("服务对象类别"), max_length=12, choices=BeneficiaryKind.choices)
    name = models.CharField(_("名称"), max_length=100, blank=True, help_text=_("企业或项目名称；按人数统计时可不填。"))
    count = models.PositiveIntegerField(_("数量"), default=1, validators=[MinValueValidator(1)])
    on = models.DateField(_("服务日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))

    objects = CampaignPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目服务对象")
        verbose_name_plural = _("项目服务对象")
        ordering = ["-on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="ps_beneficiary_count_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name or ''} ×{self.count}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()


@audited
class Output(models.Model):
    """What a campaign produced on a day: lectures, consultations, mediations, legal opinions, guides …"""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="outputs", verbose_name=_("项目"))
    kind = models.CharField(_("成果类别"), max_length=20, choices=OutputKind.choices)
    count = models.PositiveIntegerField(_("数量"), validators=[MinValueValidator(1)])
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))

    objects = CampaignPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目服务成果")
        verbose_name_plural = _("项目服务成果")
        ordering = ["-on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="ps_output_count_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.count}{OUTPUT_UNITS[OutputKind(self.kind)]}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()


# --- 法律服务券 ---------------------------------------------------------------------------------------------


class VoucherStatus(models.TextChoices):
    ISSUED = "issued", _("已发放")
    REDEEMED = "redeemed", _("已使用")
    VOID = "void", _("已作废")


@audited
class Settlement(models.Model):
    """One payment to a firm for the vouchers it redeemed that were not yet settled."""

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="settlements", verbose_name=_("项目"))
    firm = models.ForeignKey(LawFirm, models.PROTECT, related_name="+", verbose_name=_("律师事务所"))
    settled_on = models.DateField(_("结算日期"))
    vouchers = models.PositiveIntegerField(_("结算张数"))
    amount = models.DecimalField(_("结算金额（元）"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("结算凭证号"), max_length=50, blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("经办人"))

    objects = CampaignPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务券结算")
        verbose_name_plural = _("服务券结算")
        ordering = ["-settled_on", "-id"]

    def __str__(self):
        return f"{self.firm} {self.settled_on:%Y-%m-%d} {self.amount}"

    def get_absolute_url(self):
        return record_url("public_service:campaign_ledger", self.campaign_id)


class VoucherQuerySet(CampaignPartQuerySet):
    def expired_on(self, day):
        return self.filter(status=VoucherStatus.ISSUED, expires_on__lt=day)

    def outstanding_on(self, day):
        return self.filter(status=VoucherStatus.ISSUED, expires_on__gte=day)

    def ledger(self, day=None):
        """The ledger of these vouchers on `day` (today): counts and amounts, in one query."""
        day = day or timezone.localdate()
        issued = Q(status=VoucherStatus.ISSUED)
        parts = {
            "issued": Q(), "redeemed": Q(status=VoucherStatus.REDEEMED),
            "settled": Q(status=VoucherStatus.REDEEMED, settlement__isnull=False),
            "unsettled": Q(status=VoucherStatus.REDEEMED, settlement__isnull=True),
            "outstanding": issued & Q(expires_on__gte=day), "expired": issued & Q(expires_on__lt=day),
            "void": Q(status=VoucherStatus.VOID),
        }
        row = self.aggregate(**{f"{name}_n": Count("pk", filter=q) for name, q in parts.items()},
                             **{f"{name}_amount": Sum("value", filter=q) for name, q in parts.items()})
        return {name: {"count": row[f"{name}_n"], "amount": row[f"{name}_amount"] or Decimal("0.00")}
                for name in parts}


@audited
class Voucher(models.Model):
    campaign = models.ForeignKey(
        Campaign, models.PROTECT, related_name="vouchers", verbose_name=_("项目"), db_index=False,
    )
    code = models.CharField(_("券号"), max_length=30, unique=True)
    enterprise = models.CharField(_("企业名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    value = models.DecimalField(_("面值（元）"), max_digits=9, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.01"))])
    issued_on = models.DateField(_("发放日期"))
    expires_on = models.DateField(_("有效期至"))
    status = models.CharField(_("状态"), max_length=10, choices=VoucherStatus.choices, default=VoucherStatus.ISSUED)
    redeemed_on = models.DateField(_("使用日期"), null=True, blank=True)
    firm = models.ForeignKey(LawFirm, models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("服务律师事务所"))
    service = models.CharField(_("服务内容"), max_length=200, blank=True)
    settlement = models.ForeignKey(Settlement, models.PROTECT, null=True, blank=True, related_name="voucher_set",
                                   verbose_name=_("结算批次"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                  verbose_name=_("发放人"))

    objects = VoucherQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律服务券")
        verbose_name_plural = _("法律服务券")
        ordering = ["-issued_on", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("issued_on")),
                                   name="ps_voucher_expires_after_issue"),
            models.CheckConstraint(
                condition=Q(status="redeemed", redeemed_on__isnull=False, firm__isnull=False)
                | (~Q(status="redeemed") & Q(firm__isnull=True, settlement__isnull=True)),
                name="ps_voucher_redeemed_has_firm"),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="ps_voucher_campaign_status_idx")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return record_url("public_service:voucher_detail", self.pk)

    @property
    def is_settled(self):
        return self.settlement_id is not None

    def state_on(self, day=None):
        """The voucher's line of the ledger: outstanding, expired, redeemed (settled or not) or void."""
        day = day or timezone.localdate()
        if self.status == VoucherStatus.ISSUED:
            return "expired" if self.expires_on < day else "outstanding"
        if self.status == VoucherStatus.REDEEMED:
            return "settled" if self.settlement_id else "unsettled"
        return "void"

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": _("有效期不能早于发放日期。")})

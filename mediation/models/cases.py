"""Screening (矛盾纠纷排查) and mediation cases, from acceptance to agreement, performance and 司法确认.

One `Case` row follows a dispute from acceptance to conclusion (受理 → 调解中 → 调解结束); its status moves only
through `mediation.services`, along `TRANSITIONS`. After a successful conclusion the agreement, its
performance and the court's confirmation are recorded on the same row.

Clocks (model properties, so a page, a service and a rule read the same date):
- `concluded_due_on`: mediation ends within one calendar month of acceptance (accepted 31 January → due 28/29
  February, dateutil's relativedelta), or by the date the parties agreed to extend it to (`extended_to`,
  each extension an `Extension` row);
- `confirmation_due_on`: the parties may apply for 司法确认 within 30 days of a written agreement taking effect
  (人民调解法 第三十三条).
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Cast, Coalesce
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.fields import trigram_index
from bureau.identifiers import ResidentIDField
from bureau.links import record_url
from bureau.models import Area, audited

from .organisations import Mediator, MediatorScopedQuerySet, Organisation

CONCLUSION_MONTHS = 1  # 调解一般在一个月内调结
CONFIRMATION_DAYS = 30  # 人民调解法 第三十三条: 自调解协议生效之日起三十日内


class RiskLevel(models.TextChoices):
    LOW = "low", _("一般")
    MEDIUM = "medium", _("较大")
    HIGH = "high", _("重大")


class DisputeType(models.TextChoices):
    """The national list of dispute types of the people's mediation statistics."""

    MARRIAGE_FAMILY = "marriage_family", _("婚姻家庭纠纷")
    NEIGHBOUR = "neighbour", _("邻里纠纷")
    HOUSING = "housing", _("房屋宅基地纠纷")
    CONTRACT = "contract", _("合同纠纷")
    BUSINESS = "business", _("生产经营纠纷")
    DAMAGES = "damages", _("损害赔偿纠纷")
    LABOUR = "labour", _("劳动争议纠纷")
    MEDICAL = "medical", _("医疗纠纷")
    PROPERTY = "property", _("物业纠纷")
    TRAFFIC = "traffic", _("道路交通事故纠纷")
    LAND_EXPROPRIATION = "land_expropriation", _("征地拆迁纠纷")
    CONSUMER = "consumer", _("消费纠纷")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("知识产权纠纷")
    ENVIRONMENT = "environment", _("环境污染纠纷")
    LAND_FOREST = "land_forest", _("山林土地纠纷")
    VILLAGE_AFFAIRS = "village_affairs", _("村务管理纠纷")
    OTHER = "other", _("其他纠纷")


class Source(models.TextChoices):
    APPLICATION = "application", _("当事人申请")
    INITIATIVE = "initiative", _("主动调解")
    COURT = "court", _("法院委托移送")
    POLICE = "police", _("公安委托移送")
    PETITION = "petition", _("信访委托移送")
    OTHER_DEPARTMENT = "other_department", _("其他部门委托移送")


REFERRAL_SOURCES = {Source.COURT, Source.POLICE, Source.PETITION, Source.OTHER_DEPARTMENT}


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("已受理")
    MEDIATING = "mediating", _("调解中")
    CONCLUDED = "concluded", _("调解结束")


# The only moves a case may make. Services check this map and refuse anything else.
TRANSITIONS = {
    Status.ACCEPTED: {Status.MEDIATING},
    Status.MEDIATING: {Status.CONCLUDED},
    Status.CONCLUDED: set(),
}
OPEN_STATUSES = {Status.ACCEPTED, Status.MEDIATING}


class Outcome(models.TextChoices):
    SUCCESS = "success", _("调解成功")
    FAILURE = "failure", _("调解不成功")


class AgreementForm(models.TextChoices):
    ORAL = "oral", _("口头协议")
    WRITTEN = "written", _("书面协议")


class Performance(models.TextChoices):
    PENDING = "pending", _("待履行")
    PERFORMED = "performed", _("已履行")
    PARTLY = "partly", _("部分履行")
    NOT_PERFORMED = "not_performed", _("未履行")


class ConfirmationResult(models.TextChoices):
    CONFIRMED = "confirmed", _("确认调解协议有效")
    REJECTED = "rejected", _("驳回申请")


# --- Screening ------------------------------------------------------------------------------------------


@audited
class ScreeningRound(models.Model):
    """One round of 矛盾纠纷排查 in a street or community (by its office, or by an organisation)."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("排查区域"))
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="screening_rounds",
        verbose_name=_("调解组织"), help_text=_("由调解组织开展的排查填写。"),
    )
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"))
    title = models.CharField(_("排查主题"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))

    objects = MediatorScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("矛盾纠纷排查")
        verbose_name_plural = _("矛盾纠纷排查")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return f"{self.started_on}—{self.ended_on} {self.title or self.area}"

    def get_absolute_url(self):
        return record_url("mediation:screening_round_detail", self.pk)

    def clean(self):
        if self.area_id and self.area.level not in {Area.Level.STREET, Area.Level.COMMUNITY}:
            raise ValidationError({"area": _("排查区域应为街道或社区。")})
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("结束日期不能早于开始日期。")})


class FoundDisputeQuerySet(MediatorScopedQuerySet):
    organisation_field = "round__organisation"

    def without_case(self):
        return self.filter(case__isnull=True)


@audited
class FoundDispute(models.Model):
    """A dispute found by screening, with its risk level; it may become a mediation case (`case`)."""

    round = models.ForeignKey(ScreeningRound, models.CASCADE, related_name="disputes", verbose_name=_("排查"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"))
    found_on = models.DateField(_("发现日期"))
    dispute_type = models.CharField(_("纠纷类型"), max_length=25, choices=DisputeType.choices)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW)
    description = models.TextField(_("纠纷情况"))
    parties = models.CharField(_("涉及当事人"), max_length=200, blank=True)
    case = models.OneToOneField("Case", models.SET_NULL, null=True, blank=True, related_name="found_dispute",
                                verbose_name=_("转为调解案件"))

    objects = FoundDisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("排查发现的纠纷")
        verbose_name_plural = _("排查发现的纠纷")
        ordering = ["-found_on", "-id"]

    def __str__(self):
        return f"{self.found_on} {self.get_dispute_type_display()}"


# --- Cases ----------------------------------------------------------------------------------------------


def conclusion_due(accepted_on):
    """One calendar month after acceptance; the last day of a shorter month when the day does not exist."""
    return accepted_on + relativedelta(months=CONCLUSION_MONTHS)


class CaseQuerySet(MediatorScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def successful(self):
        return self.filter(status=Status.CONCLUDED, outcome=Outcome.SUCCESS)

    def in_confirmation_window(self, today=None):
        """Written agreements whose parties have not yet applied for 司法确认 — with `today`, only those whose
        CONFIRMATION_DAYS window still runs."""
        cases = self.successful().filter(agreement_form=AgreementForm.WRITTEN, agreement_signed_on__isnull=False,
                                         confirmation_applied_on__isnull=True)
        if today is not None:
            cases = cases.filter(agreement_signed_on__gte=today - timedelta(days=CONFIRMATION_DAYS))
        return cases

    def with_due_on(self):
        """Annotated `due_on`, `Case.concluded_due_on` in SQL: the extended day, else the acceptance day plus
        CONCLUSION_MONTHS calendar months. PostgreSQL's `date + interval '1 month'` keeps the day of the month
        and falls back to the month's last day when it does not exist (31 January → 28/29 February), as
        dateutil's relativedelta in `conclusion_due` does; tests/mediation/test_views.py proves they agree."""
        months_later = Func(F("accepted_on"), template=f"(%(expressions)s + interval '{int(CONCLUSION_MONTHS)} month')",
                            output_field=models.DateTimeField())
        return self.alias(due_on=Coalesce(F("extended_to"), Cast(months_later, models.DateField()),
                                          output_field=models.DateField()))

    def overdue(self, today):
        """Open cases past their deadline (`Case.is_overdue`), in one condition."""
        return self.open().with_due_on().filter(due_on__lt=today)


@audited
class Case(models.Model):
    """A people's mediation case of one organisation."""

    number = models.CharField(_("编号"), max_length=40, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="cases",
                                     verbose_name=_("调解组织"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"),
                             help_text=_("与调解组织相同。"))
    source = models.CharField(_("案件来源"), max_length=20, choices=Source.choices)
    referred_by = models.CharField(_("委托移送单位"), max_length=100, blank=True)
    dispute_type = models.CharField(_("纠纷类型"), max_length=25, choices=DisputeType.choices)
    summary = models.TextField(_("纠纷简要情况"), blank=True)
    amount_involved = models.DecimalField(
        _("涉案金额（元）"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)],
    )
    accepted_on = models.DateField(_("受理日期"))
    mediator = models.ForeignKey(Mediator, models.PROTECT, related_name="cases", verbose_name=_("主持调解员"))
    co_mediators = models.ManyToManyField(Mediator, blank=True, related_name="co_mediated_cases",
                                          verbose_name=_("参与调解员"))

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.ACCEPTED)
    mediation_started_on = models.DateField(_("开始调解日期"), null=True, blank=True)
    extended_to = models.DateField(_("延长至"), null=True, blank=True, editable=False,
                                   help_text=_("经双方当事人同意延长的调解期限。"))
    concluded_on = models.DateField(_("调解结束日期"), null=True, blank=True)
    outcome = models.CharField(_("调解结果"), max_length=10, choices=Outcome.choices, blank=True)
    failure_reason = models.CharField(_("调解不成功的原因"), max_length=200, blank=True)

    agreement_form = models.CharField(_("协议形式"), max_length=10, choices=AgreementForm.choices, blank=True)
    agreement_signed_on = models.DateField(_("协议签订日期"), null=True, blank=True)
    agreement_content = models.TextField(_("协议内容"), blank=True)
    performance = models.CharField(_("履行情况"), max_length=15, choices=Performance.choices, blank=True)
    performed_on = models.DateField(_("履行日期"), null=True, blank=True)

    confirmation_applied_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    confirmation_online = models.BooleanField(_("在线申请司法确认"), null=True, blank=True)
    confirmation_court = models.CharField(_("受理法院"), max_length=100, blank=True)
    confirmation_ruled_on = models.DateField(_("裁定日期"), null=True, blank=True)
    confirmation_result = models.CharField(_("确认结果"), max_length=10, choices=ConfirmationResult.choices,
                                           blank=True)

    escalation_risk = models.BooleanField(_("有激化风险"), default=False,
                                          help_text=_("可能引发刑事案件或群体性事件。"))
    escalation_flagged_on = models.DateField(_("发现激化风险日期"), null=True, blank=True)
    escalation_measures = models.TextField(_("防止激化措施"), blank=True)
    escalation_prevented = models.BooleanField(_("成功防止激化"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("人民调解案件")
        verbose_name_plural = _("人民调解案件")
        ordering = ["-accepted_on", "-id"]
        indexes = [
            models.Index(fields=["accepted_on"], name="mediation_case_accepted_idx"),
            models.Index(fields=["status", "outcome"], name="mediation_case_status_idx"),
            trigram_index("number", "mediation_case_number_trgm"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_involved__gte=0), name="mediation_case_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.number} {self.get_dispute_type_display()}"

    def get_absolute_url(self):
        try:
            return record_url("mediation:case_detail", self.pk)
        except NoReverseMatch:  # the pages come in a later slice
            return ""

    def clean(self):
        if self.source in REFERRAL_SOURCES and not self.referred_by.strip():
            raise ValidationError({"referred_by": _("委托移送的案件须填写委托移送单位。")})

    # --- the transition map ---

    def allowed_transitions(self):
        return TRANSITIONS[Status(self.status)]

    def can_move_to(self, status):
        return status in self.allowed_transitions()

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_successful(self):
        return self.status == Status.CONCLUDED and self.outcome == Outcome.SUCCESS

    # --- clocks ---

    @property
    def concluded_due_on(self):
        """The day mediation must end by: one calendar month after acceptance, or the extended date."""
        if not self.accepted_on:
            return None
        return self.extended_to or conclusion_due(self.accepted_on)

    def is_overdue(self, today=None):
        """Still open after its deadline."""
        today = today or timezone.localdate()
        return self.is_open and self.concluded_due_on is not None and self.concluded_due_on < today

    @property
    def has_written_agreement(self):
        return self.is_successful and self.agreement_form == AgreementForm.WRITTEN and bool(self.agreement_signed_on)

    @property
    def confirmation_due_on(self):
        """The last day the parties may apply for 司法确认: 30 days after a written agreement was signed."""
        if not self.has_written_agreement:
            return None
        return self.agreement_signed_on + timedelta(days=CONFIRMATION_DAYS)

    def confirmation_open(self, today=None):
        """A written agreement whose confirmation window is still running and not yet used."""
        today = today or timezone.localdate()
        due = self.confirmation_due_on
        return due is not None and self.confirmation_applied_on is None and today <= due


class CaseChildQuerySet(MediatorScopedQuerySet):
    """Records that belong to a case are visible where their case is."""

    area_field = "case__area"
    organisation_field = "case__organisation"


@audited
class Party(models.Model):
    """A party to a case: a person (ID number protected) or an organisation."""

    class Kind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANISATION = "organisation", _("法人或其他组织")

    case = models.ForeignKey(Case, models.CASCADE, related_name="parties", verbose_name=_("案件"))
    kind = models.CharField(_("当事人类型"), max_length=15, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_number = ResidentIDField(null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("住所"), max_length=200, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["case", "id"]
        indexes = [trigram_index("name", "mediation_party_name_trgm")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.ORGANISATION and self.id_number:
            raise ValidationError({"id_number": _("法人或其他组织不填写身份证号码。")})


@audited
class Extension(models.Model):
    """The parties agreed to extend the mediation beyond its month: when, to which day, and why."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="extensions", verbose_name=_("案件"))
    agreed_on = models.DateField(_("当事人同意日期"))
    previous_due_on = models.DateField(_("原调解期限"))
    extended_to = models.DateField(_("延长至"))
    note = models.CharField(_("说明"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("延长调解期限")
        verbose_name_plural = _("延长调解期限")
        ordering = ["case", "agreed_on", "id"]

    def __str__(self):
        return f"{self.agreed_on} → {self.extended_to}"

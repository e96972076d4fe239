"""The ledgers of administrative reconsideration (行政复议, under the law as revised in 2023) and of
litigation against the district's bodies (行政应诉).

A reconsideration is received, then accepted (or refused) within five working days (第三十条, 第八十八条: the
law's 五日 are working days), decided within 60 days of acceptance (30 under the simplified procedure), which
the head of the reconsideration body may extend once by at most 30 days (第六十二条), recorded with its reason.
A case accepted before a period and not concluded by its start is carried over into it (上期结转).

A lawsuit is received (应诉通知), heard — each hearing says whether the agency head appeared in court
(负责人出庭应诉) — and concluded by a judgment or ruling; whether the government lost follows from it.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, audited

from .units import Unit, UnitScopedQuerySet


class Channel(models.TextChoices):
    WINDOW = "window", _("公共法律服务中心复议窗口")
    POST = "post", _("邮寄")
    ONLINE = "online", _("网上申请")
    TRANSFERRED = "transferred", _("转送")


class Matter(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LICENCE = "licence", _("行政许可")
    DISCLOSURE = "disclosure", _("政府信息公开")
    WORK_INJURY = "work_injury", _("工伤认定")
    INACTION = "inaction", _("不履行法定职责")
    EXPROPRIATION = "expropriation", _("征收补偿")
    OTHER = "other", _("其他")


class ReconsiderationStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("审理中")
    REFUSED = "refused", _("不予受理")
    CONCLUDED = "concluded", _("已审结")


RECONSIDERATION_TRANSITIONS = {
    ReconsiderationStatus.RECEIVED: {ReconsiderationStatus.ACCEPTED, ReconsiderationStatus.REFUSED},
    ReconsiderationStatus.ACCEPTED: {ReconsiderationStatus.CONCLUDED},
    ReconsiderationStatus.REFUSED: set(),
    ReconsiderationStatus.CONCLUDED: set(),
}


class Decision(models.TextChoices):
    """行政复议决定 and the other ways a case ends (行政复议法 第六十三条至第七十四条, 第四十一条)."""

    UPHELD = "upheld", _("维持")
    DISMISSED = "dismissed", _("驳回")
    VARIED = "varied", _("变更")
    REVOKED = "revoked", _("撤销")
    ILLEGAL = "illegal", _("确认违法")
    VOID = "void", _("确认无效")
    ORDERED = "ordered", _("责令履行")
    MEDIATED = "mediated", _("调解")
    SETTLED = "settled", _("和解")
    TERMINATED = "terminated", _("终止")


# 纠错 (indicators.md, reconsideration.correction_rate): the decisions that correct the act under review.
APPLICATION_DAYS = 60  # 行政复议法（2023）第二十条：自知道或者应当知道该行政行为之日起六十日内提出
CORRECTIVE_DECISIONS = [Decision.VARIED, Decision.REVOKED, Decision.ILLEGAL, Decision.VOID, Decision.ORDERED]


class ReconsiderationQuerySet(UnitScopedQuerySet):
    unit_field = "respondent_unit"

    def awaiting_acceptance(self):
        return self.filter(status=ReconsiderationStatus.RECEIVED)

    def under_review(self):
        return self.filter(status=ReconsiderationStatus.ACCEPTED)

    def worked_in(self, start, end):
        """The cases of a period: accepted by its end and not concluded before its start (accepted in it, or carried
        over into it)."""
        return self.filter(accepted_on__lte=end).filter(Q(decided_on__isnull=True) | Q(decided_on__gte=start))

    def open_on(self, day):
        """Accepted by `day` and not concluded before it (a case concluded on `day` itself was still open)."""
        return self.worked_in(day, day)


@audited
class Reconsideration(models.Model):
    """An application for administrative reconsideration to the district government."""

    number = models.CharField(_("案号"), max_length=40, unique=True, editable=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    applicant = models.CharField(_("申请人"), max_length=100)
    respondent = models.CharField(_("被申请人"), max_length=100)
    respondent_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="reconsiderations",
                                        verbose_name=_("被申请人（本区单位）"))
    matter = models.CharField(_("行政行为类别"), max_length=15, choices=Matter.choices)
    channel = models.CharField(_("申请方式"), max_length=12, choices=Channel.choices, default=Channel.WINDOW)
    summary = models.TextField(_("复议请求"), blank=True)
    received_on = models.DateField(_("收到申请日期"))
    # The application's own time limit (行政复议法 第二十条、第二十一条): 60 days from the day the applicant knew or
    # should have known of the act; a year at most when the act did not tell them of the right to apply and its
    # limit; a delay for force majeure or another good reason does not count. Empty for historic records.
    known_on = models.DateField(_("知道行政行为之日"), null=True, blank=True,
                                help_text=_("申请人知道或者应当知道该行政行为之日，申请期限自此起算。"))
    rights_told = models.BooleanField(_("已告知复议权利和期限"), default=True,
                                      help_text=_("行政机关作出行政行为时未告知申请复议的权利和期限的，期限最长为一年。"))
    delay_reason = models.CharField(_("耽误申请期限的正当理由"), max_length=200, blank=True,
                                    help_text=_("因不可抗力或者其他正当理由耽误的，填写理由，障碍消除后继续计算。"))
    acceptance_due_on = models.DateField(_("受理审查期限"))
    status = models.CharField(_("状态"), max_length=10, choices=ReconsiderationStatus.choices,
                              default=ReconsiderationStatus.RECEIVED)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    refused_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    refusal_reason = models.CharField(_("不予受理理由"), max_length=200, blank=True)
    simple_procedure = models.BooleanField(_("适用简易程序"), default=False)
    decision_due_on = models.DateField(_("决定期限"), null=True, blank=True)
    extended_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_reason = models.CharField(_("延期理由"), max_length=200, blank=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    decision = models.CharField(_("审结方式"), max_length=12, choices=Decision.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))

    objects = ReconsiderationQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                                   name="normative_docs_recon_accepted_after_received"),
            models.CheckConstraint(condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("accepted_on")),
                                   name="normative_docs_recon_decided_after_accepted"),
        ]

    def __str__(self):
        return f"{self.number} {self.applicant}诉{self.respondent}"

    def get_absolute_url(self):
        return record_url("normative_docs:reconsideration_detail", self.pk)

    def can_move_to(self, status):
        return status in RECONSIDERATION_TRANSITIONS[ReconsiderationStatus(self.status)]

    @property
    def application_deadline(self):
        """The last day to apply (行政复议法 第二十条：六十日; 第二十一条：未告知权利和期限的最长一年; the first day
        is not counted), or None when the day the applicant knew of the act is not recorded."""
        if self.known_on is None:
            return None
        if self.rights_told:
            return self.known_on + timedelta(days=APPLICATION_DAYS)
        return self.known_on + relativedelta(years=1)

    @property
    def is_late(self):
        """Applied after the limit, with no good reason for the delay recorded."""
        deadline = self.application_deadline
        return deadline is not None and self.received_on > deadline and not self.delay_reason.strip()

    @property
    def is_extended(self):
        return self.extended_on is not None

    @property
    def is_corrective(self):
        return self.decision in CORRECTIVE_DECISIONS


class Instance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class Judgment(models.TextChoices):
    CLAIM_DISMISSED = "claim_dismissed", _("判决驳回诉讼请求")
    SUIT_DISMISSED = "suit_dismissed", _("裁定驳回起诉")
    WITHDRAWN = "withdrawn", _("准予撤诉")
    MEDIATED = "mediated", _("调解结案")
    REVOKED = "revoked", _("判决撤销")
    ILLEGAL = "illegal", _("判决确认违法")
    VOID = "void", _("判决确认无效")
    ORDERED = "ordered", _("判决履行")
    VARIED = "varied", _("判决变更")
    COMPENSATION = "compensation", _("判决赔偿或补偿")


# 败诉: the judgments against the government.
LOST_JUDGMENTS = [Judgment.REVOKED, Judgment.ILLEGAL, Judgment.VOID, Judgment.ORDERED, Judgment.VARIED,
                  Judgment.COMPENSATION]


class LitigationQuerySet(UnitScopedQuerySet):
    unit_field = "defendant_unit"

    def open(self):
        return self.filter(concluded_on__isnull=True)


@audited
class Litigation(models.Model):
    """A lawsuit against a body of the district, at one instance (an appeal is a row of its own)."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    case_number = models.CharField(_("法院案号"), max_length=60)
    court = models.CharField(_("审理法院"), max_length=100)
    instance = models.CharField(_("审级"), max_length=10, choices=Instance.choices, default=Instance.FIRST)
    plaintiff = models.CharField(_("原告（上诉人）"), max_length=100)
    defendant = models.CharField(_("被告"), max_length=100)
    defendant_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="lawsuits",
                                       verbose_name=_("被告（本区单位）"))
    matter = models.CharField(_("行政行为类别"), max_length=15, choices=Matter.choices)
    received_on = models.DateField(_("收到应诉通知日期"))
    concluded_on = models.DateField(_("判决或裁定日期"), null=True, blank=True)
    judgment = models.CharField(_("裁判结果"), max_length=20, choices=Judgment.choices, blank=True)
    lost = models.BooleanField(_("败诉"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))

    objects = LitigationQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政应诉案件")
        verbose_name_plural = _("行政应诉案件")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["court", "case_number"], name="normative_docs_litigation_unique"),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("received_on")),
                                   name="normative_docs_litigation_concluded_after_received"),
        ]

    def __str__(self):
        return f"{self.case_number} {self.plaintiff}诉{self.defendant}"

    def get_absolute_url(self):
        return record_url("normative_docs:litigation_detail", self.pk)

    def clean(self):
        if not (self.case_number or "").strip():
            raise ValidationError({"case_number": _("请填写法院案号。")})


class HearingQuerySet(UnitScopedQuerySet):
    area_field = "case__area"
    unit_field = "case__defendant_unit"


@audited
class Hearing(models.Model):
    """A court hearing of a lawsuit, and whether the agency head appeared in court (负责人出庭应诉)."""

    case = models.ForeignKey(Litigation, models.CASCADE, related_name="hearings", verbose_name=_("案件"))
    held_on = models.DateField(_("开庭日期"))
    head_appeared = models.BooleanField(_("负责人出庭应诉"), default=False)
    head_name = models.CharField(_("出庭负责人"), max_length=50, blank=True)
    head_title = models.CharField(_("出庭负责人职务"), max_length=50, blank=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("开庭")
        verbose_name_plural = _("开庭")
        ordering = ["case", "held_on", "id"]

    def __str__(self):
        return f"{self.case} {self.held_on}"

    def clean(self):
        if self.head_appeared and not (self.head_name or "").strip():
            raise ValidationError({"head_name": _("负责人出庭应诉的，请填写出庭负责人姓名。")})

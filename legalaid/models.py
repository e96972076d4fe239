"""Legal aid (法律援助): applications and cases, their statutory clocks, consultations and quality.

One `Case` row follows an application from receipt to archive (申请 → 审查决定 → 指派 → 承办 → 结案 → 归档).
Its status moves only through `legalaid.services`, along `TRANSITIONS`; every move writes a `CaseStep`.
"""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.fields import PinyinKeyField, trigram_index
from bureau.identifiers import ResidentIDField
from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, User, audited
from bureau.models import ClockRule as BaseClockRule
from lawyers.models import Lawyer, Specialty


class MatterKind(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    CIVIL = "civil", _("民事")
    ADMINISTRATIVE = "administrative", _("行政")
    STATE_COMPENSATION = "state_compensation", _("国家赔偿")
    NON_LITIGATION = "non_litigation", _("非诉讼")


class Category(models.TextChoices):
    """The matters of 法律援助法 第二十四、二十五、二十八、三十一条."""

    CRIMINAL_DEFENCE = "criminal_defence", _("刑事辩护（第二十四条申请）")
    NOTIFIED_DEFENCE = "notified_defence", _("通知辩护（第二十五、二十八条）")
    VICTIM_AGENCY = "victim_agency", _("刑事被害人、自诉人代理（第二十九条）")
    STATE_COMPENSATION = "state_compensation", _("依法请求国家赔偿（第三十一条第一项）")
    SOCIAL_SECURITY = "social_security", _("社会保险待遇或者社会救助（第三十一条第二项）")
    PENSION = "pension", _("请求发给抚恤金（第三十一条第三项）")
    MAINTENANCE = "maintenance", _("赡养费、抚养费、扶养费（第三十一条第四项）")
    LABOUR = "labour", _("确认劳动关系或者支付劳动报酬（第三十一条第五项）")
    CAPACITY = "capacity", _("认定无民事行为能力或者限制民事行为能力（第三十一条第六项）")
    INJURY = "injury", _("工伤、交通、食品药品、医疗事故人身损害赔偿（第三十一条第七项）")
    ENVIRONMENT = "environment", _("环境污染、生态破坏损害赔偿（第三十一条第八项）")
    OTHER = "other", _("法律、法规、规章规定的其他情形（第三十一条第九项）")


# The specialty a lawyer should have for a category (assignment weighs it).
CATEGORY_SPECIALTY = {
    Category.CRIMINAL_DEFENCE: Specialty.CRIMINAL,
    Category.NOTIFIED_DEFENCE: Specialty.CRIMINAL,
    Category.VICTIM_AGENCY: Specialty.CRIMINAL,
    Category.STATE_COMPENSATION: Specialty.ADMINISTRATIVE,
    Category.SOCIAL_SECURITY: Specialty.SOCIAL_SECURITY,
    Category.PENSION: Specialty.SOCIAL_SECURITY,
    Category.MAINTENANCE: Specialty.FAMILY,
    Category.LABOUR: Specialty.LABOUR,
    Category.CAPACITY: Specialty.FAMILY,
    Category.INJURY: Specialty.PERSONAL_INJURY,
    Category.ENVIRONMENT: Specialty.ENVIRONMENT,
    Category.OTHER: Specialty.CONTRACT,
}


# 援助事项 each 案件类别 admits: the criminal matters of 第二十四、二十五、二十八、二十九条 only in a criminal case,
# the civil and administrative ones of 第三十一条 only outside it. Case.clean checks it (page, API and import alike);
# the form narrows the 援助事项 select to it.
_NON_CRIMINAL = [
    Category.SOCIAL_SECURITY, Category.PENSION, Category.MAINTENANCE, Category.LABOUR, Category.CAPACITY,
    Category.INJURY, Category.ENVIRONMENT, Category.OTHER,
]
MATTER_CATEGORIES = {
    MatterKind.CRIMINAL: [Category.CRIMINAL_DEFENCE, Category.NOTIFIED_DEFENCE, Category.VICTIM_AGENCY],
    MatterKind.CIVIL: _NON_CRIMINAL,
    MatterKind.ADMINISTRATIVE: [Category.STATE_COMPENSATION,
                                *(c for c in _NON_CRIMINAL if c not in (Category.MAINTENANCE, Category.CAPACITY))],
    MatterKind.STATE_COMPENSATION: [Category.STATE_COMPENSATION],
    MatterKind.NON_LITIGATION: [c for c in _NON_CRIMINAL if c != Category.CAPACITY],
}
DEFENCE_CATEGORIES = {Category.CRIMINAL_DEFENCE, Category.NOTIFIED_DEFENCE}


class Source(models.TextChoices):
    WINDOW = "window", _("窗口申请")
    HOTLINE = "hotline", _("12348热线")
    ONLINE = "online", _("网络申请")
    NOTICE_DEFENCE = "notice_defence", _("通知辩护")
    NOTICE_AGENCY = "notice_agency", _("通知代理")


NOTICE_SOURCES = {Source.NOTICE_DEFENCE, Source.NOTICE_AGENCY}


class RecipientGroup(models.TextChoices):
    MIGRANT_WORKER = "migrant_worker", _("农民工")
    ELDERLY = "elderly", _("老年人")
    MINOR = "minor", _("未成年人")
    DISABLED = "disabled", _("残疾人")
    WOMEN = "women", _("妇女")
    MILITARY = "military", _("军人军属")


class ExemptionGround(models.TextChoices):
    """Means test not required (法律援助法 第三十二条) or financial hardship presumed (第四十二条)."""

    HERO_RELATIVE = "hero_relative", _("英雄烈士近亲属为维护英雄烈士的人格权益（第三十二条第一项）")
    RETRIAL_ACQUITTAL = "retrial_acquittal", _("再审改判无罪请求国家赔偿（第三十二条第二项）")
    ABUSE = "abuse", _("遭受虐待、遗弃或者家庭暴力的受害人主张相关权益（第三十二条第三项）")
    GOOD_SAMARITAN = "good_samaritan", _("见义勇为行为主张相关民事权益（第三十二条第四项）")
    SPECIAL_GROUP = "special_group", _("无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条第一项）")
    ASSISTANCE = "assistance", _("社会救助、司法救助或者优抚对象（第四十二条第二项）")
    MIGRANT_WAGES = "migrant_wages", _("进城务工人员请求支付劳动报酬或者工伤赔偿（第四十二条第三项）")
    OTHER = "other", _("法律、法规、规章规定的其他情形")


class TerminationGround(models.TextChoices):
    """法律援助法 第四十八条."""

    NO_LONGER_ELIGIBLE = "no_longer_eligible", _("受援人以欺骗或者其他不正当手段获得法律援助（第一项）")
    FALSE_MATERIAL = "false_material", _("受援人故意隐瞒与案件有关的重要事实或者提供虚假证据（第二项）")
    ILLEGAL_ACTS = "illegal_acts", _("受援人利用法律援助从事违法活动（第三项）")
    ECONOMIC_CHANGE = "economic_change", _("受援人的经济状况发生变化，不再符合法律援助条件（第四项）")
    CASE_ENDED = "case_ended", _("案件终止审理或者已经被撤销（第五项）")
    OTHER_COUNSEL = "other_counsel", _("受援人自行委托律师或者其他代理人（第六项）")
    WITHDRAWN = "withdrawn", _("受援人有正当理由要求终止法律援助（第七项）")
    OTHER = "other", _("法律法规规定的其他情形（第八项）")


class Outcome(models.TextChoices):
    WON = "won", _("胜诉或者主张全部得到支持")
    PARTLY_WON = "partly_won", _("主张部分得到支持")
    SETTLED = "settled", _("调解、和解结案")
    LOST = "lost", _("败诉或者主张未得到支持")
    WITHDRAWN = "withdrawn", _("撤诉")
    DEFENCE_ADOPTED = "defence_adopted", _("辩护意见被采纳")
    DEFENCE_NOT_ADOPTED = "defence_not_adopted", _("辩护意见未被采纳")
    OTHER = "other", _("其他")


# 结案结果 each 援助事项 admits: a defence ends with the defence adopted or not; an agency (a victim's, or any
# civil or administrative matter) with the claim supported, settled, lost or withdrawn. services.case_close checks
# it; the close form offers only these.
DEFENCE_OUTCOMES = [Outcome.DEFENCE_ADOPTED, Outcome.DEFENCE_NOT_ADOPTED, Outcome.OTHER]
AGENCY_OUTCOMES = [Outcome.WON, Outcome.PARTLY_WON, Outcome.SETTLED, Outcome.LOST, Outcome.WITHDRAWN, Outcome.OTHER]


def outcomes_for(category):
    return DEFENCE_OUTCOMES if category in DEFENCE_CATEGORIES else AGENCY_OUTCOMES


class FinancialStatus(models.TextChoices):
    """The applicant's financial hardship as checked (法律援助法 第四十一条), when no ground exempts the check."""

    MINIMUM_LIVING = "minimum_living", _("城乡最低生活保障对象（低保）")
    EXTREME_POVERTY = "extreme_poverty", _("特困供养人员（特困）")
    LOW_INCOME = "low_income", _("低收入家庭成员")
    BELOW_STANDARD = "below_standard", _("家庭人均收入低于当地经济困难标准")
    OTHER = "other", _("其他经济困难情形")


class Decision(models.TextChoices):
    GRANTED = "granted", _("给予法律援助")
    REFUSED = "refused", _("不予法律援助")


class Status(models.TextChoices):
    RECEIVED = "received", _("待审查")
    MATERIAL_REQUESTED = "material_requested", _("补充材料中")
    GRANTED = "granted", _("待指派")
    REFUSED = "refused", _("不予援助")
    OBJECTED = "objected", _("异议审查中")
    ASSIGNED = "assigned", _("已指派")
    IN_PROGRESS = "in_progress", _("承办中")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")
    TERMINATED = "terminated", _("已终止")


# The only moves a case may make. Services check this map and refuse anything else.
TRANSITIONS = {
    Status.RECEIVED: {Status.MATERIAL_REQUESTED, Status.GRANTED, Status.REFUSED},
    Status.MATERIAL_REQUESTED: {Status.RECEIVED},
    Status.GRANTED: {Status.ASSIGNED, Status.TERMINATED},
    Status.REFUSED: {Status.OBJECTED},
    Status.OBJECTED: {Status.GRANTED, Status.REFUSED},
    Status.ASSIGNED: {Status.IN_PROGRESS, Status.TERMINATED},
    Status.IN_PROGRESS: {Status.CLOSED, Status.TERMINATED},
    Status.CLOSED: {Status.ARCHIVED},
    Status.ARCHIVED: set(),
    Status.TERMINATED: set(),
}
OPEN_STATUSES = {Status.ASSIGNED, Status.IN_PROGRESS}  # a lawyer's current load
# The statuses in which a case admits each quality record: the services refuse any other, the case page offers
# the record's button only then.
QUALITY_STATUSES = {
    "file_evaluation": {Status.CLOSED, Status.ARCHIVED},
    "hearing_evaluation": {Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSED},
    "follow_up": {Status.IN_PROGRESS, Status.CLOSED, Status.ARCHIVED},
}


@audited
class ClockRule(BaseClockRule):
    """Legal aid's statutory time limits (bureau.models.ClockRule)."""

    class Code(models.TextChoices):
        DECISION = "decision", _("审查决定")
        ASSIGNMENT = "assignment", _("指派")
        NOTICE_ASSIGNMENT = "notice_assignment", _("通知案件指派")
        COMPLAINT = "complaint", _("投诉处理")

    code = models.CharField(_("期限"), max_length=20, choices=Code.choices, unique=True)

    class Meta(BaseClockRule.Meta):
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")


class CaseQuerySet(AreaScopedQuerySet):
    def accepted(self):
        """Cases with a decision to give aid (a notice accepted counts as one)."""
        return self.filter(decision=Decision.GRANTED)

    def awaiting_decision(self):
        return self.filter(status=Status.RECEIVED, decision_due_on__isnull=False)

    def awaiting_assignment(self):
        return self.filter(status=Status.GRANTED, assignment_due_on__isnull=False)

    def overdue(self, today):
        return self.filter(
            Q(status=Status.RECEIVED, decision_due_on__lt=today)
            | Q(status=Status.GRANTED, assignment_due_on__lt=today)
        )


@audited(exclude=["applicant_pinyin"])
class Case(models.Model):
    """An application for legal aid (or a notice from police, procuratorate or court) and the case it becomes."""

    number = models.CharField(_("编号"), max_length=40, unique=True, editable=False)
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("街道"),
        help_text=_("申请人住所地或案件所在街道。"),
    )
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    received_on = models.DateField(_("收到日期"))
    matter_kind = models.CharField(_("案件类别"), max_length=20, choices=MatterKind.choices)
    category = models.CharField(_("援助事项"), max_length=30, choices=Category.choices)
    max_penalty_life_or_death = models.BooleanField(
        _("可能判处无期徒刑、死刑"), default=False,
        help_text=_("此类案件只能指派具有三年以上执业经历的律师（法律援助法第二十六条）。"),
    )
    summary = models.TextField(_("案情摘要"), blank=True)
    notifying_authority = models.CharField(_("通知机关"), max_length=100, blank=True)

    applicant_name = models.CharField(_("申请人"), max_length=50)
    applicant_pinyin = PinyinKeyField(source="applicant_name")
    applicant_id_number = ResidentIDField(null=True, blank=True, verbose_name=_("申请人身份证号码"))
    applicant_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    applicant_address = models.CharField(_("住址"), max_length=200, blank=True)
    applicant_hukou = models.CharField(_("户籍所在地"), max_length=100, blank=True)
    exemption_ground = models.CharField(
        _("免予核查经济困难状况的情形"), max_length=30, choices=ExemptionGround.choices, blank=True
    )
    financial_status = models.CharField(
        _("经济困难状况"), max_length=20, choices=FinancialStatus.choices, blank=True
    )
    monthly_income_per_person = models.DecimalField(
        _("家庭月人均收入（元）"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    financial_note = models.CharField(_("经济状况说明"), max_length=300, blank=True)
    material = models.FileField(_("申请材料"), upload_to="legalaid/material/%Y/", blank=True)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    material_requested_on = models.DateField(_("通知补充材料日期"), null=True, blank=True)
    material_request_note = models.CharField(_("需补充的材料"), max_length=200, blank=True)
    complete_on = models.DateField(_("材料齐全日期"), null=True, blank=True)
    decision_due_on = models.DateField(_("审查决定期限"), null=True, blank=True)
    decision = models.CharField(_("审查决定"), max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    assignment_due_on = models.DateField(_("指派期限"), null=True, blank=True)
    lawyer = models.ForeignKey(
        Lawyer, models.PROTECT, null=True, blank=True, related_name="legal_aid_cases",
        verbose_name=_("承办律师"), db_index=False,
    )
    suggested_lawyer = models.ForeignKey(
        Lawyer, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("系统建议律师"),
    )
    suggestion_reason = models.CharField(_("建议理由"), max_length=200, blank=True)
    override_reason = models.CharField(_("未采纳建议的理由"), max_length=200, blank=True)
    assigned_on = models.DateField(_("指派日期"), null=True, blank=True)
    started_on = models.DateField(_("开始承办日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    outcome = models.CharField(_("结案结果"), max_length=20, choices=Outcome.choices, blank=True)
    recovered_amount = models.DecimalField(
        _("挽回经济损失（元）"), max_digits=14, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    termination_ground = models.CharField(
        _("终止情形"), max_length=20, choices=TerminationGround.choices, blank=True
    )
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("登记人"))
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律援助案件")
        verbose_name_plural = _("法律援助案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["decision", "decided_on"], name="legalaid_case_decided_idx"),
            models.Index(fields=["closed_on"], name="legalaid_case_closed_idx"),
            models.Index(fields=["received_on"], name="legalaid_case_received_idx"),
            models.Index(fields=["lawyer", "status"], name="legalaid_case_lawyer_idx"),
            trigram_index("number", "legalaid_case_number_trgm"),
            trigram_index("applicant_name", "legalaid_case_applicant_trgm"),
        ]

    def __str__(self):
        return f"{self.number} {self.applicant_name}"

    def get_absolute_url(self):
        return record_url("legalaid:case_detail", self.pk)

    def clean(self):
        """Every refusal at once, each on its field, so the clerk corrects the form in one pass."""
        errors = {}
        if self.area_id and self.area.level != Area.Level.STREET:
            errors["area"] = _("请选择街道。")
        if self.matter_kind and self.category and self.category not in MATTER_CATEGORIES.get(self.matter_kind, ()):
            errors["category"] = _("“%(category)s”不是%(kind)s案件的援助事项。") % {
                "category": self.get_category_display(), "kind": self.get_matter_kind_display()}
        if self.max_penalty_life_or_death and self.matter_kind != MatterKind.CRIMINAL:
            errors["max_penalty_life_or_death"] = _("只有刑事案件可能判处无期徒刑、死刑。")
        if self.source in NOTICE_SOURCES and not self.notifying_authority:
            errors["notifying_authority"] = _("通知辩护、通知代理案件须填写通知机关。")
        if self.source and self.source not in NOTICE_SOURCES:
            errors.update(self._applicant_errors())
        if errors:
            raise ValidationError(errors)

    def _applicant_errors(self):
        """An applicant (not a notice, which may come without the person's number) states who they are and,
        unless a ground exempts the check (第四十二条), their financial hardship (第四十一条)."""
        errors = {}
        if not self.applicant_id_number:
            errors["applicant_id_number"] = _("请填写申请人的身份证号码。")
        if not self.exemption_ground and not self.financial_status:
            errors["financial_status"] = _("请选择经济困难状况，或选择免予核查经济困难状况的情形。")
        if self.financial_status == FinancialStatus.BELOW_STANDARD and self.monthly_income_per_person is None:
            errors["monthly_income_per_person"] = _("请填写家庭月人均收入。")
        if self.financial_status == FinancialStatus.OTHER and not self.financial_note.strip():
            errors["financial_note"] = _("请说明经济困难的情形。")
        return errors

    @property
    def is_notice(self):
        return self.source in NOTICE_SOURCES

    @property
    def outcome_choices(self):
        """The 结案结果 this case may close with: [(value, label)]."""
        return [(outcome.value, outcome.label) for outcome in outcomes_for(self.category)]

    @property
    def needed_specialty(self):
        return CATEGORY_SPECIALTY.get(self.category)

    def allowed_transitions(self):
        return TRANSITIONS[Status(self.status)]

    def can_move_to(self, status):
        return status in self.allowed_transitions()

    @property
    def can_request_material(self):
        """Missing material may be requested once (法律援助法 第四十三条)."""
        return self.can_move_to(Status.MATERIAL_REQUESTED) and self.material_requested_on is None

    def open_clock(self):
        """(label, due date) of the clock now running, if any."""
        if self.status == Status.RECEIVED and self.decision_due_on:
            return _("审查决定"), self.decision_due_on
        if self.status == Status.GRANTED and self.assignment_due_on:
            return _("指派"), self.assignment_due_on
        return None

    def is_overdue(self, today=None):
        clock = self.open_clock()
        return bool(clock) and clock[1] < (today or timezone.localdate())


class CaseChildQuerySet(AreaScopedQuerySet):
    """Records that belong to a case are visible where their case is."""

    area_field = "case__area"


@audited
class Recipient(models.Model):
    """A person receiving aid; a group case (e.g. migrant workers owed wages) has many."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="recipients", verbose_name=_("案件"))
    name = models.CharField(_("姓名"), max_length=50)
    id_number = ResidentIDField(null=True, blank=True)
    is_female = models.BooleanField(_("女性"), default=False)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    groups = ArrayField(
        models.CharField(max_length=20, choices=RecipientGroup.choices), default=list, blank=True,
        verbose_name=_("人群类别"),
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("受援人")
        verbose_name_plural = _("受援人")
        ordering = ["case", "id"]
        indexes = [trigram_index("name", "legalaid_recipient_name_trgm")]

    def __str__(self):
        return self.name


@audited
class CaseStep(models.Model):
    """One line of a case's timeline, written by the service that made the move."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="steps", verbose_name=_("案件"))
    action = models.CharField(_("事项"), max_length=30)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), default=timezone.now)
    by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("经办人"))
    note = models.TextField(_("说明"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件进程")
        verbose_name_plural = _("案件进程")
        ordering = ["case", "at", "id"]

    def __str__(self):
        return f"{self.on} {self.action}"


@audited
class Objection(models.Model):
    """异议: the applicant disputes a refusal; the bureau upholds or rejects it."""

    class Result(models.TextChoices):
        UPHELD = "upheld", _("异议成立，给予法律援助")
        REJECTED = "rejected", _("异议不成立，维持原决定")

    case = models.ForeignKey(Case, models.CASCADE, related_name="objections", verbose_name=_("案件"))
    filed_on = models.DateField(_("提出日期"))
    reason = models.TextField(_("异议理由"))
    result = models.CharField(_("审查结果"), max_length=10, choices=Result.choices, blank=True)
    decided_on = models.DateField(_("审查日期"), null=True, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["-filed_on"]


class ConsultationQuerySet(AreaScopedQuerySet):
    pass


@audited
class Consultation(models.Model):
    """法律咨询: logged in seconds at the window, on the 12348 line or online, as person-times."""

    class Channel(models.TextChoices):
        WINDOW = "window", _("窗口")
        HOTLINE = "hotline", _("12348热线")
        ONLINE = "online", _("网络")

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("街道"))
    on = models.DateField(_("日期"), default=timezone.localdate)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices, default=Channel.WINDOW)
    topic = models.CharField(_("咨询事项"), max_length=20, choices=Specialty.choices)
    person_times = models.PositiveSmallIntegerField(
        _("人次"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    name = models.CharField(_("咨询人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    note = models.CharField(_("摘要"), max_length=200, blank=True)
    answer = models.TextField(_("解答内容"), blank=True)
    recorded_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("记录人"))

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律咨询")
        verbose_name_plural = _("法律咨询")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["on", "area"], name="legalaid_consult_on_idx")]

    def __str__(self):
        return f"{self.on} {self.get_channel_display()} {self.get_topic_display()}"


# --- Quality ------------------------------------------------------------------------------------------


@audited
class FileEvaluation(models.Model):
    """案卷评查: two reviewers score a closed case file out of 100."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="file_evaluations", verbose_name=_("案件"))
    evaluated_on = models.DateField(_("评查日期"))
    first_reviewer = models.CharField(_("评查人一"), max_length=50)
    first_score = models.PositiveSmallIntegerField(_("评分一"), validators=[MaxValueValidator(100)])
    second_reviewer = models.CharField(_("评查人二"), max_length=50)
    second_score = models.PositiveSmallIntegerField(_("评分二"), validators=[MaxValueValidator(100)])
    findings = models.TextField(_("评查意见"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        ordering = ["-evaluated_on"]

    def clean(self):
        if self.first_reviewer and self.first_reviewer == self.second_reviewer:
            raise ValidationError({"second_reviewer": _("两名评查人不能是同一人。")})

    @property
    def score(self):
        return (Decimal(self.first_score) + Decimal(self.second_score)) / 2


class ExpertQuerySet(AreaScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


@audited
class Expert(models.Model):
    """An expert in the pool from which court-hearing evaluators are drawn."""

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务职称"), max_length=100, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    is_active = models.BooleanField(_("在库"), default=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("评估专家")
        verbose_name_plural = _("评估专家")
        ordering = ["name"]

    def __str__(self):
        return self.name


@audited
class HearingEvaluation(models.Model):
    """庭审评估: experts drawn at random observe an aid lawyer in court. The seed and the pool make the
    draw reproducible (`services.experts_draw`)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="hearing_evaluations", verbose_name=_("案件"))
    held_on = models.DateField(_("评估日期"))
    court = models.CharField(_("法院"), max_length=100)
    seed = models.BigIntegerField(_("抽取随机种子"))
    pool = ArrayField(models.BigIntegerField(), verbose_name=_("抽取时的专家库"))
    experts = models.ManyToManyField(Expert, related_name="evaluations", verbose_name=_("评估专家"))
    score = models.PositiveSmallIntegerField(
        _("评分"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    findings = models.TextField(_("评估意见"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("庭审评估")
        verbose_name_plural = _("庭审评估")
        ordering = ["-held_on"]


@audited
class FollowUp(models.Model):
    """回访受援人."""

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        NEUTRAL = "neutral", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")
        UNREACHABLE = "unreachable", _("未能联系")

    case = models.ForeignKey(Case, models.CASCADE, related_name="follow_ups", verbose_name=_("案件"))
    called_on = models.DateField(_("回访日期"))
    satisfaction = models.CharField(_("满意度"), max_length=15, choices=Satisfaction.choices)
    note = models.TextField(_("回访情况"), blank=True)
    by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("回访人"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["-called_on"]


class ComplaintQuerySet(AreaScopedQuerySet):
    def open(self):
        return self.filter(concluded_on__isnull=True)


@audited
class Complaint(models.Model):
    """A complaint against an aid lawyer, with its own clock (ClockRule.Code.COMPLAINT)."""

    class Finding(models.TextChoices):
        SUBSTANTIATED = "substantiated", _("投诉属实")
        PARTLY = "partly", _("部分属实")
        UNSUBSTANTIATED = "unsubstantiated", _("投诉不属实")

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("街道"))
    case = models.ForeignKey(
        Case, models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name=_("相关案件")
    )
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, related_name="+", verbose_name=_("被投诉律师"))
    complainant = models.CharField(_("投诉人"), max_length=50)
    received_on = models.DateField(_("收到日期"))
    content = models.TextField(_("投诉内容"))
    due_on = models.DateField(_("办结期限"))
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    finding = models.CharField(_("调查结论"), max_length=20, choices=Finding.choices, blank=True)
    handling = models.TextField(_("处理情况"), blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        ordering = ["-received_on"]

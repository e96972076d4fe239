"""Lawyer supervision (律师执业监管) by the district's lawyers section (律师工作科): the annual inspection
(年度检查考核), the 双随机一公开 random inspections with draws anyone can re-check, supervision visits
(督导检查), complaints on a statutory clock, and violations through the rectification loop.

Every record belongs to a district (`district`, the area the querysets scope by): the section of 罗湖区 sees
罗湖区's, leadership reads them, the city sees all; a street office sees none. Writes go through
lawyers.supervision (the services); the rules about one record are here.
"""

import hashlib

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, ClockRule, Versioned, audited

from .registry import LawFirm, Lawyer

# --- Common -----------------------------------------------------------------------------------------------


class DistrictQuerySet(AreaScopedQuerySet):
    area_field = "district"


def _district_field(**kwargs):
    return models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("区"),
                             limit_choices_to={"level": Area.Level.DISTRICT}, **kwargs)


def _created_by():
    return models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人"))


def _check_district(district):
    if district is not None and district.level != Area.Level.DISTRICT:
        raise ValidationError({"district": _("律师执业监管以区为单位，请选择区。")})


def _check_subject(record, *, required=True):
    """A complaint or violation concerns a lawyer, a firm or both; the lawyer's firm is taken when only the
    lawyer is given and they practise at one."""
    if required and not record.lawyer_id and not record.firm_id:
        raise ValidationError({"lawyer": _("请填写被投诉或违规的律师或律师事务所。")})
    if record.lawyer_id and not record.firm_id and record.lawyer.firm_id:
        record.firm_id = record.lawyer.firm_id
    if record.lawyer_id and record.firm_id and record.lawyer.firm_id not in (None, record.firm_id):
        raise ValidationError({"firm": _("该律师不在所选律师事务所执业。")})


# --- Annual inspection (年度检查考核) ----------------------------------------------------------------------


class InspectionKind(models.TextChoices):
    FIRM = "firm", _("律师事务所")
    PUBLIC = "public", _("公职律师")
    CORPORATE = "corporate", _("公司律师")


class Grade(models.TextChoices):
    QUALIFIED = "qualified", _("合格")
    BASICALLY_QUALIFIED = "basically_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")
    COMPETENT = "competent", _("称职")
    BASICALLY_COMPETENT = "basically_competent", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")


FIRM_GRADES = (Grade.QUALIFIED, Grade.BASICALLY_QUALIFIED, Grade.UNQUALIFIED)
LAWYER_GRADES = (Grade.COMPETENT, Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)
KIND_OF_LAWYER = {InspectionKind.PUBLIC: Lawyer.Kind.PUBLIC, InspectionKind.CORPORATE: Lawyer.Kind.CORPORATE}


@audited
class InspectionCampaign(models.Model):
    """A district's annual inspection of one kind of subject for a year (the 2025 年度检查考核 of law firms)."""

    district = _district_field(db_index=False)
    year = models.PositiveSmallIntegerField(_("考核年度"))
    kind = models.CharField(_("考核对象"), max_length=12, choices=InspectionKind.choices)
    started_on = models.DateField(_("开始日期"))
    meeting_on = models.DateField(_("反馈会日期"), null=True, blank=True,
                                  help_text=_("年度检查考核情况反馈会（通报问题、部署整改）的日期。"))
    meeting_notes = models.TextField(_("反馈会情况"), blank=True)
    created_by = _created_by()

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度检查考核")
        verbose_name_plural = _("年度检查考核")
        ordering = ["-year", "district", "kind"]
        constraints = [models.UniqueConstraint(fields=["district", "year", "kind"], name="inspection_campaign_once")]

    def __str__(self):
        return _("%(year)d年度%(kind)s年度检查考核") % {"year": self.year, "kind": self.get_kind_display()}

    def get_absolute_url(self):
        return record_url("lawyers:campaign_detail", self.pk)

    def clean(self):
        _check_district(self.district if self.district_id else None)
        if self.started_on and self.year and self.started_on.year < self.year:
            raise ValidationError({"started_on": _("年度检查考核不能早于考核年度开始。")})
        if self.meeting_on and self.started_on and self.meeting_on < self.started_on:
            raise ValidationError({"meeting_on": _("反馈会日期不能早于开始日期。")})

    @property
    def grades(self):
        return FIRM_GRADES if self.kind == InspectionKind.FIRM else LAWYER_GRADES


class InspectionResultQuerySet(AreaScopedQuerySet):
    area_field = "campaign__district"


@audited
class InspectionResult(Versioned):
    """One subject's annual inspection: a firm (firm campaigns) or a public/corporate lawyer."""

    campaign = models.ForeignKey(InspectionCampaign, models.PROTECT, related_name="results",
                                 verbose_name=_("年度检查考核"), db_index=False)
    firm = models.ForeignKey(LawFirm, models.PROTECT, null=True, blank=True, related_name="inspection_results",
                             verbose_name=_("律师事务所"))
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, null=True, blank=True, related_name="inspection_results",
                               verbose_name=_("律师"))
    materials_received_on = models.DateField(_("材料收到日期"), null=True, blank=True)
    findings = models.TextField(_("考核意见"), blank=True)
    grade = models.CharField(_("考核等次"), max_length=20, choices=Grade.choices, blank=True)
    graded_on = models.DateField(_("评定日期"), null=True, blank=True)

    objects = InspectionResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度检查考核结果")
        verbose_name_plural = _("年度检查考核结果")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "firm"], name="inspection_result_firm_once"),
            models.UniqueConstraint(fields=["campaign", "lawyer"], name="inspection_result_lawyer_once"),
            models.CheckConstraint(condition=(Q(firm__isnull=True) & Q(lawyer__isnull=False))
                                   | (Q(firm__isnull=False) & Q(lawyer__isnull=True)),
                                   name="inspection_result_one_subject"),
        ]

    def __str__(self):
        return f"{self.campaign}：{self.subject}"

    @property
    def subject(self):
        return self.firm if self.firm_id else self.lawyer

    def clean(self):
        campaign = self.campaign
        if campaign.kind == InspectionKind.FIRM:
            if not self.firm_id or self.lawyer_id:
                raise ValidationError({"firm": _("律师事务所年度检查考核请选择律师事务所。")})
        elif not self.lawyer_id or self.firm_id:
            raise ValidationError({"lawyer": _("请选择%(kind)s。") % {"kind": campaign.get_kind_display()}})
        elif self.lawyer.kind != KIND_OF_LAWYER[campaign.kind]:
            raise ValidationError({"lawyer": _("%(name)s不是%(kind)s。") % {
                "name": self.lawyer.name, "kind": campaign.get_kind_display()}})
        if self.grade and self.grade not in campaign.grades:
            raise ValidationError({"grade": _("%(kind)s的考核等次为%(grades)s。") % {
                "kind": campaign.get_kind_display(), "grades": "、".join(str(g.label) for g in campaign.grades)}})
        if self.grade and not self.graded_on:
            raise ValidationError({"graded_on": _("请填写评定日期。")})
        if self.graded_on and not self.grade:
            raise ValidationError({"grade": _("请选择考核等次。")})
        if self.graded_on and self.materials_received_on and self.graded_on < self.materials_received_on:
            raise ValidationError({"graded_on": _("评定日期不能早于材料收到日期。")})


# --- 双随机一公开 -----------------------------------------------------------------------------------------


@audited
class Inspector(Versioned):
    """执法检查人员库: the district's officers with a law-enforcement certificate, from whom inspectors are drawn."""

    district = _district_field(db_index=False)
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.CharField(_("单位"), max_length=100)
    certificate_number = models.CharField(_("执法证号"), max_length=30)
    is_active = models.BooleanField(_("在库"), default=True, help_text=_("不在库的人员不参加抽取。"))

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员库")
        ordering = ["district", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "certificate_number"],
                                               name="inspector_certificate_once")]

    def __str__(self):
        return f"{self.name}（{self.unit}）"

    def clean(self):
        _check_district(self.district if self.district_id else None)


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("待抽取")
    DRAWN = "drawn", _("已抽取")
    PUBLISHED = "published", _("已公开")


PLAN_TRANSITIONS = {
    PlanStatus.PLANNED: {PlanStatus.DRAWN},
    PlanStatus.DRAWN: {PlanStatus.DRAWN, PlanStatus.PUBLISHED},  # a re-draw, with its reason
    PlanStatus.PUBLISHED: set(),
}

@audited
class RandomInspectionPlan(models.Model):
    """A 双随机一公开 inspection: k firms drawn from the district's registry, m inspectors from its pool; the
    results of each drawn firm recorded, then published (公开). “Carried out” (lawyers.random_inspections) means
    published, on `published_on`."""

    district = _district_field()
    title = models.CharField(_("抽查名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    firms_to_draw = models.PositiveSmallIntegerField(_("抽取律师事务所数"))
    inspectors_to_draw = models.PositiveSmallIntegerField(_("抽取检查人员数"))
    status = models.CharField(_("状态"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.PLANNED)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_by = _created_by()

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("双随机抽查")
        verbose_name_plural = _("双随机抽查")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("lawyers:plan_detail", self.pk)

    def clean(self):
        _check_district(self.district if self.district_id else None)
        if self.firms_to_draw is not None and self.firms_to_draw < 1:
            raise ValidationError({"firms_to_draw": _("至少抽取1家律师事务所。")})
        if self.inspectors_to_draw is not None and self.inspectors_to_draw < 2:
            raise ValidationError({"inspectors_to_draw": _("每次检查至少抽取2名执法检查人员。")})

    def can_move_to(self, status):
        return status in PLAN_TRANSITIONS[PlanStatus(self.status)]

    @property
    def current_draw(self):
        """The latest draw: a re-draw replaces the one before it, which stays on record."""
        return self.draws.order_by("-drawn_at", "-id").first()


# The draw algorithms this code can recompute. A new algorithm gets a new name; old draws keep theirs.
SHA256_RANK_V1 = "sha256-rank-v1"
DRAW_ALGORITHMS = {SHA256_RANK_V1}


def draw_rank(seed, pk):
    """The rank of a pool id under a seed: the hex SHA-256 of the UTF-8 text "<seed>:<id>"."""
    return hashlib.sha256(f"{seed}:{pk}".encode()).hexdigest()


def draw_from(pool, count, seed, algorithm=SHA256_RANK_V1):
    """sha256-rank-v1: the `count` ids of `pool` with the smallest ranks, smallest first (ties, which SHA-256 does
    not produce in practice, by id). Depends on nothing but hashlib, so any Python, or a person with a SHA-256
    tool, recomputes it (docs/lawyers.md)."""
    if algorithm != SHA256_RANK_V1:
        raise ValueError(f"unknown draw algorithm {algorithm!r}")
    return sorted(pool, key=lambda pk: (draw_rank(seed, pk), pk))[:count]


class DrawQuerySet(AreaScopedQuerySet):
    area_field = "plan__district"


@audited
class Draw(models.Model):
    """One draw of a plan, with everything needed to recompute it: the seed, the algorithm, the pools as they
    were (ids in the order they were read) and what was drawn. Never changed after it is made; a re-draw is a
    new Draw with a reason, naming the draw it replaces."""

    plan = models.ForeignKey(RandomInspectionPlan, models.PROTECT, related_name="draws", verbose_name=_("双随机抽查"))
    seed = models.CharField(_("随机种子"), max_length=64)
    algorithm = models.CharField(_("抽取算法"), max_length=30, default=SHA256_RANK_V1)
    firm_pool = models.JSONField(_("律师事务所名录（抽取时）"))
    inspector_pool = models.JSONField(_("执法检查人员库（抽取时）"))
    firms_drawn = models.JSONField(_("抽中的律师事务所"))
    inspectors_drawn = models.JSONField(_("抽中的执法检查人员"))
    drawn_at = models.DateTimeField(_("抽取时间"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                 verbose_name=_("抽取人"))
    replaces = models.OneToOneField("self", models.PROTECT, null=True, blank=True, related_name="replaced_by",
                                    verbose_name=_("被替代的抽取"))
    reason = models.CharField(_("重新抽取理由"), max_length=200, blank=True)

    objects = DrawQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽取记录")
        verbose_name_plural = _("抽取记录")
        ordering = ["plan", "drawn_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(replaces__isnull=True) | ~Q(reason=""),
                                              name="draw_redraw_has_reason")]

    def __str__(self):
        return _("%(plan)s 抽取于%(at)s") % {"plan": self.plan, "at": self.drawn_at}

    def recompute(self):
        """(firms, inspectors) as the algorithm gives them from the stored seed and pools."""
        return (draw_from(self.firm_pool, self.plan.firms_to_draw, self.seed, self.algorithm),
                draw_from(self.inspector_pool, self.plan.inspectors_to_draw, self.seed, self.algorithm))


def verify(draw):
    """Whether the stored draw is what its seed, pools and algorithm give: True, or False when anything stored
    was changed (or the algorithm is unknown)."""
    if draw.algorithm not in DRAW_ALGORITHMS:
        return False
    firms, inspectors = draw.recompute()
    return firms == draw.firms_drawn and inspectors == draw.inspectors_drawn


class RandomOutcome(models.TextChoices):
    NO_PROBLEM = "no_problem", _("未发现问题")
    RECTIFY = "rectify", _("发现问题，责令整改")
    INVESTIGATE = "investigate", _("发现违法违规线索，立案调查")


class RandomResultQuerySet(AreaScopedQuerySet):
    area_field = "plan__district"


@audited
class RandomInspectionResult(Versioned):
    """The inspection of one drawn firm (每家律所检查结果), published with its plan."""

    plan = models.ForeignKey(RandomInspectionPlan, models.PROTECT, related_name="results",
                             verbose_name=_("双随机抽查"), db_index=False)
    firm = models.ForeignKey(LawFirm, models.PROTECT, related_name="random_inspection_results",
                             verbose_name=_("律师事务所"))
    inspected_on = models.DateField(_("检查日期"))
    outcome = models.CharField(_("检查结果"), max_length=12, choices=RandomOutcome.choices)
    findings = models.TextField(_("检查情况"), blank=True)

    objects = RandomResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("双随机抽查结果")
        verbose_name_plural = _("双随机抽查结果")
        ordering = ["plan", "firm__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "firm"], name="random_result_once")]

    def __str__(self):
        return f"{self.plan}：{self.firm}"


# --- Supervision visits (督导检查/实地走访) -------------------------------------------------------------------


class VisitItem(models.TextChoices):
    PARTY_BUILDING = "party_building", _("党建工作")
    MANAGEMENT = "management", _("规范管理")
    RULES = "rules", _("制度建设")
    CASE_FILES = "case_files", _("案件卷宗")
    FEES = "fees", _("收费管理")
    ADVERTISING = "advertising", _("执业宣传")
    PREMISES = "premises", _("办公场所")


@audited
class SupervisionVisit(models.Model):
    district = _district_field()
    firm = models.ForeignKey(LawFirm, models.PROTECT, related_name="supervision_visits",
                             verbose_name=_("律师事务所"))
    visited_on = models.DateField(_("检查日期"))
    items = ArrayField(models.CharField(max_length=20, choices=VisitItem.choices), verbose_name=_("检查事项"))
    visitors = models.CharField(_("检查人员"), max_length=200, blank=True)
    findings = models.TextField(_("检查情况"), blank=True)
    created_by = _created_by()

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("督导检查")
        verbose_name_plural = _("督导检查")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on} {self.firm}"

    def get_absolute_url(self):
        return record_url("lawyers:visit_detail", self.pk)

    def clean(self):
        _check_district(self.district if self.district_id else None)
        if not self.items:
            raise ValidationError({"items": _("请选择检查事项。")})

    def get_items_display(self):
        return [VisitItem(value).label for value in self.items if value in VisitItem.values]


# --- Complaints (投诉) ----------------------------------------------------------------------------------


@audited
class ComplaintClockRule(ClockRule):
    """A complaint's statutory time limits (bureau.models.ClockRule)."""

    class Code(models.TextChoices):
        ACCEPTANCE = "acceptance", _("受理审查")
        CONCLUSION = "conclusion", _("办结")

    code = models.CharField(_("期限"), max_length=20, choices=Code.choices, unique=True)

    class Meta(ClockRule.Meta):
        verbose_name = _("律师投诉处理期限")
        verbose_name_plural = _("律师投诉处理期限")


class ComplaintSource(models.TextChoices):
    ON_SITE = "on_site", _("现场投诉")
    LETTER = "letter", _("来信")
    PHONE = "phone", _("来电")
    PROVINCE = "province", _("省厅转办")
    CITY = "city", _("市局转办")
    OTHER_DISTRICT = "other_district", _("他区移交")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("调查处理中")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    CONCLUDED = "concluded", _("已办结")


COMPLAINT_TRANSITIONS = {
    ComplaintStatus.RECEIVED: {ComplaintStatus.ACCEPTED, ComplaintStatus.NOT_ACCEPTED},
    ComplaintStatus.ACCEPTED: {ComplaintStatus.CONCLUDED},
    ComplaintStatus.NOT_ACCEPTED: set(),
    ComplaintStatus.CONCLUDED: set(),
}


class Finding(models.TextChoices):
    UPHELD = "upheld", _("成立")
    REJECTED = "rejected", _("不成立")
    PARTLY = "partly", _("部分成立")


class Handling(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    ASSOCIATION = "association", _("移送律师协会行业惩戒")
    EDUCATION = "education", _("批评教育")
    NONE = "none", _("不予处理")


class ReplyWay(models.TextChoices):
    WRITTEN = "written", _("书面答复")
    PHONE = "phone", _("电话答复")
    IN_PERSON = "in_person", _("当面答复")
    SMS = "sms", _("短信答复")


class ComplaintQuerySet(DistrictQuerySet):
    def awaiting_acceptance(self):
        return self.filter(status=ComplaintStatus.RECEIVED)

    def under_investigation(self):
        return self.filter(status=ComplaintStatus.ACCEPTED)


@audited
class Complaint(models.Model):
    district = _district_field(db_index=False)
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, null=True, blank=True, related_name="complaints",
                               verbose_name=_("被投诉律师"))
    firm = models.ForeignKey(LawFirm, models.PROTECT, null=True, blank=True, related_name="complaints",
                             verbose_name=_("被投诉律师事务所"))
    source = models.CharField(_("投诉来源"), max_length=16, choices=ComplaintSource.choices)
    transferred_from = models.ForeignKey(
        Area, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("移交区"),
        limit_choices_to={"level": Area.Level.DISTRICT}, help_text=_("他区移交的投诉，填写移交的区。"),
    )
    complainant_name = models.CharField(_("投诉人"), max_length=50)
    complainant_phone = models.CharField(_("投诉人电话"), max_length=30, blank=True)
    summary = models.TextField(_("投诉事项"))
    received_on = models.DateField(_("收到日期"))
    acceptance_due_on = models.DateField(_("受理审查期限"), editable=False)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    not_accepted_on = models.DateField(_("不予受理决定日期"), null=True, blank=True)
    not_accepted_reason = models.CharField(_("不予受理理由"), max_length=200, blank=True)
    conclusion_due_on = models.DateField(_("办结期限"), null=True, blank=True, editable=False)
    investigation_notes = models.TextField(_("调查情况"), blank=True)
    finding = models.CharField(_("调查结论"), max_length=10, choices=Finding.choices, blank=True)
    handling = models.CharField(_("处理结果"), max_length=12, choices=Handling.choices, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    reply_way = models.CharField(_("答复方式"), max_length=10, choices=ReplyWay.choices, blank=True)
    concluded_on = models.DateField(_("办结日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=14, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.RECEIVED)
    created_by = _created_by()

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("律师投诉")
        verbose_name_plural = _("律师投诉")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["district", "status"], name="complaint_district_status_idx")]

    def __str__(self):
        return _("%(who)s投诉%(whom)s（%(on)s）") % {
            "who": self.complainant_name, "whom": self.respondent, "on": self.received_on}

    def get_absolute_url(self):
        return record_url("lawyers:complaint_detail", self.pk)

    @property
    def respondent(self):
        return self.lawyer or self.firm

    def clean(self):
        _check_district(self.district if self.district_id else None)
        _check_subject(self)
        if self.source == ComplaintSource.OTHER_DISTRICT:
            if not self.transferred_from_id:
                raise ValidationError({"transferred_from": _("他区移交的投诉请填写移交的区。")})
            if self.transferred_from_id == self.district_id:
                raise ValidationError({"transferred_from": _("移交的区不能是本区。")})
            if self.transferred_from.level != Area.Level.DISTRICT:
                raise ValidationError({"transferred_from": _("请选择移交的区。")})
        elif self.transferred_from_id:
            raise ValidationError({"transferred_from": _("只有他区移交的投诉填写移交的区。")})

    def can_move_to(self, status):
        return status in COMPLAINT_TRANSITIONS[ComplaintStatus(self.status)]


# --- Violations and rectification (违规与整改) ---------------------------------------------------------------


class ViolationKind(models.TextChoices):
    MOONLIGHTING = "moonlighting", _("违规兼职")
    FEES = "fees", _("收费不规范")
    PRACTICE = "practice", _("执业不规范")
    OTHER = "other", _("其他")


class FoundBy(models.TextChoices):
    ANNUAL = "annual", _("年度检查考核")
    RANDOM = "random", _("双随机抽查")
    VISIT = "visit", _("督导检查")
    COMPLAINT = "complaint", _("投诉")
    CAMPAIGN = "campaign", _("专项核查")


class ViolationStatus(models.TextChoices):
    FOUND = "found", _("待下发整改通知")
    RECTIFYING = "rectifying", _("整改中")
    EVIDENCE = "evidence", _("待复查")
    CLOSED = "closed", _("已整改销号")


VIOLATION_TRANSITIONS = {
    ViolationStatus.FOUND: {ViolationStatus.RECTIFYING},
    ViolationStatus.RECTIFYING: {ViolationStatus.EVIDENCE, ViolationStatus.RECTIFYING},  # evidence, or extended
    ViolationStatus.EVIDENCE: {ViolationStatus.CLOSED, ViolationStatus.RECTIFYING},  # re-check passed, or not
    ViolationStatus.CLOSED: set(),
}
# The record a violation was found through, by how it was found.
SOURCE_FIELDS = {
    FoundBy.ANNUAL: "inspection_result",
    FoundBy.RANDOM: "random_result",
    FoundBy.VISIT: "visit",
    FoundBy.COMPLAINT: "complaint",
}


def rectifying_on(day):
    """Still being rectified at the end of `day`: found by then and not closed by then (for any past day, from
    the dates alone)."""
    return Q(found_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


class ViolationQuerySet(DistrictQuerySet):
    def open(self):
        return self.exclude(status=ViolationStatus.CLOSED)

    def rectifying_on(self, day):
        return self.filter(rectifying_on(day))

    def overdue_without_evidence(self, today):
        return self.filter(status=ViolationStatus.RECTIFYING, deadline__lt=today)

    def awaiting_recheck(self):
        return self.filter(status=ViolationStatus.EVIDENCE)


@audited
class Violation(models.Model):
    district = _district_field(db_index=False)
    kind = models.CharField(_("违规类型"), max_length=14, choices=ViolationKind.choices)
    found_by = models.CharField(_("发现途径"), max_length=10, choices=FoundBy.choices)
    campaign_name = models.CharField(_("专项核查名称"), max_length=100, blank=True,
                                     help_text=_("专项核查发现的填写，如“违规兼职核查”。"))
    inspection_result = models.ForeignKey(InspectionResult, models.PROTECT, null=True, blank=True,
                                          related_name="violations", verbose_name=_("年度检查考核结果"))
    random_result = models.ForeignKey(RandomInspectionResult, models.PROTECT, null=True, blank=True,
                                      related_name="violations", verbose_name=_("双随机抽查结果"))
    visit = models.ForeignKey(SupervisionVisit, models.PROTECT, null=True, blank=True, related_name="violations",
                              verbose_name=_("督导检查"))
    complaint = models.ForeignKey(Complaint, models.PROTECT, null=True, blank=True, related_name="violations",
                                  verbose_name=_("投诉"))
    firm = models.ForeignKey(LawFirm, models.PROTECT, null=True, blank=True, related_name="violations",
                             verbose_name=_("律师事务所"))
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, null=True, blank=True, related_name="violations",
                               verbose_name=_("律师"))
    description = models.TextField(_("违规情形"))
    found_on = models.DateField(_("发现日期"))
    notice_on = models.DateField(_("整改通知日期"), null=True, blank=True)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    extended_on = models.DateField(_("延期日期"), null=True, blank=True)
    extension_reason = models.CharField(_("延期理由"), max_length=200, blank=True)
    evidence_on = models.DateField(_("整改材料提交日期"), null=True, blank=True)
    evidence_note = models.TextField(_("整改情况"), blank=True)
    rechecked_on = models.DateField(_("复查日期"), null=True, blank=True)
    recheck_passed = models.BooleanField(_("复查通过"), null=True, blank=True)
    recheck_note = models.TextField(_("复查意见"), blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ViolationStatus.choices,
                              default=ViolationStatus.FOUND)
    created_by = _created_by()

    objects = ViolationQuerySet.as_manager()

    class Meta:
        verbose_name = _("违规行为")
        verbose_name_plural = _("违规行为")
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["district", "found_on"], name="violation_district_found_idx")]
        constraints = [models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(status="closed"),
                                              name="violation_closed_on_only_when_closed")]

    def __str__(self):
        return f"{self.subject}：{self.get_kind_display()}（{self.found_on}）"

    def get_absolute_url(self):
        return record_url("lawyers:violation_detail", self.pk)

    @property
    def subject(self):
        return self.lawyer or self.firm

    @property
    def source_record(self):
        field = SOURCE_FIELDS.get(self.found_by)
        return getattr(self, field) if field else None

    def clean(self):
        _check_district(self.district if self.district_id else None)
        _check_subject(self)
        for found_by, field in SOURCE_FIELDS.items():
            if getattr(self, f"{field}_id") and self.found_by != found_by:
                raise ValidationError({field: _("发现途径为“%(by)s”的违规行为不能关联该记录。") % {
                    "by": self.get_found_by_display()}})
        if self.found_by == FoundBy.CAMPAIGN and not self.campaign_name.strip():
            raise ValidationError({"campaign_name": _("专项核查发现的违规行为请填写专项核查名称。")})
        if self.deadline and self.notice_on and self.deadline <= self.notice_on:
            raise ValidationError({"deadline": _("整改期限应晚于整改通知日期。")})

    def can_move_to(self, status):
        return status in VIOLATION_TRANSITIONS[ViolationStatus(self.status)]

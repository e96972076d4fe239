"""Texts sent to the 法制科 for legality review (合法性审查): administrative normative documents (行政规范性文件)
through review, issue, filing and validity; the other texts it reviews (work plans, guidelines, outgoing papers,
local regulations sent for comment); and party normative documents sent for filing review (党内规范性文件
备案审查), counted apart.

One `Document` row follows a text from submission: 审查中 → 退回修改 → (resubmitted) 审查中 → 审查通过; a
normative document is then 已印发 with its number (深罗规〔2026〕1号), filed (备案) with the city, valid until a
date (five years by default) with an assessment before expiry, and ends 已修改, 已废止 or 已失效. Each round of
review is a `ReviewRound` (submitted, due, opinions, result), so a returned draft keeps its history. Status
moves only through `normative_docs.services`, along `TRANSITIONS`.
"""

import re

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, audited

from .units import Unit, UnitScopedQuerySet

VALID_YEARS = 5  # 《广东省行政规范性文件管理规定》: 有效期一般为五年（不超过五年）


class Kind(models.TextChoices):
    NORMATIVE = "normative", _("行政规范性文件")
    REGULATION = "regulation", _("法规规章征求意见稿")
    WORK_PLAN = "work_plan", _("工作方案")
    GUIDELINE = "guideline", _("操作指引")
    OUTGOING = "outgoing", _("对外发文")
    PARTY = "party", _("党内规范性文件")


# The kinds whose review counts in normative_docs.texts_reviewed (a party document's filing review is apart).
GOVERNMENT_KINDS = [k for k in Kind.values if k != Kind.PARTY]


class Topic(models.TextChoices):
    """A tag on any review, so the reviews of one matter (e.g. 疫情防控) can be counted."""

    EPIDEMIC = "epidemic", _("疫情防控")
    BUSINESS = "business", _("优化营商环境")
    URBAN_RENEWAL = "urban_renewal", _("城市更新")
    SAFETY = "safety", _("安全生产")
    LIVELIHOOD = "livelihood", _("民生保障")
    ECOLOGY = "ecology", _("生态环境")
    OTHER = "other", _("其他")


class Material(models.TextChoices):
    """The materials checklist sent with a draft."""

    DRAFT = "draft", _("送审稿")
    EXPLANATION = "explanation", _("起草说明")
    BASIS = "basis", _("制定依据")
    CONSULTATION = "consultation", _("征求意见及采纳情况")
    FAIR_COMPETITION = "fair_competition", _("公平竞争审查意见")
    RISK = "risk", _("风险评估报告")
    DELIBERATION = "deliberation", _("集体审议材料")


# What a normative document may not be submitted without; the other texts need their draft only.
REQUIRED_MATERIALS = {
    Kind.NORMATIVE: [Material.DRAFT, Material.EXPLANATION, Material.BASIS, Material.CONSULTATION,
                     Material.FAIR_COMPETITION],
}
DEFAULT_REQUIRED = [Material.DRAFT]


def required_materials(kind):
    return REQUIRED_MATERIALS.get(kind, DEFAULT_REQUIRED)


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("审查中")
    RETURNED = "returned", _("退回修改")
    PASSED = "passed", _("审查通过")
    ISSUED = "issued", _("已印发")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


# The only moves a document may make. Services check this map (and that only a normative document is issued).
TRANSITIONS = {
    Status.SUBMITTED: {Status.RETURNED, Status.PASSED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.PASSED: {Status.ISSUED},
    Status.ISSUED: {Status.AMENDED, Status.REPEALED, Status.EXPIRED},
    Status.AMENDED: set(),
    Status.REPEALED: set(),
    Status.EXPIRED: set(),
}
ENDED_STATUSES = {Status.AMENDED, Status.REPEALED, Status.EXPIRED}


class Assessment(models.TextChoices):
    CONTINUE = "continue", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")


# 深罗规〔2026〕1号: the issuer's prefix, the year in 〔〕 and the running number. Clerks also type [] ［］ () （）
# or 〔〕 with a zero-padded number; `parse_number` writes them the one way.
NUMBER_RE = re.compile(r"^(?P<prefix>[^\s〔〕\[\]［］()（）]{2,20})[〔\[［(（](?P<year>\d{4})[〕\]］)）]"
                       r"(?P<seq>\d{1,4})号$")


def parse_number(text):
    """'深罗规[2026]01号' → ('深罗规', 2026, 1), or ValidationError naming the field."""
    match = NUMBER_RE.match((text or "").strip().replace(" ", ""))
    if not match or int(match["seq"]) == 0:
        raise ValidationError({"number": _("文号“%(n)s”格式不正确，应为“深罗规〔2026〕1号”的形式。") % {"n": text}})
    return match["prefix"], int(match["year"]), int(match["seq"])


def format_number(prefix, year, seq):
    return f"{prefix}〔{year}〕{seq}号"


class DocumentQuerySet(UnitScopedQuerySet):
    def normative(self):
        return self.filter(kind=Kind.NORMATIVE)

    def under_review(self):
        return self.filter(status=Status.SUBMITTED)

    def unfiled(self):
        """Issued normative documents not yet filed (备案) with the city."""
        return self.filter(kind=Kind.NORMATIVE, status=Status.ISSUED, filed_on__isnull=True)

    def in_force_on(self, day):
        """Issued and not ended on `day`, within their validity."""
        return self.filter(kind=Kind.NORMATIVE, issued_on__lte=day, valid_until__gte=day).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=day))


@audited
class Document(models.Model):
    """A text sent for legality review by a unit of the district; a normative document's whole life."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"),
                             help_text=_("与起草单位相同。"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="documents", verbose_name=_("起草单位"))
    kind = models.CharField(_("文件类别"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("专题"), max_length=15, choices=Topic.choices, blank=True)
    title = models.CharField(_("文件名称"), max_length=200)
    materials = models.JSONField(_("报送材料"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_on = models.DateField(_("首次报送日期"))
    reviewed_on = models.DateField(_("审查通过日期"), null=True, blank=True)

    number = models.CharField(_("文号"), max_length=40, blank=True)
    number_prefix = models.CharField(_("发文机关代字"), max_length=20, blank=True, editable=False)
    number_year = models.PositiveSmallIntegerField(_("文号年份"), null=True, blank=True, editable=False)
    number_seq = models.PositiveSmallIntegerField(_("文号序号"), null=True, blank=True, editable=False)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    filing_due_on = models.DateField(_("备案期限"), null=True, blank=True)
    filed_on = models.DateField(_("报送备案日期"), null=True, blank=True)
    filing_number = models.CharField(_("备案登记号"), max_length=50, blank=True)
    assessed_on = models.DateField(_("评估日期"), null=True, blank=True)
    assessment = models.CharField(_("评估结论"), max_length=10, choices=Assessment.choices, blank=True)
    closed_on = models.DateField(_("修改、废止或失效日期"), null=True, blank=True)

    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                     verbose_name=_("报送人"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("送审文件")
        verbose_name_plural = _("送审文件")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number_prefix", "number_year", "number_seq"],
                                    condition=Q(number_seq__isnull=False), name="normative_docs_number_unique"),
            models.CheckConstraint(condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("issued_on")),
                                   name="normative_docs_valid_after_issue"),
        ]
        indexes = [
            models.Index(fields=["reviewed_on"], name="normative_docs_reviewed_idx"),
            models.Index(fields=["issued_on"], name="normative_docs_issued_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return record_url("normative_docs:document_detail", self.pk)

    @property
    def is_normative(self):
        return self.kind == Kind.NORMATIVE

    def allowed_transitions(self):
        return TRANSITIONS[Status(self.status)]

    def can_move_to(self, status):
        return status in self.allowed_transitions()

    def missing_materials(self, materials=None):
        given = set(self.materials if materials is None else materials)
        return [m for m in required_materials(self.kind) if m not in given]

    @staticmethod
    def default_valid_until(issued_on):
        """Five years of validity: issued 2026-03-10 → valid until 2031-03-09."""
        return issued_on + relativedelta(years=VALID_YEARS, days=-1)

    @property
    def filed_on_time(self):
        return self.filed_on is not None and self.filing_due_on is not None and self.filed_on <= self.filing_due_on

    def is_in_force(self, day):
        return (self.status in {Status.ISSUED, *ENDED_STATUSES} and self.issued_on <= day <= self.valid_until
                and (self.closed_on is None or self.closed_on > day))


class ReviewRoundQuerySet(UnitScopedQuerySet):
    area_field = "document__area"
    unit_field = "document__unit"

    def open(self):
        return self.filter(concluded_on__isnull=True)


@audited
class ReviewRound(models.Model):
    """One round of legality review: the draft as (re)submitted, its clock, and the section's opinions."""

    class Result(models.TextChoices):
        PASSED = "passed", _("审查通过")
        RETURNED = "returned", _("退回修改")

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="rounds", verbose_name=_("送审文件"), db_index=False,
    )
    number = models.PositiveSmallIntegerField(_("轮次"))
    submitted_on = models.DateField(_("报送日期"))
    due_on = models.DateField(_("审查期限"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                     verbose_name=_("报送人"))
    note = models.CharField(_("报送说明"), max_length=300, blank=True)
    concluded_on = models.DateField(_("审查完成日期"), null=True, blank=True)
    result = models.CharField(_("审查结果"), max_length=10, choices=Result.choices, blank=True)
    opinions = models.TextField(_("审查意见"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("审查人"))

    objects = ReviewRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("审查轮次")
        verbose_name_plural = _("审查轮次")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="normative_docs_round_unique"),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("submitted_on")),
                                   name="normative_docs_round_concluded_after_submitted"),
        ]

    def __str__(self):
        return f"{self.document} 第{self.number}轮"

    def get_absolute_url(self):
        """A round has no page of its own: it is shown on its document's (its review to-do links there)."""
        return record_url("normative_docs:document_detail", self.document_id)


def attachment_upload_to(attachment, filename):
    """A name of our own under the document's folder (the original name is a field): two uploads of 送审稿.pdf
    never collide, and nothing a user typed becomes a path."""
    from pathlib import Path
    from uuid import uuid4

    return f"normative_docs/documents/{attachment.document_id}/{uuid4().hex}{Path(filename).suffix.lower()}"


class DocumentAttachmentQuerySet(UnitScopedQuerySet):
    area_field = "document__area"
    unit_field = "document__unit"


@audited
class DocumentAttachment(models.Model):
    """An electronic file of a draft or its materials, sent with one round of review. A record (audited, scoped
    through its document) rather than a bare file in storage, so who sent what is on the trail and only those who
    see the document may download it (normative_docs:document_attachment, never the storage's URL)."""

    document = models.ForeignKey(Document, models.CASCADE, related_name="attachments", verbose_name=_("送审文件"))
    round_number = models.PositiveSmallIntegerField(_("轮次"))
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = DocumentAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("送审文件附件")
        verbose_name_plural = _("送审文件附件")
        ordering = ["document", "round_number", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return record_url("normative_docs:document_attachment", self.pk)

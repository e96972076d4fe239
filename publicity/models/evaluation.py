"""谁执法谁普法: each department's responsibility list (责任清单) for the year, the work it reports against each
item (text and attachments), and the annual evaluation (履职评议) scored on the district's index system of the
year (评议指标, each with its maximum score), with totals and a ranking in which ties share a rank.
"""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited
from lawyers.models import validate_attachment
from normative_docs.models import Unit

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def _district(area):
    if area is not None and area.level != Area.Level.DISTRICT:
        raise ValidationError({"area": _("所属区域应为区。")})


def _unit_in_district(unit, area):
    if unit is not None and area is not None and unit.area_id != area.pk:
        raise ValidationError({"unit": _("单位“%(unit)s”不属于所选的区。") % {"unit": unit}})


@audited
class EvaluationIndex(models.Model):
    """One index of a district's evaluation system for a year, with the most points it gives (its weight)."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    name = models.CharField(_("评议指标"), max_length=100)
    max_score = models.DecimalField(_("分值"), max_digits=5, decimal_places=1,
                                    validators=[MinValueValidator(Decimal("0.1"))])
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    description = models.TextField(_("评分标准"), blank=True)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("履职评议指标")
        verbose_name_plural = _("履职评议指标")
        ordering = ["area__path", "-year", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["area", "year", "name"], name="publicity_index_unique")]

    def __str__(self):
        return f"{self.name}（{self.max_score}分）"

    def clean(self):
        _district(self.area if self.area_id else None)


class ResponsibilityQuerySet(AreaScopedQuerySet):
    pass


@audited
class Responsibility(models.Model):
    """An item of a department's 普法 responsibility list for the year (责任清单事项)."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("责任单位"))
    content = models.TextField(_("普法责任"))
    audience = models.CharField(_("普法对象"), max_length=100, blank=True)
    basis = models.CharField(_("主要法律法规"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("登记人"))

    objects = ResponsibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法责任清单事项")
        verbose_name_plural = _("普法责任清单事项")
        ordering = ["-year", "unit__name", "id"]
        indexes = [models.Index(fields=["area", "year"], name="publicity_resp_year")]

    def __str__(self):
        return f"{self.unit} {self.year}：{self.content[:30]}"

    def get_absolute_url(self):
        return record_url("publicity:responsibility_detail", self.pk)

    def clean(self):
        _district(self.area if self.area_id else None)
        _unit_in_district(self.unit if self.unit_id else None, self.area if self.area_id else None)


class DutyReportQuerySet(AreaScopedQuerySet):
    area_field = "responsibility__area"


@audited
class DutyReport(models.Model):
    """Work a department reports against one item of its list (履职情况)."""

    responsibility = models.ForeignKey(Responsibility, models.CASCADE, related_name="reports",
                                       verbose_name=_("责任清单事项"))
    reported_on = models.DateField(_("报送日期"))
    text = models.TextField(_("履职情况"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("报送人"))

    objects = DutyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法履职报告")
        verbose_name_plural = _("普法履职报告")
        ordering = ["-reported_on", "-id"]

    def __str__(self):
        return f"{self.responsibility.unit} {self.reported_on}"


def duty_attachment_upload_to(attachment, filename):
    from uuid import uuid4

    return f"publicity/duty/{timezone.localdate():%Y/%m}/{uuid4().hex}{Path(filename).suffix.lower()}"


class DutyAttachmentQuerySet(AreaScopedQuerySet):
    area_field = "report__responsibility__area"


@audited
class DutyAttachment(models.Model):
    """A photo or document of a report, checked by its content as advisors' attachments are."""

    report = models.ForeignKey(DutyReport, models.CASCADE, related_name="attachments", verbose_name=_("履职报告"))
    file = models.FileField(_("文件"), upload_to=duty_attachment_upload_to, validators=[validate_attachment])
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    objects = DutyAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("履职报告附件")
        verbose_name_plural = _("履职报告附件")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("publicity:duty_attachment_download", self.pk)

    @property
    def is_image(self):
        return Path(self.name).suffix.lower() in {".jpg", ".jpeg", ".png"}


class EvaluationQuerySet(AreaScopedQuerySet):
    def ranked(self):
        """Each evaluation's rank among its district's evaluations of the year, by total: 1 + those with a higher
        total, so ties share a rank (1, 1, 3) and a filtered list or one record keeps its place in the whole year."""
        higher = (Evaluation.objects.filter(area=OuterRef("area"), year=OuterRef("year"), total__gt=OuterRef("total"))
                  .order_by().values("year").annotate(n=Count("pk")).values("n"))
        return self.annotate(rank=Coalesce(Subquery(higher), Value(0)) + 1)

    def evaluated_in(self, start, end):
        return self.filter(evaluated_on__range=(start, end))


@audited
class Evaluation(models.Model):
    """A department's annual evaluation (履职评议): one score per index of its district's system for the year;
    the total is the sum, kept on the row for ranking and set by `evaluation_record`."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    year = models.PositiveSmallIntegerField(_("年度"), validators=YEAR_VALIDATORS)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("被评议单位"), db_index=False)
    evaluated_on = models.DateField(_("评议日期"))
    total = models.DecimalField(_("总分"), max_digits=6, decimal_places=1, default=Decimal("0"))
    comment = models.TextField(_("评议意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("评议人"))

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法履职评议")
        verbose_name_plural = _("普法履职评议")
        ordering = ["-year", "-total", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="publicity_evaluation_unique")]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def get_absolute_url(self):
        return record_url("publicity:evaluation_detail", self.pk)

    def clean(self):
        _district(self.area if self.area_id else None)
        _unit_in_district(self.unit if self.unit_id else None, self.area if self.area_id else None)
        if self.evaluated_on and self.year and self.evaluated_on.year < self.year:
            raise ValidationError({"evaluated_on": _("评议日期不能早于评议年度。")})


class EvaluationScoreQuerySet(AreaScopedQuerySet):
    area_field = "evaluation__area"


@audited
class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, models.CASCADE, related_name="scores", verbose_name=_("履职评议"), db_index=False,
    )
    index = models.ForeignKey(EvaluationIndex, models.PROTECT, related_name="+", verbose_name=_("评议指标"))
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])

    objects = EvaluationScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("评议得分")
        verbose_name_plural = _("评议得分")
        ordering = ["index__order", "index_id"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "index"], name="publicity_score_unique")]

    def __str__(self):
        return f"{self.index.name}：{self.score}"

    def clean(self):
        if self.index_id and self.score is not None and self.score > self.index.max_score:
            raise ValidationError({"score": _("“%(index)s”的得分不能超过%(max)s分。") % {
                "index": self.index.name, "max": self.index.max_score}})

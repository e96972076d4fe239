"""The 法治建设 assessment (法治建设考评) and 述法.

A round (`AssessmentRound`, one per district and year) has categories with weights (the points each is worth)
and items with their maximum score and scoring guidance; the units assessed are the district's party bodies,
departments, streets and stationed units (`AssessedUnit`). A unit submits evidence per item
(`AssessmentEvidence`, a description and an attachment checked by its content); the section's reviewers enter
a score per unit and item with a comment (`AssessmentScore`). An item may have a `source` (normative_docs.
rol_services.SOURCES): its scores are then computed — from the unit's reconsideration corrections or litigation
losses of the year, or from a figure of the indicators registry (figures.stats) — instead of typed.

A unit's result: each category's points = the category's weight × (the unit's scores in it ÷ the category's
maximum); the total is their sum. Units are ranked by total, dense (equal totals share a rank, the next rank
follows on).

述法 (`ShufaReport`): a leader of a unit reports on their rule-of-law duties in a year (in writing or at a
meeting); counted as units and person-times.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited

from .units import Unit, UnitScopedQuerySet

CENT = Decimal("0.01")


@dataclass
class Result:
    unit: Unit
    points: list  # per category, in the round's order
    total: Decimal
    scored: int  # items scored
    rank: int = 0


class RoundQuerySet(AreaScopedQuerySet):
    def visible_to(self, user):
        from ..permissions import is_unit_user
        from .units import units_of

        if is_unit_user(user):
            return self.filter(assessed__unit__in=units_of(user)).distinct()
        return super().visible_to(user)


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评分中")
    CLOSED = "closed", _("已公布")


@audited
class AssessmentRound(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    year = models.PositiveSmallIntegerField(_("考评年度"))
    title = models.CharField(_("考评名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    closed_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("法治建设考评")
        verbose_name_plural = _("法治建设考评")
        ordering = ["-year", "area__path"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="normative_docs_round_year_unique")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("normative_docs:round_detail", self.pk)

    def results(self):
        """The units' results, ranked (dense: equal totals share a rank). Four queries whatever the size."""
        categories = list(self.categories.all())
        maxima = dict(AssessmentItem.objects.filter(category__round=self).values_list("category")
                      .annotate(m=Sum("max_score")).values_list("category", "m"))
        sums = {}
        scored = {}
        for unit_id, category_id, total, n in (
                AssessmentScore.objects.filter(item__category__round=self).values_list("unit", "item__category")
                .annotate(s=Sum("score"), n=Count("pk")).values_list("unit", "item__category", "s", "n")):
            sums[unit_id, category_id] = total
            scored[unit_id] = scored.get(unit_id, 0) + n
        rows = []
        for assessed in self.assessed.select_related("unit"):
            unit = assessed.unit
            points = [(c.weight * sums.get((unit.pk, c.pk), 0) / maxima[c.pk]).quantize(CENT, ROUND_HALF_UP)
                      if maxima.get(c.pk) else Decimal("0.00") for c in categories]
            rows.append(Result(unit, points, sum(points, Decimal("0.00")), scored.get(unit.pk, 0)))
        rows.sort(key=lambda r: (-r.total, r.unit.name))
        rank, previous = 0, None
        for row in rows:
            if row.total != previous:
                rank, previous = rank + 1, row.total
            row.rank = rank
        return categories, rows


class RoundPartQuerySet(AreaScopedQuerySet):
    area_field = "round__area"


@audited
class AssessmentCategory(models.Model):
    round = models.ForeignKey(
        AssessmentRound, models.CASCADE, related_name="categories", verbose_name=_("考评"), db_index=False,
    )
    name = models.CharField(_("考评类别"), max_length=100)
    weight = models.DecimalField(_("分值（权重）"), max_digits=5, decimal_places=1,
                                 validators=[MinValueValidator(Decimal("0.1"))])
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = RoundPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评类别")
        verbose_name_plural = _("考评类别")
        ordering = ["round", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="normative_docs_category_unique")]

    def __str__(self):
        return self.name


class ItemQuerySet(AreaScopedQuerySet):
    area_field = "category__round__area"


@audited
class AssessmentItem(models.Model):
    category = models.ForeignKey(AssessmentCategory, models.CASCADE, related_name="items",
                                 verbose_name=_("考评类别"))
    name = models.CharField(_("考评项目"), max_length=200)
    max_score = models.DecimalField(_("满分"), max_digits=5, decimal_places=1,
                                    validators=[MinValueValidator(Decimal("0.1"))])
    guidance = models.TextField(_("评分标准"), blank=True)
    source = models.CharField(_("自动取数"), max_length=80, blank=True,
                              help_text=_("留空为人工评分；选择数据来源则由系统按年度数据计算得分。"))
    deduction = models.DecimalField(_("每件扣分"), max_digits=4, decimal_places=1, default=Decimal("1"),
                                    help_text=_("按件扣分的数据来源使用。"))
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评项目")
        verbose_name_plural = _("考评项目")
        ordering = ["category__order", "category_id", "order", "id"]

    def __str__(self):
        return self.name


class AssessedQuerySet(UnitScopedQuerySet):
    area_field = "round__area"


@audited
class AssessedUnit(models.Model):
    round = models.ForeignKey(
        AssessmentRound, models.CASCADE, related_name="assessed", verbose_name=_("考评"), db_index=False,
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="assessments", verbose_name=_("被考评单位"))

    objects = AssessedQuerySet.as_manager()

    class Meta:
        verbose_name = _("被考评单位")
        verbose_name_plural = _("被考评单位")
        ordering = ["round", "unit__kind", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="normative_docs_assessed_once")]

    def __str__(self):
        return str(self.unit)


class ScoreQuerySet(UnitScopedQuerySet):
    area_field = "item__category__round__area"


@audited
class AssessmentScore(models.Model):
    item = models.ForeignKey(
        AssessmentItem, models.CASCADE, related_name="scores", verbose_name=_("考评项目"), db_index=False,
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("被考评单位"))
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    comment = models.CharField(_("评分意见"), max_length=500, blank=True)
    computed = models.BooleanField(_("系统计算"), default=False)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                  verbose_name=_("评分人"))
    scored_on = models.DateField(_("评分日期"))

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评得分")
        verbose_name_plural = _("考评得分")
        ordering = ["item", "unit"]
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="normative_docs_score_once")]

    def __str__(self):
        return f"{self.unit}：{self.item} {self.score}"


def evidence_upload_to(evidence, filename):
    from pathlib import Path
    from uuid import uuid4

    from django.utils import timezone

    return f"assessment/{timezone.localdate():%Y/%m}/{uuid4().hex}{Path(filename).suffix.lower()}"


class EvidenceQuerySet(UnitScopedQuerySet):
    area_field = "item__category__round__area"


@audited
class AssessmentEvidence(models.Model):
    item = models.ForeignKey(AssessmentItem, models.CASCADE, related_name="evidence", verbose_name=_("考评项目"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("报送单位"))
    description = models.TextField(_("佐证说明"))
    file = models.FileField(_("佐证材料"), upload_to=evidence_upload_to, blank=True)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                     verbose_name=_("报送人"))
    submitted_on = models.DateField(_("报送日期"))

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评佐证材料")
        verbose_name_plural = _("考评佐证材料")
        ordering = ["item", "unit", "id"]

    def __str__(self):
        return self.file_name or self.description[:30]


class ShufaForm(models.TextChoices):
    MEETING = "meeting", _("会议述法")
    WRITTEN = "written", _("书面述法")


class ShufaQuerySet(UnitScopedQuerySet):
    pass


@audited
class ShufaReport(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="shufa", verbose_name=_("述法单位"), db_index=False)
    year = models.PositiveSmallIntegerField(_("述法年度"))
    leader_name = models.CharField(_("述法人"), max_length=50)
    leader_title = models.CharField(_("职务"), max_length=50)
    form = models.CharField(_("述法形式"), max_length=10, choices=ShufaForm.choices)
    reported_on = models.DateField(_("述法日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = ShufaQuerySet.as_manager()

    class Meta:
        verbose_name = _("述法")
        verbose_name_plural = _("述法")
        ordering = ["-reported_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "leader_name"],
                                               name="normative_docs_shufa_once")]

    def __str__(self):
        return f"{self.unit} {self.leader_name}"

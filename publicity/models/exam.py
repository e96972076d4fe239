"""The state employees' annual law exam (国家工作人员学法考试) of a district: the exam with its thresholds, the
units taking part with their eligible counts (normative_docs.Unit, so the 法治建设 assessment reads the same
units), and the participants imported from the exam platform's Excel.

Passed and excellent are not stored: a participant passed when their score reaches the exam's pass score, and
is excellent when it reaches its excellent score, so a threshold changed after the import counts again at once.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext_lazy as _

from bureau.identifiers import ResidentIDField
from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited
from normative_docs.models import Unit

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
RATE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class ExamQuerySet(AreaScopedQuerySet):
    def held_in(self, start, end):
        return self.filter(held_from__range=(start, end))

    def with_counts(self):
        """Each exam's eligible_total, participant_count, passed_count and excellent_count, by subqueries (no join
        multiplies)."""
        eligible = (ExamUnit.objects.filter(exam=OuterRef("pk")).order_by().values("exam")
                    .annotate(n=Sum("eligible")).values("n"))
        counts = Participant.objects.filter(exam=OuterRef("pk")).order_by().values("exam")

        def count(condition=None):
            return Coalesce(Subquery(counts.annotate(n=Count("pk", filter=condition)).values("n")), Value(0))

        return self.annotate(
            eligible_total=Coalesce(Subquery(eligible), Value(0)),
            participant_count=count(),
            passed_count=count(Q(score__gte=F("exam__pass_score"))),
            excellent_count=count(Q(score__gte=F("exam__excellent_score"))),
        )


@audited
class Exam(Versioned):
    """One district's law exam of a year (考试期间 from–to), with its pass and excellent scores and the
    participation rate below which a unit becomes a to-do of the section."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField(_("考试名称"), max_length=100)
    held_from = models.DateField(_("考试开始日期"))
    held_to = models.DateField(_("考试结束日期"))
    pass_score = models.DecimalField(_("合格分数线"), max_digits=4, decimal_places=1, default=Decimal("60"),
                                     validators=SCORE_VALIDATORS)
    excellent_score = models.DecimalField(_("优秀分数线"), max_digits=4, decimal_places=1, default=Decimal("90"),
                                          validators=SCORE_VALIDATORS)
    participation_threshold = models.DecimalField(
        _("参考率达标线"), max_digits=5, decimal_places=4, default=Decimal("0.9500"), validators=RATE_VALIDATORS,
        help_text=_("以小数填写，如0.95表示95%；参考率低于此值的单位列入待办。"))
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("登记人"))

    objects = ExamQuerySet.as_manager()

    class Meta:
        verbose_name = _("学法考试")
        verbose_name_plural = _("学法考试")
        ordering = ["-year", "area__path"]
        constraints = [models.UniqueConstraint(fields=["area", "year"], name="publicity_exam_area_year_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("publicity:exam_detail", self.pk)

    def clean(self):
        errors = {}
        if self.area_id and self.area.level != Area.Level.DISTRICT:
            errors["area"] = _("学法考试的所属区域应为区。")
        if self.held_from and self.held_to and self.held_to < self.held_from:
            errors["held_to"] = _("考试结束日期不能早于开始日期。")
        if self.held_from and self.year and self.held_from.year != self.year:
            errors["held_from"] = _("考试开始日期应在考试年度内。")
        if (self.pass_score is not None and self.excellent_score is not None
                and self.excellent_score < self.pass_score):
            errors["excellent_score"] = _("优秀分数线不能低于合格分数线。")
        if errors:
            raise ValidationError(errors)

    def passed(self, score):
        return score >= self.pass_score

    def excellent(self, score):
        return score >= self.excellent_score


class ExamUnitQuerySet(AreaScopedQuerySet):
    area_field = "exam__area"

    def with_counts(self):
        """Each unit's participants, passed and excellent in its exam, and its two rates (None without a base),
        by subqueries: one query for the whole list."""
        rows = Participant.objects.filter(exam=OuterRef("exam"), unit=OuterRef("unit")).order_by().values("unit")

        def count(condition=None):
            return Coalesce(Subquery(rows.annotate(n=Count("pk", filter=condition)).values("n")), Value(0))

        return self.annotate(
            participants=count(),
            passed=count(Q(score__gte=F("exam__pass_score"))),
            excellent=count(Q(score__gte=F("exam__excellent_score"))),
        ).annotate(
            participation_rate=_ratio(F("participants"), F("eligible")),
            excellent_rate=_ratio(F("excellent"), F("participants")),
        )


def _ratio(part, whole):
    """part / whole with four decimals, NULL when whole is 0 (F expressions of the same row)."""
    return Case(
        When(**{f"{whole.name}__gt": 0}, then=Round(ExpressionWrapper(
            Cast(part, DecimalField(max_digits=12, decimal_places=4)) / whole,
            output_field=DecimalField(max_digits=12, decimal_places=4)), 4)),
        default=None, output_field=DecimalField(max_digits=12, decimal_places=4),
    )


@audited
class ExamUnit(models.Model):
    """A unit on the exam's list with the number of its staff who should sit it (应参考人数)."""

    exam = models.ForeignKey(Exam, models.CASCADE, related_name="units", verbose_name=_("学法考试"), db_index=False)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("单位"))
    eligible = models.PositiveIntegerField(_("应参考人数"), validators=[MinValueValidator(1)])

    objects = ExamUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("参考单位")
        verbose_name_plural = _("参考单位")
        ordering = ["exam", "unit__kind", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["exam", "unit"], name="publicity_examunit_unique")]

    def __str__(self):
        return f"{self.exam}：{self.unit}"

    def clean(self):
        if self.exam_id and self.unit_id and self.unit.area_id != self.exam.area_id:
            raise ValidationError({"unit": _("单位“%(unit)s”不属于本次考试所在的区。") % {"unit": self.unit}})


class ParticipantQuerySet(AreaScopedQuerySet):
    area_field = "exam__area"


@audited
class Participant(models.Model):
    """One person's result in the exam, as the exam platform exported it."""

    exam = models.ForeignKey(
        Exam, models.CASCADE, related_name="participants", verbose_name=_("学法考试"), db_index=False,
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("单位"))
    name = models.CharField(_("姓名"), max_length=50)
    staff_number = models.CharField(_("工号"), max_length=30, blank=True)
    id_number = ResidentIDField(null=True, blank=True)
    score = models.DecimalField(_("成绩"), max_digits=4, decimal_places=1, validators=SCORE_VALIDATORS)
    taken_on = models.DateField(_("考试时间"))

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("参考人员")
        verbose_name_plural = _("参考人员")
        ordering = ["exam", "unit", "name", "id"]
        indexes = [models.Index(fields=["exam", "unit"], name="publicity_participant_unit")]
        constraints = [
            models.UniqueConstraint(fields=["exam", "staff_number"], condition=~Q(staff_number=""),
                                    name="publicity_participant_staff_unique"),
            models.UniqueConstraint(fields=["exam", "id_number"], condition=Q(id_number__isnull=False),
                                    name="publicity_participant_id_unique"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.staff_number and not self.id_number:
            raise ValidationError(_("身份证号和工号至少填写一项。"))

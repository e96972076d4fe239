"""行政执法监督: file-review campaigns (案卷评查) that sample the units' enforcement files and score them, with the
problems found and their rectification (a deadline is a to-do for the section until rectified); enforcement
trainings with their attendances; and the roster of certified enforcement officers (行政执法证) per unit."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited

from .units import Unit, UnitScopedQuerySet

PASS_SCORE = Decimal("60")  # 评查结果: 优秀 ≥ 90, 合格 ≥ 60, 不合格 below
EXCELLENT_SCORE = Decimal("90")


class FileReviewQuerySet(AreaScopedQuerySet):
    pass


@audited
class FileReview(models.Model):
    """A campaign of 案卷评查 over the district's enforcement units."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    title = models.CharField(_("评查活动"), max_length=200)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = FileReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政执法案卷评查")
        verbose_name_plural = _("行政执法案卷评查")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("normative_docs:file_review_detail", self.pk)


class ReviewedFileQuerySet(UnitScopedQuerySet):
    area_field = "review__area"

    def open_rectifications(self):
        return self.filter(rectify_by__isnull=False, rectified_on__isnull=True)


@audited
class ReviewedFile(models.Model):
    """One enforcement file (执法案卷) of a unit sampled by a campaign, its score and the problems found."""

    review = models.ForeignKey(
        FileReview, models.CASCADE, related_name="files", verbose_name=_("评查活动"), db_index=False,
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="reviewed_files", verbose_name=_("执法单位"))
    file_number = models.CharField(_("案卷编号"), max_length=60)
    case_title = models.CharField(_("案件名称"), max_length=200)
    score = models.DecimalField(_("评查得分"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    problems = models.TextField(_("发现问题"), blank=True)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    reviewed_on = models.DateField(_("评查日期"))

    objects = ReviewedFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("评查案卷")
        verbose_name_plural = _("评查案卷")
        ordering = ["review", "unit__name", "file_number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "unit", "file_number"], name="normative_docs_file_once"),
            models.CheckConstraint(condition=Q(rectified_on__isnull=True) | Q(rectify_by__isnull=False),
                                   name="normative_docs_file_rectified_has_deadline"),
        ]

    def __str__(self):
        return f"{self.unit}：{self.file_number}"

    @property
    def grade(self):
        if self.score >= EXCELLENT_SCORE:
            return _("优秀")
        return _("合格") if self.score >= PASS_SCORE else _("不合格")


class EnforcementTrainingQuerySet(AreaScopedQuerySet):
    pass


@audited
class EnforcementTraining(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    title = models.CharField(_("培训名称"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1, default=Decimal("3"))
    attendances = models.PositiveIntegerField(_("参训人次"))
    units = models.ManyToManyField(Unit, through="TrainingUnit", related_name="+", verbose_name=_("参训单位"),
                                   blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = EnforcementTrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政执法培训")
        verbose_name_plural = _("行政执法培训")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title


@audited
class TrainingUnit(models.Model):
    training = models.ForeignKey(EnforcementTraining, models.CASCADE, related_name="+", db_index=False)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("参训单位")
        verbose_name_plural = _("参训单位")
        constraints = [models.UniqueConstraint(fields=["training", "unit"], name="normative_docs_training_unit")]


class OfficerQuerySet(UnitScopedQuerySet):
    area_field = "unit__area"

    def valid_on(self, day):
        return self.filter(valid_until__gte=day, revoked_on__isnull=True)


@audited
class EnforcementOfficer(models.Model):
    """A certified enforcement officer of a unit (行政执法证)."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="officers", verbose_name=_("所在单位"))
    name = models.CharField(_("姓名"), max_length=50)
    certificate_number = models.CharField(_("执法证号"), max_length=30, unique=True)
    valid_until = models.DateField(_("有效期至"))
    revoked_on = models.DateField(_("注销日期"), null=True, blank=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政执法人员")
        verbose_name_plural = _("行政执法人员")
        ordering = ["unit__name", "name"]

    def __str__(self):
        return f"{self.name}（{self.certificate_number}）"

    def get_absolute_url(self):
        """The roster, found by the certificate number (an officer has no page of their own)."""
        return f"{reverse('normative_docs:officer_list')}?q={self.certificate_number}"

"""重大行政决策: the year's catalogue of major administrative decisions (and its hearing catalogue, 听证目录), each
item's responsible unit and the statutory steps (《重大行政决策程序暂行条例》: 公众参与, 专家论证, 风险评估, 合法性审查,
集体讨论决定; a hearing for an item of the hearing catalogue) ticked with their dates. An item is marked done
(决策作出) only once every step it needs has been ticked."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, audited

from .units import Unit, UnitScopedQuerySet


class Step(models.TextChoices):
    PUBLIC = "public", _("公众参与")
    HEARING = "hearing", _("听证")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")
    LEGALITY = "legality", _("合法性审查")
    COLLECTIVE = "collective", _("集体讨论决定")


BASE_STEPS = [Step.PUBLIC, Step.EXPERT, Step.RISK, Step.LEGALITY, Step.COLLECTIVE]


class DecisionStatus(models.TextChoices):
    CATALOGUED = "catalogued", _("已列入目录")
    DONE = "done", _("已作出决策")
    WITHDRAWN = "withdrawn", _("已调出目录")


class MajorDecisionQuerySet(UnitScopedQuerySet):
    pass


@audited
class MajorDecision(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    year = models.PositiveSmallIntegerField(_("目录年度"))
    title = models.CharField(_("决策事项"), max_length=200)
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="major_decisions", verbose_name=_("承办单位"))
    hearing = models.BooleanField(_("列入听证目录"), default=False)
    catalogued_on = models.DateField(_("列入目录日期"))
    status = models.CharField(_("状态"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.CATALOGUED)
    done_on = models.DateField(_("决策作出日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("调出目录日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = MajorDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项")
        ordering = ["-year", "unit__name", "title"]
        constraints = [models.UniqueConstraint(fields=["area", "year", "title"],
                                               name="normative_docs_decision_title_unique")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("normative_docs:decision_detail", self.pk)

    @property
    def required_steps(self):
        return [Step.PUBLIC, Step.HEARING, *BASE_STEPS[1:]] if self.hearing else list(BASE_STEPS)

    def missing_steps(self, done=None):
        """The steps still to tick, in their statutory order (`done`: the ticked steps, if already read)."""
        done = set(self.steps.values_list("step", flat=True) if done is None else done)
        return [step for step in self.required_steps if step not in done]


class DecisionStepQuerySet(UnitScopedQuerySet):
    area_field = "decision__area"
    unit_field = "decision__unit"


@audited
class DecisionStep(models.Model):
    decision = models.ForeignKey(
        MajorDecision, models.CASCADE, related_name="steps", verbose_name=_("决策事项"), db_index=False,
    )
    step = models.CharField(_("法定程序"), max_length=12, choices=Step.choices)
    done_on = models.DateField(_("完成日期"))
    note = models.CharField(_("情况说明"), max_length=300, blank=True)

    objects = DecisionStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大行政决策法定程序")
        verbose_name_plural = _("重大行政决策法定程序")
        ordering = ["decision", "done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "step"], name="normative_docs_decision_step_once")]

    def __str__(self):
        return f"{self.decision}：{self.get_step_display()}"

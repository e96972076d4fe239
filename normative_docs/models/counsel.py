"""政府法律顾问: engagements of law firms and their lawyers (lawyers.LawFirm / lawyers.Lawyer, the city's registry)
by the district government, its departments and street offices — period, fee, and the evaluation at the end —
and the legal affairs (合同审查, 法律意见, 代拟文书, 参与谈判 …) handled by the section or by counsel."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, audited

from .units import Unit, UnitScopedQuerySet


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC = "basic", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")


class EngagementQuerySet(UnitScopedQuerySet):
    def engaged_on(self, day):
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day)


@audited
class CounselEngagement(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="counsel", verbose_name=_("聘请单位"))
    firm = models.ForeignKey("lawyers.LawFirm", models.PROTECT, related_name="+", verbose_name=_("律师事务所"))
    lawyers = models.ManyToManyField("lawyers.Lawyer", through="CounselLawyer", related_name="+",
                                     verbose_name=_("顾问律师"))
    started_on = models.DateField(_("聘期开始"))
    ended_on = models.DateField(_("聘期结束"), null=True, blank=True)
    fee = models.DecimalField(_("顾问费（元）"), max_digits=12, decimal_places=2, default=0)
    evaluation = models.CharField(_("期满评价"), max_length=12, choices=Evaluation.choices, blank=True)
    evaluated_on = models.DateField(_("评价日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = EngagementQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问聘请")
        verbose_name_plural = _("法律顾问聘请")
        ordering = ["-started_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F(
            "started_on")), name="normative_docs_engagement_period")]

    def __str__(self):
        return f"{self.unit}：{self.firm}"

    def get_absolute_url(self):
        return record_url("normative_docs:engagement_detail", self.pk)


@audited
class CounselLawyer(models.Model):
    engagement = models.ForeignKey(CounselEngagement, models.CASCADE, related_name="+", db_index=False)
    lawyer = models.ForeignKey("lawyers.Lawyer", models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("顾问律师")
        verbose_name_plural = _("顾问律师")
        constraints = [models.UniqueConstraint(fields=["engagement", "lawyer"], name="normative_docs_counsel_lawyer")]


class AffairKind(models.TextChoices):
    CONTRACT = "contract", _("合同审查")
    OPINION = "opinion", _("法律意见")
    DRAFTING = "drafting", _("代拟文书")
    NEGOTIATION = "negotiation", _("参与谈判")
    LITIGATION = "litigation", _("代理诉讼仲裁")
    MEETING = "meeting", _("列席会议")
    OTHER = "other", _("其他法律事务")


class Handler(models.TextChoices):
    SECTION = "section", _("法制科")
    COUNSEL = "counsel", _("法律顾问")


class LegalAffairQuerySet(UnitScopedQuerySet):
    pass


@audited
class LegalAffair(models.Model):
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="legal_affairs", verbose_name=_("委托单位"))
    kind = models.CharField(_("事务类型"), max_length=12, choices=AffairKind.choices)
    title = models.CharField(_("事项"), max_length=200)
    handler = models.CharField(_("承办"), max_length=10, choices=Handler.choices)
    engagement = models.ForeignKey(CounselEngagement, models.PROTECT, null=True, blank=True,
                                   related_name="affairs", verbose_name=_("法律顾问"))
    handled_on = models.DateField(_("办结日期"))
    amount = models.DecimalField(_("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                   verbose_name=_("登记人"))

    objects = LegalAffairQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律事务")
        verbose_name_plural = _("法律事务")
        ordering = ["-handled_on", "-id"]

    def __str__(self):
        return self.title

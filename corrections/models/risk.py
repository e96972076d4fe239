"""Risk: assessment meetings, risk cases, deliberations of difficult cases and emergencies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.models import Area, audited

from .register import Meeting, Supervisee, SuperviseeChildQuerySet

# --- Risk -------------------------------------------------------------------------------------------------


@audited
class RiskMeeting(Meeting):
    """风险研判会议."""

    summary = models.TextField(_("研判情况"), blank=True)

    label = _("风险研判会议")

    class Meta(Meeting.Meta):
        verbose_name = _("风险研判会议")
        verbose_name_plural = _("风险研判会议")


class ClosableQuerySet(SuperviseeChildQuerySet):
    """Records that stay open until their `closed_on` (a risk resolved, an emergency handled)."""

    def open(self):
        return self.filter(closed_on__isnull=True)


@audited
class RiskCase(models.Model):
    """风险隐患案件: a risk found about one person, with its control measures and the person answering for them."""

    class Grade(models.TextChoices):
        HIGH = "high", _("高")
        MEDIUM = "medium", _("中")
        LOW = "low", _("低")

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="risk_cases")
    meeting = models.ForeignKey(RiskMeeting, models.PROTECT, null=True, blank=True, related_name="cases",
                                verbose_name=_("研判会议"))
    identified_on = models.DateField(_("发现日期"))
    grade = models.CharField(_("风险等级"), max_length=8, choices=Grade.choices, default=Grade.MEDIUM)
    description = models.CharField(_("风险隐患"), max_length=500)
    control_measures = models.TextField(_("管控措施"))
    owner = models.CharField(_("责任人"), max_length=50)
    closed_on = models.DateField(_("化解日期"), null=True, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False)

    objects = ClosableQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险隐患案件")
        verbose_name_plural = _("风险隐患案件")
        ordering = ["-identified_on", "-id"]

    def __str__(self):
        return f"{self.supervisee}：{self.description[:20]}"


@audited
class Deliberation(Meeting):
    """重大疑难案件合议会议."""

    summary = models.TextField(_("合议情况"), blank=True)

    label = _("合议会议")

    class Meta(Meeting.Meta):
        verbose_name = _("重大疑难案件合议")
        verbose_name_plural = _("重大疑难案件合议")


@audited
class DeliberatedCase(models.Model):
    deliberation = models.ForeignKey(Deliberation, models.CASCADE, related_name="cases")
    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="deliberations")
    question = models.CharField(_("合议事项"), max_length=300)
    decision = models.CharField(_("合议结论"), max_length=500)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False)

    objects = SuperviseeChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("合议案件")
        verbose_name_plural = _("合议案件")
        ordering = ["deliberation", "id"]


@audited
class Emergency(models.Model):
    """突发事件 and the steps taken to handle it."""

    class Kind(models.TextChoices):
        ABSCONDING = "absconding", _("脱管")
        SUICIDE = "suicide", _("自杀（未遂）")
        DRUGS = "drugs", _("吸毒")
        REOFFENDING = "reoffending", _("重新违法犯罪")
        OTHER = "other", _("其他")

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="emergencies")
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    occurred_on = models.DateField(_("发生日期"))
    description = models.CharField(_("事件经过"), max_length=500)
    closed_on = models.DateField(_("处置完毕日期"), null=True, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False)

    objects = ClosableQuerySet.as_manager()

    class Meta:
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")
        ordering = ["-occurred_on", "-id"]

    def __str__(self):
        return f"{self.occurred_on:%Y-%m-%d} {self.get_kind_display()} {self.supervisee}"


@audited
class EmergencyStep(models.Model):
    emergency = models.ForeignKey(Emergency, models.CASCADE, related_name="steps")
    on = models.DateField(_("日期"))
    action = models.CharField(_("处置措施"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                    editable=False)

    class Meta:
        verbose_name = _("处置步骤")
        verbose_name_plural = _("处置步骤")
        ordering = ["on", "id"]


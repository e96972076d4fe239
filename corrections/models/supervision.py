"""Supervision events, travel, group sessions, assessment and electronic monitoring."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.models import Area, audited

from .register import (
    MONITORING_MONTHS,
    CorrectionsQuerySet,
    Meeting,
    Supervisee,
    SuperviseeChildQuerySet,
)

def last_monitoring_day(starts_on):
    """The last day a period of electronic monitoring from `starts_on` may run: three months less a day (from 31
    January, to 29 or 30 April)."""
    return starts_on + relativedelta(months=MONITORING_MONTHS) - timedelta(days=1)


# --- Supervision ------------------------------------------------------------------------------------------


@audited
class SupervisionEvent(models.Model):
    """A talk, an information check, a field visit, a report or a file spot check about one person."""

    class Kind(models.TextChoices):
        TALK = "talk", _("谈话教育")
        INFO_CHECK = "info_check", _("信息化核查")
        VISIT = "visit", _("实地走访")
        REPORT = "report", _("报告")
        FILE_CHECK = "file_check", _("档案抽查")

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("当面")
        PHONE = "phone", _("电话")
        VIDEO = "video", _("视频")
        ONLINE = "online", _("信息化平台")

    CONTACTS = {Kind.TALK, Kind.INFO_CHECK, Kind.VISIT, Kind.REPORT}  # what counts as contact with the person

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="supervision_events", db_index=False)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("日期"))
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices, blank=True)
    is_random = models.BooleanField(_("随机抽查"), default=False)
    summary = models.CharField(_("情况摘要"), max_length=500, blank=True)
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("司法所"), editable=False, db_index=False,
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                    editable=False)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    objects = SuperviseeChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("监督管理记录")
        verbose_name_plural = _("监督管理记录")
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["supervisee", "kind", "-on"], name="event_latest_idx"),
            models.Index(fields=["on", "kind"], name="event_on_kind_idx"),
            # statistics: a district's talks in a year without reading the whole city's
            models.Index(fields=["area", "kind", "on"], name="event_area_kind_on_idx"),
        ]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()} {self.supervisee}"


@audited
class TravelApproval(models.Model):
    """外出审批: up to STREET_TRAVEL_DAYS by the street office, longer only by the district bureau."""

    class Approver(models.TextChoices):
        STREET = "street", _("司法所")
        BUREAU = "bureau", _("区司法局")

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="travels")
    destination = models.CharField(_("目的地"), max_length=100)
    reason = models.CharField(_("外出事由"), max_length=200)
    leave_on = models.DateField(_("外出日期"))
    return_on = models.DateField(_("返回日期"))
    approver = models.CharField(_("审批机关"), max_length=10, choices=Approver.choices, editable=False)
    approved_on = models.DateField(_("批准日期"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    returned_on = models.DateField(_("销假报告日期"), null=True, blank=True, editable=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("司法所"), editable=False)

    objects = SuperviseeChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("外出审批")
        verbose_name_plural = _("外出审批")
        ordering = ["-leave_on", "-id"]

    def __str__(self):
        return f"{self.supervisee} {self.destination} {self.leave_on:%m-%d}—{self.return_on:%m-%d}"

    @property
    def days(self):
        return (self.return_on - self.leave_on).days + 1

    @property
    def return_report_due_on(self):
        """The person reports back (销假) no later than the day after the approved return."""
        return self.return_on + timedelta(days=1)

    def clean(self):
        if self.leave_on and self.return_on and self.return_on < self.leave_on:
            raise ValidationError({"return_on": _("返回日期不能早于外出日期。")})


@audited
class EducationSession(models.Model):
    """A group session: education, a lecture or public service, with its attendance list."""

    class Kind(models.TextChoices):
        LEGAL_MORAL = "legal_moral", _("线上法治道德教育")
        PSYCH = "psych", _("心理健康讲座")
        EDUCATION = "education", _("集中教育学习")
        PUBLIC_SERVICE = "public_service", _("公益活动")

    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("主题"), max_length=200)
    held_on = models.DateField(_("日期"))
    hours = models.DecimalField(_("时长（小时）"), max_digits=4, decimal_places=1, default=2)
    online = models.BooleanField(_("线上"), default=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("组织单位"))
    attendees = models.ManyToManyField(Supervisee, through="Attendance", related_name="sessions",
                                       verbose_name=_("参加人员"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True,
                                    editable=False)

    objects = CorrectionsQuerySet.as_manager()

    class Meta:
        verbose_name = _("教育活动")
        verbose_name_plural = _("教育活动")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"


@audited
class Attendance(models.Model):
    session = models.ForeignKey(EducationSession, models.CASCADE, related_name="attendance", db_index=False)
    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="attendance")
    # the person's office then
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False, db_index=False)

    objects = SuperviseeChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("参加记录")
        verbose_name_plural = _("参加记录")
        constraints = [models.UniqueConstraint(fields=["session", "supervisee"], name="attendance_once")]
        indexes = [models.Index(fields=["area", "session"], name="attendance_area_idx")]


# --- Assessment -------------------------------------------------------------------------------------------


@audited
class ReviewMeeting(Meeting):
    """奖惩评审会议."""


    label = _("奖惩评审会议")

    class Meta(Meeting.Meta):
        verbose_name = _("奖惩评审会议")
        verbose_name_plural = _("奖惩评审会议")


@audited
class AssessmentDecision(models.Model):
    class Kind(models.TextChoices):
        PRAISE = "praise", _("表扬")
        REPRIMAND = "reprimand", _("训诫")
        WARNING = "warning", _("警告")
        PUBLIC_SECURITY = "public_security", _("提请治安管理处罚")
        REVOCATION = "revocation", _("提请撤销缓刑、假释")
        CUSTODY = "custody", _("提请收监执行")

    meeting = models.ForeignKey(ReviewMeeting, models.PROTECT, related_name="decisions")
    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="decisions")
    kind = models.CharField(_("决定"), max_length=16, choices=Kind.choices)
    reason = models.CharField(_("事实和理由"), max_length=500)
    decided_on = models.DateField(_("决定日期"), editable=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False)

    objects = SuperviseeChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("奖惩决定")
        verbose_name_plural = _("奖惩决定")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.supervisee} {self.get_kind_display()}"


class MonitoringQuerySet(SuperviseeChildQuerySet):
    def current(self, today):
        return self.filter(starts_on__lte=today, ends_on__gte=today, ended_on__isnull=True)


@audited
class Monitoring(models.Model):
    """电子定位: only on a ground of 社区矫正法 第二十九条, each period at most three months."""

    class Ground(models.TextChoices):
        PROHIBITION = "prohibition", _("违反人民法院禁止令的")
        LEFT_AREA = "left_area", _("无正当理由，未经批准离开所居住的市、县的")
        NO_REPORT = "no_report", _("拒不按照规定报告自己的活动情况，被给予警告的")
        PENALTY = "penalty", _("违反监督管理规定，被给予治安管理处罚的")
        REVOCATION = "revocation", _("拟提请撤销缓刑、假释或者暂予监外执行收监执行的")

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="monitorings")
    ground = models.CharField(_("法定情形"), max_length=16, choices=Ground.choices)
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("截止日期"))
    renewal_of = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="renewal", verbose_name=_("续期自"),
        editable=False,
    )
    assessment = models.TextField(
        _("评估意见"), blank=True, help_text=_("续期须重新评估，写明评估结论。"),
    )
    approved_on = models.DateField(_("批准日期"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False)
    ended_on = models.DateField(_("提前解除日期"), null=True, blank=True, editable=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", editable=False)

    objects = MonitoringQuerySet.as_manager()

    class Meta:
        verbose_name = _("电子定位")
        verbose_name_plural = _("电子定位")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["ends_on"], name="monitoring_ends_idx")]

    def __str__(self):
        return f"{self.supervisee} {self.starts_on:%Y-%m-%d}—{self.ends_on:%Y-%m-%d}"

    @property
    def latest_end_allowed(self):
        return last_monitoring_day(self.starts_on)

    def clean(self):
        errors = {}
        if not self.ground:
            errors["ground"] = _("使用电子定位须选择法定情形。")
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("截止日期不能早于起始日期。")
            elif self.ends_on > self.latest_end_allowed:
                errors["ends_on"] = _("电子定位每次期限不得超过三个月（最迟至%(day)s），期满需续期的须重新评估。") % {
                    "day": f"{self.latest_end_allowed:%Y-%m-%d}"}
        if errors:
            raise ValidationError(errors)


"""The person, their supervision level and the register (矫正台账)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import bureau.bulk  # noqa: F401 (registers the any_of lookup, SuperviseeQuerySet.open_with_numbers)
from bureau.concurrency import UniqueConstraint
from bureau.fields import PinyinKeyField, trigram_index
from bureau.identifiers import ResidentIDField, female_by_resident_id
from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited
from bureau.workdays import after_today
from corrections.apps import FUNCTION

REPORT_IN_DAYS = 10  # 社区矫正法 第二十一条: report to the place of execution within 10 days
STREET_TRAVEL_DAYS = 7  # 实施办法 第二十八条: up to 7 days approved by the street office, longer by the bureau
MONITORING_MONTHS = 3  # 社区矫正法 第二十九条: each period of electronic monitoring at most three months
RESETTLEMENT_YEARS = 5  # released prisoners are followed for five years


class SentenceKind(models.TextChoices):
    CONTROL = "control", _("管制")
    PROBATION = "probation", _("缓刑")
    PAROLE = "parole", _("假释")
    OUTSIDE_PRISON = "outside_prison", _("暂予监外执行")


class Level(models.TextChoices):
    STRICT = "strict", _("严管")
    NORMAL = "normal", _("普管")
    LENIENT = "lenient", _("宽管")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


def check_gender(gender, id_number):
    """Refuse a gender the ID number's 17th digit contradicts (odd for men): Supervisee, ReleasedPerson and the
    import's preview ask the same question."""
    female = female_by_resident_id(id_number)
    if gender and female is not None and female != (gender == Gender.FEMALE):
        raise ValidationError({"gender": _("性别与身份证号码不符。")})


class CorrectionsQuerySet(AreaScopedQuerySet):
    """Sensitive personal information (PIPL): only those who work in corrections see any of it, within their area."""

    def visible_to(self, user):
        if not user.is_authenticated or not user.can_use(FUNCTION):
            return self.none()
        return super().visible_to(user)


# --- Supervision policy -----------------------------------------------------------------------------------


@audited
class LevelPolicy(models.Model):
    """How often each supervision level needs a talk and an information check (the risk checks read it)."""

    level = models.CharField(_("管理等级"), max_length=10, choices=Level.choices, unique=True)
    talk_interval_days = models.PositiveSmallIntegerField(
        _("谈话教育间隔（天）"), validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    check_interval_days = models.PositiveSmallIntegerField(
        _("信息化核查间隔（天）"), validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    no_contact_days = models.PositiveSmallIntegerField(
        _("失联预警（天）"), validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("超过此天数没有任何谈话、核查、走访或报告记录时生成待办。"),
    )

    class Meta:
        verbose_name = _("管理等级要求")
        verbose_name_plural = _("管理等级要求")
        ordering = ["level"]

    def __str__(self):
        return self.get_level_display()


# --- The person and the ledger ----------------------------------------------------------------------------


class SuperviseeQuerySet(CorrectionsQuerySet):
    def on_register(self):
        return self.filter(status=Supervisee.Status.ACTIVE)

    def awaiting_report(self):
        return self.filter(status=Supervisee.Status.AWAITING_REPORT)

    def open_with_numbers(self, numbers):
        """The registrations not closed (在册 or 待报到) of these ID numbers: the rule of one open registration per
        number, for a whole file at once. The numbers are bound as one array, which the unique index of open
        registrations is probed with (bureau.bulk's `any_of`); unordered, as a probe needs no order."""
        return self.filter(id_number__any_of=numbers).exclude(status__in=Supervisee.CLOSED).order_by()

    def term_ending(self, today, within_days=30):
        return self.on_register().filter(term_end__range=(today, today + timedelta(days=within_days)))

    def register_counts(self):
        """{"active": on the register, "awaiting": awaited to report in}: one query."""
        return self.aggregate(
            active=Count("pk", filter=Q(status=Supervisee.Status.ACTIVE)),
            awaiting=Count("pk", filter=Q(status=Supervisee.Status.AWAITING_REPORT)),
        )


@audited(exclude=["name_pinyin"])
class Supervisee(models.Model):
    """社区矫正对象. Status moves only through corrections.services, along TRANSITIONS, each move a ledger entry."""

    class Status(models.TextChoices):
        AWAITING_REPORT = "awaiting", _("待报到")
        ACTIVE = "active", _("在册")
        RELEASED = "released", _("解除矫正")
        TERMINATED = "terminated", _("终止矫正")
        TRANSFERRED_OUT = "transferred_out", _("已迁出")

    TRANSITIONS = {
        Status.AWAITING_REPORT: {Status.ACTIVE},
        Status.ACTIVE: {Status.RELEASED, Status.TERMINATED, Status.TRANSFERRED_OUT},
        Status.RELEASED: set(),
        Status.TERMINATED: set(),
        Status.TRANSFERRED_OUT: set(),
    }
    CLOSED = {Status.RELEASED, Status.TERMINATED, Status.TRANSFERRED_OUT}

    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = PinyinKeyField(source="name")
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    id_number = ResidentIDField()
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("居住地"), max_length=200, blank=True)
    sentence_kind = models.CharField(_("矫正类别"), max_length=20, choices=SentenceKind.choices)
    crime = models.CharField(_("罪名"), max_length=100)
    court = models.CharField(
        _("决定机关"), max_length=100, help_text=_("作出判决、裁定或决定的法院、监狱管理机关或公安机关。")
    )
    judgment_on = models.DateField(_("判决（决定）生效日期"))
    term_start = models.DateField(_("矫正起始日期"))
    term_end = models.DateField(_("矫正期满日期"))
    report_due_on = models.DateField(_("报到期限"), editable=False)
    reported_on = models.DateField(_("报到日期"), null=True, blank=True, editable=False)
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("执行地司法所"),
        limit_choices_to={"level": Area.Level.STREET},
    )
    level = models.CharField(_("管理等级"), max_length=10, choices=Level.choices, default=Level.NORMAL)
    team = models.CharField(_("矫正小组"), max_length=200, blank=True, help_text=_("矫正小组成员，用顿号分隔。"))
    prohibitions = models.TextField(_("禁止令"), blank=True)
    photo = models.FileField(
        _("照片"), upload_to="corrections/photos/", blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png"])],
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.AWAITING_REPORT, editable=False
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)

    objects = SuperviseeQuerySet.as_manager()

    class Meta:
        verbose_name = _("社区矫正对象")
        verbose_name_plural = _("社区矫正对象")
        ordering = ["area", "name_pinyin", "id"]
        constraints = [
            # The register's rule (corrections.services.supervisee_register), held by the database against a race:
            # one registration of an ID number that is not closed (Supervisee.CLOSED).
            UniqueConstraint(fields=["id_number"], condition=~Q(status__in=["released", "terminated",
                                                                             "transferred_out"]),
                             name="supervisee_one_open_registration",
                             violation_error_message=_("该身份证号码的社区矫正对象已在册或待报到，不能重复登记。")),
        ]
        indexes = [
            models.Index(fields=["status", "area"], name="supervisee_status_area_idx"),
            models.Index(fields=["term_end"], name="supervisee_term_end_idx"),
            trigram_index("name", "supervisee_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("corrections:supervisee_detail", self.pk)

    def clean(self):
        errors = {}
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("矫正期满日期应晚于矫正起始日期。")
        if self.judgment_on and self.term_start and self.term_start < self.judgment_on:
            errors["term_start"] = _("矫正起始日期不能早于判决（决定）生效日期。")
        # after_today: the local date without the time zone's context-local lookup, checked twice for each of an
        # import's tens of thousands of people (its validation, then the service's).
        if self.judgment_on and after_today(self.judgment_on):
            errors["judgment_on"] = _("判决（决定）生效日期不能晚于今天。")
        if self.area_id and self.area.level != Area.Level.STREET:
            errors["area"] = _("执行地应为街道司法所。")
        try:
            check_gender(self.gender, self.id_number)
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def is_on_register(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_closed(self):
        return self.status in self.CLOSED

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]

    def days_left(self, today=None):
        return (self.term_end - (today or timezone.localdate())).days


@audited
class LevelChange(models.Model):
    """The history of a person's supervision level (the first row is the level at intake)."""

    supervisee = models.ForeignKey(Supervisee, models.CASCADE, related_name="level_changes")
    level = models.CharField(_("管理等级"), max_length=10, choices=Level.choices)
    on = models.DateField(_("调整日期"))
    reason = models.CharField(_("调整理由"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True)

    class Meta:
        verbose_name = _("管理等级调整")
        verbose_name_plural = _("管理等级调整")
        ordering = ["supervisee", "on", "id"]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_level_display()}"


class LedgerQuerySet(CorrectionsQuerySet):
    area_field = "supervisee__area"

    def counted_in(self, area):
        """Entries that move a person across the border of `area`.

        A transfer between two streets of one district is an 迁出 and an 迁入 for the streets, but not for
        the district: each half counts only where its counterpart lies outside the area asked about.
        """
        inside = Q(area__path__startswith=area.path)
        internal = Q(counterpart__path__startswith=area.path)
        return self.filter(inside).exclude(Q(kind__in=LedgerEntry.TRANSFERS) & internal)

    def on_register(self, area, day):
        """How many people were on the register of `area` at the end of `day`, from the ledger alone.

        A person is on it when their latest entry up to that day is an arrival (接收 or 迁入) in the area:
        one DISTINCT ON query, independent of the flows, which is why the ledger identity is a real check.
        """
        # Only people who were ever on this area's register can be on it: narrowing to them first keeps the
        # DISTINCT ON to the area's own rows instead of the whole city's ledger.
        ever_here = LedgerEntry.objects.filter(area__path__startswith=area.path).values("supervisee_id")
        latest = (
            LedgerEntry.objects.filter(on__lte=day, supervisee_id__in=ever_here)
            .order_by("supervisee_id", "-on", "-id").distinct("supervisee_id").values("pk")
        )
        return LedgerEntry.objects.filter(
            pk__in=latest, kind__in=LedgerEntry.ARRIVALS, area__path__startswith=area.path
        ).count()


@audited
class LedgerEntry(models.Model):
    """One line of the register (矫正台账). Written only by corrections.services, never edited."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("接收")
        TRANSFERRED_IN = "transferred_in", _("迁入")
        TRANSFERRED_OUT = "transferred_out", _("迁出")
        RELEASED = "released", _("解除矫正")
        TERMINATED = "terminated", _("终止矫正")

    class TerminationReason(models.TextChoices):
        REVOKED_PROBATION = "revoked_probation", _("撤销缓刑")
        REVOKED_PAROLE = "revoked_parole", _("撤销假释")
        CUSTODY = "custody", _("暂予监外执行收监执行")
        DEATH = "death", _("死亡")

    ARRIVALS = {Kind.RECEIVED, Kind.TRANSFERRED_IN}
    TRANSFERS = {Kind.TRANSFERRED_IN, Kind.TRANSFERRED_OUT}

    supervisee = models.ForeignKey(Supervisee, models.PROTECT, related_name="ledger", db_index=False)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("日期"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("司法所"))
    counterpart = models.ForeignKey(
        Area, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("迁出地/迁入地"),
        help_text=_("本系统内的执行地变更：对方司法所。"),
    )
    counterpart_name = models.CharField(_("外地执行地"), max_length=100, blank=True)
    termination_reason = models.CharField(
        _("终止原因"), max_length=20, choices=TerminationReason.choices, blank=True
    )
    certificate_on = models.DateField(_("解除矫正证明书日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("矫正台账")
        verbose_name_plural = _("矫正台账")
        ordering = ["on", "id"]
        indexes = [
            models.Index(fields=["on", "kind"], name="ledger_on_kind_idx"),
            models.Index(fields=["supervisee", "-on", "-id"], name="ledger_latest_idx"),
        ]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()} {self.supervisee}"


class SuperviseeChildQuerySet(CorrectionsQuerySet):
    """A record about one person is seen by whoever supervises that person now."""

    area_field = "supervisee__area"

    def happened_in(self, area):
        """For statistics: where it happened (the area copied onto the record), not where the person is now."""
        return self.filter(area__path__startswith=area.path)


class Meeting(models.Model):
    """A meeting an office holds (奖惩评审, 风险研判, 重大疑难案件合议): when, who organised it, who came, what was said."""

    held_on = models.DateField(_("会议日期"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("组织单位"))
    participants = models.CharField(_("参会人员"), max_length=300, blank=True)
    summary = models.TextField(_("会议纪要"), blank=True)

    objects = CorrectionsQuerySet.as_manager()

    label = ""  # what the meeting is called after its date

    class Meta:
        abstract = True
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.label}"

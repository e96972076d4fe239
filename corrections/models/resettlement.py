"""Resettlement (安置帮教) of released prisoners."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import UniqueConstraint
from bureau.fields import PinyinKeyField, trigram_index
from bureau.identifiers import ResidentIDField
from bureau.links import record_url
from bureau.models import Area, audited

from .register import RESETTLEMENT_YEARS, CorrectionsQuerySet, Gender, check_gender
from .supervision import SupervisionEvent


def listed_until(released_on):
    """The end of a released prisoner's resettlement listing: RESETTLEMENT_YEARS after the release (a release on
    29 February ends on 28 February)."""
    return released_on + relativedelta(years=RESETTLEMENT_YEARS)


# --- Resettlement (安置帮教) --------------------------------------------------------------------------------


class ReleasedPersonQuerySet(CorrectionsQuerySet):
    def listed_on(self, day):
        """In resettlement on `day`: released within five years and not back in prison (ReleasedPerson.is_listed_on
        for one person)."""
        return self.filter(released_on__lte=day, listed_until__gt=day).filter(
            Q(reoffended_on__isnull=True) | Q(reoffended_on__gt=day)
        )


@audited(exclude=["name_pinyin"])
class ReleasedPerson(models.Model):
    """刑满释放人员: listed for resettlement for five years from release."""

    class Handover(models.TextChoices):
        PENDING = "pending", _("待衔接")
        RECEIVED = "received", _("已衔接（必接必送）")
        SELF_REPORTED = "self_reported", _("已衔接（自行报到）")
        MISSED = "missed", _("未衔接")

    class Verification(models.TextChoices):
        VERIFIED = "verified", _("已核实")
        NAME = "name", _("姓名无法核实")
        ADDRESS = "address", _("住址无法核实")
        IDENTITY = "identity", _("身份无法核实")

    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = PinyinKeyField(source="name")
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    id_number = ResidentIDField(null=True, blank=True)
    address = models.CharField(_("居住地"), max_length=200, blank=True)
    crime = models.CharField(_("罪名"), max_length=100)
    prison = models.CharField(_("释放单位"), max_length=100)
    released_on = models.DateField(_("释放日期"))
    listed_until = models.DateField(_("帮教期满"), editable=False)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("安置帮教司法所"),
                             limit_choices_to={"level": Area.Level.STREET})
    handover = models.CharField(_("衔接情况"), max_length=16, choices=Handover.choices, default=Handover.PENDING)
    handed_over_on = models.DateField(_("衔接日期"), null=True, blank=True)
    verification = models.CharField(_("核查情况"), max_length=10, choices=Verification.choices,
                                    default=Verification.VERIFIED)
    reoffended_on = models.DateField(_("重新犯罪日期"), null=True, blank=True)

    objects = ReleasedPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("安置帮教对象")
        verbose_name_plural = _("安置帮教对象")
        ordering = ["-released_on", "id"]
        indexes = [models.Index(fields=["released_on", "listed_until"], name="released_listed_idx"),
                   trigram_index("name", "releasedperson_name_trgm")]
        constraints = [  # corrections.services.released_person_register's rule, held against a race
            UniqueConstraint(fields=["id_number", "released_on"], name="releasedperson_release_once",
                             violation_error_message=_("该人员的本次释放已登记。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("corrections:releasedperson_detail", self.pk)

    def is_listed_on(self, day):
        """The rule of ReleasedPersonQuerySet.listed_on, for this person."""
        return self.released_on <= day < self.listed_until and not (self.reoffended_on and self.reoffended_on <= day)

    def save(self, *args, **kwargs):
        self.listed_until = listed_until(self.released_on)
        super().save(*args, **kwargs)

    def clean(self):
        if self.released_on and self.released_on > timezone.localdate():
            raise ValidationError({"released_on": _("释放日期不能晚于今天。")})
        if self.reoffended_on and self.released_on and self.reoffended_on < self.released_on:
            raise ValidationError({"reoffended_on": _("重新犯罪日期不能早于释放日期。")})
        if self.area_id and self.area.level != Area.Level.STREET:
            raise ValidationError({"area": _("安置帮教地应为街道司法所。")})
        check_gender(self.gender, self.id_number)


class PersonChildQuerySet(CorrectionsQuerySet):
    area_field = "person__area"


@audited
class ResettlementHelp(models.Model):
    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("落实户籍")
        SUBSISTENCE = "subsistence", _("纳入低保")
        TRAINING = "training", _("技能培训")
        JOB = "job", _("推荐就业")
        OTHER = "other", _("其他帮扶")

    person = models.ForeignKey(ReleasedPerson, models.CASCADE, related_name="help")
    kind = models.CharField(_("帮扶类别"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    objects = PersonChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("帮扶记录")
        verbose_name_plural = _("帮扶记录")
        ordering = ["-on", "-id"]


@audited
class ResettlementFollowUp(models.Model):
    person = models.ForeignKey(ReleasedPerson, models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("日期"))
    method = models.CharField(_("方式"), max_length=10, choices=SupervisionEvent.Method.choices)
    note = models.CharField(_("情况"), max_length=300)

    objects = PersonChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")
        ordering = ["-on", "-id"]

"""The network's side kept in public_service: a site's weekly opening hours (which make the booking slots) and
its duty roster (值班律师). The site itself is lawyers.ServicePoint (one model for the advisors and the network).
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.models import AreaScopedQuerySet, audited
from lawyers.models import Lawyer, ServicePoint


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("周一")
    TUESDAY = 1, _("周二")
    WEDNESDAY = 2, _("周三")
    THURSDAY = 3, _("周四")
    FRIDAY = 4, _("周五")
    SATURDAY = 5, _("周六")
    SUNDAY = 6, _("周日")


class SiteScopedQuerySet(AreaScopedQuerySet):
    """Records of a site: a street office sees its street's sites, the section its district's."""

    area_field = "point__area"


@audited
class OpeningHours(models.Model):
    """One opening period of a site on a weekday: 9:00–12:00, cut into slots of `slot_minutes` taking at most
    `slot_limit` bookings each."""

    point = models.ForeignKey(
        ServicePoint, models.CASCADE, related_name="hours", verbose_name=_("站点"), db_index=False,
    )
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    start = models.TimeField(_("开始时间"))
    end = models.TimeField(_("结束时间"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("每个时段（分钟）"), default=30, validators=[MinValueValidator(10), MaxValueValidator(240)])
    slot_limit = models.PositiveSmallIntegerField(
        _("每个时段可预约人数"), default=3, validators=[MinValueValidator(1), MaxValueValidator(100)])

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("开放时间")
        verbose_name_plural = _("开放时间")
        ordering = ["point", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="openinghours_end_after_start"),
            models.UniqueConstraint(fields=["point", "weekday", "start"], name="openinghours_once"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间应晚于开始时间。")})

    def slot_starts(self, day):
        """The starting instants (aware, local time) of this period's slots on `day`."""
        tz = timezone.get_current_timezone()
        at = datetime.combine(day, self.start, tzinfo=tz)
        end = datetime.combine(day, self.end, tzinfo=tz)
        step = timedelta(minutes=self.slot_minutes)
        while at + step <= end:
            yield at
            at += step


def hours_text(hours):
    """“周一至周五 09:00–12:00，14:00–18:00；周六 09:00–12:00” from a site's OpeningHours rows (ordered by
    weekday): consecutive days with the same periods are written as one run."""
    days = {}
    for row in hours:
        days.setdefault(row.weekday, []).append(f"{row.start:%H:%M}–{row.end:%H:%M}")
    runs = []  # [first day, last day, spans]
    for day in sorted(days):
        spans = "，".join(days[day])
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == spans:
            runs[-1][1] = day
        else:
            runs.append([day, day, spans])
    names = dict(Weekday.choices)
    return "；".join(f"{names[a]}{'' if a == b else ('、' if b == a + 1 else '至') + str(names[b])} {spans}"
                    for a, b, spans in runs)


class DutyQuerySet(SiteScopedQuerySet):
    def on(self, day):
        return self.filter(on=day)


@audited
class Duty(models.Model):
    """A lawyer on duty at a site on a day (值班律师): the resident's "today's duty lawyer"."""

    point = models.ForeignKey(
        ServicePoint, models.CASCADE, related_name="duties", verbose_name=_("站点"), db_index=False,
    )
    on = models.DateField(_("值班日期"))
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, related_name="site_duties", verbose_name=_("值班律师"))
    note = models.CharField(_("备注"), max_length=100, blank=True)

    objects = DutyQuerySet.as_manager()

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["-on", "point", "lawyer__name"]
        constraints = [models.UniqueConstraint(fields=["point", "on", "lawyer"], name="duty_once_a_day")]
        indexes = [models.Index(fields=["on", "point"], name="duty_on_point_idx")]

    def __str__(self):
        return f"{self.on} {self.point} {self.lawyer}"

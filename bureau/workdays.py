"""Working-day arithmetic on the State Council's holiday calendar (CalendarDay).

Every statutory clock in the portal is "N calendar days" or "N working days" from a date; both go
through `add_days`. A day is a working day when it is Monday–Friday and not a public holiday, or when it
is a weekend day declared a make-up working day (调休上班).

A year whose holidays have not been entered (the reference data covers 2020–2026) has no CalendarDay rows,
so Monday–Friday are its working days: clocks keep running rather than failing, the calendar page says the
year is not loaded, and from 1 December the administrators have a to-do to enter the next year
(bureau.reminders.next_year_calendar_missing). Rows entered later count at once.
"""

from datetime import UTC, date, datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("自然日")
    WORKING = "working", _("工作日")


class WorkingCalendar:
    """The holiday exceptions of a span of dates, fetched in one query and reused for many clocks."""

    def __init__(self, start, end):
        from .models import CalendarDay

        self.start, self.end = start, end
        rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
        self.holidays = {d for d, kind in rows if kind == CalendarDay.Kind.HOLIDAY}
        self.workdays = {d for d, kind in rows if kind == CalendarDay.Kind.WORKDAY}

    @classmethod
    def around(cls, start, days):
        """The span a clock of `days` working days from `start` can reach, forwards or backwards."""
        # The longest run of holidays in a year is under three weeks, so 2n + 30 days always suffices.
        reach, one = timedelta(days=2 * abs(days) + 30), timedelta(days=1)
        return cls(start - one, start + reach) if days >= 0 else cls(start - reach, start + one)

    def is_working_day(self, day):
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the loaded span {self.start}..{self.end}")
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start, n):
        """The n-th working day after `start` (start itself not counted); n = 0 gives start."""
        step = 1 if n >= 0 else -1
        day, remaining = start, abs(n)
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day(self, day):
        """`day` itself when it is a working day, else the first working day after it (a deadline falling on
        a rest day rolls forward to it)."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day):
        """`day` itself when it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def working_days_between(self, start, end):
        """Working days after `start` up to and including `end`."""
        return sum(
            1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=i))
        )


def add_days(start: date, n: int, kind: str = DayKind.CALENDAR) -> date:
    """The date n calendar or working days after `start`."""
    if kind == DayKind.CALENDAR:
        return start + timedelta(days=n)
    if kind == DayKind.WORKING:
        return WorkingCalendar.around(start, n).add_working_days(start, n)
    raise ValueError(f"unknown kind of day: {kind!r}")


class Clocks:
    """The statutory clocks of many records at once (an imported file): an app's ClockRule rows read once, and the
    working days counted on one calendar covering `first`..`last` and the longest clock after it (one query)."""

    def __init__(self, rule_model, first, last):
        self.rules = {rule.code: rule for rule in rule_model.objects.all()}
        longest = max((rule.days for rule in self.rules.values()), default=0)
        # A clock may start from another's end (an extension): twice the longest, and the holidays between.
        self.calendar = WorkingCalendar(first - timedelta(days=1), last + timedelta(days=4 * longest + 60))
        self.known = {}  # (code, start) → due: a file's thousands of rows start from a few hundred days

    def due_on(self, code, start):
        """The day a clock of rule `code` started on `start` runs out, as ClockRule.due_on computes it."""
        due = self.known.get((code, start))
        if due is None:
            rule = self.rules[code]
            if rule.day_kind == DayKind.WORKING:
                due = self.calendar.add_working_days(start, rule.days)
            else:
                due = start + timedelta(days=rule.days)
            self.known[code, start] = due
        return due


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def next_working_day(day: date) -> date:
    """`day` when it is a working day, else the first working day after it."""
    return WorkingCalendar.around(day, 0).next_working_day(day)


_ONE_DAY = timedelta(days=1)


def after_today(day: date) -> bool:
    """`day > timezone.localdate()`, for the tens of thousands of dates of an import: the local date in any time
    zone (UTC−12 to UTC+14) is within a day of the UTC date, so only a day within a day of it needs the active
    time zone, whose reading (a context-local lookup) made a third of the cost of checking a date (issue 18)."""
    utc_today = datetime.now(UTC).date()
    if day < utc_today:
        return False
    if day > utc_today + _ONE_DAY:
        return True
    return day > timezone.localdate()

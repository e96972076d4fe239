"""Statistical periods as leadership names them: 2020, 2020-H1, 2020-Q3, 2020-07, 2020-03-01..2020-09-30."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"), "range"),
]


# The years a period may lie in: its 同比 reaches one year back, and a date has years 1–9999 only (year 1 asked
# for was a 500). No statistic of the portal is older than 1900, nor will one be later than 2999.
FIRST_YEAR, LAST_YEAR = 1900, 2999

# Each quarter a string of its own: the ordinal is a word (第一季度), which a catalog cannot fill in from a digit.
QUARTERS = [gettext_lazy("第一季度"), gettext_lazy("第二季度"), gettext_lazy("第三季度"), gettext_lazy("第四季度")]
QUARTERS_OF_YEAR = [gettext_lazy("%(y)d年第一季度"), gettext_lazy("%(y)d年第二季度"), gettext_lazy("%(y)d年第三季度"),
                    gettext_lazy("%(y)d年第四季度")]


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    @property
    def label(self):
        """How a report names it: 2020年, 2020年上半年, 2020年第三季度, 2020年7月, 2020年3月1日至9月30日."""
        kind, match = _match(self.key)
        year = self.start.year
        if kind == "year":
            return _("%(y)d年") % {"y": year}
        if kind == "half":
            return _("%(y)d年上半年") % {"y": year} if match.group(2) == "1" else _("%(y)d年下半年") % {"y": year}
        if kind == "quarter":
            return str(QUARTERS_OF_YEAR[int(match.group(2)) - 1]) % {"y": year}
        if kind == "month":
            return _("%(y)d年%(m)d月") % {"y": year, "m": self.start.month}
        return _("%(a)s至%(b)s") % {"a": self.start.isoformat(), "b": self.end.isoformat()}

    @property
    def as_of(self):
        """How a report dates its figures: 截至2025年12月底 for a span ending on a month's last day, else
        截至2026年11月29日 (a running period counts up to today)."""
        end = self.end
        if end.day == calendar.monthrange(end.year, end.month)[1]:
            return _("截至%(y)d年%(m)d月底") % {"y": end.year, "m": end.month}
        return _("截至%(y)d年%(m)d月%(d)d日") % {"y": end.year, "m": end.month, "d": end.day}

    def year_before(self):
        """The same span one year earlier (for year-over-year comparison)."""
        if _match(self.key)[0] != "range":
            return parse_period(str(self.start.year - 1) + self.key[4:])
        return span(_one_year_earlier(self.start), _one_year_earlier(self.end))

    def compared_on(self, today):
        """What 同比 compares on `today`: the whole period with last year's, or, while the period is still
        running, its days up to today with the same days of last year (2026 on 30 November: 1—11月 of 2026
        with 1—11月 of 2025), as statistical offices do; a running month counts up to the same day."""
        if not self.start <= today < self.end:
            return Comparison(self, self, self.year_before())
        before = span(_one_year_earlier(self.start), _one_year_earlier(today))
        return Comparison(self, span(self.start, today), before)


@dataclass(frozen=True)
class Comparison:
    """A period, the span of it whose figures are shown, and the same span one year earlier."""

    period: Period
    current: Period
    previous: Period

    @property
    def running(self):
        return self.current.end < self.period.end

    @property
    def current_label(self):
        return self._label(self.current)

    @property
    def previous_label(self):
        return self._label(self.previous)

    def _label(self, span_):
        """A whole year, half, quarter or month by its name (2025年上半年); any other span by its days."""
        if not self.running and ".." not in span_.key:
            return span_.label
        return span_label(span_.start, span_.end)

    @property
    def note(self):
        """The sentence a page or a report prints next to a 同比."""
        if self.running:
            return _("同比：%(now)s与%(then)s相比（本期尚未结束，两年均统计至%(m)d月%(d)d日）。") % {
                "now": self.current_label, "then": self.previous_label,
                "m": self.current.end.month, "d": self.current.end.day}
        return _("同比：%(now)s与%(then)s相比。") % {"now": self.current_label, "then": self.previous_label}


def span(start, end):
    """A Period for any span of days (its key is a range key)."""
    return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)


def _month_end(day):
    return day.day == calendar.monthrange(day.year, day.month)[1]


def span_label(start, end):
    """How a report names a span of days: 2026年1—11月, 2026年11月, 2026年1月1日—11月15日,
    2025年6月1日—2026年11月30日, 2024—2025年."""
    whole_months = start.day == 1 and _month_end(end)
    if start.year != end.year:
        if start.month == 1 and whole_months and end.month == 12:
            return _("%(a)d—%(b)d年") % {"a": start.year, "b": end.year}
        return _("%(y1)d年%(m1)d月%(d1)d日—%(y2)d年%(m2)d月%(d2)d日") % {
            "y1": start.year, "m1": start.month, "d1": start.day, "y2": end.year, "m2": end.month, "d2": end.day}
    values = {"y": start.year, "m1": start.month, "d1": start.day, "m2": end.month, "d2": end.day}
    if start == end:
        return _("%(y)d年%(m1)d月%(d1)d日") % values
    if not whole_months:
        return _("%(y)d年%(m1)d月%(d1)d日—%(m2)d月%(d2)d日") % values
    if start.month == end.month:
        return _("%(y)d年%(m1)d月") % values
    return _("%(y)d年%(m1)d—%(m2)d月") % values


def _one_year_earlier(day):
    year = day.year - 1
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _match(key):
    for pattern, kind in _PATTERNS:
        match = pattern.match(key)
        if match:
            return kind, match
    return None, None


def parse_period(key: str) -> Period:
    """Parse a period key or raise ValidationError with a message that says what is accepted."""
    key = (key or "").strip()
    kind, match = _match(key)
    period = _parse(key, kind, match)
    if period is None:
        raise ValidationError(_("统计期间“%(key)s”格式不正确。可用：2020、2020-H1、2020-Q3、2020-07、"
                                "2020-03-01..2020-09-30。") % {"key": key})
    if not (FIRST_YEAR <= period.start.year and period.end.year <= LAST_YEAR):
        raise ValidationError(_("统计期间的年份须在%(a)d年至%(b)d年之间。") % {"a": FIRST_YEAR, "b": LAST_YEAR})
    return period


def _parse(key, kind, match):
    try:
        if kind == "year":
            year = int(match.group(1))
            return Period(key, date(year, 1, 1), date(year, 12, 31))
        if kind == "half":
            year, half = int(match.group(1)), int(match.group(2))
            return Period(key, date(year, 1 if half == 1 else 7, 1), date(year, 6, 30) if half == 1 else date(year, 12, 31))
        if kind == "quarter":
            year, quarter = int(match.group(1)), int(match.group(2))
            first = 3 * quarter - 2
            return Period(key, date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]))
        if kind == "month":
            year, month = int(match.group(1)), int(match.group(2))
            return Period(key, date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        if kind == "range":
            start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
            if end < start:
                raise ValidationError(_("统计期间的结束日期不能早于开始日期。"))
            return Period(key, start, end)
    except ValueError:
        pass
    return None

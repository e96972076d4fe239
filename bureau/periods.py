"""Statistical periods as leadership names them: 2020, 2020-H1, 2020-Q3, 2020-07, 2020-03-01..2020-09-30."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PATTERNS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"), "range"),
]


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
            return _("%(y)d年第%(q)s季度") % {"y": year, "q": "一二三四"[int(match.group(2)) - 1]}
        if kind == "month":
            return _("%(y)d年%(m)d月") % {"y": year, "m": self.start.month}
        return _("%(a)s至%(b)s") % {"a": self.start.isoformat(), "b": self.end.isoformat()}

    def year_before(self):
        """The same span one year earlier (for year-over-year comparison)."""
        if _match(self.key)[0] != "range":
            return parse_period(str(self.start.year - 1) + self.key[4:])
        start, end = _one_year_earlier(self.start), _one_year_earlier(self.end)
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)


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
    raise ValidationError(
        _("统计期间“%(key)s”格式不正确。可用：2020、2020-H1、2020-Q3、2020-07、2020-03-01..2020-09-30。") % {"key": key}
    )

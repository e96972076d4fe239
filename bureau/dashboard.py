"""What the leaders' dashboards show, composed from every app's indicators and measures (bureau.stats).

Nothing here knows how an app counts: figures come from `stats.compute`, trends and breakdowns from the
apps' `Measure`s (one GROUP BY each). Each page's data is cached for STATS_CACHE_SECONDS under a key that
carries a generation number; any write to a record of a function app bumps the generation once its
transaction commits (`invalidate`, connected in BureauConfig.ready), so a new record shows at once, and bulk
writes that send no signal show within the cache's lifetime (a minute).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr, TruncMonth

from . import stats
from .formatting import change
from .models import Area, Function, Reminder

GENERATION_KEY = "stats:generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**kwargs):
    """Make every cached figure stale (a signal receiver: accepts and ignores the signal's arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def cached(kind, user, area, period, build):
    """`build()` cached for users who may see the same functions, keyed by area, period and generation."""
    functions = ",".join(sorted(user.functions))
    key = f"dashboard:{kind}:{generation()}:{functions}:{area.pk}:{period.key}"
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, timeout=settings.STATS_CACHE_SECONDS)
    return data


# --- Areas below an area ----------------------------------------------------------------------------------

CHILD_LEVEL = {Area.Level.CITY: Area.Level.DISTRICT, Area.Level.DISTRICT: Area.Level.STREET,
               Area.Level.STREET: Area.Level.COMMUNITY}


def children(area):
    level = CHILD_LEVEL.get(area.level)
    return list(Area.objects.filter(parent=area, level=level).order_by("code")) if level else []


def _child_path_length(area):
    level = CHILD_LEVEL[area.level]
    return len(area.path) + Area.CODE_LENGTH[level] + 1


# --- Measures ---------------------------------------------------------------------------------------------


def _measured(measure, area, start, end):
    return measure.queryset().filter(**{
        f"{measure.area_field}__path__startswith": area.path,
        f"{measure.date_field}__range": (start, end),
    })


def monthly(measure, area, start, end):
    """{first day of month: value} between start and end: one query."""
    rows = (
        _measured(measure, area, start, end).annotate(month=TruncMonth(measure.date_field))
        .order_by().values("month").annotate(value=measure.aggregate).values_list("month", "value")
    )
    return {month: value or 0 for month, value in rows}


def by_child(measure, area, period):
    """{child area path: value} for the areas one level below `area`: one query."""
    if area.level not in CHILD_LEVEL:
        return {}
    path = Substr(f"{measure.area_field}__path", 1, _child_path_length(area))
    rows = (
        _measured(measure, area, period.start, period.end).annotate(child=path)
        .order_by().values("child").annotate(value=measure.aggregate).values_list("child", "value")
    )
    return {child: value or 0 for child, value in rows}


# --- Pages ------------------------------------------------------------------------------------------------


@dataclass
class Card:
    indicator: stats.Indicator
    function: str
    value: object
    previous: object

    @property
    def change(self):
        return change(self.value, self.previous)


def _months_of(year):
    return [date(year, m, 1) for m in range(1, 13)]


def _month_aligned(period):
    """A year, half, quarter or month (not a range across months): its figures are whole months."""
    return (period.start.day == 1 and (period.end + timedelta(days=1)).day == 1
            and period.start.year == period.end.year)


def _sum_months(months, period):
    return sum((v for m, v in months.items() if period.start <= m <= period.end), 0)


def overview(user, area, period, today):
    """The overview: key figures with last year's, monthly trends, the breakdown below the area, overdue to-dos.

    A key figure with a measure is read off its two-year monthly series (fetched for the trend anyway), a
    stock with one query per day; only what has neither is computed by its group.
    """

    def build():
        before = period.year_before()
        below = children(area)
        year = period.end.year
        whole_months = _month_aligned(period)
        cards, trends, breakdown, to_compute = [], [], [], []
        for group in stats.groups_for(user):
            for indicator in group.indicators:
                if not indicator.key:
                    continue
                card = Card(indicator, group.function, None, None)
                cards.append(card)
                measure, stock = stats.measure_for(indicator.code), stats.stock_for(indicator.code)
                if stock is not None:
                    card.value, card.previous = stock.on(area, period.end), stock.on(area, before.end)
                elif measure is None:
                    to_compute.append(card)
                if measure is None:
                    continue
                months = monthly(measure, area, date(year - 1, 1, 1), date(year, 12, 31))
                if whole_months:
                    card.value, card.previous = _sum_months(months, period), _sum_months(months, before)
                else:
                    to_compute.append(card)
                trends.append({
                    "code": indicator.code, "unit": indicator.unit,
                    "this_year": [months.get(m, 0) if m <= today else None for m in _months_of(year)],
                    "last_year": [months.get(m, 0) for m in _months_of(year - 1)],
                })
                if below:
                    counts = by_child(measure, area, period)
                    breakdown.append({"code": indicator.code, "values": [counts.get(c.path, 0) for c in below]})
        if to_compute:
            codes = [card.indicator.code for card in to_compute]
            values = stats.compute(user=user, area=area, period=period, codes=codes)
            previous = stats.compute(user=user, area=area, period=before, codes=codes)
            for card in to_compute:
                card.value, card.previous = values[card.indicator.code], previous[card.indicator.code]
        return {
            "cards": cards, "trends": trends, "breakdown": breakdown, "year": year,
            "children": [child.name for child in below],
            "overdue": overdue_by_function(user, area, today),
        }

    return cached("overview", user, area, period, build)


def overdue_by_function(user, area, today):
    """[(function label, overdue to-dos)] of the functions the user may see, from one query."""
    rows = Reminder.objects.in_area(area).overdue(today).order_by().values("kind").annotate(n=Count("pk"))
    totals = {}
    for row in rows:
        prefix = row["kind"].split(".", 1)[0]
        if prefix in Function.values and user.can_use(prefix):
            totals[prefix] = totals.get(prefix, 0) + row["n"]
    return [(Function(f).label, totals.get(f, 0)) for f in Function if user.can_use(f) and f in totals]


def function_table(user, area, period, function):
    """Every indicator of one function: this period, last year's, and each area one level below."""

    def build():
        group = next(g for g in stats.groups_for(user) if g.function == function)
        codes = [i.code for i in group.indicators]
        values = stats.compute(user=user, area=area, period=period, codes=codes)
        previous = stats.compute(user=user, area=area, period=period.year_before(), codes=codes)
        below = children(area)
        per_child = [stats.compute(user=user, area=child, period=period, codes=codes) for child in below]
        rows = [
            {"indicator": i, "value": values[i.code], "previous": previous[i.code],
             "change": change(values[i.code], previous[i.code]),
             "children": [figures[i.code] for figures in per_child]}
            for i in group.indicators
        ]
        return {"rows": rows, "children": [child.name for child in below]}

    return cached(f"function:{function}", user, area, period, build)


def comparison(user, area, period):
    """The key indicators of each area one level below (the city bureau's comparison of districts)."""

    def build():
        below = children(area)
        key = [i for g in stats.groups_for(user) for i in g.indicators if i.key]
        codes = [i.code for i in key]
        per_child = [stats.compute(user=user, area=child, period=period, codes=codes) for child in below]
        return {
            "indicators": key,
            "rows": [{"area": child.name, "code": child.code, "values": [v[c] for c in codes]}
                     for child, v in zip(below, per_child)],
        }

    return cached("comparison", user, area, period, build)

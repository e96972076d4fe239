"""What the leaders' dashboards show, composed from every app's indicators and measures (figures.stats).

Nothing here knows how an app counts: figures come from `stats.compute`, trends and breakdowns from the
apps' `Measure`s (one GROUP BY each). Each page's data is cached for STATS_CACHE_SECONDS under a key that
carries a generation number; any write to a record of a function app bumps the generation once its
transaction commits (`invalidate`, connected in BureauConfig.ready), so a new record shows at once, and bulk
writes that send no signal show within the cache's lifetime (a minute).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Subquery
from django.db.models.functions import Substr

from . import stats
from bureau import functions
from bureau.models import Area, Reminder

GENERATION_KEY = "stats:generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate(**kwargs):
    """Make every cached figure stale (a signal receiver: accepts and ignores the signal's arguments)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def cached(kind, user, area, period, build, today=None):
    """`build()` cached for users who may see the same functions, keyed by area, period and generation, and by
    today's date when given (a running period is compared up to today; the trend stops at this month)."""
    functions = ",".join(sorted(user.functions))
    key = f"dashboard:{kind}:{generation()}:{functions}:{area.pk}:{period.key}:{today or ''}"
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


def daily(measure, area, start, end):
    """{day: value} between start and end: one GROUP BY (the overview's cards and trends are read off it)."""
    rows = (
        _measured(measure, area, start, end).order_by().values(day=F(measure.date_field))
        .annotate(value=measure.aggregate).values_list("day", "value")
    )
    return {day: value or 0 for day, value in rows if value}


def _by_month(days):
    months = {}
    for day, value in days.items():
        month = day.replace(day=1)
        months[month] = months.get(month, 0) + value
    return months


def monthly(measure, area, start, end):
    """{first day of month: value} between start and end: one query."""
    return _by_month(daily(measure, area, start, end))


def _sum_days(days, span):
    return sum((v for d, v in days.items() if span.start <= d <= span.end), 0)


def by_child(measure, area, period):
    """{child area path: value} for the areas one level below `area`: one query."""
    if area.level not in CHILD_LEVEL:
        return {}
    return _counts_by_child(_measured(measure, area, period.start, period.end), measure, area)


def _grouped_records(grouped, area, period):
    return grouped.records(period.start, period.end).filter(**{f"{grouped.area_field}__path__startswith": area.path})


def stock_by_child(stock, area, day):
    """{child area path: value} of a Stock declaring what stands (`standing`) for the areas below: one query."""
    standing = stock.standing(area, day).filter(**{f"{stock.area_field}__path__startswith": area.path})
    return _counts_by_child(standing, stock, area)


def _counts_by_child(records, declaration, area):
    """{child area path: value}: `records` (within `area`) grouped by the area one level below that each lies in
    (by the declaration's area_field), counted by its aggregate."""
    path = Substr(f"{declaration.area_field}__path", 1, _child_path_length(area))
    rows = (
        records.annotate(child=path)
        .order_by().values("child").annotate(value=declaration.aggregate).values_list("child", "value")
    )
    return {child: value or 0 for child, value in rows}


def level_word(area):
    """What the areas one level below are called: 区, 街道, 社区."""
    level = CHILD_LEVEL.get(area.level)
    return Area.Level(level).label if level else ""


@dataclass(frozen=True)
class Total:
    """The 合计 of an indicator over the areas below, and how it stands to the area's own figure.

    A rate has no 合计 (rates do not add). The 合计 can differ from the area's figure for a reason the page must
    say: it is larger when a record moving between two areas below counts at each (a supervisee transferred
    from one street to another is 迁出 at one and 迁入 at the other, but moved nowhere for the district); it is
    smaller when records are kept at the area itself, in no area below."""

    value: object
    whole: object

    @classmethod
    def of(cls, indicator, values, whole):
        if indicator.is_rate or not values:
            return cls(None, whole)
        return cls(sum((v or 0 for v in values), 0), whole)

    @property
    def over(self):
        return self.value is not None and self.whole is not None and self.value > self.whole

    @property
    def under(self):
        return self.value is not None and self.whole is not None and self.value < self.whole

    def as_dict(self):
        return {"total": self.value, "total_over": self.over, "total_under": self.under}


# --- Pages ------------------------------------------------------------------------------------------------


@dataclass
class Card:
    indicator: stats.Indicator
    function: str
    value: object
    previous: object

    @property
    def change(self):
        return stats.YearOnYear(self.indicator, self.value, self.previous)


def _months_of(year):
    return [date(year, m, 1) for m in range(1, 13)]


def overview(user, area, period, today):
    """The overview: key figures with last year's, monthly trends, the breakdown below the area, overdue to-dos.

    The figures are those of `period.compared_on(today)`: a running period up to today, against the same days
    of last year. A key figure with a measure is read off its two-year daily series (one GROUP BY, fetched
    for the trend anyway), so a span that ends mid-month costs nothing more; a stock costs one query per day;
    only what has neither (or a custom range outside the two years drawn) is computed by its group.
    """
    comparison = period.compared_on(today)

    def build():
        current, before = comparison.current, comparison.previous
        below = children(area)
        year = period.end.year
        window = (date(year - 1, 1, 1), date(year, 12, 31))
        read_off_days = window[0] <= before.start and current.end <= window[1]
        cards, trends, breakdown, to_compute = [], [], [], []
        for group in stats.groups_for(user):
            for indicator in group.indicators:
                if not indicator.key:
                    continue
                card = Card(indicator, group.function, None, None)
                cards.append(card)
                measure, stock = stats.measure_for(indicator.code), stats.stock_for(indicator.code)
                if stock is not None:
                    card.value, card.previous = stock.on(area, current.end), stock.on(area, before.end)
                elif measure is None:
                    to_compute.append(card)
                if measure is None:
                    continue
                days = daily(measure, area, *window)
                months = _by_month(days)
                so_far = _by_month({day: v for day, v in days.items() if day <= today})
                if read_off_days:
                    card.value, card.previous = _sum_days(days, current), _sum_days(days, before)
                else:
                    to_compute.append(card)
                trends.append({
                    "code": indicator.code, "unit": indicator.unit,
                    "this_year": [so_far.get(m, 0) if m <= today else None for m in _months_of(year)],
                    "last_year": [months.get(m, 0) for m in _months_of(year - 1)],
                })
                if below:
                    counts = by_child(measure, area, current)
                    breakdown.append({"code": indicator.code, "values": [counts.get(c.path, 0) for c in below]})
        if to_compute:
            codes = [card.indicator.code for card in to_compute]
            values = stats.compute(user=user, area=area, period=current, codes=codes)
            previous = stats.compute(user=user, area=area, period=before, codes=codes)
            for card in to_compute:
                card.value, card.previous = values[card.indicator.code], previous[card.indicator.code]
        return {
            "cards": cards, "trends": trends, "breakdown": breakdown, "year": year, "comparison": comparison,
            "children": [child.name for child in below],
            "overdue": overdue_by_function(user, area, today),
            "empty": not any(card.value for card in cards),
        }

    return cached("overview", user, area, period, build, today)


def overdue_by_function(user, area, today):
    """[(function label, overdue to-dos)] of the functions the user may see, from one query."""
    rows = Reminder.objects.in_area(area).overdue(today).order_by().values("kind").annotate(n=Count("pk"))
    totals = {}
    for row in rows:
        prefix = row["kind"].split(".", 1)[0]
        if user.can_use(prefix):
            totals[prefix] = totals.get(prefix, 0) + row["n"]
    return [(f.label, totals[f.code]) for f in functions.all_functions() if f.code in totals]


def function_table(user, area, period, function, today):
    """Every indicator of one function: this period (up to today while it runs), the same span of last year,
    and each area one level below."""
    comparison = period.compared_on(today)

    def build():
        current = comparison.current
        group = next(g for g in stats.groups_for(user) if g.function == function)
        codes = [i.code for i in group.indicators]
        values = stats.compute(user=user, area=area, period=current, codes=codes)
        previous = stats.compute(user=user, area=area, period=comparison.previous, codes=codes)
        below = children(area)
        per_child = [stats.compute(user=user, area=child, period=current, codes=codes) for child in below]
        rows = [
            {"indicator": i, "value": values[i.code], "previous": previous[i.code],
             "change": stats.YearOnYear(i, values[i.code], previous[i.code]),
             "children": [figures[i.code] for figures in per_child],
             **Total.of(i, [figures[i.code] for figures in per_child], values[i.code]).as_dict()}
            for i in group.indicators
        ]
        return {"rows": rows, "children": [child.name for child in below], "comparison": comparison,
                "empty": not any(row["value"] for row in rows), "level": level_word(area)}

    return cached(f"function:{function}", user, area, period, build, today)


def comparison(user, area, period, today):
    """The key indicators of each area one level below (the city bureau's comparison of districts), their 合计
    and the area's own figure where the 合计 differs from it."""
    current = period.compared_on(today).current

    def build():
        below = children(area)
        key = [i for g in stats.groups_for(user) for i in g.indicators if i.key]
        codes = [i.code for i in key]
        per_child, whole = compare_below(user, area, below, current, key) if below else ([], {})
        return {
            "indicators": key,
            "rows": [{"area": child.name, "code": child.code, "values": [v[c] for c in codes]}
                     for child, v in zip(below, per_child)],
            "totals": [Total.of(i, [v[i.code] for v in per_child], whole.get(i.code)) for i in key] if below else [],
            "level": level_word(area),
        }

    return cached("comparison", user, area, period, build, today)


def compare_below(user, area, below, period, indicators):
    """([{code: value} per area of `below`], {code: value of `area`}): the figures of `compute` for the areas one
    level below and for the area, in a number of queries that does not grow with the areas below.

    An indicator with a Measure (or a Grouped) is one GROUP BY over the area's records by the child area each lies
    in (as the overview's breakdown), and one aggregate for the area itself; a Ratio is the rate of two measures so
    counted, a Combined the sum of its measures; a Stock declaring what stands is one GROUP BY too (and `on` for the
    area), another Stock is asked per area; only the rest is computed by its group, area by area (`per_area_codes`
    says which).
    """
    per_child, whole = [{} for _ in below], {}
    grouped = {}

    def measured(code):
        """The figure of a Measure or a Grouped for each area below and for the area: two queries."""
        if code not in grouped:
            declaration = stats.measure_for(code)
            if declaration is not None:
                records = _measured(declaration, area, period.start, period.end)
            else:
                declaration = stats.grouped_for(code)
                records = _grouped_records(declaration, area, period)
            counts = _counts_by_child(records, declaration, area) if area.level in CHILD_LEVEL else {}
            total = records.aggregate(value=declaration.aggregate)["value"]
            grouped[code] = ([counts.get(child.path, 0) for child in below], total or 0)
        return grouped[code]

    rest = []
    for indicator in indicators:
        code = indicator.code
        ratio, stock, combined = stats.ratio_for(code), stats.stock_for(code), stats.combined_for(code)
        if stats.measure_for(code) is not None or stats.grouped_for(code) is not None or combined is not None:
            if combined is None:
                values, total = measured(code)
            else:
                parts = [measured(part) for part in combined.parts]
                values = [sum(figures) for figures in zip(*(each for each, _whole in parts))]
                total = sum(whole for _each, whole in parts)
            if indicator.is_amount:
                values, total = [stats.amount(v) for v in values], stats.amount(total)
        elif ratio is not None:
            (parts, part), (wholes, of) = measured(ratio.part), measured(ratio.whole)
            values, total = [stats.rate(p, w) for p, w in zip(parts, wholes)], stats.rate(part, of)
        elif stock is not None and stock.standing is not None:
            counts = stock_by_child(stock, area, period.end)
            values, total = [counts.get(child.path, 0) for child in below], stock.on(area, period.end)
        elif stock is not None:
            values, total = [stock.on(child, period.end) for child in below], stock.on(area, period.end)
        else:
            rest.append(code)
            continue
        whole[code] = total
        for figures, value in zip(per_child, values):
            figures[code] = value
    if rest:
        for child, figures in zip(below, per_child):
            figures.update(stats.compute(user=user, area=child, period=period, codes=rest))
        whole.update(stats.compute(user=user, area=area, period=period, codes=rest))
    return per_child, whole


def per_area_codes(indicators):
    """The indicators the comparison still computes area by area: no Measure, Ratio, Stock, Grouped or Combined."""
    return [i.code for i in indicators if not (stats.measure_for(i.code) or stats.ratio_for(i.code)
                                               or stats.stock_for(i.code) or stats.grouped_for(i.code)
                                               or stats.combined_for(i.code))]


# --- The years a dashboard offers ---------------------------------------------------------------------------


def first_year(user, area, today):
    """The year of the earliest record the user may count in `area` (their jurisdiction), at most this year.

    The records are those the functions' measures count (every dated model an app registers), each reduced
    to its earliest date in one scalar subquery of a single SELECT; cached with the generation, so an import
    of 2020's records opens 2020 at once.
    """
    functions = ",".join(sorted(user.functions))
    key = f"dashboard:first_year:{generation()}:{functions}:{area.pk}"
    year = cache.get(key)
    if year is None:
        year = _earliest_year(user, area) or today.year
        cache.set(key, year, timeout=settings.STATS_CACHE_SECONDS)
    return min(year, today.year)


def _earliest_year(user, area):
    codes = {i.code for g in stats.groups_for(user) for i in g.indicators}
    sources = {}
    for code, measure in sorted(stats.registered_measures().items()):
        if code in codes:
            model = measure.queryset().model
            sources.setdefault((model._meta.label, measure.date_field, measure.area_field), model)
    if not sources:
        return None
    earliest = {
        f"d{n}": Subquery(
            model._default_manager.filter(**{f"{area_field}__path__startswith": area.path,
                                              f"{date_field}__isnull": False})
            .order_by(date_field).values(date_field)[:1])
        for n, ((_label, date_field, area_field), model) in enumerate(sources.items())
    }
    row = Area.objects.filter(pk=area.pk).values(**earliest).get()
    days = [day for day in row.values() if day is not None]
    return min(days).year if days else None

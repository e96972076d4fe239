"""The indicator registry: each app owns its indicators (indicators.md); bureau composes them.

An app declares, in its own `stats.py`, a group of indicators and one function that computes them all for
an area and a period with a few set-based aggregate queries:

    @indicator_group("legalaid", [Indicator("legalaid.cases_accepted", "受理法律援助案件", "件", "…"), …])
    def legal_aid(area, period):
        return {"legalaid.cases_accepted": …, …}

The dashboard, the statistics API and the generated reports all call `compute`, so their figures agree.

Two optional declarations let the dashboard draw without asking a group for every month and every street:

- `Indicator(..., key=True)` puts the figure on the leaders' overview as a card;
- a `Measure` says how one indicator is counted by a single GROUP BY (a queryset, its date, its area and an
  aggregate), so a year's monthly trend or the breakdown by street is one query instead of twelve or ten,
  and the overview's cards add up its months instead of computing the whole group twice;
- a `Stock` gives an "at period end" indicator (在册) for any day with one query.
  Both must agree with their indicator: each app's tests check its own.

For the comparison of areas (figures.dashboard.compare_below), an indicator that is neither may still say how it is
grouped by area: a `Ratio` of two measures, a `Grouped` (the records a period selects otherwise than by one date
range) or a `Combined` (the sum of measures over different records). The comparison then costs the same queries
however many areas it compares.

And `@report_paragraph(function)` names the function that writes the group's paragraph of the work report
from its figures and the report's `ReportScope` (figures.reports).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Aggregate, QuerySet, TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")
# A 同比 over a base smaller than this (last year's figure) is not a percentage a leader should read:
# the two figures are shown with "基数较小" instead (4 against 1 is not "+300%").
SMALL_BASE = 10


class Better(TextChoices):
    """Which way an indicator should move: it decides the colour of its 同比, never the sign alone."""

    UP = "up", gettext_lazy("越高越好")
    DOWN = "down", gettext_lazy("越低越好")
    NEITHER = "neither", gettext_lazy("无好坏之分")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str  # 件, 人, 人次, 元, 率 …
    definition: str
    key: bool = False  # shown as a card on the leaders' overview
    better: str = Better.NEITHER  # which way is good news (a 终止矫正 rising is not)

    @property
    def is_rate(self):
        return self.unit == "率"

    @property
    def is_amount(self):
        return self.unit == "元"


@dataclass(frozen=True)
class IndicatorGroup:
    function: str
    indicators: tuple
    compute: object


_groups: list[IndicatorGroup] = []


@dataclass(frozen=True)
class Measure:
    """One indicator counted by a single GROUP BY over `queryset()` (by month of `date_field`, or by area)."""

    code: str
    queryset: Callable[[], QuerySet]
    date_field: str
    aggregate: Aggregate
    area_field: str = "area"


@dataclass(frozen=True)
class Stock:
    """An indicator that is a state on the period's last day (在册, 列管): `on(area, day)` gives it in one query."""

    code: str
    on: Callable
    # Optional, for the comparison of areas: `standing(area, day)`, the records standing on `day` among which
    # `aggregate` counts the figure of any area within `area` (by `area_field`), so the areas below are one GROUP BY.
    standing: Callable | None = None
    aggregate: Aggregate | None = None
    area_field: str = "area"


@dataclass(frozen=True)
class Ratio:
    """A rate indicator that is `rate(part, whole)` of two measured figures (codes of Measures): the comparison
    of areas computes it from its two parts, each one GROUP BY over all the areas, instead of per area."""

    code: str
    part: str
    whole: str


@dataclass(frozen=True)
class Grouped:
    """An indicator that `aggregate` counts over the records `records(start, end)` selects for a period, where one
    date range does not select them (受理行政复议: accepted in the period, or accepted before and still open at its
    start): the comparison of areas groups them by area in one query."""

    code: str
    records: Callable[..., QuerySet]
    aggregate: Aggregate
    area_field: str = "area"


@dataclass(frozen=True)
class Combined:
    """An indicator that is the sum of measured figures over different records — `parts`, codes of Measures or
    Grouped (法律咨询: the sites' records plus the advisors' entries at a site): the comparison of areas adds their
    GROUP BYs."""

    code: str
    parts: tuple[str, ...]


_measures: dict[str, Measure] = {}
_stocks: dict[str, Stock] = {}
_ratios: dict[str, Ratio] = {}
_grouped: dict[str, Grouped] = {}
_combined: dict[str, Combined] = {}
_paragraphs: dict[str, Callable] = {}


def register_measures(*measures):
    for measure in measures:
        _measures[measure.code] = measure


def measure_for(code):
    return _measures.get(code)


def register_stocks(*stocks):
    for stock in stocks:
        _stocks[stock.code] = stock


def stock_for(code):
    return _stocks.get(code)


def register_ratios(*ratios):
    for ratio in ratios:
        _ratios[ratio.code] = ratio


def ratio_for(code):
    return _ratios.get(code)


def register_grouped(*grouped):
    for declaration in grouped:
        _grouped[declaration.code] = declaration


def grouped_for(code):
    return _grouped.get(code)


def register_combined(*combined):
    for declaration in combined:
        _combined[declaration.code] = declaration


def combined_for(code):
    return _combined.get(code)


def registered_measures():
    return dict(_measures)


@dataclass(frozen=True)
class ReportScope:
    """What a paragraph writer is told of its report: the words for the whole area (全区, 全市 or the street's
    name — also what `str(scope)` gives, so f"{scope}各…" reads 全区各…), the span of the figures
    (`period`), whose `as_of` dates them: 截至2025年12月底, and last year's figures of the same span
    (`previous`, by code), which `compared` turns into the paragraph's 同比 clauses."""

    word: str
    period: object
    previous: dict = field(default_factory=dict)

    def __str__(self):
        return self.word

    @property
    def as_of(self):
        return self.period.as_of


def compared(scope, code, value):
    """The 同比 clause a paragraph writes after a figure: "，比上年同期增长12.5%", "，比上年同期下降3.0%",
    "，与上年同期持平", "，比上年同期提高2.3个百分点", "（上年同期3件）" under a small base, or "" when last
    year's figure is missing or nil — a trend is never asserted without both figures. `scope` may be a bare
    word (a writer called without a report): then there is nothing to compare."""
    previous = getattr(scope, "previous", None) or {}
    indicator = _indicator(code)
    if indicator is None or not previous.get(code):
        return ""
    return YearOnYear(indicator, value, previous[code]).clause


def _indicator(code):
    return next((i for g in _groups for i in g.indicators if i.code == code), None)


def report_paragraph(function):
    """Decorator: `writer(values, scope) -> str` writes the function's paragraph of the work report from the
    group's figures and the report's ReportScope."""

    def register(writer):
        _paragraphs[function] = writer
        return writer

    return register


def paragraph_writer(function):
    return _paragraphs.get(function)


def _in_function_order(groups):
    from bureau.functions import order_of

    return sorted(groups, key=lambda g: order_of(g.function))


def _by_function(groups):
    """One group per function. A function may declare its indicators in several groups (each part of the app in
    its own module, 普法's activities and its law exam); the dashboards and the report see one group, whose
    compute runs the parts in the order they were declared."""
    parts = {}
    for group in groups:
        parts.setdefault(group.function, []).append(group)
    return [found[0] if len(found) == 1 else
            IndicatorGroup(function, tuple(i for g in found for i in g.indicators), _Joined(tuple(found)))
            for function, found in parts.items()]


@dataclass(frozen=True)
class _Joined:
    """The compute of a function's groups taken together (a class, not a closure: dashboards cache groups)."""

    parts: tuple

    def __call__(self, area, period):
        values = {}
        for part in self.parts:
            values.update(part.compute(area, period))
        return values


def groups_for(user):
    return _in_function_order(_by_function(g for g in _groups if user.can_use(g.function)))


def indicator_group(function, indicators):
    def register(compute):
        _groups.append(IndicatorGroup(function, tuple(indicators), compute))
        return compute

    return register


def all_indicators():
    return [indicator for group in _groups for indicator in group.indicators]


def indicators_for(user):
    return [i for g in _groups if user.can_use(g.function) for i in g.indicators]


def rate(part, whole):
    """A fraction with four decimals, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def amount(value):
    return (value or Decimal("0")).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class YearOnYear:
    """An indicator's 同比: this span's figure against the same span of last year.

    `kind` says how to write it: "percent" (a change relative to a base of at least SMALL_BASE), "points" (a
    rate: the difference in percentage points), "small_base" (the two figures and 基数较小), "none" (nothing
    to compare). `tone` is "better", "worse" or "neutral" after the indicator's declared direction.
    """

    indicator: Indicator
    value: object
    previous: object

    @property
    def kind(self):
        if self.value is None or self.previous is None or (not self.value and not self.previous):
            return "none"
        if self.indicator.is_rate:
            return "points"
        if self.previous < SMALL_BASE:
            return "small_base"
        return "percent"

    @property
    def ratio(self):
        """The relative change (0.125 = +12.5%) when it is a percentage, else None."""
        if self.kind != "percent":
            return None
        return (Decimal(self.value) - Decimal(self.previous)) / Decimal(self.previous)

    @property
    def points(self):
        """A rate's change in percentage points (2.3 = +2.3个百分点), else None."""
        if self.kind != "points":
            return None
        return ((Decimal(self.value) - Decimal(self.previous)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def tone(self):
        if self.kind not in {"percent", "points"} or self.value == self.previous:
            return "neutral"
        if self.indicator.better == Better.NEITHER:
            return "neutral"
        rose = self.value > self.previous
        return "better" if rose == (self.indicator.better == Better.UP) else "worse"

    @property
    def text(self):
        """"+12.5%", "−3.0%", "持平", "+2.3个百分点", "基数较小" or "—"."""
        kind = self.kind
        if kind == "none":
            return "—"
        if kind == "small_base":
            return _("基数较小")
        if self.value == self.previous:
            return _("持平")
        if kind == "points":
            return _("%(sign)s%(n)s个百分点") % {"sign": "+" if self.points > 0 else "−", "n": abs(self.points)}
        value = (self.ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"+{value}%" if value > 0 else (f"−{-value}%" if value < 0 else "0.0%")

    @property
    def clause(self):
        """The 同比 in a report's sentence (Chinese whatever the page language: the report is an official
        document): see `compared`."""
        kind = self.kind
        if kind == "none" or not self.previous:
            return ""
        if kind == "small_base":
            return f"（上年同期{self.previous}{self.indicator.unit}）"
        if kind == "points":
            if not self.points:
                return "，与上年同期持平"
            return f"，比上年同期{'提高' if self.points > 0 else '降低'}{abs(self.points)}个百分点"
        change = (abs(self.ratio) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if not change:
            return "，与上年同期持平"
        return f"，比上年同期{'增长' if self.ratio > 0 else '下降'}{change}%"

    @property
    def cell(self):
        """The value of a 同比 cell in Excel: the ratio, the points, or the words."""
        if self.kind == "percent":
            return float(self.ratio)
        if self.kind == "points":
            return float(self.points)
        return None if self.kind == "none" else self.text


def compute(*, user, area, period, codes=None):
    """{code: value} of the indicators the user may see, for an area already checked to be visible."""
    known = {i.code for i in all_indicators()}
    if codes:
        unknown = sorted(set(codes) - known)
        if unknown:
            raise ValidationError(_("未知的指标代码：%(codes)s") % {"codes": "、".join(unknown)})
    values = {}
    for group in _groups:
        if not user.can_use(group.function):
            continue
        wanted = [i.code for i in group.indicators if not codes or i.code in codes]
        if wanted:
            results = group.compute(area, period)
            values.update({code: results[code] for code in wanted})
    return values


def registered_groups():
    return _in_function_order(_by_function(_groups))


def unregister(compute=None, *, measures=(), paragraph=None):
    """Remove a group (by its compute function), measures and a paragraph writer: for tests' own indicators."""
    _groups[:] = [g for g in _groups if g.compute is not compute]
    for code in measures:
        _measures.pop(code, None)
        _stocks.pop(code, None)
        _ratios.pop(code, None)
    if paragraph:
        _paragraphs.pop(paragraph, None)

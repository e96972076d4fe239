"""The indicator registry: each app owns its indicators (indicators.md); bureau composes them.

An app declares, in its own `stats.py`, a group of indicators and one function that computes them all for
an area and a period with a few set-based aggregate queries:

    @indicator_group(Function.LEGALAID, [Indicator("legalaid.cases_accepted", "受理法律援助案件", "件", "…"), …])
    def legal_aid(area, period):
        return {"legalaid.cases_accepted": …, …}

The dashboard, the statistics API and the generated reports all call `compute`, so their figures agree.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str  # 件, 人, 人次, 元, 率 …
    definition: str

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

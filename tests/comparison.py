"""What the apps' statistics tests share: the comparison of areas (figures.dashboard.compare_below) checked against
computing each area in turn."""

from figures import dashboard, stats
from figures.periods import parse_period


def assert_compared_as_computed(user, area, key, codes):
    """The comparison's figures of `codes` for the areas one level below `area`, and for `area`, are those
    `stats.compute` gives area by area — and none of them is computed area by area (each is grouped: a Measure,
    Ratio, Stock, Grouped or Combined). Returns {code of each area below: its figures}."""
    period = parse_period(key)
    indicators = [i for g in stats.groups_for(user) for i in g.indicators if i.code in codes]
    assert sorted(i.code for i in indicators) == sorted(codes)
    assert dashboard.per_area_codes(indicators) == []
    below = dashboard.children(area)
    assert below, area
    per_child, whole = dashboard.compare_below(user, area, below, period, indicators)
    for child, figures in zip(below, per_child):
        assert figures == stats.compute(user=user, area=child, period=period, codes=codes), (child.name, key)
    assert whole == stats.compute(user=user, area=area, period=period, codes=codes), key
    return {child.code: figures for child, figures in zip(below, per_child)}

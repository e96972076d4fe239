"""The registry shows a function's groups as one: an app may declare its parts' indicators in several modules."""

from figures import stats
from figures.periods import parse_period
from figures.stats import Indicator, IndicatorGroup


def test_a_function_s_groups_are_one_group_in_declaration_order():
    def first(area, period):
        return {"trial.a": 1}

    def second(area, period):
        return {"trial.b": 2, "trial.c": 3}

    groups = [IndicatorGroup("trial", (Indicator("trial.a", "甲", "件", ""),), first),
              IndicatorGroup("other", (Indicator("other.x", "戊", "件", ""),), first),
              IndicatorGroup("trial", (Indicator("trial.b", "乙", "件", ""), Indicator("trial.c", "丙", "件", "")),
                             second)]
    joined = stats._by_function(groups)

    assert [g.function for g in joined] == ["trial", "other"]
    trial = joined[0]
    assert [i.code for i in trial.indicators] == ["trial.a", "trial.b", "trial.c"]
    year = parse_period("2025")
    assert trial.compute(None, year) == {"trial.a": 1, "trial.b": 2, "trial.c": 3}
    assert joined[1] is groups[1]  # a function of one group keeps it as declared


def test_every_function_shows_once():
    functions = [g.function for g in stats.registered_groups()]
    assert len(functions) == len(set(functions))

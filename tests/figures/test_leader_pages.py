"""What a leader reads on the dashboards: names, not codes; one unit per chart axis; 合计 where a sum means
something, and a note whenever the areas below do not add up to the area."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from figures import dashboard, stats
from figures.stats import Indicator
from tests.factories import ReminderFactory
from tests.figures.conftest import TEST_CODE

TRANSFERS = "trial.transfers"


@pytest.fixture(autouse=True)
def fresh_figures():
    dashboard.invalidate()


@pytest.fixture
def transfers(todo_stats, areas):
    """A figure counted at each street a record passes through: 2 at each street, 3 for the district."""
    street_paths = {areas.street_a.path, areas.street_b.path}

    def compute(area, period):
        return {TRANSFERS: 2 if area.path in street_paths else (3 if area == areas.district else 0),
                "trial.rate": stats.rate(1, 2)}

    stats.indicator_group("trial", [Indicator(TRANSFERS, "测试迁入", "人", "测试", key=True),
                                    Indicator("trial.rate", "测试比率", "率", "测试", key=True)])(compute)
    yield
    stats.unregister(compute)


def get(client, name, args=(), **params):
    return client.get(reverse(name, args=args), params).content.decode()


def test_the_function_table_names_indicators_without_codes_and_adds_up_the_streets(todos, transfers, client_for,
                                                                                  personas):
    ReminderFactory(area=todos.district, due_on=date(todos.year, 6, 1))  # kept at the district, in no street
    content = get(client_for(personas.leader), "dashboard:function", ["trial"], period=str(todos.year))
    table = content[content.index('id="indicator-table"'):content.index("</table>")]
    assert TEST_CODE not in re.sub(r'(title|data-code)="[^"]*"', "", table)  # codes only in tooltips
    assert "各街道合计" in table
    row = table[table.index(f'data-code="{TEST_CODE}"'):]
    cells = re.findall(r'<td class="text-end fw-semibold total[^"]*">(.*?)</td>', row)
    assert cells[0].startswith("4<sup>*</sup>")  # 4 in the streets, 5 in the district
    rate_row = table[table.index('data-code="trial.rate"'):]
    assert re.findall(r'<td class="text-end fw-semibold total[^"]*">(.*?)</td>', rate_row)[0] == "—"
    notes = content[content.index('id="total-notes"'):]
    over, under = re.findall(r"\* ([^：]+)：各街道之和(大于|小于)罗湖区的数字", notes)
    assert over == ("测试迁入", "大于") and under == ("测试待办、测试金额", "小于")


def test_no_note_when_the_streets_add_up(todos, client_for, personas):
    content = get(client_for(personas.leader), "dashboard:function", ["trial"], period=str(todos.year))
    assert "各街道合计" in content and 'id="total-notes"' not in content


def test_the_comparison_has_a_total_row_and_says_why_it_differs(todos, transfers, client_for, personas):
    content = get(client_for(personas.leader), "dashboard:comparison", area="440303", period=str(todos.year))
    total = content[content.index('id="total-row"'):]
    total = total[:total.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", total)
    names = re.findall(r'<th class="text-end" title="([^"]+)"', content)
    assert cells[0] == "合计"
    assert cells[1 + names.index(TEST_CODE)] == "4"
    assert cells[1 + names.index(TRANSFERS)] == "4<sup>*</sup>"
    assert cells[1 + names.index("trial.rate")] == "—"  # rates do not add
    assert "测试迁入：各街道之和大于罗湖区的数字" in content and "小于" not in content


def test_a_breakdown_chart_draws_one_unit_on_its_axis(todos, transfers, client_for, personas):
    content = get(client_for(personas.leader), "dashboard:overview", period=str(todos.year))
    options = [json.loads(found) for found in
               re.findall(r'<script id="breakdown-\d+-data" type="application/json">(.*?)</script>', content)]
    assert len(options) >= 2
    units = {}  # two functions' indicators may share a name (不同单位): a series' name allows each of their units
    for indicator in (i for g in stats.registered_groups() for i in g.indicators):
        units.setdefault(str(indicator.name), set()).add("万元" if indicator.is_amount else indicator.unit)
    for option in options:
        assert all(option["yAxis"]["name"] in units[series["name"]] for series in option["series"])
    assert not any(series["name"] == "测试比率" for option in options for series in option["series"])

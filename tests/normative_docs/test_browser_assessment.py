"""In a real browser, the 法制科 opens this year's 法治建设考评 by copying last year's framework (3 categories,
6 items) and its 4 units, enters the units' scores, sees the ranking and downloads it as Excel."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from normative_docs import rol_services as services
from normative_docs.models import AssessmentCategory, AssessmentItem, AssessmentRound, AssessmentScore, Unit, UnitKind
from tests.browser import sign_in

from .test_rol_assessment import FRAMEWORK

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def last_year(law, areas):
    """Last year's round of 罗湖区: the framework of the Must show and four units."""
    units = [law.unit_a, law.unit_b,
             Unit.objects.create(area=areas.district, name="中共罗湖区委政法委员会", kind=UnitKind.PARTY),
             Unit.objects.create(area=areas.district, name="深圳市公安局罗湖分局", kind=UnitKind.STATIONED)]
    round_ = services.round_create(round=AssessmentRound(
        area=areas.district, year=timezone.localdate().year - 1, title=""), by=law.section)
    for name, weight, entries in FRAMEWORK:
        category = services.category_add(category=AssessmentCategory(round=round_, name=name, weight=weight),
                                         by=law.section)
        for item_name, max_score in entries:
            services.item_add(item=AssessmentItem(category=category, name=item_name, max_score=max_score),
                              by=law.section)
    services.round_units_add(round=round_, units=units, by=law.section)
    return round_, units


def enter_scores(page, unit, values):
    page.locator(f"#unit-{unit.pk}").get_by_role("link", name="评分").click()
    for (category, _weight, entries), points in zip(FRAMEWORK, values):
        for (item, _max), value in zip(entries, points):
            page.get_by_label(f"{category}｜{item}", exact=False).first.fill(value)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_the_section_copies_last_year_s_framework_scores_ranks_and_exports(live_server, browser, law, last_year):
    source, units = last_year
    year = timezone.localdate().year
    page = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(page, live_server, "fazhi")

    page.goto(live_server.url + "/normative_docs/assessment/new/")
    page.get_by_label("考评年度").fill(str(year))
    page.get_by_role("button", name="保存").click()
    expect(page.locator("h1")).to_contain_text(f"{year}年度法治建设考评")
    expect(page.locator("#matrix")).to_contain_text("尚未添加被考评单位")

    page.locator("#copy-framework").click()
    expect(page.get_by_label("复制自")).to_have_value(str(source.pk))  # last year's, offered first
    page.get_by_label("同时复制被考评单位").check()
    page.get_by_role("button", name="确定：复制考评框架").click()
    expect(page.locator(".alert-success")).to_contain_text("复制3个考评类别、6个考评项目、4个被考评单位")
    expect(page.locator("#framework tbody tr")).to_have_count(6)
    expect(page.locator("#copy-framework")).to_have_count(0)  # a round with items is not copied into again
    target = AssessmentRound.objects.get(year=year)

    # the stationed unit full marks; the housing bureau less in 依法行政
    enter_scores(page, units[3], [("10", "10"), ("20", "20"), ("15", "15")])
    page.goto(live_server.url + target.get_absolute_url())
    enter_scores(page, units[0], [("10", "10"), ("15", "20"), ("15", "15")])
    assert AssessmentScore.objects.filter(item__category__round=target).count() == 12
    page.goto(live_server.url + target.get_absolute_url())
    expect(page.locator(f"#unit-{units[0].pk}")).to_contain_text("15.0")

    page.get_by_role("link", name="考评排名").click()
    rows = page.locator("#ranking tbody tr")
    expect(rows.nth(0)).to_contain_text("深圳市公安局罗湖分局")
    expect(rows.nth(0)).to_contain_text("100.00")
    expect(rows.nth(1)).to_contain_text("罗湖区住房和建设局")
    expect(rows.nth(1)).to_contain_text("95.00")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    ranked = [row for row in values if row and row[0] in (1, 2)]
    assert [(row[1], Decimal(str(row[-2]))) for row in ranked] == [("深圳市公安局罗湖分局", Decimal("100")),
                                                                  ("罗湖区住房和建设局", Decimal("95"))]

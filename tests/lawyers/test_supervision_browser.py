"""In a real browser: the lawyers section of 罗湖 creates a 双随机 plan, lets the system draw 3 firms and 2 inspectors,
verifies the draw from its stored seed and pools, then re-draws with a reason and finds the earlier draw kept."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from bureau.models import Role
from lawyers import supervision
from lawyers.models import Draw, Inspector, RandomInspectionPlan
from tests.browser import sign_in
from tests.factories import LawFirmFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")


def test_the_section_draws_and_verifies_a_plan(live_server, browser, areas, client_for):
    section = UserFactory(username="lawyers_section", name="律师工作科 周敏", role=Role.SECTION, section="lawyers",
                          area=areas.district)
    for n in range(5):
        LawFirmFactory(area=areas.street_a if n % 2 else areas.street_b)
    for n, name in enumerate(["吴刚", "郑丽", "王强"]):
        supervision.inspector_save(inspector=Inspector(district=areas.district, name=name, unit="罗湖区司法局",
                                                       certificate_number=f"44030330{n}"), by=section)
    page = browser.new_page(locale="zh-CN")
    sign_in(page, live_server, "lawyers_section")
    page.get_by_role("link", name="双随机一公开").first.click()
    page.get_by_role("link", name="新建抽查计划").click()
    expect(page.locator("#id_district")).to_have_value(str(areas.district.pk))  # their district, preset
    page.locator("#id_firms_to_draw").fill("3")
    page.locator("#id_inspectors_to_draw").fill("2")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已新建抽查计划")
    expect(page.locator("#plan-status")).to_have_text("待抽取")

    page.locator("#plan-actions").get_by_role("link", name="抽取").click()
    page.get_by_role("button", name="确定：抽取").click()
    expect(page.locator(".alert-success")).to_contain_text("已抽取")
    draw = Draw.objects.get()
    expect(page.locator("#current-draw .drawn-firms li")).to_have_count(3)
    expect(page.locator("#current-draw .drawn-inspectors li")).to_have_count(2)
    expect(page.locator("#current-draw .seed")).to_have_text(draw.seed)
    expect(page.locator("#current-draw")).to_contain_text("律师事务所 5 家，执法检查人员 3 名")

    page.locator("#verify").click()
    expect(page.locator("#verify-result")).to_contain_text("验证一致")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "lawyers-draw-verify.png"), full_page=True)
    page.go_back()

    page.locator("#plan-actions").get_by_role("link", name="重新抽取").click()
    page.get_by_role("button", name="确定：重新抽取").click()
    expect(page.locator("#action-modal")).to_contain_text("该字段是必填项")  # a re-draw needs its reason
    assert Draw.objects.count() == 1
    page.locator("#id_reason").fill("抽中的检查人员与被检查律所存在利害关系，需回避")
    page.get_by_role("button", name="确定：重新抽取").click()
    expect(page.locator(".alert-success")).to_contain_text("已重新抽取")
    expect(page.locator("#earlier-draws")).to_contain_text(draw.seed)
    expect(page.locator("#current-draw")).to_contain_text("需回避")
    plan = RandomInspectionPlan.objects.get()
    assert plan.current_draw.replaces == draw

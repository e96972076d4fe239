"""In a real browser: a street clerk registers a firm's new lawyer and looks up the ID number; an advisor logs a
service on a phone-sized screen."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lawyers.models import Lawyer, ServiceLog
from tests.browser import open_menu, sign_in
from tests.factories import LawFirmFactory, resident_id

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")


def test_clerk_registers_a_lawyer_from_the_firm_page(live_server, page, personas, areas):
    firm = LawFirmFactory(name="广东桂园明理律师事务所", area=areas.street_a)
    sign_in(page, live_server, "clerk_a")

    open_menu(page, page.get_by_role("button", name="律师工作"))
    page.locator("nav").get_by_role("link", name="律师事务所").click()
    page.get_by_role("link", name="广东桂园明理律师事务所").click()
    page.get_by_role("link", name="登记本所律师").click()
    expect(page.get_by_label("执业机构")).to_have_value(str(firm.pk))

    page.get_by_label("姓名").fill("周新律")
    page.get_by_label("执业证号").fill("1440320181000099")  # one digit short
    page.get_by_label("身份证号码").fill(resident_id(sequence="456"))
    page.get_by_label("首次执业日期").fill("2018-06-01")
    page.get_by_label("刑事辩护与代理").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("律师执业证号应为17位数字。")).to_be_visible()

    page.get_by_label("执业证号").fill("14403201810000999")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已登记律师“周新律”。")).to_be_visible()
    expect(page.locator("#years-of-practice")).to_contain_text(re.compile(r"执业 \d+ 年"))

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="查看完整号码").click()
    expect(page.locator(".identifier")).to_contain_text(resident_id(sequence="456"))
    assert Lawyer.objects.get().firm == firm


def test_an_advisor_logs_a_consultation_on_the_phone(live_server, browser, personas, advisors):
    """390×844: sign in through the login page, land on the workspace, two taps to log, see it in today's list."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    sign_in(page, live_server, "advisor")
    expect(page.locator("#today-list")).to_contain_text("今天还没有服务记录")

    page.get_by_role("link", name="记录服务").click()
    expect(page.get_by_label("桂园东社区")).to_be_checked()  # their community, preselected
    page.get_by_text("法律咨询", exact=True).click()
    expect(page.locator("label[for='id_count']")).to_have_text("咨询人次")
    expect(page.locator("#resolved-field")).to_be_hidden()  # only for disputes
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "advisor-log-phone.png"))
    page.get_by_role("button", name="保存").click()

    expect(page.locator(".alert-success")).to_contain_text("已记录：桂园东社区 · 法律咨询 · 1 人次。")
    expect(page.locator("#today-list")).to_contain_text("法律咨询")
    expect(page.locator("#month-entries")).to_have_text("1")
    page.screenshot(path=str(SCREENSHOTS / "advisor-home-phone.png"), full_page=True)
    assert ServiceLog.objects.get().lawyer == advisors.a
    page.close()


def test_the_service_log_reads_as_cards_on_a_phone(live_server, browser, personas, advisors, log):
    """390×844: the twelve-column table gives way to one card per entry (date, kind, people served, summary);
    nothing is wider than the phone. On a desktop the table is back."""
    for i in range(3):
        log(notes=f"劳动争议咨询，告知仲裁途径（{i}）")
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    sign_in(page, live_server, "advisor")
    page.goto(live_server.url + reverse("lawyers:servicelog_list"))
    cards = page.locator("#log-cards > li.card")
    expect(cards).to_have_count(3)
    expect(cards.first).to_contain_text("法律咨询")
    expect(cards.first).to_contain_text("1 人次")
    expect(cards.first).to_contain_text("劳动争议咨询，告知仲裁途径")
    expect(page.locator("table")).to_be_hidden()
    expect(page.locator("body")).not_to_contain_text("A phone cannot hold")  # the template's note stays a comment
    widths = page.eval_on_selector_all("#log-cards > li", "cards => cards.map(c => c.getBoundingClientRect().width)")
    assert min(widths) > 300  # a card spans the screen, not a 48-px cell
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "servicelog-list-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator("table")).to_be_visible()
    expect(page.locator("#log-cards")).to_be_hidden()
    page.close()

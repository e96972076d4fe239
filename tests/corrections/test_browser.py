"""A street office clerk's morning in a real browser (Debian's Chromium): the daily work list shows a talk that is
overdue, the clerk records the talk from the list, and the to-do is gone; then the person's page and the register."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bureau.reminders import run_rules
from corrections import reminders, services
from corrections.models import SupervisionEvent
from tests.browser import open_menu, open_modal, sign_in

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")


def test_a_clerk_records_an_overdue_talk_from_the_daily_work_list(live_server, page, personas,
                                                                  make_supervisee):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()
    person = make_supervisee(name="陈久未", reported_on=date(2026, 1, 10), team="张敏、社区网格员 李华",
                             prohibitions="禁止进入夜总会、酒吧等娱乐场所")
    make_supervisee(name="林也未")  # not talked to since reporting in either
    recent = make_supervisee(name="王刚谈")
    services.event_record(supervisee=recent, kind="talk", on=today - timedelta(days=3), by=personas.clerk_a)
    run_rules(today, kinds=[reminders.TALK_OVERDUE])
    sign_in(page, live_server, "clerk_a")

    main_nav = page.get_by_role("navigation", name="主导航")
    open_menu(page, main_nav.get_by_role("button", name="社区矫正", exact=True))
    main_nav.get_by_role("link", name="今日工作").click()
    expect(page.get_by_role("heading", name=re.compile("社区矫正 今日工作"))).to_be_visible()
    talks = page.locator("#group-talk_overdue")
    row = talks.locator("tr", has_text="陈久未")
    expect(row).to_contain_text("谈话教育：陈久未")
    expect(row).to_contain_text(re.compile(r"已逾期\d+天"))
    expect(talks).to_contain_text("林也未")
    expect(talks).not_to_contain_text("王刚谈")
    page.screenshot(path=str(SCREENSHOTS / "corrections-worklist.png"), full_page=True)

    modal = open_modal(page, row.get_by_role("link", name="记录谈话"))
    expect(modal.get_by_role("heading", name=re.compile("记录谈话"))).to_be_visible()
    expect(modal.get_by_label("日期")).to_have_value(today.isoformat())
    modal.get_by_label("情况摘要").fill("了解近期工作和家庭情况，思想稳定。")
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    page.screenshot(path=str(SCREENSHOTS / "corrections-talk-form.png"), animations="disabled")
    modal.get_by_role("button", name="确定：记录谈话").click()

    expect(page.locator(".alert-success")).to_contain_text(f"已记录陈久未的谈话教育（{today.isoformat()}）")
    expect(page.get_by_role("heading", name=re.compile("社区矫正 今日工作"))).to_be_visible()
    expect(page.locator("#group-talk_overdue")).not_to_contain_text("陈久未")
    expect(page.locator("#group-talk_overdue")).to_contain_text("林也未")
    assert SupervisionEvent.objects.filter(supervisee=person, kind="talk", on=today).exists()

    page.goto(live_server.url + person.get_absolute_url())
    expect(page.locator("#clocks")).to_contain_text("下次谈话教育")
    expect(page.locator("#timeline")).to_contain_text("了解近期工作和家庭情况")
    expect(page.locator("#details")).to_contain_text(person.id_number.masked)
    page.screenshot(path=str(SCREENSHOTS / "corrections-person.png"), full_page=True)

    open_menu(page, main_nav.get_by_role("button", name="社区矫正", exact=True))
    main_nav.get_by_role("link", name=re.compile(r"^[\ue000-\uf8ff\s]*矫正对象$")).click()  # the icon, then the label
    expect(page.locator(f"#supervisee-{person.pk}")).to_contain_text("普管")
    page.screenshot(path=str(SCREENSHOTS / "corrections-register.png"), full_page=True)

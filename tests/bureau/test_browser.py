"""A street clerk's first minutes with the portal, in a real browser (Debian's Chromium)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bureau.reminders import PASSWORD_KIND, run_rules
from tests.browser import open_menu
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_street_clerk_signs_in_sees_todos_switches_language_and_signs_out(live_server, page, personas):
    run_rules(timezone.localdate(), kinds={PASSWORD_KIND})  # every new account must change its password

    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="区司法局综合业务平台")).to_be_visible()

    page.get_by_placeholder("用户名").fill("clerk_a")
    page.get_by_placeholder("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", name=re.compile("您好"))).to_be_visible()
    expect(page.locator(".navbar-brand")).to_have_text("罗湖区司法局桂园司法所")
    expect(page.locator("#todo-count")).to_have_text("1")
    expect(page.get_by_role("link", name="请修改初始密码")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav").get_by_role("link", name=re.compile("To-dos"))).to_be_visible()
    open_menu(page, page.locator("#nav-more .dropdown-toggle"))  # the secondary entries are under More
    expect(page.locator("#nav-more").get_by_role("link", name="Jurisdiction")).to_be_visible()
    expect(page.locator("#todo-count")).to_have_text("1")

    page.get_by_role("button", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    open_menu(page, page.locator("#user-menu"))
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_server.url + "/todos/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/todos/"))


def test_completing_a_todo_in_the_list_updates_the_count_without_reloading(live_server, page, personas):
    run_rules(timezone.localdate(), kinds={PASSWORD_KIND})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_placeholder("用户名").fill("clerk_a")
    page.get_by_placeholder("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.get_by_role("link", name=re.compile("待办事项")).first.click()
    row = page.locator("tr", has_text="请修改初始密码")
    row.get_by_role("button", name="办结").click()  # the password is unchanged: refused, the way offered
    expect(page.locator("#messages")).to_contain_text("请先修改密码")
    expect(row.get_by_role("link", name="修改密码")).to_be_visible()
    type(personas.clerk_a).objects.filter(pk=personas.clerk_a.pk).update(password_changed_at=timezone.now())
    row.get_by_role("button", name="办结").click()  # changed meanwhile (another tab): the rule is satisfied
    expect(row).to_contain_text("已办结")
    expect(page.locator("#todo-count")).to_have_text("0")
    page.screenshot(path="var/screenshots/todo-list.png", full_page=True)

"""What the browser tests share: signing in, opening a menu or an action's modal as a person would."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, live_server, username):
    """Sign in through the login page and wait for the home page's greeting, then for the page to have loaded: the
    greeting shows before the stylesheet and scripts are in, and until the stylesheet is, the menus' hidden entries
    count as visible links (a test that clicked the first "双随机一公开" link got the hidden menu entry now and
    then)."""
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_placeholder("用户名").fill(username)
    page.get_by_placeholder("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name=re.compile("您好"))).to_be_visible()
    page.wait_for_load_state()


def open_menu(page, toggle):
    """Click a drop-down's toggle once the page's scripts listen, and see it open. Bootstrap's script comes at the
    end of the page: a heading above it can be visible while a click on a toggle still does nothing (a test that
    clicked at once failed now and then on a loaded machine)."""
    page.wait_for_load_state()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def open_modal(page, link):
    """Click an action's link once the page's scripts listen, and see its modal open (before they do, the link is a
    plain link to the action's own page: the fallback without scripts)."""
    page.wait_for_load_state()
    link.click()
    modal = page.locator("#action-modal")
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    return modal

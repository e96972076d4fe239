"""What the browser tests share: signing in as a person would."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def sign_in(page, live_server, username):
    """Sign in through the login page and wait for the home page's greeting."""
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_placeholder("用户名").fill(username)
    page.get_by_placeholder("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name=re.compile("您好"))).to_be_visible()

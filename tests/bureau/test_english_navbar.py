"""The navigation fits a 1440-px screen in English too (English labels run twice as wide as Chinese ones)."""

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# The navbar's row and every menu in it: what overflows shows as a cut-off bar or a horizontal scroll.
OVERFLOW = """() => {
    const nav = document.querySelector('nav.navbar');
    const row = nav.querySelector('.container-fluid');
    return {nav: [nav.scrollWidth, nav.clientWidth], row: [row.scrollWidth, row.clientWidth],
            page: [document.documentElement.scrollWidth, window.innerWidth], height: nav.offsetHeight};
}"""


@pytest.mark.parametrize("username", ["admin", "leader", "clerk_a"])
def test_the_navbar_fits_at_1440_in_english(live_server, page, personas, username):
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, live_server, username)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    sizes = page.evaluate(OVERFLOW)
    assert sizes["nav"][0] <= sizes["nav"][1], sizes
    assert sizes["row"][0] <= sizes["row"][1], sizes
    assert sizes["page"][0] <= sizes["page"][1], sizes
    entries = page.locator("#nav-entries > li")  # each entry whole: none cut off at the bar's right edge
    right = page.evaluate("() => document.querySelector('#nav-entries').getBoundingClientRect().right")
    for n in range(entries.count()):
        box = entries.nth(n).bounding_box()
        assert box["x"] + box["width"] <= right + 1, (n, box, right)
    more = page.locator("#nav-more")
    more.locator(".dropdown-toggle").click()
    expect(more.get_by_role("link", name="Jurisdiction")).to_be_visible()  # the secondary entries, one click away

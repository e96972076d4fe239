"""In a real browser: street A's clerk records an activity with its materials and a photo; it appears in the
district's list beside the advisor's 普法 entry (marked 来源：社区法律顾问); the section opens the map, drawn by the
vendored ECharts."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lawyers.models import ServiceKind
from publicity.models import Activity
from tests.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def test_a_clerk_records_an_activity_and_sees_it_beside_the_advisor_s(live_server, browser, personas, log, advisors,
                                                                       pub_section, make_position, tmp_path):
    log(kind=ServiceKind.PUBLICITY, count=80, notes="社区民法典宣传摊位")
    make_position(name="桂园法治文化公园", longitude="114.120000", latitude="22.550000")
    photo = tmp_path / "现场.png"
    photo.write_bytes(PNG)

    page = browser.new_page(locale="zh-CN")
    sign_in(page, live_server, "clerk_a")
    page.goto(live_server.url + reverse("publicity:activity_create"))
    page.locator("#id_title").fill("宪法宣传周进校园")
    page.locator("#id_theme").select_option("constitution")
    page.locator("#id_form").select_option("lecture")
    page.locator("#id_target").select_option("schools")
    page.locator("#id_organiser_kind").select_option("street")
    page.locator("#id_place").fill("桂园中学礼堂")
    page.locator("#id_audience").fill("300")
    page.locator("#id_material_books").fill("40")
    page.locator("#id_photos").set_input_files(str(photo))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记普法活动")
    expect(page.locator("#materials")).to_contain_text("40")
    activity = Activity.objects.get()
    assert activity.photos.count() == 1

    page.goto(live_server.url + reverse("publicity:activity_list"))
    expect(page.locator(f"#activity-{activity.pk}")).to_contain_text("宪法宣传周进校园")
    expect(page.locator("tr[id^=advisor-]")).to_contain_text("来源：社区法律顾问")
    expect(page.locator("#totals")).to_contain_text("共 2 场（其中社区法律顾问 1 场），受众 380 人次")

    page = browser.new_page(locale="zh-CN")
    sign_in(page, live_server, "pub_section")
    page.goto(live_server.url + reverse("publicity:position_map"))
    expect(page.locator("#position-map[data-rendered=true]")).to_be_visible()
    Path("var/screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path="var/screenshots/publicity-map.png", full_page=True)

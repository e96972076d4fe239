"""In a real browser, on a phone: a mediator signs in to their workspace, registers a case of their committee,
starts and concludes it with a written agreement; the 司法确认 window becomes a to-do that goes when the
application is recorded. The street office lists the case; the other street gets a 404."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mediation.models import Case, Status
from tests.browser import sign_in
from tests.factories import resident_id

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")


def test_a_mediator_records_and_concludes_a_case_on_the_phone(live_server, browser, personas, world, client_for):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    sign_in(page, live_server, "mediator")
    expect(page.locator("#open-cases")).to_contain_text("没有在办的调解案件")
    expect(page.locator("#confirmation-windows")).to_contain_text("没有待申请司法确认的书面协议")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "mediator-home-phone.png"), full_page=True)

    page.locator("#register-case").click()
    expect(page.locator("#id_organisation")).to_have_value(str(world.committee_a.pk))  # their committee
    expect(page.locator("#id_mediator")).to_have_value(str(world.mediator_a.pk))  # presiding themselves
    page.locator("#id_source").select_option("application")
    page.locator("#id_dispute_type").select_option("neighbour")
    page.locator("#id_summary").fill("楼上漏水，双方就维修费用发生争执。")
    page.locator("#id_parties-0-name").fill("王大伟")
    page.locator("#id_parties-0-id_number").fill(resident_id())
    page.locator("#id_parties-1-name").fill("李小红")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the form fits the phone
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记调解案件")
    case = Case.objects.get()
    assert case.organisation == world.committee_a and case.created_by == world.mediator_user
    expect(page.locator("#parties")).to_contain_text("李小红")
    expect(page.locator("#case-clock")).to_contain_text("还剩")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator("#case-actions").get_by_role("link", name="开始调解").click()
    page.get_by_role("button", name="确定：开始调解").click()
    expect(page.locator(".alert-success")).to_contain_text("已开始调解")

    page.locator("#case-actions").get_by_role("link", name="结束调解").click()
    page.get_by_label("调解成功").check()
    page.locator("#id_agreement_form").select_option("written")
    page.locator("#id_agreement_signed_on").fill(case.accepted_on.isoformat())
    page.locator("#id_agreement_content").fill("楼上一方赔偿维修费5000元。")
    page.get_by_role("button", name="确定：结束调解").click()
    expect(page.locator(".alert-success")).to_contain_text("申请司法确认")
    expect(page.locator("#confirmation-window")).to_be_visible()
    case.refresh_from_db()
    assert case.status == Status.CONCLUDED and case.has_written_agreement

    # the window is a to-do on the workspace
    page.goto(live_server.url + "/")
    expect(page.locator("#confirmation-windows")).to_contain_text(case.number)
    expect(page.locator("#todos")).to_contain_text(f"告知当事人申请司法确认：{case.number}")
    page.screenshot(path=str(SCREENSHOTS / "mediator-window-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    # the street office lists it; the other street does not see it
    assert case.number in client_for(personas.clerk_a).get(reverse("mediation:case_list")).content.decode()
    assert client_for(personas.clerk_b).get(case.get_absolute_url()).status_code == 404

    # the parties applied for 司法确认: the to-do goes
    page.locator("#confirmation-windows").get_by_role("link", name=case.number).click()
    page.locator("#case-actions").get_by_role("link", name="申请司法确认").click()
    page.get_by_label("受理法院").fill("罗湖区人民法院")
    page.get_by_label("在线申请司法确认").check()
    page.get_by_role("button", name="确定：申请司法确认").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记申请司法确认")
    page.goto(live_server.url + "/")
    expect(page.locator("#confirmation-windows")).to_contain_text("没有待申请司法确认的书面协议")
    expect(page.locator("#todos")).not_to_contain_text(case.number)
    page.close()

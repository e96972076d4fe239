"""In a real browser on a phone (390×844), without signing in: a resident finds the sites of 公明街道, verifies
their phone with a code (the development console backend, read here from its outbox), books a slot, cancels
it, books again, asks a question; the advisor on duty signs in and answers it; the resident reads the answer.
A second phone gets a 404 for the first one's booking and question."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bureau.models import Area, Role
from lawyers.models import Posting, ServicePoint, SiteService
from public_service import sms
from public_service.models import Booking, Duty, Question
from tests.browser import sign_in
from tests.factories import AreaFactory, LawyerFactory, UserFactory

from .conftest import every_day

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")
FIRST, SECOND = "13800138000", "13900139000"


@pytest.fixture
def gongming(areas):
    street = AreaFactory(code="440311002", name="公明街道", level=Area.Level.STREET, parent=areas.other_district)
    community = AreaFactory(code="440311002001", name="公明东社区", level=Area.Level.COMMUNITY, parent=street,
                            is_demo=True)
    station = ServicePoint.objects.create(
        name="公明街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION, area=street, address="公明办事处一楼",
        latitude="22.780000", longitude="113.900000", services=[SiteService.CONSULTATION, SiteService.LEGAL_AID])
    room = ServicePoint.objects.create(name="公明东社区公共法律服务室", kind=ServicePoint.Kind.COMMUNITY_ROOM,
                                       area=community, latitude="22.782000", longitude="113.905000")
    every_day(station)
    every_day(room)
    advisor = UserFactory(username="gm_advisor", name="公明法律顾问 周律师", role=Role.ADVISOR, area=community)
    lawyer = LawyerFactory(area=areas.other_district, name="周律师", user=advisor)
    today = timezone.localdate()
    Posting.objects.create(lawyer=lawyer, area=community, start_on=today - timedelta(days=90),
                           end_on=today + timedelta(days=270))
    Duty.objects.create(point=station, on=today, lawyer=lawyer)
    return station


def verify(page, live_server, phone):
    expect(page.locator("#privacy-notice")).to_contain_text("个人信息保护告知")
    expect(page.locator("#console-notice")).to_contain_text("开发环境：验证码已输出到服务器控制台")
    page.get_by_label("我已阅读并同意《个人信息保护告知》").check()
    page.get_by_label("手机号码").fill(phone)
    page.locator("#send-code").click()
    expect(page.locator("#code-form")).to_be_visible()
    page.get_by_label("验证码").fill(sms.last_code(phone))
    page.locator("#verify-button").click()
    expect(page.locator("#resident-phone")).to_contain_text(phone[-4:])


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_resident_books_asks_and_reads_the_answer_on_the_phone(live_server, browser, gongming, settings):
    settings.SMS_BACKEND = "public_service.sms.ConsoleBackend"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()

    # find the sites of 公明街道
    page.goto(live_server.url + "/public_service/fw/")
    page.locator("#id_street").select_option(label="公明街道")
    page.get_by_role("button", name="查找").click()
    expect(page.locator("#site-groups")).to_contain_text("公明街道公共法律服务工作站")
    expect(page.locator("#site-groups")).to_contain_text("公明东社区公共法律服务室")
    expect(page.locator(f"#site-{gongming.pk}")).to_contain_text("周律师")  # today's duty lawyer
    expect(page.locator("#site-map canvas")).to_have_count(1)
    fits(page)
    page.screenshot(path=str(SCREENSHOTS / "resident-sites-phone.png"), full_page=True)

    # book a slot with a phone code
    page.get_by_role("link", name="公明街道公共法律服务工作站").click()
    page.locator("#verify-to-book").click()
    verify(page, live_server, FIRST)
    expect(page.locator("#site-name")).to_have_text("公明街道公共法律服务工作站")  # back where they were
    page.locator("#booking-form input.btn-check:not([disabled]) + label").first.click()
    page.locator("#id_name").fill("王先生")
    page.locator("#id_matter").fill("公司拖欠工资，想咨询如何维权")
    fits(page)
    page.locator("#book-button").click()
    expect(page.locator(".alert-success")).to_contain_text("预约成功")
    first = Booking.objects.get()
    expect(page.locator("#booking-code")).to_have_text(first.code)

    # cancel it, book again
    page.locator("#cancel-booking").click()
    expect(page.locator("#booking-status")).to_have_text("已取消")
    page.get_by_role("link", name="返回站点").click()
    page.locator("#booking-form input.btn-check:not([disabled]) + label").first.click()
    page.locator("#id_name").fill("王先生")
    page.locator("#id_matter").fill("公司拖欠工资，想咨询如何维权")
    page.locator("#book-button").click()
    expect(page.locator(".alert-success")).to_contain_text("预约成功")
    booking = Booking.objects.get(status="booked")
    page.locator("#nav-bookings").click()
    expect(page.locator("#my-bookings")).to_contain_text("已取消")
    expect(page.locator("#my-bookings")).to_contain_text("已预约")

    # ask a question
    page.get_by_role("link", name="在线咨询").click()
    page.get_by_label("所在街道").select_option(label="公明街道")
    page.get_by_label("问题类别").select_option(label="劳动就业")
    page.get_by_label("问题描述").fill("我在公明一家工厂上班，公司拖欠两个月工资，该怎么办？")
    fits(page)
    page.locator("#ask-button").click()
    expect(page.locator(".alert-success")).to_contain_text("咨询码")
    question = Question.objects.get()
    expect(page.locator("#question-answer")).to_contain_text("尚未答复")
    page.screenshot(path=str(SCREENSHOTS / "resident-question-phone.png"), full_page=True)

    # the advisor on duty answers it
    staff = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    sign_in(staff, live_server, "gm_advisor")
    staff.goto(live_server.url + "/public_service/questions/")
    staff.get_by_role("link", name=question.code).click()
    staff.get_by_label("答复").fill("您可以先与公司协商，协商不成可向劳动人事争议仲裁委员会申请仲裁，也可到公明街道公共法律服务工作站当面咨询。")
    staff.locator("#answer-button").click()
    expect(staff.locator("#question-answer")).to_contain_text("劳动人事争议仲裁委员会")
    staff.close()

    # the resident reads it under 我的咨询
    page.locator("#nav-questions").click()
    expect(page.locator("#my-questions")).to_contain_text("已答复")
    page.get_by_placeholder("输入咨询码查询").fill(question.code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#question-answer")).to_contain_text("劳动人事争议仲裁委员会")
    fits(page)
    page.screenshot(path=str(SCREENSHOTS / "resident-answer-phone.png"), full_page=True)

    # a second phone sees neither
    other = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    other.goto(live_server.url + "/public_service/fw/verify/")
    verify(other, live_server, SECOND)
    assert other.goto(live_server.url + booking.get_resident_url()).status == 404
    assert other.goto(live_server.url + question.get_resident_url()).status == 404
    other.goto(live_server.url + "/public_service/fw/bookings/")
    expect(other.locator("#my-bookings")).not_to_contain_text(booking.code)
    context.close()

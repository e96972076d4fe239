"""The legal-aid section's day in a real browser (Debian's Chromium): register an application, decide it, accept
the suggested lawyer, and find the cases with their clocks in the list; a window clerk logs consultations."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from legalaid.models import Case, Status
from tests.browser import open_menu, open_modal, sign_in
from tests.factories import resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")


def test_section_registers_decides_and_assigns_a_case(live_server, page, personas, lawyers, make_case):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    waiting = make_case(applicant_name="待审查人", received_on=timezone.localdate())  # undecided: its clock runs
    sign_in(page, live_server, "section")

    main_nav = page.get_by_role("navigation", name="主导航")
    open_menu(page, main_nav.get_by_role("button", name="法律援助", exact=True))
    main_nav.get_by_role("link", name="登记申请").click()
    expect(page.get_by_role("heading", name="登记法律援助申请")).to_be_visible()
    page.locator("#id_area").select_option(label="桂园街道")
    page.locator("#id_source").select_option(label="窗口申请")
    expect(page.locator("#id_notifying_authority")).to_be_hidden()  # only for notices
    page.locator("#id_matter_kind").select_option(label="刑事")
    expect(page.locator("#id_category option[value='labour']")).to_be_disabled()  # not a criminal matter
    page.locator("#id_matter_kind").select_option(label="民事")
    expect(page.locator("#id_category option[value='criminal_defence']")).to_be_disabled()
    page.locator("#id_category").select_option(label="确认劳动关系或者支付劳动报酬（第三十一条第五项）")
    page.locator("#id_applicant_name").fill("刘大海")
    applicant_id = resident_id(birth="19880808", sequence="131")
    page.locator("#id_applicant_id_number").fill(applicant_id)
    page.locator("#id_applicant_phone").fill("13800000001")
    page.locator("#id_applicant_address").fill("深圳市罗湖区桂园街道和平路8号")
    page.locator("#id_applicant_hukou").fill("湖南省衡阳市衡南县")
    expect(page.locator("#id_financial_status")).to_be_visible()  # the means test, until a ground exempts it
    page.locator("#id_exemption_ground").select_option("migrant_wages")
    expect(page.locator("#id_financial_status")).to_be_hidden()
    page.locator("#id_summary").fill("工地拖欠工资三个月，共计八万六千元。")
    page.locator("#id_recipients-0-name").fill("刘大海")
    page.locator("#id_recipients-0-id_number").fill(applicant_id)
    page.get_by_label("农民工").check()
    page.screenshot(path=str(SCREENSHOTS / "legalaid-case-form.png"), full_page=True)
    page.get_by_role("button", name="登记").click()

    case = Case.objects.exclude(pk=waiting.pk).get()
    expect(page.locator(".alert-success")).to_contain_text(f"已登记 {case.number}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("待审查")
    expect(page.locator("#case-clock")).to_contain_text("审查决定期限")
    expect(page.locator("#recipients")).to_contain_text("1988-08-08")  # from the ID number

    modal = open_modal(page, page.get_by_role("link", name="决定给予"))
    expect(modal.get_by_role("heading", name=re.compile("决定给予"))).to_be_visible()
    expect(modal.locator("#id_on")).to_be_focused()  # the first field, ready to type (static/js/modal-focus.js)
    modal.locator("#id_on").fill("2020-01-02")  # before the receipt: refused, the reason shown once
    modal.get_by_role("button", name="确定：决定给予").click()
    expect(modal.get_by_text(re.compile("决定日期不能早于"))).to_have_count(1)
    modal.locator("#id_on").fill(timezone.localdate().isoformat())
    modal.get_by_label("决定理由").fill("农民工追索劳动报酬，免予核查经济困难状况。")
    modal.get_by_role("button", name="确定：决定给予").click()
    expect(page.locator(".alert-success")).to_contain_text("已决定给予法律援助")
    expect(page.locator("#case-clock")).to_contain_text("指派期限")

    open_modal(page, page.get_by_role("link", name="指派律师"))
    expect(modal.locator("#assign-ranking")).to_contain_text("专长：劳动争议；在办 0 件；从未指派")
    expect(modal.get_by_label("陈劳动")).to_be_checked()  # the suggestion is preselected
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    page.screenshot(path=str(SCREENSHOTS / "legalaid-assign.png"), animations="disabled")
    modal.get_by_role("button", name="确定：指派律师").click()
    expect(page.locator(".alert-success")).to_contain_text("已指派 陈劳动 律师承办")
    expect(page.locator("#timeline")).to_contain_text("指派律师")
    expect(page.locator("#assignment")).to_contain_text("已采纳")
    page.screenshot(path=str(SCREENSHOTS / "legalaid-case-detail.png"), full_page=True)

    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.lawyer == lawyers["labour"]

    open_menu(page, main_nav.get_by_role("button", name="法律援助", exact=True))
    main_nav.get_by_role("link", name=re.compile(r"^[\ue000-\uf8ff\s]*案件$")).click()  # the icon, then the label
    assigned_row = page.locator(f"#case-{case.pk}")
    expect(assigned_row).to_contain_text("已指派")
    expect(assigned_row).to_contain_text("陈劳动")
    waiting_row = page.locator(f"#case-{waiting.pk}")
    expect(waiting_row).to_contain_text(f"审查决定 {waiting.decision_due_on.isoformat()}")
    expect(waiting_row).to_contain_text("待审查")
    page.screenshot(path=str(SCREENSHOTS / "legalaid-case-list.png"), full_page=True)


def test_a_window_clerk_logs_consultations_one_after_another(live_server, page, personas):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, live_server, "clerk_a")
    page.goto(live_server.url + "/legalaid/consultations/new/")
    expect(page.locator("#tally")).to_have_text("今日已登记 0 人次")

    page.get_by_text("12348热线").click()
    page.get_by_label("咨询事项").select_option(label="劳动争议")
    page.get_by_label("咨询人").fill("李四")
    page.get_by_label("解答内容").fill("告知可向劳动人事争议仲裁委员会申请仲裁。")
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记：12348热线 · 劳动争议 · 1 人次。")
    expect(page.locator("#tally")).to_have_text("今日已登记 1 人次")
    expect(page.locator("#id_channel_1")).to_be_checked()  # still on the hotline for the next caller

    page.get_by_label("咨询事项").select_option(label="婚姻家庭")
    page.get_by_label("人次").fill("2")
    page.get_by_label("解答内容").fill("解释抚养费的确定标准。")
    page.get_by_role("button", name="登记").click()
    expect(page.locator("#tally")).to_have_text("今日已登记 3 人次")
    page.screenshot(path=str(SCREENSHOTS / "legalaid-consultation.png"), full_page=True)


def _release_then_grant(page, modal, held):
    """The modal opened at 正在加载… with the one script held back: let it come, then use the form that arrives."""
    expect(modal).to_contain_text("正在加载")
    assert len(held) == 1
    held[0].continue_()
    expect(modal.get_by_label("决定理由")).to_be_visible()
    modal.get_by_label("决定理由").fill("农民工追索劳动报酬，免予核查经济困难状况。")
    modal.get_by_role("button", name="确定：决定给予").click()
    expect(page.locator(".alert-success")).to_contain_text("已决定给予法律援助")


def test_an_action_clicked_before_the_page_has_loaded_still_opens_its_form(live_server, page, personas, make_case):
    """Bootstrap opens the modal as soon as its script has run; htmx binds the link only when the page is read.
    A deferred script held back keeps the page between the two: the click there still gets its form."""
    case = make_case(received_on=timezone.localdate())
    sign_in(page, live_server, "section")
    page.add_init_script("document.addEventListener('DOMContentLoaded', () => { window.read = true; })")
    held = []
    page.route("**/js/auto-submit.js", lambda route: held.append(route))  # deferred: DOMContentLoaded waits
    page.goto(live_server.url + case.get_absolute_url(), wait_until="commit")
    page.get_by_role("link", name="决定给予").click()
    modal = page.locator("#action-modal")
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    assert page.evaluate("window.htmx && !window.read")  # htmx has loaded but not yet read the page
    _release_then_grant(page, modal, held)


def test_an_action_clicked_while_htmx_is_still_on_its_way_still_opens_its_form(live_server, page, personas, make_case):
    """The page's own scripts come one after the other: Bootstrap's has run and opens the modal on a click while
    htmx's is still coming (a slow network, a busy server). The form is loaded once htmx has come and read the page
    (static/js/modal-load.js listens from before Bootstrap's script)."""
    case = make_case(received_on=timezone.localdate())
    sign_in(page, live_server, "section")
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))
    page.goto(live_server.url + case.get_absolute_url(), wait_until="commit")
    page.get_by_role("link", name="决定给予").click()
    modal = page.locator("#action-modal")
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    assert page.evaluate("Boolean(window.bootstrap) && !window.htmx")  # clicked between the two scripts
    _release_then_grant(page, modal, held)


def test_a_closed_action_s_form_is_not_shown_for_the_next_action(live_server, page, personas, make_case):
    """Closing the modal puts it back to 正在加载…: the next action never shows the last one's form, with what was
    typed into it, while its own is on its way; and a form that arrives after its modal was closed stays out."""
    case = make_case(received_on=timezone.localdate())
    sign_in(page, live_server, "section")
    page.goto(live_server.url + case.get_absolute_url())
    modal = page.locator("#action-modal")
    page.get_by_role("link", name="决定给予").click()
    modal.get_by_label("决定理由").fill("写到一半")
    modal.get_by_role("button", name="取消").click()
    expect(modal).to_be_hidden()

    held = []
    page.route(f"**/legalaid/cases/{case.pk}/refuse/", lambda route: held.append(route))
    page.get_by_role("link", name="决定不予").click()
    expect(modal).to_have_class(re.compile(r"\bshow\b"))
    expect(modal).to_contain_text("正在加载")
    expect(modal.get_by_label("决定理由")).to_have_count(0)  # not the closed form
    # closed before its form came: the form is not put into the closed modal
    expect(modal).to_be_focused()  # Bootstrap focuses the modal once it is shown; closing it before is ignored
    page.keyboard.press("Escape")
    expect(modal).to_be_hidden()
    held.pop().continue_()
    page.wait_for_load_state("networkidle")
    expect(modal.locator("form")).to_have_count(0)
    page.unroute(f"**/legalaid/cases/{case.pk}/refuse/")
    page.get_by_role("link", name="决定不予").click()
    expect(modal.get_by_role("button", name="确定：决定不予")).to_be_visible()

"""The legal-aid section's papers in a real browser (Debian's Chromium): a case received at the window is granted
and assigned on its page, and its 受理回执, 给予法律援助决定书 and 指派通知书 are issued and downloaded with the case
number and the people filled in; printing the page (print media) shows no navigation."""

import re
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from legalaid.models import Recipient
from tests.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def download(page, card, label):
    """Issue the paper from the card, download it, and return its file name and its text."""
    card.get_by_role("button", name=f"出具{label}").click()
    link = card.locator(".papers-issued").get_by_role("link", name=label)
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    paper = info.value
    text = "\n".join(paragraph.text for paragraph in Document(BytesIO(open(paper.path(), "rb").read())).paragraphs)
    return paper.suggested_filename, text


def test_section_issues_and_downloads_a_cases_papers_and_prints_its_page(live_server, page, personas, lawyers,
                                                                         make_case, tmp_path):
    case = make_case(applicant_name="刘大海", received_on=timezone.localdate(),
                     recipients=[Recipient(name="刘大海"), Recipient(name="马小英", is_female=True)])
    sign_in(page, live_server, "section")
    page.goto(f"{live_server.url}/legalaid/cases/{case.pk}/")

    page.get_by_role("link", name="决定给予").click()
    modal = page.locator("#action-modal")
    modal.get_by_label("决定理由").fill("农民工追索劳动报酬，免予核查经济困难状况。")
    modal.get_by_role("button", name="确定：决定给予").click()
    expect(page.locator(".alert-success")).to_contain_text("已决定给予法律援助")
    page.get_by_role("link", name="指派律师").click()
    modal.get_by_role("button", name="确定：指派律师").click()
    expect(page.locator(".alert-success")).to_contain_text("已指派 陈劳动 律师承办")

    card = page.locator(".papers-card")
    expect(card.locator(".papers-offered")).to_be_visible()
    year = timezone.localdate().year

    name, receipt = download(page, card, "受理回执")
    assert name == f"受理回执_{case.number}.docx"
    assert case.number in receipt and "刘大海" in receipt

    name, decision = download(page, card, "给予法律援助决定书")
    assert name == f"给予法律援助决定书_罗法援决〔{year}〕0001号.docx"
    assert case.number in decision and "刘大海" in decision and "马小英" in decision
    assert "第四十三条" in decision

    name, notice = download(page, card, "指派通知书")
    assert name == f"指派通知书_罗法援指〔{year}〕0001号.docx"
    assert case.number in notice and "陈劳动" in notice and "广东桂园律师事务所" in notice
    assert "刘大海、马小英" in notice

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="主导航")).to_be_hidden()
    expect(page.locator("#case-actions")).to_be_hidden()
    expect(card.get_by_role("button", name=re.compile("出具"))).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.number)
    screenshot = tmp_path / "case-print.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.exists() and screenshot.stat().st_size > 0

"""In a real browser, at desktop size, the walkthrough of issue 15 through the pages: a unit user submits a draft
with its materials and file; the 法制科 returns it once with opinions; the unit resubmits it; it passes review,
is issued as 深罗规〔<this year>〕1号 and filed; the review-clock and filing-clock to-dos appear and close; a
second document with the same number is refused with a clear message on the number field."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bureau.models import Reminder
from normative_docs import services
from normative_docs.models import Document, Status
from normative_docs.reminders import FILING_DUE, REVIEW_DUE
from tests.browser import open_modal, sign_in

from .conftest import ALL_MATERIALS

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path("var/screenshots")
DESKTOP = {"width": 1366, "height": 900}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "罗湖区城市更新项目保障性住房配建管理办法"


def todos(document, kind):
    """The states of the to-dos of `kind` about the document or its rounds (the review clock's record)."""
    records = [document, *document.rounds.order_by("number")]
    return [state for record in records
            for state in Reminder.objects.for_object(record).filter(kind=kind).values_list("state", flat=True)]


def open_action(page, name):
    """Click a record's action button and wait until its modal is shown with the form loaded into it: the form
    arrives by htmx while the modal fades in, and a field used before both are done may lose what was put in it."""
    modal = open_modal(page, page.locator("#document-actions").get_by_role("link", name=name))
    expect(modal.get_by_role("button", name=f"确定：{name}")).to_be_visible()
    return modal


def test_a_unit_s_draft_is_returned_resubmitted_passed_issued_and_filed(live_server, browser, law):
    year = timezone.localdate().year
    number = f"深罗规〔{year}〕1号"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    unit = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    section = browser.new_context(viewport=DESKTOP, locale="zh-CN").new_page()

    # the unit's workspace: nothing awaits it yet; it submits a draft with its materials and the file
    sign_in(unit, live_server, "drafter_a")
    expect(unit.locator("#my-unit")).to_contain_text("罗湖区住房和建设局")
    expect(unit.locator("#returned-documents")).to_contain_text("没有退回修改的文件")
    unit.locator("#submit-draft").click()
    expect(unit.locator("#id_unit")).to_have_value(str(law.unit_a.pk))
    unit.locator("#id_kind").select_option("normative")
    unit.locator("#id_topic").select_option("urban_renewal")
    unit.locator("#id_title").fill(TITLE)
    # sent two weeks ago
    unit.locator("#id_submitted_on").fill((timezone.localdate() - timedelta(days=14)).isoformat())
    for label in ["送审稿", "起草说明", "制定依据", "征求意见及采纳情况"]:
        unit.get_by_label(label, exact=True).check()
    unit.locator("#id_attachments").set_input_files(
        files=[{"name": "送审稿.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    unit.get_by_role("button", name="提交审查").click()
    expect(unit.locator("#document-form")).to_contain_text("缺少报送材料：公平竞争审查意见。")
    assert not Document.objects.exists()
    unit.get_by_label("公平竞争审查意见", exact=True).check()
    unit.locator("#id_attachments").set_input_files(
        files=[{"name": "送审稿.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    unit.get_by_role("button", name="提交审查").click()
    expect(unit.locator(".alert-success")).to_contain_text("法制科审查期限至")
    document = Document.objects.get()
    expect(unit.locator("#review-clock")).to_contain_text("第1轮合法性审查期限")
    expect(unit.locator("#round-1")).to_contain_text("送审稿.pdf")
    assert todos(document, REVIEW_DUE) == ["open"]

    # the section: the review to-do is on its home; it returns the draft with its opinions
    sign_in(section, live_server, "fazhi")
    expect(section.locator("body")).to_contain_text(f"合法性审查：{TITLE}")
    section.goto(live_server.url + document.get_absolute_url())
    open_action(section, "审查")
    section.get_by_label("退回修改").check()
    section.get_by_label("审查意见").fill("第五条配建比例缺少上位法依据，请补充。")
    section.get_by_role("button", name="确定：审查").click()
    expect(section.locator(".alert-success")).to_contain_text("已退回修改")
    expect(section.locator("#document-status")).to_have_text("退回修改")
    assert todos(document, REVIEW_DUE) == ["done"]

    # the unit sees what awaits it, and resubmits with a note
    unit.goto(live_server.url + "/")
    expect(unit.locator("#returned-documents")).to_contain_text("第五条配建比例缺少上位法依据")
    unit.locator("#returned-documents").get_by_role("link", name="重新报送").click()
    expect(unit.locator("#last-opinions")).to_contain_text("第五条配建比例缺少上位法依据")
    unit.get_by_label("修改说明").fill("已补充《深圳市城市更新条例》第二十九条为依据。")
    unit.get_by_role("button", name="重新报送").click()
    expect(unit.locator(".alert-success")).to_contain_text("已重新报送（第2轮）")
    unit.screenshot(path=str(SCREENSHOTS / "normative-docs-resubmitted.png"), full_page=True)
    assert sorted(todos(document, REVIEW_DUE)) == ["done", "open"]

    # the section passes it, issues it with its number and files it; the clocks' to-dos open and close
    section.reload()
    expect(section.locator("#rounds")).to_contain_text("第2轮")
    open_action(section, "审查")
    section.get_by_label("审查通过").check()
    section.get_by_role("button", name="确定：审查").click()
    expect(section.locator("#document-status")).to_have_text("审查通过")
    assert todos(document, REVIEW_DUE) == ["done", "done"]
    open_action(section, "印发登记")
    section.get_by_label("文号").fill(number)
    section.get_by_role("button", name="确定：印发登记").click()
    expect(section.locator("#document-number")).to_have_text(number)
    expect(section.locator("#filing-clock")).to_contain_text("报送备案期限")
    assert todos(document, FILING_DUE) == ["open"]
    open_action(section, "报送备案")
    section.get_by_label("备案登记号").fill(f"深备〔{year}〕18号")
    section.get_by_role("button", name="确定：报送备案").click()
    expect(section.locator("#filing")).to_contain_text("按时备案")
    assert todos(document, FILING_DUE) == ["done"]
    document.refresh_from_db()
    assert (document.status, document.number, document.rounds.count()) == (Status.ISSUED, number, 2)
    section.screenshot(path=str(SCREENSHOTS / "normative-docs-issued.png"), full_page=True)

    # a second document given the same number: refused on the number field, nothing written
    second = services.document_submit(document=Document(
        unit=law.unit_a, kind="normative", title="罗湖区老旧小区改造管理办法", materials=ALL_MATERIALS,
        submitted_on=timezone.localdate()), by=law.drafter_a)
    services.document_review(document=second, on=timezone.localdate(), passed=True, opinions="", by=law.section)
    section.goto(live_server.url + second.get_absolute_url())
    open_action(section, "印发登记")
    section.get_by_label("文号").fill(number)
    section.get_by_role("button", name="确定：印发登记").click()
    expect(section.locator("#action-form")).to_contain_text(
        f"文号{number}已被《{TITLE}》使用，同一发文机关同一年度的文号不能重复。")
    assert Document.objects.get(pk=second.pk).status == Status.PASSED
    unit.context.close()
    section.context.close()

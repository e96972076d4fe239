"""The district leader's statistics in a real browser: the overview, another period, the charts, and a work
report built by a real Celery worker through Redis while the page shows its progress."""


import pytest
from django.utils import timezone
from playwright.sync_api import expect

from figures import dashboard
from tests.browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(celery_worker):
    return celery_worker


def test_leader_reads_the_dashboard_changes_the_period_and_downloads_a_report(live_server, page, personas, todos,
                                                                           worker, tmp_path):
    dashboard.invalidate()
    y = todos.year  # last year: finished whatever day the suite runs on
    sign_in(page, live_server, "leader")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="统计").click()
    expect(page.get_by_role("heading", name=f"罗湖区 · {timezone.localdate().year}年")).to_be_visible()
    page.wait_for_load_state()  # the selector's script (deferred) listens from here: the heading alone came earlier

    page.locator("#id_year").select_option(str(y))  # submits on change
    expect(page.get_by_role("heading", name=f"罗湖区 · {y}年")).to_be_visible()
    card = page.locator('[data-code="trial.test_todos"]')
    expect(card).to_contain_text("4")
    expect(card).to_contain_text("同比 基数较小")  # 4 against 2: no percentage
    expect(card.locator(".yoy")).to_have_attribute("data-tone", "neutral")
    expect(page.locator("#comparison-note")).to_contain_text(f"同比：{y}年与{y - 1}年相比。")
    expect(page.locator("#trend-0 svg")).to_be_visible()  # ECharts drew the monthly trend
    expect(page.locator("#breakdown-0 svg")).to_be_visible()  # one chart per unit: 件 and 人次 are not one scale
    page.wait_for_load_state()

    page.locator("#id_span").select_option(label="第一季度")  # submits on change
    expect(page.get_by_role("heading", name=f"罗湖区 · {y}年第一季度")).to_be_visible()
    expect(card).to_contain_text("3")
    expect(page.locator("#trend-0 svg")).to_be_visible()

    page.get_by_role("link", name="生成工作报告").click()
    expect(page.get_by_role("heading", name="生成工作报告（统计部分）")).to_be_visible()
    expect(page.locator("#id_span")).to_have_value("Q1")
    page.get_by_role("button", name="生成报告").click()
    expect(page.get_by_role("heading", name=f"罗湖区司法局{y}年第一季度工作情况统计")).to_be_visible()
    expect(page.locator("#report-progress .progress-bar")).to_be_visible()
    download_button = page.get_by_role("link", name="下载Word报告")
    expect(download_button).to_be_visible(timeout=30_000)  # the worker built it; the page reloaded itself
    expect(page.locator("#report-progress")).to_contain_text("100%")
    expect(page.get_by_text("全区共有到期待办3件（上年同期2件），涉及金额362.52万元。")).to_be_visible()

    with page.expect_download() as download:
        download_button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == f"罗湖区司法局{y}年第一季度工作情况统计.docx"

    import docx

    written = [p.text for p in docx.Document(path).paragraphs]
    assert "全区共有到期待办3件（上年同期2件），涉及金额362.52万元。" in written

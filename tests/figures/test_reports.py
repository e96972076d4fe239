"""Generated work reports: the Chinese figures, the job end to end, its files, frozen figures, access."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from figures import reports
from figures.formatting import percent, wan_yuan
from bureau.models import Report
from figures.periods import parse_period
from tests.figures.conftest import TEST_CODE
from tests.factories import ReminderFactory

CODE = TEST_CODE


@pytest.mark.parametrize("amount, text", [
    (Decimal("12084000.00"), "1208.40"), (Decimal("86000"), "8.60"), (Decimal("0"), "0.00"),
    (Decimal("49.99"), "0.00"), (Decimal("50"), "0.01"), (None, "0.00"),
])
def test_amounts_in_wan_yuan(amount, text):
    assert wan_yuan(amount) == text


@pytest.mark.parametrize("rate, text", [
    (Decimal("0.9580"), "95.8%"), (Decimal("0.9697"), "约为97%"), (Decimal("0.97"), "97%"), (Decimal("1"), "100%"),
    (Decimal("0.6667"), "66.7%"), (Decimal("0.99996"), "约为100%"), (Decimal("0"), "0%"), (None, "—"),
])
def test_rates_as_offices_write_them(rate, text):
    assert percent(rate) == text


def build(user, area, key):
    report = Report.objects.create(requested_by=user, area=area, period=key, period_label=parse_period(key).label,
                                   functions=sorted(user.functions))
    return reports.report_build(report=report)


def test_the_report_job_writes_word_and_excel_with_the_sentences(todos, personas):
    y = todos.year
    report = build(personas.leader, todos.district, str(y))
    assert report.status == Report.Status.DONE and report.progress == 100
    assert report.title == f"罗湖区司法局{y}年工作情况统计"

    document = docx.Document(report.docx.path)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == f"罗湖区司法局{y}年工作情况统计"
    assert f"现将全区{y}年各项业务工作统计情况报告如下：" in paragraphs
    assert "全区共有到期待办4件（上年同期2件），涉及金额483.36万元。" in paragraphs  # a base under 10: no percentage
    heading = next(p for p in paragraphs if p.endswith("测试工作"))
    assert heading[1] == "、"
    assert "罗湖区司法局" in paragraphs and f"{y}年" in " ".join(paragraphs)
    assert any(f"同比（{y}年与{y - 1}年相比）见所附Excel表" in p for p in paragraphs)
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    body = next(p for p in document.paragraphs if p.text.startswith("全区共有到期待办"))
    assert body.style.name == "正文" and body.style.font.size.pt == 16
    fonts = body.style.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"

    book = load_workbook(report.xlsx.path)
    rows = list(book["测试业务"].values)
    assert rows[0] == ("指标代码", "指标名称", "单位", f"{y}年", f"上年同期（{y - 1}年）", "同比", "统计口径")
    assert (CODE, "测试待办", "件", 4, 2, "基数较小", "期内到期的待办") in rows
    assert ("trial.test_amount", "测试金额", "元", 4833600.0, 2416800.0, 1.0, "测试") in rows
    assert ("同比", f"同比：{y}年与{y - 1}年相比。", None) in list(book["说明"].values)


def test_a_function_without_activity_and_one_without_its_own_writer(todos, personas):
    report = build(personas.leader, todos.district, str(todos.year - 3))
    sections = {s["heading"][2:]: s["text"] for s in report.figures["sections"]}
    assert sections["测试工作"] == "本期全区无到期待办。"
    assert all(text for text in sections.values())


def test_the_figures_are_frozen_with_the_report(todos, personas):
    report = build(personas.leader, todos.district, str(todos.year))
    ReminderFactory(area=todos.street_a, due_on=date(todos.year, 8, 8))
    report.refresh_from_db()
    assert report.figures["values"][CODE] == 4
    assert report.figures["values"]["trial.test_amount"] == "4833600.00"
    assert reports.report_build(report=report).figures["values"][CODE] == 4  # a finished report stays as it is


def test_asking_for_a_report_queues_the_job_and_the_page_shows_its_progress(todos, client_for, personas,
                                                                          django_capture_on_commit_callbacks,
                                                                          monkeypatch):
    from figures import tasks

    queued = []
    monkeypatch.setattr(tasks.build_report_task, "delay", lambda pk: queued.append(pk))
    client = client_for(personas.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:report_list"), {"area": "440303", "year": todos.year, "span": "H1"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert queued == [report.pk] and report.period == f"{todos.year}-H1"
    assert report.period_label == f"{todos.year}年上半年"
    waiting = client.get(report.get_absolute_url()).content.decode()
    assert "排队中" in waiting and 'hx-trigger="every 1s"' in waiting

    tasks.build_report_task.apply(args=[report.pk])
    done = client.get(report.get_absolute_url()).content.decode()
    assert "全区共有到期待办3件" in done and "下载Word报告" in done and "every 1s" not in done
    word = client.get(reverse("dashboard:report_download", args=[report.pk, "docx"]))
    assert word.status_code == 200 and "attachment" in word["Content-Disposition"]
    downloaded = docx.Document(BytesIO(b"".join(word.streaming_content)))
    assert f"（{todos.year}年上半年）" in [p.text for p in downloaded.paragraphs]
    history = client.get(reverse("dashboard:report_list")).content.decode()
    assert report.title in history


def test_a_report_cannot_be_queued_while_the_broker_is_down(todos, client_for, personas, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    from figures import tasks

    def down(pk):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks.build_report_task, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.leader).post(reverse("dashboard:report_list"), {"area": "440303", "year": todos.year})
    report = Report.objects.get()
    assert report.status == Report.Status.FAILED and "任务队列暂时不可用" in report.message


def test_who_may_ask_for_and_read_a_report(todos, client_for, personas):
    report = build(personas.leader, todos.district, str(todos.year))
    assert client_for(personas.clerk_a).get(reverse("dashboard:report_list")).status_code == 403
    assert client_for(personas.other_leader).get(report.get_absolute_url()).status_code == 404
    download = reverse("dashboard:report_download", args=[report.pk, "docx"])
    assert client_for(personas.other_leader).get(download).status_code == 404
    refused = client_for(personas.other_leader).post(reverse("dashboard:report_list"),
                                                    {"area": "440303", "year": todos.year})
    assert refused.status_code == 200 and not Report.objects.filter(requested_by=personas.other_leader).exists()
    assert 'id="report-errors"' in refused.content.decode()  # the refusal says why
    assert client_for(personas.admin).get(report.get_absolute_url()).status_code == 200


def test_the_report_form_shows_every_error_and_builds_2020_with_or_without_records(
        todos, client_for, personas, django_capture_on_commit_callbacks, monkeypatch):
    from figures import tasks

    monkeypatch.setattr(tasks.build_report_task, "delay", lambda pk: None)
    client = client_for(personas.leader)
    refused = client.post(reverse("dashboard:report_list"), {"area": "440303", "year": 1999})
    content = refused.content.decode()
    assert refused.status_code == 200 and 'id="report-errors"' in content and "没有1999年的统计" in content
    assert not Report.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):  # no record in 2020: a report of zeros, saying so
        response = client.post(reverse("dashboard:report_list"), {"area": "440303", "year": 2020})
    report = Report.objects.get()
    assert response.status_code == 302 and report.period == "2020"
    assert reports.report_build(report=report).figures["values"][CODE] == 0

    ReminderFactory(area=todos.street_a, due_on=date(2020, 5, 6))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dashboard:report_list"), {"area": "440303", "year": 2020})
    report = Report.objects.latest("pk")
    sections = [s["text"] for s in reports.report_build(report=report).figures["sections"]]
    assert "全区共有到期待办1件，涉及金额120.84万元。" in sections


def test_a_report_of_a_running_period_says_which_days_it_compares(todos, personas, time_machine):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    y = todos.year
    time_machine.move_to(datetime.combine(date(y, 3, 20), time(10), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    report = build(personas.leader, todos.district, str(y))
    assert report.figures["values"][CODE] == 2 and report.figures["previous"][CODE] == 2  # up to 20 March
    assert report.figures["compared"]["current"] == f"{y}-01-01..{y}-03-20"
    paragraphs = [p.text for p in docx.Document(report.docx.path).paragraphs]
    assert any(f"本期尚未结束，数据统计至{y}年3月20日" in p and f"同比（{y}年1月1日—3月20日与{y - 1}年1月1日—3月20日相比）"
               in p for p in paragraphs)
    rows = list(load_workbook(report.xlsx.path)["测试业务"].values)
    assert rows[0][3:6] == (f"{y}年1月1日—3月20日", f"上年同期（{y - 1}年1月1日—3月20日）", "同比")


def test_a_report_of_a_period_not_yet_begun_is_refused(todos, personas):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    with pytest.raises(ValidationError, match="尚未开始"):
        reports.report_request(user=personas.leader, area=todos.district,
                               period=parse_period(str(timezone.localdate().year + 1)))

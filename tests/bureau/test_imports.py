"""The shared import pipeline: template, preview with every error named, all-or-nothing commit, jobs."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from bureau.audit import AuditEvent
from bureau.imports import get_resource
from bureau.imports.services import import_job_progress
from bureau.models import ImportJob
from bureau.tasks import import_commit_task, import_validate_task
from legalaid.models import Consultation

HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "摘要", "解答内容"]  # a file may leave columns out
TEMPLATE_HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "咨询人", "联系电话", "摘要", "解答内容"]


def xlsx(headers, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content, name="咨询.xlsx"):
    return SimpleUploadedFile(name, content)


def consultation_rows(n, street="440303001"):
    return [[date(2025, 3, 1 + i % 28), street, "12348热线", "劳动争议", 1 + i % 3, f"欠薪咨询{i}", "告知可申请仲裁"]
            for i in range(n)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_file(client, name, content, filename="咨询.xlsx"):
    return client.post(reverse("imports:importjob_create", args=[name]), {"file": upload(content, filename)})


def test_template_has_the_chinese_headers_dropdowns_and_an_instructions_sheet(client_for, personas):
    response = client_for(personas.clerk_a).get(reverse("imports:resource_template", args=["legalaid.consultation"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, help_sheet = book["数据"], book["说明"]
    assert [c.value for c in data[1]] == TEMPLATE_HEADERS
    assert data["A1"].font.bold and data.column_dimensions["F"].width >= 8
    assert any("C2" in str(rule.sqref) for rule in data.data_validations.dataValidation)  # 渠道 dropdown
    explained = [row for row in help_sheet.iter_rows(values_only=True) if row[0] in TEMPLATE_HEADERS]
    assert [row[0] for row in explained] == TEMPLATE_HEADERS
    assert dict((row[0], row[1]) for row in explained)["日期"] == "必填"
    assert "12348热线" in dict((row[0], row[4]) for row in explained)["渠道"]


def test_a_file_with_bad_rows_writes_nothing_and_names_each_row_column_and_reason(client_for, personas):
    rows = consultation_rows(3) + [
        ["2025-02-30", "440303001", "窗口", "劳动争议", 1, "", "已解答"],  # row 5: no such date
        ["2025-03-02", "不存在街道", "窗口", "劳动争议", 1, "", "已解答"],  # row 6: unknown street
        ["2025-03-02", "黄贝街道", "窗口", "劳动争议", 1, "", "已解答"],  # row 7: street B, not clerk_a's
        ["2025-03-02", "桂园", "传真", "劳动争议", 0, "", "已解答"],  # row 8: channel and person-times
    ]
    client = client_for(personas.clerk_a)
    response = post_file(client, "legalaid.consultation", xlsx(HEADERS, rows))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == ImportJob.Status.INVALID and Consultation.objects.count() == 0
    errors = {(row, column): message for row, column, message in job.errors}
    assert "日期格式不正确" in errors[(5, "日期")]
    assert "未找到街道" in errors[(6, "街道")]
    assert "不在您的管辖范围内" in errors[(7, "街道")]
    assert "传真" in errors[(8, "渠道")] and (8, "人次") in errors
    assert job.error_count == 5 and not job.file  # the upload (with personal data) is not kept
    html = client.get(job.get_absolute_url()).content.decode()
    assert "文件中有5处错误，没有写入任何数据" in html and "不在您的管辖范围内" in html
    assert "确认导入" not in html


def test_a_good_file_is_previewed_then_written_whole_with_the_importer_in_every_audit_event(client_for, personas):
    client = client_for(personas.clerk_a)
    post_file(client, "legalaid.consultation", xlsx(HEADERS, consultation_rows(25)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALID and Consultation.objects.count() == 0
    html = client.get(job.get_absolute_url()).content.decode()
    assert "将写入25条记录" in html and "欠薪咨询0" in html and "确认导入" in html

    response = client.post(reverse("imports:importjob_commit", args=[job.pk]), follow=True)
    assert "已导入25条记录" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 25
    saved = Consultation.objects.order_by("id")
    assert saved.count() == 25 and {c.recorded_by for c in saved} == {personas.clerk_a}
    assert saved[0].channel == Consultation.Channel.HOTLINE and saved[0].topic == "labour"
    events = AuditEvent.objects.filter(pgh_obj_model="legalaid.Consultation", pgh_label="insert")
    assert events.count() == 25
    assert {e.user for e in events} == {personas.clerk_a}
    assert {e.pgh_context["import_job"] for e in events} == {job.pk}

    again = client.post(reverse("imports:importjob_commit", args=[job.pk]), follow=True)
    assert "不能再次导入" in again.content.decode() and Consultation.objects.count() == 25


def test_a_large_file_runs_in_celery_with_progress_to_100_percent(client_for, personas, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.IMPORT_ASYNC_ROWS = 10
    client = client_for(personas.clerk_a)
    with django_capture_on_commit_callbacks() as queued:
        post_file(client, "legalaid.consultation", xlsx(HEADERS, consultation_rows(30)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALIDATING and len(queued) == 1
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'class="progress"' in html
    progress = client.get(reverse("imports:importjob_progress", args=[job.pk]))
    assert "progress-bar" in progress.content.decode()

    import_validate_task.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID and import_job_progress(job) == 100
    assert client.get(reverse("imports:importjob_progress", args=[job.pk]))["HX-Refresh"] == "true"

    with django_capture_on_commit_callbacks() as queued:
        client.post(reverse("imports:importjob_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTING and len(queued) == 1 and Consultation.objects.count() == 0
    import_commit_task.apply(args=[job.pk])
    import_commit_task.apply(args=[job.pk])  # delivered twice: writes once
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 30 and job.processed_rows == 30
    assert Consultation.objects.count() == 30
    from django.core.cache import cache

    assert cache.get(f"imports:job:{job.pk}:progress") == 100
    events = AuditEvent.objects.filter(pgh_obj_model="legalaid.Consultation", pgh_label="insert")
    assert {e.user for e in events} == {personas.clerk_a}
    assert {e.task for e in events} == {"bureau.tasks.import_commit_task"}


def test_the_management_command_prints_errors_or_writes_the_rows(personas, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad_row = ["2025-03-01", "440303002", "窗口", "婚姻", 1, "", "已解答"]
    bad.write_bytes(xlsx(HEADERS, consultation_rows(2) + [bad_row]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 处错误"):
        call_command("import_records", "legalaid.consultation", str(bad), "--user", "clerk_a", stdout=out)
    assert "第4行\t街道\t“黄贝街道”不在您的管辖范围内。" in out.getvalue()
    assert "第4行\t咨询事项" in out.getvalue()

    good = tmp_path / "good.csv"
    good.write_bytes(("\n".join([",".join(HEADERS)] + [f"2025-03-0{i},桂园街道,窗口,婚姻家庭,2,x,已解答" for i in range(1, 8)])
                      ).encode("gb18030"))  # Excel in China saves CSV as GB18030
    out = io.StringIO()
    call_command("import_records", "legalaid.consultation", str(good), "--user", "clerk_a", "--dry-run", stdout=out)
    assert "校验通过：7 条记录" in out.getvalue() and Consultation.objects.count() == 0
    call_command("import_records", "legalaid.consultation", str(good), "--user", "clerk_a", stdout=out)
    assert "已写入 7 条记录" in out.getvalue() and Consultation.objects.count() == 7
    event = AuditEvent.objects.filter(pgh_obj_model="legalaid.Consultation").first()
    assert event.user == personas.clerk_a and event.pgh_context["command"] == "import_records"


def test_only_users_who_may_write_the_function_import_it(client_for, personas):
    leader = client_for(personas.leader)  # reads everything, writes nothing
    assert leader.get(reverse("imports:importjob_create", args=["legalaid.consultation"])).status_code == 403
    assert leader.get(reverse("imports:resource_template", args=["legalaid.consultation"])).status_code == 403
    response = post_file(leader, "legalaid.consultation", xlsx(HEADERS, consultation_rows(1)))
    assert response.status_code == 403 and not ImportJob.objects.exists()
    assert "没有可以导入的业务数据" in leader.get(reverse("imports:resource_list")).content.decode()

    advisor = client_for(personas.advisor)  # their own service logs only: not legal aid, not the registry
    assert advisor.get(reverse("imports:importjob_create", args=["legalaid.consultation"])).status_code == 403
    offered = [resource.name for resource in advisor.get(reverse("imports:resource_list")).context["resources"]]
    assert "lawyers.servicelog" in offered
    assert not [code for code in offered if code.startswith("legalaid.") or code in ("lawyers.lawfirm", "lawyers.lawyer")]
    assert client_for(personas.section).get(reverse("imports:importjob_create", args=["nope.nothing"])).status_code == 404


def test_another_users_import_is_not_found(client_for, personas):
    post_file(client_for(personas.clerk_a), "legalaid.consultation", xlsx(HEADERS, consultation_rows(2)))
    job = ImportJob.objects.get()
    clerk_b = client_for(personas.clerk_b)
    assert clerk_b.get(job.get_absolute_url()).status_code == 404
    assert clerk_b.post(reverse("imports:importjob_commit", args=[job.pk])).status_code == 404
    assert Consultation.objects.count() == 0


def test_the_district_may_import_every_street_and_street_b_is_refused_street_a(client_for, personas, areas):
    rows = consultation_rows(2, street="440303001") + consultation_rows(2, street="黄贝")
    post_file(client_for(personas.section), "legalaid.consultation", xlsx(HEADERS, rows))
    assert ImportJob.objects.get().status == ImportJob.Status.VALID

    post_file(client_for(personas.clerk_b), "legalaid.consultation", xlsx(HEADERS, rows), "b.xlsx")
    job = ImportJob.objects.get(user=personas.clerk_b)
    assert [(r, c) for r, c, _m in job.errors] == [(2, "街道"), (3, "街道")]


def test_headers_are_checked_before_the_rows(personas):
    resource = get_resource("legalaid.consultation")
    from bureau.imports.files import read_table

    table = read_table(io.BytesIO(xlsx(["日期", "街道", "咨询内容"], [["2025-03-01", "桂园", "x"]])), "f.xlsx")
    errors = [(e.row, e.column, e.message) for e in resource.validate(table, personas.clerk_a).errors]
    assert (1, "咨询内容", "无法识别的列，请使用导入模板的列名。") in errors
    assert (1, "咨询事项", "缺少必填列。") in errors


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(client_for, personas):
    client = client_for(personas.clerk_a)
    response = post_file(client, "legalaid.consultation", b"%PDF-1.4", "scan.pdf")
    assert "请上传 Excel（.xlsx）或 CSV 文件" in response.content.decode()
    response = post_file(client, "legalaid.consultation", b"not a zip", "broken.xlsx")
    assert "无法读取文件" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_large_file_fails_clearly_when_the_task_queue_is_down(client_for, personas, settings, monkeypatch,
                                                                django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is not answering")

    settings.IMPORT_ASYNC_ROWS = 10
    monkeypatch.setattr(import_validate_task, "delay", broker_down)
    client = client_for(personas.clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(client, "legalaid.consultation", xlsx(HEADERS, consultation_rows(30)))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and not job.file
    assert "没有写入任何数据" in client.get(job.get_absolute_url()).content.decode()


@pytest.fixture
def english_then_back():
    yield
    translation.deactivate()  # back to LANGUAGE_CODE: the language a page activated must not leak into later tests


def test_the_pages_speak_english_while_the_template_keeps_its_chinese_headers(client_for, personas,
                                                                             english_then_back):
    client = client_for(personas.clerk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Download template" in client.get(reverse("imports:resource_list")).content.decode()
    post_file(client, "legalaid.consultation", xlsx(HEADERS, [["2025-02-30", "桂园", "窗口", "劳动争议", 1, "", "已解答"]]))
    html = client.get(ImportJob.objects.get().get_absolute_url()).content.decode()
    assert "The file has 1 error; nothing was written." in html and "Invalid date" in html
    book = openpyxl.load_workbook(io.BytesIO(
        client.get(reverse("imports:resource_template", args=["legalaid.consultation"])).content))
    assert [c.value for c in book["数据"][1]] == TEMPLATE_HEADERS and book["说明"]["B7"].value == "必填"

"""The probe's security defects (issue 18: parts 1, 2, 8, 11), each reproduced as the probe sent it.

Each test is named after its defect, so one that returns names itself in the report.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from bureau.audit import REVEALED, AuditEvent
from bureau.models import Role
from tests.corrections.conftest import make_supervisee  # noqa: F401 F811 (fixture)
from tests.factories import LawyerFactory, UserFactory, resident_id
from tests.lawyers.conftest import advisors, log, registry  # noqa: F401 (fixtures)
from tests.legalaid.conftest import clock_rules, firm, lawyers, make_case  # noqa: F401 F811 (fixtures)


def reveal_url(obj, field="id_number"):
    return reverse("bureau:identifier_reveal", args=[obj._meta.app_label, obj._meta.model_name, obj.pk, field])


@pytest.fixture
def corrections_section(areas):
    return UserFactory(username="corrections_section", name="社区矫正科 孙伟", role=Role.SECTION,
                       section="corrections", area=areas.district)


# --- 1. The reveal of an ID number asks what opening the record's page asks ---------------------------------


def test_defect_1_reveal_checks_function(client_for, personas, corrections_section, make_case):  # noqa: F811
    """The corrections section, in the case's district, revealed legal-aid applicants' and recipients' numbers."""
    case = make_case()
    recipient = case.recipients.first()
    recipient.id_number = resident_id(sequence="456")
    recipient.save(update_fields=["id_number"])
    client = client_for(corrections_section)
    assert client.get(case.get_absolute_url()).status_code == 403  # the page refuses the function …
    assert client.post(reveal_url(case, "applicant_id_number")).status_code == 404  # … and so does the reveal
    assert client.post(reveal_url(recipient)).status_code == 404
    assert not AuditEvent.objects.filter(pgh_label=REVEALED).exists()
    # Those who may open the case still see the number.
    response = client_for(personas.section).post(reveal_url(case, "applicant_id_number"))
    assert response.status_code == 200 and case.applicant_id_number in response.content.decode()


def test_defect_1_reveal_of_a_lawyer_follows_the_registry(client_for, personas, corrections_section, areas,
                                                          firm):  # noqa: F811
    """The registry is read by legal aid too (lawyers.permissions.RECORD_ACCESS); not by corrections."""
    lawyer = LawyerFactory(firm=firm, area=areas.street_a, id_number=resident_id(birth="19800101"))
    assert client_for(corrections_section).post(reveal_url(lawyer)).status_code == 404
    response = client_for(personas.section).post(reveal_url(lawyer))
    assert response.status_code == 200 and str(lawyer.id_number) in response.content.decode()


# --- 8. Tokens expire, and die with a password change or a lockout -------------------------------------------


def token_for(client, user, password="secret-Pass-2026"):
    user.set_password(password)
    user.save()
    response = client.post(reverse("api:token"), {"username": user.username, "password": password})
    assert response.status_code == 200
    return response.json()["token"]


def me(client, token):
    return client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")


def refused(response):
    """DRF answers a failed authentication 403, not 401, when the first authentication class (the session)
    sends no WWW-Authenticate challenge."""
    return response.status_code in (401, 403)


def test_defect_8_tokens_expire(client, personas, time_machine, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.API_TOKEN_LIFETIME = timedelta(hours=8)
    token = token_for(client, personas.clerk_a)
    assert me(client, token).status_code == 200
    time_machine.move_to(timezone.now() + timedelta(hours=8, minutes=1))
    response = me(client, token)
    assert refused(response) and "令牌已过期" in response.json()["detail"]
    fresh = token_for(client, personas.clerk_a)  # signing in again gives a new token that works
    assert fresh != token and me(client, fresh).status_code == 200


def test_defect_8_token_dies_with_a_password_change(client, personas):
    from bureau.services import user_password_changed

    token = token_for(client, personas.clerk_a)
    assert me(client, token).status_code == 200
    user_password_changed(user=personas.clerk_a, new_password="another-Pass-2027")
    assert refused(me(client, token))


def test_defect_8_token_dies_with_the_admins_set_password(client, client_for, personas):
    token = token_for(client, personas.clerk_a)
    admin = client_for(personas.admin)
    url = reverse("admin:auth_user_password_change", args=[personas.clerk_a.pk])
    response = admin.post(url, {"password1": "Admin-Set-2026x", "password2": "Admin-Set-2026x",
                                "usable_password": "true"})
    assert response.status_code == 302
    admin.logout()
    assert refused(me(client, token))


def test_defect_8_token_dies_with_a_lockout(client, personas, settings):
    token = token_for(client, personas.clerk_a)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    assert refused(me(client, token))


# --- 2. Hostile files are bounded before they are read -----------------------------------------------------

HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "摘要"]


def workbook_bytes(fill):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    fill(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped_sheet(sheet_xml_chunks):
    """An .xlsx whose first sheet is the given XML, written chunk by chunk (never whole in memory)."""
    import io
    import zipfile

    base = workbook_bytes(lambda sheet: sheet.append(HEADERS))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with out.open(item.filename, "w", force_zip64=True) as member:
                    for chunk in sheet_xml_chunks:
                        member.write(chunk)
            else:
                out.writestr(item, source.read(item.filename))
    return buffer.getvalue()


def post_import(client, content, filename="咨询.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("imports:importjob_create", args=["legalaid.consultation"]),
                       {"file": SimpleUploadedFile(filename, content)})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_defect_2_a_cell_at_xfd1048576_is_refused_before_reading(client_for, personas, media):
    from bureau.models import ImportJob

    def two_cells(sheet):
        sheet["A1"] = "日期"
        sheet["XFD1048576"] = "x"

    content = workbook_bytes(two_cells)
    assert len(content) < 10_000  # the probe's file was 1,877 bytes
    response = post_import(client_for(personas.clerk_a), content)
    assert response.status_code == 200
    assert "工作表的范围过大（最后一个单元格在第1048576行第16384列）" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_defect_2_a_declared_dimension_past_the_caps_is_refused(personas):
    from django.core.exceptions import ValidationError

    from bureau.imports.files import check_archive

    xml = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<dimension ref="A1:GS300000"/><sheetData/></worksheet>')
    with pytest.raises(ValidationError, match="工作表的范围过大"):
        check_archive(zipped_sheet([xml]))


@pytest.mark.parametrize("far, extent", [
    (b'<row r="300000"><c r="A300000" t="inlineStr"><is><t>x</t></is></c></row>', "第300000行第15列"),
    (b'<row r="2"><c r="GS2" t="inlineStr"><is><t>x</t></is></c></row>', "第49999行第201列"),
    (b'<row r="2"><c r="AAA2"/></row>', "第49999行第703列"),
])
def test_defect_2_a_far_cell_after_megabytes_of_ordinary_rows_is_refused(far, extent):
    """Ordinary rows (refs that cannot be past the caps) are not read one by one; the far cell still is, whichever
    chunk it comes in."""
    from django.core.exceptions import ValidationError

    from bureau.imports.files import CHUNK, check_archive

    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="O%d"><v>2</v></c></row>' % (n, n, n)
                    for n in range(1, 50_000))
    assert len(rows) > 2 * CHUNK
    with pytest.raises(ValidationError, match=f"最后一个单元格在{extent}"):
        check_archive(zipped_sheet([head, rows, far, b"</sheetData></worksheet>"]))
    check_archive(zipped_sheet([head, rows, b'<row r="50000"><c r="GR50000"><v>1</v></c></row>',
                                b"</sheetData></worksheet>"]))  # the last row and column within the caps


def test_defect_2_a_zip_bomb_is_refused_by_its_ratio_and_by_its_size(client_for, personas, media, settings):
    from bureau.models import ImportJob

    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    filler = b"<!--" + b" " * (1 << 20) + b"-->"
    bomb = zipped_sheet([head, *[filler] * 12, b"</sheetData></worksheet>"])  # 12 MB in a few KB
    assert len(bomb) < 200_000
    response = post_import(client_for(personas.clerk_a), bomb)
    assert "文件解压后过大" in response.content.decode()
    # Past the total even when each member looks ordinary: the decompressed bytes are counted as they come.
    settings.IMPORT_MAX_COMPRESSION_RATIO = 10 ** 9
    settings.IMPORT_MAX_UNZIPPED_BYTES = 8 * 1024 * 1024
    response = post_import(client_for(personas.clerk_a), bomb)
    assert "文件解压后过大（超过 8 MB）" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_defect_2_a_huge_cell_is_refused_before_the_preview(client_for, personas, media):
    from bureau.models import ImportJob

    client = client_for(personas.clerk_a)
    megabyte = workbook_bytes(lambda sheet: (sheet.append(HEADERS),
                                             sheet.append(["2025-03-01", "440303001", "12348热线", "劳动争议", 1,
                                                           "欠" * (1 << 20)])))
    response = post_import(client, megabyte)
    assert "文件中有超过10000个字符的单元格" in response.content.decode()
    # Under the byte-level bound, the exact count names the cell.
    long = workbook_bytes(lambda sheet: (sheet.append(HEADERS),
                                         sheet.append(["2025-03-01", "440303001", "12348热线", "劳动争议", 1,
                                                       "a" * 10_001])))
    response = post_import(client, long)
    assert "第2行第F列的内容超过10000个字符" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_defect_2_csv_files_are_bounded_too(client_for, personas, media, settings):
    from bureau.models import ImportJob

    client = client_for(personas.clerk_a)
    header = ",".join(HEADERS).encode()
    response = post_import(client, header + b"\n2025-03-01,440303001,12348,x,1," + b"a" * 200_000, "咨询.csv")
    assert "第2行有超过10000个字符的内容" in response.content.decode()
    response = post_import(client, header + b"\n" + b",".join([b"x"] * 201), "咨询.csv")
    assert "第2行有201列，一个工作表最多200列" in response.content.decode()
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    response = post_import(client, header + b"\n" + b"x" * (1024 * 1024), "咨询.csv")
    assert "文件不能超过 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_defect_2_an_ordinary_file_still_reads(personas):
    import io

    from bureau.imports.files import read_table

    row = ["2025-03-01", "440303001", "12348热线", "劳动争议", 1, "欠薪"]
    content = workbook_bytes(lambda sheet: (sheet.append(HEADERS), sheet.append(row)))
    table = read_table(io.BytesIO(content), "咨询.xlsx")
    assert table.headers == HEADERS and len(table.rows) == 1


# --- 11. Headers and small ones ------------------------------------------------------------------------------


def test_defect_11_every_response_has_a_content_security_policy(client, client_for, personas):
    for response in (client.get(reverse("login")), client_for(personas.clerk_a).get("/")):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "img-src 'self' data:" in policy and "frame-ancestors 'self'" in policy
        assert "http" not in policy  # nothing from elsewhere: every asset is vendored


def test_defect_11_personal_data_is_not_stored_by_caches(client, client_for, personas):
    signed_in = client_for(personas.clerk_a)
    for url in ("/", "/api/v1/me/", "/todos/"):
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    signed_in.logout()
    token = token_for(client, personas.clerk_b)
    assert "no-store" in me(client, token)["Cache-Control"]


def test_defect_11_another_districts_appraisal_is_404(client_for, personas, areas):
    luohu_lawyers = UserFactory(username="lawyers_section", name="律师工作科", role=Role.SECTION, section="lawyers",
                                area=areas.district)
    client = client_for(luohu_lawyers)
    page = reverse("lawyers:appraisal_current")
    assert client.get(f"{page}?district=440303").status_code == 200
    assert client.get(f"{page}?district={areas.other_district.code}").status_code == 404
    ranking = "/api/v1/lawyers/appraisals/ranking/"
    assert client.get(f"{ranking}?district=440303").status_code == 200
    assert client.get(f"{ranking}?district={areas.other_district.code}").status_code == 404


def test_defect_11_wrong_old_passwords_are_throttled(client_for, personas):
    from django.core.cache import cache

    personas.clerk_a.set_password("Right-Pass-2026")
    personas.clerk_a.save()
    cache.delete(f"bureau:old-password-tries:{personas.clerk_a.pk}")
    client = client_for(personas.clerk_a)
    url = reverse("password_change")
    for _attempt in range(5):
        response = client.post(url, {"old_password": "guess", "new_password1": "New-Pass-2027x",
                                     "new_password2": "New-Pass-2027x"})
        assert "原密码连续输错" not in response.content.decode()
    # The sixth try is refused even with the right password.
    response = client.post(url, {"old_password": "Right-Pass-2026", "new_password1": "New-Pass-2027x",
                                 "new_password2": "New-Pass-2027x"})
    assert response.status_code == 200 and "原密码连续输错5次，请15分钟后再试。" in response.content.decode()
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.check_password("Right-Pass-2026")
    cache.delete(f"bureau:old-password-tries:{personas.clerk_a.pk}")


def test_defect_11_password_too_short_is_chinese(client_for, personas):
    personas.clerk_a.set_password("Right-Pass-2026")
    personas.clerk_a.save()
    response = client_for(personas.clerk_a).post(reverse("password_change"), {
        "old_password": "Right-Pass-2026", "new_password1": "a1b", "new_password2": "a1b"})
    html = response.content.decode()
    assert "密码太短，至少需要8个字符。" in html and "too short" not in html


def test_defect_11_debug_answers_only_its_own_machine(client, settings):
    settings.DEBUG = True
    assert client.get(reverse("login"), REMOTE_ADDR="203.0.113.7").status_code == 403
    assert client.get(reverse("login"), REMOTE_ADDR="127.0.0.1").status_code == 200


def test_defect_11_bin_run_refuses_debug_on_a_public_address():
    import subprocess
    from pathlib import Path

    from django.conf import settings

    run = Path(settings.BASE_DIR) / "bin" / "run"
    result = subprocess.run(["bash", str(run)], env={"HOST": "0.0.0.0", "PORT": "1", "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and "DEBUG is on" in result.stderr


def test_defect_11_scripts_come_only_from_the_portals_files(client):
    """script-src is 'self' alone: an inline script, an on…= attribute or a string evaluated would be refused."""
    from bureau.middleware import content_security_policy

    for policy in (content_security_policy(), client.get(reverse("login"))["Content-Security-Policy"]):
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe" not in directives["script-src"] and "unsafe-eval" not in policy
        assert directives["worker-src"] == "'self' blob:"  # Redoc's search worker; scripts stay 'self' only
    page = client.get(reverse("login")).content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": true, "allowEval": false}'>""" in page


def test_defect_11_the_api_docs_load_only_the_portals_files(client_for, personas):
    client = client_for(personas.clerk_a)
    swagger = client.get("/api/v1/docs/").content.decode()
    script = re.search(r'<script src="([^"]+)"></script>\s*$', swagger.split("</body>")[0].rstrip()).group(1)
    assert "<script>" not in swagger and client.get(script.replace("&amp;", "&"))["Content-Type"].startswith(
        "application/javascript")  # Swagger UI's starting script, served by the view as a file
    redoc = client.get("/api/v1/redoc/").content.decode()
    assert "<redoc spec-url=" in redoc and "http" not in redoc  # the package's page loads Google Fonts


@pytest.fixture
def pages_with_scripts(areas, personas):
    """What the pages whose scripts are files need to show them: a to-do list longer than a page, a public legal
    service station open every day, and the advisor persona posted to 桂园东社区 with one service log entry."""
    from datetime import timedelta
    from types import SimpleNamespace

    from lawyers.models import Posting, ServiceKind, ServiceLog, ServicePoint
    from lawyers.services import service_log_create
    from tests.factories import ReminderFactory
    from tests.public_service.conftest import every_day

    ReminderFactory.create_batch(26, area=areas.district, assignee=personas.leader, kind="bureau.csp")
    station = ServicePoint.objects.create(name="桂园街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                          area=areas.street_a, address="桂园街道办事处一楼")
    every_day(station)
    today = timezone.localdate()
    lawyer = LawyerFactory(name="刘律师", area=areas.street_a, user=personas.advisor)
    Posting.objects.create(lawyer=lawyer, area=areas.community_a, start_on=today - timedelta(days=30),
                           end_on=today + timedelta(days=300))
    entry = service_log_create(log=ServiceLog(lawyer=lawyer, area=areas.community_a, on=today,
                                              kind=ServiceKind.CONSULTATION, count=1), by=personas.advisor)
    return SimpleNamespace(station=station, entry=entry)


def _resident_session(page, live_server, phone):
    """The browser holds a resident's session with a verified phone, as after the code was entered."""
    from importlib import import_module

    from django.conf import settings

    from public_service.views.resident import SESSION_PHONE

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_PHONE] = phone
    session.save()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
                               "url": live_server.url}])


@pytest.mark.django_db(transaction=True)
def test_defect_11_the_policy_blocks_nothing_the_pages_use(live_server, page, personas, make_supervisee,  # noqa: F811
                                                           pages_with_scripts):
    """The pages' scripts, styles, charts and htmx under the policy: the browser reports no violation, and each
    script moved to a file still does its work (the page changes as it did when the script was inline)."""
    from playwright.sync_api import expect

    from tests.browser import sign_in

    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    make_supervisee(name="陈全选")
    make_supervisee(name="林全选")

    sign_in(page, live_server, "leader")
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator("#swagger-ui .info .title")).to_be_visible(timeout=30_000)  # its starting script, a file

    # The dashboards' selector: a select sends the form; a custom range shows the dates and waits for them.
    page.goto(live_server.url + reverse("dashboard:overview"))
    selector = page.locator("#period-form")
    expect(selector.locator("select").first).to_have_class(re.compile(r"\bform-select-sm\b"))
    expect(selector.locator(".period-range").first).to_be_hidden()
    with page.expect_navigation():
        selector.locator("[name=span]").select_option("H1")
    assert "span=H1" in page.url
    page.locator("#period-form [name=span]").select_option("range")
    expect(page.locator("#period-form .period-range").first).to_be_visible()
    assert "span=H1" in page.url  # not sent: the dates come first

    # The work report's form: Bootstrap's look, and the dates only for a custom range.
    page.goto(live_server.url + reverse("dashboard:report_list"))
    report_form = page.locator("#report-form")
    expect(report_form.locator("[name=span]")).to_have_class(re.compile(r"\bform-select\b"))
    expect(report_form.locator(".period-range").first).to_be_hidden()
    report_form.locator("[name=span]").select_option("range")
    expect(report_form.locator(".period-range").first).to_be_visible()

    # A list longer than a page: choosing the page size sends it.
    page.goto(live_server.url + "/todos/")
    with page.expect_navigation():
        page.locator(".table-page-size select").select_option("50")
    assert "per_page=50" in page.url
    expect(page.locator("table tbody tr")).to_have_count(26)

    # The legal-aid application form's fields follow the answers; 添加受援人 adds a row.
    page.context.clear_cookies()
    sign_in(page, live_server, "section")
    page.goto(live_server.url + reverse("legalaid:case_create"))
    expect(page.locator(".notice-only")).to_be_hidden()
    page.locator("#id_source").select_option("notice_defence")
    expect(page.locator(".notice-only")).to_be_visible()
    expect(page.locator(".means-test").first).to_be_hidden()  # a notified case has no means test
    page.locator("#id_source").select_option("window")
    expect(page.locator(".means-test").first).to_be_visible()
    page.locator("#id_exemption_ground").select_option("abuse")
    expect(page.locator(".means-test").first).to_be_hidden()
    expect(page.locator(".criminal-only")).to_be_hidden()
    page.locator("#id_matter_kind").select_option("criminal")
    expect(page.locator(".criminal-only")).to_be_visible()
    expect(page.locator("#id_category option[value=criminal_defence]")).to_be_enabled()
    expect(page.locator("#id_category option[value=labour]")).to_be_disabled()
    rows = page.locator("#recipient-rows .recipient-row")
    before = rows.count()
    page.locator("#add-recipient").click()
    expect(rows).to_have_count(before + 1)
    expect(page.locator("#id_recipients-TOTAL_FORMS")).to_have_value(str(before + 1))

    # Corrections: 全选 / 全不选 on the education session's attendees; 添加一行 on a meeting's rows.
    page.context.clear_cookies()
    sign_in(page, live_server, "clerk_a")
    page.goto(live_server.url + reverse("corrections:session_create"))
    boxes = page.locator("#attendees input[type=checkbox]")
    expect(boxes).to_have_count(2)
    page.locator("[data-check=all]").click()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    page.locator("[data-check=none]").click()
    expect(boxes.nth(1)).not_to_be_checked()
    page.goto(live_server.url + reverse("corrections:review_meeting_create"))
    total = page.locator("#id_rows-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator("#add-row").click()
    expect(total).to_have_value(str(before + 1))
    expect(page.locator("#row-list .meeting-row")).to_have_count(before + 1)

    # The residents' site page with a verified phone: the booking form's boxes get Bootstrap's look.
    page.context.clear_cookies()
    _resident_session(page, live_server, "13800138000")
    page.goto(live_server.url + reverse("public_service:resident_site", args=[pages_with_scripts.station.pk]))
    expect(page.locator("#booking-form #id_name")).to_have_class(re.compile(r"\bform-control\b"))
    expect(page.locator("#booking-form input.btn-check").first).not_to_have_class(re.compile(r"\bform-control\b"))

    # The advisor's service log: deleting asks first; dismissed, nothing goes.
    from lawyers.models import ServiceLog

    page.context.clear_cookies()
    sign_in(page, live_server, "advisor")
    page.goto(live_server.url + reverse("lawyers:servicelog_update", args=[pages_with_scripts.entry.pk]))
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="删除这条记录").click()
    expect(page.get_by_role("button", name="删除这条记录")).to_be_visible()
    assert questions == ["确定删除这条服务记录？"]
    assert ServiceLog.objects.filter(pk=pages_with_scripts.entry.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="删除这条记录").click()
    expect(page.locator(".alert-success")).to_contain_text("已删除")
    assert not ServiceLog.objects.filter(pk=pages_with_scripts.entry.pk).exists()
    assert violations == []


# --- 6. Lost updates: a write over a record someone saved meanwhile is refused -------------------------------


FIRMS_API = "/api/v1/lawyers/firms/"


@pytest.fixture
def firm_of_street_a(areas):
    from tests.factories import LawFirmFactory

    return LawFirmFactory(name="广东桂园明理律师事务所", area=areas.street_a, phone="0755-00000001")


def firm_form_data(record, **values):
    return {"name": record.name, "credit_code": record.credit_code, "area": record.area_id,
            "director": record.director, "address": record.address, "phone": record.phone, "founded_on": "",
            **values}


def test_defect_6_a_stale_edit_form_is_refused_and_keeps_what_was_typed(client_for, personas, firm_of_street_a):
    """Two clerks open the record's edit page; the first saves; the second's save is refused with a message, shows
    what they typed, and the first clerk's change stays."""
    from lawyers.models import LawFirm

    record = firm_of_street_a
    url = reverse("lawyers:lawfirm_update", args=[record.pk])
    page = client_for(personas.clerk_a).get(url).content.decode()
    assert re.search(r'<input type="hidden" name="version" value="1"', page)  # the form carries what it loaded

    first = client_for(personas.clerk_a).post(url, firm_form_data(record, phone="0755-11111111", version=1))
    assert first.status_code == 302
    second = client_for(personas.clerk_a).post(url, firm_form_data(record, address="人民桥路1号", version=1))
    html = second.content.decode()
    assert second.status_code == 200
    assert "该律师事务所已被他人修改，请刷新后重试" in html
    assert 'value="人民桥路1号"' in html  # the user's input is still in the form
    record = LawFirm.objects.get(pk=record.pk)
    assert (record.phone, record.address, record.version) == ("0755-11111111", "", 2)
    # Opened again, the form carries the new version and saves.
    again = client_for(personas.clerk_a).post(url, firm_form_data(record, address="人民桥路1号", version=2))
    assert again.status_code == 302
    assert LawFirm.objects.get(pk=record.pk).address == "人民桥路1号"


def test_defect_6_the_api_gives_an_etag_and_honours_if_match(client_for, personas, firm_of_street_a):
    from lawyers.models import LawFirm

    record = firm_of_street_a
    url = f"{FIRMS_API}{record.pk}/"
    client = client_for(personas.clerk_a)
    read = client.get(url)
    assert read["ETag"] == '"1"' and read.json()["version"] == 1

    changed = client.patch(url, {"phone": "0755-22222222"}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200, changed.json()
    assert changed["ETag"] == '"2"' and changed.json()["version"] == 2

    stale = client.patch(url, {"address": "和平路8号"}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    assert stale.json()["detail"] == "该律师事务所已被他人修改，请刷新后重试（您填写的内容尚未保存）。"

    in_body = client.patch(url, {"address": "和平路8号", "version": 1}, content_type="application/json")
    assert in_body.status_code == 409 and "已被他人修改" in in_body.json()["detail"]

    record = LawFirm.objects.get(pk=record.pk)
    assert (record.phone, record.address, record.version) == ("0755-22222222", "", 2)

    current = client.patch(url, {"address": "和平路8号", "version": 2}, content_type="application/json")
    assert current.status_code == 200 and current["ETag"] == '"3"'
    assert client.get(f"{FIRMS_API}?name=桂园").json()["results"][0]["version"] == 3


def test_defect_6_a_save_over_a_version_read_earlier_is_refused_by_the_model(firm_of_street_a):
    """The rule is the model's, so every service's save keeps it: two copies read at version 1, the second save
    finds the row at version 2 and writes nothing."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from lawyers.models import LawFirm

    mine, theirs = LawFirm.objects.get(pk=firm_of_street_a.pk), LawFirm.objects.get(pk=firm_of_street_a.pk)
    theirs.phone = "0755-33333333"
    theirs.save()
    mine.address = "深南东路1号"
    with pytest.raises(ValidationError, match="已被他人修改") as refused, transaction.atomic():
        mine.save()  # raised inside the save: the writer's transaction rolls back, as a service's does
    assert refused.value.code == "stale"
    stored = LawFirm.objects.get(pk=firm_of_street_a.pk)
    assert (stored.phone, stored.address, stored.version) == ("0755-33333333", "", 2)


# --- 7. Duplicates: uniqueness in the database, a form posted twice writes once -------------------------------


def test_defect_7_a_double_submitted_consultation_creates_one(client_for, personas, areas):
    from legalaid.models import Consultation

    client = client_for(personas.clerk_a)
    url = reverse("legalaid:consultation_create")
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', client.get(url).content.decode()).group(1)
    data = {"channel": "hotline", "topic": "labour", "person_times": "1", "area": areas.street_a.pk,
            "on": timezone.localdate().isoformat(), "answer": "告知可申请劳动仲裁", "form_token": token}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert Consultation.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]  # where the first post went
    assert "请勿重复提交" in second.content.decode()
    # A fresh form (a new token) registers the next caller.
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', client.get(url).content.decode()).group(1)
    assert client.post(url, {**data, "form_token": token}).status_code == 302
    assert Consultation.objects.count() == 2


def test_defect_7_a_refused_form_can_be_corrected_and_posted_with_its_token(client_for, personas, areas):
    from legalaid.models import Consultation

    client = client_for(personas.clerk_a)
    url = reverse("legalaid:consultation_create")
    data = {"channel": "hotline", "topic": "labour", "person_times": "1", "area": areas.street_a.pk,
            "on": timezone.localdate().isoformat(), "answer": "", "form_token": "a" * 32}
    assert client.post(url, data).status_code == 200  # refused: no answer
    assert client.post(url, {**data, "answer": "告知可申请劳动仲裁"}).status_code == 302
    assert Consultation.objects.count() == 1


def test_defect_7_the_database_refuses_a_second_open_registration_with_the_services_words(personas, areas):
    """What the register's check refuses, the database refuses too (partial unique index on the encrypted
    number, for registrations not closed), and the service's words come back when a race gets past the check."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.db import transaction

    from bureau.concurrency import refusing_duplicates
    from corrections.models import Level, SentenceKind, Supervisee

    today = timezone.localdate()
    values = {"name": "王某", "gender": "M", "id_number": resident_id(sequence="771"),
              "sentence_kind": SentenceKind.PROBATION, "crime": "危险驾驶罪", "court": "深圳市罗湖区人民法院",
              "judgment_on": today - timedelta(days=20), "term_start": today - timedelta(days=20),
              "term_end": today + timedelta(days=300), "area": areas.street_a, "level": Level.NORMAL,
              "report_due_on": today}
    Supervisee.objects.create(**values)
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        with refusing_duplicates(Supervisee):  # as supervisee_register saves, had its check not seen the first
            Supervisee(**values).save()
    assert refused.value.message_dict == {"id_number": ["该身份证号码的社区矫正对象已在册或待报到，不能重复登记。"]}
    # A closed registration does not count: the person may be registered again.
    Supervisee.objects.update(status=Supervisee.Status.RELEASED)
    Supervisee.objects.create(**values)
    assert Supervisee.objects.count() == 2


def ods_bytes(rows_xml):
    """An .ods whose sheet holds `rows_xml` (the <table:table-row> elements), as LibreOffice lays one out."""
    import io
    import zipfile

    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="数据">'
               '<table:table-column table:number-columns-repeated="1024"/>'
               f'{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def test_defect_2_ods_repeats_are_bounded_and_xls_is_refused(client_for, personas, media):
    import io

    from bureau.imports.files import read_table
    from bureau.models import ImportJob

    def cells(values):
        return "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                       for v in values)

    header = f"<table:table-row>{cells(HEADERS)}</table:table-row>"
    row = cells(["2025-03-01", "440303001", "12348热线", "劳动争议", "1", "欠薪"])
    # An .ods names no cell: a row repeated 1,048,574 times before one cell is a grid of a million rows to the
    # parser, from a file of about a kilobyte.
    far_row = (f'{header}<table:table-row table:number-rows-repeated="1048574"><table:table-cell/>'
               f'</table:table-row><table:table-row>{row}</table:table-row>')
    # …and a cell after 16,383 empty ones, a row of 16,384 columns.
    far_column = (f'{header}<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
                  f'{cells(["x"])}</table:table-row>')
    client = client_for(personas.clerk_a)
    for rows_xml, where in ((far_row, "第1048576行第6列"), (far_column, "第2行第16384列")):
        content = ods_bytes(rows_xml)
        assert len(content) < 2_000
        response = post_import(client, content, "咨询.ods")
        assert f"工作表的范围过大（最后一个单元格在{where}）" in response.content.decode()
    # The empty rows and columns LibreOffice writes after the data (a sheet's unused rest) do not count.
    unused_rest = ('<table:table-row table:number-rows-repeated="1048574">'
                   '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    table = read_table(io.BytesIO(ods_bytes(f"{header}<table:table-row>{row}</table:table-row>{unused_rest}")),
                       "咨询.ods")
    assert table.headers == HEADERS and [cells_[:2] for _n, cells_ in table.rows] == [["2025-03-01", "440303001"]]
    # An .xls is not a zip: nothing bounds it before the parser builds its grid, so it is refused, with the way out.
    response = post_import(client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "咨询.xls")
    assert "不支持旧版 Excel 文件（.xls），请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传。" in \
        response.content.decode()
    assert not ImportJob.objects.exists()


def test_defect_6_a_stale_service_log_form_is_refused(client_for, personas, advisors, log):  # noqa: F811
    """The probe's other record, on the advisor's phone form (a plain Form carrying the entry it edits)."""
    from lawyers.models import ServiceLog

    entry = log(notes="")
    url = reverse("lawyers:servicelog_update", args=[entry.pk])
    client = client_for(personas.advisor)
    assert re.search(r'<input type="hidden" name="version" value="1"', client.get(url).content.decode())
    form = {"place": f"a{advisors.community_a.pk}", "kind": "consultation", "count": "1", "hours": "1.0",
            "on": timezone.localdate().isoformat(), "notes": "", "version": "1"}
    assert client.post(url, {**form, "count": "4"}).status_code == 302
    refused = client.post(url, {**form, "notes": "调解邻里纠纷"})
    html = refused.content.decode()
    assert refused.status_code == 200 and "该法律顾问服务记录已被他人修改，请刷新后重试" in html
    assert "调解邻里纠纷" in html
    stored = ServiceLog.objects.get(pk=entry.pk)
    assert (stored.count, stored.notes, stored.version) == (4, "", 2)

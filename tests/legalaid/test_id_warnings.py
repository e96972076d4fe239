"""ID numbers on legal-aid applications: a region code unknown for the birth year (光明区 440311 for someone born
in 1990) is a warning the clerk confirms on the page, through the API or on the import preview, and the
confirmation is stored with the records; a wrong check digit or birth date is still refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bureau.models import IdentifierConfirmation, ImportJob
from legalaid.models import Case, MatterKind, Recipient, Source
from legalaid.models import Category as C
from tests.factories import refused_id_numbers, resident_id, xlsx_upload

GUANGMING_1990 = resident_id(region="440311", birth="19900307", sequence="111")
CONFIRM = "已核对身份证号码，地区代码确认无误"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def application(areas, **overrides):
    data = {
        "area": areas.street_a.pk, "source": Source.WINDOW, "received_on": timezone.localdate().isoformat(),
        "matter_kind": MatterKind.CIVIL, "category": C.LABOUR, "applicant_name": "刘大海",
        "applicant_id_number": GUANGMING_1990, "applicant_phone": "13800000000", "financial_status": "low_income",
        "recipients-TOTAL_FORMS": "1", "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0", "recipients-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_the_page_asks_to_confirm_then_saves_and_records_the_confirmation(client_for, personas, areas, clock_rules):
    client = client_for(personas.section)
    response = client.post(reverse("legalaid:case_create"), application(areas))
    html = response.content.decode()
    assert response.status_code == 200 and "光明区" in html and "2018年起使用" in html
    assert 'name="applicant_id_number_confirmed"' in html and CONFIRM in html
    assert not Case.objects.exists()

    response = client.post(reverse("legalaid:case_create"),
                           application(areas, applicant_id_number_confirmed="1"), follow=True)
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    recipient = Recipient.objects.get()  # the applicant, with the same number
    confirmations = {(c.record, c.field_name): c for c in IdentifierConfirmation.objects.all()}
    assert set(confirmations) == {(case, "applicant_id_number"), (recipient, "id_number")}
    assert {c.confirmed_by for c in confirmations.values()} == {personas.section}
    assert all(c.id_number == GUANGMING_1990 and "光明区" in c.warning for c in confirmations.values())


def test_a_recipients_number_is_confirmed_in_its_own_row(client_for, personas, areas, clock_rules):
    client = client_for(personas.section)
    data = application(areas, applicant_id_number=resident_id(sequence="222"), **{
        "recipients-0-name": "工友甲", "recipients-0-id_number": GUANGMING_1990})
    html = client.post(reverse("legalaid:case_create"), data).content.decode()
    assert 'name="recipients-0-id_number_confirmed"' in html and not Case.objects.exists()
    client.post(reverse("legalaid:case_create"), {**data, "recipients-0-id_number_confirmed": "1"})
    recipient = Recipient.objects.get()
    assert IdentifierConfirmation.objects.get().record == recipient


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_page_refuses_a_wrong_number_even_when_confirmed(client_for, personas, areas, clock_rules, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "111")[kind]
    response = client_for(personas.section).post(reverse("legalaid:case_create"), application(
        areas, applicant_id_number=number, applicant_id_number_confirmed="1"))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Case.objects.exists()


def payload(**fields):
    return {"area": "440303001", "source": "window", "received_on": timezone.localdate().isoformat(),
            "matter_kind": "civil", "category": "labour", "applicant_name": "李四",
            "applicant_id_number": GUANGMING_1990, "financial_status": "low_income",
            "recipients": [{"name": "李四", "id_number": GUANGMING_1990}], **fields}


def test_the_api_answers_400_naming_the_warning_until_confirmed(client_for, personas, clock_rules):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/legalaid/cases/", payload(), content_type="application/json")
    assert response.status_code == 400
    message = response.json()["id_number_confirmed"][0]
    assert "440311" in message and "光明区" in message and "1990年" in message
    assert not Case.objects.exists() and not IdentifierConfirmation.objects.exists()

    response = api.post("/api/v1/legalaid/cases/", payload(id_number_confirmed=True), content_type="application/json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get()
    assert "id_number_confirmed" not in response.json()
    assert IdentifierConfirmation.objects.filter(confirmed_by=personas.clerk_a).count() == 2  # applicant, recipient
    assert IdentifierConfirmation.objects.get(field_name="applicant_id_number").record == case


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_api_refuses_a_wrong_number_even_when_confirmed(client_for, personas, clock_rules, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "111")[kind]
    response = client_for(personas.clerk_a).post("/api/v1/legalaid/cases/", payload(
        applicant_id_number=number, recipients=[{"name": "李四"}], id_number_confirmed=True),
        content_type="application/json")
    assert response.status_code == 400 and message in str(response.json())
    assert not Case.objects.exists()


HEADERS = ["申请序号", "收到日期", "街道", "来源", "案件类别", "援助事项", "申请人", "申请人身份证号码", "经济困难状况"]


def import_file(numbers):
    return xlsx_upload(HEADERS, [[str(n), timezone.localdate().isoformat(), "桂园街道", "窗口申请", "民事",
                            "确认劳动关系或者支付劳动报酬（第三十一条第五项）", f"申请人{n}", number, "低收入家庭成员"]
                            for n, number in enumerate(numbers, 1)], "申请.xlsx")


def test_the_import_shows_the_warning_and_records_the_confirmation_on_commit(client_for, personas, clock_rules):
    client = client_for(personas.section)
    client.post(reverse("imports:importjob_create", args=["legalaid.case"]),
                {"file": import_file([resident_id(sequence="333"), GUANGMING_1990])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALID, job.errors
    assert job.warning_count == 1 and job.warnings[0][:2] == [3, "申请人身份证号码"]
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'id="import-warnings"' in html and "光明区" in html and 'name="identifiers_confirmed"' in html

    refused = client.post(reverse("imports:importjob_commit", args=[job.pk]), follow=True).content.decode()
    assert "1个身份证号码的地区代码需要核对" in refused
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID and not Case.objects.exists()

    client.post(reverse("imports:importjob_commit", args=[job.pk]), {"identifiers_confirmed": "1"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Case.objects.count() == 2
    warned = Case.objects.get(applicant_name="申请人2")
    records = {c.record for c in IdentifierConfirmation.objects.all()}
    assert warned in records and Case.objects.get(applicant_name="申请人1") not in records
    assert {c.confirmed_by for c in IdentifierConfirmation.objects.all()} == {personas.section}


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_import_refuses_a_wrong_number(client_for, personas, clock_rules, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "111")[kind]
    client = client_for(personas.section)
    client.post(reverse("imports:importjob_create", args=["legalaid.case"]), {"file": import_file([number])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID and message in job.errors[0][2]
    assert job.errors[0][:2] == [2, "申请人身份证号码"]

"""ID numbers in the lawyer registry: a region code unknown for the birth year (光明区 440311, born 1990) is a
warning confirmed on the page, through the API (`id_number_confirmed`) or on the import preview, and recorded
with the lawyer; a wrong check digit or birth date is still refused. Editing without a new number asks nothing."""

import pytest
from django.urls import reverse

from bureau.models import IdentifierConfirmation, ImportJob
from lawyers.models import Lawyer
from tests.factories import refused_id_numbers, resident_id, xlsx_upload

GUANGMING_1990 = resident_id(region="440311", birth="19900307", sequence="456")
LAWYERS = "/api/v1/lawyers/lawyers/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def lawyer_form(area, **values):
    return {"name": "周新律", "certificate_number": "14403201810000999", "id_number": GUANGMING_1990,
            "kind": "public", "firm": "", "area": area.pk, "practice_start": "2018-06-01",
            "specialties": ["criminal"], "legal_aid_available": "on", "phone": "", **values}


def test_the_page_asks_to_confirm_then_saves_and_records_it(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    html = client.post(reverse("lawyers:lawyer_create"), lawyer_form(areas.street_a)).content.decode()
    assert "光明区" in html and 'name="id_number_confirmed"' in html and "已核对身份证号码，地区代码确认无误" in html
    assert not Lawyer.objects.exists()
    response = client.post(reverse("lawyers:lawyer_create"), lawyer_form(areas.street_a, id_number_confirmed="1"))
    lawyer = Lawyer.objects.get()
    assert response.status_code == 302 and lawyer.id_number == GUANGMING_1990
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == lawyer and confirmation.confirmed_by == personas.clerk_a

    # An edit that leaves the number (the box is empty) asks nothing and records nothing more.
    response = client.post(reverse("lawyers:lawyer_update", args=[lawyer.pk]),
                           lawyer_form(areas.street_a, id_number="", phone="13800000000"))
    assert response.status_code == 302 and IdentifierConfirmation.objects.count() == 1


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_page_refuses_a_wrong_number(client_for, personas, areas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "456")[kind]
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"), lawyer_form(
        areas.street_a, id_number=number, id_number_confirmed="1"))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Lawyer.objects.exists()


def payload(**values):
    return {"name": "周新律", "certificate_number": "14403201810000999", "kind": "public", "firm": None,
            "area": "440303001", "practice_start": "2018-06-01", "specialties": ["criminal"],
            "id_number": GUANGMING_1990, **values}


def test_the_api_answers_400_naming_the_warning_until_confirmed(client_for, personas, areas):
    api = client_for(personas.clerk_a)
    response = api.post(LAWYERS, payload(), content_type="application/json")
    assert response.status_code == 400 and "光明区" in response.json()["id_number_confirmed"][0]
    assert not Lawyer.objects.exists()
    response = api.post(LAWYERS, payload(id_number_confirmed=True), content_type="application/json")
    assert response.status_code == 201, response.json()
    lawyer = Lawyer.objects.get()
    assert IdentifierConfirmation.objects.get().record == lawyer
    # An update that keeps the number needs no confirmation.
    response = api.patch(f"{LAWYERS}{lawyer.pk}/", {"phone": "13800000000"}, content_type="application/json")
    assert response.status_code == 200 and IdentifierConfirmation.objects.count() == 1


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_api_refuses_a_wrong_number(client_for, personas, areas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "456")[kind]
    response = client_for(personas.clerk_a).post(LAWYERS, payload(id_number=number, id_number_confirmed=True),
                                                 content_type="application/json")
    assert response.status_code == 400 and message in str(response.json())
    assert not Lawyer.objects.exists()


HEADERS = ["姓名", "身份证号码", "执业证号", "类别", "街道", "首次执业日期"]


def import_file(numbers):
    return xlsx_upload(HEADERS, [[f"律师{n}", number, f"1440320181000{n:04d}", "公职律师", "桂园街道", "2018-06-01"] for n, number in enumerate(numbers, 1)], "律师.xlsx")


def test_the_import_shows_the_warning_and_records_the_confirmation_on_commit(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    client.post(reverse("imports:importjob_create", args=["lawyers.lawyer"]),
                {"file": import_file([resident_id(sequence="457"), GUANGMING_1990])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALID, job.errors
    assert job.warning_count == 1 and job.warnings[0][:2] == [3, "身份证号码"]
    refused = client.post(reverse("imports:importjob_commit", args=[job.pk]), follow=True).content.decode()
    assert "地区代码需要核对" in refused and not Lawyer.objects.exists()
    client.post(reverse("imports:importjob_commit", args=[job.pk]), {"identifiers_confirmed": "1"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Lawyer.objects.count() == 2
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == Lawyer.objects.get(name="律师2") and confirmation.confirmed_by == personas.clerk_a


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_import_refuses_a_wrong_number(client_for, personas, areas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "456")[kind]
    client = client_for(personas.clerk_a)
    client.post(reverse("imports:importjob_create", args=["lawyers.lawyer"]), {"file": import_file([number])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID and job.errors[0][:2] == [2, "身份证号码"]
    assert message in job.errors[0][2]

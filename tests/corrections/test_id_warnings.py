"""ID numbers of persons under correction and of released persons: a region code unknown for the birth year
(光明区 440311, born 1990) is a warning confirmed on the page, through the API (`id_number_confirmed`) or on the
import preview, and recorded with the person; a wrong check digit or birth date is still refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bureau.models import IdentifierConfirmation, ImportJob
from corrections.models import Level, ReleasedPerson, SentenceKind, Supervisee
from tests.factories import refused_id_numbers, resident_id, xlsx_upload

GUANGMING_1990 = resident_id(region="440311", birth="19900307", sequence="551")  # a man (odd sequence)
CONFIRM = "已核对身份证号码，地区代码确认无误"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def days_ago(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def register_data(areas, **overrides):
    return {"name": "李四", "gender": "M", "id_number": GUANGMING_1990, "phone": "13900000000", "address": "桂园路1号",
            "sentence_kind": SentenceKind.PROBATION, "crime": "盗窃罪", "court": "罗湖区人民法院",
            "judgment_on": days_ago(3), "term_start": days_ago(3), "term_end": days_ago(-360),
            "area": areas.street_a.pk, "level": Level.NORMAL, **overrides}


def test_the_register_page_asks_to_confirm_then_saves_and_records_it(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    html = client.post(reverse("corrections:supervisee_create"), register_data(areas)).content.decode()
    assert "光明区" in html and 'name="id_number_confirmed"' in html and CONFIRM in html
    assert not Supervisee.objects.exists()
    response = client.post(reverse("corrections:supervisee_create"),
                           register_data(areas, id_number_confirmed="1"), follow=True)
    person = Supervisee.objects.get()
    assert response.redirect_chain[-1][0] == person.get_absolute_url()
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == person and confirmation.confirmed_by == personas.clerk_a
    assert confirmation.id_number == GUANGMING_1990 and "2018年起使用" in confirmation.warning
    page = response.content.decode()  # the person's page says who checked the number
    assert 'id="identifier-confirmed-id_number"' in page and f"地区代码已核对（{personas.clerk_a.name}，" in page


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_register_page_refuses_a_wrong_number(client_for, personas, areas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "551")[kind]
    response = client_for(personas.clerk_a).post(reverse("corrections:supervisee_create"), register_data(
        areas, id_number=number, id_number_confirmed="1"))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Supervisee.objects.exists()


def test_the_released_person_page_asks_to_confirm_too(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    data = {"name": "赵六", "gender": "M", "id_number": GUANGMING_1990, "crime": "盗窃罪", "prison": "广东省深圳监狱",
            "released_on": days_ago(10), "area": areas.street_a.pk, "verification": "verified"}
    html = client.post(reverse("corrections:releasedperson_create"), data).content.decode()
    assert 'name="id_number_confirmed"' in html and not ReleasedPerson.objects.exists()
    client.post(reverse("corrections:releasedperson_create"), {**data, "id_number_confirmed": "1"})
    assert IdentifierConfirmation.objects.get().record == ReleasedPerson.objects.get()


def payload(**fields):
    return {"name": "周某", "gender": "M", "id_number": GUANGMING_1990, "sentence_kind": "probation",
            "crime": "危险驾驶罪", "court": "深圳市罗湖区人民法院", "judgment_on": days_ago(3),
            "term_start": days_ago(3), "term_end": days_ago(-300), "area": "440303001", **fields}


def test_the_api_answers_400_naming_the_warning_until_confirmed(client_for, personas):
    api = client_for(personas.clerk_a)
    response = api.post("/api/v1/corrections/supervisees/", payload(), content_type="application/json")
    assert response.status_code == 400 and "光明区" in response.json()["id_number_confirmed"][0]
    assert not Supervisee.objects.exists()
    response = api.post("/api/v1/corrections/supervisees/", payload(id_number_confirmed=True),
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert IdentifierConfirmation.objects.get().record == Supervisee.objects.get()

    released = {"name": "赵六", "gender": "M", "id_number": GUANGMING_1990, "crime": "盗窃罪",
                "prison": "广东省深圳监狱", "released_on": days_ago(10), "area": "440303001"}
    response = api.post("/api/v1/corrections/released-persons/", released, content_type="application/json")
    assert response.status_code == 400 and "光明区" in response.json()["id_number_confirmed"][0]
    assert not ReleasedPerson.objects.exists()
    response = api.post("/api/v1/corrections/released-persons/", {**released, "id_number_confirmed": True},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert [c.record for c in IdentifierConfirmation.objects.order_by("pk")] == [
        Supervisee.objects.get(), ReleasedPerson.objects.get()]


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_api_refuses_a_wrong_number(client_for, personas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "551")[kind]
    response = client_for(personas.clerk_a).post("/api/v1/corrections/supervisees/", payload(
        id_number=number, id_number_confirmed=True), content_type="application/json")
    assert response.status_code == 400 and message in str(response.json())
    assert not Supervisee.objects.exists()


HEADERS = ["姓名", "身份证号码", "矫正类别", "罪名", "决定机关", "判决（决定）生效日期", "矫正起始日期", "矫正期满日期",
           "执行地街道"]


def import_file(numbers):
    return xlsx_upload(HEADERS, [[f"张{n}", number, "缓刑", "危险驾驶罪", "深圳市罗湖区人民法院", days_ago(3), days_ago(3),
                            days_ago(-300), "桂园街道"] for n, number in enumerate(numbers, 1)], "矫正对象.xlsx")


def test_the_import_shows_the_warning_and_records_the_confirmation_on_commit(client_for, personas):
    client = client_for(personas.clerk_a)
    client.post(reverse("imports:importjob_create", args=["corrections.supervisee"]),
                {"file": import_file([GUANGMING_1990, resident_id(sequence="553")])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALID, job.errors
    assert job.warnings == [[2, "身份证号码", job.warnings[0][2]]] and "光明区" in job.warnings[0][2]
    refused = client.post(reverse("imports:importjob_commit", args=[job.pk]), follow=True).content.decode()
    assert "地区代码需要核对" in refused and not Supervisee.objects.exists()
    client.post(reverse("imports:importjob_commit", args=[job.pk]), {"identifiers_confirmed": "1"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Supervisee.objects.count() == 2
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == Supervisee.objects.get(name="张1")
    assert confirmation.confirmed_by == personas.clerk_a


@pytest.mark.parametrize("kind", ["checksum", "impossible", "future"])
def test_the_import_refuses_a_wrong_number(client_for, personas, kind):
    number, message = refused_id_numbers(GUANGMING_1990, "551")[kind]
    client = client_for(personas.clerk_a)
    client.post(reverse("imports:importjob_create", args=["corrections.supervisee"]), {"file": import_file([number])})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID and [2, "身份证号码"] == job.errors[0][:2]
    assert message in job.errors[0][2]

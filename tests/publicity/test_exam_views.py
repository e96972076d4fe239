"""The exam's pages and API: the per-unit table with rates (sortable, Excel), query counts pinned, the import
offered through the platform's pages, and another district's exam a 404 in every page, API and export."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from normative_docs.models import Unit, UnitKind
from publicity import exam_services
from publicity.models import Exam, ExamUnit, Participant

YEAR = 2025


@pytest.fixture
def exam(areas, pub_section):
    exam = exam_services.exam_create(exam=Exam(area=areas.district, year=YEAR, name="2025年度罗湖区学法考试",
                                               held_from=date(YEAR, 6, 1), held_to=date(YEAR, 6, 30)), by=pub_section)
    for i, (name, eligible, scores) in enumerate((("罗湖区教育局", 4, ["95", "80", "55"]),
                                                   ("罗湖区公安分局", 2, ["92", "91"]),
                                                   ("罗湖区财政局", 5, []))):
        unit = Unit.objects.create(area=areas.district, name=name, kind=UnitKind.DEPARTMENT)
        exam_services.exam_unit_set(exam=exam, unit=unit, eligible=eligible, by=pub_section)
        for j, score in enumerate(scores):
            exam_services.participant_record(participant=Participant(
                exam=exam, unit=unit, name=f"考生{i}{j}", staff_number=f"LH{i}{j}", score=Decimal(score),
                taken_on=date(YEAR, 6, 3)), by=pub_section)
    return exam


def test_the_exam_page_shows_each_units_rates_and_exports_them(exam, personas, client_for,
                                                               django_assert_max_num_queries):
    client = client_for(personas.leader)
    with django_assert_max_num_queries(12):
        page = client.get(f"/publicity/exams/{exam.pk}/?sort=-participation_rate")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("罗湖区公安分局") < html.index("罗湖区教育局") < html.index("罗湖区财政局")
    assert "75.00%" in html and "100.00%" in html and "0.00%" in html
    assert 'id="participation-rate">45.45%' in html  # 5 / 11
    assert 'id="excellent-rate">60.00%' in html  # 3 / 5

    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/publicity/exams/{exam.pk}/?_export=xlsx").content))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert rows[0] == ["单位", "应参考人数", "参考人数", "合格人数", "优秀人数", "参考率", "优秀率"]
    assert ["罗湖区教育局", 4, 3, 2, 1, "75.00%", "33.33%"] in [[*r[:1], *map(_int, r[1:5]), *r[5:]] for r in rows[1:]]

    with django_assert_max_num_queries(12):
        listing = client.get("/publicity/exams/")
    assert listing.status_code == 200 and "2025年度罗湖区学法考试" in listing.content.decode()
    with django_assert_max_num_queries(12):
        people = client.get(f"/publicity/exams/{exam.pk}/participants/")
    assert people.status_code == 200 and "考生00" in people.content.decode()


def _int(value):
    return int(value) if value not in (None, "") else value


def test_the_list_query_count_does_not_grow_with_units(exam, areas, pub_section, personas, client_for,
                                                       django_assert_max_num_queries):
    for n in range(15):
        unit = Unit.objects.create(area=areas.district, name=f"罗湖区单位{n}", kind=UnitKind.OTHER)
        exam_services.exam_unit_set(exam=exam, unit=unit, eligible=3, by=pub_section)
    client = client_for(personas.leader)
    with django_assert_max_num_queries(10):
        assert client.get(f"/publicity/exams/{exam.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        body = client.get(f"/api/v1/publicity/exam-units/?exam={exam.pk}").json()
    assert body["count"] == 18 if isinstance(body, dict) else len(body) == 18


def test_another_districts_exam_is_a_404_in_pages_api_and_exports(exam, personas, client_for):
    stranger = client_for(personas.other_leader)
    for url in (f"/publicity/exams/{exam.pk}/", f"/publicity/exams/{exam.pk}/?_export=xlsx",
                f"/publicity/exams/{exam.pk}/participants/", f"/api/v1/publicity/exams/{exam.pk}/",
                f"/api/v1/publicity/exam-units/{ExamUnit.objects.first().pk}/",
                f"/api/v1/publicity/participants/{Participant.objects.first().pk}/"):
        assert stranger.get(url).status_code == 404, url
    assert "罗湖区" not in stranger.get("/publicity/exams/").content.decode()
    assert stranger.get("/api/v1/publicity/participants/").json()["count"] == 0


def test_the_section_registers_an_exam_and_its_units_on_the_pages(areas, pub_section, client_for):
    client = client_for(pub_section)
    response = client.post("/publicity/exams/new/", {
        "area": areas.district.pk, "year": YEAR, "name": "2025年度学法考试", "held_from": "2025-06-01",
        "held_to": "2025-05-01", "pass_score": "60", "excellent_score": "90", "participation_threshold": "0.95"})
    assert "考试结束日期不能早于开始日期" in response.content.decode() and not Exam.objects.exists()
    response = client.post("/publicity/exams/new/", {
        "area": areas.district.pk, "year": YEAR, "name": "2025年度学法考试", "held_from": "2025-06-01",
        "held_to": "2025-06-30", "pass_score": "60", "excellent_score": "90", "participation_threshold": "0.95"})
    exam = Exam.objects.get()
    assert response.status_code == 302 and exam.created_by == pub_section
    unit = Unit.objects.create(area=areas.district, name="罗湖区教育局", kind=UnitKind.DEPARTMENT)
    client.post(f"/publicity/exams/{exam.pk}/units/", {"unit": unit.pk, "eligible": "40"})
    assert ExamUnit.objects.get().eligible == 40
    page = client.get(f"/publicity/exams/{exam.pk}/").content.decode()
    assert "/imports/publicity.participant/" in page


def test_the_leader_reads_but_does_not_write(exam, personas, client_for):
    leader = client_for(personas.leader)
    assert leader.get("/publicity/exams/new/").status_code == 403
    assert leader.post("/api/v1/publicity/exams/", {}).status_code == 403


def test_the_api_creates_an_exam_through_the_service(areas, pub_section, client_for):
    client = client_for(pub_section)
    response = client.post("/api/v1/publicity/exams/", {
        "area": "440303", "year": YEAR, "name": "2025年度学法考试", "held_from": "2025-06-01",
        "held_to": "2025-06-30"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["participant_count"] == 0 and Exam.objects.get().created_by == pub_section
    again = client.post("/api/v1/publicity/exams/", {
        "area": "440303", "year": YEAR, "name": "重复", "held_from": "2025-06-01", "held_to": "2025-06-30"},
        content_type="application/json")
    assert again.status_code == 400 and "已登记" in again.content.decode()

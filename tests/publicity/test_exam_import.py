"""The law exam's results imported from the exam platform's Excel: all or nothing, every bad row named, and the
statistics API equal to the figures counted by hand from the file."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from bureau.imports import get_resource
from bureau.imports.files import read_table
from bureau.models import Reminder
from normative_docs.models import Unit, UnitKind
from publicity import exam_resources, exam_services  # noqa: F401  (exam_resources: registers the import)
from publicity.models import Exam, Participant
from tests import importing

HEADERS = ["姓名", "身份证号", "工号", "单位", "成绩", "考试时间"]
UNIT_NAMES = ["光明区发展和改革局", "光明区教育局", "光明区公安分局", "光明区财政局", "光明区人力资源局",
              "光明区住房和建设局", "光明区交通运输局", "光明区卫生健康局", "光明区市场监督管理局",
              "光明区城市管理和综合执法局"]
ELIGIBLE = [100, 95, 120, 80, 90, 100, 85, 110, 95, 100]  # 975 in all
YEAR = 2025


def xlsx(rows, headers=HEADERS):
    return io.BytesIO(importing.xlsx(headers, rows))


def run(rows, user, headers=HEADERS):
    resource = get_resource("publicity.participant")
    result = resource.validate(read_table(xlsx(rows, headers), "成绩.xlsx"), user)
    if result.is_valid:
        resource.save(result, user)
    return result


@pytest.fixture
def guangming(areas, other_section):
    """光明区's ten departments on its 2025 exam (1–30 June, pass 60, excellent 90)."""
    units = [Unit.objects.create(area=areas.other_district, name=n, kind=UnitKind.DEPARTMENT) for n in UNIT_NAMES]
    exam = exam_services.exam_create(exam=Exam(area=areas.other_district, year=YEAR, name="2025年度光明区学法考试",
                                               held_from=date(YEAR, 6, 1), held_to=date(YEAR, 6, 30)),
                                     by=other_section)
    for unit, eligible in zip(units, ELIGIBLE):
        exam_services.exam_unit_set(exam=exam, unit=unit, eligible=eligible, by=other_section)
    return exam


def platform_file(n=900):
    """The exam platform's export: n participants spread over the ten units, scores from 40 to 100."""
    return [{"姓名": f"干部{i:04d}", "工号": f"GM{i:05d}", "单位": UNIT_NAMES[i % 10],
             "成绩": str(Decimal(40) + Decimal(i * 37 % 601) / 10), "考试时间": f"{YEAR}-06-{1 + i % 30:02d}"}
            for i in range(n)]


def test_a_file_of_900_with_three_bad_rows_is_refused_whole_then_the_corrected_file_counts_as_by_hand(
        guangming, other_section, personas, client_for):
    rows = platform_file()
    rows[99]["单位"] = "光明区不存在局"                  # Excel row 101
    rows[449]["成绩"] = "105"                           # Excel row 451
    rows[799]["考试时间"] = f"{YEAR}-07-15"             # Excel row 801: after the exam

    refused = run(rows, other_section)

    assert not refused.is_valid
    assert sorted({e.row for e in refused.errors}) == [101, 451, 801]
    by_row = {e.row: (e.column, e.message) for e in refused.errors}
    assert by_row[101] == ("单位", "未找到单位“光明区不存在局”。")
    assert by_row[451][0] == "成绩"
    assert by_row[801][0] == "考试时间" and "2025-06-01至2025-06-30" in by_row[801][1]
    assert Participant.objects.count() == 0

    rows[99]["单位"], rows[449]["成绩"], rows[799]["考试时间"] = UNIT_NAMES[9], "95", f"{YEAR}-06-20"
    accepted = run(rows, other_section)

    assert accepted.errors == [] and Participant.objects.count() == 900
    participants = len(rows)
    excellent = sum(Decimal(r["成绩"]) >= 90 for r in rows)
    eligible = sum(ELIGIBLE)
    body = client_for(personas.other_leader).get(
        "/api/v1/stats/?period=2025&area=440311&codes=publicity.exam_participants,"
        "publicity.exam_participation_rate,publicity.exam_excellent_rate").json()
    assert body["indicators"] == {
        "publicity.exam_participants": participants,
        "publicity.exam_participation_rate": float(round(Decimal(participants) / eligible, 4)),
        "publicity.exam_excellent_rate": float(round(Decimal(excellent) / participants, 4)),
    }
    assert 0 < excellent < participants


def test_a_person_is_imported_once_per_exam(guangming, other_section):
    rows = platform_file(3)
    rows[2]["工号"] = rows[0]["工号"]
    refused = run(rows, other_section)
    assert [(e.row, e.column) for e in refused.errors] == [(4, "工号")]
    assert run(platform_file(3), other_section).is_valid
    again = run(platform_file(1), other_section)
    assert [(e.row, e.column, e.message) for e in again.errors] == [(2, "工号", "“GM00000”已导入本次考试的成绩。")]


def test_an_identifier_is_required_and_an_id_number_is_checked(guangming, other_section):
    from tests.factories import resident_id, wrong_check_digit

    good = resident_id(region="440311")
    rows = [{"姓名": "甲", "单位": UNIT_NAMES[0], "成绩": "80", "考试时间": "2025-06-02"},
            {"姓名": "乙", "身份证号": wrong_check_digit(good), "单位": UNIT_NAMES[0], "成绩": "80",
             "考试时间": "2025-06-02"},
            {"姓名": "丙", "身份证号": good, "单位": UNIT_NAMES[0], "成绩": "80.25", "考试时间": "2025-06-02"}]
    refused = run(rows, other_section)
    assert {(e.row, e.column) for e in refused.errors} == {(2, ""), (3, "身份证号"), (4, "成绩")}
    rows = [rows[2] | {"成绩": "80.5"}]
    assert run(rows, other_section).is_valid
    assert Participant.objects.get().id_number == good


def test_units_of_another_district_are_not_found(guangming, pub_section, areas):
    """罗湖区's section cannot name 光明区's units, nor has 罗湖区 an exam on that day."""
    refused = run(platform_file(1), pub_section)
    assert [(e.row, e.column) for e in refused.errors] == [(2, "单位")]
    assert Participant.objects.count() == 0


def test_units_below_the_threshold_become_to_dos_of_the_section_once_the_results_are_in(guangming, other_section):
    rows = platform_file(900)
    run(rows, other_section)
    todos = Reminder.objects.filter(kind="publicity.exam_participation_low")
    # 90 participants a unit: below 95% of the eligible for 100, 95, 120, 110, 95, 100 and 100 (not 80, 90, 85).
    below = {UNIT_NAMES[i] for i, n in enumerate(ELIGIBLE) if 90 < n * Decimal("0.95")}
    assert {t.title.split("：")[1].split("（")[0] for t in todos} == below
    assert {t.due_on for t in todos} == {date(YEAR, 6, 30) + timedelta(days=15)}
    assert {(t.area_id, t.role) for t in todos} == {(guangming.area_id, "section")}
    assert Reminder.objects.inbox(other_section).filter(kind="publicity.exam_participation_low").count() == len(below)

    # The threshold lowered to 70% (the lowest unit has 90 of 120): the refresh cancels every to-do.
    guangming.participation_threshold = Decimal("0.70")
    exam_services.exam_update(exam=guangming, by=other_section)
    assert not Reminder.objects.filter(kind="publicity.exam_participation_low", state=Reminder.State.OPEN).exists()


def test_the_platforms_import_pages_take_the_exam_platforms_file(guangming, other_section, personas, client_for,
                                                                  settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bureau.models import ImportJob

    settings.MEDIA_ROOT = tmp_path
    client = client_for(other_section)
    assert "学法考试成绩" in client.get("/imports/").content.decode()
    assert "学法考试成绩" not in client_for(personas.clerk_a).get("/imports/").content.decode()
    client = client_for(other_section)
    rows = platform_file(30)
    rows[4]["成绩"] = "优秀"
    upload = SimpleUploadedFile("成绩.xlsx", xlsx(rows).getvalue())
    client.post("/imports/publicity.participant/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID and [e[0] for e in job.errors] == [6]
    rows[4]["成绩"] = "91"
    client.post("/imports/publicity.participant/", {"file": SimpleUploadedFile("成绩.xlsx", xlsx(rows).getvalue())})
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.VALID
    client.post(f"/imports/jobs/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Participant.objects.count() == 30

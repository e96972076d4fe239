"""The law exam's rules (exam_services) and its indicators, counted by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from figures.periods import parse_period
from figures.stats import compute
from normative_docs.models import Unit, UnitKind
from publicity import exam_services
from publicity.models import Exam, ExamUnit, Participant
from tests.comparison import assert_compared_as_computed

PAST = 2025  # a year before any day the suite runs on


def exam_of(area, by, year=PAST, **fields):
    values = {"area": area, "year": year, "name": f"{year}年度学法考试", "held_from": date(year, 6, 1),
              "held_to": date(year, 6, 30)}
    values.update(fields)
    return exam_services.exam_create(exam=Exam(**values), by=by)


@pytest.fixture
def luohu(areas, pub_section):
    units = [Unit.objects.create(area=areas.district, name=n, kind=UnitKind.DEPARTMENT)
             for n in ("罗湖区教育局", "罗湖区公安分局", "罗湖区财政局")]
    exam = exam_of(areas.district, pub_section)
    for unit, eligible in zip(units, (10, 20, 5)):
        exam_services.exam_unit_set(exam=exam, unit=unit, eligible=eligible, by=pub_section)
    return exam, units


def sit(exam, unit, scores, by, day=None):
    for i, score in enumerate(scores):
        exam_services.participant_record(participant=Participant(
            exam=exam, unit=unit, name=f"考生{i}", staff_number=f"{unit.pk}-{i}-{len(scores)}", score=Decimal(score),
            taken_on=day or exam.held_from), by=by)


def test_one_exam_per_district_and_year_in_the_writers_jurisdiction(areas, pub_section, luohu):
    with pytest.raises(ValidationError, match="罗湖区2025年度的学法考试已登记"):
        exam_of(areas.district, pub_section)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        exam_of(areas.other_district, pub_section)
    with pytest.raises(ValidationError, match="请选择区"):
        exam_of(areas.street_a, pub_section, year=PAST - 1)
    with pytest.raises(ValidationError, match="优秀分数线不能低于合格分数线"):
        exam_of(areas.district, pub_section, year=PAST - 1, pass_score=Decimal(80), excellent_score=Decimal(70))
    with pytest.raises(ValidationError, match="考试结束日期不能早于开始日期"):
        exam_of(areas.district, pub_section, year=PAST - 1, held_to=date(PAST - 1, 5, 1))
    assert Exam.objects.count() == 1


def test_a_unit_of_another_district_is_not_put_on_the_list(areas, pub_section, other_section, luohu):
    exam, units = luohu
    foreign = Unit.objects.create(area=areas.other_district, name="光明区教育局", kind=UnitKind.DEPARTMENT)
    with pytest.raises(ValidationError, match="单位不存在或不在您的管辖范围内"):
        exam_services.exam_unit_set(exam=exam, unit=foreign, eligible=3, by=pub_section)
    with pytest.raises(ValidationError, match="学法考试不存在或不在您的管辖范围内"):
        exam_services.exam_unit_set(exam=exam, unit=foreign, eligible=3, by=other_section)
    with pytest.raises(ValidationError, match="应参考人数应为正整数"):
        exam_services.exam_unit_set(exam=exam, unit=units[0], eligible=0, by=pub_section)
    exam_services.exam_unit_set(exam=exam, unit=units[0], eligible=12, by=pub_section)
    assert ExamUnit.objects.get(exam=exam, unit=units[0]).eligible == 12


def test_a_result_is_refused_outside_the_exam_or_the_list(areas, pub_section, luohu):
    exam, units = luohu
    outsider = Unit.objects.create(area=areas.district, name="罗湖区档案馆", kind=UnitKind.OTHER)
    with pytest.raises(ValidationError, match="不在“2025年度学法考试”的参考单位名单中"):
        sit(exam, outsider, ["80"], pub_section)
    with pytest.raises(ValidationError, match="考试时间应在2025-06-01至2025-06-30之间"):
        sit(exam, units[0], ["80"], pub_section, day=date(PAST, 7, 1))
    with pytest.raises(ValidationError, match="身份证号和工号至少填写一项"):
        exam_services.participant_record(participant=Participant(
            exam=exam, unit=units[0], name="无号", score=Decimal(70), taken_on=exam.held_from), by=pub_section)
    assert not Participant.objects.exists()


def test_rates_per_unit_and_the_district_follow_the_exams_thresholds(areas, pub_section, luohu, personas):
    exam, (education, police, finance) = luohu
    sit(exam, education, ["95", "90", "89.5", "60", "59.5", "100", "75", "88", "91"], pub_section)  # 9 of 10
    sit(exam, police, ["92"] * 10, pub_section)  # 10 of 20
    # finance: nobody
    rows = {r.unit_id: r for r in ExamUnit.objects.filter(exam=exam).with_counts()}
    assert (rows[education.pk].participants, rows[education.pk].passed, rows[education.pk].excellent) == (9, 8, 4)
    assert rows[education.pk].participation_rate == Decimal("0.9000")
    assert rows[education.pk].excellent_rate == Decimal("0.4444")
    assert rows[police.pk].participation_rate == Decimal("0.5000")
    assert rows[finance.pk].participation_rate == Decimal("0") and rows[finance.pk].excellent_rate is None

    figures = compute(user=personas.leader, area=areas.district, period=parse_period(str(PAST)))
    assert figures["publicity.exam_participants"] == 19
    assert figures["publicity.exam_participation_rate"] == Decimal("0.5429")  # 19 / 35
    assert figures["publicity.exam_excellent_rate"] == Decimal("0.7368")  # 14 / 19
    by_district = assert_compared_as_computed(personas.admin, areas.city, str(PAST),
                                              ["publicity.exam_participation_rate"])  # its two parts grouped
    assert by_district[areas.district.code] == {"publicity.exam_participation_rate": Decimal("0.5429")}

    exam.excellent_score = Decimal("95")
    exam_services.exam_update(exam=exam, by=pub_section)
    figures = compute(user=personas.leader, area=areas.district, period=parse_period(str(PAST)))
    assert figures["publicity.exam_excellent_rate"] == Decimal("0.1053")  # 95 and 100: 2 / 19
    other_year = compute(user=personas.leader, area=areas.district, period=parse_period(str(PAST - 1)))
    assert other_year["publicity.exam_participants"] == 0 and other_year["publicity.exam_participation_rate"] is None
    other_district = compute(user=personas.admin, area=areas.other_district, period=parse_period(str(PAST)))
    assert other_district["publicity.exam_participants"] == 0


def test_a_result_cannot_be_dated_after_today(areas, pub_section):
    today = timezone.localdate()
    unit = Unit.objects.create(area=areas.district, name="罗湖区教育局", kind=UnitKind.DEPARTMENT)
    exam = exam_of(areas.district, pub_section, year=today.year + 1, held_from=date(today.year + 1, 1, 1),
                   held_to=date(today.year + 1, 12, 31))
    exam_services.exam_unit_set(exam=exam, unit=unit, eligible=3, by=pub_section)
    with pytest.raises(ValidationError, match="考试时间不能晚于今天"):
        sit(exam, unit, ["80"], pub_section, day=max(today + timedelta(days=1), exam.held_from))


def test_a_unit_with_results_stays_on_the_list(pub_section, luohu):
    exam, (education, police, finance) = luohu
    sit(exam, education, ["80"], pub_section)
    with pytest.raises(ValidationError, match="已有参考人员成绩"):
        exam_services.exam_unit_remove(exam_unit=ExamUnit.objects.get(exam=exam, unit=education), by=pub_section)
    exam_services.exam_unit_remove(exam_unit=ExamUnit.objects.get(exam=exam, unit=finance), by=pub_section)
    assert set(ExamUnit.objects.values_list("unit", flat=True)) == {education.pk, police.pk}

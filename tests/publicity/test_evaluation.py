"""谁执法谁普法: the index system, responsibility lists with reported work (attachments checked by content), the
evaluation's totals and ranking (ties share a rank), its Excel export, the indicator, and the 404s."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from figures.periods import parse_period
from figures.stats import compute
from normative_docs.models import Unit, UnitKind
from publicity import exam_services
from publicity.models import DutyAttachment, DutyReport, Evaluation, EvaluationIndex, Responsibility

YEAR = 2025
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def system(areas, pub_section):
    indexes = [exam_services.evaluation_index_add(index=EvaluationIndex(area=areas.district, year=YEAR, name=n,
                                                                        max_score=Decimal(m), order=i), by=pub_section)
               for i, (n, m) in enumerate((("组织领导", 20), ("清单落实", 40), ("普法宣传", 40)))]
    units = [Unit.objects.create(area=areas.district, name=n, kind=UnitKind.DEPARTMENT)
             for n in ("罗湖区教育局", "罗湖区公安分局", "罗湖区财政局", "罗湖区民政局")]
    return indexes, units


def evaluate(unit, indexes, scores, by, area=None, on=date(YEAR, 12, 20)):
    return exam_services.evaluation_record(
        evaluation=Evaluation(area=area or unit.area, year=YEAR, unit=unit, evaluated_on=on),
        scores=dict(zip(indexes, scores)), by=by)


def test_totals_and_ranking_with_ties_sharing_a_rank(system, pub_section, areas, personas):
    indexes, (education, police, finance, civil) = system
    evaluate(education, indexes, ["18", "35", "37"], pub_section)    # 90
    evaluate(police, indexes, ["20", "30", "40"], pub_section)       # 90
    evaluate(finance, indexes, ["15", "30", "30.5"], pub_section)    # 75.5
    evaluate(civil, indexes, ["19", "38", "35"], pub_section)        # 92
    ranked = {e.unit.name: (e.total, e.rank) for e in Evaluation.objects.ranked().select_related("unit")}
    assert ranked == {"罗湖区民政局": (Decimal("92.0"), 1), "罗湖区教育局": (Decimal("90.0"), 2),
                      "罗湖区公安分局": (Decimal("90.0"), 2), "罗湖区财政局": (Decimal("75.5"), 4)}
    assert Evaluation.objects.ranked().get(unit=finance).rank == 4  # one record keeps its place

    figures = compute(user=personas.leader, area=areas.district, period=parse_period(str(YEAR)))
    assert figures["publicity.units_evaluated"] == 4
    assert compute(user=personas.leader, area=areas.district,
                   period=parse_period(f"{YEAR}-H1"))["publicity.units_evaluated"] == 0


def test_every_index_is_scored_within_its_maximum_and_a_unit_once_a_year(system, pub_section):
    indexes, (education, *_rest) = system
    with pytest.raises(ValidationError, match="“清单落实”的得分应在0至40.0分之间"):
        evaluate(education, indexes, ["18", "41", "37"], pub_section)
    with pytest.raises(ValidationError, match="请填写“普法宣传”的得分"):
        evaluate(education, indexes[:2], ["18", "30"], pub_section)
    evaluate(education, indexes, ["18", "30", "30"], pub_section)
    with pytest.raises(ValidationError, match="罗湖区教育局2025年度已评议"):
        evaluate(education, indexes, ["18", "30", "30"], pub_section)
    with pytest.raises(ValidationError, match="已有评议结果，不能再修改评议指标"):
        exam_services.evaluation_index_add(index=EvaluationIndex(area=education.area, year=YEAR, name="加分项",
                                                                 max_score=5), by=pub_section)
    assert Evaluation.objects.count() == 1


def test_another_district_cannot_evaluate_or_list_responsibilities(system, other_section, areas):
    indexes, (education, *_rest) = system
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        evaluate(education, indexes, ["18", "30", "30"], other_section)
    with pytest.raises(ValidationError):
        exam_services.responsibility_add(responsibility=Responsibility(
            area=areas.district, year=YEAR, unit=education, content="宣传教育法"), by=other_section)


def test_reported_work_keeps_attachments_checked_by_their_content(system, pub_section, areas):
    _indexes, (education, *_rest) = system
    item = exam_services.responsibility_add(responsibility=Responsibility(
        area=areas.district, year=YEAR, unit=education, content="面向师生宣传《未成年人保护法》"), by=pub_section)
    fake = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    with pytest.raises(ValidationError, match="内容与扩展名不符"):
        exam_services.duty_report(report=DutyReport(responsibility=item, reported_on=date(YEAR, 5, 1),
                                                    text="开展宪法进校园"), attachments=[fake], by=pub_section)
    assert not DutyReport.objects.exists()
    photo = SimpleUploadedFile("照片.png", PNG, content_type="image/png")
    exam_services.duty_report(report=DutyReport(responsibility=item, reported_on=date(YEAR, 5, 1),
                                                text="开展宪法进校园"), attachments=[photo], by=pub_section)
    assert DutyAttachment.objects.get().name == "照片.png"
    with pytest.raises(ValidationError, match="请填写履职情况"):
        exam_services.duty_report(report=DutyReport(responsibility=item, reported_on=date(YEAR, 5, 2), text=" "),
                                  by=pub_section)


def test_the_ranking_page_and_its_excel(system, pub_section, personas, client_for, django_assert_max_num_queries):
    indexes, units = system
    for unit, scores in zip(units, (["18", "35", "37"], ["20", "30", "40"], ["15", "30", "30.5"], ["19", "38", "35"])):
        evaluate(unit, indexes, scores, pub_section)
    client = client_for(personas.leader)
    with django_assert_max_num_queries(12):
        page = client.get("/publicity/evaluations/")
    assert page.status_code == 200 and "罗湖区民政局" in page.content.decode()
    export = client.get("/publicity/evaluations/?_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["名次", "年度", "被评议单位", "总分"]
    assert sorted((int(r[0]), r[2]) for r in rows[1:]) == [
        (1, "罗湖区民政局"), (2, "罗湖区公安分局"), (2, "罗湖区教育局"), (4, "罗湖区财政局")]


def test_another_districts_evaluation_is_a_404_everywhere(system, pub_section, personas, client_for, areas):
    indexes, (education, *_rest) = system
    evaluation = evaluate(education, indexes, ["18", "30", "30"], pub_section)
    item = exam_services.responsibility_add(responsibility=Responsibility(
        area=areas.district, year=YEAR, unit=education, content="宣传教育法"), by=pub_section)
    stranger = client_for(personas.other_leader)
    assert stranger.get(f"/publicity/evaluations/{evaluation.pk}/").status_code == 404
    assert stranger.get(f"/publicity/evaluation/responsibilities/{item.pk}/").status_code == 404
    assert stranger.get(f"/api/v1/publicity/evaluations/{evaluation.pk}/").status_code == 404
    assert stranger.get(f"/api/v1/publicity/responsibilities/{item.pk}/").status_code == 404
    assert "罗湖区教育局" not in stranger.get("/publicity/evaluations/?_export=xlsx").content.decode("latin-1")
    leader = client_for(personas.leader)
    body = leader.get(f"/api/v1/publicity/evaluations/{evaluation.pk}/").json()
    assert body["total"] == "78.0" and body["rank"] == 1 and len(body["scores"]) == 3


def test_the_section_evaluates_a_unit_on_the_page(system, pub_section, client_for):
    indexes, (education, *_rest) = system
    client = client_for(pub_section)
    form = client.get(f"/publicity/evaluations/new/?year={YEAR}").content.decode()
    assert "清单落实（40.0分）" in form
    data = {"unit": education.pk, "evaluated_on": f"{YEAR}-12-20", f"index_{indexes[0].pk}": "18",
            f"index_{indexes[1].pk}": "45", f"index_{indexes[2].pk}": "30"}
    refused = client.post(f"/publicity/evaluations/new/?year={YEAR}", data)
    assert refused.status_code == 200 and not Evaluation.objects.exists()
    data[f"index_{indexes[1].pk}"] = "35"
    response = client.post(f"/publicity/evaluations/new/?year={YEAR}", data)
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and evaluation.total == Decimal("83.0")
    page = client.get(f"/publicity/evaluations/{evaluation.pk}/").content.decode()
    assert 'id="total">83.0' in page and 'id="rank">1' in page


def test_work_is_reported_on_the_page_with_a_photo_that_only_the_district_opens(system, pub_section, personas,
                                                                                 client_for, areas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _indexes, (education, *_rest) = system
    item = exam_services.responsibility_add(responsibility=Responsibility(
        area=areas.district, year=YEAR, unit=education, content="宣传教育法"), by=pub_section)
    client = client_for(pub_section)
    response = client.post(f"/publicity/evaluation/responsibilities/{item.pk}/", {
        "reported_on": f"{YEAR}-09-10", "text": "教师节开展教育法宣传",
        "attachments": [SimpleUploadedFile("现场.png", PNG, content_type="image/png")]})
    assert response.status_code == 302
    attachment = DutyAttachment.objects.get()
    assert client_for(personas.leader).get(attachment.get_absolute_url()).status_code == 200
    assert client_for(personas.other_leader).get(attachment.get_absolute_url()).status_code == 404
    assert "教师节开展教育法宣传" in client_for(personas.leader).get(item.get_absolute_url()).content.decode()

"""The 法治建设 assessment (issue 15's Must show): a round with 3 categories, 6 items and 4 units, scores entered by
the section, evidence from a unit, the dense ranking, and its Excel export."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from normative_docs import rol_services as services
from normative_docs.models import (
    AssessmentCategory,
    AssessmentItem,
    AssessmentRound,
    AssessmentScore,
    Decision,
    Matter,
    Reconsideration,
    RoundStatus,
    Unit,
    UnitKind,
)

# (category, weight, [(item, max score)])
FRAMEWORK = [
    ("党政主要负责人履行推进法治建设第一责任人职责", Decimal("30"), [("述法及学法", Decimal("10")),
                                                   ("重大事项听取法治汇报", Decimal("10"))]),
    ("依法行政", Decimal("40"), [("规范性文件合法性审查", Decimal("20")), ("行政复议纠错", Decimal("20"))]),
    ("严格规范公正文明执法", Decimal("30"), [("执法案卷评查", Decimal("15")), ("执法人员持证", Decimal("15"))]),
]


@pytest.fixture
def assessment(law, areas):
    by = law.section
    units = [law.unit_a, law.unit_b,
             Unit.objects.create(area=areas.district, name="中共罗湖区委政法委员会", kind=UnitKind.PARTY),
             Unit.objects.create(area=areas.district, name="深圳市公安局罗湖分局", kind=UnitKind.STATIONED)]
    round_ = services.round_create(round=AssessmentRound(area=areas.district, year=timezone.localdate().year,
                                                         title=""), by=by)
    items = []
    for name, weight, entries in FRAMEWORK:
        category = services.category_add(category=AssessmentCategory(round=round_, name=name, weight=weight), by=by)
        for item_name, max_score in entries:
            items.append(services.item_add(item=AssessmentItem(category=category, name=item_name,
                                                               max_score=max_score), by=by))
    services.round_units_add(round=round_, units=units, by=by)
    return round_, items, units


def _score(round_, unit, items, values, by):
    return services.scores_enter(round=round_, unit=unit, scores={
        item: (Decimal(v) if v is not None else None, "") for item, v in zip(items, values)}, by=by)


def test_scores_rank_the_units_densely_by_weighted_total(assessment, law):
    round_, items, units = assessment
    by = law.section
    _score(round_, units[0], items, ["10", "10", "20", "20", "15", "15"], by)  # full marks: 100
    _score(round_, units[1], items, ["9", "8", "18", "16", "12", "15"], by)
    _score(round_, units[2], items, ["9", "8", "18", "16", "12", "15"], by)  # tied with units[1]
    _score(round_, units[3], items, ["5", "5", "10", "10", "6", "9"], by)

    categories, rows = round_.results()
    assert [c.name for c in categories] == [name for name, _w, _i in FRAMEWORK]
    by_unit = {row.unit: row for row in rows}
    # 30 × 17/20 = 25.50; 40 × 34/40 = 34.00; 30 × 27/30 = 27.00
    assert by_unit[units[1]].points == [Decimal("25.50"), Decimal("34.00"), Decimal("27.00")]
    assert by_unit[units[1]].total == Decimal("86.50")
    # 30 × 10/20 = 15; 40 × 20/40 = 20; 30 × 15/30 = 15
    assert by_unit[units[3]].total == Decimal("50.00")
    assert [(row.rank, row.unit.name, row.total) for row in rows] == [
        (1, units[0].name, Decimal("100.00")),
        (2, units[2].name, Decimal("86.50")),  # a tie shares its rank; the names order it
        (2, units[1].name, Decimal("86.50")),
        (3, units[3].name, Decimal("50.00")),  # dense: the rank after a tie follows on
    ]


def test_a_score_above_the_maximum_is_refused_and_nothing_is_written(assessment, law):
    round_, items, units = assessment
    with pytest.raises(ValidationError) as refused:
        _score(round_, units[0], items[:2], ["9", "11"], law.section)
    assert "“重大事项听取法治汇报”的得分应在0到10分之间。" in str(refused.value)
    assert not AssessmentScore.objects.exists()


def test_a_unit_outside_the_round_or_a_closed_round_cannot_be_scored(assessment, law, areas):
    round_, items, units = assessment
    stranger = Unit.objects.create(area=areas.district, name="罗湖区文化广电旅游体育局", kind=UnitKind.DEPARTMENT)
    with pytest.raises(ValidationError, match="该单位不是本次考评的被考评单位"):
        _score(round_, stranger, items, ["1"] * 6, law.section)
    with pytest.raises(ValidationError, match="尚有24项得分未录入"):
        services.round_close(round=round_, on=timezone.localdate(), by=law.section)
    for unit in units:
        _score(round_, unit, items, ["1"] * 6, law.section)
    services.round_close(round=round_, on=timezone.localdate(), by=law.section)
    assert AssessmentRound.objects.get().status == RoundStatus.CLOSED
    with pytest.raises(ValidationError, match="已公布结果"):
        _score(round_, units[0], items, ["2"] * 6, law.section)


def test_a_unit_user_cannot_score(assessment, law):
    round_, items, units = assessment
    with pytest.raises(ValidationError, match="起草承办单位只能报送"):
        _score(round_, units[0], items, ["1"] * 6, law.drafter_a)


def test_an_item_fed_by_reconsideration_corrections_is_computed(assessment, law, areas):
    round_, items, units = assessment
    item = services.item_add(item=AssessmentItem(category=items[3].category, name="行政复议被纠错扣分",
                                                 max_score=Decimal("10"), deduction=Decimal("2"),
                                                 source="reconsideration_corrections"), by=law.section)
    today = timezone.localdate()
    for n in range(3):  # two corrected, one upheld, against unit_a this year
        Reconsideration.objects.create(
            area=areas.district, number=f"罗复〔{today.year}〕{n + 1:04d}号", applicant="申请人", respondent="住建局",
            respondent_unit=units[0], received_on=today, accepted_on=today, decided_on=today,
            decision=[Decision.REVOKED, Decision.ILLEGAL, Decision.UPHELD][n], status="concluded",
            acceptance_due_on=today, decision_due_on=today, matter=Matter.PENALTY, created_by=law.section)
    assert services.round_compute_sources(round=round_, by=law.section) == 4
    scores = dict(AssessmentScore.objects.filter(item=item).values_list("unit", "score"))
    assert scores[units[0].pk] == Decimal("6.0") and scores[units[1].pk] == Decimal("10.0")
    with pytest.raises(ValidationError, match="由系统按数据计算，不能人工评分"):
        services.scores_enter(round=round_, unit=units[0], scores={item: (Decimal("10"), "")}, by=law.section)


def test_an_unknown_or_non_rate_source_is_refused(assessment, law):
    _round, items, _units = assessment
    with pytest.raises(ValidationError, match="未知的数据来源"):
        services.item_add(item=AssessmentItem(category=items[0].category, name="x", max_score=1, source="nope"),
                          by=law.section)
    with pytest.raises(ValidationError, match="不是比率类指标"):
        services.item_add(item=AssessmentItem(category=items[0].category, name="x", max_score=1,
                                              source="indicator:reconsideration.concluded"), by=law.section)


def test_the_ranking_page_and_its_excel(assessment, law, client_for, django_assert_max_num_queries):
    round_, items, units = assessment
    _score(round_, units[0], items, ["10", "10", "20", "20", "15", "15"], law.section)
    _score(round_, units[1], items, ["9", "8", "18", "16", "12", "15"], law.section)
    _score(round_, units[2], items, ["9", "8", "18", "16", "12", "15"], law.section)
    _score(round_, units[3], items, ["5", "5", "10", "10", "6", None], law.section)
    client = client_for(law.section)
    url = reverse("normative_docs:round_ranking", args=[round_.pk])
    with django_assert_max_num_queries(14):  # as many with 4 units as with 40: the results are 4 queries
        page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "86.50" in html and "5/6" in html

    download = client.get(url, {"_export": "xlsx"})
    assert download.status_code == 200
    sheet = load_workbook(BytesIO(download.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == round_.title
    assert rows[1][:2] == ["排名", "单位"] and rows[1][-2:] == ["总分", "已评项目"]
    assert rows[1][3] == "党政主要负责人履行推进法治建设第一责任人职责（30.0分）"
    assert [r[0] for r in rows[2:]] == [1, 2, 2, 3]
    assert rows[2][1] == units[0].name and rows[2][-2] == 100
    assert rows[5][1:3] == [units[3].name, "驻区单位"] and rows[5][-2] == 41 and rows[5][-1] == "5/6"


def test_the_round_page_shows_the_matrix_and_the_score_form_saves(assessment, law, client_for,
                                                                  django_assert_max_num_queries):
    round_, items, units = assessment
    client = client_for(law.section)
    with django_assert_max_num_queries(16):
        page = client.get(round_.get_absolute_url())
    assert page.status_code == 200 and page.content.decode().count('id="unit-') == 4
    url = reverse("normative_docs:score_entry", args=[round_.pk, units[1].pk])
    data = {f"item_{item.pk}": "5" for item in items} | {f"comment_{items[0].pk}": "述法材料齐全"}
    data[f"item_{items[2].pk}"] = "25"
    refused = client.post(url, data)
    assert refused.status_code == 200 and "的得分应在0到20分之间" in refused.content.decode()
    assert not AssessmentScore.objects.exists()
    data[f"item_{items[2].pk}"] = "18.5"
    assert client.post(url, data).status_code == 302
    assert AssessmentScore.objects.filter(unit=units[1]).count() == 6
    assert AssessmentScore.objects.get(unit=units[1], item=items[0]).comment == "述法材料齐全"


def test_a_unit_submits_evidence_and_sees_only_its_own_row(assessment, law, client_for):
    round_, items, units = assessment
    client = client_for(law.drafter_a)
    url = reverse("normative_docs:evidence_create", args=[round_.pk, items[0].pk])
    fake = SimpleUploadedFile("述法报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(url, {"unit": units[0].pk, "description": "2026年度述法报告", "upload": fake})
    assert "内容与扩展名不符" in refused.content.decode()
    pdf = SimpleUploadedFile("述法报告.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    assert client.post(url, {"unit": units[0].pk, "description": "2026年度述法报告", "upload": pdf}).status_code == 302
    page = client.get(round_.get_absolute_url()).content.decode()
    assert page.count('id="unit-') == 1 and f'id="unit-{units[0].pk}"' in page
    assert client.get(reverse("normative_docs:score_entry", args=[round_.pk, units[1].pk])).status_code == 404
    assert client.get(reverse("normative_docs:score_entry", args=[round_.pk, units[0].pk])).status_code == 403
    # another district's section sees no round of 罗湖区
    assert client_for(law.other_section).get(round_.get_absolute_url()).status_code == 404


def test_the_api_enters_scores_and_answers_the_ranking(assessment, law, client_for):
    round_, items, units = assessment
    client = client_for(law.section)
    url = f"/api/v1/normative_docs/assessment-rounds/{round_.pk}/scores/"
    lines = [{"item": item.pk, "score": str(item.max_score), "comment": ""} for item in items]
    answer = client.post(url, {"unit": units[2].pk, "scores": lines}, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()[0] == {"rank": 1, "unit": units[2].pk, "unit_name": units[2].name,
                                "points": ["30.00", "40.00", "30.00"], "total": "100.00", "scored": 6}
    lines[0]["score"] = "11"
    refused = client.post(url, {"unit": units[1].pk, "scores": lines}, content_type="application/json")
    assert refused.status_code == 400 and "得分应在0到10分之间" in str(refused.json())
    assert AssessmentScore.objects.filter(unit=units[1]).count() == 0
    own = client_for(law.drafter_a).get(f"/api/v1/normative_docs/assessment-rounds/{round_.pk}/ranking/").json()
    assert [row["unit"] for row in own] == [units[0].pk]
    assert client_for(law.drafter_a).post(url, {"unit": units[0].pk, "scores": []},
                                          content_type="application/json").status_code == 403
    assert client_for(law.other_section).get(
        f"/api/v1/normative_docs/assessment-rounds/{round_.pk}/ranking/").status_code == 404

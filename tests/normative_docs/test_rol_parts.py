"""Major decisions, enforcement supervision, counsel, legal affairs and 述法: the services' refusals, the
rectification to-do, every rule_of_law.* indicator on a 2025 story counted by hand, the pages and the API with
their visibility (a unit sees its own unit's records; the other district sees nothing)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from bureau.models import Reminder
from figures.periods import parse_period
from figures.stats import compute
from normative_docs import rol_services as services
from normative_docs.models import (
    AffairKind,
    CounselEngagement,
    DecisionStatus,
    EnforcementOfficer,
    EnforcementTraining,
    FileReview,
    Handler,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    ShufaReport,
    Step,
)
from normative_docs.rol_reminders import RECTIFICATION_DUE
from normative_docs.rol_stats import INDICATORS, rule_of_law
from tests.factories import LawFirmFactory, LawyerFactory

STORY_DAY = date(2026, 1, 1)
ALL = [Step.PUBLIC, Step.EXPERT, Step.RISK, Step.LEGALITY, Step.COLLECTIVE]


def _decision(law, title, on=date(2025, 2, 10), unit=None, hearing=False, year=2025):
    return services.major_decision_catalogue(decision=MajorDecision(
        year=year, title=title, unit=unit or law.unit_a, hearing=hearing, catalogued_on=on), by=law.section)


def _steps(law, decision, steps, on=date(2025, 4, 1)):
    for step in steps:
        services.major_decision_step_record(decision=decision, step=step, on=on, by=law.section)


@pytest.fixture
def story(law, areas):
    by = law.section
    # Major decisions: one made after every step (with its hearing), one missing two steps, one withdrawn, one
    # catalogued in December 2024 for 2025 (outside the period).
    made = _decision(law, "罗湖区城市更新单元规划审批", hearing=True)
    _steps(law, made, [Step.PUBLIC, Step.HEARING, Step.EXPERT, Step.RISK, Step.LEGALITY, Step.COLLECTIVE])
    services.major_decision_complete(decision=made, on=date(2025, 6, 1), by=by)
    half = _decision(law, "罗湖区学校布局调整方案", unit=law.unit_b)
    _steps(law, half, [Step.PUBLIC, Step.LEGALITY])
    withdrawn = _decision(law, "罗湖区公共停车场收费标准调整", on=date(2025, 3, 1))
    services.major_decision_withdraw(decision=withdrawn, on=date(2025, 4, 1), reason="暂缓实施", by=by)
    _decision(law, "罗湖区养老服务设施布局规划", on=date(2024, 12, 20))

    # File reviews: one campaign in 2025 (three files, one with a problem), one in 2024.
    old = services.file_review_start(review=FileReview(area=areas.district, title="2024年下半年案卷评查",
                                                       started_on=date(2024, 10, 1)), by=by)
    services.reviewed_file_record(file=ReviewedFile(review=old, unit=law.unit_a, file_number="2024-01",
                                                    case_title="旧案", score=Decimal("90"),
                                                    reviewed_on=date(2024, 10, 5)), by=by)
    review = services.file_review_start(review=FileReview(area=areas.district, title="2025年上半年案卷评查",
                                                          started_on=date(2025, 4, 8)), by=by)
    files = [services.reviewed_file_record(file=ReviewedFile(
        review=review, unit=unit, file_number=number, case_title="某违法建设案", score=Decimal(score),
        reviewed_on=date(2025, 4, 20), problems=problem, rectify_by=date(2025, 5, 20) if problem else None), by=by)
        for unit, number, score, problem in [(law.unit_a, "A-1", "92", ""),
                                             (law.unit_a, "A-2", "68.5", "未告知陈述申辩权利"),
                                             (law.unit_b, "B-1", "81", "")]]

    # Trainings: two in 2025, one in 2024, one in 光明区.
    for held, people in [(date(2025, 3, 1), 80), (date(2025, 9, 1), 120), (date(2024, 12, 1), 50)]:
        services.enforcement_training_record(training=EnforcementTraining(
            area=areas.district, title="执法培训", held_on=held, attendances=people), units=[law.unit_a], by=by)
    services.enforcement_training_record(training=EnforcementTraining(
        area=areas.other_district, title="光明执法培训", held_on=date(2025, 5, 1), attendances=300),
        by=law.other_section)

    # Counsel: at the end of 2025, firm_1 with lawyers 1 and 2 (two engagements); firm_2's ended in 2024.
    firm_1, firm_2 = LawFirmFactory(area=areas.street_a), LawFirmFactory(area=areas.street_b)
    lawyer_1, lawyer_2 = LawyerFactory(firm=firm_1), LawyerFactory(firm=firm_1)
    lawyer_3 = LawyerFactory(firm=firm_2)
    e1 = services.engagement_register(engagement=CounselEngagement(
        unit=law.unit_a, firm=firm_1, started_on=date(2025, 1, 1), ended_on=date(2025, 12, 31), fee=80000),
        lawyers=[lawyer_1, lawyer_2], by=by)
    services.engagement_register(engagement=CounselEngagement(
        unit=law.unit_b, firm=firm_2, started_on=date(2024, 1, 1), ended_on=date(2024, 12, 31), fee=60000),
        lawyers=[lawyer_3], by=by)
    services.engagement_register(engagement=CounselEngagement(
        unit=law.unit_b, firm=firm_1, started_on=date(2025, 6, 1), fee=50000), lawyers=[lawyer_1], by=by)

    # Legal affairs: three in 2025 (two contracts, one opinion), one in 2024.
    for kind, handled, handler in [(AffairKind.CONTRACT, date(2025, 2, 1), Handler.COUNSEL),
                                   (AffairKind.CONTRACT, date(2025, 7, 1), Handler.SECTION),
                                   (AffairKind.OPINION, date(2025, 8, 1), Handler.COUNSEL),
                                   (AffairKind.OPINION, date(2024, 8, 1), Handler.SECTION)]:
        services.legal_affair_record(affair=LegalAffair(
            unit=law.unit_a, kind=kind, title="合同审查", handler=handler,
            engagement=e1 if handler == Handler.COUNSEL else None, handled_on=handled), by=by)

    # 述法: two leaders of unit_a and one of unit_b in 2025 (for 2024); one in 2024 (for 2023).
    for unit, name, on in [(law.unit_a, "张主任", date(2025, 2, 1)), (law.unit_a, "李副主任", date(2025, 2, 1)),
                           (law.unit_b, "王主任", date(2025, 3, 1)), (law.unit_b, "王主任", date(2024, 2, 1))]:
        services.shufa_record(report=ShufaReport(unit=unit, year=on.year - 1, leader_name=name, leader_title="主任",
                                                 form="meeting", reported_on=on), by=by)
    return {"made": made, "half": half, "files": files, "e1": e1, "lawyers": (lawyer_1, lawyer_2, lawyer_3),
            "firms": (firm_1, firm_2)}


def test_every_indicator_of_2025_counted_by_hand(story, areas, personas):
    values = rule_of_law(areas.district, parse_period("2025"))
    assert {code: values[code] for code in [
        "rule_of_law.major_decisions", "rule_of_law.major_decisions_completed",
        "rule_of_law.enforcement_file_reviews", "rule_of_law.enforcement_files_sampled",
        "rule_of_law.enforcement_trainings", "rule_of_law.enforcement_training_attendances",
        "rule_of_law.counsel_firms", "rule_of_law.counsel_people", "rule_of_law.legal_affairs",
        "rule_of_law.legal_affairs_by_kind.contract", "rule_of_law.legal_affairs_by_kind.opinion",
        "rule_of_law.shufa_units", "rule_of_law.shufa_person_times"]} == {
        "rule_of_law.major_decisions": 2, "rule_of_law.major_decisions_completed": 1,
        "rule_of_law.enforcement_file_reviews": 1, "rule_of_law.enforcement_files_sampled": 3,
        "rule_of_law.enforcement_trainings": 2, "rule_of_law.enforcement_training_attendances": 200,
        "rule_of_law.counsel_firms": 1, "rule_of_law.counsel_people": 2, "rule_of_law.legal_affairs": 3,
        "rule_of_law.legal_affairs_by_kind.contract": 2, "rule_of_law.legal_affairs_by_kind.opinion": 1,
        "rule_of_law.shufa_units": 2, "rule_of_law.shufa_person_times": 3}
    assert set(values) == {i.code for i in INDICATORS}
    last_year = rule_of_law(areas.district, parse_period("2024"))
    assert (last_year["rule_of_law.counsel_firms"], last_year["rule_of_law.counsel_people"]) == (1, 1)
    other = rule_of_law(areas.other_district, parse_period("2025"))
    assert other["rule_of_law.enforcement_training_attendances"] == 300 and other["rule_of_law.legal_affairs"] == 0
    assert compute(user=personas.leader, area=areas.district, period=parse_period("2025"),
                   codes=["rule_of_law.shufa_units"]) == {"rule_of_law.shufa_units": 2}


def test_the_group_takes_a_handful_of_queries(story, areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        rule_of_law(areas.district, parse_period("2025"))


def test_a_decision_missing_steps_cannot_be_marked_done(story, law):
    half = story["half"]
    with pytest.raises(ValidationError) as refused:
        services.major_decision_complete(decision=half, on=date(2025, 6, 1), by=law.section)
    assert "尚未完成法定程序：专家论证、风险评估、集体讨论决定，不能标记为已作出决策。" in refused.value.messages
    assert MajorDecision.objects.get(pk=half.pk).status == DecisionStatus.CATALOGUED
    with pytest.raises(ValidationError, match="集体讨论决定前应先完成：专家论证、风险评估"):
        services.major_decision_step_record(decision=half, step=Step.COLLECTIVE, on=date(2025, 5, 1), by=law.section)
    with pytest.raises(ValidationError, match="听证仅适用于列入听证目录的事项"):
        services.major_decision_step_record(decision=half, step=Step.HEARING, on=date(2025, 5, 1), by=law.section)
    with pytest.raises(ValidationError, match="已于2025-04-01登记"):
        services.major_decision_step_record(decision=half, step=Step.PUBLIC, on=date(2025, 5, 1), by=law.section)
    made = story["made"]
    assert made.missing_steps() == [] and made.status == DecisionStatus.DONE
    with pytest.raises(ValidationError, match="起草承办单位只能报送"):
        services.major_decision_catalogue(decision=MajorDecision(
            year=2025, title="另一事项", unit=law.unit_a, catalogued_on=date(2025, 2, 10)), by=law.drafter_a)


def test_the_rectification_is_a_to_do_until_recorded(story, law):
    file = story["files"][1]
    todo = Reminder.objects.get(kind=RECTIFICATION_DUE)
    assert todo.due_on == date(2025, 5, 20) and todo.object_id == file.pk and todo.title.endswith("A-2")
    services.reviewed_file_rectify(file=file, on=date(2025, 5, 15), by=law.section)
    assert not Reminder.objects.filter(kind=RECTIFICATION_DUE, state=Reminder.State.OPEN).exists()
    with pytest.raises(ValidationError, match="已于2025-05-15整改完毕"):
        services.reviewed_file_rectify(file=file, on=date(2025, 5, 16), by=law.section)
    with pytest.raises(ValidationError, match="发现问题的案卷请填写整改期限"):
        services.reviewed_file_record(file=ReviewedFile(
            review=file.review, unit=law.unit_b, file_number="B-2", case_title="x", score=Decimal("60"),
            reviewed_on=date(2025, 4, 21), problems="文书不规范"), by=law.section)
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        services.reviewed_file_record(file=ReviewedFile(
            review=file.review, unit=law.other_unit, file_number="G-1", case_title="x", score=Decimal("60"),
            reviewed_on=date(2025, 4, 21)), by=law.section)


def test_counsel_legal_affairs_officers_and_shufa_refusals(story, law):
    lawyer_1, _lawyer_2, lawyer_3 = story["lawyers"]
    firm_1, _firm_2 = story["firms"]
    with pytest.raises(ValidationError, match="不是该律师事务所的律师"):
        services.engagement_register(engagement=CounselEngagement(
            unit=law.unit_a, firm=firm_1, started_on=date(2025, 1, 1), fee=1), lawyers=[lawyer_3], by=law.section)
    with pytest.raises(ValidationError, match="办结日期不在该法律顾问的聘期内"):
        services.legal_affair_record(affair=LegalAffair(
            unit=law.unit_a, kind=AffairKind.OPINION, title="x", handler=Handler.COUNSEL, engagement=story["e1"],
            handled_on=date(2024, 6, 1)), by=law.section)
    services.engagement_evaluate(engagement=story["e1"], evaluation="excellent", on=date(2025, 12, 31),
                                 by=law.section)
    with pytest.raises(ValidationError, match="该聘请已于2025-12-31评价"):
        services.engagement_evaluate(engagement=story["e1"], evaluation="competent", on=date(2025, 12, 31),
                                     by=law.section)
    services.officer_register(officer=EnforcementOfficer(unit=law.unit_a, name="赵执法", certificate_number="ab123",
                                                         valid_until=date(2027, 1, 1)), by=law.section)
    with pytest.raises(ValidationError, match="执法证号AB123已登记"):
        services.officer_register(officer=EnforcementOfficer(unit=law.unit_b, name="钱执法",
                                                             certificate_number="AB123",
                                                             valid_until=date(2027, 1, 1)), by=law.section)
    with pytest.raises(ValidationError, match="张主任已登记2024年度述法"):
        services.shufa_record(report=ShufaReport(unit=law.unit_a, year=2024, leader_name="张主任", leader_title="主任",
                                                 form="written", reported_on=date(2025, 2, 2)), by=law.section)


def test_the_lists_their_query_counts_and_an_export(story, law, client_for, django_assert_max_num_queries):
    client = client_for(law.section)
    for name in ["decision_list", "file_review_list", "enforcement_training_list", "officer_list",
                 "engagement_list", "legal_affair_list", "shufa_list", "round_list"]:
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"normative_docs:{name}")).status_code == 200, name
    download = client.get(reverse("normative_docs:decision_list"), {"_export": "xlsx"})
    sheet = load_workbook(BytesIO(download.content)).active
    titles = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"罗湖区城市更新单元规划审批", "罗湖区学校布局调整方案"} <= titles
    for page in [story["made"].get_absolute_url(), story["files"][0].review.get_absolute_url(),
                 story["e1"].get_absolute_url()]:
        assert client.get(page).status_code == 200


def test_the_decision_page_refuses_completion_with_the_missing_steps(story, law, client_for):
    client = client_for(law.section)
    url = reverse("normative_docs:decision_action", args=[story["half"].pk, "complete"])
    response = client.post(url, {"on": "2025-06-01"})
    assert response.status_code == 200
    assert "尚未完成法定程序：专家论证、风险评估、集体讨论决定" in response.content.decode()


def test_a_unit_sees_only_its_own_and_the_other_district_nothing(story, law, client_for, personas):
    unit_a = client_for(law.drafter_a)
    assert unit_a.get(story["half"].get_absolute_url()).status_code == 404  # unit_b's item
    assert unit_a.get(story["made"].get_absolute_url()).status_code == 200
    assert unit_a.post(reverse("normative_docs:decision_action", args=[story["half"].pk, "complete"]),
                       {"on": "2025-06-01"}).status_code == 404
    assert unit_a.get(reverse("normative_docs:decision_create")).status_code == 403
    page = unit_a.get(reverse("normative_docs:decision_list")).content.decode()
    assert "罗湖区城市更新单元规划审批" in page and "罗湖区学校布局调整方案" not in page
    other = client_for(law.other_section)
    assert other.get(story["made"].get_absolute_url()).status_code == 404
    assert other.get(story["e1"].get_absolute_url()).status_code == 404
    leader = client_for(personas.leader)
    assert leader.get(story["made"].get_absolute_url()).status_code == 200
    assert leader.get(reverse("normative_docs:decision_create")).status_code == 403


def test_the_api_lists_what_the_caller_sees_and_refuses_in_chinese(story, law, client_for,
                                                                   django_assert_max_num_queries):
    section = client_for(law.section)
    with django_assert_max_num_queries(10):
        listed = section.get("/api/v1/normative_docs/decisions/")
    assert listed.status_code == 200 and listed.json()["count"] == 4
    refused = section.post(f"/api/v1/normative_docs/decisions/{story['half'].pk}/complete/",
                           {"on": "2025-06-01"}, content_type="application/json")
    assert refused.status_code == 400 and "尚未完成法定程序" in str(refused.json())
    mine = client_for(law.drafter_a).get("/api/v1/normative_docs/decisions/").json()
    assert {row["title"] for row in mine["results"]} == {"罗湖区城市更新单元规划审批", "罗湖区公共停车场收费标准调整",
                                                         "罗湖区养老服务设施布局规划"}
    assert client_for(law.other_section).get(
        f"/api/v1/normative_docs/counsel/{story['e1'].pk}/").status_code == 404
    for path in ["file-reviews", "reviewed-files", "enforcement-trainings", "officers", "counsel", "legal-affairs",
                 "shufa", "assessment-rounds"]:
        with django_assert_max_num_queries(10):
            assert section.get(f"/api/v1/normative_docs/{path}/").status_code == 200, path


def test_the_report_paragraph_of_these_figures(story, areas):
    from normative_docs.rol_stats import paragraph

    text = paragraph(rule_of_law(areas.district, parse_period("2025")))
    assert text == ("重大行政决策目录事项2项，履行法定程序后作出决策1项；"
                    "开展行政执法案卷评查1次，评查案卷3宗；举办行政执法培训2期200人次；在聘政府法律顾问律师事务所1家、律师2人，承办法律事务3件；"
                    "2个单位3人次开展述法。")

"""Every normative_docs.*, reconsideration.* and litigation.* indicator on a crafted story counted by hand: a
reconsideration carried over across the period's first day (one concluded on that very day), the correction
rate, filings on time and late, reviews by kind and topic, first-instance judgments and the agency heads'
appearances; the statistics API, the query count and the report paragraph."""

from datetime import date
from decimal import Decimal

import pytest

from figures.periods import parse_period
from figures.stats import ReportScope, compute, paragraph_writer
from normative_docs import services
from normative_docs.models import Document, Hearing, Litigation, Reconsideration
from normative_docs.stats import INDICATORS, normative_docs

from .conftest import ALL_MATERIALS

STORY_DAY = date(2026, 6, 30)
CODES = [i.code for i in INDICATORS]


def _recon(law, area, received, accepted=None, decided=None, decision="upheld", refused=None, by=None):
    by = by or law.section
    case = services.reconsideration_receive(case=Reconsideration(
        area=area, applicant="申请人", respondent="罗湖区住房和建设局", matter="penalty", received_on=received),
        by=by)
    if refused:
        return services.reconsideration_refuse(case=case, on=refused, reason="不属于受理范围", by=by)
    if accepted:
        services.reconsideration_accept(case=case, on=accepted, by=by)
    if decided:
        services.reconsideration_decide(case=case, on=decided, decision=decision, by=by)
    return case


def _doc(law, kind, submitted, passed=None, returned=None, resubmitted=None, topic="", unit=None, by=None,
         issue=None, filed=None):
    by = by or law.section
    document = services.document_submit(document=Document(
        unit=unit or law.unit_a, kind=kind, title=f"{kind}{submitted}", topic=topic, submitted_on=submitted,
        materials=ALL_MATERIALS), by=by)
    if returned:
        services.document_review(document=document, on=returned, passed=False, opinions="请修改", by=by)
    if resubmitted:
        services.document_resubmit(document=document, on=resubmitted, by=by)
    if passed:
        services.document_review(document=document, on=passed, passed=True, opinions="", by=by)
    if issue:
        services.document_issue(document=document, number=issue[0], issued_on=issue[1], by=by)
    if filed:
        services.document_file(document=document, filed_on=filed, by=by)
    return document


def _lawsuit(law, areas, number, received, instance="first", hearings=(), concluded=None, judgment=None):
    case = services.litigation_register(case=Litigation(
        area=areas.district, case_number=number, court="深圳市罗湖区人民法院", instance=instance, plaintiff="原告",
        defendant="罗湖区住房和建设局", defendant_unit=law.unit_a, matter="penalty", received_on=received),
        by=law.section)
    for held_on, head in hearings:
        services.hearing_record(hearing=Hearing(case=case, held_on=held_on, head_appeared=head,
                                                head_name="负责人" if head else ""), by=law.section)
    if concluded:
        services.litigation_conclude(case=case, on=concluded, judgment=judgment, by=law.section)
    return case


@pytest.fixture
def story(law, areas):
    """Reconsideration in 罗湖区: R1 accepted 2024-12-05, revoked 2025-01-20; R2 accepted 2024-11-05, upheld
    2024-12-30; R9 accepted 2024-12-31, terminated 2025-01-01; R3 accepted 2025-03-04, upheld 04-15; R4 accepted
    2025-06-04, varied 07-20; R5 accepted 2025-12-24, open; R6 received 2025-12-29, not yet accepted; R7
    refused 2025-05-08. 光明区: one accepted 2025-03-03. Documents and lawsuits: see the test's hand counts."""
    s = law.section
    _recon(law, areas.district, date(2024, 12, 2), date(2024, 12, 5), date(2025, 1, 20), "revoked")
    _recon(law, areas.district, date(2024, 11, 1), date(2024, 11, 5), date(2024, 12, 30))
    _recon(law, areas.district, date(2024, 12, 20), date(2024, 12, 31), date(2025, 1, 1), "terminated")
    _recon(law, areas.district, date(2025, 3, 2), date(2025, 3, 4), date(2025, 4, 15))
    _recon(law, areas.district, date(2025, 6, 2), date(2025, 6, 4), date(2025, 7, 20), "varied")
    _recon(law, areas.district, date(2025, 12, 20), date(2025, 12, 24))
    _recon(law, areas.district, date(2025, 12, 29))
    _recon(law, areas.district, date(2025, 5, 6), refused=date(2025, 5, 8))
    _recon(law, areas.other_district, date(2025, 3, 1), date(2025, 3, 3), by=law.other_section)

    _doc(law, "normative", date(2025, 2, 3), returned=date(2025, 2, 10), resubmitted=date(2025, 2, 17),
         passed=date(2025, 2, 24), topic="business", issue=("深罗规〔2025〕1号", date(2025, 3, 3)),
         filed=date(2025, 3, 10))  # filing due 03-18: on time
    _doc(law, "normative", date(2024, 12, 2), passed=date(2024, 12, 20), issue=("深罗规〔2025〕2号", date(2025, 1, 6)),
         filed=date(2025, 2, 28))  # due 01-21: late
    _doc(law, "work_plan", date(2025, 5, 5), passed=date(2025, 5, 8), topic="epidemic")
    _doc(law, "outgoing", date(2025, 5, 6), passed=date(2025, 5, 7), topic="epidemic", unit=law.unit_b)
    _doc(law, "regulation", date(2025, 12, 29))  # still under review
    _doc(law, "party", date(2025, 4, 1), passed=date(2025, 4, 10))
    _doc(law, "normative", date(2025, 6, 2), returned=date(2025, 6, 9))  # never resubmitted
    _doc(law, "normative", date(2025, 3, 2), passed=date(2025, 3, 9), unit=law.other_unit, by=law.other_section)

    _lawsuit(law, areas, "（2025）粤0303行初1号", date(2025, 2, 3), hearings=[(date(2025, 4, 10), True)],
             concluded=date(2025, 5, 20), judgment="revoked")
    _lawsuit(law, areas, "（2024）粤0303行初9号", date(2024, 11, 1), hearings=[(date(2025, 1, 15), False)],
             concluded=date(2025, 3, 1), judgment="claim_dismissed")
    _lawsuit(law, areas, "（2025）粤03行终5号", date(2025, 6, 1), instance="second",
             hearings=[(date(2025, 8, 1), True)], concluded=date(2025, 9, 1), judgment="revoked")
    _lawsuit(law, areas, "（2025）粤0303行初30号", date(2025, 10, 10), hearings=[(date(2025, 11, 20), True)])
    return s


def figures(user, area, key):
    return compute(user=user, area=area, period=parse_period(key), codes=CODES)


def test_the_district_year_counted_by_hand(story, personas, areas):
    got = figures(personas.leader, areas.district, "2025")
    expected = {
        "normative_docs.texts_reviewed": 3,  # the first normative, the work plan, the outgoing paper
        "normative_docs.texts_reviewed_by_kind.normative": 1,
        "normative_docs.texts_reviewed_by_kind.regulation": 0,
        "normative_docs.texts_reviewed_by_kind.work_plan": 1,
        "normative_docs.texts_reviewed_by_kind.guideline": 0,
        "normative_docs.texts_reviewed_by_kind.outgoing": 1,
        "normative_docs.texts_reviewed_by_topic.epidemic": 2,
        "normative_docs.texts_reviewed_by_topic.business": 1,
        "normative_docs.texts_reviewed_by_topic.urban_renewal": 0,
        "normative_docs.texts_reviewed_by_topic.safety": 0,
        "normative_docs.texts_reviewed_by_topic.livelihood": 0,
        "normative_docs.texts_reviewed_by_topic.ecology": 0,
        "normative_docs.texts_reviewed_by_topic.other": 0,
        "normative_docs.reviewed": 1,
        "normative_docs.issued": 2,
        "normative_docs.filed": 2,
        "normative_docs.filed_on_time_rate": Decimal("0.5000"),
        "normative_docs.in_force": 2,
        "normative_docs.party_reviewed": 1,
        "reconsideration.accepted": 5,  # R3, R4, R5 accepted + R1, R9 carried over
        "reconsideration.carried_over": 2,
        "reconsideration.concluded": 4,  # R1, R9, R3, R4
        "reconsideration.correction_rate": Decimal("0.5000"),  # R1 revoked, R4 varied
        "litigation.cases": 3,
        "litigation.concluded": 2,
        "litigation.lost": 1,
        "litigation.loss_rate": Decimal("0.5000"),
        "litigation.head_appearance_rate": Decimal("0.7500"),
    }
    assert got == expected


def test_a_quarter_carries_over_what_was_open_on_its_first_day(story, personas, areas):
    got = figures(personas.leader, areas.district, "2025-Q3")
    assert {k: got[k] for k in CODES if k.startswith("reconsideration.")} == {
        "reconsideration.accepted": 1, "reconsideration.carried_over": 1, "reconsideration.concluded": 1,
        "reconsideration.correction_rate": Decimal("1.0000")}
    year = figures(personas.leader, areas.district, "2026")
    assert (year["reconsideration.carried_over"], year["reconsideration.accepted"]) == (1, 1)  # R5
    empty = figures(personas.leader, areas.district, "2024-Q1")
    assert (empty["reconsideration.correction_rate"], empty["litigation.loss_rate"]) == (None, None)


def test_the_other_district_and_a_street_see_only_theirs(story, personas, areas):
    other = figures(personas.admin, areas.other_district, "2025")
    assert (other["reconsideration.accepted"], other["normative_docs.texts_reviewed"],
            other["litigation.cases"]) == (1, 1, 0)
    city = figures(personas.admin, areas.city, "2025")
    assert city["reconsideration.accepted"] == 6 and city["normative_docs.reviewed"] == 2


def test_the_group_takes_a_handful_of_queries(story, areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        normative_docs(areas.district, parse_period("2025"))


def test_the_statistics_api(story, personas, client_for):
    response = client_for(personas.leader).get("/api/v1/stats/", {
        "period": "2025", "area": "440303",
        "codes": "reconsideration.accepted,reconsideration.concluded,reconsideration.correction_rate"})
    assert response.status_code == 200
    assert response.json()["indicators"] == {"reconsideration.accepted": 5, "reconsideration.concluded": 4,
                                             "reconsideration.correction_rate": 0.5}


def test_the_report_paragraph(story, personas, areas):
    text = paragraph_writer("normative_docs")(figures(personas.leader, areas.district, "2025"),
                                              ReportScope("全区", parse_period("2025")))
    assert text == ("截至2025年12月底，全区审查各类文件3件（其中行政规范性文件1件），印发行政规范性文件2件，"
                    "报送备案2件，按时备案率为50%；审查党内规范性文件1件。共受理行政复议案件5宗（含上期结转2宗），"
                    "已办结4宗，纠错率为50%；行政诉讼案件共3宗，已结案2宗，败诉1宗，败诉率为50%，"
                    "行政机关负责人出庭应诉率为75%。")


@pytest.mark.parametrize("key", ["2025", "2025-Q2", "2025-Q4", "2024-Q1"])
def test_the_comparison_of_districts_counts_accepted_and_carried_over_reconsiderations_as_computed(
        story, personas, areas, key):
    from tests.comparison import assert_compared_as_computed

    assert_compared_as_computed(personas.admin, areas.city, key, ["reconsideration.accepted"])


@pytest.mark.parametrize("key", ["2025", "2025-Q2", "2025-Q4", "2024-Q1"])
def test_the_head_appearance_rate_is_its_two_measures(story, personas, areas, key):
    """The comparison of areas computes 负责人出庭应诉率 from its two measures grouped by district: the same figure."""
    from figures import dashboard, stats

    period = parse_period(key)
    ratio = stats.ratio_for("litigation.head_appearance_rate")
    part, whole = (stats.measure_for(code) for code in (ratio.part, ratio.whole))
    parts, wholes = dashboard.by_child(part, areas.city, period), dashboard.by_child(whole, areas.city, period)
    for district in (areas.district, areas.other_district):
        got = figures(personas.admin, district, key)["litigation.head_appearance_rate"]
        assert stats.rate(parts.get(district.path, 0), wholes.get(district.path, 0)) == got, (district, key)
    assert sum(wholes.values()) == {"2025": 4, "2025-Q2": 1, "2025-Q4": 1, "2024-Q1": 0}[key]

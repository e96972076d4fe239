"""Every mediation.* indicator on crafted data whose figures are counted by hand, per period and area; the
dashboards' measures and stocks agree with them; the work report's paragraph."""

from datetime import date
from decimal import Decimal

import pytest

from figures.periods import parse_period
from figures.stats import compute
from mediation import services
from mediation.models import AgreementForm, DisputeType, FoundDispute, Outcome, ScreeningRound, Training
from mediation.stats import INDICATORS
from tests.factories import LawyerFactory, MediatorFactory, OrganisationFactory

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


def _conclude(case, by, on, outcome=Outcome.SUCCESS, **agreement):
    services.case_start(case=case, by=by, on=case.accepted_on)
    if outcome == Outcome.SUCCESS:
        agreement.setdefault("agreement_form", AgreementForm.ORAL)
    else:
        agreement["failure_reason"] = "双方分歧较大"
    return services.case_conclude(case=case, outcome=outcome, by=by, on=on, **agreement)


@pytest.fixture
def crafted(world, make_case, personas, areas):
    """Street A (桂园): a neighbour case of 2026-03-02 (12,000) concluded with a written agreement on 03-20,
    confirmation applied for on 04-02; a family case of 03-10 flagged at risk on 03-12 (prevented), failed on
    04-05; a labour case of 05-06 (50,000.50) flagged on 05-07 (not prevented), successful 05-20; a neighbour
    case of 07-01 still open. Street B (黄贝): a property case of 04-08 (8,000) successful.
    Screening: 2 disputes found in street A in March, 1 in street B in August. Trainings: the district's of
    06-10 (30 present, 120 watching), street A's of 09-01 (20). At the end of 2026: 4 organisations (the two
    committees, a 物业调解室 in street A with 2 devices since 05-01, a district-wide labour committee since
    06-01), 4 mediators of whom 1 community legal advisor (in street B)."""
    a, b = personas.clerk_a, personas.clerk_b
    neighbour = make_case(accepted_on=date(2026, 3, 2), amount_involved=12000)
    _conclude(neighbour, a, date(2026, 3, 20), agreement_form=AgreementForm.WRITTEN,
              agreement_signed_on=date(2026, 3, 20))
    services.case_apply_confirmation(case=neighbour, applied_on=date(2026, 4, 2), online=True,
                                     court="罗湖区人民法院", by=a)
    family = make_case(accepted_on=date(2026, 3, 10), amount_involved=0, dispute_type=DisputeType.MARRIAGE_FAMILY)
    services.case_flag_escalation(case=family, on=date(2026, 3, 12), measures="联系社区民警共同稳控", by=a)
    services.case_record_escalation_outcome(case=family, prevented=True, by=a)
    _conclude(family, a, date(2026, 4, 5), outcome=Outcome.FAILURE)
    labour = make_case(accepted_on=date(2026, 5, 6), amount_involved=Decimal("50000.50"),
                       dispute_type=DisputeType.LABOUR)
    services.case_flag_escalation(case=labour, on=date(2026, 5, 7), measures="劳动监察介入", by=a)
    services.case_record_escalation_outcome(case=labour, prevented=False, by=a)
    _conclude(labour, a, date(2026, 5, 20))
    make_case(accepted_on=date(2026, 7, 1), amount_involved=0)
    prop = make_case(by=b, organisation=world.committee_b, mediator=world.mediator_b, accepted_on=date(2026, 4, 8),
                     amount_involved=8000, dispute_type=DisputeType.PROPERTY)
    _conclude(prop, b, date(2026, 4, 20))

    for by, area, start, days in [(a, areas.street_a, date(2026, 3, 1), [date(2026, 3, 2), date(2026, 3, 3)]),
                                  (b, areas.street_b, date(2026, 8, 1), [date(2026, 8, 3)])]:
        round_ = services.screening_round_record(
            round=ScreeningRound(area=area, started_on=start, ended_on=start.replace(day=10), title="排查"), by=by)
        for day in days:
            services.dispute_record(dispute=FoundDispute(round=round_, found_on=day, dispute_type=DisputeType.NEIGHBOUR,
                                                         description="噪音扰民"), by=by)
    Training.objects.create(area=areas.district, title="全区调解员培训", held_on=date(2026, 6, 10), online=True,
                            attendees=30, stream_viewers=120)
    Training.objects.create(area=areas.street_a, title="桂园街道调解员培训", held_on=date(2026, 9, 1), attendees=20)

    OrganisationFactory(name="某小区物业调解室", form="room", sector="property", area=areas.street_a,
                        founded_on=date(2020, 1, 1), devices=2, devices_installed_on=date(2026, 5, 1))
    OrganisationFactory(name="罗湖区劳动争议人民调解委员会", kind="sector", sector="labour", area=areas.district,
                        founded_on=date(2026, 6, 1))
    MediatorFactory(organisation=world.committee_b, name="刘律师", lawyer=LawyerFactory(area=areas.district))
    return areas


def figures(user, area, key):
    return compute(user=user, area=area, period=parse_period(key), codes=[i.code for i in INDICATORS])


def test_the_district_year(crafted, personas):
    got = figures(personas.leader, crafted.district, "2026")
    expected = {
        "mediation.organisations": 4,
        "mediation.mediators": 4,
        "mediation.disputes_screened": 3,
        "mediation.cases_accepted": 5,
        "mediation.cases_successful": 3,
        "mediation.success_rate": Decimal("0.6000"),
        "mediation.amount_involved": Decimal("70000.50"),
        "mediation.escalation_flagged": 2,
        "mediation.escalation_prevention_rate": Decimal("0.5000"),
        "mediation.judicial_confirmations": 1,
        "mediation.cases_by_type.neighbour": 2,
        "mediation.cases_by_type.marriage_family": 1,
        "mediation.cases_by_type.labour": 1,
        "mediation.cases_by_type.property": 1,
        "mediation.cases_by_type.medical": 0,
        "mediation.property_rooms": 1,
        "mediation.streets_with_property_rooms": 1,
        "mediation.sector_organisations": 1,
        "mediation.confirmation_devices": 2,
        "mediation.mediators_advisors": 1,
        "mediation.training_attendances": 170,
    }
    assert {code: got[code] for code in expected} == expected
    assert sum(got[f"mediation.cases_by_type.{t}"] for t in DisputeType.values) == got["mediation.cases_accepted"]


def test_a_street_and_a_month(crafted, personas):
    street_a = figures(personas.leader, crafted.street_a, "2026")
    assert street_a["mediation.cases_accepted"] == 4
    assert street_a["mediation.cases_successful"] == 2
    assert street_a["mediation.organisations"] == 2  # its committee and the room; the district's is not its own
    assert street_a["mediation.training_attendances"] == 20
    march = figures(personas.leader, crafted.district, "2026-03")
    assert march["mediation.cases_accepted"] == 2 and march["mediation.judicial_confirmations"] == 0
    assert march["mediation.escalation_prevention_rate"] == Decimal("1.0000")
    assert march["mediation.confirmation_devices"] == 0 and march["mediation.sector_organisations"] == 0
    april = figures(personas.leader, crafted.district, "2026-04")
    assert april["mediation.judicial_confirmations"] == 1 and april["mediation.cases_accepted"] == 1


def test_an_area_without_mediation_gives_zeros_and_prevention_of_one(crafted, personas):
    got = figures(personas.admin, crafted.other_district, "2026")
    assert got["mediation.cases_accepted"] == 0 and got["mediation.success_rate"] is None
    assert got["mediation.escalation_prevention_rate"] == Decimal("1.0000")
    assert got["mediation.amount_involved"] == Decimal("0.00")


def test_the_indicators_take_a_handful_of_queries(crafted, personas, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        figures(personas.leader, crafted.district, "2026")


def test_each_measure_agrees_with_its_indicator_by_month_and_by_street(crafted, personas):
    from figures import dashboard, stats

    year = parse_period("2026")
    indicators = figures(personas.leader, crafted.district, "2026")
    checked = 0
    for code, measure in stats.registered_measures().items():
        if not code.startswith("mediation."):
            continue
        checked += 1
        months = dashboard.monthly(measure, crafted.district, year.start, year.end)
        assert sum(months.values()) == indicators[code], code
        for month_start, value in months.items():
            month = parse_period(f"{month_start:%Y-%m}")
            assert figures(personas.leader, crafted.district, month.key)[code] == value, (code, month.key)
        streets = dashboard.by_child(measure, crafted.district, year)
        street_a = figures(personas.leader, crafted.street_a, "2026")[code]
        assert streets.get(crafted.street_a.path, 0) == street_a, code
        street_b = figures(personas.leader, crafted.street_b, "2026")[code]
        assert streets.get(crafted.street_b.path, 0) == street_b, code
    assert checked >= 5


@pytest.mark.parametrize("key", ["2026", "2026-03", "2026-06", "2025"])
def test_the_success_rate_is_the_rate_of_its_two_measures_by_street(crafted, personas, key):
    """The comparison of areas computes 调解成功率 from its two measures grouped by area: the same figure."""
    from figures import dashboard, stats

    period = parse_period(key)
    ratio = stats.ratio_for("mediation.success_rate")
    parts = dashboard.by_child(stats.measure_for(ratio.part), crafted.district, period)
    wholes = dashboard.by_child(stats.measure_for(ratio.whole), crafted.district, period)
    for street in (crafted.street_a, crafted.street_b):
        got = figures(personas.leader, street, key)["mediation.success_rate"]
        assert stats.rate(parts.get(street.path, 0), wholes.get(street.path, 0)) == got, (street, key)
    assert figures(personas.leader, crafted.district, key)["mediation.success_rate"] == stats.rate(
        sum(parts.values()), sum(wholes.values()))


@pytest.mark.parametrize("key", ["2026", "2026-03", "2026-06"])
def test_a_stock_declaring_what_stands_agrees_with_its_indicator_by_street(crafted, personas, key):
    """The comparison of areas groups such a stock by area in one query: each street's figure as computed."""
    from figures import dashboard, stats

    day = parse_period(key).end
    standing = [code for code in (i.code for i in INDICATORS)
                if stats.stock_for(code) is not None and stats.stock_for(code).standing is not None]
    assert standing
    for code in standing:
        streets = dashboard.stock_by_child(stats.stock_for(code), crafted.district, day)
        for street in (crafted.street_a, crafted.street_b):
            assert streets.get(street.path, 0) == figures(personas.leader, street, key)[code], (code, street, key)


@pytest.mark.parametrize("key", ["2026", "2026-03", "2026-06"])
def test_each_stock_agrees_with_its_indicator(crafted, personas, key):
    from figures import stats

    period = parse_period(key)
    for area in (crafted.district, crafted.street_a, crafted.street_b):
        got = figures(personas.leader, area, key)
        for code in got:
            if stats.stock_for(code) is not None:
                assert stats.stock_for(code).on(area, period.end) == got[code], (code, area, key)


def test_the_work_report_paragraph(crafted, personas):
    from figures.stats import paragraph_writer

    from figures.periods import parse_period
    from figures.stats import ReportScope

    scope = ReportScope("全区", parse_period("2026"))
    text = paragraph_writer("mediation")(figures(personas.leader, crafted.district, "2026"), scope)
    assert text.startswith("截至2026年12月底，全区各人民调解组织排查矛盾纠纷3宗，受理人民调解案件5宗，调解成功3宗，调解成功率为60%，"
                           "案件涉案金额7.00万元，防止矛盾激化率达50%。")
    assert "申请司法确认1宗，培训调解员170人次。" in text
    assert text.endswith("期末共有人民调解组织4家（其中物业调解室1家），人民调解员4人。")


def test_a_period_without_mediation_says_so(crafted, personas):
    from figures.stats import paragraph_writer

    from figures.periods import parse_period
    from figures.stats import ReportScope

    scope = ReportScope("全区", parse_period("2026-01-01..2026-11-29"))
    text = paragraph_writer("mediation")(figures(personas.admin, crafted.other_district, "2026"), scope)
    assert text == "本期全区各人民调解组织未受理人民调解案件。"


def test_each_indicator_says_which_way_is_good_news():
    from figures.stats import Better

    better = {i.code: i.better for i in INDICATORS}
    assert set(better.values()) <= set(Better.values)
    assert better["mediation.success_rate"] == Better.UP
    assert better["mediation.escalation_prevention_rate"] == Better.UP
    assert len(better) == len(INDICATORS)

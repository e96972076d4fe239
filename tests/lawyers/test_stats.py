"""Every lawyers.* and advisors.* indicator on crafted data whose figures are counted by hand."""

from datetime import date

import pytest

from figures.periods import parse_period
from figures.stats import compute
from lawyers.models import LawFirm, Lawyer, Posting, ServiceKind as K, Status
from tests.factories import LawFirmFactory, LawyerFactory

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def crafted(log, advisors, registry, areas):
    """Registry, besides the fixture's firm_a/lawyer_a (street A) and firm_b/lawyer_b (street B), full-time
    and practising for years: in street A a firm founded 2026-07-01 with a part-time lawyer from that day, a firm
    closed on 2026-05-31, a corporate lawyer, a cancelled lawyer with no known end date, and 王离任 (full-time,
    firm_a); in street B a public lawyer whose practice ended on 2026-04-15. In 光明区: a firm and its lawyer.

    Advisors: 张桂园 (桂园东社区) and 李黄贝 (黄贝东社区) posted from 2025-01-01 on; 王离任 posted to 桂园东社区
    from 2025-06-01 to 2026-05-31.

    Service log in H1 2026 — 张桂园: consultations of 3 and 2 persons, disputes 2 (化解成功) and 1, a publicity
    event for 80, two lectures, 4 documents reviewed, 1 legal opinion; 李黄贝: a mass incident (30 people),
    6 online services, 3 enterprises visited, 2 health checks, 1 consultation. In July: 张桂园, 5 consultations."""
    LawFirm.objects.filter(pk__in=[registry.firm_a.pk, registry.firm_b.pk]).update(founded_on=date(2010, 1, 1))
    new_firm = LawFirmFactory(area=areas.street_a, founded_on=date(2026, 7, 1))
    LawyerFactory(firm=new_firm, kind=Lawyer.Kind.PART_TIME, practice_start=date(2026, 7, 1))
    LawFirmFactory(area=areas.street_a, founded_on=date(2012, 1, 1), closed_on=date(2026, 5, 31),
                   status=Status.CANCELLED)
    LawyerFactory(area=areas.street_b, firm=None, kind=Lawyer.Kind.PUBLIC, practice_start=date(2015, 1, 1),
                  practice_end=date(2026, 4, 15))
    LawyerFactory(area=areas.street_a, firm=None, kind=Lawyer.Kind.CORPORATE, practice_start=date(2016, 1, 1))
    LawyerFactory(area=areas.street_a, firm=registry.firm_a, status=Status.CANCELLED)
    LawyerFactory(area=areas.other_district)
    gone = LawyerFactory(name="王离任", firm=registry.firm_a)
    Posting.objects.create(lawyer=gone, area=areas.community_a, start_on=date(2025, 6, 1), end_on=date(2026, 5, 31))

    log(on=date(2026, 1, 5), count=3)
    log(on=date(2026, 2, 5), count=2)
    log(on=date(2026, 3, 5), kind=K.DISPUTE, count=2, resolved=True)
    log(on=date(2026, 3, 6), kind=K.DISPUTE, count=1)
    log(on=date(2026, 4, 1), kind=K.PUBLICITY, count=80)
    log(on=date(2026, 4, 2), kind=K.LECTURE, count=30)
    log(on=date(2026, 4, 3), kind=K.LECTURE, count=25)
    log(on=date(2026, 5, 4), kind=K.DOCUMENT_REVIEW, count=4)
    log(on=date(2026, 6, 30), kind=K.LEGAL_OPINION, count=1)
    b = advisors.b
    log(lawyer=b, on=date(2026, 1, 9), kind=K.MASS_INCIDENT, count=30)
    log(lawyer=b, on=date(2026, 2, 9), kind=K.ONLINE, count=6)
    log(lawyer=b, on=date(2026, 3, 9), kind=K.ENTERPRISE_VISIT, count=3)
    log(lawyer=b, on=date(2026, 4, 9), kind=K.HEALTH_CHECK, count=2)
    log(lawyer=b, on=date(2026, 5, 9), count=1)
    log(on=date(2026, 7, 1), count=5)


def figures(user, area, period):
    values = compute(user=user, area=area, period=parse_period(period))
    return {code: value for code, value in values.items() if code.startswith(("lawyers.", "advisors."))}


ZERO_LOGS = {f"advisors.{code}": 0 for code in (
    "disputes_handled", "disputes_resolved", "publicity_events", "lectures", "documents_reviewed", "legal_opinions",
    "mass_incidents", "online_services", "enterprise_visits", "enterprise_health_checks", "consultations")}
# No supervision on this fixture (tests/lawyers/test_supervision_stats.py counts it by hand).
ZERO_SUPERVISION = {f"lawyers.{code}": 0 for code in (
    "random_inspections", "supervision_inspections", "complaints_received", "complaints_transferred",
    "complaints_concluded", "violation_firms", "violation_lawyers", "violations_rectifying")}


def test_every_indicator_for_the_district_in_the_first_half(crafted, personas, areas):
    assert figures(personas.leader, areas.district, "2026-H1") == {
        "lawyers.law_firms": 2,  # firm_a, firm_b: one closed on 31 May, one opened in July
        "lawyers.lawyers": 4,  # lawyer_a, lawyer_b, 王离任, the corporate lawyer (the public one ended 15 April)
        "lawyers.lawyers_fulltime": 3,
        "lawyers.lawyers_parttime": 0,
        "lawyers.lawyers_public": 0,
        "lawyers.lawyers_corporate": 1,
        "advisors.advisors": 2,  # 王离任's posting ended on 31 May
        "advisors.disputes_handled": 3,
        "advisors.disputes_resolved": 2,
        "advisors.publicity_events": 1,
        "advisors.lectures": 2,
        "advisors.documents_reviewed": 4,
        "advisors.legal_opinions": 1,
        "advisors.mass_incidents": 1,
        "advisors.online_services": 6,
        "advisors.enterprise_visits": 3,
        "advisors.enterprise_health_checks": 2,
        "advisors.consultations": 6,
        **ZERO_SUPERVISION,
    }


def test_period_end_state_and_street_breakdown(crafted, personas, areas):
    march = figures(personas.leader, areas.district, "2026-03")
    assert (march["lawyers.law_firms"], march["lawyers.lawyers"], march["lawyers.lawyers_public"]) == (3, 5, 1)
    assert march["advisors.advisors"] == 3 and march["advisors.disputes_handled"] == 3
    year = figures(personas.leader, areas.district, "2026")
    assert (year["lawyers.law_firms"], year["lawyers.lawyers_parttime"], year["advisors.consultations"]) == (3, 1, 11)
    street_b = figures(personas.clerk_b, areas.street_b, "2026-H1")
    assert street_b["advisors.advisors"] == 1 and street_b["advisors.consultations"] == 1
    assert street_b["advisors.mass_incidents"] == 1 and street_b["advisors.lectures"] == 0
    assert street_b["lawyers.law_firms"] == 1 and street_b["lawyers.lawyers"] == 1


def test_the_other_district_sees_only_its_own(crafted, personas, areas):
    values = figures(personas.other_leader, areas.other_district, "2026-H1")
    assert values == {"lawyers.law_firms": 1, "lawyers.lawyers": 1, "lawyers.lawyers_fulltime": 1,
                      "lawyers.lawyers_parttime": 0, "lawyers.lawyers_public": 0, "lawyers.lawyers_corporate": 0,
                      "advisors.advisors": 0, **ZERO_LOGS, **ZERO_SUPERVISION}


@pytest.mark.parametrize("key", ["2026", "2026-H1", "2026-03", "2026-Q3"])
def test_measures_and_stocks_agree_with_their_indicators(crafted, personas, areas, key):
    from figures import dashboard, stats

    period = parse_period(key)
    got = figures(personas.leader, areas.district, key)
    for code, measure in stats.registered_measures().items():
        if code.startswith("advisors."):
            months = dashboard.monthly(measure, areas.district, period.start, period.end)
            assert sum(months.values()) == got[code], (code, key)
            streets = dashboard.by_child(measure, areas.district, period)
            assert sum(streets.values()) == got[code], (code, key)
    for code in ("advisors.advisors", "lawyers.law_firms", "lawyers.lawyers"):
        assert stats.stock_for(code).on(areas.district, period.end) == got[code], (code, key)


def test_the_work_report_paragraph(crafted, personas, areas):
    from figures.stats import paragraph_writer

    text = paragraph_writer("lawyers")(figures(personas.leader, areas.district, "2026-H1"), "全区")
    assert text == (
        "全区共有律师事务所2家、执业律师4人（其中专职律师3人、公司律师1人）。"
        "2名社区法律顾问参与受理矛盾纠纷3件（化解成功2件），开展普法宣传教育活动1场，法治讲座或培训2场，"
        "审查法律文书4份，出具法律意见1份，协助处理群体性事件1起，提供线上法律服务6人次，走访企业3家，"
        "开展企业法治体检2家，解答法律咨询6人次。"
    )


def test_each_indicator_says_which_way_is_good_news():
    from figures.stats import Better
    from lawyers.stats import INDICATORS

    better = {i.code: i.better for i in INDICATORS}
    assert set(better.values()) <= set(Better.values)
    assert better["advisors.mass_incidents"] == Better.DOWN and better["advisors.disputes_resolved"] == Better.UP
    assert better["advisors.disputes_handled"] == Better.NEITHER

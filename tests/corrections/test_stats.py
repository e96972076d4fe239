"""Every corrections.* and resettlement.* indicator on crafted data whose figures are counted by hand."""

from datetime import date

import pytest

from bureau.models import Area, Role
from figures.periods import parse_period
from figures.stats import compute
from corrections import services
from corrections.models import (
    AssessmentDecision,
    EducationSession,
    Emergency,
    LedgerEntry,
    Monitoring,
    SupervisionEvent,
)
from corrections.stats import INDICATORS
from corrections.stats import corrections as corrections_figures
from tests.factories import AreaFactory, UserFactory, resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

Event = SupervisionEvent.Kind


@pytest.fixture
def crafted(make_supervisee, personas, areas):
    """People (罗湖区: street A 桂园, street B 黄贝; 光明区: street 凤凰):

    P1  A, received 2025-06-05, released 2026-06-01 (term ended 2026-05-31)
    P2  A, received 2026-02-10, moved to B 2026-04-15
    P3  B, received 2025-09-01, died 2026-03-20
    P4  A, received 2026-03-05, moved to 凤凰 (光明区) 2026-07-10
    P5  B, arrived from 广州市天河区 (outside the portal) 2026-05-06
    P6  A, received 2025-12-05, moved to 东莞市 (outside) 2026-08-01
    P7  A, registered 2026-10-01 and not yet reported (not on the register)
    P8  A, received 2026-09-01

    Events, meetings, decisions, monitoring, sessions and emergencies in 2026 (and one talk in 2025), and four
    released prisoners; each test's comment says what it counts.
    """
    fenghuang = AreaFactory(code="440311001", name="凤凰街道", level=Area.Level.STREET, parent=areas.other_district)
    admin = personas.admin
    section = UserFactory(username="corrections_section", role=Role.SECTION, section="corrections",
                          area=areas.district)
    b = areas.street_b

    p1 = make_supervisee(judgment_on=date(2025, 6, 1), term_start=date(2025, 6, 1), term_end=date(2026, 5, 31),
                         reported_on=date(2025, 6, 5))
    services.event_record(supervisee=p1, kind=Event.TALK, on=date(2025, 7, 1), by=admin)
    services.supervisee_release(supervisee=p1, on=date(2026, 6, 1), certificate_on=date(2026, 6, 1), by=admin)

    p2 = make_supervisee(judgment_on=date(2026, 2, 1), term_start=date(2026, 2, 1), reported_on=date(2026, 2, 10))
    services.event_record(supervisee=p2, kind=Event.TALK, on=date(2026, 3, 1), by=admin)

    p3 = make_supervisee(area=b, judgment_on=date(2025, 8, 25), term_start=date(2025, 8, 25),
                         reported_on=date(2025, 9, 1))
    services.supervisee_terminate(supervisee=p3, on=date(2026, 3, 20), reason=LedgerEntry.TerminationReason.DEATH,
                                  by=admin)

    p4 = make_supervisee(judgment_on=date(2026, 3, 1), term_start=date(2026, 3, 1), reported_on=date(2026, 3, 5))
    p6 = make_supervisee(judgment_on=date(2025, 12, 1), term_start=date(2025, 12, 1), reported_on=date(2025, 12, 5))

    risk_meeting = services.risk_meeting_record(held_on=date(2026, 2, 20), area=areas.street_a, by=admin)
    services.risk_case_record(supervisee=p2, identified_on=date(2026, 3, 10), description="情绪不稳", by=admin,
                              control_measures="每周谈话", owner="张敏", meeting=risk_meeting)
    services.review_meeting_record(held_on=date(2026, 3, 15), area=areas.street_a, by=admin, decisions=[
        (p2, AssessmentDecision.Kind.PRAISE, "积极参加公益活动"), (p4, AssessmentDecision.Kind.WARNING, "未按时报告")])
    services.session_record(kind=EducationSession.Kind.LEGAL_MORAL, title="宪法学习", held_on=date(2026, 3, 20),
                            area=areas.street_a, attendees=[p2, p4], by=admin)

    p2 = services.supervisee_transfer(supervisee=p2, on=date(2026, 4, 15), to_area=b, by=admin)
    services.event_record(supervisee=p2, kind=Event.TALK, on=date(2026, 5, 1), by=admin)

    p5 = make_supervisee(area=b, judgment_on=date(2026, 1, 10), term_start=date(2026, 1, 10), reported_on=None)
    p5 = services.supervisee_receive(supervisee=p5, on=date(2026, 5, 6), by=admin, transferred_from="广州市天河区")
    services.event_record(supervisee=p5, kind=Event.INFO_CHECK, on=date(2026, 6, 1), is_random=True, by=admin)

    services.risk_meeting_record(held_on=date(2026, 5, 10), area=areas.district, by=admin)
    services.review_meeting_record(held_on=date(2026, 5, 20), area=b, by=admin, decisions=[
        (p5, AssessmentDecision.Kind.REPRIMAND, "夜不归宿"), (p2, AssessmentDecision.Kind.PRAISE, "表现良好")])
    first = services.monitoring_approve(supervisee=p2, ground=Monitoring.Ground.NO_REPORT, starts_on=date(2026, 5, 1),
                                        ends_on=date(2026, 7, 31), approved_on=date(2026, 5, 1), by=section)
    services.monitoring_approve(supervisee=p2, ground=Monitoring.Ground.NO_REPORT, starts_on=date(2026, 8, 1),
                                ends_on=date(2026, 10, 31), approved_on=date(2026, 7, 25), by=section,
                                assessment="仍未按规定报告，续期", renewal_of=first)
    services.session_record(kind=EducationSession.Kind.PSYCH, title="情绪管理", held_on=date(2026, 6, 10),
                            area=areas.district, attendees=[p2, p5, p4], by=section)
    services.deliberation_record(held_on=date(2026, 6, 15), area=areas.district, by=section, cases=[
        (p2, "是否提请撤销缓刑", "暂不提请，加强监管"), (p5, "是否调整管理等级", "调整为严管")])
    services.emergency_record(supervisee=p5, kind=Emergency.Kind.ABSCONDING, occurred_on=date(2026, 7, 1),
                              description="手机关机失联一天", by=admin, first_step="联系家属")

    services.supervisee_transfer(supervisee=p4, on=date(2026, 7, 10), to_area=fenghuang, by=admin)
    services.supervisee_transfer(supervisee=p6, on=date(2026, 8, 1), to_place="东莞市", by=admin)
    make_supervisee(judgment_on=date(2026, 9, 28), term_start=date(2026, 9, 28), reported_on=None)  # P7
    p8 = make_supervisee(judgment_on=date(2026, 8, 25), term_start=date(2026, 8, 25), reported_on=date(2026, 9, 1))
    services.event_record(supervisee=p8, kind=Event.TALK, on=date(2026, 9, 10), by=admin)
    services.event_record(supervisee=p8, kind=Event.FILE_CHECK, on=date(2026, 10, 1), by=admin)

    # Released prisoners: R1 A 2021-06-30 (listed until 2026-06-30), R2 A 2024-01-10, R3 B 2025-05-05 back in
    # prison 2026-04-01, R4 B 2026-10-01.
    for n, (area, released_on) in enumerate([(areas.street_a, date(2021, 6, 30)), (areas.street_a, date(2024, 1, 10)),
                                             (b, date(2025, 5, 5)), (b, date(2026, 10, 1))]):
        person = services.released_person_register(
            by=admin, name=f"释放人员{n}", gender="M", id_number=resident_id(sequence=f"7{n}1"), crime="盗窃罪",
            prison="广东省东莞监狱", released_on=released_on, area=area)
        if n == 2:
            services.released_person_reoffended(person=person, on=date(2026, 4, 1), by=admin)
    areas.fenghuang = fenghuang
    return areas


CODES = [i.code for i in INDICATORS]


def figures(user, area, key):
    return compute(user=user, area=area, period=parse_period(key), codes=CODES)


def ledger(values):
    return [values[f"corrections.{code}"] for code in (
        "on_register_start", "received", "transferred_in", "transferred_out", "released", "terminated",
        "on_register")]


def closes(values):
    start, received, moved_in, moved_out, released, terminated, end = ledger(values)
    return start + received + moved_in - released - terminated - moved_out == end


def test_the_district_year(crafted, personas):
    got = figures(personas.leader, crafted.district, "2026")
    assert got == {
        "corrections.on_register_start": 3,  # P1, P3, P6
        "corrections.received": 3,  # P2, P4, P8
        "corrections.transferred_in": 1,  # P5 from 广州; P2's move from A to B stays inside the district
        "corrections.transferred_out": 2,  # P4 to 光明区, P6 to 东莞
        "corrections.released": 1,  # P1
        "corrections.terminated": 1,  # P3
        "corrections.on_register": 3,  # P2, P5, P8
        "corrections.talks": 3,  # P2 in A, P2 in B, P8 (P1's talk was in 2025)
        "corrections.information_checks": 1,
        "corrections.risk_meetings": 2,
        "corrections.risk_cases": 1,
        "corrections.deliberation_meetings": 1,
        "corrections.deliberated_cases": 2,
        "corrections.assessment_meetings": 2,
        "corrections.praises": 2,
        "corrections.reprimands": 1,
        "corrections.warnings": 1,
        "corrections.monitoring_approved": 1,  # the renewal is not a new approval
        "corrections.education_sessions": 1,
        "corrections.education_attendances": 2,
        "corrections.psych_sessions": 1,
        "corrections.psych_attendances": 3,
        "corrections.file_spot_checks": 1,
        "corrections.emergencies": 1,
        "resettlement.listed": 2,  # R2, R4 (R1's five years ended 2026-06-30, R3 reoffended)
    }
    assert closes(got)


def test_each_street_counts_what_happened_there(crafted, personas):
    a = figures(personas.clerk_a, crafted.street_a, "2026")
    assert ledger(a) == [2, 3, 0, 3, 1, 0, 1]  # P1, P6 | P2, P4, P8 | — | P2, P4, P6 | P1 | — | P8
    assert (a["corrections.talks"], a["corrections.information_checks"], a["corrections.file_spot_checks"]) == (2, 0, 1)
    assert (a["corrections.risk_meetings"], a["corrections.risk_cases"]) == (1, 1)
    assert (a["corrections.assessment_meetings"], a["corrections.praises"], a["corrections.warnings"]) == (1, 1, 1)
    assert (a["corrections.deliberation_meetings"], a["corrections.deliberated_cases"]) == (0, 0)
    assert (a["corrections.education_sessions"], a["corrections.education_attendances"]) == (1, 2)
    # The district's lecture was not held by the street, but P4 attended it while supervised there.
    assert (a["corrections.psych_sessions"], a["corrections.psych_attendances"]) == (0, 1)
    assert (a["corrections.monitoring_approved"], a["corrections.emergencies"], a["resettlement.listed"]) == (0, 0, 1)

    b = figures(personas.clerk_b, crafted.street_b, "2026")
    assert ledger(b) == [1, 0, 2, 0, 0, 1, 2]  # P3 | — | P2 from A, P5 | — | — | P3 | P2, P5
    assert (b["corrections.talks"], b["corrections.information_checks"]) == (1, 1)
    assert (b["corrections.assessment_meetings"], b["corrections.praises"], b["corrections.reprimands"]) == (1, 1, 1)
    assert (b["corrections.deliberation_meetings"], b["corrections.deliberated_cases"]) == (0, 2)
    assert (b["corrections.psych_sessions"], b["corrections.psych_attendances"]) == (0, 2)
    assert (b["corrections.monitoring_approved"], b["corrections.emergencies"], b["resettlement.listed"]) == (1, 1, 1)
    assert closes(a) and closes(b)


def test_the_city_sees_a_move_between_its_districts_as_internal(crafted, personas):
    city = figures(personas.admin, crafted.city, "2026")
    assert ledger(city) == [3, 3, 1, 1, 1, 1, 4]  # P4's move to 光明区 counts nowhere; P4 is still on the register
    other = figures(personas.admin, crafted.other_district, "2026")
    assert ledger(other) == [0, 0, 1, 0, 0, 0, 1]
    assert other["corrections.talks"] == 0 and other["resettlement.listed"] == 0
    assert closes(city) and closes(other)


@pytest.mark.parametrize("area, key, expected", [
    ("district", "2026-H1", [3, 2, 1, 0, 1, 1, 4]),  # P1 P3 P6 | P2 P4 | P5 | — | P1 | P3 | P2 P4 P5 P6
    ("district", "2026-Q2", [4, 0, 1, 0, 1, 0, 4]),
    ("district", "2026-H2", [4, 1, 0, 2, 0, 0, 3]),
    ("street_a", "2026-04", [4, 0, 0, 1, 0, 0, 3]),  # P1 P2 P4 P6, P2 leaves on the 15th
    ("street_b", "2026-04", [0, 0, 1, 0, 0, 0, 1]),
    # P4 received on the first day, P1 released on the last
    ("street_a", "2026-03-05..2026-06-01", [3, 1, 0, 1, 1, 0, 2]),
    ("district", "2025", [0, 3, 0, 0, 0, 0, 3]),
])
def test_each_kind_of_period(crafted, personas, area, key, expected):
    got = figures(personas.admin, getattr(crafted, area), key)
    assert ledger(got) == expected
    assert closes(got)


def test_events_and_resettlement_by_period(crafted, personas):
    q1 = figures(personas.leader, crafted.district, "2026-Q1")
    assert q1["corrections.talks"] == 1 and q1["corrections.risk_meetings"] == 1 and q1["corrections.praises"] == 1
    assert q1["corrections.education_sessions"] == 1 and q1["corrections.psych_sessions"] == 0
    assert q1["resettlement.listed"] == 3  # R1, R2 and R3 (back in prison only from 2026-04-01)
    july = figures(personas.leader, crafted.district, "2026-07")
    assert july["corrections.emergencies"] == 1 and july["corrections.monitoring_approved"] == 0
    assert july["resettlement.listed"] == 1  # R2 only: R1's period ended on 2026-06-30


def test_the_figures_take_four_queries_whatever_the_records(crafted, django_assert_num_queries):
    with django_assert_num_queries(4):
        corrections_figures(crafted.district, parse_period("2026"))


def test_the_leader_reads_the_register_through_the_statistics_api(crafted, client_for, personas):
    codes = ",".join(f"corrections.{c}" for c in (
        "on_register_start", "received", "transferred_in", "transferred_out", "released", "terminated",
        "on_register"))
    body = client_for(personas.leader).get(f"/api/v1/stats/?period=2026&area=440303&codes={codes}").json()
    assert body["area"] == {"code": "440303", "name": "罗湖区"}
    assert body["indicators"] == {
        "corrections.on_register_start": 3, "corrections.received": 3, "corrections.transferred_in": 1,
        "corrections.transferred_out": 2, "corrections.released": 1, "corrections.terminated": 1,
        "corrections.on_register": 3,
    }


def test_jurisdiction_and_who_sees_corrections_figures(crafted, client_for, personas):
    clerk = client_for(personas.clerk_a)
    assert clerk.get("/api/v1/stats/?period=2026&area=440303&codes=corrections.talks").status_code == 404
    assert clerk.get("/api/v1/stats/?period=2026&area=440303002&codes=corrections.talks").status_code == 404
    own = clerk.get("/api/v1/stats/?period=2026&codes=corrections.talks").json()
    assert own["area"]["code"] == "440303001" and own["indicators"] == {"corrections.talks": 2}

    legal_aid = client_for(personas.section)
    assert legal_aid.get("/api/v1/stats/?period=2026&codes=corrections.on_register").json()["indicators"] == {}
    assert not any(k.startswith(("corrections.", "resettlement."))
                   for k in figures(personas.section, crafted.district, "2026"))
    described = {r["code"] for r in legal_aid.get("/api/v1/stats/indicators/").json()}
    assert described and not any(c.startswith(("corrections.", "resettlement.")) for c in described)
    leader_codes = {r["code"] for r in client_for(personas.leader).get("/api/v1/stats/indicators/").json()}
    assert {"corrections.on_register", "corrections.psych_attendances", "resettlement.listed"} <= leader_codes


def test_every_code_of_the_contract_is_registered():
    from figures.stats import all_indicators

    codes = {i.code for i in all_indicators() if i.code.startswith(("corrections.", "resettlement."))}
    assert codes == set(CODES) == {
        "corrections.on_register_start", "corrections.received", "corrections.transferred_in",
        "corrections.transferred_out", "corrections.released", "corrections.terminated", "corrections.on_register",
        "corrections.talks", "corrections.information_checks", "corrections.risk_meetings", "corrections.risk_cases",
        "corrections.deliberation_meetings", "corrections.deliberated_cases", "corrections.assessment_meetings",
        "corrections.praises", "corrections.reprimands", "corrections.warnings", "corrections.monitoring_approved",
        "corrections.education_sessions", "corrections.education_attendances", "corrections.psych_sessions",
        "corrections.psych_attendances", "corrections.file_spot_checks", "corrections.emergencies",
        "resettlement.listed",
    }


def test_each_measure_agrees_with_its_indicator_by_month_and_by_street(crafted, personas):
    from figures import dashboard, stats

    year = parse_period("2026")
    district = figures(personas.leader, crafted.district, "2026")
    measured = {code: m for code, m in stats.registered_measures().items() if code.startswith("corrections.")}
    assert measured
    for code, measure in measured.items():
        months = dashboard.monthly(measure, crafted.district, year.start, year.end)
        streets = dashboard.by_child(measure, crafted.district, year)
        assert sum(months.values()) == district[code], code
        assert sum(streets.values()) == district[code], code
        for month_start, value in months.items():
            assert figures(personas.leader, crafted.district, f"{month_start:%Y-%m}")[code] == value, code
        for street in (crafted.street_a, crafted.street_b):
            assert streets.get(street.path, 0) == figures(personas.admin, street, "2026")[code], code



def test_the_work_report_paragraph(crafted, personas):
    from figures.stats import paragraph_writer

    text = paragraph_writer("corrections")(figures(personas.leader, crafted.district, "2026"), "全区")
    assert text == (
        "全区期初在册社区矫正对象3人，本期接收3人、迁入1人，解除矫正1人、终止矫正1人、迁出2人，期末在册3人。"
        "开展谈话教育3人次，信息化核查1人次，抽查档案1人次，组织线上法治道德教育1场、2人次，心理健康讲座1场、3人次。"
        "召开奖惩评审会议2场，决定表扬2人次、训诫1人次、警告1人次。依法批准使用电子定位1人。"
        "召开风险研判会议2场，排查风险隐患案件1件。召开重大疑难案件合议会议1场，合议案件2件。"
        "处置突发事件1件。期末列管安置帮教人员2人。"
    )


def test_a_district_without_corrections_says_so(crafted, personas):
    from figures.stats import paragraph_writer

    text = paragraph_writer("corrections")(figures(personas.admin, crafted.other_district, "2024"), "全区")
    assert text == "本期全区无在册社区矫正对象和安置帮教人员。"


@pytest.mark.parametrize("key", ["2026", "2026-H1", "2026-Q3", "2026-02", "2025", "2026-03-15..2026-08-20"])
def test_each_stock_agrees_with_its_indicator(crafted, personas, key):
    from figures import stats

    period = parse_period(key)
    for area in (crafted.street_a, crafted.street_b, crafted.district, crafted.city):
        got = figures(personas.admin, area, key)
        for code in ("corrections.on_register", "resettlement.listed"):
            assert stats.stock_for(code).on(area, period.end) == got[code], (code, area, key)


def test_each_indicator_says_which_way_is_good_news():
    """A rise in 终止矫正 or 突发事件 is bad news (red), in supervision work good news (green)."""
    from figures.stats import Better

    better = {i.code: i.better for i in INDICATORS}
    assert set(better.values()) <= set(Better.values)
    assert better["corrections.terminated"] == better["corrections.emergencies"] == Better.DOWN
    assert better["corrections.warnings"] == Better.DOWN and better["corrections.talks"] == Better.UP
    assert better["corrections.received"] == better["corrections.on_register"] == Better.NEITHER

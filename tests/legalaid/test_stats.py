"""Every legalaid.* indicator on crafted data whose figures are counted by hand, per period kind and area."""

from datetime import date
from decimal import Decimal

import pytest

from figures.periods import parse_period
from figures.stats import compute
from legalaid.stats import INDICATORS
from legalaid import services
from legalaid.models import Expert, MatterKind, Outcome, Recipient, Source
from legalaid.models import Category as C

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)


@pytest.fixture
def crafted(make_case, personas, lawyers, areas):
    """Street A (桂园): a labour group case of 3 migrant workers (one woman, one elderly) granted 2026-03-03,
    closed 2026-06-30 recovering 86,000.00; a maintenance case received 2026-03-06 (decision due 03-17) and
    refused late on 03-20; a criminal notice (1 minor) accepted 2026-07-01.
    Street B (黄贝): an administrative case granted 2026-04-10 (2 recipients: one disabled)."""
    s = personas.section
    labour = make_case(received_on=date(2026, 3, 2), category=C.LABOUR, recipients=[
        Recipient(name="甲", groups=["migrant_worker"]),
        Recipient(name="乙", groups=["migrant_worker"], is_female=True),
        Recipient(name="丙", groups=["migrant_worker", "elderly"]),
    ])
    services.case_decide(case=labour, grant=True, reasons="", by=s, on=date(2026, 3, 3))
    services.case_assign(case=labour, lawyer=lawyers["labour"], by=s, on=date(2026, 3, 4))
    services.case_start(case=labour, by=s, on=date(2026, 3, 5))
    services.case_close(case=labour, outcome=Outcome.WON, recovered_amount=Decimal("86000.00"), by=s,
                        on=date(2026, 6, 30))
    refused = make_case(received_on=date(2026, 3, 6), category=C.MAINTENANCE)  # due 2026-03-17
    services.case_decide(case=refused, grant=False, reasons="不符合经济困难标准", by=s, on=date(2026, 3, 20))
    make_case(source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
                       notifying_authority="罗湖区人民法院", received_on=date(2026, 7, 1),
                       recipients=[Recipient(name="丁", groups=["minor"])])
    admin_case = make_case(area=areas.street_b, received_on=date(2026, 4, 8),
                           matter_kind=MatterKind.ADMINISTRATIVE, category=C.STATE_COMPENSATION,
                           recipients=[Recipient(name="戊", groups=["disabled"]), Recipient(name="己")])
    services.case_decide(case=admin_case, grant=True, reasons="", by=s, on=date(2026, 4, 10))
    for on, n in [(date(2026, 3, 2), 3), (date(2026, 3, 2), 1), (date(2026, 8, 15), 2)]:
        services.consultation_record(area=areas.street_a, on=on, channel="window", topic="labour", person_times=n,
                                     answer="告知仲裁途径", by=s)
    services.consultation_record(area=areas.street_b, on=date(2026, 3, 9), channel="hotline", topic="family",
                                 person_times=5, answer="解释抚养费标准", by=s)
    for i in range(4):
        Expert.objects.create(name=f"专家{i}", area=areas.district)
    services.hearing_evaluation_create(case=labour, held_on=date(2026, 5, 20), court="罗湖区人民法院", seed=7,
                                       by=s)
    return areas


def figures(user, area, key):
    """Legal aid's own figures (other apps' indicators are registered too)."""
    return compute(user=user, area=area, period=parse_period(key), codes=[i.code for i in INDICATORS])


def test_the_district_year(crafted, personas):
    got = figures(personas.leader, crafted.district, "2026")
    assert got == {
        "legalaid.applications_received": 4,
        "legalaid.cases_accepted": 3,  # labour, notice, administrative
        "legalaid.cases_criminal": 1,
        "legalaid.cases_civil": 1,
        "legalaid.cases_administrative": 1,
        "legalaid.cases_refused": 1,
        "legalaid.cases_closed": 1,
        "legalaid.recipients": 6,  # 3 + 1 + 2
        "legalaid.recipients_migrant_workers": 3,
        "legalaid.recipients_elderly": 1,
        "legalaid.recipients_minors": 1,
        "legalaid.recipients_disabled": 1,
        "legalaid.recipients_women": 1,
        "legalaid.consultations": 11,  # 3 + 1 + 2 + 5
        "legalaid.economic_loss_recovered": Decimal("86000.00"),
        "legalaid.decided_on_time_rate": Decimal("0.6667"),  # labour and admin on time, the refusal late
        "legalaid.hearing_evaluations": 1,
        "legalaid.evaluation_expert_times": 3,
    }


def test_a_street_sees_only_its_own(crafted, personas):
    got = figures(personas.clerk_a, crafted.street_a, "2026")
    assert got["legalaid.cases_accepted"] == 2 and got["legalaid.recipients"] == 4
    assert got["legalaid.consultations"] == 6 and got["legalaid.cases_administrative"] == 0


@pytest.mark.parametrize("key, accepted, closed, consultations, recovered", [
    ("2026-H1", 2, 1, 9, Decimal("86000.00")),
    ("2026-Q1", 1, 0, 9, Decimal("0.00")),
    ("2026-Q2", 1, 1, 0, Decimal("86000.00")),
    ("2026-07", 1, 0, 0, Decimal("0.00")),
    ("2026-03-03..2026-04-10", 2, 0, 5, Decimal("0.00")),
    ("2025", 0, 0, 0, Decimal("0.00")),
])
def test_each_kind_of_period(crafted, personas, key, accepted, closed, consultations, recovered):
    got = figures(personas.leader, crafted.district, key)
    assert got["legalaid.cases_accepted"] == accepted
    assert got["legalaid.cases_closed"] == closed
    assert got["legalaid.consultations"] == consultations
    assert got["legalaid.economic_loss_recovered"] == recovered


def test_the_city_adds_up_its_districts_and_an_empty_one_gives_zeros(crafted, personas):
    city = figures(personas.admin, crafted.city, "2026")
    assert city["legalaid.cases_accepted"] == 3
    empty = figures(personas.admin, crafted.other_district, "2026")
    assert empty["legalaid.cases_accepted"] == 0 and empty["legalaid.decided_on_time_rate"] is None


def test_the_statistics_api(crafted, client_for, personas):
    client = client_for(personas.leader)
    body = client.get("/api/v1/stats/?period=2026&codes=legalaid.cases_accepted,legalaid.recipients,"
                      "legalaid.economic_loss_recovered").json()
    assert body == {"period": "2026", "area": {"code": "440303", "name": "罗湖区"}, "indicators": {
        "legalaid.cases_accepted": 3, "legalaid.recipients": 6, "legalaid.economic_loss_recovered": 86000.0}}
    street = client.get("/api/v1/stats/?period=2026-H1&area=440303002&codes=legalaid.cases_accepted").json()
    assert street["indicators"] == {"legalaid.cases_accepted": 1}


def test_the_statistics_api_refuses_bad_requests_clearly(crafted, client_for, personas):
    leader = client_for(personas.leader)
    assert leader.get("/api/v1/stats/?period=2026-Q5").status_code == 400
    unknown = leader.get("/api/v1/stats/?period=2026&codes=legalaid.nope")
    assert unknown.status_code == 400 and "legalaid.nope" in unknown.json()["detail"]
    assert leader.get("/api/v1/stats/?period=2026&area=440311").status_code == 404
    assert client_for(personas.clerk_b).get("/api/v1/stats/?period=2026&area=440303001").status_code == 404


def test_indicator_descriptions(crafted, client_for, personas):
    rows = client_for(personas.leader).get("/api/v1/stats/indicators/").json()
    by_code = {r["code"]: r for r in rows}
    assert by_code["legalaid.cases_accepted"]["name"] == "受理法律援助案件"
    assert by_code["legalaid.economic_loss_recovered"]["unit"] == "元"


def test_the_indicators_take_a_handful_of_queries(crafted, personas, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        figures(personas.leader, crafted.district, "2026")


# --- The dashboards' measures and the report's paragraph --------------------------------------------------


def test_each_measure_agrees_with_its_indicator_by_month_and_by_street(crafted, personas):
    from figures import dashboard, stats

    year = parse_period("2026")
    indicators = figures(personas.leader, crafted.district, "2026")
    for code, measure in stats.registered_measures().items():
        if not code.startswith("legalaid."):
            continue
        months = dashboard.monthly(measure, crafted.district, year.start, year.end)
        streets = dashboard.by_child(measure, crafted.district, year)
        assert sum(months.values()) == indicators[code], code
        assert sum(streets.values()) == indicators[code], code
        for month_start, value in months.items():
            month = parse_period(f"{month_start:%Y-%m}")
            assert figures(personas.leader, crafted.district, month.key)[code] == value, (code, month.key)
        street_a = figures(personas.leader, crafted.street_a, "2026")[code]
        assert streets.get(crafted.street_a.path, 0) == street_a, code


def test_the_work_report_paragraph(crafted, personas):
    from figures.stats import paragraph_writer

    write = paragraph_writer("legalaid")
    text = write(figures(personas.leader, crafted.district, "2026"), "全区")
    assert text.startswith("全区各级法律援助机构共受理法律援助案件3件（其中刑事案件1件、民事案件1件、行政案件1件），"
                           "受援人总数6人，其中农民工3人、老年人1人、未成年人1人、残疾人1人、妇女1人，接受法律咨询11人次，"
                           "办结案件1件，累计挽回经济损失8.60万元。")
    assert "审查决定按期率66.7%，依法决定不予法律援助1件。" in text
    assert "组织庭审评估1场，评估专家3人次。" in text


def test_a_period_without_legal_aid_says_so(crafted, personas):
    from figures.stats import paragraph_writer

    text = paragraph_writer("legalaid")(figures(personas.admin, crafted.other_district, "2026"), "全区")
    assert text == "本期全区未受理法律援助案件，未接受法律咨询。"


def test_each_indicator_says_which_way_is_good_news():
    """The dashboard colours a 同比 by this, never by its sign: more aid given is good, demand is neither."""
    from figures.stats import Better

    better = {i.code: i.better for i in INDICATORS}
    assert set(better.values()) <= set(Better.values)
    assert better["legalaid.cases_accepted"] == Better.UP and better["legalaid.decided_on_time_rate"] == Better.UP
    assert better["legalaid.applications_received"] == Better.NEITHER

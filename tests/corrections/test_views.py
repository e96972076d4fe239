"""The corrections pages: jurisdiction and roles, the register with its filters and export, registering a person,
a person's page (clocks, to-dos, timeline), every quick form through its service, the daily work list, group
records and resettlement."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.menu import menu_for
from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from bureau.workdays import is_working_day
from corrections import reminders, services
from corrections.models import (
    AssessmentDecision,
    DeliberatedCase,
    EducationSession,
    Emergency,
    LedgerEntry,
    Level,
    Monitoring,
    ReleasedPerson,
    RiskCase,
    RiskMeeting,
    SentenceKind,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from tests.factories import UserFactory, resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

TODAY = max(timezone.localdate(), STORY_DAY)  # the day each test runs on
Kind = SupervisionEvent.Kind


def days(n):
    """The day n days from today (negative: ago)."""
    return TODAY + timedelta(days=n)


def month_start(months):
    """The first day of the month `months` after today's."""
    index = TODAY.month - 1 + months
    return date(TODAY.year + index // 12, index % 12 + 1, 1)


def next_working_day(day):
    """The day itself, or the first working day after it (how a clock falling on a day off moves)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def officer(areas):
    """社区矫正科: district section staff working in corrections (approves electronic monitoring)."""
    return UserFactory(username="corrections", name="社区矫正科 周洁", role=Role.SECTION,
                       section="corrections", area=areas.district)


@pytest.fixture
def person(make_supervisee):
    return make_supervisee(name="张三")


def detail(person):
    return reverse("corrections:supervisee_detail", args=[person.pk])


def action(person, name):
    return reverse("corrections:supervisee_action", args=[person.pk, name])


def reveal(obj):
    return reverse("bureau:identifier_reveal", args=[obj._meta.app_label, obj._meta.model_name, obj.pk, "id_number"])


def open_todos(person, kind):
    return Reminder.objects.for_object(person).open().filter(kind=kind)


# --- Access -----------------------------------------------------------------------------------------------

PAGES = ["corrections:worklist", "corrections:supervisee_list", "corrections:supervisee_create",
         "corrections:travel_list", "corrections:session_list", "corrections:session_create",
         "corrections:meeting_list", "corrections:review_meeting_create", "corrections:risk_meeting_create",
         "corrections:deliberation_create", "corrections:releasedperson_list", "corrections:releasedperson_create"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_the_corrections_function(client_for, personas, name):
    response = client_for(personas.section).get(reverse(name))  # 法律援助科: no corrections
    assert response.status_code == 403
    assert "您的角色不能使用社区矫正功能" in response.content.decode()


def test_pages_ask_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get(reverse("corrections:worklist"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_street_gets_404_for_every_page_of_a_person(client_for, personas, person):
    client = client_for(personas.clerk_b)
    assert client.get(detail(person)).status_code == 404
    for name in ["receive", "talk", "info_check", "visit", "report", "file_check", "travel", "travel_return", "level",
                 "monitoring", "monitoring_renew", "monitoring_end", "risk_case", "risk_case_close", "emergency",
                 "emergency_step", "transfer", "release", "terminate"]:
        assert client.get(action(person, name)).status_code == 404, name
    response = client.post(action(person, "talk"), {"on": TODAY.isoformat()})
    assert response.status_code == 404
    assert client.post(reveal(person)).status_code == 404
    assert not SupervisionEvent.objects.exists()
    html = client.get(reverse("corrections:supervisee_list")).content.decode()
    assert "张三" not in html


def test_legal_aid_staff_see_nothing_of_a_person(client_for, personas, person):
    client = client_for(personas.section)
    assert client.get(detail(person)).status_code == 403
    assert client.post(action(person, "talk"), {"on": TODAY.isoformat()}).status_code == 403
    assert client.post(reveal(person)).status_code == 404


def test_the_id_number_is_masked_and_revealed_only_through_the_audited_endpoint(client_for, personas, person):
    client = client_for(personas.clerk_a)
    html = client.get(detail(person)).content.decode()
    assert person.id_number.masked in html and str(person.id_number) not in html
    assert reveal(person) in html
    response = client.post(reveal(person))
    assert response.status_code == 200 and str(person.id_number) in response.content.decode()


def test_the_leader_reads_but_gets_no_write_forms(client_for, personas, person):
    client = client_for(personas.leader)
    html = client.get(detail(person)).content.decode()
    assert "张三" in html and 'id="person-actions"' not in html and action(person, "talk") not in html
    listing = client.get(reverse("corrections:supervisee_list")).content.decode()
    assert "张三" in listing and reverse("corrections:supervisee_create") not in listing
    response = client.post(action(person, "talk"), {"on": TODAY.isoformat()})
    assert response.status_code == 403 and "只能查看社区矫正信息" in response.content.decode()
    assert client.get(reverse("corrections:supervisee_create")).status_code == 403
    assert client.post(reverse("corrections:session_create"), {}).status_code == 403
    assert not SupervisionEvent.objects.exists()


def test_the_menu_offers_corrections_to_those_who_work_in_it(personas, officer):
    def urls(user):
        return {item.url_name for _group, items in menu_for(user) for item in items}

    assert {"corrections:worklist", "corrections:supervisee_create"} <= urls(personas.clerk_a)
    assert {"corrections:worklist", "corrections:supervisee_create"} <= urls(officer)
    assert not any(name.startswith("corrections:") for name in urls(personas.section) | urls(personas.advisor))
    leader = urls(personas.leader)
    assert "corrections:supervisee_list" in leader and "corrections:supervisee_create" not in leader


# --- The register -----------------------------------------------------------------------------------------


def test_the_register_lists_the_streets_people_with_totals_and_flags(client_for, personas, areas, make_supervisee,
                                                                     officer):
    strict = make_supervisee(name="严管甲", level=Level.STRICT)
    make_supervisee(name="待报到乙", reported_on=None, judgment_on=date(2026, 11, 1), term_start=date(2026, 11, 1))
    make_supervisee(name="黄贝丙", area=areas.street_b)
    services.risk_case_record(supervisee=strict, identified_on=TODAY, description="情绪不稳", control_measures="每周谈话",
                              owner="张敏", by=personas.clerk_a)
    html = client_for(personas.clerk_a).get(reverse("corrections:supervisee_list")).content.decode()
    assert "严管甲" in html and "待报到乙" in html and "黄贝丙" not in html
    assert "在册 1 人 · 待报到 1 人" in html
    row = re.search(rf'<tr[^>]*id="supervisee-{strict.pk}".*?</tr>', html, re.DOTALL).group(0)
    assert "严管" in row and "风险隐患" in row and "2027-01-04" in row
    awaiting_row = html[html.index("待报到乙"):]
    assert "报到逾期" in awaiting_row[:3000]


def test_the_register_filters(client_for, personas, areas, make_supervisee, officer):
    # Judged ten months ago; the terms end in 200 days, except 快期满's in 10.
    current = {"judgment_on": days(-300), "term_start": days(-300), "reported_on": days(-295), "term_end": days(200)}
    make_supervisee(name="普管缓刑", **current)
    make_supervisee(name="严管假释", level=Level.STRICT, sentence_kind=SentenceKind.PAROLE, **current)
    ending = make_supervisee(name="快期满", **{**current, "term_end": days(10)})
    monitored = make_supervisee(name="戴定位", **current)
    make_supervisee(name="黄贝的人", area=areas.street_b, **current)
    services.monitoring_approve(supervisee=monitored, ground=Monitoring.Ground.PROHIBITION, starts_on=TODAY,
                                ends_on=TODAY + timedelta(days=30), approved_on=TODAY, by=officer)
    client = client_for(officer)
    url = reverse("corrections:supervisee_list")

    def names(**params):
        html = client.get(url, params).content.decode()
        return {n for n in ["普管缓刑", "严管假释", "快期满", "戴定位", "黄贝的人"] if n in html}

    assert names() == {"普管缓刑", "严管假释", "快期满", "戴定位", "黄贝的人"}
    assert names(street=areas.street_b.pk) == {"黄贝的人"}
    assert names(level=Level.STRICT) == {"严管假释"}
    assert names(sentence_kind=SentenceKind.PAROLE) == {"严管假释"}
    assert names(term_ending=30) == {"快期满"}
    assert names(monitored="on") == {"戴定位"}
    assert names(q="期满") == {"快期满"}
    assert ending.pk and names(status=Supervisee.Status.AWAITING_REPORT) == set()


def test_the_register_exports_the_filtered_list_to_excel(client_for, personas, make_supervisee):
    make_supervisee(name="导出人", level=Level.STRICT)
    make_supervisee(name="不导出")
    response = client_for(personas.clerk_a).get(reverse("corrections:supervisee_list"),
                                                {"_export": "xlsx", "level": Level.STRICT})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = [[cell.value for cell in row] for row in load_workbook(BytesIO(response.content)).active.iter_rows()]
    assert rows[0][:3] == ["姓名", "性别", "司法所"]
    assert len(rows) == 2 and rows[1][0] == "导出人" and "严管" in rows[1] and "在册" in rows[1]


def test_the_register_query_count_does_not_grow_with_rows(client_for, personas, make_supervisee, officer,
                                                          django_assert_max_num_queries):
    for i in range(30):
        person = make_supervisee(name=f"对象{i}")
        if i % 3 == 0:
            services.risk_case_record(supervisee=person, identified_on=TODAY, description="风险", control_measures="管控",
                                      owner="张敏", by=officer)
    client = client_for(personas.clerk_a)
    # Session, user and their area (3), the filter's streets (1), totals (1), count and rows with their flags (2),
    # the to-do count and the office's name (2), the session re-save (3): thirty rows add nothing.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("corrections:supervisee_list"))
    assert response.content.decode().count('id="supervisee-') == 30


# --- Registering a person ---------------------------------------------------------------------------------


def register_data(areas, **overrides):
    data = {
        "name": "李四", "gender": "M", "id_number": resident_id(sequence="555"), "phone": "13900000000",
        "address": "桂园路1号", "sentence_kind": SentenceKind.PROBATION, "crime": "盗窃罪", "court": "罗湖区人民法院",
        "judgment_on": "2026-11-16", "term_start": "2026-11-16", "term_end": "2027-11-15", "area": areas.street_a.pk,
        "level": Level.NORMAL, "team": "张敏、李华", "prohibitions": "禁止进入娱乐场所",
    }
    data.update(overrides)
    return data


def test_registering_a_person_puts_them_awaiting_their_report(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    form = client.get(reverse("corrections:supervisee_create")).content.decode()
    assert f'value="{areas.street_a.pk}" selected' in form  # the clerk's own street
    response = client.post(reverse("corrections:supervisee_create"), register_data(areas), follow=True)
    person = Supervisee.objects.get()
    assert person.status == Supervisee.Status.AWAITING_REPORT and person.report_due_on == date(2026, 11, 26)
    html = response.content.decode()
    assert "已登记李四，应于2026-11-26前报到" in html and "登记报到" in html
    assert person.level_changes.count() == 1


def test_registering_a_person_who_has_reported_receives_them(client_for, personas, areas):
    data = register_data(areas, reported_on="2026-11-20", transferred_from="广州市天河区司法局")
    response = client_for(personas.clerk_a).post(reverse("corrections:supervisee_create"), data, follow=True)
    person = Supervisee.objects.get()
    assert person.status == Supervisee.Status.ACTIVE and person.reported_on == date(2026, 11, 20)
    entry = person.ledger.get()
    assert entry.kind == LedgerEntry.Kind.TRANSFERRED_IN and entry.counterpart_name == "广州市天河区司法局"
    assert "列入在册" in response.content.decode()


def test_registering_refuses_a_wrong_id_number_and_a_duplicate(client_for, personas, areas, person):
    client = client_for(personas.clerk_a)
    number = str(person.id_number)
    bad = register_data(areas, id_number=number[:-1] + ("0" if number[-1] != "0" else "1"))  # a wrong check digit
    response = client.post(reverse("corrections:supervisee_create"), bad)
    assert response.status_code == 200 and "身份证号码校验位不正确" in response.content.decode()
    assert Supervisee.objects.count() == 1
    response = client.post(reverse("corrections:supervisee_create"),
                           register_data(areas, id_number=number, gender=person.gender))
    assert "该身份证号码的社区矫正对象已在册或待报到，不能重复登记" in response.content.decode()
    assert Supervisee.objects.count() == 1


def test_a_clerk_cannot_register_a_person_in_another_street(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("corrections:supervisee_create"),
                                                 register_data(areas, area=areas.street_b.pk))
    assert response.status_code == 200 and not Supervisee.objects.exists()


def test_receiving_a_person_from_their_page(client_for, personas, make_supervisee):
    waiting = make_supervisee(name="待报到", reported_on=None, judgment_on=days(-20), term_start=days(-20),
                              term_end=days(345))
    client = client_for(personas.clerk_a)
    assert action(waiting, "receive") in client.get(detail(waiting)).content.decode()
    response = client.post(action(waiting, "receive"), {"on": days(1).isoformat()})
    assert "不能晚于今天" in response.content.decode()
    client.post(action(waiting, "receive"), {"on": days(-12).isoformat()})
    waiting.refresh_from_db()
    assert waiting.status == Supervisee.Status.ACTIVE and waiting.ledger.get().kind == LedgerEntry.Kind.RECEIVED


# --- A person's page --------------------------------------------------------------------------------------


def test_the_persons_page_shows_clocks_todos_and_the_timeline(client_for, personas, make_supervisee, officer):
    judged = days(-300)
    person = make_supervisee(name="张三", judgment_on=judged, term_start=judged, reported_on=days(-295),
                             term_end=days(43))
    services.event_record(supervisee=person, kind=Kind.TALK, on=days(-28), by=personas.clerk_a,
                          summary="谈近期工作情况")
    services.event_record(supervisee=person, kind=Kind.INFO_CHECK, on=days(-20), by=personas.clerk_a,
                          is_random=True)
    services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=days(-4),
                            return_on=days(-2), approved_on=days(-5), by=personas.clerk_a)
    services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.NO_REPORT, starts_on=days(-21),
                                ends_on=days(6), approved_on=days(-21), by=officer)
    run_rules(TODAY, kinds=[reminders.TRAVEL_RETURN_OVERDUE, reminders.MONITORING_ENDING])
    html = client_for(personas.clerk_a).get(detail(person)).content.decode()
    clocks = html[html.index('id="clocks"'):html.index('id="todos"')]
    # 普管: a talk every 30 days, a check every 15 days, each moved off a day off to the next working day.
    assert "下次谈话教育" in clocks and f"{next_working_day(days(2)):%Y-%m-%d}" in clocks
    assert "下次信息化核查" in clocks and f"{next_working_day(days(-5)):%Y-%m-%d}" in clocks
    assert "矫正期满" in clocks and f"{days(43):%Y-%m-%d}" in clocks and "还剩43天" in clocks
    assert "电子定位截止" in clocks and f"{days(6):%Y-%m-%d}" in clocks
    assert "外出销假" in clocks and "已逾期1天" in clocks  # due the day after the return
    todos = html[html.index('id="todos"'):html.index('id="details"')]
    assert "外出未销假：张三（广州）" in todos and "电子定位期满：张三" in todos
    timeline = html[html.index('id="timeline"'):]
    for text in ["谈话教育", "谈近期工作情况", "信息化核查", "随机抽查", "外出审批：广州",
                 f"电子定位：{days(-21):%Y-%m-%d}至{days(6):%Y-%m-%d}",
                 "台账：接收", "管理等级：普管"]:
        assert text in timeline, text
    assert timeline.index("外出审批：广州") < timeline.index("信息化核查") < timeline.index("谈话教育")  # newest first


def test_the_persons_page_query_count_is_fixed(client_for, personas, person, officer, django_assert_max_num_queries):
    for i in range(12):
        services.event_record(supervisee=person, kind=[Kind.TALK, Kind.INFO_CHECK, Kind.VISIT][i % 3],
                              on=date(2026, 10, 1) + timedelta(days=i), by=personas.clerk_a)
    services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=date(2026, 10, 5),
                            return_on=date(2026, 10, 6), approved_on=date(2026, 10, 4), by=personas.clerk_a)
    services.session_record(kind=EducationSession.Kind.PSYCH, title="心理讲座", held_on=date(2026, 10, 8),
                            area=person.area, attendees=[person], by=personas.clerk_a)
    services.review_meeting_record(held_on=date(2026, 10, 9), area=person.area, by=personas.clerk_a,
                                   decisions=[(person, AssessmentDecision.Kind.PRAISE, "表现良好")])
    services.monitoring_approve(supervisee=person, ground=Monitoring.Ground.NO_REPORT, starts_on=date(2026, 10, 1),
                                ends_on=date(2026, 12, 31), approved_on=date(2026, 10, 1), by=officer)
    services.risk_case_record(supervisee=person, identified_on=date(2026, 10, 2), description="情绪",
                              control_measures="谈话", owner="张敏", by=personas.clerk_a)
    services.deliberation_record(held_on=date(2026, 10, 3), area=person.area, by=officer,
                                 cases=[(person, "是否提请撤销缓刑", "暂不提请")])
    emergency = services.emergency_record(supervisee=person, kind=Emergency.Kind.OTHER, occurred_on=date(2026, 10, 4),
                                          description="与家人冲突", first_step="上门调解", by=personas.clerk_a)
    services.emergency_add_step(emergency=emergency, on=date(2026, 10, 5), action="回访", by=personas.clerk_a)
    client = client_for(personas.clerk_a)
    client.get(detail(person))  # content types cached, as on a running server
    # Session, user and their area (3), the person (1), eleven relations (11), the level's policy (1), the
    # calendar (1), the to-dos (1), the to-do count and the office's name (2), the session re-save (3), the ID
    # number's confirmation (1) — however long the file.
    with django_assert_max_num_queries(24):
        response = client.get(detail(person))
    html = response.content.decode()
    for text in ["心理健康讲座", "奖惩评审：表扬", "重大疑难案件合议", "突发事件：其他", "突发事件处置", "风险隐患（中）"]:
        assert text in html, text


# --- Quick forms ------------------------------------------------------------------------------------------


def test_recording_a_talk_closes_the_overdue_talk_todo(client_for, personas, person):
    run_rules(TODAY, kinds=[reminders.TALK_OVERDUE])
    assert open_todos(person, reminders.TALK_OVERDUE).count() == 1
    client = client_for(personas.clerk_a)
    form = client.get(action(person, "talk")).content.decode()
    assert f'value="{TODAY.isoformat()}"' in form  # prefilled for today
    response = client.post(action(person, "talk"), {"on": TODAY.isoformat(), "method": "in_person",
                                                     "summary": "了解近况"}, follow=True)
    event = SupervisionEvent.objects.get()
    assert event.kind == Kind.TALK and event.recorded_by == personas.clerk_a and event.area == person.area
    assert f"已记录张三的谈话教育（{TODAY.isoformat()}）" in response.content.decode()
    assert not open_todos(person, reminders.TALK_OVERDUE).exists()


def test_an_information_check_can_be_random(client_for, personas, person):
    client_for(personas.clerk_a).post(action(person, "info_check"), {"on": TODAY.isoformat(), "method": "online",
                                                                     "is_random": "on"})
    assert SupervisionEvent.objects.get().is_random


def test_a_future_date_is_refused_with_the_services_message(client_for, personas, person):
    tomorrow = TODAY + timedelta(days=1)
    response = client_for(personas.clerk_a).post(action(person, "visit"), {"on": tomorrow.isoformat()})
    assert response.status_code == 200 and "日期不能晚于今天" in response.content.decode()
    assert not SupervisionEvent.objects.exists()


def test_the_quick_form_over_htmx_reloads_the_page_it_came_from(client_for, personas, person):
    client = client_for(personas.clerk_a)
    back = reverse("corrections:worklist")
    url = action(person, "report") + f"?next={back}"
    response = client.post(url, {"on": TODAY.isoformat()}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == back
    response = client.post(action(person, "report") + "?next=https://evil.example/", {"on": TODAY.isoformat()},
                           HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == detail(person)
    response = client.post(url, {"on": "bad"}, HTTP_HX_REQUEST="true")
    assert "HX-Redirect" not in response and 'id="action-form"' in response.content.decode()


def test_travel_over_seven_days_is_refused_for_a_street_and_returns_are_reported(client_for, personas, person):
    client = client_for(personas.clerk_a)
    data = {"destination": "北京", "reason": "就医", "leave_on": "2026-11-10", "return_on": "2026-11-20",
            "approved_on": "2026-11-09"}
    response = client.post(action(person, "travel"), data)
    assert "外出11日，超过7日的须报区司法局审批" in response.content.decode()
    assert not TravelApproval.objects.exists()
    client.post(action(person, "travel"), {**data, "return_on": "2026-11-15"})
    travel = TravelApproval.objects.get()
    assert travel.approver == TravelApproval.Approver.STREET
    html = client.get(reverse("corrections:travel_list")).content.decode()
    assert "北京" in html and "未销假" in html and "table-danger" in html
    client.post(action(person, "travel_return"), {"travel": travel.pk, "returned_on": "2026-11-15"})
    travel.refresh_from_db()
    assert travel.returned_on == date(2026, 11, 15)


def test_changing_the_level(client_for, personas, person):
    client = client_for(personas.clerk_a)
    response = client.post(action(person, "level"), {"level": Level.NORMAL, "on": TODAY.isoformat(), "reason": "x"})
    assert "新的管理等级与当前等级相同" in response.content.decode()
    response = client.post(action(person, "level"), {"level": Level.STRICT, "on": TODAY.isoformat(),
                                                      "reason": "有违规苗头"}, follow=True)
    person.refresh_from_db()
    assert person.level == Level.STRICT and "管理等级已调整为严管" in response.content.decode()


def test_a_transfer_to_another_street_hands_the_person_over(client_for, personas, areas, person):
    client = client_for(personas.clerk_a)
    response = client.post(action(person, "transfer"), {"on": TODAY.isoformat()})
    assert "请选择迁入的司法所，或填写外地执行地（二者选一）" in response.content.decode()
    client.post(action(person, "transfer"), {"to_area": areas.street_b.pk, "on": TODAY.isoformat()})
    person.refresh_from_db()
    assert person.area == areas.street_b
    assert client.get(detail(person)).status_code == 404
    assert client_for(personas.clerk_b).get(detail(person)).status_code == 200


def test_a_transfer_out_of_the_portal(client_for, personas, person):
    client_for(personas.clerk_a).post(action(person, "transfer"), {"to_place": "广州市天河区司法局",
                                                                    "on": TODAY.isoformat()})
    person.refresh_from_db()
    assert person.status == Supervisee.Status.TRANSFERRED_OUT


def test_release_only_at_term_end_with_the_certificate_date(client_for, personas, make_supervisee):
    judged = days(-300)
    early = make_supervisee(name="未期满", judgment_on=judged, term_start=judged, reported_on=days(-295),
                            term_end=days(35))
    client = client_for(personas.clerk_a)
    response = client.post(action(early, "release"), {"on": TODAY.isoformat(), "certificate_on": TODAY.isoformat()})
    assert f"矫正期满（{days(35):%Y-%m-%d}）后方可解除矫正" in response.content.decode()
    due = make_supervisee(name="已期满", judgment_on=judged, term_start=judged, reported_on=days(-295),
                          term_end=days(-10))
    client.post(action(due, "release"), {"on": days(-10).isoformat(), "certificate_on": days(-10).isoformat()})
    due.refresh_from_db()
    assert due.status == Supervisee.Status.RELEASED
    assert due.ledger.get(kind=LedgerEntry.Kind.RELEASED).certificate_on == days(-10)
    html = client.get(detail(due)).content.decode()
    assert "解除矫正" in html and 'id="person-actions"' not in html


def test_termination_needs_a_reason(client_for, personas, person):
    client = client_for(personas.clerk_a)
    response = client.post(action(person, "terminate"), {"on": TODAY.isoformat()})
    assert response.status_code == 200 and person.ledger.count() == 1
    client.post(action(person, "terminate"), {"on": TODAY.isoformat(), "reason": "revoked_probation"})
    person.refresh_from_db()
    assert person.status == Supervisee.Status.TERMINATED


def test_a_street_clerk_is_not_offered_monitoring_and_is_refused_if_posting(client_for, personas, person):
    client = client_for(personas.clerk_a)
    html = client.get(detail(person)).content.decode()
    assert action(person, "monitoring") not in html and "须经区司法局负责人批准" in html
    response = client.post(action(person, "monitoring"), {
        "ground": "no_report", "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(days=30)).isoformat(),
        "approved_on": TODAY.isoformat()})
    assert "司法所不能审批" in response.content.decode() and not Monitoring.objects.exists()


def test_monitoring_rules_are_refused_with_the_services_messages(client_for, officer, make_supervisee):
    judged = days(-300)
    person = make_supervisee(name="张三", judgment_on=judged, term_start=judged, reported_on=days(-295),
                             term_end=days(200))
    client = client_for(officer)
    assert action(person, "monitoring") in client.get(detail(person)).content.decode()
    # From the first of this month, three months at most: to the last day of the month after next.
    starts, latest = month_start(0), month_start(3) - timedelta(days=1)
    data = {"ground": "no_report", "starts_on": starts.isoformat(), "ends_on": (latest + timedelta(days=15)).isoformat(),
            "approved_on": starts.isoformat()}
    response = client.post(action(person, "monitoring"), data)
    assert f"电子定位每次期限不得超过三个月（最迟至{latest:%Y-%m-%d}）" in response.content.decode()
    response = client.post(action(person, "monitoring"), {**data, "ground": "", "ends_on": latest.isoformat()})
    assert "法定情形" in response.content.decode() and not Monitoring.objects.exists()
    client.post(action(person, "monitoring"), {**data, "ends_on": latest.isoformat()})
    first = Monitoring.objects.get()
    renewed_to = month_start(6) - timedelta(days=1)
    renew = {"renewal_of": first.pk, "ground": "no_report", "starts_on": month_start(3).isoformat(),
             "ends_on": renewed_to.isoformat(), "approved_on": TODAY.isoformat(), "assessment": ""}
    response = client.post(action(person, "monitoring_renew"), renew)
    assert "电子定位续期须重新评估，请填写评估意见" in response.content.decode()
    client.post(action(person, "monitoring_renew"), {**renew, "assessment": "仍有脱管风险，续期三个月"})
    assert Monitoring.objects.get(renewal_of=first).ends_on == renewed_to
    client.post(action(person, "monitoring_end"), {"monitoring": first.pk, "on": TODAY.isoformat()})
    first.refresh_from_db()
    assert first.ended_on == TODAY


def test_risk_cases_and_emergencies_from_the_persons_page(client_for, personas, person):
    client = client_for(personas.clerk_a)
    meeting = services.risk_meeting_record(held_on=TODAY, area=person.area, by=personas.clerk_a)
    client.post(action(person, "risk_case"), {"identified_on": TODAY.isoformat(), "grade": "high",
                                              "description": "欠债较多", "control_measures": "每周谈话",
                                              "owner": "张敏", "meeting": meeting.pk})
    risk = RiskCase.objects.get()
    assert risk.meeting == meeting and risk.grade == "high"
    client.post(action(person, "risk_case_close"), {"risk_case": risk.pk, "on": TODAY.isoformat()})
    risk.refresh_from_db()
    assert risk.closed_on == TODAY
    client.post(action(person, "emergency"), {"kind": "absconding", "occurred_on": TODAY.isoformat(),
                                              "description": "失联两天", "first_step": "联系家属"})
    emergency = Emergency.objects.get()
    response = client.post(action(person, "emergency_step"), {"emergency": emergency.pk, "on": TODAY.isoformat(),
                                                              "action": "已找回", "close": "on"}, follow=True)
    emergency.refresh_from_db()
    assert emergency.closed_on == TODAY and emergency.steps.count() == 2
    assert "突发事件处置完毕" in response.content.decode()


# --- The daily work list ----------------------------------------------------------------------------------


def test_the_work_list_groups_todays_todos_and_a_talk_clears_one(client_for, personas, areas, make_supervisee):
    late = make_supervisee(name="久未谈话")
    fresh = make_supervisee(name="刚谈过")
    services.event_record(supervisee=fresh, kind=Kind.TALK, on=TODAY - timedelta(days=2), by=personas.clerk_a)
    services.event_record(supervisee=fresh, kind=Kind.INFO_CHECK, on=TODAY - timedelta(days=2), by=personas.clerk_a)
    services.travel_approve(supervisee=fresh, destination="东莞", reason="办事", leave_on=TODAY - timedelta(days=3),
                            return_on=TODAY - timedelta(days=2), approved_on=TODAY - timedelta(days=4),
                            by=personas.clerk_a)
    make_supervisee(name="黄贝的人", area=areas.street_b)
    run_rules(TODAY)
    client = client_for(personas.clerk_a)
    html = client.get(reverse("corrections:worklist")).content.decode()
    talks = html[html.index('id="group-talk_overdue"'):]
    talks = talks[:talks.index("</table>")]
    assert "久未谈话" in talks and "刚谈过" not in talks and "记录谈话" in talks
    assert action(late, "talk") in talks
    returns = html[html.index('id="group-travel_return_overdue"'):]
    assert "刚谈过" in returns[:returns.index("</table>")] and "登记销假" in returns
    assert "黄贝的人" not in html
    overdue = int(re.search(r'id="count-overdue">(\d+)<', html).group(1))
    assert overdue >= 3
    client.post(action(late, "talk") + "?next=" + reverse("corrections:worklist"), {"on": TODAY.isoformat()})
    html = client.get(reverse("corrections:worklist")).content.decode()
    talks = html[html.index('id="group-talk_overdue"'):] if 'id="group-talk_overdue"' in html else ""
    assert "久未谈话" not in talks[:talks.find("</table>")]
    # The talk answers the talk to-do and the no-contact warning alike.
    assert int(re.search(r'id="count-overdue">(\d+)<', html).group(1)) == overdue - 2


def test_the_leader_reads_the_work_list_without_actions(client_for, personas, make_supervisee):
    person = make_supervisee(name="久未谈话")
    run_rules(TODAY, kinds=[reminders.TALK_OVERDUE])
    html = client_for(personas.leader).get(reverse("corrections:worklist")).content.decode()
    assert "久未谈话" in html and "桂园街道" in html and action(person, "talk") not in html


def test_the_work_list_query_count_is_fixed(client_for, personas, make_supervisee, django_assert_max_num_queries):
    for i in range(15):
        person = make_supervisee(name=f"对象{i}")
        services.travel_approve(supervisee=person, destination="广州", reason="探亲", leave_on=TODAY - timedelta(days=5),
                                return_on=TODAY - timedelta(days=3), approved_on=TODAY - timedelta(days=6),
                                by=personas.clerk_a)
    run_rules(TODAY)
    client = client_for(personas.clerk_a)
    # Session, user and their area (3), the to-dos with their content types (1), people and travels (2; no
    # monitoring to look up), the register totals (1), the to-do count and the office's name (2), the session
    # re-save (3).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("corrections:worklist"))
    assert response.content.decode().count('id="todo-') >= 45


# --- Group records ----------------------------------------------------------------------------------------


def test_a_session_records_many_attendees_at_once(client_for, personas, areas, make_supervisee):
    a1, a2 = make_supervisee(name="参加甲"), make_supervisee(name="参加乙")
    make_supervisee(name="黄贝丁", area=areas.street_b)
    client = client_for(personas.clerk_a)
    form = client.get(reverse("corrections:session_create")).content.decode()
    assert "参加甲" in form and "参加乙" in form and "黄贝丁" not in form
    response = client.post(reverse("corrections:session_create"), {
        "kind": "psych", "title": "心理健康讲座", "held_on": TODAY.isoformat(), "hours": "2", "area": areas.street_a.pk,
    })
    assert "请选择参加人员" in response.content.decode() and not EducationSession.objects.exists()
    response = client.post(reverse("corrections:session_create"), {
        "kind": "psych", "title": "心理健康讲座", "held_on": TODAY.isoformat(), "hours": "2", "area": areas.street_a.pk,
        "attendees": [a1.pk, a2.pk]}, follow=True)
    session = EducationSession.objects.get()
    assert set(session.attendees.all()) == {a1, a2}
    assert "已登记心理健康讲座，参加 2 人" in response.content.decode()
    listing = client.get(reverse("corrections:session_list")).content.decode()
    assert "心理健康讲座" in listing
    assert "心理健康讲座" in client.get(detail(a1)).content.decode()


def test_a_review_meeting_records_several_decisions(client_for, personas, areas, make_supervisee):
    a, b = make_supervisee(name="表扬者"), make_supervisee(name="警告者")
    client = client_for(personas.clerk_a)
    data = {"held_on": TODAY.isoformat(), "area": areas.street_a.pk, "participants": "张敏、李华",
            "rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0",
            "rows-0-supervisee": a.pk, "rows-0-kind": "praise", "rows-0-reason": "积极参加公益活动",
            "rows-1-supervisee": b.pk, "rows-1-kind": "warning", "rows-1-reason": "未按时报告",
            "rows-2-supervisee": "", "rows-2-kind": "", "rows-2-reason": ""}
    response = client.post(reverse("corrections:review_meeting_create"), data, follow=True)
    assert "已登记奖惩评审会议，评审 2 人" in response.content.decode()
    assert set(AssessmentDecision.objects.values_list("supervisee__name", "kind")) == {("表扬者", "praise"),
                                                                                       ("警告者", "warning")}
    assert "积极参加公益活动" in response.content.decode()  # the meeting list
    empty = {**data, "rows-0-supervisee": "", "rows-0-kind": "", "rows-0-reason": "", "rows-1-supervisee": "",
             "rows-1-kind": "", "rows-1-reason": ""}
    response = client.post(reverse("corrections:review_meeting_create"), empty)
    assert "请至少填写一行" in response.content.decode() and AssessmentDecision.objects.count() == 2


def test_risk_meetings_and_deliberations(client_for, personas, areas, person):
    client = client_for(personas.clerk_a)
    client.post(reverse("corrections:risk_meeting_create"), {"held_on": TODAY.isoformat(), "area": areas.street_a.pk,
                                                             "summary": "研判三名对象"})
    assert RiskMeeting.objects.get().summary == "研判三名对象"
    client.post(reverse("corrections:deliberation_create"), {
        "held_on": TODAY.isoformat(), "area": areas.street_a.pk, "rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0",
        "rows-0-supervisee": person.pk, "rows-0-question": "是否提请撤销缓刑", "rows-0-decision": "暂不提请，加强监管"})
    assert DeliberatedCase.objects.get().decision == "暂不提请，加强监管"
    html = client.get(reverse("corrections:meeting_list")).content.decode()
    assert "研判三名对象" in html and "暂不提请，加强监管" in html
    assert client_for(personas.clerk_b).get(reverse("corrections:meeting_list")).content.decode().count("暂不提请") == 0


# --- Resettlement -----------------------------------------------------------------------------------------


def released(areas, by, **fields):
    values = {"name": "王五", "gender": "M", "id_number": resident_id(sequence="777"), "crime": "诈骗罪",
              "prison": "广东省深圳监狱", "released_on": days(-900), "area": areas.street_a}
    values.update(fields)
    return services.released_person_register(by=by, **values)


def test_resettlement_list_filters_and_register(client_for, personas, areas):
    released(areas, personas.clerk_a)
    released(areas, personas.clerk_a, name="早已期满", id_number=resident_id(sequence="779"),
             released_on=days(-6 * 366))
    released(areas, personas.clerk_a, name="无法核实", id_number=None, verification="address",
             released_on=days(-600))
    released(areas, personas.clerk_b, name="黄贝的人", id_number=resident_id(sequence="779"), area=areas.street_b)
    client = client_for(personas.clerk_a)
    url = reverse("corrections:releasedperson_list")
    html = client.get(url).content.decode()
    assert "王五" in html and "早已期满" in html and "黄贝的人" not in html and "帮教期内 2 人" in html
    html = client.get(url, {"listed": "on"}).content.decode()
    assert "王五" in html and "早已期满" not in html
    html = client.get(url, {"unverified": "on"}).content.decode()
    assert "无法核实" in html and "王五" not in html
    released_on = month_start(-2)
    response = client.post(reverse("corrections:releasedperson_create"), {
        "name": "赵六", "gender": "F", "id_number": resident_id(sequence="780"), "crime": "盗窃罪", "prison": "广东省女子监狱",
        "released_on": released_on.isoformat(), "area": areas.street_a.pk, "verification": "verified"}, follow=True)
    listed_until = released_on.replace(year=released_on.year + 5)  # five years of resettlement
    assert f"已登记赵六，帮教期至{listed_until:%Y-%m-%d}" in response.content.decode()


def test_resettlement_person_page_and_quick_forms(client_for, personas, areas):
    person = released(areas, personas.clerk_a)
    page = reverse("corrections:releasedperson_detail", args=[person.pk])
    client = client_for(personas.clerk_a)
    html = client.get(page).content.decode()
    assert person.id_number.masked in html and str(person.id_number) not in html and "帮教期内" in html

    def act(name, data):
        return client.post(reverse("corrections:releasedperson_action", args=[person.pk, name]), data, follow=True)

    out = person.released_on
    too_early = (out - timedelta(days=120)).isoformat()
    assert "衔接日期过早" in act("handover", {"handover": "received", "on": too_early}).content.decode()
    act("handover", {"handover": "received", "on": out.isoformat()})
    act("help", {"kind": "job", "on": (out + timedelta(days=31)).isoformat(), "note": "推荐到物业公司"})
    act("follow_up", {"on": (out + timedelta(days=61)).isoformat(), "method": "phone", "note": "工作稳定"})
    assert "核查情况与原登记相同" in act("verify", {"verification": "verified"}).content.decode()
    assert "已更新核查情况：住址无法核实" in act("verify", {"verification": "address"}).content.decode()
    html = act("reoffended", {"on": days(-90).isoformat()}).content.decode()
    person.refresh_from_db()
    assert person.handover == ReleasedPerson.Handover.RECEIVED and person.reoffended_on == days(-90)
    assert person.verification == ReleasedPerson.Verification.ADDRESS
    assert "推荐到物业公司" in html and "工作稳定" in html and "重新犯罪" in html
    assert client_for(personas.clerk_b).get(page).status_code == 404
    assert client_for(personas.clerk_b).post(reveal(person)).status_code == 404
    assert client_for(personas.leader).post(
        reverse("corrections:releasedperson_action", args=[person.pk, "help"]), {}).status_code == 403

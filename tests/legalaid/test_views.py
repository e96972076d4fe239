"""The legal-aid pages: jurisdiction, read-only roles, the case list and its clocks, the application form, one
button per allowed move (each through its service), consultations, complaints and quality records."""

import re
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.menu import menu_for
from legalaid import services
from legalaid.models import (Case, CaseStep, Complaint, Consultation, Expert, FileEvaluation, FollowUp,
                             HearingEvaluation, MatterKind, Outcome, Recipient, Source, Status)
from legalaid.models import Category as C
from tests.factories import resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

TODAY = max(timezone.localdate(), STORY_DAY)  # the day each test runs on


def detail(case):
    return reverse("legalaid:case_detail", args=[case.pk])


def action(case, name):
    return reverse("legalaid:case_action", args=[case.pk, name])


def granted(make_case, personas, **fields):
    case = make_case(**fields)
    services.case_decide(case=case, grant=True, reasons="符合条件", by=personas.section, on=date(2026, 3, 3))
    return case


def closed(make_case, personas, lawyers, amount="86000.00"):
    case = granted(make_case, personas)
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    services.case_start(case=case, by=personas.section, on=date(2026, 3, 5))
    services.case_close(case=case, outcome=Outcome.WON, recovered_amount=Decimal(amount), by=personas.section,
                        on=date(2026, 6, 30))
    return case


# --- Access -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["legalaid:case_list", "legalaid:case_create", "legalaid:consultation_list",
                                  "legalaid:consultation_create", "legalaid:complaint_list"])
def test_pages_need_the_legal_aid_function(client_for, personas, name):
    response = client_for(personas.advisor).get(reverse(name))
    assert response.status_code == 403
    assert "您的角色不能使用法律援助功能" in response.content.decode()


def test_pages_ask_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get(reverse("legalaid:case_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_street_or_district_gets_404_for_a_case(client_for, personas, make_case):
    case = make_case()  # street A
    for user in (personas.clerk_b, personas.other_leader):
        client = client_for(user)
        assert client.get(detail(case)).status_code == 404
        assert client.get(action(case, "grant")).status_code in {403, 404}
    response = client_for(personas.clerk_b).post(action(case, "grant"), {"on": TODAY, "reasons": ""})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert client_for(personas.clerk_a).get(detail(case)).status_code == 200


def test_the_leader_reads_but_cannot_write(client_for, personas, make_case):
    case = make_case()
    client = client_for(personas.leader)
    html = client.get(detail(case)).content.decode()
    assert case.number in html and 'id="case-actions"' not in html and "决定给予" not in html
    listing = client.get(reverse("legalaid:case_list")).content.decode()
    assert case.number in listing and f'href="{reverse("legalaid:case_create")}"' not in listing
    response = client.post(action(case, "grant"), {"on": TODAY})
    assert response.status_code == 403 and "只能查看法律援助信息" in response.content.decode()
    assert client.get(reverse("legalaid:case_create")).status_code == 403
    assert client.post(reverse("legalaid:consultation_create"), {}).status_code == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_the_menu_offers_legal_aid_to_those_who_use_it(personas):
    def urls(user):
        return {item.url_name for _group, items in menu_for(user) for item in items}

    expected = {"legalaid:case_list", "legalaid:case_create", "legalaid:consultation_create",
                "legalaid:consultation_list", "legalaid:complaint_list"}
    assert expected <= urls(personas.section) and expected <= urls(personas.clerk_a)
    assert not expected & urls(personas.advisor)
    assert urls(personas.leader) & expected == {"legalaid:case_list", "legalaid:consultation_list",
                                                "legalaid:complaint_list"}  # reads only


# --- Case list --------------------------------------------------------------------------------------------


def test_the_case_list_shows_the_users_cases_with_their_clocks(client_for, personas, areas, make_case):
    late = make_case(applicant_name="逾期人")  # received 2 March: decision was due 11 March
    fresh = make_case(applicant_name="新申请人", received_on=TODAY)
    make_case(applicant_name="黄贝的人", area=areas.street_b)
    html = client_for(personas.clerk_a).get(reverse("legalaid:case_list")).content.decode()
    assert "逾期人" in html and "新申请人" in html and "黄贝的人" not in html
    late_row = re.search(rf'<tr[^>]*id="case-{late.pk}"[^>]*>', html).group(0)
    fresh_row = re.search(rf'<tr[^>]*id="case-{fresh.pk}"[^>]*>', html).group(0)
    assert "table-danger" in late_row and "table-danger" not in fresh_row
    assert "审查决定 2026-03-11" in html and re.search(r"已逾期\d+天", html)
    assert f"审查决定 {fresh.decision_due_on.isoformat()}" in html
    assert "待审查" in html and f'href="{detail(late)}"' in html


def test_the_case_list_filters_by_status_street_and_overdue(client_for, personas, areas, make_case):
    make_case(applicant_name="甲逾期")
    make_case(applicant_name="乙新收", received_on=TODAY)
    granted(make_case, personas, applicant_name="丙待指派", area=areas.street_b)
    client = client_for(personas.section)
    url = reverse("legalaid:case_list")

    html = client.get(url, {"overdue": "on"}).content.decode()
    assert "甲逾期" in html and "丙待指派" in html and "乙新收" not in html
    html = client.get(url, {"status": ["granted"]}).content.decode()
    assert "丙待指派" in html and "甲逾期" not in html
    html = client.get(url, {"street": areas.street_a.pk}).content.decode()
    assert "甲逾期" in html and "乙新收" in html and "丙待指派" not in html
    html = client.get(url, {"q": "乙新"}).content.decode()
    assert "乙新收" in html and "甲逾期" not in html


def test_the_case_list_exports_to_excel(client_for, personas, make_case):
    case = make_case(applicant_name="导出人")
    response = client_for(personas.section).get(reverse("legalaid:case_list"), {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = [[cell.value for cell in row] for row in load_workbook(BytesIO(response.content)).active.iter_rows()]
    assert rows[0][:3] == ["编号", "申请人", "街道"] and rows[0][-1] == "当前期限"
    assert rows[1][0] == case.number and rows[1][1] == "导出人"
    assert "待审查" in rows[1] and "审查决定 2026-03-11" in rows[1]
    assert "确认劳动关系或者支付劳动报酬（第三十一条第五项）" in rows[1]


def test_the_case_list_query_count_does_not_grow_with_rows(client_for, personas, make_case, lawyers,
                                                           django_assert_max_num_queries):
    for i in range(20):
        case = make_case(applicant_name=f"申请人{i}")
        if i % 2:
            services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
            services.case_assign(case=case, lawyer=lawyers["family"], by=personas.section, on=date(2026, 3, 4),
                                 override_reason="测试")
    client = client_for(personas.section)
    # Session, user and the user's area (3), the filter's streets and lawyers (2), count and rows (2), the
    # to-do count (1) and the session re-save (3). Twenty rows with their streets and lawyers add nothing.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("legalaid:case_list"))
    assert response.status_code == 200 and response.content.decode().count('id="case-') == 20


# --- Case detail ------------------------------------------------------------------------------------------


def test_the_case_page_shows_the_application_clock_and_one_button_per_allowed_move(client_for, personas,
                                                                                      make_case):
    case = make_case(received_on=TODAY, recipients=2, summary="拖欠工资三个月")
    html = client_for(personas.section).get(detail(case)).content.decode()
    assert case.number in html and "待审查" in html and "拖欠工资三个月" in html
    assert case.applicant_id_number.masked in html and case.applicant_id_number not in html
    assert "查看完整号码" in html and "受援人0" in html and "受援人1" in html and "农民工" in html
    assert f"审查决定期限：{case.decision_due_on.year}" in html and re.search(r"还剩\d+天", html)
    assert "收到申请" in html  # the timeline
    buttons = re.findall(r'href="/legalaid/cases/\d+/([a-z_]+)/"', html)
    assert buttons == services.case_actions(case) == ["request_material", "grant", "refuse"]


def test_the_applicants_id_is_revealed_only_within_the_jurisdiction(client_for, personas, make_case):
    case = make_case()
    url = reverse("bureau:identifier_reveal", args=["legalaid", "case", case.pk, "applicant_id_number"])
    assert client_for(personas.clerk_b).post(url).status_code == 404
    response = client_for(personas.clerk_a).post(url)
    assert response.status_code == 200 and case.applicant_id_number in response.content.decode()


def test_a_whole_case_through_the_buttons(client_for, personas, make_case, lawyers):
    case = make_case()
    client = client_for(personas.section)

    response = client.post(action(case, "grant"), {"on": "2026-03-03", "reasons": "符合经济困难标准"}, follow=True)
    assert "已决定给予法律援助，指派期限至 2026-03-06" in response.content.decode()
    response = client.post(action(case, "assign"), {"on": "2026-03-04", "lawyer": lawyers["labour"].pk,
                                                    "override_reason": ""}, follow=True)
    assert "已指派 陈劳动 律师承办" in response.content.decode()
    client.post(action(case, "start"), {"on": "2026-03-05"})
    client.post(action(case, "close"), {"on": "2026-06-30", "outcome": Outcome.WON, "recovered_amount": "86000"})
    html = client.post(action(case, "archive"), {"on": "2026-07-10"}, follow=True).content.decode()

    case.refresh_from_db()
    assert case.status == Status.ARCHIVED and case.lawyer == lawyers["labour"]
    assert "86,000.00 元" in html and "已归档" in html and "胜诉或者主张全部得到支持" in html
    assert "专长：劳动争议；在办 0 件；从未指派" in html and "已采纳" in html
    assert [step.action for step in case.steps.all()] == [
        "收到申请", "决定给予法律援助", "指派律师", "律师开始承办", "结案", "归档"]
    assert 'id="case-actions"' in html and "案卷评查" in html  # archived: only quality records remain


def test_a_forbidden_move_is_refused_in_chinese_and_changes_nothing(client_for, personas, make_case):
    case = make_case()
    response = client_for(personas.section).post(
        action(case, "close"), {"on": TODAY, "outcome": Outcome.WON, "recovered_amount": "100"})
    assert response.status_code == 200
    assert "案件当前状态为“待审查”，不能“结案”。" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.closed_on is None and case.outcome == ""
    assert case.steps.count() == 1


def test_opening_a_move_that_is_not_offered_goes_back_to_the_case_with_the_reason(client_for, personas,
                                                                                   make_case):
    case = make_case()
    response = client_for(personas.section).get(action(case, "archive"), follow=True)
    assert response.redirect_chain[-1][0] == detail(case)
    assert "不能“归档”" in response.content.decode()


def test_an_unknown_action_is_404(client_for, personas, make_case):
    case = make_case()
    assert client_for(personas.section).get(action(case, "delete")).status_code == 404


def test_a_service_refusal_is_shown_on_the_form_and_nothing_changes(client_for, personas, make_case):
    case = make_case(received_on=date(2026, 3, 2))
    response = client_for(personas.section).post(action(case, "grant"), {"on": "2026-03-01", "reasons": ""})
    assert "决定日期不能早于2026-03-02" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.decided_on is None
    assert case.number in response.content.decode()


def test_a_refusal_needs_written_reasons(client_for, personas, make_case):
    case = make_case()
    response = client_for(personas.section).post(action(case, "refuse"), {"on": TODAY, "reasons": ""})
    assert "该字段是必填项" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_material_request_then_supply(client_for, personas, make_case):
    case = make_case(received_on=date(2026, 11, 2))
    client = client_for(personas.section)
    client.post(action(case, "request_material"), {"on": "2026-11-03", "note": "劳动合同复印件"})
    case.refresh_from_db()
    assert case.status == Status.MATERIAL_REQUESTED and case.decision_due_on is None
    html = client.get(detail(case)).content.decode()
    assert "劳动合同复印件" in html and "材料已补齐" in html and "通知补充材料</a>" not in html
    client.post(action(case, "supply_material"), {"on": "2026-11-09"})
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.decision_due_on == date(2026, 11, 18)


def test_refusal_objection_and_its_decision(client_for, personas, make_case):
    case = make_case()
    client = client_for(personas.section)
    client.post(action(case, "refuse"), {"on": "2026-03-03", "reasons": "不符合经济困难标准"})
    client.post(action(case, "object"), {"on": "2026-03-05", "reason": "家庭收入计算有误"})
    case.refresh_from_db()
    assert case.status == Status.OBJECTED
    html = client.get(detail(case)).content.decode()
    assert "家庭收入计算有误" in html and "异议成立" in html and "决定给予" not in html
    client.post(action(case, "objection_uphold"), {"on": "2026-03-09", "reasons": "复核后符合条件"})
    case.refresh_from_db()
    assert case.status == Status.GRANTED and case.objections.get().result == "upheld"


def test_terminating_a_case(client_for, personas, make_case):
    case = granted(make_case, personas)
    response = client_for(personas.section).post(action(case, "terminate"), {"on": TODAY, "ground": ""})
    assert "该字段是必填项" in response.content.decode()
    client_for(personas.section).post(action(case, "terminate"),
                                      {"on": TODAY, "ground": "other_counsel", "note": "已自行委托律师"})
    case.refresh_from_db()
    assert case.status == Status.TERMINATED and case.termination_ground == "other_counsel"


# --- Assignment -------------------------------------------------------------------------------------------


def test_the_assign_form_preselects_the_suggestion_and_shows_each_reason(client_for, personas, make_case,
                                                                         lawyers):
    case = granted(make_case, personas, category=C.LABOUR)
    html = client_for(personas.section).get(action(case, "assign")).content.decode()
    labour = lawyers["labour"].pk
    assert re.search(rf'value="{labour}"\s+checked', html)
    assert len(re.findall(r'type="radio"[^>]*checked', html)) == 1
    assert "系统建议" in html and "专长：劳动争议；在办 0 件；从未指派" in html
    assert "林婚姻" in html and "无对应专长" in html and "郑光明" not in html  # another district
    assert "未采纳建议的理由" in html


def test_an_override_without_a_reason_is_refused_and_with_one_is_recorded(client_for, personas, make_case,
                                                                          lawyers):
    case = granted(make_case, personas, category=C.LABOUR)
    client = client_for(personas.section)
    response = client.post(action(case, "assign"), {"on": TODAY, "lawyer": lawyers["family"].pk})
    html = response.content.decode()
    assert "未采纳系统建议的律师（陈劳动），请填写理由。" in html
    assert re.search(rf'value="{lawyers["family"].pk}"\s+checked', html)  # the choice is kept
    case.refresh_from_db()
    assert case.status == Status.GRANTED and case.lawyer is None

    client.post(action(case, "assign"), {"on": TODAY, "lawyer": lawyers["family"].pk,
                                         "override_reason": "受援人要求女律师"})
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.lawyer == lawyers["family"]
    html = client.get(detail(case)).content.decode()
    assert "未采纳建议" in html and "受援人要求女律师" in html and "陈劳动" in html


def test_action_forms_open_in_the_modal_with_htmx(client_for, personas, make_case):
    case = make_case()
    client = client_for(personas.section)
    partial = client.get(action(case, "grant"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "hx-post" in partial and "决定给予" in partial
    response = client.post(action(case, "grant"), {"on": TODAY, "reasons": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == detail(case)
    error = client.post(action(case, "grant"), {"on": TODAY}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in error and "不能“决定给予”" in error


# --- New application --------------------------------------------------------------------------------------


def application(areas, **overrides):
    data = {
        "area": areas.street_a.pk, "source": Source.WINDOW, "received_on": TODAY.isoformat(),
        "matter_kind": MatterKind.CIVIL, "category": C.LABOUR, "applicant_name": "刘大海",
        "applicant_id_number": resident_id(birth="19900505", sequence="111"), "applicant_phone": "13800000000",
        "exemption_ground": "migrant_wages", "summary": "工地欠薪",
        "recipients-TOTAL_FORMS": "1", "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0", "recipients-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_registering_an_application_with_its_recipients(client_for, personas, areas, clock_rules):
    data = application(areas, **{
        "recipients-TOTAL_FORMS": "2",
        "recipients-0-name": "工友甲", "recipients-0-id_number": resident_id(birth="19850203", sequence="124"),
        "recipients-0-groups": ["migrant_worker"],
        "recipients-1-name": "工友乙", "recipients-1-groups": ["migrant_worker", "women"],
        "recipients-1-is_female": "on",
    })
    response = client_for(personas.clerk_a).post(reverse("legalaid:case_create"), data, follow=True)
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == detail(case)
    assert f"已登记 {case.number}" in response.content.decode()
    assert case.number.startswith(f"罗法援〔{TODAY.year}〕")  # the year received and case.status == Status.RECEIVED
    assert case.created_by == personas.clerk_a and case.decision_due_on is not None
    first, second = case.recipients.order_by("id")
    assert first.name == "工友甲" and first.birth_date == date(1985, 2, 3) and first.is_female  # from the ID
    assert second.groups == ["migrant_worker", "women"] and second.is_female


def test_with_no_recipient_entered_the_applicant_is_the_recipient(client_for, personas, areas, clock_rules):
    client_for(personas.section).post(reverse("legalaid:case_create"), application(areas))
    recipient = Recipient.objects.get()
    assert recipient.name == "刘大海" and recipient.birth_date == date(1990, 5, 5)
    assert recipient.phone == "13800000000" and recipient.id_number == application(areas)["applicant_id_number"]


def test_a_wrong_id_check_digit_is_explained_next_to_the_field_and_nothing_is_written(client_for, personas,
                                                                                      areas, clock_rules):
    good = resident_id()
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client_for(personas.section).post(reverse("legalaid:case_create"),
                                                 application(areas, applicant_id_number=wrong))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="div_id_applicant_id_number".*?身份证号码校验位不正确，请核对后重新输入。', html, re.S)
    assert not Case.objects.exists() and not Recipient.objects.exists() and not CaseStep.objects.exists()


def test_a_recipients_wrong_id_is_shown_in_its_row(client_for, personas, areas, clock_rules):
    response = client_for(personas.section).post(reverse("legalaid:case_create"), application(areas, **{
        "recipients-0-name": "工友甲", "recipients-0-id_number": "12345"}))
    assert "身份证号码应为18位。" in response.content.decode()
    assert not Case.objects.exists()


def test_a_notice_needs_its_notifying_authority(client_for, personas, areas, clock_rules):
    response = client_for(personas.section).post(reverse("legalaid:case_create"), application(
        areas, source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE))
    assert re.search(r'id="div_id_notifying_authority".*?通知辩护、通知代理案件须填写通知机关。',
                     response.content.decode(), re.S)
    assert not Case.objects.exists()
    client_for(personas.section).post(reverse("legalaid:case_create"), application(
        areas, source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
        notifying_authority="罗湖区人民法院", exemption_ground=""))
    assert Case.objects.get().status == Status.GRANTED


def test_a_street_clerk_registers_for_their_own_street_only(client_for, personas, areas, clock_rules):
    client = client_for(personas.clerk_a)
    html = client.get(reverse("legalaid:case_create")).content.decode()
    assert re.search(rf'<option value="{areas.street_a.pk}" selected>桂园街道</option>', html)
    assert "黄贝街道" not in html
    assert f'value="{TODAY.isoformat()}"' in html  # received today unless changed
    response = client.post(reverse("legalaid:case_create"), application(areas, area=areas.street_b.pk))
    assert "选择一个有效的选项" in response.content.decode()
    assert not Case.objects.exists()


# --- Consultations ----------------------------------------------------------------------------------------


def test_the_quick_consultation_form_saves_and_shows_todays_tally(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    url = reverse("legalaid:consultation_create")
    html = client.get(url).content.decode()
    assert "今日已登记 0 人次" in html
    assert re.search(r'value="window"[^>]*checked', html)

    response = client.post(url, {"channel": "hotline", "topic": "labour", "person_times": "1",
                                 "on": TODAY.isoformat(), "area": areas.street_a.pk, "note": "咨询欠薪",
                                 "answer": "告知可申请劳动仲裁"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(url + "?")
    assert "已登记：12348热线 · 劳动争议 · 1 人次。" in html and "今日已登记 1 人次" in html
    assert re.search(r'value="hotline"[^>]*checked', html)  # the next caller is on the same line
    assert 'name="note" maxlength="200" class="textinput form-control" id="id_note">' in html  # empty again

    client.post(url, {"channel": "window", "topic": "family", "person_times": "3", "on": TODAY.isoformat(),
                      "area": areas.street_a.pk, "answer": "解释抚养费标准"})
    html = client.get(url).content.decode()
    assert "今日已登记 4 人次" in html and "桂园街道今日共 4 人次" in html
    consultation = Consultation.objects.get(topic="labour")
    assert consultation.recorded_by == personas.clerk_a and consultation.area == areas.street_a


def test_a_consultation_needs_a_topic_and_a_street_of_ones_own(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("legalaid:consultation_create"), {
        "channel": "window", "topic": "", "person_times": "1", "on": TODAY.isoformat(),
        "area": areas.street_b.pk})
    html = response.content.decode()
    assert "该字段是必填项" in html and "选择一个有效的选项" in html
    assert not Consultation.objects.exists()


def test_the_consultation_list_filters_totals_and_exports(client_for, personas, areas,
                                                          django_assert_max_num_queries):
    for i in range(20):
        services.consultation_record(area=areas.street_a if i % 2 else areas.street_b, on=TODAY,
                                     channel="hotline" if i < 5 else "window", topic="labour", person_times=2,
                                     answer="告知仲裁途径", by=personas.section)
    client = client_for(personas.section)
    url = reverse("legalaid:consultation_list")
    with django_assert_max_num_queries(11):  # as the case list, less the lawyers, plus the total person-times
        html = client.get(url).content.decode()
    assert "共 20 条，合计 40 人次" in html
    html = client.get(url, {"channel": "hotline"}).content.decode()
    assert "共 5 条，合计 10 人次" in html
    html = client.get(url, {"street": areas.street_a.pk}).content.decode()
    assert "共 10 条，合计 20 人次" in html
    response = client.get(url, {"_export": "xlsx"})
    rows = [[cell.value for cell in row] for row in load_workbook(BytesIO(response.content)).active.iter_rows()]
    assert rows[0][:4] == ["日期", "街道", "渠道", "咨询事项"] and len(rows) == 21
    assert "共 10 条" in client_for(personas.clerk_a).get(url).content.decode()  # street A's only


def test_the_consultation_lists_count_and_person_times_are_one_scan(client_for, personas, areas):
    """The paginator's count and the person-times come from one aggregate over the filtered list (list_totals),
    not a COUNT and a SUM each scanning a district's consultations; the page numbers still follow the count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(30):
        services.consultation_record(area=areas.street_a, on=TODAY, channel="hotline" if i < 27 else "window",
                                     topic="labour", person_times=1 + i % 3, answer="告知仲裁途径",
                                     by=personas.section)
    client = client_for(personas.section)
    url = reverse("legalaid:consultation_list")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, {"channel": "hotline", "page": 2}).content.decode()
    scans = [q["sql"] for q in queries.captured_queries if 'FROM "legalaid_consultation"' in q["sql"]]
    assert len(scans) == 2, scans  # the figures, then the page's rows
    assert "COUNT(" in scans[0] and "SUM(" in scans[0] and "LIMIT" in scans[1]
    assert "共 27 条，合计 54 人次" in html  # 9 × (1 + 2 + 3)
    assert 'class="page-item active"><a class="page-link" href="?channel=hotline&amp;page=2">' in html


# --- Complaints -------------------------------------------------------------------------------------------


def test_a_complaint_is_received_listed_and_concluded(client_for, personas, areas, make_case, lawyers):
    case = granted(make_case, personas)
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    client = client_for(personas.section)
    response = client.post(reverse("legalaid:complaint_create"), {
        "area": areas.street_a.pk, "complainant": "王小明", "received_on": TODAY.isoformat(),
        "case_number": case.number, "lawyer": "", "content": "律师多次不接电话"}, follow=True)
    complaint = Complaint.objects.get()
    assert complaint.lawyer == lawyers["labour"] and complaint.case == case  # the case's lawyer by default
    assert complaint.due_on == TODAY + timedelta(days=45)
    assert f"已登记投诉，办结期限 {complaint.due_on.isoformat()}" in response.content.decode()

    html = client.get(reverse("legalaid:complaint_list"), {"open": "on"}).content.decode()
    assert "王小明" in html and "办理中" in html
    assert "王小明" in client.get(detail(case)).content.decode()

    url = reverse("legalaid:complaint_conclude", args=[complaint.pk])
    assert "该字段是必填项" in client.post(url, {"finding": "partly", "on": TODAY.isoformat()}).content.decode()
    client.post(url, {"finding": "partly", "handling": "约谈律师并责令改正", "on": TODAY.isoformat()})
    complaint.refresh_from_db()
    assert complaint.concluded_on == TODAY and complaint.finding == "partly"
    html = client.get(reverse("legalaid:complaint_list"), {"open": "on"}).content.decode()
    assert "王小明" not in html
    clerk_b = client_for(personas.clerk_b)
    assert clerk_b.get(reverse("legalaid:complaint_detail", args=[complaint.pk])).status_code == 404
    assert "王小明" not in clerk_b.get(reverse("legalaid:complaint_list")).content.decode()


def test_a_complaint_with_an_unknown_case_number_is_explained(client_for, personas, areas, clock_rules):
    response = client_for(personas.section).post(reverse("legalaid:complaint_create"), {
        "area": areas.street_a.pk, "complainant": "王小明", "received_on": TODAY.isoformat(),
        "case_number": "罗法援〔2026〕9999号", "content": "……"})
    html = response.content.decode()
    assert "未找到编号为“罗法援〔2026〕9999号”的案件" in html and "请选择被投诉律师" in html
    assert not Complaint.objects.exists()


# --- Quality ----------------------------------------------------------------------------------------------


def test_a_file_evaluation_is_recorded_with_its_average(client_for, personas, make_case, lawyers):
    case = closed(make_case, personas, lawyers)
    client = client_for(personas.section)
    response = client.post(action(case, "file_evaluation"), {
        "evaluated_on": TODAY.isoformat(), "first_reviewer": "评查员甲", "first_score": "90",
        "second_reviewer": "评查员甲", "second_score": "85"})
    assert "两名评查人不能是同一人。" in response.content.decode()
    response = client.post(action(case, "file_evaluation"), {
        "evaluated_on": TODAY.isoformat(), "first_reviewer": "评查员甲", "first_score": "90",
        "second_reviewer": "评查员乙", "second_score": "85", "findings": "卷宗完整"}, follow=True)
    html = response.content.decode()
    assert FileEvaluation.objects.get(case=case).score == Decimal("87.5")
    assert "平均分 87.5" in html and "87.5" in html and "卷宗完整" in html


def test_a_file_evaluation_of_an_open_case_is_refused(client_for, personas, make_case):
    case = make_case()
    response = client_for(personas.section).post(action(case, "file_evaluation"), {
        "evaluated_on": TODAY.isoformat(), "first_reviewer": "甲", "first_score": "90",
        "second_reviewer": "乙", "second_score": "85"})
    assert "只能评查已结案的案卷。" in response.content.decode()
    assert not FileEvaluation.objects.exists()


def test_a_hearing_evaluation_shows_the_drawn_experts_and_the_seed(client_for, personas, areas, make_case,
                                                                   lawyers):
    for i in range(5):
        Expert.objects.create(name=f"专家{i}", area=areas.district)
    case = granted(make_case, personas)
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    response = client_for(personas.section).post(action(case, "hearing_evaluation"), {
        "on": TODAY.isoformat(), "court": "罗湖区人民法院", "count": "3"}, follow=True)
    html = response.content.decode()
    evaluation = HearingEvaluation.objects.get()
    names = sorted(evaluation.experts.values_list("name", flat=True))
    assert len(names) == 3 and f"随机种子 {evaluation.seed}" in html
    assert all(name in html for name in names) and "专家库 5 人" in html


def test_a_follow_up_is_recorded_by_the_caller(client_for, personas, make_case, lawyers):
    case = closed(make_case, personas, lawyers)
    client_for(personas.section).post(action(case, "follow_up"), {
        "called_on": TODAY.isoformat(), "satisfaction": "satisfied", "note": "对律师服务满意"})
    follow = FollowUp.objects.get()
    assert follow.by == personas.section and follow.case == case
    assert "对律师服务满意" in client_for(personas.section).get(detail(case)).content.decode()


# --- Admin ------------------------------------------------------------------------------------------------


def test_the_administrator_configures_clocks_and_sees_cases_read_only(client_for, personas, make_case):
    case = make_case()
    client = client_for(personas.admin)
    assert client.get(reverse("admin:legalaid_clockrule_changelist")).status_code == 200
    html = client.get(reverse("admin:legalaid_case_change", args=[case.pk])).content.decode()
    assert "受援人0" in html and case.applicant_id_number not in html  # masked, never echoed
    assert 'name="status"' not in html
    for model in ("expert", "consultation", "complaint"):
        assert client.get(reverse(f"admin:legalaid_{model}_changelist")).status_code == 200

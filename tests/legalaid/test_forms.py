"""What a clerk sees on the legal-aid forms: each error once, next to its field; the applicant's and the
consultation's new fields on the page, in the list, through the API and the import."""

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from legalaid import services
from legalaid.models import Case, Consultation, FinancialStatus, MatterKind, Outcome, Source
from legalaid.models import Category as C
from tests.factories import resident_id

STORY_DAY = date(2026, 11, 30)
TODAY = max(timezone.localdate(), STORY_DAY)


def application(areas, **overrides):
    data = {
        "area": areas.street_a.pk, "source": Source.WINDOW, "received_on": TODAY.isoformat(),
        "matter_kind": MatterKind.CIVIL, "category": C.LABOUR, "applicant_name": "刘大海",
        "applicant_id_number": resident_id(birth="19900505", sequence="111"), "applicant_phone": "13800000000",
        "applicant_address": "深圳市罗湖区桂园街道人民桥社区和平路8号", "applicant_hukou": "湖南省衡阳市衡南县",
        "financial_status": FinancialStatus.BELOW_STANDARD, "monthly_income_per_person": "1380",
        "summary": "工地欠薪",
        "recipients-TOTAL_FORMS": "1", "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0", "recipients-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_each_error_of_an_invalid_application_appears_once_next_to_its_field(client_for, personas, areas,
                                                                            clock_rules):
    response = client_for(personas.section).post(reverse("legalaid:case_create"), application(
        areas, applicant_id_number="", financial_status="", category=C.CRIMINAL_DEFENCE))
    html = response.content.decode()
    for message in ("请填写申请人的身份证号码。", "请选择经济困难状况，或选择免予核查经济困难状况的情形。",
                    "“刑事辩护（第二十四条申请）”不是民事案件的援助事项。"):
        assert html.count(message) == 1, message
    assert re.search(r'id="div_id_applicant_id_number".*?请填写申请人的身份证号码。', html, re.S)
    assert re.search(r'id="div_id_category".*?不是民事案件的援助事项', html, re.S)
    # The long form's summary names the fields to correct, linking to them, without repeating their messages.
    summary = re.search(r'<div class="alert alert-danger" role="alert" id="form-errors">.*?</div>\s*</div>', html,
                        re.S).group(0)
    assert 'href="#id_applicant_id_number"' in summary and 'href="#id_financial_status"' in summary
    assert "请填写申请人的身份证号码" not in summary
    assert not Case.objects.exists()


def test_an_error_of_no_field_appears_once_at_the_top_of_the_application(client_for, personas, areas, clock_rules):
    response = client_for(personas.clerk_a).post(reverse("legalaid:case_create"), application(
        areas, received_on="2099-01-01"))
    html = response.content.decode()
    assert html.count("收到日期不能晚于今天") == 1
    assert re.search(r'id="form-errors">\s*<div>收到日期不能晚于今天', html)


def test_a_refusal_in_an_action_modal_appears_once(client_for, personas, make_case):
    case = make_case(received_on=date(2026, 3, 2))
    response = client_for(personas.section).post(
        reverse("legalaid:case_action", args=[case.pk, "grant"]), {"on": "2026-03-01", "reasons": ""},
        HTTP_HX_REQUEST="true")
    assert response.content.decode().count("决定日期不能早于2026-03-02") == 1


def test_a_missing_answer_on_the_consultation_form_appears_once(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("legalaid:consultation_create"), {
        "channel": "window", "topic": "labour", "person_times": "1", "on": TODAY.isoformat(),
        "area": areas.street_a.pk, "answer": ""})
    assert response.content.decode().count("请填写解答内容。") == 1
    assert not Consultation.objects.exists()


def test_the_application_keeps_address_hukou_and_finances_and_the_case_page_shows_them(client_for, personas,
                                                                                       areas, clock_rules):
    client = client_for(personas.section)
    response = client.post(reverse("legalaid:case_create"), application(areas), follow=True)
    case = Case.objects.get()
    assert case.applicant_hukou == "湖南省衡阳市衡南县" and case.monthly_income_per_person == Decimal("1380")
    html = response.content.decode()
    assert re.search(r'id="applicant-address">深圳市罗湖区桂园街道人民桥社区和平路8号<', html)
    assert re.search(r'id="applicant-hukou">湖南省衡阳市衡南县<', html)
    assert re.search(r'id="financial-status">家庭人均收入低于当地经济困难标准 · 家庭月人均收入 1380.00 元', html)


def test_the_close_modal_offers_only_the_outcomes_of_a_civil_case(client_for, personas, make_case, lawyers):
    case = make_case()
    services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=date(2026, 3, 3))
    services.case_assign(case=case, lawyer=lawyers["labour"], by=personas.section, on=date(2026, 3, 4))
    services.case_start(case=case, by=personas.section, on=date(2026, 3, 5))
    html = client_for(personas.section).get(reverse("legalaid:case_action", args=[case.pk, "close"]),
                                            HTTP_HX_REQUEST="true").content.decode()
    assert f'value="{Outcome.SETTLED}"' in html and f'value="{Outcome.DEFENCE_ADOPTED}"' not in html


# --- API and import -----------------------------------------------------------------------------------------


def test_the_api_takes_and_returns_the_applicants_residence_and_finances(client_for, personas, areas,
                                                                         clock_rules):
    client = client_for(personas.section)
    payload = {"area": areas.street_a.code, "source": "window", "received_on": "2026-03-02",
               "matter_kind": "civil", "category": "labour", "applicant_name": "刘大海",
               "applicant_id_number": resident_id(), "applicant_address": "桂园路1号",
               "applicant_hukou": "广东省深圳市罗湖区", "financial_status": "minimum_living",
               "recipients": [{"name": "刘大海"}]}
    response = client.post("/api/v1/legalaid/cases/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["applicant_hukou"] == "广东省深圳市罗湖区"
    assert response.json()["financial_status"] == "minimum_living"
    refused = client.post("/api/v1/legalaid/cases/", {**payload, "applicant_id_number": None,
                                                      "financial_status": ""}, content_type="application/json")
    assert refused.status_code == 400
    assert "请填写申请人的身份证号码。" in refused.content.decode()
    assert Case.objects.count() == 1


def test_the_api_records_a_consultations_caller_and_answer(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    payload = {"area": areas.street_a.code, "on": "2026-03-02", "channel": "hotline", "topic": "labour",
               "name": "李四", "phone": "13800138000", "answer": "告知可申请劳动仲裁。"}
    response = client.post("/api/v1/legalaid/consultations/", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["answer"] == "告知可申请劳动仲裁。" and response.json()["name"] == "李四"
    refused = client.post("/api/v1/legalaid/consultations/", {**payload, "answer": ""},
                          content_type="application/json")
    assert refused.status_code == 400 and Consultation.objects.count() == 1


def test_the_consultation_list_shows_the_caller_and_the_answer(client_for, personas, areas,
                                                               django_assert_max_num_queries):
    for i in range(3):
        services.consultation_record(area=areas.street_a, on=date(2026, 3, 2), channel="window", topic="labour",
                                     name=f"咨询人{i}", phone="13800138000", answer=f"解答{i}", by=personas.clerk_a)
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("legalaid:consultation_list")).content.decode()
    assert "咨询人2" in html and "解答2" in html and "13800138000" in html


def test_the_consultation_import_takes_the_caller_and_requires_the_answer(personas, areas):
    from tests.importing import run

    headers = ["日期", "街道", "咨询事项", "咨询人", "联系电话", "解答内容"]
    good = {"日期": "2026-03-02", "街道": areas.street_a.name, "咨询事项": "劳动争议", "咨询人": "王五",
            "联系电话": "13900000000", "解答内容": "告知可申请仲裁。"}
    result = run("legalaid.consultation", headers, [good, {**good, "咨询人": "王六", "解答内容": ""}], personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [(3, "解答内容")]
    assert not Consultation.objects.exists()
    run("legalaid.consultation", headers, [good], personas.clerk_a)
    consultation = Consultation.objects.get()
    assert (consultation.name, consultation.phone, consultation.answer) == ("王五", "13900000000", "告知可申请仲裁。")

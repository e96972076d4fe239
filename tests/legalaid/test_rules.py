"""The rules of issue 17's form defects, where they live (models and services): the applicant's identity and
finances, the 援助事项 and 结案结果 a 案件类别 admits, the dates a closure and an archiving need, a consultation's
answer. The page, the API and the import call these, so each refuses what is tested here."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from legalaid import services
from legalaid.forms import CaseForm, CloseForm
from legalaid.models import (
    MATTER_CATEGORIES,
    Case,
    Consultation,
    ExemptionGround,
    FinancialStatus,
    MatterKind,
    Outcome,
    Source,
)
from legalaid.models import Category as C


def test_an_application_without_the_applicants_id_number_is_refused(make_case):
    with pytest.raises(ValidationError, match="请填写申请人的身份证号码"):
        make_case(applicant_id_number=None)
    assert not Case.objects.exists()


def test_a_notice_may_come_without_the_persons_id_number(make_case):
    case = make_case(source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
                     notifying_authority="罗湖区人民法院", applicant_id_number=None, financial_status="")
    assert case.pk and case.applicant_id_number is None


def test_an_application_states_the_applicants_hardship_or_a_ground_exempting_the_check(make_case):
    with pytest.raises(ValidationError, match="请选择经济困难状况"):
        make_case(financial_status="")
    exempt = make_case(financial_status="", exemption_ground=ExemptionGround.MIGRANT_WAGES)
    assert exempt.pk


@pytest.mark.parametrize("status, extra, message", [
    (FinancialStatus.BELOW_STANDARD, {}, "请填写家庭月人均收入"),
    (FinancialStatus.OTHER, {}, "请说明经济困难的情形"),
])
def test_a_hardship_below_the_standard_names_the_income_and_another_one_is_explained(make_case, status, extra,
                                                                                     message):
    with pytest.raises(ValidationError, match=message):
        make_case(financial_status=status, **extra)


def test_the_applicants_address_hukou_and_finances_are_kept(make_case):
    case = make_case(applicant_address="深圳市罗湖区东门街道立新路3号", applicant_hukou="湖南省衡阳市衡南县",
                     financial_status=FinancialStatus.BELOW_STANDARD, monthly_income_per_person=Decimal("1450.00"),
                     financial_note="一家四口，仅申请人有收入")
    case.refresh_from_db()
    assert (case.applicant_address, case.applicant_hukou) == ("深圳市罗湖区东门街道立新路3号", "湖南省衡阳市衡南县")
    assert case.monthly_income_per_person == Decimal("1450.00")


# --- 援助事项 and 结案结果 fit the 案件类别 --------------------------------------------------------------------------


@pytest.mark.parametrize("kind, category", [
    (MatterKind.CIVIL, C.CRIMINAL_DEFENCE),
    (MatterKind.ADMINISTRATIVE, C.VICTIM_AGENCY),
    (MatterKind.CRIMINAL, C.LABOUR),
    (MatterKind.STATE_COMPENSATION, C.MAINTENANCE),
])
def test_a_category_the_matter_kind_does_not_admit_is_refused(make_case, kind, category):
    with pytest.raises(ValidationError, match="案件的援助事项"):
        make_case(matter_kind=kind, category=category)


def test_criminal_categories_belong_to_criminal_cases_only():
    criminal = set(MATTER_CATEGORIES[MatterKind.CRIMINAL])
    assert criminal == {C.CRIMINAL_DEFENCE, C.NOTIFIED_DEFENCE, C.VICTIM_AGENCY}
    for kind, categories in MATTER_CATEGORIES.items():
        if kind != MatterKind.CRIMINAL:
            assert not criminal & set(categories), kind


def test_the_case_form_tells_its_script_the_categories_of_each_matter_kind(personas):
    import json

    form = CaseForm(user=personas.section)
    offered = json.loads(form.fields["category"].widget.attrs["data-matter-categories"])
    assert offered["civil"] == [str(c) for c in MATTER_CATEGORIES[MatterKind.CIVIL]]
    assert "criminal_defence" not in offered["civil"] and "criminal_defence" in offered["criminal"]
    assert 'data-matter-categories="' in str(form["category"])


def _in_progress(make_case, personas, lawyers, **fields):
    case = make_case(**fields)
    if case.status == "received":
        services.case_decide(case=case, grant=True, reasons="", by=personas.section, on=case.received_on)
    lawyer = lawyers["junior"] if case.matter_kind == MatterKind.CRIMINAL else lawyers["labour"]
    services.case_assign(case=case, lawyer=lawyer, by=personas.section, on=case.received_on,
                         override_reason="当事人指定")
    services.case_start(case=case, by=personas.section, on=case.received_on)
    return case


def test_a_civil_case_cannot_close_with_the_defence_adopted(make_case, personas, lawyers):
    case = _in_progress(make_case, personas, lawyers)
    with pytest.raises(ValidationError, match="“辩护意见被采纳”不是"):
        services.case_close(case=case, outcome=Outcome.DEFENCE_ADOPTED, recovered_amount=Decimal("0"),
                            by=personas.section, on=date(2026, 4, 1))
    case.refresh_from_db()
    assert case.status == "in_progress"


def test_a_defence_cannot_close_as_won(make_case, personas, lawyers):
    case = _in_progress(make_case, personas, lawyers, source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL,
                        category=C.NOTIFIED_DEFENCE, notifying_authority="罗湖区人民法院")
    with pytest.raises(ValidationError, match="不是"):
        services.case_close(case=case, outcome=Outcome.WON, recovered_amount=Decimal("0"), by=personas.section,
                            on=date(2026, 4, 1))
    services.case_close(case=case, outcome=Outcome.DEFENCE_ADOPTED, recovered_amount=Decimal("0"),
                        by=personas.section, on=date(2026, 4, 1))
    assert case.outcome == Outcome.DEFENCE_ADOPTED


def test_the_close_form_offers_only_the_outcomes_of_the_case(make_case, personas):
    civil = make_case()
    offered = [value for value, _label in CloseForm(case=civil).fields["outcome"].choices if value]
    assert Outcome.DEFENCE_ADOPTED not in offered and Outcome.SETTLED in offered
    defence = make_case(source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL, category=C.NOTIFIED_DEFENCE,
                        notifying_authority="罗湖区人民法院")
    offered = [value for value, _label in CloseForm(case=defence).fields["outcome"].choices if value]
    assert offered == [Outcome.DEFENCE_ADOPTED, Outcome.DEFENCE_NOT_ADOPTED, Outcome.OTHER]


# --- Dates: not closed nor archived on the day the case arrives ---------------------------------------------------


def test_a_case_is_not_closed_on_the_day_it_arrives(make_case, personas, lawyers):
    """A notice may be accepted, assigned and started the day it arrives; the lawyer's work cannot end then."""
    case = _in_progress(make_case, personas, lawyers, source=Source.NOTICE_DEFENCE, matter_kind=MatterKind.CRIMINAL,
                        category=C.NOTIFIED_DEFENCE, notifying_authority="罗湖区人民法院")
    with pytest.raises(ValidationError, match="结案日期须晚于收到日期（2026-03-02）"):
        services.case_close(case=case, outcome=Outcome.DEFENCE_ADOPTED, recovered_amount=Decimal("0"),
                            by=personas.section, on=case.received_on)
    case.refresh_from_db()
    assert case.status == "in_progress" and case.closed_on is None


def test_a_case_is_archived_after_the_day_it_was_closed(make_case, personas, lawyers):
    case = _in_progress(make_case, personas, lawyers)
    services.case_close(case=case, outcome=Outcome.SETTLED, recovered_amount=Decimal("0"), by=personas.section,
                        on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="归档日期须晚于结案日期（2026-03-03）"):
        services.case_archive(case=case, by=personas.section, on=date(2026, 3, 3))
    with pytest.raises(ValidationError, match="归档日期不能早于"):
        services.case_archive(case=case, by=personas.section, on=date(2026, 3, 2))
    services.case_archive(case=case, by=personas.section, on=date(2026, 3, 4))
    assert case.status == "archived"


# --- Consultations ----------------------------------------------------------------------------------------------


def test_a_consultation_keeps_who_asked_and_the_answer_given(personas, areas):
    consultation = services.consultation_record(
        area=areas.street_a, on=date(2026, 3, 2), channel="hotline", topic="labour", name="李四",
        phone="13800138000", answer="告知可向劳动人事争议仲裁委员会申请仲裁，时效一年。", by=personas.clerk_a)
    consultation.refresh_from_db()
    assert (consultation.name, consultation.phone) == ("李四", "13800138000")
    assert consultation.answer.startswith("告知可向劳动人事争议仲裁委员会")


def test_a_consultation_without_the_answer_is_refused(personas, areas):
    with pytest.raises(ValidationError, match="请填写解答内容"):
        services.consultation_record(area=areas.street_a, on=date(2026, 3, 2), channel="window", topic="labour",
                                     answer="  ", by=personas.clerk_a)
    assert not Consultation.objects.exists()

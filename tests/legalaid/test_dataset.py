"""The city dataset's legal aid (legalaid/dataset.py): every applicant lives in the case's street and has the
户籍 of their ID number's region; an application the means test applies to states the hardship found as the
model's rules ask (法律援助法 第四十一条), a notice or an exempted application none; the same seed, the same people."""

import re

import pytest
from django.core.management import call_command
from django.db import transaction

from legalaid.models import Case, FinancialStatus

ARGS = ["--scale", "0.02", "--districts", "440303", "--seed", "7"]
# The provinces of the region codes the generator gives (legalaid.demo.texts.MIGRANT_REGIONS and Shenzhen's).
PROVINCES = {"36": "江西省", "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
             "51": "四川省"}
FIELDS = ["number", "applicant_address", "applicant_hukou", "financial_status", "monthly_income_per_person",
          "financial_note"]


class Rollback(Exception):
    pass


def generate():
    call_command("generate_dataset", *ARGS, stdout=open("/dev/null", "w"))
    return list(Case.objects.order_by("number").values_list(*FIELDS))


@pytest.mark.django_db
def test_every_applicant_has_an_address_a_hukou_and_where_checked_a_hardship():
    try:
        with transaction.atomic():
            first = generate()
            raise Rollback
    except Rollback:
        pass
    assert generate() == first

    cases = list(Case.objects.select_related("area"))
    tested = [case for case in cases if not case.is_notice and not case.exemption_ground]
    assert cases and tested
    for case in cases:
        assert case.applicant_address.startswith(f"深圳市罗湖区{case.area.name}")
        assert case.applicant_address.endswith("室")
        assert case.applicant_hukou.startswith(PROVINCES[str(case.applicant_id_number)[:2]])
        case.clean()  # the form's and the import's rules: a refused field would raise ValidationError
    for case in cases:
        if case not in tested:
            assert (case.financial_status, case.monthly_income_per_person, case.financial_note) == ("", None, "")
    found = {case.financial_status for case in tested}
    assert "" not in found and FinancialStatus.BELOW_STANDARD in found and len(found) >= 2
    for case in tested:
        needs_income = case.financial_status in (FinancialStatus.BELOW_STANDARD, FinancialStatus.LOW_INCOME)
        assert (case.monthly_income_per_person is not None) == needs_income
        assert bool(case.financial_note) == (case.financial_status == FinancialStatus.OTHER)


@pytest.mark.django_db
def test_every_consultation_says_who_asked_and_the_answer_given():
    """Each consultation carries the answer given (what the page, the API and the import require) and, unless the
    caller stayed anonymous (more often on the line or online than at the window), a name and a mobile number."""
    from legalaid.demo.texts import CONSULTATION_ANSWERS
    from legalaid.models import Consultation
    from legalaid.services import consultation_check

    generate()
    consultations = list(Consultation.objects.all())
    assert len(consultations) > 50
    for consultation in consultations:
        assert consultation.answer in CONSULTATION_ANSWERS[consultation.topic]
        consultation.full_clean()
        consultation_check(consultation)
        assert bool(consultation.name) == bool(consultation.phone)
        if consultation.phone:
            assert re.fullmatch(r"1[3589]\d{9}", consultation.phone)
            assert 2 <= len(consultation.name) <= 3
    named = {window: [bool(c.name) for c in consultations if (c.channel == "window") == window]
             for window in (True, False)}
    assert not all(named[True]) and any(named[False])  # at the window some stay anonymous; on the line some give names
    assert sum(named[True]) / len(named[True]) > sum(named[False]) / len(named[False])

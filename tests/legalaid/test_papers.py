"""Legal aid's papers (bureau.papers, legalaid/papers.py): numbered per district and year, kept as issued (bytes
and hash) whatever the case does next, downloadable only where the case is visible, the full ID number only on
a decision (an audited reveal), and an administrator's replacement template used while it is active."""

import hashlib
from datetime import date, datetime, time
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, transaction
from django.urls import reverse
from django.utils import timezone

from bureau.audit import REVEALED
from bureau.models import Area, AuditEvent, IssuedPaper, PaperTemplate
from bureau.papers import paper_issue
from legalaid import services
from tests.factories import AreaFactory
from tests.paperwork import docx_with, text_of

# The cases are received on 2026-03-02: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 3, 10)


def granted(make_case, personas, **fields):
    case = make_case(**fields)
    services.case_decide(case=case, grant=True, reasons="追索劳动报酬，符合条件。", by=personas.section)
    return case


def test_decisions_are_numbered_per_district_and_year(make_case, personas, areas, time_machine):
    year = timezone.localdate().year
    first, second = granted(make_case, personas), granted(make_case, personas, area=areas.street_b)
    numbers = [paper_issue(record=case, code="legalaid.grant_decision", by=personas.section).number
               for case in (first, second)]
    assert numbers == [f"罗法援决〔{year}〕0001号", f"罗法援决〔{year}〕0002号"]

    guangming = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    elsewhere = granted(make_case, personas, area=guangming, by=personas.admin)
    assert paper_issue(record=elsewhere, code="legalaid.grant_decision", by=personas.admin).number == (
        f"光法援决〔{year}〕0001号")

    # The assignment notices run their own series; the next year starts again at 1.
    time_machine.move_to(datetime.combine(date(year + 1, 1, 6), time(10), tzinfo=ZoneInfo("Asia/Shanghai")))
    again = paper_issue(record=first, code="legalaid.grant_decision", by=personas.section)
    assert again.number == f"罗法援决〔{year + 1}〕0001号" and again.version == 2


def test_the_issued_file_stays_as_issued_when_the_case_changes(make_case, personas, client_for):
    case = make_case(applicant_name="王小明")
    receipt = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    stored = receipt.file.read()
    assert receipt.sha256 == hashlib.sha256(stored).hexdigest() and "王小明" in text_of(stored)
    assert receipt.number == "" and receipt.version == 1

    type(case).objects.filter(pk=case.pk).update(applicant_name="王大明")
    response = client_for(personas.section).get(reverse("bureau:paper_download", args=[receipt.pk]))
    downloaded = b"".join(response.streaming_content)
    assert downloaded == stored and hashlib.sha256(downloaded).hexdigest() == receipt.sha256
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote(f"受理回执_{case.number}.docx"))

    second = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    assert second.version == 2 and "王大明" in text_of(second.file.read())
    with pytest.raises(ProgrammingError, match="Cannot update"), transaction.atomic():
        IssuedPaper.objects.filter(pk=receipt.pk).update(sha256="0" * 64)
    with pytest.raises(ProgrammingError, match="Cannot update or delete"), transaction.atomic():
        IssuedPaper.objects.filter(pk=receipt.pk).delete()
    assert IssuedPaper.objects.get(pk=receipt.pk).sha256 == hashlib.sha256(stored).hexdigest()


def test_a_paper_is_404_outside_the_records_jurisdiction(make_case, personas, client_for):
    case = make_case()  # street A
    receipt = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    download = reverse("bureau:paper_download", args=[receipt.pk])
    card = reverse("bureau:paper_card", args=["legalaid", "case", case.pk])
    issue = reverse("bureau:paper_issue", args=["legalaid", "case", case.pk, "legalaid.acceptance_receipt"])
    for outsider in (personas.clerk_b, personas.other_leader):
        client = client_for(outsider)
        assert client.get(download).status_code == 404
        assert client.get(card).status_code == 404
        assert client.post(issue).status_code == 404
    assert IssuedPaper.objects.count() == 1
    assert client_for(personas.clerk_a).get(download).status_code == 200


def test_the_card_offers_what_may_be_issued_and_lists_what_was(make_case, personas, client_for,
                                                                django_assert_max_num_queries):
    case = granted(make_case, personas)
    card = reverse("bureau:paper_card", args=["legalaid", "case", case.pk])
    client = client_for(personas.section)
    response = client.post(reverse("bureau:paper_issue", args=["legalaid", "case", case.pk,
                                                                "legalaid.grant_decision"]), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "给予法律援助决定书" in page and f"罗法援决〔{timezone.localdate().year}〕0001号" in page
    assert "出具受理回执" in page and "出具不予法律援助决定书" not in page and "出具指派通知书" not in page
    for _ in range(3):
        paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    with django_assert_max_num_queries(12):
        assert client.get(card).content.decode().count("/download/") == 4
    # Leadership reads the papers but issues none.
    leader_card = client_for(personas.leader).get(card).content.decode()
    assert "给予法律援助决定书" in leader_card and "出具" not in leader_card


def test_issuing_is_refused_to_readers_and_before_the_paper_applies(make_case, personas):
    case = make_case()
    with pytest.raises(ValidationError, match="没有出具"):
        paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.leader)
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=case, code="legalaid.grant_decision", by=personas.section)
    assert not IssuedPaper.objects.exists()


def test_a_decision_names_the_full_id_number_and_audits_the_reveal(make_case, personas):
    case = granted(make_case, personas)
    number = str(case.applicant_id_number)
    receipt = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    receipt_text = text_of(receipt.file.read())
    assert number not in receipt_text and case.applicant_id_number.masked in receipt_text
    decision = paper_issue(record=case, code="legalaid.grant_decision", by=personas.section)
    assert number in text_of(decision.file.read())
    assert AuditEvent.objects.filter(pgh_obj_model="legalaid.Case", pgh_obj_id=str(case.pk),
                                     pgh_label=REVEALED).count() == 1


def test_an_administrators_template_replaces_the_built_in_one(make_case, personas):
    override = PaperTemplate(code="legalaid.acceptance_receipt",
                             file=docx_with("本所自定义回执", "{{ case_number }} {{ applicant_name }} {{ issued_on }}"))
    override.full_clean()
    override.save()
    case = make_case(applicant_name="赵六")
    receipt = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    text = text_of(receipt.file.read())
    assert "本所自定义回执" in text and case.number in text and "赵六" in text
    assert receipt.template == override

    PaperTemplate.objects.filter(pk=override.pk).update(active=False)
    built_in = paper_issue(record=case, code="legalaid.acceptance_receipt", by=personas.section)
    assert built_in.template is None and "本所自定义回执" not in text_of(built_in.file.read())
    assert "本所自定义回执" in text_of(IssuedPaper.objects.get(pk=receipt.pk).file.read())  # kept as issued

"""Mediation's papers (mediation/papers.py): the agreement (人民调解协议书) states the parties, the facts and the
agreed content, is issued by the case's committee, names the parties by full ID number (each an audited reveal),
exists only for a written agreement, and is 404 outside the case's street; the acceptance record prints masked
ID numbers."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from bureau.audit import REVEALED
from bureau.models import AuditEvent, IssuedPaper
from bureau.papers import paper_issue
from mediation import services
from mediation.models import AgreementForm, Outcome

# The cases are accepted on fixed days of 2026: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)
AGREED = "李小红于2026年7月31日前一次性向王大伟支付维修费8000元，以银行转账方式履行。"


def text_of(paper):
    document = Document(BytesIO(paper.file.read()))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def concluded(make_case, by, *, written=True):
    accepted = timezone.localdate() - timedelta(days=20)
    case = make_case(accepted_on=accepted, by=by)
    services.case_start(case=case, by=by, on=accepted)
    signed = timezone.localdate() - timedelta(days=5)
    return services.case_conclude(case=case, outcome=Outcome.SUCCESS, by=by, on=signed,
                                  agreement_form=AgreementForm.WRITTEN if written else AgreementForm.ORAL,
                                  agreement_signed_on=signed if written else None, agreement_content=AGREED)


def test_the_agreement_states_parties_facts_and_content_under_the_committee(make_case, personas, world):
    case = concluded(make_case, personas.clerk_a)
    parties = list(case.parties.all())
    paper = paper_issue(record=case, code="mediation.agreement", by=personas.clerk_a)
    text = text_of(paper)
    assert paper.number == "" and paper.label == "人民调解协议书"
    assert text.startswith("桂园街道人民调解委员会\n人民调解协议书")
    assert f"（{case.number}）" in text and AGREED in text and "楼上漏水损坏楼下装修" in text
    for party in parties:
        assert f"当事人：{party.name}（自然人），身份证号码：{party.id_number}" in text
    assert "本协议一式3份" in text and "人民调解员签名：陈调解" in text
    assert "{{" not in text and "{%" not in text
    assert AuditEvent.objects.filter(pgh_obj_model="mediation.Party", pgh_label=REVEALED).count() == len(parties)


def test_the_acceptance_record_masks_id_numbers(make_case, personas):
    case = make_case()
    text = text_of(paper_issue(record=case, code="mediation.acceptance_record", by=personas.clerk_a))
    for party in case.parties.all():
        assert party.name in text and party.id_number.masked in text and str(party.id_number) not in text
    assert case.number in text and "陈调解" in text
    assert not AuditEvent.objects.filter(pgh_label=REVEALED).exists()


@pytest.mark.parametrize("written", [False, None])
def test_no_agreement_paper_without_a_written_agreement(make_case, personas, client_for, written):
    case = make_case() if written is None else concluded(make_case, personas.clerk_a, written=written)
    with pytest.raises(ValidationError, match="“人民调解协议书”现在还不能出具。"):
        paper_issue(record=case, code="mediation.agreement", by=personas.clerk_a)
    card = client_for(personas.clerk_a).get(reverse("bureau:paper_card", args=["mediation", "case", case.pk]))
    page = card.content.decode()
    assert "出具人民调解受理登记" in page and "出具人民调解协议书" not in page
    assert not IssuedPaper.objects.exists()


def test_papers_are_404_outside_the_cases_street(make_case, personas, client_for):
    case = concluded(make_case, personas.clerk_a)
    paper = paper_issue(record=case, code="mediation.agreement", by=personas.clerk_a)
    download = reverse("bureau:paper_download", args=[paper.pk])
    issue = reverse("bureau:paper_issue", args=["mediation", "case", case.pk, "mediation.agreement"])
    for outsider in (personas.clerk_b, personas.other_leader):
        client = client_for(outsider)
        assert client.get(download).status_code == 404
        assert client.post(issue).status_code == 404
    assert IssuedPaper.objects.count() == 1
    response = client_for(personas.clerk_a).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == paper.file.open("rb").read()


def test_the_case_page_carries_the_card(make_case, personas, client_for):
    case = make_case()
    page = client_for(personas.clerk_a).get(case.get_absolute_url()).content.decode()
    assert reverse("bureau:paper_card", args=["mediation", "case", case.pk]) in page

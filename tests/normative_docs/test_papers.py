"""法治政府 papers (normative_docs/papers.py): the 合法性审查意见书 answers a document's latest concluded round
(returned with its opinions, or passed), numbered 法审 per district and year; the 执法案卷评查整改通知书 names
the unit, the file, the problems and the deadline; neither exists before its record applies, and both are 404
outside the record's district or unit."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx

from bureau.models import IssuedPaper
from bureau.papers import paper_issue
from normative_docs import rol_services, services
from normative_docs.models import Document, FileReview, ReviewedFile

from .conftest import ALL_MATERIALS

# The fixed dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)
OPINIONS = "第五条设定的罚款缺乏上位法依据，请删除或者补充依据。"
PROBLEMS = "未告知当事人陈述、申辩权利；送达回证缺失。"


def text_of(paper):
    return "\n".join(paragraph.text for paragraph in Docx(BytesIO(paper.file.read())).paragraphs)


def submit(law, **fields):
    values = {"unit": law.unit_a, "kind": "normative", "title": "罗湖区住房租赁资金监管办法",
              "materials": ALL_MATERIALS, "submitted_on": date(2026, 3, 2)}
    values.update(fields)
    return services.document_submit(document=Document(**values), by=law.drafter_a)


def reviewed_file(law, areas, *, problems=PROBLEMS):
    campaign = rol_services.file_review_start(review=FileReview(area=areas.district, title="2026年上半年案卷评查",
                                                                started_on=date(2026, 4, 1)), by=law.section)
    return rol_services.reviewed_file_record(file=ReviewedFile(
        review=campaign, unit=law.unit_a, file_number="罗住建罚〔2026〕15号", case_title="某公司违规出租案",
        score=Decimal("55"), reviewed_on=date(2026, 4, 10), problems=problems,
        rectify_by=date(2026, 5, 10) if problems else None), by=law.section)


def test_the_opinion_answers_the_latest_round_and_is_numbered(law):
    year = timezone.localdate().year
    document = submit(law)
    services.document_review(document=document, on=date(2026, 3, 9), passed=False, opinions=OPINIONS,
                             by=law.section)
    returned = paper_issue(record=document, code="normative_docs.review_opinion", by=law.section)
    text = text_of(returned)
    assert returned.number == f"罗法审〔{year}〕0001号"
    assert text.startswith(f"罗湖区司法局\n合法性审查意见书\n罗法审〔{year}〕0001号\n罗湖区住房和建设局：")
    assert "《罗湖区住房租赁资金监管办法》（行政规范性文件，第1轮）" in text and OPINIONS in text
    assert "退回修改" in text and "请根据上述意见修改后重新报送审查。" in text and "审查通过，可按程序" not in text

    services.document_resubmit(document=document, on=date(2026, 3, 16), by=law.drafter_a)
    services.document_review(document=document, on=date(2026, 3, 20), passed=True, opinions="", by=law.section)
    passed = paper_issue(record=document, code="normative_docs.review_opinion", by=law.section)
    text = text_of(passed)
    assert passed.number == f"罗法审〔{year}〕0002号" and passed.version == 2
    assert "第2轮" in text and "该文件审查通过" in text and OPINIONS not in text and "退回修改" not in text
    assert OPINIONS in text_of(IssuedPaper.objects.get(pk=returned.pk))  # the first stays as issued


def test_no_opinion_before_a_round_is_concluded(law, client_for):
    document = submit(law)
    with pytest.raises(ValidationError, match="“合法性审查意见书”现在还不能出具。"):
        paper_issue(record=document, code="normative_docs.review_opinion", by=law.section)
    card = client_for(law.section).get(reverse("bureau:paper_card", args=["normative_docs", "document", document.pk]))
    assert card.status_code == 200 and "出具合法性审查意见书" not in card.content.decode()
    assert not IssuedPaper.objects.exists()


def test_the_opinion_is_404_outside_the_district_and_the_unit(law, client_for):
    document = submit(law)
    services.document_review(document=document, on=date(2026, 3, 9), passed=False, opinions=OPINIONS,
                             by=law.section)
    paper = paper_issue(record=document, code="normative_docs.review_opinion", by=law.section)
    download = reverse("bureau:paper_download", args=[paper.pk])
    card = reverse("bureau:paper_card", args=["normative_docs", "document", document.pk])
    for outsider in (law.other_section, law.drafter_b):
        assert client_for(outsider).get(download).status_code == 404
        assert client_for(outsider).get(card).status_code == 404
    assert client_for(law.drafter_a).get(download).status_code == 200  # the drafting unit reads its opinion
    page = client_for(law.section).get(document.get_absolute_url()).content.decode()
    assert card in page


def test_the_rectification_notice_names_the_file_problems_and_deadline(law, areas, client_for):
    file = reviewed_file(law, areas)
    notice = paper_issue(record=file, code="normative_docs.rectification_notice", by=law.section)
    text = text_of(notice)
    assert notice.number == "" and notice.area == areas.district
    assert text.startswith("罗湖区司法局\n执法案卷评查整改通知书\n\n罗湖区住房和建设局：")
    assert "《某公司违规出租案》（案卷编号：罗住建罚〔2026〕15号）" in text
    assert "评查得分55.0分，评查结果为不合格" in text
    assert PROBLEMS in text and "于2026年5月10日前完成整改" in text

    download = reverse("bureau:paper_download", args=[notice.pk])
    assert client_for(law.other_section).get(download).status_code == 404
    assert client_for(law.section).get(download).status_code == 200
    page = client_for(law.section).get(file.review.get_absolute_url()).content.decode()
    assert reverse("bureau:paper_card", args=["normative_docs", "reviewedfile", file.pk]) in page


def test_no_rectification_notice_for_a_file_without_problems(law, areas, client_for):
    file = reviewed_file(law, areas, problems="")
    with pytest.raises(ValidationError, match="“执法案卷评查整改通知书”现在还不能出具。"):
        paper_issue(record=file, code="normative_docs.rectification_notice", by=law.section)
    page = client_for(law.section).get(file.review.get_absolute_url()).content.decode()
    assert reverse("bureau:paper_card", args=["normative_docs", "reviewedfile", file.pk]) not in page
    assert not IssuedPaper.objects.exists()


def test_a_drafting_unit_does_not_issue_the_bureaus_opinion(law, client_for):
    """The unit asks for the review; the opinion is the 法制科's (Paper.may_issue): refused in the service, and
    the unit's card offers no button for it while showing the opinion once the section issued it."""
    document = submit(law)
    services.document_review(document=document, on=date(2026, 3, 9), passed=False, opinions=OPINIONS,
                             by=law.section)
    with pytest.raises(ValidationError, match="没有出具"):
        paper_issue(record=document, code="normative_docs.review_opinion", by=law.drafter_a)
    card_url = reverse("bureau:paper_card", args=["normative_docs", "document", document.pk])
    issue_url = reverse("bureau:paper_issue", args=["normative_docs", "document", document.pk,
                                                    "normative_docs.review_opinion"])
    assert issue_url not in client_for(law.drafter_a).get(card_url).content.decode()
    assert issue_url in client_for(law.section).get(card_url).content.decode()
    issued = paper_issue(record=document, code="normative_docs.review_opinion", by=law.section)
    assert issued.number in client_for(law.drafter_a).get(card_url).content.decode()

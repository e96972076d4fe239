"""Community corrections' papers (bureau.papers, corrections/papers.py): the registration form and the
announcement once the person has reported, the release announcement once released; the street clerk issues and
downloads them, the other street's clerk gets a 404; only the registration form states the full ID number."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from bureau.audit import REVEALED
from bureau.models import AuditEvent, IssuedPaper
from bureau.papers import paper_issue
from corrections import services

# The people are registered on 2026-01-05 and report on 2026-01-10: a run on an earlier day tells it then.
STORY_DAY = date(2026, 1, 20)


def text_of(paper):
    return "\n".join(paragraph.text for paragraph in Document(BytesIO(paper.file.read())).paragraphs)


def test_the_announcement_and_the_registration_once_the_person_has_reported(make_supervisee, personas):
    waiting = make_supervisee(reported_on=None)
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=waiting, code="corrections.announcement", by=personas.clerk_a)

    person = make_supervisee(name="张建国", crime="盗窃罪")
    announcement = text_of(paper_issue(record=person, code="corrections.announcement", by=personas.clerk_a))
    assert "社区矫正对象张建国" in announcement and "盗窃罪" in announcement and "2026年1月5日" in announcement
    assert str(person.id_number) not in announcement and person.id_number.masked in announcement
    assert not AuditEvent.objects.filter(pgh_label=REVEALED).exists()

    registration = text_of(paper_issue(record=person, code="corrections.report_registration", by=personas.clerk_a))
    assert str(person.id_number) in registration and "报到日期：2026年1月10日" in registration
    assert AuditEvent.objects.filter(pgh_label=REVEALED, pgh_obj_id=str(person.pk)).count() == 1


def test_the_release_announcement_after_release(make_supervisee, personas):
    person = make_supervisee(term_end=date(2026, 1, 15))
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=person, code="corrections.release_announcement", by=personas.clerk_a)
    services.supervisee_release(supervisee=person, on=date(2026, 1, 15), certificate_on=date(2026, 1, 15),
                                by=personas.clerk_a)
    paper = paper_issue(record=person, code="corrections.release_announcement", by=personas.clerk_a)
    assert "现宣告解除社区矫正" in text_of(paper) and paper.number == ""


def test_the_supervisees_papers_card_and_downloads_stay_in_the_street(make_supervisee, personas, client_for):
    person = make_supervisee()
    page = client_for(personas.clerk_a).get(reverse("corrections:supervisee_detail", args=[person.pk]))
    assert 'hx-get="/papers/corrections/supervisee/%d/"' % person.pk in page.content.decode()
    client = client_for(personas.clerk_a)
    card = client.post(reverse("bureau:paper_issue", args=["corrections", "supervisee", person.pk,
                                                            "corrections.announcement"]), HTTP_HX_REQUEST="true")
    assert "社区矫正宣告书" in card.content.decode() and "出具社区矫正对象报到登记表" in card.content.decode()
    paper = IssuedPaper.objects.get()
    download = reverse("bureau:paper_download", args=[paper.pk])
    assert client.get(download).status_code == 200
    other = client_for(personas.clerk_b)
    assert other.get(download).status_code == 404
    assert other.get(reverse("bureau:paper_card", args=["corrections", "supervisee", person.pk])).status_code == 404


def test_a_warning_decision_states_the_review_meetings_facts(make_supervisee, personas, areas):
    person = make_supervisee(name="李警示")
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=person, code="corrections.warning_decision", by=personas.clerk_a)
    services.review_meeting_record(held_on=date(2026, 1, 15), area=areas.street_a, by=personas.clerk_a,
                                   decisions=[(person, "warning", "未经批准擅自离开居住的市县三日。")])
    text = text_of(paper_issue(record=person, code="corrections.warning_decision", by=personas.clerk_a))
    assert "社区矫正对象李警示" in text and "未经批准擅自离开居住的市县三日。" in text
    assert "2026年1月15日召开的奖惩评审会议" in text and "决定给予警告" in text
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=person, code="corrections.reprimand_decision", by=personas.clerk_a)

"""The talk record (corrections.talk_record): one paper per talk, issued by the street clerk who may record the
talk, carrying the person's name, masked ID number, the day, the way, who talked and what was said; the other
street's clerk gets a 404 for the card, the issue and the download."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bureau.models import IssuedPaper
from bureau.papers import paper_issue
from corrections import services
from corrections.models import SupervisionEvent
from tests.paperwork import text_of

# The person reports on 2026-01-10 and is talked to on 2026-01-15: a run on an earlier day tells it then.
STORY_DAY = date(2026, 1, 20)
SUMMARY = "了解其近期务工和家庭情况，重申外出须经批准。"


@pytest.fixture
def talk(make_supervisee, personas):
    person = make_supervisee(name="王谈话")
    return services.event_record(supervisee=person, kind=SupervisionEvent.Kind.TALK, on=date(2026, 1, 15),
                                 method=SupervisionEvent.Method.IN_PERSON, summary=SUMMARY, by=personas.clerk_a)


def issue_url(record):
    return reverse("bureau:paper_issue", args=["corrections", "supervisionevent", record.pk,
                                               "corrections.talk_record"])


def test_a_clerk_issues_the_talk_record_and_downloads_what_the_talk_holds(talk, personas, client_for):
    client = client_for(personas.clerk_a)
    card = client.post(issue_url(talk), HTTP_HX_REQUEST="true").content.decode()
    assert "社区矫正对象谈话记录" in card and "第1版" in card
    paper = IssuedPaper.objects.get(code="corrections.talk_record")
    assert paper.number == "" and paper.issued_by == personas.clerk_a

    download = client.get(reverse("bureau:paper_download", args=[paper.pk]))
    assert download.status_code == 200
    text = text_of(b"".join(download.streaming_content))
    person = talk.supervisee
    assert "谈话对象：王谈话" in text and f"谈话内容：{SUMMARY}" in text
    assert "谈话时间：2026年1月15日；谈话方式：当面；谈话单位：桂园司法所" in text
    assert f"谈话人：{personas.clerk_a.name}" in text and "罗湖区司法局桂园司法所（印章）" in text
    assert person.id_number.masked in text and str(person.id_number) not in text


def test_one_paper_per_talk_and_none_for_another_kind_of_record(talk, personas):
    other = services.event_record(supervisee=talk.supervisee, kind=SupervisionEvent.Kind.TALK, on=date(2026, 1, 16),
                                  summary="电话询问近况。", method=SupervisionEvent.Method.PHONE, by=personas.clerk_a)
    first = text_of(paper_issue(record=talk, code="corrections.talk_record", by=personas.clerk_a).file.read())
    second = text_of(paper_issue(record=other, code="corrections.talk_record", by=personas.clerk_a).file.read())
    assert SUMMARY in first and "电话询问近况。" not in first
    assert "电话询问近况。" in second and "谈话方式：电话" in second and SUMMARY not in second
    check = services.event_record(supervisee=talk.supervisee, kind=SupervisionEvent.Kind.INFO_CHECK,
                                  on=date(2026, 1, 16), by=personas.clerk_a)
    with pytest.raises(ValidationError, match="现在还不能出具"):
        paper_issue(record=check, code="corrections.talk_record", by=personas.clerk_a)


def test_the_talk_offers_its_card_on_the_persons_page_and_not_to_the_other_street(talk, personas, client_for):
    page = client_for(personas.clerk_a).get(reverse("corrections:supervisee_detail", args=[talk.supervisee.pk]))
    card_url = reverse("bureau:paper_card", args=["corrections", "supervisionevent", talk.pk])
    assert f'hx-get="{card_url}"' in page.content.decode()
    card = client_for(personas.clerk_a).get(card_url).content.decode()
    assert "出具社区矫正对象谈话记录" in card

    other = client_for(personas.clerk_b)
    assert other.get(card_url).status_code == 404
    assert other.post(issue_url(talk), HTTP_HX_REQUEST="true").status_code == 404
    assert not IssuedPaper.objects.exists()
    paper = paper_issue(record=talk, code="corrections.talk_record", by=personas.clerk_a)
    assert other.get(reverse("bureau:paper_download", args=[paper.pk])).status_code == 404
    with pytest.raises(ValidationError):
        paper_issue(record=talk, code="corrections.talk_record", by=personas.clerk_b)

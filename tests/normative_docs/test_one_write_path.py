"""One write path: a normative document registered as already issued, alone (document_register_issued) or in a
file (normative_docs.ledgers.documents_register_issued, the import), goes through the same function: the same row,
filing to-do and refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bureau.models import Reminder
from normative_docs import ledgers, services
from normative_docs.models import Document, Status
from normative_docs.reminders import FILING_DUE

STORY_DAY = date(2026, 6, 30)


def _document(law, title, number, issued_on=date(2026, 3, 2)):
    """As the import builds a row's document: its state given (document_register_issued takes it as `status`)."""
    return Document(unit=law.unit_a, title=title, number=number, issued_on=issued_on, status=Status.ISSUED)


def test_a_document_alone_or_in_a_file_gets_the_same_row_and_filing_todo(law):
    alone = services.document_register_issued(document=_document(law, "办法甲", "深罗规〔2026〕3号"), by=law.section)
    [filed] = ledgers.documents_register_issued(documents=[_document(law, "办法乙", "深罗规〔2026〕4号")],
                                                by=law.section)
    fields = ["status", "kind", "area_id", "valid_until", "filing_due_on", "submitted_by_id", "reviewed_on",
              "closed_on"]
    rows = {d.title: [getattr(d, f) for f in fields] for d in Document.objects.filter(pk__in=[alone.pk, filed.pk])}
    assert rows["办法甲"] == rows["办法乙"]
    assert rows["办法甲"][:2] == [Status.ISSUED, "normative"] and rows["办法甲"][5] == law.section.pk
    todos = [Reminder.objects.for_object(d).filter(kind=FILING_DUE).values_list("state", "due_on", "area").get()
             for d in (alone, filed)]
    assert todos[0] == todos[1] == (Reminder.State.OPEN, alone.filing_due_on, todos[0][2])


def test_a_taken_number_is_refused_alone_as_in_a_file_naming_the_document_that_holds_it(law):
    services.document_register_issued(document=_document(law, "已登记的办法", "深罗规〔2026〕7号"), by=law.section)
    with pytest.raises(ValidationError) as alone:
        services.document_register_issued(document=_document(law, "重号文件", "深罗规〔2026〕7号"), by=law.section)
    [refusal] = ledgers.documents_refusals([_document(law, "重号文件", "深罗规〔2026〕7号")], law.section)
    assert alone.value.message_dict == refusal.message_dict == {
        "number": ["文号深罗规〔2026〕7号已被《已登记的办法》使用，同一发文机关同一年度的文号不能重复。"]}
    with pytest.raises(ValidationError) as ended:  # an end without its day, alone as in the file
        services.document_register_issued(document=_document(law, "废止文件", "深罗规〔2026〕8号"), by=law.section,
                                          status=Status.REPEALED)
    assert list(ended.value.message_dict) == ["closed_on"]
    assert list(Document.objects.values_list("title", flat=True)) == ["已登记的办法"]


def test_an_officer_alone_or_in_a_file_gets_the_same_expiry_todo_and_refusals(law):
    from datetime import timedelta

    from django.utils import timezone

    from normative_docs import rol_services
    from normative_docs.models import EnforcementOfficer
    from normative_docs.rol_reminders import CERTIFICATE_EXPIRY

    soon = timezone.localdate() + timedelta(days=30)  # within the 60 days' window: a to-do at once

    def new(number):
        return EnforcementOfficer(unit=law.unit_a, name="赵执法", certificate_number=number, valid_until=soon)

    alone = rol_services.officer_register(officer=new(" a440303001 "), by=law.section)
    [filed] = ledgers.officers_register(officers=[new("a440303002")], by=law.section)
    assert (alone.certificate_number, filed.certificate_number) == ("A440303001", "A440303002")
    todos = [Reminder.objects.for_object(o).filter(kind=CERTIFICATE_EXPIRY).values_list("state", "due_on").get()
             for o in (alone, filed)]
    assert todos == [(Reminder.State.OPEN, soon)] * 2
    with pytest.raises(ValidationError) as taken:
        rol_services.officer_register(officer=new("A440303002"), by=law.section)
    [refusal] = ledgers.officers_refusals([new("A440303002")], law.section)
    assert taken.value.message_dict == refusal.message_dict == {"certificate_number": ["执法证号A440303002已登记。"]}
    alone.name = "赵执法（换证）"  # registered again: their own number is theirs
    rol_services.officer_register(officer=alone, by=law.section)
    assert EnforcementOfficer.objects.filter(certificate_number="A440303001").values_list("name", flat=True).get() \
        == "赵执法（换证）"
    assert EnforcementOfficer.objects.count() == 2


def test_a_decision_catalogued_alone_is_refused_again_alone_as_in_a_file(law):
    from django.utils import timezone

    from normative_docs import rol_services
    from normative_docs.models import MajorDecision

    today = timezone.localdate()

    def decision():
        return MajorDecision(unit=law.unit_a, title=" 旧城改造补偿方案 ", year=today.year, catalogued_on=today)

    alone = rol_services.major_decision_catalogue(decision=decision(), by=law.section)
    assert (alone.title, alone.area, alone.created_by) == ("旧城改造补偿方案", law.unit_a.area, law.section)
    with pytest.raises(ValidationError) as again:
        rol_services.major_decision_catalogue(decision=decision(), by=law.section)
    [refusal] = ledgers.major_decisions_refusals([decision()], law.section)
    assert again.value.message_dict == refusal.message_dict == {
        "title": [f"{today.year}年度目录已有“旧城改造补偿方案”。"]}
    assert MajorDecision.objects.count() == 1

"""One write path: a normative document registered as already issued, alone (document_register_issued) or in a
file (normative_docs.ledgers.documents_register_issued, the import), goes through the same function: the same row,
filing to-do and refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bureau.models import Reminder
from normative_docs import ledgers, services
from normative_docs.models import Document, Hearing, Litigation, Reconsideration, ReconsiderationStatus, Status
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


# --- Reconsiderations and litigations: the page acts step by step, the import replays the steps; both apply the
# same rule functions (services.reconsideration_…_rules, litigation_…_rules, hearing_rules).


def _words(error):
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def _application(law, areas, **fields):
    values = {"area": areas.district, "applicant": "深圳市恒信实业有限公司", "respondent": "罗湖区住房和建设局",
              "respondent_unit": law.unit_a, "matter": "penalty", "channel": "window",
              "received_on": date(2026, 3, 6)}
    values.update(fields)
    return Reconsideration(**values)


def _reconsideration_by_page(h, by):
    """The history's steps as the pages take them, one service a step: the refusal of the first step refused."""
    case = h.case
    try:
        services.reconsideration_receive(case=case, by=by)
        if h.accepted_on:
            services.reconsideration_accept(case=case, on=h.accepted_on, simple_procedure=h.simple_procedure, by=by)
        elif h.refused_on:
            services.reconsideration_refuse(case=case, on=h.refused_on, reason=h.refusal_reason, by=by)
        if h.extended_on:
            services.reconsideration_extend(case=case, on=h.extended_on, reason=h.extension_reason, by=by)
        if h.decided_on:
            services.reconsideration_decide(case=case, on=h.decided_on, decision=h.decision, by=by)
    except ValidationError as error:
        return error
    return case


def test_a_reconsideration_by_page_or_import_gets_the_same_clocks_and_state(law, areas):
    def history():
        return ledgers.ReconsiderationHistory(_application(law, areas), accepted_on=date(2026, 3, 11),
                                              extended_on=date(2026, 5, 6), extension_reason=" 案情复杂 ")

    paged = _reconsideration_by_page(history(), law.section)
    [entered] = ledgers.reconsiderations_enter(histories=[history()], by=law.section)
    fields = ["status", "area_id", "acceptance_due_on", "accepted_on", "decision_due_on", "extended_on",
              "extension_reason", "created_by_id"]
    rows = {c.number: [getattr(c, f) for f in fields]
            for c in Reconsideration.objects.filter(pk__in=[paged.pk, entered.pk])}
    assert sorted(rows) == ["罗复〔2026〕0001号", "罗复〔2026〕0002号"]
    assert rows["罗复〔2026〕0001号"] == rows["罗复〔2026〕0002号"]
    assert rows["罗复〔2026〕0001号"][0] == ReconsiderationStatus.ACCEPTED
    assert rows["罗复〔2026〕0001号"][4] == date(2026, 6, 9)  # 60 days from 11 March, then 30 more (test_cases)
    assert rows["罗复〔2026〕0001号"][6] == "案情复杂"


@pytest.mark.parametrize("fields, steps, field", [
    ({"known_on": date(2026, 1, 4)}, {"accepted_on": date(2026, 3, 9)}, "accepted_on"),  # late, no reason
    ({"known_on": date(2026, 3, 9)}, {}, "known_on"),  # knew of the act after applying
    ({}, {"refused_on": date(2026, 3, 9), "refusal_reason": " "}, "refusal_reason"),
    ({}, {"refused_on": date(2026, 3, 5), "refusal_reason": "不属于受理范围"}, "refused_on"),  # before receipt
    ({}, {"accepted_on": date(2026, 3, 11), "extended_on": date(2026, 5, 12), "extension_reason": "复杂"},
     "extended_on"),  # after the decision fell due (10 May)
    ({}, {"accepted_on": date(2026, 3, 11), "extended_on": date(2026, 5, 6)}, "extension_reason"),
    ({}, {"refused_on": date(2026, 3, 9), "refusal_reason": "超期", "extended_on": date(2026, 3, 10),
          "extension_reason": "复杂"}, None),  # only a case under review is extended
    ({}, {"accepted_on": date(2026, 3, 11), "decided_on": date(2026, 4, 1), "decision": "praised"}, "decision"),
    ({}, {"accepted_on": date(2026, 3, 11), "decided_on": date(2026, 3, 10), "decision": "upheld"}, "decided_on"),
    ({}, {"decided_on": date(2026, 4, 1), "decision": "upheld"}, None),  # not accepted: no decision
])
def test_a_reconsideration_is_refused_by_page_as_by_import_in_the_same_words(law, areas, fields, steps, field):
    def history():
        return ledgers.ReconsiderationHistory(_application(law, areas, **fields), **steps)

    by_page = _reconsideration_by_page(history(), law.section)
    [by_import] = ledgers.reconsiderations_refusals([history()], law.section)
    assert isinstance(by_page, ValidationError) and by_import is not None
    assert _words(by_page) == _words(by_import)
    assert list(_words(by_page)) == [field] if field else not hasattr(by_page, "error_dict")


def _lawsuit(law, areas, number="（2026）粤0303行初101号", **fields):
    values = {"area": areas.district, "case_number": number, "court": "深圳市罗湖区人民法院", "plaintiff": "李某",
              "defendant": "罗湖区住房和建设局", "defendant_unit": law.unit_a, "matter": "penalty",
              "received_on": date(2026, 2, 3)}
    values.update(fields)
    return Litigation(**values)


def _litigation_by_page(h, by):
    case = h.case
    try:
        services.litigation_register(case=case, by=by)
        for hearing in h.hearings:
            hearing.case = case
            services.hearing_record(hearing=hearing, by=by)
        if h.concluded_on:
            services.litigation_conclude(case=case, on=h.concluded_on, judgment=h.judgment, by=by)
    except ValidationError as error:
        return error
    return case


def test_a_lawsuit_by_page_or_import_ends_the_same_and_a_taken_number_is_refused_alike(law, areas):
    def history(number):
        return ledgers.LitigationHistory(_lawsuit(law, areas, number), hearings=[Hearing(
            held_on=date(2026, 3, 10), head_appeared=True, head_name="王局长", head_title="局长")],
            concluded_on=date(2026, 4, 20), judgment="revoked")

    paged = _litigation_by_page(history("（2026）粤0303行初101号"), law.section)
    [entered] = ledgers.litigations_enter(histories=[history("（2026）粤0303行初102号")], by=law.section)
    fields = ["area_id", "concluded_on", "judgment", "lost", "created_by_id"]
    rows = [[getattr(c, f) for f in fields] for c in Litigation.objects.filter(pk__in=[paged.pk, entered.pk])]
    assert rows[0] == rows[1] == [areas.district.pk, date(2026, 4, 20), "revoked", True, law.section.pk]
    assert Hearing.objects.filter(case__in=[paged, entered], head_name="王局长").count() == 2

    taken = _litigation_by_page(history("（2026）粤0303行初102号"), law.section)
    [in_file] = ledgers.litigations_refusals([history("（2026）粤0303行初101号")], law.section)
    [first, twice] = ledgers.litigations_refusals([history("（2026）粤0303行初103号"),
                                                  history("（2026）粤0303行初103号")], law.section)
    assert _words(taken) == {"case_number": ["深圳市罗湖区人民法院案号（2026）粤0303行初102号已登记。"]}
    assert _words(in_file) == {"case_number": ["深圳市罗湖区人民法院案号（2026）粤0303行初101号已登记。"]}
    assert first is None  # the number's first row in the file; its second is refused
    assert _words(twice) == {"case_number": ["深圳市罗湖区人民法院案号（2026）粤0303行初103号已登记。"]}
    assert Litigation.objects.count() == 2


@pytest.mark.parametrize("hearings, ending, field", [
    ([date(2026, 2, 2)], {}, "held_on"),  # a hearing before the notice
    ([date(2026, 3, 10)], {"concluded_on": date(2026, 3, 9), "judgment": "revoked"}, "concluded_on"),
    ([], {"concluded_on": date(2026, 3, 9), "judgment": "acquitted"}, "judgment"),
    ([], {"concluded_on": date(2026, 2, 2), "judgment": "withdrawn"}, "concluded_on"),
])
def test_a_lawsuit_is_refused_by_page_as_by_import_in_the_same_words(law, areas, hearings, ending, field):
    def history():
        return ledgers.LitigationHistory(_lawsuit(law, areas), hearings=[Hearing(held_on=d) for d in hearings],
                                         **ending)

    [by_import] = ledgers.litigations_refusals([history()], law.section)  # first: the page registers the case
    by_page = _litigation_by_page(history(), law.section)  # before its later step is refused
    assert isinstance(by_page, ValidationError) and by_import is not None
    assert _words(by_page) == _words(by_import) and list(_words(by_page)) == [field]
    assert getattr(by_import, "hearing", None) == (1 if field == "held_on" else None)

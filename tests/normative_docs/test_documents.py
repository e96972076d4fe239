"""Legality review of normative documents: submission with its materials, a return with opinions and the
resubmission (each round kept), issue with a number unique per issuer and year, filing, assessment and the end
of validity; the to-dos of each clock open and close; a refusal writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bureau.models import CalendarDay, Reminder, Role
from normative_docs import services
from normative_docs.models import ClockRule, Document, ReviewRound, Status, parse_number
from normative_docs.reminders import ASSESSMENT_DUE, FILING_DUE, REVIEW_DUE, assessment_due

from .conftest import ALL_MATERIALS

# The fixed dates below are of a story told by 2026-06-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 6, 30)


def submit(law, by=None, **fields):
    values = {"unit": law.unit_a, "kind": "normative", "title": "罗湖区城市更新项目保障性住房配建管理办法",
              "materials": ALL_MATERIALS, "submitted_on": date(2026, 3, 2), "topic": "urban_renewal"}
    values.update(fields)
    return services.document_submit(document=Document(**values), by=by or law.drafter_a)


def issued(law, number="深罗规〔2026〕1号", **fields):
    document = submit(law, **fields)
    services.document_review(document=document, on=date(2026, 3, 10), passed=True, opinions="", by=law.section)
    return services.document_issue(document=document, number=number, issued_on=date(2026, 3, 20), by=law.section)


def todo(document, kind):
    return Reminder.objects.for_object(document).filter(kind=kind).order_by("id").last()


def review_todo(document, number):
    """The review clock's to-do of the document's round `number` (the round is its record)."""
    return todo(ReviewRound.objects.get(document=document, number=number), REVIEW_DUE)


def test_a_unit_submits_is_returned_once_resubmits_passes_is_issued_and_filed(law):
    document = submit(law)
    assert (document.status, document.area, document.submitted_by) == (Status.SUBMITTED, law.unit_a.area,
                                                                       law.drafter_a)
    first = review_todo(document, 1)
    # 15 working days from Monday 2 March (no holiday entered for March 2026): Monday 23 March.
    assert (first.due_on, first.role, first.area, first.is_open) == (date(2026, 3, 23), Role.SECTION,
                                                                    law.unit_a.area, True)
    assert first in Reminder.objects.inbox(law.section)

    services.document_review(document=document, on=date(2026, 3, 9), passed=False,
                             opinions="第五条配建比例缺少上位法依据，请补充。", by=law.section)
    first.refresh_from_db()
    assert (first.state, first.done_by) == (Reminder.State.DONE, law.section)
    assert Document.objects.get(pk=document.pk).status == Status.RETURNED

    services.document_resubmit(document=document, on=date(2026, 3, 16), note="已补充依据", by=law.drafter_a)
    second = review_todo(document, 2)
    assert (second.due_on, second.is_open) == (date(2026, 4, 6), True)
    services.document_review(document=document, on=date(2026, 3, 20), passed=True, opinions="同意印发。",
                             by=law.section)
    rounds = list(ReviewRound.objects.filter(document=document).values_list("number", "result", "opinions"))
    assert rounds == [(1, "returned", "第五条配建比例缺少上位法依据，请补充。"), (2, "passed", "同意印发。")]

    services.document_issue(document=document, number="深罗规〔2026〕1号", issued_on=date(2026, 3, 25), by=law.section)
    document.refresh_from_db()
    assert (document.status, document.number, document.valid_until, document.filing_due_on) == (
        Status.ISSUED, "深罗规〔2026〕1号", date(2031, 3, 24), date(2026, 4, 9))
    filing = todo(document, FILING_DUE)
    assert (filing.due_on, filing.is_open) == (date(2026, 4, 9), True)
    assert filing.title == "规范性文件报送备案：深罗规〔2026〕1号"

    services.document_file(document=document, filed_on=date(2026, 4, 2), filing_number="深备2026-031",
                           by=law.section)
    filing.refresh_from_db()
    assert (filing.state, filing.note) == (Reminder.State.DONE, "已报送备案")
    assert Document.objects.get(pk=document.pk).filed_on_time


def test_a_draft_returned_and_resubmitted_the_same_day_gets_a_new_review_to_do_for_its_second_round(law):
    document = submit(law)
    services.document_review(document=document, on=date(2026, 3, 2), passed=False, opinions="请补充制定依据。",
                             by=law.section)
    services.document_resubmit(document=document, on=date(2026, 3, 2), note="已补充", by=law.drafter_a)
    first, second = review_todo(document, 1), review_todo(document, 2)
    assert first.due_on == second.due_on == date(2026, 3, 23)  # the same day, the same clock: two to-dos
    assert (first.state, second.state) == (Reminder.State.DONE, Reminder.State.OPEN)
    assert list(Reminder.objects.inbox(law.section).open().filter(kind=REVIEW_DUE)) == [second]
    services.document_review(document=document, on=date(2026, 3, 3), passed=True, opinions="", by=law.section)
    second.refresh_from_db()
    assert (second.state, second.done_by, second.note) == (Reminder.State.DONE, law.section, "已审查")
    assert not Reminder.objects.filter(kind=REVIEW_DUE, state=Reminder.State.OPEN).exists()


def test_a_second_document_with_the_same_number_is_refused_and_nothing_is_written(law):
    issued(law)
    other = submit(law, title="罗湖区老旧小区改造资金管理办法")
    services.document_review(document=other, on=date(2026, 3, 10), passed=True, opinions="", by=law.section)
    with pytest.raises(ValidationError) as refused:
        services.document_issue(document=other, number="深罗规[2026]01号", issued_on=date(2026, 3, 20), by=law.section)
    assert refused.value.message_dict["number"] == [
        "文号深罗规〔2026〕1号已被《罗湖区城市更新项目保障性住房配建管理办法》使用，同一发文机关同一年度的文号不能重复。"]
    other.refresh_from_db()
    assert (other.status, other.number, other.issued_on) == (Status.PASSED, "", None)
    assert not Reminder.objects.for_object(other).filter(kind=FILING_DUE).exists()
    # Another year, or another issuer, may use 1 again.
    services.document_issue(document=other, number="深罗府规〔2026〕1号", issued_on=date(2026, 3, 20), by=law.section)


@pytest.mark.parametrize("number, message", [
    ("罗规2026-1号", "文号“罗规2026-1号”格式不正确，应为“深罗规〔2026〕1号”的形式。"),
    ("深罗规〔2026〕0号", "文号“深罗规〔2026〕0号”格式不正确，应为“深罗规〔2026〕1号”的形式。"),
    ("深罗规〔2025〕3号", "文号年份2025应与印发日期的年份2026一致。"),
])
def test_a_malformed_number_is_refused(law, number, message):
    document = submit(law)
    services.document_review(document=document, on=date(2026, 3, 10), passed=True, opinions="", by=law.section)
    with pytest.raises(ValidationError) as refused:
        services.document_issue(document=document, number=number, issued_on=date(2026, 3, 20), by=law.section)
    assert refused.value.message_dict["number"] == [message]
    assert Document.objects.get(pk=document.pk).status == Status.PASSED


def test_parse_number_writes_one_form():
    assert parse_number("深光规（2020）05号") == ("深光规", 2020, 5)
    assert parse_number(" 深罗规〔2026〕12号") == ("深罗规", 2026, 12)


def test_missing_materials_are_named_and_nothing_is_written(law):
    with pytest.raises(ValidationError) as refused:
        submit(law, materials=["draft", "explanation"])
    assert refused.value.message_dict["materials"] == ["缺少报送材料：制定依据、征求意见及采纳情况、公平竞争审查意见。"]
    assert not Document.objects.exists() and not ReviewRound.objects.exists() and not Reminder.objects.exists()
    # A work plan needs its draft only.
    submit(law, kind="work_plan", materials=["draft"], title="罗湖区疫情防控应急处置工作方案", topic="epidemic")


def test_a_unit_user_submits_only_for_their_unit_sees_only_its_documents_and_cannot_review(law):
    mine = submit(law)
    theirs = submit(law, unit=law.unit_b, by=law.drafter_b, title="桂园街道社区网格化管理办法")
    with pytest.raises(ValidationError) as refused:
        submit(law, unit=law.unit_b, by=law.drafter_a)
    assert refused.value.message_dict["unit"] == ["起草承办单位不存在或不在您的管辖范围内。"]
    assert list(Document.objects.visible_to(law.drafter_a)) == [mine]
    assert set(Document.objects.visible_to(law.section)) == {mine, theirs}
    assert not Document.objects.visible_to(law.other_section).exists()
    with pytest.raises(ValidationError, match="审查、印发、备案和复议应诉由法制科办理"):
        services.document_review(document=mine, on=date(2026, 3, 5), passed=True, opinions="", by=law.drafter_a)
    with pytest.raises(ValidationError):
        services.document_review(document=mine, on=date(2026, 3, 5), passed=True, opinions="", by=law.other_section)


def test_forbidden_moves_are_refused_with_the_status(law):
    document = submit(law)
    with pytest.raises(ValidationError, match="当前状态为“审查中”，不能“印发”。"):
        services.document_issue(document=document, number="深罗规〔2026〕1号", issued_on=date(2026, 3, 20),
                                by=law.section)
    with pytest.raises(ValidationError, match="退回修改须填写审查意见。"):
        services.document_review(document=document, on=date(2026, 3, 5), passed=False, opinions=" ", by=law.section)
    assert document.status == Status.SUBMITTED
    with pytest.raises(ValidationError, match="审查完成日期不能早于2026-03-02。"):
        services.document_review(document=document, on=date(2026, 3, 1), passed=True, opinions="", by=law.section)
    plan = submit(law, kind="outgoing", materials=["draft"], title="致辖区企业的一封信")
    services.document_review(document=plan, on=date(2026, 3, 5), passed=True, opinions="", by=law.section)
    with pytest.raises(ValidationError, match="只有行政规范性文件需要印发登记"):
        services.document_issue(document=plan, number="深罗规〔2026〕9号", issued_on=date(2026, 3, 20), by=law.section)


def test_the_review_clock_counts_working_days_of_the_calendar_and_the_rule_in_the_admin(law):
    # 2026-04-06 (Monday) a holiday, Sunday 2026-04-12 a make-up working day.
    CalendarDay.objects.create(date=date(2026, 4, 6), kind=CalendarDay.Kind.HOLIDAY, name="清明节")
    CalendarDay.objects.create(date=date(2026, 4, 12), kind=CalendarDay.Kind.WORKDAY, name="调休")
    ClockRule.objects.filter(code="review").update(days=5)
    document = submit(law, submitted_on=date(2026, 4, 3))  # Friday: 7, 8, 9, 10, 12 April
    assert review_todo(document, 1).due_on == date(2026, 4, 12)
    rule = ClockRule.objects.get(code="review")
    rule.days = 4
    with pytest.raises(ValidationError, match="合法性审查期限不得少于5个工作日"):
        rule.full_clean()


def test_validity_assessment_to_do_before_expiry_then_the_document_is_repealed(law):
    from bureau.reminders import run_rules

    document = submit(law, submitted_on=date(2021, 3, 1))
    services.document_review(document=document, on=date(2021, 3, 10), passed=True, opinions="", by=law.section)
    services.document_issue(document=document, number="深罗规〔2021〕3号", issued_on=date(2021, 3, 20), by=law.section)
    document.refresh_from_db()
    assert document.valid_until == date(2026, 3, 19)
    this = Document.objects.filter(pk=document.pk)
    assert list(assessment_due(date(2025, 9, 19), this)) == []  # 181 days before the end
    assert [d.due_on for d in assessment_due(date(2025, 9, 20), this)] == [date(2026, 3, 19)]  # 180 days before
    assessment = todo(document, ASSESSMENT_DUE)  # opened when it was issued: today is past the window
    assert (assessment.due_on, assessment.role, assessment.is_open) == (date(2026, 3, 19), Role.SECTION, True)
    with pytest.raises(ValidationError, match="请填写晚于2026-03-19的新有效期"):
        services.document_assess(document=document, on=date(2026, 1, 10), conclusion="continue", by=law.section)
    services.document_assess(document=document, on=date(2026, 1, 10), conclusion="repeal", by=law.section)
    assessment.refresh_from_db()
    assert assessment.state == Reminder.State.DONE
    assert run_rules(date(2026, 1, 11), kinds={ASSESSMENT_DUE}) == {ASSESSMENT_DUE: 0}
    with pytest.raises(ValidationError, match="届满后才能登记失效"):
        services.document_close(document=document, outcome="expired", on=date(2026, 3, 19), by=law.section)
    services.document_close(document=document, outcome="repealed", on=date(2026, 2, 1), by=law.section)
    assert Document.objects.get(pk=document.pk).status == Status.REPEALED


def test_an_assessment_to_continue_extends_validity_by_at_most_five_years(law):
    document = submit(law, submitted_on=date(2021, 3, 1))
    services.document_review(document=document, on=date(2021, 3, 10), passed=True, opinions="", by=law.section)
    services.document_issue(document=document, number="深罗规〔2021〕3号", issued_on=date(2021, 3, 20), by=law.section)
    with pytest.raises(ValidationError, match="有效期不得超过5年"):
        services.document_assess(document=document, on=date(2026, 1, 10), conclusion="continue",
                                 valid_until=date(2031, 1, 10), by=law.section)
    services.document_assess(document=document, on=date(2026, 1, 10), conclusion="continue",
                             valid_until=date(2031, 1, 9), by=law.section)
    assert Document.objects.get(pk=document.pk).valid_until == date(2031, 1, 9)

"""Complaints against lawyers and firms: the statutory clocks from ComplaintClockRule, the lifecycle to conclusion,
their to-dos for the district's lawyers section, and refusals that write nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from lawyers import supervision
from lawyers.models import Complaint, ComplaintClockRule, ComplaintSource, ComplaintStatus, Finding, Handling, ReplyWay
from lawyers.permissions import SUPERVISION
from lawyers.reminders import COMPLAINT_ACCEPTANCE_DUE, COMPLAINT_CONCLUSION_DUE
from lawyers.supervision_data import DEFAULT_COMPLAINT_CLOCK_RULES, ensure_complaint_clock_rules
from tests.factories import UserFactory

STORY_DAY = date(2026, 11, 30)
RECEIVED = date(2026, 11, 2)  # a Monday; no holiday in November 2026


@pytest.fixture(autouse=True)
def complaint_clocks(db):
    """The clock rules as the data migration leaves them (a transactional test elsewhere may have flushed them)."""
    ensure_complaint_clock_rules(ComplaintClockRule)


@pytest.fixture
def transferred(areas, registry, section):
    """光明区 transferred a complaint against 张桂园 (罗湖, firm_a) received on 2026-11-02."""
    return supervision.complaint_register(complaint=Complaint(
        district=areas.district, lawyer=registry.lawyer_a, source=ComplaintSource.OTHER_DISTRICT,
        transferred_from=areas.other_district, complainant_name="陈先生", complainant_phone="13800001111",
        summary="代理劳动争议案件期间未及时告知开庭时间", received_on=RECEIVED), by=section)


def _todos(complaint, kind):
    return Reminder.objects.for_object(complaint).filter(kind=kind)


def test_the_default_clocks_name_their_legal_source(db):
    rules = {rule.code: rule for rule in ComplaintClockRule.objects.all()}
    assert set(rules) == {"acceptance", "conclusion"} == {code for code, *_rest in DEFAULT_COMPLAINT_CLOCK_RULES}
    assert all("粤司规〔2026〕1号" in rule.legal_source for rule in rules.values())
    assert (rules["acceptance"].days, rules["acceptance"].day_kind) == (10, "working")
    assert (rules["conclusion"].days, rules["conclusion"].day_kind) == (60, "calendar")


def test_a_transferred_complaint_goes_through_to_conclusion_with_its_clock_todos(transferred, section, registry,
                                                                                  areas):
    complaint = transferred
    assert complaint.firm == registry.firm_a  # the lawyer's firm, taken from the registry
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.acceptance_due_on == date(2026, 11, 16)  # 10 working days after Monday 2 November
    todo = _todos(complaint, COMPLAINT_ACCEPTANCE_DUE).get()
    assert (todo.state, todo.area, todo.role, todo.due_on) == (Reminder.State.OPEN, areas.district, Role.SECTION,
                                                               date(2026, 11, 16))
    assert "陈先生投诉张桂园" in todo.title

    supervision.complaint_accept(complaint=complaint, on=date(2026, 11, 5), by=section)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED and complaint.conclusion_due_on == date(2027, 1, 4)
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE and todo.done_by == section
    conclusion = _todos(complaint, COMPLAINT_CONCLUSION_DUE).get()
    assert (conclusion.state, conclusion.due_on) == (Reminder.State.OPEN, date(2027, 1, 4))

    supervision.complaint_investigate(complaint=complaint, notes="调阅代理合同及微信记录，询问律师", by=section)
    supervision.complaint_conclude(complaint=complaint, finding=Finding.PARTLY, handling=Handling.EDUCATION,
                                   replied_on=date(2026, 11, 20), reply_way=ReplyWay.WRITTEN,
                                   concluded_on=date(2026, 11, 20), by=section)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CONCLUDED and complaint.concluded_on == date(2026, 11, 20)
    conclusion.refresh_from_db()
    assert conclusion.state == Reminder.State.DONE
    assert not Reminder.objects.for_object(complaint).open().exists()
    run_rules(STORY_DAY)  # the daily run reopens nothing
    assert not Reminder.objects.for_object(complaint).open().exists()


def test_the_daily_run_opens_the_clock_and_a_refusal_to_accept_closes_it(areas, registry, section):
    complaint = Complaint.objects.create(
        district=areas.district, firm=registry.firm_a, source=ComplaintSource.LETTER, complainant_name="林女士",
        summary="收费未开具发票", received_on=RECEIVED, acceptance_due_on=date(2026, 11, 16), created_by=section)
    run_rules(STORY_DAY, kinds=[COMPLAINT_ACCEPTANCE_DUE])
    assert _todos(complaint, COMPLAINT_ACCEPTANCE_DUE).open().count() == 1
    with pytest.raises(ValidationError, match="不予受理理由"):
        supervision.complaint_reject(complaint=complaint, on=date(2026, 11, 6), reason=" ", by=section)
    supervision.complaint_reject(complaint=complaint, on=date(2026, 11, 6), reason="不属于律师执业行为", by=section)
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.NOT_ACCEPTED
    assert not _todos(complaint, COMPLAINT_ACCEPTANCE_DUE).open().exists()
    with pytest.raises(ValidationError, match="不能“受理”"):
        supervision.complaint_accept(complaint=complaint, on=date(2026, 11, 7), by=section)


def test_the_clocks_follow_the_administrators_rules(areas, registry, section):
    ComplaintClockRule.objects.filter(code="acceptance").update(days=5, day_kind="calendar")
    ComplaintClockRule.objects.filter(code="conclusion").update(days=30, day_kind="working")
    complaint = supervision.complaint_register(complaint=Complaint(
        district=areas.district, lawyer=registry.lawyer_a, source=ComplaintSource.PHONE, complainant_name="王先生",
        summary="律师未按约定出庭", received_on=RECEIVED), by=section)
    assert complaint.acceptance_due_on == date(2026, 11, 7)
    supervision.complaint_accept(complaint=complaint, on=date(2026, 11, 2), by=section)
    assert complaint.conclusion_due_on == date(2026, 12, 14)  # 30 working days after Monday 2 November


@pytest.mark.parametrize("change, message", [
    ({"source": ComplaintSource.OTHER_DISTRICT}, "请填写移交的区"),
    ({"transferred_from": "self"}, "只有他区移交的投诉填写移交的区"),
    ({"lawyer": None}, "请填写被投诉或违规的律师或律师事务所"),
    ({"received_on": "tomorrow"}, "收到日期不能晚于今天"),
    ({"lawyer": "other"}, "不在罗湖区律师名录中"),
])
def test_a_bad_complaint_writes_nothing(areas, registry, section, change, message):
    fields = {"district": areas.district, "lawyer": registry.lawyer_a, "source": ComplaintSource.ON_SITE,
              "complainant_name": "赵女士", "summary": "服务态度差", "received_on": RECEIVED}
    fields.update(change)
    if fields["received_on"] == "tomorrow":
        fields["received_on"] = timezone.localdate() + timedelta(days=1)
    if fields.get("transferred_from") == "self":
        fields["transferred_from"] = areas.other_district
    if fields.get("lawyer") == "other":
        from tests.factories import AreaFactory, LawyerFactory

        street = AreaFactory(code="440311001", name="光明街道", level="street", parent=areas.other_district)
        fields["lawyer"] = LawyerFactory(area=street)
    with pytest.raises(ValidationError, match=message):
        supervision.complaint_register(complaint=Complaint(**fields), by=section)
    assert not Complaint.objects.exists() and not Reminder.objects.filter(kind__startswith="lawyers.").exists()


def test_conclusion_needs_a_consistent_finding_and_a_reply(transferred, section):
    supervision.complaint_accept(complaint=transferred, on=date(2026, 11, 5), by=section)
    base = {"finding": Finding.REJECTED, "handling": Handling.ASSOCIATION, "replied_on": date(2026, 11, 20),
            "reply_way": ReplyWay.PHONE, "concluded_on": date(2026, 11, 20), "notes": "经调查投诉事项不属实"}
    for change, message in [({}, "处理结果应为“不予处理”"),
                            ({"handling": Handling.NONE, "reply_way": ""}, "请选择答复方式"),
                            ({"handling": Handling.NONE, "concluded_on": date(2026, 11, 4)}, "办结日期不能早于"),
                            ({"handling": Handling.NONE, "notes": ""}, "请填写调查情况")]:
        with pytest.raises(ValidationError, match=message):
            supervision.complaint_conclude(complaint=transferred, by=section, **{**base, **change})
        stored = Complaint.objects.get(pk=transferred.pk)
        assert stored.status == ComplaintStatus.ACCEPTED and not stored.concluded_on
    assert _todos(transferred, COMPLAINT_CONCLUSION_DUE).open().count() == 1


def test_only_the_lawyers_section_of_the_district_writes_and_leadership_reads(transferred, personas, areas):
    for user in (personas.clerk_a, personas.leader, personas.section):
        with pytest.raises(ValidationError, match="只有区司法局律师工作科"):
            supervision.complaint_accept(complaint=transferred, on=date(2026, 11, 5), by=user)
    other = UserFactory(role=Role.SECTION, section="lawyers", area=areas.other_district)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        supervision.complaint_accept(complaint=transferred, on=date(2026, 11, 5), by=other)
    assert Complaint.objects.get(pk=transferred.pk).status == ComplaintStatus.RECEIVED
    assert SUPERVISION.allows(personas.leader) and not SUPERVISION.allows(personas.leader, True)
    assert not SUPERVISION.allows(personas.clerk_a)
    assert list(Complaint.objects.visible_to(personas.leader)) == [transferred]
    assert not Complaint.objects.visible_to(personas.other_leader).exists()
    supervision.complaint_accept(complaint=transferred, on=date(2026, 11, 5), by=personas.admin)

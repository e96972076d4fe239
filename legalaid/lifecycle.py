"""What each move of a case does, once: the fields it sets (status, decision, dates, clocks) and the timeline
step it writes, with its text from ACTIONS.

The page (`legalaid.services`), the import (`legalaid.resources`), the demo (`legalaid.demo`) and the city
dataset (`legalaid.dataset`) all move cases with these functions, so a case written by any of them is the same
case with the same timeline. They touch no database and do not check the transition map: the services lock
the case and check the move first (with a message for the clerk); the generators follow the map by
construction. Each returns the unsaved CaseStep for the caller to write, one by one or in bulk.

Clocks come from `Clocks`: the ClockRule rows and one WorkingCalendar for a whole span, so a bulk writer
computes thousands of due dates with two queries (a year without a loaded holiday calendar counts weekdays).
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from bureau.workdays import DayKind, WorkingCalendar

from .models import CaseStep, ClockRule, Decision, Status

# The timeline's texts, one per move: written in the language active when the move is made (Chinese).
ACTIONS = {
    "receive_application": _("收到申请"),
    "receive_notice": _("收到通知，受理"),
    "request_material": _("通知补充材料"),
    "supply_material": _("材料补充齐全"),
    "grant": _("决定给予法律援助"),
    "refuse": _("决定不予法律援助"),
    "object": _("申请人提出异议"),
    "objection_uphold": _("异议成立，给予法律援助"),
    "objection_reject": _("异议不成立，维持不予援助"),
    "assign": _("指派律师"),
    "start": _("律师开始承办"),
    "close": _("结案"),
    "archive": _("归档"),
    "terminate": _("终止法律援助"),
}
IMPORT_NOTE = _("批量导入")


class Clocks:
    """The statutory clocks (ClockRule) on one working calendar covering `first`..`last` and the longest clock
    after it."""

    def __init__(self, first, last, *, rules=None, calendar=None):
        self.rules = rules or {rule.code: rule for rule in ClockRule.objects.all()}
        longest = max((rule.days for rule in self.rules.values()), default=0)
        self.calendar = calendar or WorkingCalendar(first - timedelta(days=1), last + timedelta(days=2 * longest + 60))

    def due_on(self, code, start):
        """The clock exactly as ClockRule.due_on computes it."""
        rule = self.rules[code]
        if rule.day_kind == DayKind.WORKING:
            return self.calendar.add_working_days(start, rule.days)
        return start + timedelta(days=rule.days)


def _step(case, key, on, by=None, note=""):
    return CaseStep(case=case, action=str(ACTIONS[key]), status=case.status, on=on, by=by, note=note)


def receive(case, clocks, *, by=None, note=""):
    """Receipt on `case.received_on`. A notice (通知辩护/通知代理) needs no means test: it is accepted that day
    and its assignment clock starts; an application is complete on receipt and its decision clock starts."""
    received = case.received_on
    if case.is_notice:
        case.status, case.decision, case.decided_on = Status.GRANTED, Decision.GRANTED, received
        case.assignment_due_on = clocks.due_on(ClockRule.Code.NOTICE_ASSIGNMENT, received)
        return _step(case, "receive_notice", received, by, note)
    case.status, case.complete_on = Status.RECEIVED, received
    case.decision_due_on = clocks.due_on(ClockRule.Code.DECISION, received)
    return _step(case, "receive_application", received, by, note)


def request_material(case, *, on, note, by=None):
    """The decision clock stops until the application is complete (法律援助法 第四十三条)."""
    case.material_requested_on, case.material_request_note = on, note
    case.decision_due_on, case.status = None, Status.MATERIAL_REQUESTED
    return _step(case, "request_material", on, by, note)


def supply_material(case, clocks, *, on, by=None):
    case.complete_on, case.status = on, Status.RECEIVED
    case.decision_due_on = clocks.due_on(ClockRule.Code.DECISION, on)
    return _step(case, "supply_material", on, by)


def decide(case, clocks, *, grant, reasons, on, by=None):
    case.decided_on, case.decision_reasons = on, reasons
    if grant:
        case.decision, case.status = Decision.GRANTED, Status.GRANTED
        case.assignment_due_on = clocks.due_on(ClockRule.Code.ASSIGNMENT, on)
        return _step(case, "grant", on, by, reasons)
    case.decision, case.status = Decision.REFUSED, Status.REFUSED
    return _step(case, "refuse", on, by, reasons)


def object_to(case, *, reason, on, by=None):
    case.status = Status.OBJECTED
    return _step(case, "object", on, by, reason)


def objection_decide(case, clocks, *, upheld, reasons, on, by=None):
    """An upheld objection grants aid from `on` (the assignment clock starts); a rejected one keeps the
    refusal."""
    if upheld:
        case.decision, case.decided_on, case.decision_reasons = Decision.GRANTED, on, reasons
        case.assignment_due_on, case.status = clocks.due_on(ClockRule.Code.ASSIGNMENT, on), Status.GRANTED
        return _step(case, "objection_uphold", on, by, reasons)
    case.status = Status.REFUSED
    return _step(case, "objection_reject", on, by, reasons)


def assign(case, *, lawyer, on, note, by=None):
    case.lawyer, case.assigned_on, case.status = lawyer, on, Status.ASSIGNED
    return _step(case, "assign", on, by, note)


def start(case, *, on, by=None):
    case.started_on, case.status = on, Status.IN_PROGRESS
    return _step(case, "start", on, by)


def close(case, *, outcome, recovered_amount, on, by=None):
    case.closed_on, case.outcome, case.recovered_amount, case.status = on, outcome, recovered_amount, Status.CLOSED
    note = _("%(o)s；挽回经济损失 %(a)s 元") % {"o": case.get_outcome_display(), "a": recovered_amount}
    return _step(case, "close", on, by, note)


def archive(case, *, on, by=None):
    case.archived_on, case.status = on, Status.ARCHIVED
    return _step(case, "archive", on, by)


def terminate(case, *, ground, note, on, by=None):
    case.terminated_on, case.termination_ground, case.status = on, ground, Status.TERMINATED
    return _step(case, "terminate", on, by, note)

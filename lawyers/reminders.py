"""The lawyers function's to-dos: advisors' silences, and the supervision clocks of the district's lawyers section.

Advisors' silences as to-dos for the office that oversees them (the street's 司法所; for a posting at district
level, the district's lawyers section). Each rule is one set-based query over the postings it is given (all for
the daily run, those a write touched for `bureau.reminders.reminders_refresh`); `bureau.reminders.run_rules`
keeps them idempotent by (kind, posting, due date). A service log entry closes the to-dos it answers
(lawyers.services.todos_close_for_logs). The monthly rule is about last month only, so it is `windowed`: a
refresh in a later month does not take its silence for "done".

Supervision (lawyers.supervision), each a to-do for the district's 律师工作科 (Role.SECTION of the district):
- `lawyers.complaint_acceptance_due`: a complaint received and not yet decided on (受理 or 不予受理), due on its
  acceptance clock (ComplaintClockRule);
- `lawyers.complaint_conclusion_due`: an accepted complaint not yet concluded, due on its conclusion clock;
- `lawyers.violation_overdue`: a rectification whose deadline passed without evidence submitted, due on the
  deadline (it appears the day after; extending the deadline or the evidence cancels it);
- `lawyers.violation_recheck_due`: evidence submitted and waiting for the re-check, due RECHECK_DAYS after it.
All four are complete: `reminders_refresh(records=…)` after a write cancels what the write answered, and the
services close the to-do they answer with `reminders_close_for`.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Area, Role
from bureau.reminders import Due, ReminderAction, reminder_rule

NO_LOG_MONTH = "lawyers.advisor_no_log_month"
COMMUNITY_IDLE = "lawyers.community_idle"
IDLE_DAYS = 14
NO_LOG_DUE_DAY = 7  # the office follows up a silent month by the 7th of the next


def no_log_due_on(day):
    """The due date of the to-do about the month of `day` (the 7th of the month after)."""
    return day + relativedelta(months=1, day=NO_LOG_DUE_DAY)


def _office(level, area_id, parent_id):
    """(area, role) of the office responsible for a posting's place."""
    if level == Area.Level.COMMUNITY:
        return parent_id, Role.STREET
    if level == Area.Level.STREET:
        return area_id, Role.STREET
    return area_id, Role.SECTION


@reminder_rule(NO_LOG_MONTH, model="lawyers.Posting", label="法律顾问当月无服务记录", windowed=True)
def advisor_no_log_month(today, records):
    """Advisors posted for the whole of last month who logged nothing in it, anywhere."""
    from .models import ServiceLog

    first = today + relativedelta(months=-1, day=1)
    last = first + relativedelta(day=31)
    logged = ServiceLog.objects.filter(lawyer=OuterRef("lawyer"), on__range=(first, last))
    rows = (records.filter(start_on__lte=first, end_on__gte=last).exclude(Exists(logged))
            .values_list("pk", "area__level", "area_id", "area__parent_id", "area__name", "lawyer__name"))
    title = _("%(place)s法律顾问%(name)s在%(y)d年%(m)d月没有服务记录")
    for pk, level, area_id, parent_id, place, name in rows:
        office, role = _office(level, area_id, parent_id)
        yield Due(pk, office, no_log_due_on(first), title % {
            "place": place, "name": name, "y": first.year, "m": first.month}, role=role)


@reminder_rule(COMMUNITY_IDLE, model="lawyers.Posting", label="社区连续14天无法律顾问服务记录")
def community_idle(today, records):
    """Current postings whose advisor logged nothing in their community for IDLE_DAYS days (counted from the
    last entry there, or from the start of the posting). Due the day the silence reached IDLE_DAYS, so the
    to-do is the same on every run until a new entry moves the date on."""
    from .models import ServiceLog

    last_entry = (ServiceLog.objects.filter(lawyer=OuterRef("lawyer"), area=OuterRef("area"), on__lte=today)
                  .order_by("-on").values("on")[:1])
    rows = (records.active_on(today)
            .annotate(since=Greatest(Coalesce(Subquery(last_entry), F("start_on")), F("start_on")))
            .filter(since__lte=today - timedelta(days=IDLE_DAYS))
            .values_list("pk", "area__level", "area_id", "area__parent_id", "area__name", "lawyer__name", "since"))
    title = _("%(place)s法律顾问%(name)s自%(since)s起已连续%(days)d天无服务记录")
    for pk, level, area_id, parent_id, place, name, since in rows:
        office, role = _office(level, area_id, parent_id)
        yield Due(pk, office, since + timedelta(days=IDLE_DAYS), title % {
            "place": place, "name": name, "since": since.isoformat(), "days": IDLE_DAYS}, role=role)


# --- Supervision ------------------------------------------------------------------------------------------

COMPLAINT_ACCEPTANCE_DUE = "lawyers.complaint_acceptance_due"
COMPLAINT_CONCLUSION_DUE = "lawyers.complaint_conclusion_due"
VIOLATION_OVERDUE = "lawyers.violation_overdue"
VIOLATION_RECHECK_DUE = "lawyers.violation_recheck_due"
COMPLAINT_KINDS = (COMPLAINT_ACCEPTANCE_DUE, COMPLAINT_CONCLUSION_DUE)
VIOLATION_KINDS = (VIOLATION_OVERDUE, VIOLATION_RECHECK_DUE)
RECHECK_DAYS = 10  # the section's own practice: evidence is re-checked within ten days


def _respondent(lawyer, firm):
    return lawyer or firm or ""


@reminder_rule(COMPLAINT_ACCEPTANCE_DUE, model="lawyers.Complaint", label="律师投诉受理审查期限",
               action=ReminderAction(gettext_lazy("办理投诉"), "lawyers:complaint_detail"))
def complaint_acceptance_due(today, records):
    rows = records.awaiting_acceptance().values_list("pk", "district_id", "acceptance_due_on", "complainant_name",
                                                     "lawyer__name", "firm__name")
    title = _("审查是否受理投诉：%(c)s投诉%(r)s")
    for pk, district_id, due_on, complainant, lawyer, firm in rows:
        yield Due(pk, district_id, due_on, title % {"c": complainant, "r": _respondent(lawyer, firm)},
                  role=Role.SECTION)


@reminder_rule(COMPLAINT_CONCLUSION_DUE, model="lawyers.Complaint", label="律师投诉办结期限",
               action=ReminderAction(gettext_lazy("办理投诉"), "lawyers:complaint_detail"))
def complaint_conclusion_due(today, records):
    rows = records.under_investigation().values_list("pk", "district_id", "conclusion_due_on", "complainant_name",
                                                     "lawyer__name", "firm__name")
    title = _("办结投诉：%(c)s投诉%(r)s")
    for pk, district_id, due_on, complainant, lawyer, firm in rows:
        yield Due(pk, district_id, due_on, title % {"c": complainant, "r": _respondent(lawyer, firm)},
                  role=Role.SECTION)


def _violation_rows(queryset, due_field):
    return queryset.values_list("pk", "district_id", due_field, "kind", "lawyer__name", "firm__name")


@reminder_rule(VIOLATION_OVERDUE, model="lawyers.Violation", label="违规行为整改逾期未提交材料",
               action=ReminderAction(gettext_lazy("查看整改"), "lawyers:violation_detail"))
def violation_overdue(today, records):
    from .models import ViolationKind

    title = _("整改逾期未提交材料：%(r)s %(k)s")
    for pk, district_id, deadline, kind, lawyer, firm in _violation_rows(
            records.overdue_without_evidence(today), "deadline"):
        yield Due(pk, district_id, deadline, title % {
            "r": _respondent(lawyer, firm), "k": ViolationKind(kind).label}, role=Role.SECTION)


@reminder_rule(VIOLATION_RECHECK_DUE, model="lawyers.Violation", label="违规行为整改复查",
               action=ReminderAction(gettext_lazy("整改复查"), "lawyers:violation_detail"))
def violation_recheck_due(today, records):
    from .models import ViolationKind

    title = _("复查整改情况：%(r)s %(k)s")
    for pk, district_id, evidence_on, kind, lawyer, firm in _violation_rows(records.awaiting_recheck(),
                                                                            "evidence_on"):
        yield Due(pk, district_id, evidence_on + timedelta(days=RECHECK_DAYS), title % {
            "r": _respondent(lawyer, firm), "k": ViolationKind(kind).label}, role=Role.SECTION)

"""Legal aid's clocks as to-dos for the district's legal-aid section (法律援助科).

Each rule is complete (bureau.reminders): it yields every clock still running for the records it is given, so
`reminders_refresh(records=case)` after a case or complaint write opens the new clock's to-do and cancels one that no longer runs.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Role
from bureau.reminders import Due, ReminderAction, reminder_rule

DECISION_DUE = "legalaid.decision_due"
ASSIGNMENT_DUE = "legalaid.assignment_due"
COMPLAINT_DUE = "legalaid.complaint_due"


def _case_rows(queryset, due_field):
    return queryset.values_list("pk", "area__parent_id", due_field, "number", "applicant_name")


@reminder_rule(DECISION_DUE, model="legalaid.Case", label="法律援助审查决定期限",
               action=ReminderAction(gettext_lazy("作出审查决定"), "legalaid:case_detail"))
def decision_due(today, records):
    title = _("审查决定：%(n)s %(a)s")
    for pk, district_id, due_on, number, applicant in _case_rows(records.awaiting_decision(), "decision_due_on"):
        yield Due(pk, district_id, due_on, title % {"n": number, "a": applicant}, role=Role.SECTION)


@reminder_rule(ASSIGNMENT_DUE, model="legalaid.Case", label="法律援助指派期限",
               action=ReminderAction(gettext_lazy("指派律师"), "legalaid:case_action", slug="assign"))
def assignment_due(today, records):
    rows = _case_rows(records.awaiting_assignment(), "assignment_due_on")
    title = _("指派律师：%(n)s %(a)s")
    for pk, district_id, due_on, number, applicant in rows:
        yield Due(pk, district_id, due_on, title % {"n": number, "a": applicant}, role=Role.SECTION)


@reminder_rule(COMPLAINT_DUE, model="legalaid.Complaint", label="法律援助投诉办理期限",
               action=ReminderAction(gettext_lazy("办理投诉"), "legalaid:complaint_conclude"))
def complaint_due(today, records):
    rows = records.open().values_list("pk", "area__parent_id", "due_on", "complainant", "lawyer__name")
    title = _("办理投诉：%(c)s 投诉 %(l)s 律师")
    for pk, district_id, due_on, complainant, lawyer in rows:
        yield Due(pk, district_id, due_on, title % {"c": complainant, "l": lawyer}, role=Role.SECTION)

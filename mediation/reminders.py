"""Mediation's clocks as to-dos.

- `mediation.filing_due`: an organisation not yet filed (备案) — for the street office of its street (the
  district's 人民调解科 for a district-wide organisation), due FILING_DAYS after it was founded;
- `mediation.conclusion_due`: an open case must be concluded within a month of acceptance (or by the extended
  day) — for the presiding mediator when they sign in, else for the street office;
- `mediation.confirmation_due`: the 30-day window to apply for 司法确认 after a written agreement — same
  recipient; only while the window runs, so a refresh after it closed cancels the to-do.

Each rule is complete (bureau.reminders): asked about some records it yields every to-do still owed for them,
so `reminders_refresh(records=case)` after a write opens the new clock's to-do and cancels one that no longer
runs. One set-based query per rule; the due dates are the models' own rules (conclusion_due, CONFIRMATION_DAYS).
"""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Area, Role
from bureau.reminders import Due, ReminderAction, reminder_rule

FILING_DUE = "mediation.filing_due"
CONCLUSION_DUE = "mediation.conclusion_due"
CONFIRMATION_DUE = "mediation.confirmation_due"


def _office(area_id, level, parent_id):
    """(area id, role) of the office that follows an organisation or case of this area: the street office of its
    street; the district's section for a district-wide one."""
    if level == Area.Level.COMMUNITY:
        return parent_id, Role.STREET
    if level == Area.Level.STREET:
        return area_id, Role.STREET
    return area_id, Role.SECTION


def _recipient(area_id, level, parent_id, mediator_user_id):
    """The presiding mediator who signs in (their own to-do), else the office."""
    if mediator_user_id:
        return {"area_id": area_id, "assignee_id": mediator_user_id}
    office, role = _office(area_id, level, parent_id)
    return {"area_id": office, "role": role}


@reminder_rule(FILING_DUE, model="mediation.Organisation", label="人民调解组织备案",
               action=ReminderAction(gettext_lazy("登记备案"), "mediation:organisation_action", slug="file"))
def filing_due(today, records):
    from .models import FILING_DAYS

    rows = records.unfiled().values_list("pk", "area_id", "area__level", "area__parent_id", "founded_on", "name")
    title = _("人民调解组织备案：%(name)s")
    for pk, area_id, level, parent_id, founded_on, name in rows:
        office, role = _office(area_id, level, parent_id)
        yield Due(pk, office, founded_on + timedelta(days=FILING_DAYS), title % {"name": name}, role=role)


def _case_rows(queryset, *fields):
    return queryset.values_list("pk", "area_id", "area__level", "area__parent_id", "mediator__user_id", "number",
                                *fields)


@reminder_rule(CONCLUSION_DUE, model="mediation.Case", label="人民调解办结期限",
               action=ReminderAction(gettext_lazy("结束调解"), "mediation:case_action", slug="conclude"))
def conclusion_due(today, records):
    from .models import conclusion_due as due_of

    title = _("调解期限届满：%(n)s")  # translated once: an import asks for 20,000 cases at once
    due_by_acceptance = {}  # a month after each distinct day (relativedelta): a file's cases share a few hundred
    for pk, area_id, level, parent_id, user_id, number, accepted_on, extended_to in _case_rows(
            records.open(), "accepted_on", "extended_to"):
        due = extended_to or due_by_acceptance.get(accepted_on)
        if due is None:
            due = due_by_acceptance[accepted_on] = due_of(accepted_on)
        yield Due(pk, due_on=due, title=title % {"n": number},
                  **_recipient(area_id, level, parent_id, user_id))


@reminder_rule(CONFIRMATION_DUE, model="mediation.Case", label="申请司法确认期限",
               action=ReminderAction(gettext_lazy("申请司法确认"), "mediation:case_action", slug="confirmation_apply"))
def confirmation_due(today, records):
    from .models import CONFIRMATION_DAYS

    window = records.in_confirmation_window(today)
    title = _("告知当事人申请司法确认：%(n)s")
    for pk, area_id, level, parent_id, user_id, number, signed_on in _case_rows(window, "agreement_signed_on"):
        yield Due(pk, due_on=signed_on + timedelta(days=CONFIRMATION_DAYS), title=title % {"n": number},
                  **_recipient(area_id, level, parent_id, user_id))

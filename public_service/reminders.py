"""The online question's clock as a to-do.

- `public_service.answer_due`: an open question must be answered within ANSWER_WORKDAYS working days
  (public_service.services.answer_workdays) — for the lawyer it went to when they sign in (the street's duty
  lawyer or advisor), else for the street office of the resident's street.

Complete: asked about some questions it yields the to-do of each one still open, so a refresh after an answer
cancels nothing that was not already closed by `question_answer`.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Role
from bureau.reminders import Due, ReminderAction, reminder_rule

ANSWER_DUE = "public_service.answer_due"


@reminder_rule(ANSWER_DUE, model="public_service.Question", label="线上法律咨询答复期限",
               action=ReminderAction(gettext_lazy("答复咨询"), "public_service:question_detail"))
def answer_due(today, records):
    title = _("答复线上法律咨询：%(code)s")
    for pk, street_id, due_on, code, user_id in records.open().values_list(
            "pk", "street_id", "due_on", "code", "lawyer__user_id"):
        if user_id:
            yield Due(pk, street_id, due_on, title % {"code": code}, assignee_id=user_id)
        else:
            yield Due(pk, street_id, due_on, title % {"code": code}, role=Role.STREET)

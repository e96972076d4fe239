"""The to-do of enforcement supervision, for the district's 法制科 (imported by normative_docs/reminders.py):

- `normative_docs.rectification_due`: an enforcement file reviewed with problems, due on its rectification
  deadline (`ReviewedFile.rectify_by`) until the rectification is recorded (`reviewed_file_rectify`).
- `normative_docs.certificate_expiry`: an enforcement officer whose certificate (行政执法证) runs out within
  CERTIFICATE_WINDOW, due on its last valid day, so the unit is told to renew it (换证) in time; an officer
  without a valid certificate may not enforce. Windowed (bureau.reminders): outside the window the rule is
  silent, which is not "renewed"; `officer_register` closes the to-do when the certificate is renewed or revoked.
"""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Role
from bureau.reminders import Due, ReminderAction, reminder_rule

RECTIFICATION_DUE = "normative_docs.rectification_due"
CERTIFICATE_EXPIRY = "normative_docs.certificate_expiry"
CERTIFICATE_WINDOW = timedelta(days=60)  # two months: the time a renewal (换证) takes through the city's system


@reminder_rule(RECTIFICATION_DUE, model="normative_docs.ReviewedFile", label="执法案卷评查问题整改期限")
def rectification_due(today, records):
    rows = records.open_rectifications().values_list("pk", "review__area_id", "rectify_by", "unit__name",
                                                      "file_number")
    title = _("案卷评查问题整改：%(u)s %(n)s")
    for pk, area_id, due_on, unit, number in rows:
        yield Due(pk, area_id, due_on, title % {"u": unit, "n": number}, role=Role.SECTION)


@reminder_rule(CERTIFICATE_EXPIRY, model="normative_docs.EnforcementOfficer", label="行政执法证到期换证",
               windowed=True, action=ReminderAction(gettext_lazy("换证或注销"), "normative_docs:officer_renew"))
def certificate_expiry(today, records):
    rows = records.filter(revoked_on__isnull=True, valid_until__gte=today,
                          valid_until__lte=today + CERTIFICATE_WINDOW).values_list(
        "pk", "unit__area_id", "valid_until", "unit__name", "name", "certificate_number")
    title = _("行政执法证即将到期：%(u)s %(n)s（%(c)s）")
    for pk, area_id, due_on, unit, name, number in rows:
        yield Due(pk, area_id, due_on, title % {"u": unit, "n": name, "c": number}, role=Role.SECTION)

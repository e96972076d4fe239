"""The to-do of enforcement supervision, for the district's 法制科 (imported by normative_docs/reminders.py):

- `normative_docs.rectification_due`: an enforcement file reviewed with problems, due on its rectification
  deadline (`ReviewedFile.rectify_by`) until the rectification is recorded (`reviewed_file_rectify`).
"""

from django.utils.translation import gettext as _

from bureau.models import Role
from bureau.reminders import Due, reminder_rule

RECTIFICATION_DUE = "normative_docs.rectification_due"


@reminder_rule(RECTIFICATION_DUE, model="normative_docs.ReviewedFile", label="执法案卷评查问题整改期限")
def rectification_due(today, records):
    rows = records.open_rectifications().values_list("pk", "review__area_id", "rectify_by", "unit__name",
                                                      "file_number")
    for pk, area_id, due_on, unit, number in rows:
        yield Due(pk, area_id, due_on, _("案卷评查问题整改：%(u)s %(n)s") % {"u": unit, "n": number},
                  role=Role.SECTION)

"""普法's clocks as to-dos.

- `publicity.position_review`: a 法治文化阵地 whose naming runs until `reviewed_until` is to be reviewed (复核)
  before then — a to-do for the district's 普法与依法治理科, due REVIEW_NOTICE_DAYS before that day, opened once
  that day has come (not years ahead, which would only crowd the inbox). Windowed (bureau.reminders): the services
  close it themselves when the position is reviewed, its date changed or its naming revoked.

The law exam's rules are in exam_reminders.py (imported at the end).
"""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.models import Area, Role
from bureau.reminders import Due, ReminderAction, reminder_rule

REVIEW_DUE = "publicity.position_review"
REVIEW_NOTICE_DAYS = 60


def district_of(area_id, level, parent_id, grandparent_id):
    if level == Area.Level.COMMUNITY:
        return grandparent_id
    if level == Area.Level.STREET:
        return parent_id
    return area_id


@reminder_rule(REVIEW_DUE, model="publicity.Position", label="法治文化阵地复核", windowed=True,
               action=ReminderAction(gettext_lazy("复核阵地"), "publicity:position_detail"))
def position_review(today, records):
    soon = today + timedelta(days=REVIEW_NOTICE_DAYS)
    rows = records.filter(revoked_on__isnull=True, reviewed_until__lte=soon).values_list(
        "pk", "area_id", "area__level", "area__parent_id", "area__parent__parent_id", "reviewed_until", "name")
    title = _("法治文化阵地复核：%(name)s（有效期至%(date)s）")
    for pk, area_id, level, parent_id, grandparent_id, until, name in rows:
        yield Due(pk, district_of(area_id, level, parent_id, grandparent_id),
                  until - timedelta(days=REVIEW_NOTICE_DAYS), title % {"name": name, "date": until},
                  role=Role.SECTION)


from . import exam_reminders  # noqa: E402, F401

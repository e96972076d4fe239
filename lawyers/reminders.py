"""Advisors' silences as to-dos for the office that oversees them (the street's 司法所; for a posting at district
level, the district's lawyers section). Each rule is one set-based query over the postings it is given (all for
the daily run, those a write touched for `bureau.reminders.reminders_refresh`); `bureau.reminders.run_rules`
keeps them idempotent by (kind, posting, due date). A service log entry closes the to-dos it answers
(lawyers.services.todos_close_for_logs). The monthly rule is about last month only, so it is `windowed`: a
refresh in a later month does not take its silence for "done".
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from bureau.models import Area, Role
from bureau.reminders import Due, reminder_rule

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
    for pk, level, area_id, parent_id, place, name in rows:
        office, role = _office(level, area_id, parent_id)
        yield Due(pk, office, no_log_due_on(first), _("%(place)s法律顾问%(name)s在%(y)d年%(m)d月没有服务记录") % {
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
    for pk, level, area_id, parent_id, place, name, since in rows:
        office, role = _office(level, area_id, parent_id)
        yield Due(pk, office, since + timedelta(days=IDLE_DAYS),
                  _("%(place)s法律顾问%(name)s自%(since)s起已连续%(days)d天无服务记录") % {
                      "place": place, "name": name, "since": since.isoformat(), "days": IDLE_DAYS}, role=role)

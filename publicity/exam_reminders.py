"""The law exam's to-dos (imported by publicity/reminders.py).

- `publicity.exam_participation_low`: once an exam's period is over and its results are in (at least one
  participant imported), every unit on its list whose participation rate (participants / eligible) is below the
  exam's threshold is a to-do of the district's section (普法与依法治理科), due FOLLOW_UP_DAYS after the exam
  ended. Complete: asked about some units it yields every to-do still owed, so the refresh after an import, a
  changed eligible count or threshold cancels the to-do of a unit that reached the threshold.
"""

from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from bureau.models import Role
from bureau.reminders import Due, reminder_rule

PARTICIPATION_LOW = "publicity.exam_participation_low"
FOLLOW_UP_DAYS = 15


@reminder_rule(PARTICIPATION_LOW, model="publicity.ExamUnit", label="学法考试参考率未达标")
def participation_low(today, records):
    from .models import Participant

    took_part = (Participant.objects.filter(exam=OuterRef("exam"), unit=OuterRef("unit")).order_by()
                 .values("unit").annotate(n=Count("pk")).values("n"))
    rows = (records.filter(exam__held_to__lt=today)
            .filter(Exists(Participant.objects.filter(exam=OuterRef("exam"))))
            .annotate(took_part=Coalesce(Subquery(took_part), Value(0)))
            .filter(Q(took_part__lt=F("eligible") * F("exam__participation_threshold")))
            .values_list("pk", "exam__area_id", "exam__held_to", "exam__year", "unit__name", "took_part", "eligible"))
    title = _("%(year)s年学法考试参考率未达标：%(unit)s（%(n)d/%(eligible)d人）")
    for pk, area_id, held_to, year, unit, took_part, eligible in rows:
        yield Due(pk, area_id, held_to + timedelta(days=FOLLOW_UP_DAYS),
                  title % {"year": year, "unit": unit, "n": took_part, "eligible": eligible}, role=Role.SECTION)

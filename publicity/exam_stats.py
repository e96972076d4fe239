"""Indicators of the law exam and 谁执法谁普法 evaluation (indicators.md, section publicity; imported by
publicity/stats.py).

The exam figures count the exams held in the period (their first day, 考试开始日期, within it) in the area: the
participants imported for them, the eligible staff of their unit lists, and the excellent among the participants
(score at or above each exam's own excellent score). Rates are over the same exams: participants / eligible and
excellent / participants. `units_evaluated` counts the units whose 履职评议 is dated in the period. Three
aggregate queries for any area and period.
"""

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from figures.stats import Better, Indicator, Measure, Ratio, indicator_group, rate, register_measures, register_ratios

from .apps import FUNCTION
from .models import Evaluation, ExamUnit, Participant

INDICATORS = [
    Indicator("publicity.exam_participants", _("学法考试参考人数"), "人", _("期内举行的学法考试的参考人数"),
              better=Better.UP),
    Indicator("publicity.exam_participation_rate", _("参考率"), "率",
              _("期内举行的学法考试参考人数占应参考人数的比例"), key=True, better=Better.UP),
    Indicator("publicity.exam_excellent_rate", _("优秀率"), "率",
              _("期内举行的学法考试中成绩达到优秀分数线的人数占参考人数的比例"), better=Better.UP),
    Indicator("publicity.units_evaluated", _("谁执法谁普法履职评议单位"), "个", _("期内开展普法履职评议的单位"),
              better=Better.UP),
]


@indicator_group(FUNCTION, INDICATORS)
def exam(area, period):
    held = Q(exam__held_from__range=(period.start, period.end))
    took = Participant.objects.in_area(area).filter(held).aggregate(
        participants=Count("pk"), excellent=Count("pk", filter=Q(score__gte=F("exam__excellent_score"))))
    eligible = ExamUnit.objects.in_area(area).filter(held).aggregate(n=Sum("eligible"))["n"] or 0
    evaluated = (Evaluation.objects.in_area(area).evaluated_in(period.start, period.end)
                 .aggregate(n=Count("unit", distinct=True))["n"])
    return {
        "publicity.exam_participants": took["participants"],
        "publicity.exam_participation_rate": rate(took["participants"], eligible),
        "publicity.exam_excellent_rate": rate(took["excellent"], took["participants"]),
        "publicity.units_evaluated": evaluated,
    }


register_measures(
    Measure("publicity.exam_participants", lambda: Participant.objects.all(), "exam__held_from", Count("pk"),
            area_field="exam__area"),
    Measure("publicity.units_evaluated", lambda: Evaluation.objects.all(), "evaluated_on",
            Count("unit", distinct=True)),
)

# The whole of 参考率 (a measure of no indicator of its own): the comparison of areas groups both parts.
register_measures(Measure("publicity.exam_eligible", lambda: ExamUnit.objects.all(), "exam__held_from", Sum("eligible"),
                          area_field="exam__area"))
register_ratios(Ratio("publicity.exam_participation_rate", part="publicity.exam_participants",
                      whole="publicity.exam_eligible"))

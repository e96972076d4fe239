"""The rule_of_law.* indicators of indicators.md: major decisions, enforcement supervision, government counsel,
legal affairs and 述法 (imported at the end of normative_docs/stats.py). Six aggregate queries for any area and
period.

- `major_decisions`: items put on the catalogue in the period and not withdrawn from it; `…_completed`: items
  whose decision was made (决策作出, every statutory step ticked) in the period.
- `enforcement_file_reviews`: 案卷评查 campaigns started in the period; `enforcement_files_sampled`: files they
  reviewed in the period.
- `enforcement_trainings` / `…_attendances`: trainings held in the period and their person-times.
- `counsel_firms` / `counsel_people`: distinct law firms and lawyers engaged as legal counsel on the period's
  last day (an engagement runs from its start to its end day, both included).
- `legal_affairs`: legal affairs handled in the period, by the section or by counsel; also
  `legal_affairs_by_kind.<kind>`.
- `shufa_units` / `shufa_person_times`: distinct units whose leaders reported (述法) in the period / the reports.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from figures.stats import Better, Indicator, Measure, Stock, indicator_group, register_measures, register_stocks

from .apps import FUNCTION
from .models import (
    AffairKind,
    CounselEngagement,
    CounselLawyer,
    DecisionStatus,
    EnforcementTraining,
    FileReview,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    ShufaReport,
)

INDICATORS = [
    Indicator("rule_of_law.major_decisions", _("重大行政决策事项"), "项", _("期内列入重大行政决策目录（未调出）的事项"),
              better=Better.NEITHER),
    Indicator("rule_of_law.major_decisions_completed", _("重大行政决策作出"), "项",
              _("期内履行全部法定程序后作出决策的重大行政决策事项"), better=Better.NEITHER),
    Indicator("rule_of_law.enforcement_file_reviews", _("行政执法案卷评查"), "次", _("期内开展的行政执法案卷评查活动"),
              better=Better.UP),
    Indicator("rule_of_law.enforcement_files_sampled", _("评查执法案卷"), "宗", _("期内评查的行政执法案卷"),
              better=Better.UP),
    Indicator("rule_of_law.enforcement_trainings", _("行政执法培训"), "期", _("期内举办的行政执法培训"),
              better=Better.UP),
    Indicator("rule_of_law.enforcement_training_attendances", _("行政执法培训人次"), "人次",
              _("期内行政执法培训的参训人次"), better=Better.UP),
    Indicator("rule_of_law.counsel_firms", _("政府法律顾问律所"), "家", _("统计期间最后一日在聘的法律顾问律师事务所"),
              better=Better.NEITHER),
    Indicator("rule_of_law.counsel_people", _("政府法律顾问人员"), "人", _("统计期间最后一日在聘的法律顾问律师"),
              better=Better.NEITHER),
    Indicator("rule_of_law.legal_affairs", _("承办法律事务"), "件", _("期内法制科和法律顾问办结的法律事务"), key=True,
              better=Better.NEITHER),
    *(Indicator(f"rule_of_law.legal_affairs_by_kind.{value}", label, "件",
                format_lazy(_("期内办结的法律事务：{kind}"), kind=label), better=Better.NEITHER)
      for value, label in AffairKind.choices),
    Indicator("rule_of_law.shufa_units", _("述法单位"), "个", _("期内开展述法的单位"), better=Better.UP),
    Indicator("rule_of_law.shufa_person_times", _("述法人次"), "人次", _("期内领导干部述法的人次"), better=Better.UP),
]


def _engaged_on(area, day):
    """(firms, lawyers) engaged as counsel on `day`: one query."""
    engaged = CounselEngagement.objects.in_area(area).engaged_on(day)
    return CounselLawyer.objects.filter(engagement__in=engaged).aggregate(
        firms=Count("engagement__firm", distinct=True), people=Count("lawyer", distinct=True))


@indicator_group(FUNCTION, INDICATORS)
def rule_of_law(area, period):
    span = (period.start, period.end)
    decisions = MajorDecision.objects.in_area(area).aggregate(
        listed=Count("pk", filter=Q(catalogued_on__range=span) & ~Q(status=DecisionStatus.WITHDRAWN)),
        done=Count("pk", filter=Q(done_on__range=span)))
    reviews = FileReview.objects.in_area(area).filter(started_on__range=span).count()
    files = ReviewedFile.objects.in_area(area).filter(reviewed_on__range=span).count()
    trainings = EnforcementTraining.objects.in_area(area).filter(held_on__range=span).aggregate(
        n=Count("pk"), people=Sum("attendances"))
    counsel = _engaged_on(area, period.end)
    affairs = LegalAffair.objects.in_area(area).filter(handled_on__range=span).aggregate(
        n=Count("pk"), **{f"k_{v}": Count("pk", filter=Q(kind=v)) for v in AffairKind.values})
    shufa = ShufaReport.objects.in_area(area).filter(reported_on__range=span).aggregate(
        units=Count("unit", distinct=True), n=Count("pk"))
    values = {
        "rule_of_law.major_decisions": decisions["listed"],
        "rule_of_law.major_decisions_completed": decisions["done"],
        "rule_of_law.enforcement_file_reviews": reviews,
        "rule_of_law.enforcement_files_sampled": files,
        "rule_of_law.enforcement_trainings": trainings["n"],
        "rule_of_law.enforcement_training_attendances": trainings["people"] or 0,
        "rule_of_law.counsel_firms": counsel["firms"],
        "rule_of_law.counsel_people": counsel["people"],
        "rule_of_law.legal_affairs": affairs["n"],
        "rule_of_law.shufa_units": shufa["units"],
        "rule_of_law.shufa_person_times": shufa["n"],
    }
    values.update({f"rule_of_law.legal_affairs_by_kind.{v}": affairs[f"k_{v}"] for v in AffairKind.values})
    return values


register_measures(
    Measure("rule_of_law.enforcement_files_sampled", lambda: ReviewedFile.objects.all(), "reviewed_on", Count("pk"),
            area_field="review__area"),
    Measure("rule_of_law.enforcement_training_attendances", lambda: EnforcementTraining.objects.all(), "held_on",
            Sum("attendances")),
    Measure("rule_of_law.legal_affairs", lambda: LegalAffair.objects.all(), "handled_on", Count("pk")),
    Measure("rule_of_law.shufa_person_times", lambda: ShufaReport.objects.all(), "reported_on", Count("pk")),
)

register_stocks(
    Stock("rule_of_law.counsel_firms", lambda area, day: _engaged_on(area, day)["firms"]),
    Stock("rule_of_law.counsel_people", lambda area, day: _engaged_on(area, day)["people"]),
)


def paragraph(v):
    """The sentences of these figures, which normative_docs.stats' paragraph ends with (the dashboards and the
    report join the function's groups); a part with nothing in the period is left out, and so is a nil figure
    within a part."""
    v = defaultdict(int, v)  # a caller may ask for the core codes only

    def clause(words, code, unit):
        return f"{words}{v[code]}{unit}" if v[code] else ""

    def joined(*clauses, sep="，"):
        return sep.join(c for c in clauses if c)

    parts = [
        joined(clause("重大行政决策目录事项", "rule_of_law.major_decisions", "项"),
               clause("履行法定程序后作出决策", "rule_of_law.major_decisions_completed", "项")),
        joined(clause("开展行政执法案卷评查", "rule_of_law.enforcement_file_reviews", "次"),
               clause("评查案卷", "rule_of_law.enforcement_files_sampled", "宗")),
        joined(clause("举办行政执法培训", "rule_of_law.enforcement_trainings", "期"),
               clause("", "rule_of_law.enforcement_training_attendances", "人次"), sep=""),
        joined(joined(clause("在聘政府法律顾问律师事务所", "rule_of_law.counsel_firms", "家"),
                      clause("律师", "rule_of_law.counsel_people", "人"), sep="、"),
               clause("承办法律事务", "rule_of_law.legal_affairs", "件")),
        joined(clause("", "rule_of_law.shufa_units", "个单位"), clause("", "rule_of_law.shufa_person_times", "人次"),
               sep="") + ("开展述法" if v["rule_of_law.shufa_units"] or v["rule_of_law.shufa_person_times"] else ""),
    ]
    parts = [part for part in parts if part]
    return "；".join(parts) + "。" if parts else ""

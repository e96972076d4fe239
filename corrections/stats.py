"""Community corrections' and resettlement's indicators (indicators.md, sections corrections and resettlement).

Four queries for any area and period: the ledger's flows (one conditional aggregate), the register at the
day before the period and at its end (each one DISTINCT ON query of `LedgerEntry.objects.on_register`,
computed apart from the flows so that `start + received + transferred in − released − terminated −
transferred out = end` is a real check), and every other count as a scalar subquery of one SELECT.

Flows count in the area the ledger line belongs to; a transfer between two streets of the area asked about
is internal and counts nowhere (`counted_in`). Events, decisions and emergencies count where they happened
(the office copied onto the record), meetings and sessions where they were held, attendances at the office
of the person attending.
"""

from datetime import timedelta

from django.db.models import Count, IntegerField, Q, Subquery
from django.utils.translation import gettext_lazy as _

from bureau.models import Area
from figures.stats import (
    Better,
    Indicator,
    Measure,
    Stock,
    compared,
    indicator_group,
    register_measures,
    register_stocks,
    report_paragraph,
)
from corrections.apps import FUNCTION

from .models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    LedgerEntry,
    Monitoring,
    ReleasedPerson,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    SupervisionEvent,
)

Kind = LedgerEntry.Kind
Event = SupervisionEvent.Kind
Decision = AssessmentDecision.Kind
Session = EducationSession.Kind

INDICATORS = [
    Indicator("corrections.on_register_start", _("期初在册"), "人", _("统计期间开始前一日在册的社区矫正对象"), better=Better.NEITHER),
    Indicator("corrections.received", _("接收社区矫正对象"), "人", _("期内报到接收的社区矫正对象"), key=True, better=Better.NEITHER),
    Indicator("corrections.transferred_in", _("迁入"), "人", _("期内由区域外变更执行地迁入的社区矫正对象"), better=Better.NEITHER),
    Indicator("corrections.transferred_out", _("迁出"), "人", _("期内变更执行地迁出至区域外的社区矫正对象"), better=Better.NEITHER),
    Indicator("corrections.released", _("解除矫正"), "人", _("期内矫正期满解除矫正的社区矫正对象"), better=Better.NEITHER),
    Indicator("corrections.terminated", _("终止矫正"), "人", _("期内因撤销缓刑、假释，收监执行或死亡终止矫正的社区矫正对象"), better=Better.DOWN),
    Indicator("corrections.on_register", _("在册社区矫正对象"), "人",
              _("统计期间最后一日在册的社区矫正对象（期初在册＋接收＋迁入－解除－终止－迁出）"), key=True, better=Better.NEITHER),
    Indicator("corrections.talks", _("谈话教育人次"), "人次", _("期内开展的谈话教育"), key=True, better=Better.UP),
    Indicator("corrections.information_checks", _("信息化核查人次"), "人次", _("期内开展的信息化核查（含随机抽查）"), better=Better.UP),
    Indicator("corrections.risk_meetings", _("风险研判会议"), "场", _("期内召开的风险研判会议"), better=Better.UP),
    Indicator("corrections.risk_cases", _("风险隐患案件"), "件", _("期内发现并落实管控措施的风险隐患案件"), better=Better.NEITHER),
    Indicator("corrections.deliberation_meetings", _("重大疑难案件合议会议"), "场", _("期内召开的重大疑难案件合议会议"), better=Better.NEITHER),
    Indicator("corrections.deliberated_cases", _("合议案件"), "件", _("期内合议会议作出结论的案件"), better=Better.NEITHER),
    Indicator("corrections.assessment_meetings", _("奖惩评审会议"), "场", _("期内召开的奖惩评审会议"), better=Better.NEITHER),
    Indicator("corrections.praises", _("表扬"), "人次", _("期内评审决定给予表扬"), better=Better.UP),
    Indicator("corrections.reprimands", _("训诫"), "人次", _("期内评审决定给予训诫"), better=Better.DOWN),
    Indicator("corrections.warnings", _("警告"), "人次", _("期内评审决定给予警告"), better=Better.DOWN),
    Indicator("corrections.monitoring_approved", _("批准电子定位"), "人", _("期内新批准使用电子定位（不含续期）"), better=Better.NEITHER),
    Indicator("corrections.education_sessions", _("线上法治道德教育场次"), "场", _("期内组织的线上法治道德教育"), better=Better.UP),
    Indicator("corrections.education_attendances", _("线上法治道德教育人次"), "人次", _("参加上述教育的社区矫正对象人次"), better=Better.UP),
    Indicator("corrections.psych_sessions", _("心理健康讲座场次"), "场", _("期内组织的心理健康讲座"), better=Better.UP),
    Indicator("corrections.psych_attendances", _("心理健康讲座人次"), "人次", _("参加上述讲座的社区矫正对象人次"), better=Better.UP),
    Indicator("corrections.file_spot_checks", _("档案抽查人次"), "人次", _("期内抽查的社区矫正档案"), better=Better.UP),
    Indicator("corrections.emergencies", _("突发事件"), "件", _("期内发生并处置的突发事件"), better=Better.DOWN),
    Indicator("resettlement.listed", _("列管安置帮教人员"), "人", _("统计期间最后一日处于五年帮教期内的刑满释放人员"), better=Better.NEITHER),
]

FLOWS = {
    "corrections.received": Kind.RECEIVED,
    "corrections.transferred_in": Kind.TRANSFERRED_IN,
    "corrections.transferred_out": Kind.TRANSFERRED_OUT,
    "corrections.released": Kind.RELEASED,
    "corrections.terminated": Kind.TERMINATED,
}


class _Count(Subquery):
    """COUNT(*) of a queryset as a scalar subquery, so that many counts travel in one SELECT."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values("pk"))


def _counts(area, period):
    span = (period.start, period.end)
    events = SupervisionEvent.objects.happened_in(area).filter(on__range=span)
    decisions = AssessmentDecision.objects.happened_in(area).filter(decided_on__range=span)
    sessions = EducationSession.objects.in_area(area).filter(held_on__range=span)
    attendances = Attendance.objects.happened_in(area).filter(session__held_on__range=span)
    querysets = {
        "corrections.talks": events.filter(kind=Event.TALK),
        "corrections.information_checks": events.filter(kind=Event.INFO_CHECK),
        "corrections.file_spot_checks": events.filter(kind=Event.FILE_CHECK),
        "corrections.risk_meetings": RiskMeeting.objects.in_area(area).filter(held_on__range=span),
        "corrections.risk_cases": RiskCase.objects.happened_in(area).filter(identified_on__range=span),
        "corrections.deliberation_meetings": Deliberation.objects.in_area(area).filter(held_on__range=span),
        "corrections.deliberated_cases": DeliberatedCase.objects.happened_in(area).filter(
            deliberation__held_on__range=span),
        "corrections.assessment_meetings": ReviewMeeting.objects.in_area(area).filter(held_on__range=span),
        "corrections.praises": decisions.filter(kind=Decision.PRAISE),
        "corrections.reprimands": decisions.filter(kind=Decision.REPRIMAND),
        "corrections.warnings": decisions.filter(kind=Decision.WARNING),
        "corrections.monitoring_approved": Monitoring.objects.happened_in(area).filter(
            renewal_of__isnull=True, approved_on__range=span),
        "corrections.education_sessions": sessions.filter(kind=Session.LEGAL_MORAL),
        "corrections.education_attendances": attendances.filter(session__kind=Session.LEGAL_MORAL),
        "corrections.psych_sessions": sessions.filter(kind=Session.PSYCH),
        "corrections.psych_attendances": attendances.filter(session__kind=Session.PSYCH),
        "corrections.emergencies": Emergency.objects.happened_in(area).filter(occurred_on__range=span),
        "resettlement.listed": ReleasedPerson.objects.in_area(area).listed_on(period.end),
    }
    # SQL aliases cannot hold a dot.
    aliases = {code: code.replace(".", "_") for code in querysets}
    row = Area.objects.filter(pk=area.pk).values(
        **{aliases[code]: _Count(queryset) for code, queryset in querysets.items()}
    ).get()
    return {code: row[alias] for code, alias in aliases.items()}


@indicator_group(FUNCTION, INDICATORS)
def corrections(area, period):
    flows = LedgerEntry.objects.counted_in(area).filter(on__range=(period.start, period.end)).aggregate(
        **{code.replace(".", "_"): Count("pk", filter=Q(kind=kind)) for code, kind in FLOWS.items()}
    )
    values = {code: flows[code.replace(".", "_")] for code in FLOWS}
    values["corrections.on_register_start"] = LedgerEntry.objects.on_register(area, period.start - timedelta(days=1))
    values["corrections.on_register"] = LedgerEntry.objects.on_register(area, period.end)
    values.update(_counts(area, period))
    return values


register_measures(
    Measure("corrections.received", lambda: LedgerEntry.objects.filter(kind=Kind.RECEIVED), "on", Count("pk")),
    Measure("corrections.talks", lambda: SupervisionEvent.objects.filter(kind=Event.TALK), "on", Count("pk")),
)

def _standing(area, day):
    """The ledger entries that keep a person on the register at the end of `day` (their latest entry up to then,
    an arrival), among the people ever in `area`: `on_register`'s rows, so the comparison groups them by area."""
    ever_here = LedgerEntry.objects.filter(area__path__startswith=area.path).values("supervisee_id")
    latest = (
        LedgerEntry.objects.filter(on__lte=day, supervisee_id__in=ever_here)
        .order_by("supervisee_id", "-on", "-id").distinct("supervisee_id").values("pk")
    )
    return LedgerEntry.objects.filter(pk__in=latest, kind__in=LedgerEntry.ARRIVALS)


register_stocks(
    Stock("corrections.on_register", LedgerEntry.objects.on_register, standing=lambda area, day: _standing(area, day),
          aggregate=Count("pk")),
    Stock("resettlement.listed", lambda area, day: ReleasedPerson.objects.in_area(area).listed_on(day).count()),
)


def _listed(clauses, joiner="、"):
    """"接收3人、迁入1人": the (words, figure, unit) clauses whose figure is not nil."""
    return joiner.join(f"{words}{n}{unit}" for words, n, unit in clauses if n)


@report_paragraph(FUNCTION)
def corrections_paragraph(v, scope):
    """全区期初在册社区矫正对象120人，本期接收35人……期末在册118人。开展谈话教育1200人次……

    Every clause is a figure of the period: a nil one is left out, and nothing is said that no record shows
    (no "未发生脱管" from a count of emergencies, no "逐件落实" from a count of risk cases)."""
    moved = v["corrections.received"] + v["corrections.transferred_in"] + v["corrections.released"] \
        + v["corrections.terminated"] + v["corrections.transferred_out"]
    if not (v["corrections.on_register_start"] or moved or v["resettlement.listed"]):
        return f"本期{scope}无在册社区矫正对象和安置帮教人员。"
    text = ""
    if v["corrections.on_register_start"] or moved:
        start = v["corrections.on_register_start"]
        ledger = [f"期初在册社区矫正对象{start}人"] if start else []
        noun = "" if start else "社区矫正对象"
        came = _listed([(f"接收{noun}", v["corrections.received"], "人"),
                        ("迁入", v["corrections.transferred_in"], "人")])
        if came:
            ledger.append(f"本期{came}")
        left = _listed([(words, v[code], "人") for words, code in (
            ("解除矫正", "corrections.released"), ("终止矫正", "corrections.terminated"),
            ("迁出", "corrections.transferred_out"))])
        if left:
            ledger.append(left)
        end = v["corrections.on_register"]
        ledger.append(f"期末在册{end}人{compared(scope, 'corrections.on_register', end)}" if end else "期末无在册人员")
        text = f"{scope}" + "，".join(ledger) + "。"
    supervision = []
    if v["corrections.talks"]:
        supervision.append(f"开展谈话教育{v['corrections.talks']}人次"
                           f"{compared(scope, 'corrections.talks', v['corrections.talks'])}")
    if v["corrections.information_checks"]:
        supervision.append(f"信息化核查{v['corrections.information_checks']}人次")
    if v["corrections.file_spot_checks"]:
        supervision.append(f"抽查档案{v['corrections.file_spot_checks']}人次")
    if v["corrections.education_sessions"]:
        supervision.append(f"组织线上法治道德教育{v['corrections.education_sessions']}场"
                           + (f"、{v['corrections.education_attendances']}人次"
                              if v["corrections.education_attendances"] else ""))
    if v["corrections.psych_sessions"]:
        attended = v["corrections.psych_attendances"]
        supervision.append(f"心理健康讲座{v['corrections.psych_sessions']}场"
                           + (f"、{attended}人次" if attended else ""))
    if supervision:
        text += "，".join(supervision) + "。"
    if v["corrections.assessment_meetings"]:
        decisions = [(name, v[code]) for name, code in (("表扬", "corrections.praises"),
                                                        ("训诫", "corrections.reprimands"),
                                                        ("警告", "corrections.warnings"))]
        text += f"召开奖惩评审会议{v['corrections.assessment_meetings']}场"
        if any(n for _, n in decisions):
            text += "，决定" + "、".join(f"{name}{n}人次" for name, n in decisions if n)
        text += "。"
    if v["corrections.monitoring_approved"]:
        text += f"依法批准使用电子定位{v['corrections.monitoring_approved']}人。"
    risk = _listed([("召开风险研判会议", v["corrections.risk_meetings"], "场"),
                    ("排查风险隐患案件", v["corrections.risk_cases"], "件")], "，")
    if risk:
        text += risk + "。"
    if v["corrections.deliberation_meetings"]:
        text += f"召开重大疑难案件合议会议{v['corrections.deliberation_meetings']}场"
        if v["corrections.deliberated_cases"]:
            text += f"，合议案件{v['corrections.deliberated_cases']}件"
        text += "。"
    if v["corrections.emergencies"]:
        text += f"处置突发事件{v['corrections.emergencies']}件。"
    if v["resettlement.listed"]:
        text += f"期末列管安置帮教人员{v['resettlement.listed']}人。"
    return text

"""The lawyers function's indicators (indicators.md, section “lawyers and advisors”): the registry at period end,
lawyer supervision and the community legal advisors' work, in eight aggregate queries for any area and period.

How each advisors.* figure is counted from the service log (KIND_RULES):
- by the sum of the entries' counts: disputes_handled (件), disputes_resolved (件 of entries marked 化解成功),
  documents_reviewed (份), legal_opinions (份), online_services (人次), enterprise_visits (家),
  enterprise_health_checks (家), consultations (人次);
- by the number of entries (one entry is one event): publicity_events (场), lectures (场), mass_incidents (起).
An entry counts in the area of its community and on its service date.

Supervision (lawyers.supervision) belongs to a district: its figures are the district's (and the city's, the
sum of its districts); a street has none.
- random_inspections: 双随机一公开 plans carried out, i.e. whose results were published (公开) in the period;
- supervision_inspections: supervision visits (督导检查) made in the period;
- complaints_received: complaints received (收到) in the period, whatever became of them;
- complaints_concluded: complaints concluded (办结, the finding and reply given) in the period;
- violation_firms / violation_lawyers: distinct firms (found at fault themselves, no lawyer named) / distinct
  lawyers with a violation found in the period;
- violations_rectifying: violations found by the period's last day and not closed (销号) by then.
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

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
from lawyers.apps import FUNCTION

from .models import (
    Complaint,
    ComplaintSource,
    LawFirm,
    Lawyer,
    Posting,
    RandomInspectionPlan,
    ServiceKind,
    ServiceLog,
    SupervisionVisit,
    Violation,
    rectifying_on,
    units,
)

K = ServiceKind

# code suffix, kind, only entries marked 化解成功
ADVISOR_FIGURES = [
    ("disputes_handled", K.DISPUTE, False),
    ("disputes_resolved", K.DISPUTE, True),
    ("publicity_events", K.PUBLICITY, False),
    ("lectures", K.LECTURE, False),
    ("documents_reviewed", K.DOCUMENT_REVIEW, False),
    ("legal_opinions", K.LEGAL_OPINION, False),
    ("mass_incidents", K.MASS_INCIDENT, False),
    ("online_services", K.ONLINE, False),
    ("enterprise_visits", K.ENTERPRISE_VISIT, False),
    ("enterprise_health_checks", K.HEALTH_CHECK, False),
    ("consultations", K.CONSULTATION, False),
]

LAWYER_KINDS = {
    "fulltime": Lawyer.Kind.FULL_TIME,
    "parttime": Lawyer.Kind.PART_TIME,
    "public": Lawyer.Kind.PUBLIC,
    "corporate": Lawyer.Kind.CORPORATE,
}

INDICATORS = [
    Indicator("lawyers.law_firms", _("律师事务所"), "家", _("期末执业的律师事务所（成立不晚于期末、期末未注销）"), better=Better.UP),
    Indicator("lawyers.lawyers", _("执业律师"), "人", _("期末执业的律师（首次执业不晚于期末、期末未终止执业；停止执业处罚期间仍计入）"), better=Better.UP),
    Indicator("lawyers.lawyers_fulltime", _("专职律师"), "人", _("期末执业律师中的专职律师"), better=Better.NEITHER),
    Indicator("lawyers.lawyers_parttime", _("兼职律师"), "人", _("期末执业律师中的兼职律师"), better=Better.NEITHER),
    Indicator("lawyers.lawyers_public", _("公职律师"), "人", _("期末执业律师中的公职律师"), better=Better.NEITHER),
    Indicator("lawyers.lawyers_corporate", _("公司律师"), "人", _("期末执业律师中的公司律师"), better=Better.NEITHER),
    Indicator("advisors.advisors", _("社区法律顾问"), "人", _("期末在派驻期内的法律顾问（按人计，派驻多个社区计一人）"), key=True, better=Better.UP),
    Indicator("advisors.disputes_handled", _("参与受理矛盾纠纷"), "件", _("期内服务记录中参与受理矛盾纠纷的件数之和"),
              key=True, better=Better.NEITHER),
    Indicator("advisors.disputes_resolved", _("化解成功"), "件", _("其中标记为化解成功的件数之和"), better=Better.UP),
    Indicator("advisors.publicity_events", _("普法宣传教育活动"), "场", _("期内普法宣传教育活动的记录条数（每条一场）"), better=Better.UP),
    Indicator("advisors.lectures", _("法治讲座或培训"), "场", _("期内法治讲座或培训的记录条数（每条一场）"), better=Better.UP),
    Indicator("advisors.documents_reviewed", _("审查法律文书"), "份", _("期内审查法律文书的份数之和"), better=Better.UP),
    Indicator("advisors.legal_opinions", _("出具法律意见"), "份", _("期内出具法律意见的份数之和"), better=Better.UP),
    Indicator("advisors.mass_incidents", _("协助处理群体性事件"), "起", _("期内协助处理群体性事件的记录条数（每条一起）"), better=Better.DOWN),
    Indicator("advisors.online_services", _("线上法律服务"), "人次", _("期内线上法律服务的人次之和"), better=Better.UP),
    Indicator("advisors.enterprise_visits", _("走访企业"), "家", _("期内走访企业的家数之和"), better=Better.UP),
    Indicator("advisors.enterprise_health_checks", _("企业法治体检"), "家", _("期内企业法治体检的家数之和"), better=Better.UP),
    Indicator("advisors.consultations", _("法律咨询"), "人次", _("期内法律咨询的人次之和"), key=True, better=Better.UP),
]


SUPERVISION_INDICATORS = [
    Indicator("lawyers.random_inspections", _("双随机抽查"), "次", _("期内公开检查结果的“双随机、一公开”抽查次数"),
              better=Better.UP),
    Indicator("lawyers.supervision_inspections", _("督导检查"), "次", _("期内对律师事务所开展督导检查（实地走访）的次数"),
              better=Better.UP),
    Indicator("lawyers.complaints_received", _("接到投诉"), "宗", _("期内收到的律师、律师事务所执业投诉宗数（含转办、移交）"),
              better=Better.NEITHER),
    Indicator("lawyers.complaints_transferred", _("转办、移交投诉"), "宗",
              _("期内收到的投诉中省厅转办、市局转办和他区移交的宗数"), better=Better.NEITHER),
    Indicator("lawyers.complaints_concluded", _("投诉办结"), "宗", _("期内办结（作出调查结论并答复投诉人）的投诉宗数"),
              better=Better.UP),
    Indicator("lawyers.violation_firms", _("违规律师事务所"), "家", _("期内发现律师事务所自身存在违规行为的家数（去重，不含仅其律师违规的）"),
              better=Better.DOWN),
    Indicator("lawyers.violation_lawyers", _("违规律师"), "人", _("期内发现存在违规行为的律师人数（去重）"),
              better=Better.DOWN),
    Indicator("lawyers.violations_rectifying", _("仍在整改"), "件", _("期末已发现、尚未整改销号的违规行为件数"),
              better=Better.DOWN),
]
# 省厅转办, 市局转办, 他区移交: the complaints the report names as transferred.
TRANSFERRED_SOURCES = [ComplaintSource.PROVINCE, ComplaintSource.CITY, ComplaintSource.OTHER_DISTRICT]


def supervision(area, period):
    """The supervision figures in four aggregate queries, whatever the area and period."""
    start, end = period.start, period.end
    plans = RandomInspectionPlan.objects.in_area(area).filter(published_on__range=(start, end)).count()
    visits = SupervisionVisit.objects.in_area(area).filter(visited_on__range=(start, end)).count()
    complaints = Complaint.objects.in_area(area).aggregate(
        received=Count("pk", filter=Q(received_on__range=(start, end))),
        transferred=Count("pk", filter=Q(received_on__range=(start, end), source__in=TRANSFERRED_SOURCES)),
        concluded=Count("pk", filter=Q(concluded_on__range=(start, end))),
    )
    # A lawyer's violation names their firm too (for the record); the firms counted are those found at fault
    # themselves, with no lawyer named.
    found = Q(found_on__range=(start, end))
    violations = Violation.objects.in_area(area).aggregate(
        firms=Count("firm", distinct=True, filter=found & Q(lawyer__isnull=True)),
        lawyers=Count("lawyer", distinct=True, filter=found),
        rectifying=Count("pk", filter=rectifying_on(end)))
    return {
        "lawyers.random_inspections": plans,
        "lawyers.supervision_inspections": visits,
        "lawyers.complaints_received": complaints["received"],
        "lawyers.complaints_transferred": complaints["transferred"],
        "lawyers.complaints_concluded": complaints["concluded"],
        "lawyers.violation_firms": violations["firms"],
        "lawyers.violation_lawyers": violations["lawyers"],
        "lawyers.violations_rectifying": violations["rectifying"],
    }


def supervision_sentences(v):
    """开展了2次“双随机、一公开”抽查工作，组织开展督导检查工作5次。共接到投诉案件8宗，其中上级转办、他区移交3宗，
    目前6宗已办结。核查出2家律师事务所、3名律师存在违规执业行为，4件仍在整改。 (Nil figures are left out.)"""
    work = []
    if v["lawyers.random_inspections"]:
        work.append(f"开展了{v['lawyers.random_inspections']}次“双随机、一公开”抽查工作")
    if v["lawyers.supervision_inspections"]:
        work.append(f"组织开展督导检查工作{v['lawyers.supervision_inspections']}次")
    text = "，".join(work) + "。" if work else ""
    if v["lawyers.complaints_received"]:
        text += f"共接到投诉案件{v['lawyers.complaints_received']}宗"
        if v["lawyers.complaints_transferred"]:
            text += f"，其中上级转办、他区移交{v['lawyers.complaints_transferred']}宗"
        if v["lawyers.complaints_concluded"]:
            text += f"，目前{v['lawyers.complaints_concluded']}宗已办结"
        text += "。"
    elif v["lawyers.complaints_concluded"]:
        text += f"本期未接到投诉案件，办结投诉{v['lawyers.complaints_concluded']}宗。"
    if v["lawyers.violation_firms"] or v["lawyers.violation_lawyers"]:
        rectifying = v["lawyers.violations_rectifying"]
        found = "、".join(words for n, words in (
            (v["lawyers.violation_firms"], f"{v['lawyers.violation_firms']}家律师事务所"),
            (v["lawyers.violation_lawyers"], f"{v['lawyers.violation_lawyers']}名律师")) if n)
        text += (f"核查出{found}存在违规执业行为，"
                 + (f"{rectifying}件仍在整改。" if rectifying else "期末均已整改销号。"))
    elif v["lawyers.violations_rectifying"]:
        text += f"本期未发现新的违规执业行为，{v['lawyers.violations_rectifying']}件违规行为仍在整改。"
    return text


@indicator_group(FUNCTION, INDICATORS + SUPERVISION_INDICATORS)
def lawyers_and_advisors(area, period):
    end = period.end
    firms = LawFirm.objects.in_area(area).practising_on(end).count()
    lawyers = Lawyer.objects.in_area(area).practising_on(end).aggregate(
        total=Count("pk"), **{key: Count("pk", filter=Q(kind=kind)) for key, kind in LAWYER_KINDS.items()})
    advisors = Posting.objects.in_area(area).active_on(end).aggregate(n=Count("lawyer", distinct=True))["n"]
    logs = ServiceLog.objects.in_area(area).filter(on__range=(period.start, end)).aggregate(**{
        code: Sum(units(), filter=Q(kind=kind, **({"resolved": True} if resolved else {})))
        for code, kind, resolved in ADVISOR_FIGURES
    })
    values = {
        "lawyers.law_firms": firms,
        "lawyers.lawyers": lawyers["total"],
        "advisors.advisors": advisors,
    }
    values.update({f"lawyers.lawyers_{key}": lawyers[key] for key in LAWYER_KINDS})
    values.update({f"advisors.{code}": logs[code] or 0 for code, _kind, _resolved in ADVISOR_FIGURES})
    values.update(supervision(area, period))
    return values


def _logs_of(kind, resolved=False):
    return lambda: ServiceLog.objects.filter(kind=kind, **({"resolved": True} if resolved else {}))


register_measures(*(
    Measure(f"advisors.{code}", _logs_of(kind, resolved), "on", Sum(units()))
    for code, kind, resolved in ADVISOR_FIGURES
))
register_stocks(
    Stock("advisors.advisors", lambda area, day: Posting.objects.in_area(area).active_on(day).aggregate(
        n=Count("lawyer", distinct=True))["n"],
          standing=lambda area, day: Posting.objects.active_on(day), aggregate=Count("lawyer", distinct=True)),
    Stock("lawyers.law_firms", lambda area, day: LawFirm.objects.in_area(area).practising_on(day).count()),
    Stock("lawyers.lawyers", lambda area, day: Lawyer.objects.in_area(area).practising_on(day).count()),
)


@report_paragraph(FUNCTION)
def lawyers_paragraph(v, scope):
    """全区共有律师事务所24家、执业律师99人……48名社区法律顾问共参与受理矛盾纠纷…… A kind of lawyer or a piece of
    work with no one in it is left out ("公司律师0人" says nothing); the words are the figures', no more."""
    kinds = "、".join(f"{word}{v[code]}人" for word, code in (
        ("专职律师", "lawyers.lawyers_fulltime"), ("兼职律师", "lawyers.lawyers_parttime"),
        ("公职律师", "lawyers.lawyers_public"), ("公司律师", "lawyers.lawyers_corporate")) if v[code])
    registry = []
    if v["lawyers.law_firms"]:
        registry.append(f"律师事务所{v['lawyers.law_firms']}家")
    if v["lawyers.lawyers"]:
        registry.append(f"执业律师{v['lawyers.lawyers']}人{compared(scope, 'lawyers.lawyers', v['lawyers.lawyers'])}"
                        + (f"（其中{kinds}）" if kinds else ""))
    text = f"{scope}共有" + "、".join(registry) + "。" if registry else f"{scope}暂无执业的律师事务所和律师。"
    if any(v[indicator.code] for indicator in SUPERVISION_INDICATORS):
        text += supervision_sentences(v)
    if not v["advisors.advisors"] and not v["advisors.consultations"]:
        return text + "本期未派驻社区法律顾问。"
    handled = v["advisors.disputes_handled"]
    work = []
    if handled:
        work.append(f"参与受理矛盾纠纷{handled}件{compared(scope, 'advisors.disputes_handled', handled)}"
                    + (f"（化解成功{v['advisors.disputes_resolved']}件）" if v["advisors.disputes_resolved"] else ""))
    work += [f"{words}{v[code]}{unit}" for words, code, unit in (
        ("开展普法宣传教育活动", "advisors.publicity_events", "场"), ("法治讲座或培训", "advisors.lectures", "场"),
        ("审查法律文书", "advisors.documents_reviewed", "份"), ("出具法律意见", "advisors.legal_opinions", "份"),
        ("协助处理群体性事件", "advisors.mass_incidents", "起"),
        ("提供线上法律服务", "advisors.online_services", "人次"), ("走访企业", "advisors.enterprise_visits", "家"),
        ("开展企业法治体检", "advisors.enterprise_health_checks", "家"),
        ("解答法律咨询", "advisors.consultations", "人次")) if v[code]]
    advisors = f"{v['advisors.advisors']}名社区法律顾问" if v["advisors.advisors"] else "社区法律顾问"
    return text + advisors + ("，".join(work) if work else "本期未登记服务") + "。"

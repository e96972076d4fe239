"""Legal aid's indicators (indicators.md, section legalaid): four aggregate queries for any area and period."""

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from figures.formatting import percent, wan_yuan
from figures.stats import (
    Better,
    Indicator,
    Measure,
    amount,
    compared,
    indicator_group,
    rate,
    register_measures,
    report_paragraph,
)
from legalaid.apps import FUNCTION

from .models import Case, Consultation, Decision, HearingEvaluation, MatterKind, Recipient, RecipientGroup

# The recipient groups counted, each named once: its indicator's suffix, the group, the indicator's name and what
# it counts, and the word the work report uses.
GROUPS = [
    ("migrant_workers", RecipientGroup.MIGRANT_WORKER, _("受援农民工"), _("受援人中的农民工"), "农民工"),
    ("elderly", RecipientGroup.ELDERLY, _("受援老年人"), _("受援人中的老年人"), "老年人"),
    ("minors", RecipientGroup.MINOR, _("受援未成年人"), _("受援人中的未成年人"), "未成年人"),
    ("disabled", RecipientGroup.DISABLED, _("受援残疾人"), _("受援人中的残疾人"), "残疾人"),
    ("women", RecipientGroup.WOMEN, _("受援妇女"), _("受援人中的妇女（人群类别为妇女或性别为女）"), "妇女"),
]

INDICATORS = [
    Indicator("legalaid.applications_received", _("收到法律援助申请"), "件", _("期内收到的申请和通知"), better=Better.NEITHER),
    Indicator("legalaid.cases_accepted", _("受理法律援助案件"), "件", _("期内决定给予法律援助（含受理通知）的案件"), key=True, better=Better.UP),
    Indicator("legalaid.cases_criminal", _("刑事案件"), "件", _("受理案件中的刑事案件"), better=Better.NEITHER),
    Indicator("legalaid.cases_civil", _("民事案件"), "件", _("受理案件中的民事案件"), better=Better.NEITHER),
    Indicator("legalaid.cases_administrative", _("行政案件"), "件", _("受理案件中的行政案件"), better=Better.NEITHER),
    Indicator("legalaid.cases_refused", _("不予法律援助"), "件", _("期内决定不予法律援助的案件"), better=Better.NEITHER),
    Indicator("legalaid.cases_closed", _("结案"), "件", _("期内结案的案件"), better=Better.UP),
    Indicator("legalaid.recipients", _("受援人数"), "人", _("受理案件的受援人（群体案件每人计一人）"), key=True, better=Better.UP),
    *(Indicator(f"legalaid.recipients_{key}", name, "人", counts, better=Better.UP)
      for key, _group, name, counts, _word in GROUPS),
    Indicator("legalaid.consultations", _("法律咨询人次"), "人次", _("期内法律咨询人次"), key=True, better=Better.UP),
    Indicator("legalaid.economic_loss_recovered", _("挽回经济损失"), "元", _("期内结案案件挽回的经济损失之和"), key=True, better=Better.UP),
    Indicator("legalaid.decided_on_time_rate", _("按期审查率"), "率",
              _("期内作出的审查决定中在法定期限内作出的比例（通知案件无审查期限，不计入）"), better=Better.UP),
    Indicator("legalaid.hearing_evaluations", _("庭审评估场次"), "场", _("期内开展的庭审评估"), better=Better.UP),
    Indicator("legalaid.evaluation_expert_times", _("评估专家人次"), "人次", _("参加上述庭审评估的专家人次"), better=Better.UP),
]


@indicator_group(FUNCTION, INDICATORS)
def legal_aid(area, period):
    span = (period.start, period.end)
    received = Q(received_on__range=span)
    accepted = Q(decision=Decision.GRANTED, decided_on__range=span)
    closed = Q(closed_on__range=span)
    decided_with_clock = Q(decided_on__range=span, decision_due_on__isnull=False)

    cases = Case.objects.in_area(area).filter(received | Q(decided_on__range=span) | closed).aggregate(
        received=Count("pk", filter=received),
        accepted=Count("pk", filter=accepted),
        criminal=Count("pk", filter=accepted & Q(matter_kind=MatterKind.CRIMINAL)),
        civil=Count("pk", filter=accepted & Q(matter_kind=MatterKind.CIVIL)),
        administrative=Count("pk", filter=accepted & Q(matter_kind=MatterKind.ADMINISTRATIVE)),
        refused=Count("pk", filter=Q(decision=Decision.REFUSED, decided_on__range=span)),
        closed=Count("pk", filter=closed),
        recovered=Sum("recovered_amount", filter=closed),
        decisions=Count("pk", filter=decided_with_clock),
        on_time=Count("pk", filter=decided_with_clock & Q(decided_on__lte=F("decision_due_on"))),
    )

    group_counts = {f"g_{key}": Count("pk", filter=Q(groups__contains=[group])) for key, group, *_ in GROUPS}
    group_counts["g_women"] = Count("pk", filter=Q(groups__contains=[RecipientGroup.WOMEN]) | Q(is_female=True))
    recipients = Recipient.objects.filter(
        case__in=Case.objects.in_area(area).filter(accepted).values("pk")
    ).aggregate(total=Count("pk"), **group_counts)

    consultations = Consultation.objects.in_area(area).filter(on__range=span).aggregate(n=Sum("person_times"))
    hearings = HearingEvaluation.objects.in_area(area).filter(held_on__range=span).aggregate(
        n=Count("pk", distinct=True), experts=Count("experts")
    )

    values = {
        "legalaid.applications_received": cases["received"],
        "legalaid.cases_accepted": cases["accepted"],
        "legalaid.cases_criminal": cases["criminal"],
        "legalaid.cases_civil": cases["civil"],
        "legalaid.cases_administrative": cases["administrative"],
        "legalaid.cases_refused": cases["refused"],
        "legalaid.cases_closed": cases["closed"],
        "legalaid.recipients": recipients["total"],
        "legalaid.consultations": consultations["n"] or 0,
        "legalaid.economic_loss_recovered": amount(cases["recovered"]),
        "legalaid.decided_on_time_rate": rate(cases["on_time"], cases["decisions"]),
        "legalaid.hearing_evaluations": hearings["n"],
        "legalaid.evaluation_expert_times": hearings["experts"],
    }
    values.update({f"legalaid.recipients_{key}": recipients[f"g_{key}"] for key, *_ in GROUPS})
    return values


register_measures(
    Measure("legalaid.applications_received", lambda: Case.objects.all(), "received_on", Count("pk")),
    Measure("legalaid.cases_accepted", lambda: Case.objects.filter(decision=Decision.GRANTED), "decided_on",
            Count("pk")),
    Measure("legalaid.cases_closed", lambda: Case.objects.all(), "closed_on", Count("pk")),
    Measure("legalaid.recipients", lambda: Recipient.objects.filter(case__decision=Decision.GRANTED),
            "case__decided_on", Count("pk"), area_field="case__area"),
    Measure("legalaid.consultations", lambda: Consultation.objects.all(), "on", Sum("person_times")),
    Measure("legalaid.economic_loss_recovered", lambda: Case.objects.all(), "closed_on", Sum("recovered_amount")),
)


@report_paragraph(FUNCTION)
def legal_aid_paragraph(v, scope):
    """全区各级法律援助机构共受理法律援助案件412件，比上年同期增长12.5%……累计挽回经济损失1208.40万元。

    Cases are counted in 件, as the indicators are; a figure that is nil is left out rather than written as 0."""
    if not any(v[code] for code in ("legalaid.applications_received", "legalaid.cases_accepted",
                                    "legalaid.consultations", "legalaid.cases_closed")):
        return f"本期{scope}未受理法律援助案件，未接受法律咨询。"
    parts = []
    accepted = v["legalaid.cases_accepted"]
    if accepted:
        kinds = [(name, v[f"legalaid.cases_{key}"]) for key, name in
                 (("criminal", "刑事"), ("civil", "民事"), ("administrative", "行政"))]
        clause = f"共受理法律援助案件{accepted}件{compared(scope, 'legalaid.cases_accepted', accepted)}"
        if any(n for _, n in kinds):
            clause += "（其中" + "、".join(f"{name}案件{n}件" for name, n in kinds if n) + "）"
        parts.append(clause)
    elif v["legalaid.applications_received"]:
        parts.append(f"收到法律援助申请{v['legalaid.applications_received']}件")
    if v["legalaid.recipients"]:
        groups = [(word, v[f"legalaid.recipients_{key}"]) for key, *_, word in GROUPS]
        recipients = f"受援人总数{v['legalaid.recipients']}人"
        if any(n for _, n in groups):
            recipients += "，其中" + "、".join(f"{name}{n}人" for name, n in groups if n)
        parts.append(recipients)
    if v["legalaid.consultations"]:
        parts.append(f"接受法律咨询{v['legalaid.consultations']}人次"
                     f"{compared(scope, 'legalaid.consultations', v['legalaid.consultations'])}")
    if v["legalaid.cases_closed"]:
        closed = f"办结案件{v['legalaid.cases_closed']}件"
        if v["legalaid.economic_loss_recovered"]:
            closed += f"，累计挽回经济损失{wan_yuan(v['legalaid.economic_loss_recovered'])}万元"
        parts.append(closed)
    text = f"{scope}各级法律援助机构" + "，".join(parts) + "。"
    if v["legalaid.decided_on_time_rate"] is not None:
        text += f"审查决定按期率{percent(v['legalaid.decided_on_time_rate'])}"
        if v["legalaid.cases_refused"]:
            text += f"，依法决定不予法律援助{v['legalaid.cases_refused']}件"
        text += "。"
    if v["legalaid.hearing_evaluations"]:
        text += f"组织庭审评估{v['legalaid.hearing_evaluations']}场"
        if v["legalaid.evaluation_expert_times"]:
            text += f"，评估专家{v['legalaid.evaluation_expert_times']}人次"
        text += "。"
    return text

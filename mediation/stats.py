"""People's mediation's indicators (indicators.md, section mediation): a handful of aggregate queries for any
area and period.

Flows (accepted, successful, amounts, escalation, by dispute type) count the cases accepted in the period, in
the area of their organisation; a case's outcome is its outcome today (a case accepted in March and concluded
in April counts as successful for March). Screening counts the disputes found in the period, confirmations
the applications for 司法确认 made in it, trainings their attendances (those present and the viewers of a
live stream). Organisations, mediators, rooms and devices are stocks: what is active on the period's last day.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from figures.formatting import percent, wan_yuan
from figures.stats import (
    Better,
    Indicator,
    Measure,
    Ratio,
    Stock,
    amount,
    compared,
    indicator_group,
    rate,
    register_measures,
    register_ratios,
    register_stocks,
    report_paragraph,
)
from mediation.apps import FUNCTION

from .models import Case, DisputeType, Form, FoundDispute, Kind, Mediator, Organisation, Sector, Training

ALL_PREVENTED = Decimal("1.0000")

INDICATORS = [
    Indicator("mediation.organisations", _("人民调解组织"), "家", _("统计期间最后一日存续的人民调解组织（含调解室）"),
              key=True, better=Better.UP),
    Indicator("mediation.mediators", _("人民调解员"), "人", _("统计期间最后一日在任的人民调解员"), better=Better.UP),
    Indicator("mediation.disputes_screened", _("排查矛盾纠纷"), "宗", _("期内矛盾纠纷排查发现的纠纷"),
              better=Better.NEITHER),
    Indicator("mediation.cases_accepted", _("受理人民调解案件"), "宗", _("期内受理的人民调解案件"),
              key=True, better=Better.UP),
    Indicator("mediation.cases_successful", _("调解成功"), "宗", _("期内受理的案件中调解成功的案件"),
              better=Better.UP),
    Indicator("mediation.success_rate", _("调解成功率"), "率", _("调解成功案件占期内受理案件的比例"),
              key=True, better=Better.UP),
    Indicator("mediation.amount_involved", _("涉案金额"), "元", _("期内受理案件的涉案金额之和"),
              better=Better.NEITHER),
    Indicator("mediation.escalation_flagged", _("有激化风险纠纷"), "宗", _("期内受理的案件中标记有激化风险的案件"),
              better=Better.NEITHER),
    Indicator("mediation.escalation_prevention_rate", _("防止矛盾激化率"), "率",
              _("有激化风险的案件中未发生激化的比例（没有激化风险案件时为100%）"), better=Better.UP),
    Indicator("mediation.judicial_confirmations", _("申请司法确认"), "宗", _("期内申请司法确认的调解协议"),
              better=Better.UP),
    *(Indicator(f"mediation.cases_by_type.{value}", label, "宗",
                format_lazy(_("期内受理的人民调解案件中的{type}"), type=label), better=Better.NEITHER)
      for value, label in DisputeType.choices),
    Indicator("mediation.property_rooms", _("物业调解室"), "家", _("统计期间最后一日存续的物业调解室"),
              better=Better.UP),
    Indicator("mediation.streets_with_property_rooms", _("设有物业调解室的街道"), "个",
              _("统计期间最后一日设有物业调解室的街道"), better=Better.UP),
    Indicator("mediation.sector_organisations", _("行业性专业性调解组织"), "家",
              _("统计期间最后一日存续的行业性专业性人民调解组织"), better=Better.UP),
    Indicator("mediation.confirmation_devices", _("在线司法确认设备"), "台",
              _("统计期间最后一日存续的调解组织安装的在线司法确认设备"), better=Better.UP),
    Indicator("mediation.mediators_advisors", _("兼职调解员（社区法律顾问）"), "人",
              _("统计期间最后一日在任、由社区法律顾问兼任的调解员"), better=Better.UP),
    Indicator("mediation.training_attendances", _("调解员培训人次"), "人次",
              _("期内调解员培训的参训人次（含直播观看人次）"), better=Better.UP),
]

ACCEPTED_TYPES = [value for value, _label in DisputeType.choices]


def _organisations_on(area, day):
    """The stocks of organisations on `day`: one query."""
    property_room = Q(form=Form.ROOM, sector=Sector.PROPERTY)
    row = Organisation.objects.in_area(area).active_on(day).aggregate(
        organisations=Count("pk"),
        property_rooms=Count("pk", filter=property_room),
        streets=Count("area", filter=property_room, distinct=True),
        sector=Count("pk", filter=Q(kind=Kind.SECTOR)),
        devices=Sum("devices", filter=Q(devices_installed_on__lte=day)),
    )
    row["devices"] = row["devices"] or 0
    return row


def _mediators_on(area, day):
    return Mediator.objects.in_area(area).active_on(day).aggregate(
        mediators=Count("pk"), advisors=Count("pk", filter=Q(lawyer__isnull=False)),
    )


@indicator_group(FUNCTION, INDICATORS)
def mediation(area, period):
    span = (period.start, period.end)
    accepted = Q(accepted_on__range=span)
    flagged = accepted & Q(escalation_risk=True)
    cases = Case.objects.in_area(area).filter(accepted | Q(confirmation_applied_on__range=span)).aggregate(
        accepted=Count("pk", filter=accepted),
        successful=Count("pk", filter=accepted & Q(status="concluded", outcome="success")),
        amount=Sum("amount_involved", filter=accepted),
        flagged=Count("pk", filter=flagged),
        prevented=Count("pk", filter=flagged & ~Q(escalation_prevented=False)),
        confirmations=Count("pk", filter=Q(confirmation_applied_on__range=span)),
        **{f"t_{value}": Count("pk", filter=accepted & Q(dispute_type=value)) for value in ACCEPTED_TYPES},
    )
    screened = FoundDispute.objects.in_area(area).filter(found_on__range=span).count()
    trained = Training.objects.in_area(area).filter(held_on__range=span).aggregate(
        n=Sum(F("attendees") + F("stream_viewers")))
    organisations = _organisations_on(area, period.end)
    mediators = _mediators_on(area, period.end)

    values = {
        "mediation.organisations": organisations["organisations"],
        "mediation.mediators": mediators["mediators"],
        "mediation.disputes_screened": screened,
        "mediation.cases_accepted": cases["accepted"],
        "mediation.cases_successful": cases["successful"],
        "mediation.success_rate": rate(cases["successful"], cases["accepted"]),
        "mediation.amount_involved": amount(cases["amount"]),
        "mediation.escalation_flagged": cases["flagged"],
        "mediation.escalation_prevention_rate": rate(cases["prevented"], cases["flagged"]) or ALL_PREVENTED,
        "mediation.judicial_confirmations": cases["confirmations"],
        "mediation.property_rooms": organisations["property_rooms"],
        "mediation.streets_with_property_rooms": organisations["streets"],
        "mediation.sector_organisations": organisations["sector"],
        "mediation.confirmation_devices": organisations["devices"],
        "mediation.mediators_advisors": mediators["advisors"],
        "mediation.training_attendances": trained["n"] or 0,
    }
    values.update({f"mediation.cases_by_type.{value}": cases[f"t_{value}"] for value in ACCEPTED_TYPES})
    return values


register_measures(
    Measure("mediation.cases_accepted", lambda: Case.objects.all(), "accepted_on", Count("pk")),
    Measure("mediation.cases_successful", lambda: Case.objects.successful(), "accepted_on", Count("pk")),
    Measure("mediation.amount_involved", lambda: Case.objects.all(), "accepted_on", Sum("amount_involved")),
    Measure("mediation.escalation_flagged", lambda: Case.objects.filter(escalation_risk=True), "accepted_on",
            Count("pk")),
    Measure("mediation.judicial_confirmations", lambda: Case.objects.filter(confirmation_applied_on__isnull=False),
            "confirmation_applied_on", Count("pk")),
    Measure("mediation.disputes_screened", lambda: FoundDispute.objects.all(), "found_on", Count("pk")),
    Measure("mediation.training_attendances", lambda: Training.objects.all(), "held_on",
            Sum(F("attendees") + F("stream_viewers"))),
)

register_ratios(Ratio("mediation.success_rate", part="mediation.cases_successful", whole="mediation.cases_accepted"))

register_stocks(
    Stock("mediation.organisations", lambda area, day: _organisations_on(area, day)["organisations"],
          standing=lambda area, day: Organisation.objects.active_on(day), aggregate=Count("pk")),
    Stock("mediation.mediators", lambda area, day: _mediators_on(area, day)["mediators"]),
    Stock("mediation.property_rooms", lambda area, day: _organisations_on(area, day)["property_rooms"]),
    Stock("mediation.streets_with_property_rooms", lambda area, day: _organisations_on(area, day)["streets"]),
    Stock("mediation.sector_organisations", lambda area, day: _organisations_on(area, day)["sector"]),
    Stock("mediation.confirmation_devices", lambda area, day: _organisations_on(area, day)["devices"]),
    Stock("mediation.mediators_advisors", lambda area, day: _mediators_on(area, day)["advisors"]),
)


@report_paragraph(FUNCTION)
def mediation_paragraph(v, scope):
    """截至X月底，全区各人民调解组织排查矛盾纠纷…宗，受理人民调解案件…宗，比上年同期增长…%，调解成功…宗，调解成功率
    约为…%，案件涉案金额…万元，防止矛盾激化率达…%。 A nil figure is left out rather than written as 0."""
    if not (v["mediation.cases_accepted"] or v["mediation.disputes_screened"]):
        return f"本期{scope}各人民调解组织未受理人民调解案件。"
    parts = []
    if v["mediation.disputes_screened"]:
        parts.append(f"排查矛盾纠纷{v['mediation.disputes_screened']}宗")
    accepted = v["mediation.cases_accepted"]
    if accepted:
        parts.append(f"受理人民调解案件{accepted}宗{compared(scope, 'mediation.cases_accepted', accepted)}")
        if v["mediation.cases_successful"]:
            parts.append(f"调解成功{v['mediation.cases_successful']}宗")
        parts.append(f"调解成功率{_rate_words(v['mediation.success_rate'])}")
        if v["mediation.amount_involved"]:
            parts.append(f"案件涉案金额{wan_yuan(v['mediation.amount_involved'])}万元")
        if v["mediation.escalation_prevention_rate"] is not None:
            parts.append(f"防止矛盾激化率达{percent(v['mediation.escalation_prevention_rate']).removeprefix('约为')}")
    text = f"{scope.as_of}，{scope}各人民调解组织" + "，".join(parts) + "。"
    extra = []
    if v["mediation.judicial_confirmations"]:
        extra.append(f"申请司法确认{v['mediation.judicial_confirmations']}宗")
    if v["mediation.training_attendances"]:
        extra.append(f"培训调解员{v['mediation.training_attendances']}人次")
    if extra:
        text += "，".join(extra) + "。"
    if v["mediation.organisations"]:
        text += (f"期末共有人民调解组织{v['mediation.organisations']}家"
                 + (f"（其中物业调解室{v['mediation.property_rooms']}家）" if v["mediation.property_rooms"] else "")
                 + (f"，人民调解员{v['mediation.mediators']}人" if v["mediation.mediators"] else "") + "。")
    return text


def _rate_words(value):
    """约为97% reads as written; a rate with a decimal (95.8%) gets 为."""
    text = percent(value)
    return text if text.startswith("约为") else f"为{text}"

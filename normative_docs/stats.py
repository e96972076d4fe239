"""法治政府's indicators (indicators.md, sections normative_docs, reconsideration, litigation): five aggregate
queries for any area and period.

Reviews count the texts whose legality review was completed (审查通过, after however many rounds) in the
period; `texts_reviewed` counts every government text (normative documents, regulations sent for comment, work
plans, guidelines, outgoing papers) and splits by kind and by topic tag; a party document's filing review is
counted apart. Issues and filings count their own dates; a filing is on time when it was made by the filing
clock's day. Documents in force is a stock: issued, within validity and not ended on the period's last day.

A reconsideration counts as accepted in a period when it was accepted in it or carried over into it (accepted
before the period's first day and not concluded before that day); concluded when decided in it; the correction
rate is the corrective decisions (变更, 撤销, 确认违法, 确认无效, 责令履行) over the cases concluded in it.
Litigation counts the cases received in the period; concluded and lost are first-instance judgments or rulings
in it; the head-appearance rate counts the hearings held in it.

The rule_of_law.* codes (major decisions, enforcement supervision, counsel, legal affairs, 述法) are counted in
normative_docs/rol_stats.py, imported at the end of this module.
"""

from django.db.models import Count, F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from figures.formatting import percent
from figures.stats import (
    Better,
    Grouped,
    Indicator,
    Measure,
    Ratio,
    Stock,
    compared,
    indicator_group,
    rate,
    register_grouped,
    register_measures,
    register_ratios,
    register_stocks,
    report_paragraph,
)

from .apps import FUNCTION
from .models import (
    CORRECTIVE_DECISIONS,
    GOVERNMENT_KINDS,
    Document,
    Hearing,
    Instance,
    Kind,
    Litigation,
    Reconsideration,
    Topic,
)

INDICATORS = [
    Indicator("normative_docs.texts_reviewed", _("审查各类文件"), "件",
              _("期内完成合法性审查的各类文件：行政规范性文件、法规规章征求意见稿、工作方案、操作指引、对外发文"),
              key=True, better=Better.NEITHER),
    *(Indicator(f"normative_docs.texts_reviewed_by_kind.{value}", label, "件",
                format_lazy(_("期内完成合法性审查的{kind}"), kind=label), better=Better.NEITHER)
      for value, label in Kind.choices if value in GOVERNMENT_KINDS),
    *(Indicator(f"normative_docs.texts_reviewed_by_topic.{value}", label, "件",
                format_lazy(_("期内完成合法性审查、标注“{topic}”专题的各类文件"), topic=label), better=Better.NEITHER)
      for value, label in Topic.choices),
    Indicator("normative_docs.reviewed", _("合法性审查"), "件", _("期内完成合法性审查的行政规范性文件"),
              better=Better.NEITHER),
    Indicator("normative_docs.issued", _("印发规范性文件"), "件", _("期内印发的行政规范性文件"), better=Better.NEITHER),
    Indicator("normative_docs.filed", _("备案"), "件", _("期内报送备案的行政规范性文件"), better=Better.UP),
    Indicator("normative_docs.filed_on_time_rate", _("按时备案率"), "率",
              _("期内报送备案的文件中在备案期限内报送的比例"), better=Better.UP),
    Indicator("normative_docs.in_force", _("有效规范性文件"), "件",
              _("统计期间最后一日已印发、在有效期内且未修改废止的行政规范性文件"), better=Better.NEITHER),
    Indicator("normative_docs.party_reviewed", _("党内规范性文件备案审查"), "件",
              _("期内完成备案审查的党内规范性文件"), better=Better.NEITHER),
    Indicator("reconsideration.accepted", _("受理行政复议"), "宗",
              _("期内受理的行政复议案件，加上期初尚未审结的上期结转案件"), key=True, better=Better.NEITHER),
    Indicator("reconsideration.carried_over", _("上期结转"), "宗", _("统计期间第一日仍在审理的行政复议案件"),
              better=Better.NEITHER),
    Indicator("reconsideration.concluded", _("审结"), "宗", _("期内审结的行政复议案件"), better=Better.UP),
    Indicator("reconsideration.correction_rate", _("纠错率"), "率",
              _("期内审结案件中决定变更、撤销、确认违法、确认无效、责令履行的比例"), better=Better.NEITHER),
    Indicator("litigation.cases", _("行政应诉案件"), "宗", _("期内收到应诉通知的行政诉讼案件"), key=True,
              better=Better.NEITHER),
    Indicator("litigation.concluded", _("审结"), "宗", _("期内一审判决或裁定的行政诉讼案件"), better=Better.NEITHER),
    Indicator("litigation.lost", _("败诉"), "宗", _("期内一审审结案件中行政机关败诉的案件"), better=Better.DOWN),
    Indicator("litigation.loss_rate", _("败诉率"), "率", _("败诉案件占期内一审审结案件的比例"), better=Better.DOWN),
    Indicator("litigation.head_appearance_rate", _("负责人出庭应诉率"), "率",
              _("期内开庭中行政机关负责人出庭应诉的比例"), key=True, better=Better.UP),
]

KIND_VALUES = list(GOVERNMENT_KINDS)
TOPIC_VALUES = list(Topic.values)


def _in_force_on(area, day):
    return Document.objects.in_area(area).in_force_on(day).count()


@indicator_group(FUNCTION, INDICATORS)
def normative_docs(area, period):
    start, end = span = (period.start, period.end)
    reviewed = Q(reviewed_on__range=span)
    government = reviewed & Q(kind__in=GOVERNMENT_KINDS)
    filed = Q(filed_on__range=span)
    docs = Document.objects.in_area(area).filter(reviewed | Q(issued_on__range=span) | filed).aggregate(
        texts=Count("pk", filter=government),
        reviewed=Count("pk", filter=reviewed & Q(kind=Kind.NORMATIVE)),
        party=Count("pk", filter=reviewed & Q(kind=Kind.PARTY)),
        issued=Count("pk", filter=Q(issued_on__range=span)),
        filed=Count("pk", filter=filed),
        on_time=Count("pk", filter=filed & Q(filed_on__lte=F("filing_due_on"))),
        **{f"k_{v}": Count("pk", filter=reviewed & Q(kind=v)) for v in KIND_VALUES},
        **{f"t_{v}": Count("pk", filter=government & Q(topic=v)) for v in TOPIC_VALUES},
    )
    carried = Q(accepted_on__lt=start) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    decided = Q(decided_on__range=span)
    recon = Reconsideration.objects.in_area(area).worked_in(start, end).aggregate(
        carried=Count("pk", filter=carried),
        accepted=Count("pk", filter=Q(accepted_on__range=span)),
        concluded=Count("pk", filter=decided),
        corrected=Count("pk", filter=decided & Q(decision__in=CORRECTIVE_DECISIONS)),
    )
    first = Q(instance=Instance.FIRST, concluded_on__range=span)
    lawsuits = Litigation.objects.in_area(area).filter(Q(received_on__range=span) | first).aggregate(
        cases=Count("pk", filter=Q(received_on__range=span)),
        concluded=Count("pk", filter=first),
        lost=Count("pk", filter=first & Q(lost=True)),
    )
    hearings = Hearing.objects.in_area(area).filter(held_on__range=span).aggregate(
        n=Count("pk"), heads=Count("pk", filter=Q(head_appeared=True)))

    values = {
        "normative_docs.texts_reviewed": docs["texts"],
        "normative_docs.reviewed": docs["reviewed"],
        "normative_docs.issued": docs["issued"],
        "normative_docs.filed": docs["filed"],
        "normative_docs.filed_on_time_rate": rate(docs["on_time"], docs["filed"]),
        "normative_docs.in_force": _in_force_on(area, end),
        "normative_docs.party_reviewed": docs["party"],
        "reconsideration.accepted": recon["accepted"] + recon["carried"],
        "reconsideration.carried_over": recon["carried"],
        "reconsideration.concluded": recon["concluded"],
        "reconsideration.correction_rate": rate(recon["corrected"], recon["concluded"]),
        "litigation.cases": lawsuits["cases"],
        "litigation.concluded": lawsuits["concluded"],
        "litigation.lost": lawsuits["lost"],
        "litigation.loss_rate": rate(lawsuits["lost"], lawsuits["concluded"]),
        "litigation.head_appearance_rate": rate(hearings["heads"], hearings["n"]),
    }
    values.update({f"normative_docs.texts_reviewed_by_kind.{v}": docs[f"k_{v}"] for v in KIND_VALUES})
    values.update({f"normative_docs.texts_reviewed_by_topic.{v}": docs[f"t_{v}"] for v in TOPIC_VALUES})
    return values


register_measures(
    Measure("normative_docs.texts_reviewed", lambda: Document.objects.filter(kind__in=GOVERNMENT_KINDS),
            "reviewed_on", Count("pk")),
    Measure("normative_docs.reviewed", lambda: Document.objects.filter(kind=Kind.NORMATIVE), "reviewed_on",
            Count("pk")),
    Measure("normative_docs.issued", lambda: Document.objects.all(), "issued_on", Count("pk")),
    Measure("normative_docs.filed", lambda: Document.objects.all(), "filed_on", Count("pk")),
    Measure("normative_docs.party_reviewed", lambda: Document.objects.filter(kind=Kind.PARTY), "reviewed_on",
            Count("pk")),
    Measure("reconsideration.concluded", lambda: Reconsideration.objects.all(), "decided_on", Count("pk")),
    Measure("litigation.cases", lambda: Litigation.objects.all(), "received_on", Count("pk")),
    Measure("litigation.concluded", lambda: Litigation.objects.filter(instance=Instance.FIRST), "concluded_on",
            Count("pk")),
    Measure("litigation.lost", lambda: Litigation.objects.filter(instance=Instance.FIRST, lost=True),
            "concluded_on", Count("pk")),
)

# The parts of 负责人出庭应诉率 (measures of no indicator of their own): the comparison of areas groups them.
register_measures(
    Measure("litigation.hearings", lambda: Hearing.objects.all(), "held_on", Count("pk"), area_field="case__area"),
    Measure("litigation.hearings_head_appeared", lambda: Hearing.objects.filter(head_appeared=True), "held_on",
            Count("pk"), area_field="case__area"),
)
register_ratios(Ratio("litigation.head_appearance_rate", part="litigation.hearings_head_appeared",
                      whole="litigation.hearings"))

register_stocks(Stock("normative_docs.in_force", _in_force_on))

# 受理行政复议 for the comparison of areas: the period's cases (accepted in it, or carried over), one GROUP BY — the
# same rows as `accepted` plus `carried` above.
register_grouped(Grouped("reconsideration.accepted", Reconsideration.objects.worked_in, Count("pk")))


@report_paragraph(FUNCTION)
def normative_docs_paragraph(v, scope):
    """截至X月底，全区审查各类文件…件（其中行政规范性文件…件），印发行政规范性文件…件，报送备案…件；审查党内
    规范性文件…件。共受理行政复议案件…宗（含上期结转…宗），已办结…宗，纠错率…；行政诉讼案件共…宗，已结案…宗，
    败诉…宗，败诉率…，行政机关负责人出庭应诉率…。重大行政决策…、行政执法监督…、政府法律顾问…、述法…（rol_stats）。
    A nil part is left out, or said in words (未受理行政复议案件) where leaving it out would hide it."""
    texts = []
    reviewed = v["normative_docs.texts_reviewed"]
    if reviewed:
        normative = v["normative_docs.reviewed"]
        texts.append(f"审查各类文件{reviewed}件{compared(scope, 'normative_docs.texts_reviewed', reviewed)}"
                     + (f"（其中行政规范性文件{normative}件）" if normative else ""))
    if v["normative_docs.issued"]:
        texts.append(f"印发行政规范性文件{v['normative_docs.issued']}件")
    if v["normative_docs.filed"]:
        on_time = _rate_clause("按时备案率", v["normative_docs.filed_on_time_rate"])
        texts.append(f"报送备案{v['normative_docs.filed']}件{on_time}")
    text = "，".join(texts)
    if v["normative_docs.party_reviewed"]:
        text += ("；" if text else "") + f"审查党内规范性文件{v['normative_docs.party_reviewed']}件"
    text = f"{scope.as_of}，{scope}{text}。" if text else f"{scope.as_of}，{scope}未审查规范性文件。"
    accepted = v["reconsideration.accepted"]
    if accepted:
        recon = f"共受理行政复议案件{accepted}宗{compared(scope, 'reconsideration.accepted', accepted)}"
        if v["reconsideration.carried_over"]:
            recon += f"（含上期结转{v['reconsideration.carried_over']}宗）"
        if v["reconsideration.concluded"]:
            recon += (f"，已办结{v['reconsideration.concluded']}宗"
                      f"{_rate_clause('纠错率', v['reconsideration.correction_rate'])}")
    else:
        recon = "未受理行政复议案件"
    cases = v["litigation.cases"]
    if cases or v["litigation.concluded"]:
        lit = f"行政诉讼案件共{cases}宗" if cases else "本期未收到行政诉讼案件"
        if v["litigation.concluded"]:
            lit += f"，已结案{v['litigation.concluded']}宗"
            lit += (f"，败诉{v['litigation.lost']}宗{_rate_clause('败诉率', v['litigation.loss_rate'])}"
                    if v["litigation.lost"] else "，无败诉案件")
    else:
        lit = "未收到行政诉讼案件"
    lit += _rate_clause("行政机关负责人出庭应诉率", v["litigation.head_appearance_rate"])
    return f"{text}{recon}；{lit}。{rol_stats.paragraph(v)}"


def _rate_clause(words, value):
    """"，纠错率为50%", or nothing for a rate with nothing to divide by."""
    return "" if value is None else f"，{words}{_words(value)}"


def _words(value):
    """约为97% reads as written; a rate with a decimal (95.8%) gets 为."""
    text = percent(value)
    return text if text.startswith("约为") else f"为{text}"
from . import rol_stats  # noqa: E402  (its group, and the sentences the paragraph ends with)

"""Every write of major decisions, enforcement supervision, government counsel, 述法 and the 法治建设 assessment.

Like normative_docs.services: each is atomic, checks the move, the dates (never in the future, never before the
step they follow) and the jurisdiction of every record it touches (bureau.guards; a unit of another district or
a record the caller cannot see is refused as not existing), and refuses in Chinese naming the field; a refusal
writes nothing. The 法制科 writes all of it; a unit user (起草承办单位) only submits its own unit's assessment
evidence.

An assessment item may be scored by a source (`SOURCES`) instead of by hand: `register_source` adds one (a
function's figure once 普法's exam rates exist: `indicator:<code>` already reads any rate of figures.stats).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards
from bureau.reminders import reminders_refresh
from bureau.services import reminders_close_for

from .models import (
    CORRECTIVE_DECISIONS,
    AssessedUnit,
    AssessmentCategory,
    AssessmentEvidence,
    AssessmentItem,
    AssessmentRound,
    AssessmentScore,
    CounselEngagement,
    CounselLawyer,
    DecisionStatus,
    DecisionStep,
    EnforcementOfficer,
    EnforcementTraining,
    Evaluation,
    FileReview,
    Handler,
    Instance,
    LegalAffair,
    Litigation,
    MajorDecision,
    Reconsideration,
    ReviewedFile,
    RoundStatus,
    ShufaReport,
    Step,
    TrainingUnit,
    Unit,
)
from .rol_reminders import CERTIFICATE_EXPIRY, RECTIFICATION_DUE
from .services import _check_date, _district_of, _section_only

UNIT = gettext_lazy("单位")
ONE_PLACE = Decimal("0.1")


def _unit_of(by, unit, area=None, *, field="unit"):
    """`unit` is one the caller sees (and of `area`'s district, when given)."""
    if unit is None:
        raise ValidationError({field: _("请选择单位。")})
    guards.visible(by, unit, UNIT, field=field)
    if area is not None and unit.area_id != _district_of(area).pk:
        raise ValidationError({field: _("单位“%(u)s”不属于本区。") % {"u": unit}})
    return unit


def _district(by, area, field="area"):
    if area is None:
        raise ValidationError({field: _("请选择所属区。")})
    guards.in_jurisdiction(by, area, _("所属区"), field=field)
    return _district_of(area)


def _full_clean(record, exclude=()):
    record.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# --- Major administrative decisions ----------------------------------------------------------------------


def major_decision_catalogue(*, decision: MajorDecision, by) -> MajorDecision:
    """An item of the year's catalogue of major decisions (`hearing`: also of the hearing catalogue). It is the
    ledger's `major_decisions_catalogue` with one decision, so a page and an import run the same rules."""
    from .ledgers import major_decisions_catalogue

    return major_decisions_catalogue(decisions=[decision], by=by)[0]


def _open_decision(decision):
    locked = MajorDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DecisionStatus.CATALOGUED:
        raise ValidationError(_("该决策事项%(s)s，不能再登记。") % {"s": locked.get_status_display()})
    return locked


@transaction.atomic
def major_decision_step_record(*, decision: MajorDecision, step: str, on, note: str = "", by) -> DecisionStep:
    """Tick one statutory step of a catalogued decision with its date."""
    _section_only(by)
    guards.visible(by, decision, _("决策事项"))
    decision = _open_decision(decision)
    if step not in decision.required_steps:
        raise ValidationError({"step": _("“%(s)s”不是该决策事项的法定程序（听证仅适用于列入听证目录的事项）。") % {
            "s": Step(step).label if step in Step.values else step}})
    _check_date(on, label=_("完成日期"), field="on")
    done = dict(decision.steps.values_list("step", "done_on"))
    if step in done:
        raise ValidationError({"step": _("“%(s)s”已于%(d)s登记。") % {"s": Step(step).label, "d": done[step]}})
    if step == Step.COLLECTIVE:
        earlier = [s for s in decision.required_steps if s != Step.COLLECTIVE and s not in done]
        if earlier:
            raise ValidationError({"step": _("集体讨论决定前应先完成：%(m)s。") % {
                "m": "、".join(str(Step(s).label) for s in earlier)}})
        guards.not_before(on, max(done.values()), _("集体讨论决定日期"), field="on")
    return DecisionStep.objects.create(decision=decision, step=step, done_on=on, note=(note or "").strip())


@transaction.atomic
def major_decision_complete(*, decision: MajorDecision, on, by) -> MajorDecision:
    """决策作出: only once every statutory step the item needs is ticked (the missing ones are named)."""
    _section_only(by)
    guards.visible(by, decision, _("决策事项"))
    locked = _open_decision(decision)
    done = dict(locked.steps.values_list("step", "done_on"))
    missing = locked.missing_steps(done)
    if missing:
        raise ValidationError(_("尚未完成法定程序：%(m)s，不能标记为已作出决策。") % {
            "m": "、".join(str(Step(s).label) for s in missing)})
    _check_date(on, not_before=max(done.values()), label=_("决策作出日期"), field="on")
    decision.status, decision.done_on = DecisionStatus.DONE, on
    decision.save(update_fields=["status", "done_on"])
    return decision


@transaction.atomic
def major_decision_withdraw(*, decision: MajorDecision, on, reason: str, by) -> MajorDecision:
    """调出目录, with the reason."""
    _section_only(by)
    guards.visible(by, decision, _("决策事项"))
    locked = _open_decision(decision)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写调出目录的原因。")})
    _check_date(on, not_before=locked.catalogued_on, label=_("调出目录日期"), field="on")
    decision.status, decision.withdrawn_on = DecisionStatus.WITHDRAWN, on
    decision.note = "\n".join(filter(None, [decision.note, _("调出目录：%(r)s") % {"r": reason.strip()}]))
    decision.save(update_fields=["status", "withdrawn_on", "note"])
    return decision


# --- Enforcement supervision -----------------------------------------------------------------------------


@transaction.atomic
def file_review_start(*, review: FileReview, by) -> FileReview:
    """A campaign of 案卷评查 in a district."""
    _section_only(by)
    review.area = _district(by, review.area if review.area_id else None)
    review.title = (review.title or "").strip()
    if not review.title:
        raise ValidationError({"title": _("请填写评查活动名称。")})
    _check_date(review.started_on, label=_("开始日期"), field="started_on")
    if review.ended_on:
        _check_date(review.ended_on, not_before=review.started_on, label=_("结束日期"), field="ended_on")
    review.created_by = by
    _full_clean(review)
    review.save()
    return review


@transaction.atomic
def reviewed_file_record(*, file: ReviewedFile, by) -> ReviewedFile:
    """An enforcement file sampled by the campaign, its score and problems; problems need a rectification
    deadline, which is a to-do for the section until the rectification is recorded."""
    _section_only(by)
    review = guards.visible(by, file.review, _("评查活动"), field="review")
    _unit_of(by, file.unit if file.unit_id else None, review.area)
    file.file_number = (file.file_number or "").strip()
    if not file.file_number:
        raise ValidationError({"file_number": _("请填写案卷编号。")})
    if file.score is None or not Decimal("0") <= file.score <= Decimal("100"):
        raise ValidationError({"score": _("评查得分应在0到100分之间。")})
    _check_date(file.reviewed_on, not_before=review.started_on, label=_("评查日期"), field="reviewed_on")
    file.problems = (file.problems or "").strip()
    if file.problems and not file.rectify_by:
        raise ValidationError({"rectify_by": _("发现问题的案卷请填写整改期限。")})
    if file.rectify_by and not file.problems:
        raise ValidationError({"problems": _("有整改期限的案卷请填写发现的问题。")})
    guards.not_before(file.rectify_by, file.reviewed_on, _("整改期限"), field="rectify_by")
    if ReviewedFile.objects.filter(review=review, unit=file.unit, file_number=file.file_number).exists():
        raise ValidationError({"file_number": _("本次评查已登记该单位的案卷%(n)s。") % {"n": file.file_number}})
    file.rectified_on = None
    _full_clean(file)
    file.save()
    reminders_refresh([RECTIFICATION_DUE], records=file)
    return file


@transaction.atomic
def reviewed_file_rectify(*, file: ReviewedFile, on, by) -> ReviewedFile:
    _section_only(by)
    guards.visible(by, file, _("评查案卷"))
    locked = ReviewedFile.objects.select_for_update().get(pk=file.pk)
    if not locked.rectify_by:
        raise ValidationError(_("该案卷评查未发现问题，无需整改。"))
    if locked.rectified_on:
        raise ValidationError(_("该案卷已于%(d)s整改完毕。") % {"d": locked.rectified_on})
    _check_date(on, not_before=locked.reviewed_on, label=_("整改完成日期"), field="on")
    file.rectified_on = on
    file.save(update_fields=["rectified_on"])
    reminders_close_for(obj=file, kind=RECTIFICATION_DUE, by=by, note=_("已整改"))
    return file


@transaction.atomic
def enforcement_training_record(*, training: EnforcementTraining, units=(), by) -> EnforcementTraining:
    _section_only(by)
    training.area = _district(by, training.area if training.area_id else None)
    training.title = (training.title or "").strip()
    if not training.title:
        raise ValidationError({"title": _("请填写培训名称。")})
    _check_date(training.held_on, label=_("培训日期"), field="held_on")
    if not training.attendances:
        raise ValidationError({"attendances": _("参训人次应大于0。")})
    units = list(units)
    for unit in units:
        _unit_of(by, unit, training.area, field="units")
    training.created_by = by
    _full_clean(training)
    training.save()
    TrainingUnit.objects.bulk_create([TrainingUnit(training=training, unit=unit) for unit in units])
    return training


@transaction.atomic
def officer_register(*, officer: EnforcementOfficer, by) -> EnforcementOfficer:
    """A certified enforcement officer of a unit (执法证号 unique in the city); registered again with a later
    `valid_until` (renewed) or a `revoked_on`, the certificate's expiry to-do is closed."""
    from .ledgers import officers_refusals, officers_register

    if officer.pk is None:  # a new officer: as an import registers them
        return officers_register(officers=[officer], by=by)[0]
    [refusal] = officers_refusals([officer], by)  # the same rules for one registered again
    if refusal is not None:
        raise refusal
    before = EnforcementOfficer.objects.filter(pk=officer.pk).values_list("valid_until", "revoked_on").first()
    officer.save()
    if before is not None and (before[0] != officer.valid_until or officer.revoked_on != before[1]):
        reminders_close_for(obj=officer, kind=CERTIFICATE_EXPIRY, by=by,
                            note=_("已注销") if officer.revoked_on else _("已换证"))
    reminders_refresh([CERTIFICATE_EXPIRY], records=officer)
    return officer


@transaction.atomic
def officer_renew(*, officer: EnforcementOfficer, by, valid_until=None, revoked_on=None) -> EnforcementOfficer:
    """换证 (a last valid day later than the present one) or 注销 (a day not in the future); either closes the
    certificate's expiry to-do (through `officer_register`)."""
    guards.visible(by, officer, _("行政执法人员"), field="officer")
    if officer.revoked_on:
        raise ValidationError(_("该执法证已于%(d)s注销。") % {"d": officer.revoked_on})
    if valid_until is not None:
        if valid_until <= officer.valid_until:
            raise ValidationError({"valid_until": _("新的有效期应晚于%(d)s。") % {"d": officer.valid_until}})
        officer.valid_until = valid_until
    if revoked_on is not None:
        _check_date(revoked_on, label=_("注销日期"), field="revoked_on")
        officer.revoked_on = revoked_on
    return officer_register(officer=officer, by=by)


# --- Government legal counsel ----------------------------------------------------------------------------


@transaction.atomic
def engagement_register(*, engagement: CounselEngagement, lawyers, by) -> CounselEngagement:
    """A unit engages a law firm and its lawyers as legal counsel (the city's registry: lawyers.LawFirm)."""
    from lawyers.models import LawFirm

    _section_only(by)
    unit = _unit_of(by, engagement.unit if engagement.unit_id else None)
    engagement.area = unit.area
    if not engagement.firm_id or not LawFirm.objects.practising().filter(pk=engagement.firm_id).exists():
        raise ValidationError({"firm": _("请选择执业中的律师事务所。")})
    lawyers = list(lawyers)
    if not lawyers:
        raise ValidationError({"lawyers": _("请选择至少一名顾问律师。")})
    strangers = [lawyer.name for lawyer in lawyers if lawyer.firm_id != engagement.firm_id]
    if strangers:
        raise ValidationError({"lawyers": _("%(n)s不是该律师事务所的律师。") % {"n": "、".join(strangers)}})
    _check_date(engagement.started_on, label=_("聘期开始"), field="started_on")
    guards.not_before(engagement.ended_on, engagement.started_on, _("聘期结束"), field="ended_on")
    if engagement.fee is None or engagement.fee < 0:
        raise ValidationError({"fee": _("顾问费不能为负数。")})
    engagement.evaluation, engagement.evaluated_on, engagement.created_by = "", None, by
    _full_clean(engagement)
    engagement.save()
    CounselLawyer.objects.bulk_create([CounselLawyer(engagement=engagement, lawyer=lawyer) for lawyer in lawyers])
    return engagement


@transaction.atomic
def engagement_evaluate(*, engagement: CounselEngagement, evaluation: str, on, by) -> CounselEngagement:
    """The evaluation at the end of the engagement (ends it on that day if no end was set)."""
    _section_only(by)
    guards.visible(by, engagement, _("法律顾问聘请"))
    locked = CounselEngagement.objects.select_for_update().get(pk=engagement.pk)
    if locked.evaluation:
        raise ValidationError(_("该聘请已于%(d)s评价。") % {"d": locked.evaluated_on})
    if evaluation not in Evaluation.values:
        raise ValidationError({"evaluation": _("请选择期满评价。")})
    _check_date(on, not_before=locked.ended_on or locked.started_on, label=_("评价日期"), field="on")
    engagement.evaluation, engagement.evaluated_on = evaluation, on
    engagement.ended_on = locked.ended_on or on
    engagement.save(update_fields=["evaluation", "evaluated_on", "ended_on"])
    return engagement


@transaction.atomic
def legal_affair_record(*, affair: LegalAffair, by) -> LegalAffair:
    """A legal affair handled for a unit, by the section or by counsel (then the engagement that covered it)."""
    _section_only(by)
    unit = _unit_of(by, affair.unit if affair.unit_id else None)
    affair.area = unit.area
    affair.title = (affair.title or "").strip()
    if not affair.title:
        raise ValidationError({"title": _("请填写事项。")})
    _check_date(affair.handled_on, label=_("办结日期"), field="handled_on")
    if affair.handler == Handler.COUNSEL:
        if not affair.engagement_id:
            raise ValidationError({"engagement": _("法律顾问承办的事务请选择法律顾问聘请。")})
        guards.visible(by, affair.engagement, _("法律顾问聘请"), field="engagement")
        if not CounselEngagement.objects.engaged_on(affair.handled_on).filter(pk=affair.engagement_id,
                                                                             area=affair.area).exists():
            raise ValidationError({"engagement": _("办结日期不在该法律顾问的聘期内。")})
    else:
        affair.engagement = None
    affair.created_by = by
    _full_clean(affair)
    affair.save()
    return affair


# --- 述法 --------------------------------------------------------------------------------------------------


@transaction.atomic
def shufa_record(*, report: ShufaReport, by) -> ShufaReport:
    """A leader's report on their rule-of-law duties for a year (made in that year or early the next)."""
    _section_only(by)
    unit = _unit_of(by, report.unit if report.unit_id else None)
    report.area = unit.area
    report.leader_name = (report.leader_name or "").strip()
    if not report.leader_name:
        raise ValidationError({"leader_name": _("请填写述法人。")})
    _check_date(report.reported_on, label=_("述法日期"), field="reported_on")
    if report.year not in (report.reported_on.year, report.reported_on.year - 1):
        raise ValidationError({"year": _("述法年度应为述法日期的当年或上一年。")})
    if ShufaReport.objects.filter(unit=unit, year=report.year, leader_name=report.leader_name).exists():
        raise ValidationError({"leader_name": _("%(n)s已登记%(y)s年度述法。") % {
            "n": report.leader_name, "y": report.year}})
    report.created_by = by
    _full_clean(report)
    report.save()
    return report


# --- The 法治建设 assessment: sources ---------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Scores of an item computed for the round's units: `compute(item, units, by) -> {unit_id: score}`."""

    code: str
    label: str
    compute: object


SOURCES: dict[str, Source] = {}


def register_source(source):
    SOURCES[source.code] = source


def source_label(code):
    if code.startswith("indicator:"):
        from figures.stats import all_indicators

        names = {i.code: i.name for i in all_indicators()}
        return _("指标：%(n)s") % {"n": names.get(code[10:], code[10:])}
    return SOURCES[code].label if code in SOURCES else code


def _deducted(item, counts, units):
    return {u: max(Decimal("0"), item.max_score - item.deduction * counts.get(u, 0)) for u in units}


def _corrections(item, units, by):
    year = item.category.round.year
    counts = dict(Reconsideration.objects.filter(
        respondent_unit__in=units, decided_on__year=year, decision__in=CORRECTIVE_DECISIONS)
        .values_list("respondent_unit").annotate(n=Count("pk")).values_list("respondent_unit", "n"))
    return _deducted(item, counts, units)


def _losses(item, units, by):
    year = item.category.round.year
    counts = dict(Litigation.objects.filter(
        defendant_unit__in=units, instance=Instance.FIRST, concluded_on__year=year, lost=True)
        .values_list("defendant_unit").annotate(n=Count("pk")).values_list("defendant_unit", "n"))
    return _deducted(item, counts, units)


def _indicator(item, units, by):
    """A rate of the indicators registry for the round's district and year, times the item's maximum: the
    same for every unit (the registry counts areas, not units)."""
    from figures.periods import parse_period
    from figures.stats import compute

    round_ = item.category.round
    code = item.source[len("indicator:"):]
    value = compute(user=by, area=round_.area, period=parse_period(str(round_.year)), codes=[code]).get(code)
    score = (item.max_score * Decimal(value or 0)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return {unit: min(score, item.max_score) for unit in units}


register_source(Source("reconsideration_corrections", gettext_lazy("行政复议被纠错（每件扣分）"), _corrections))
register_source(Source("litigation_losses", gettext_lazy("行政诉讼一审败诉（每件扣分）"), _losses))


def _check_source(code):
    if not code:
        return
    if code.startswith("indicator:"):
        from figures.stats import all_indicators

        rates = {i.code for i in all_indicators() if i.is_rate}
        if code[10:] not in rates:
            raise ValidationError({"source": _("“%(c)s”不是比率类指标，不能作为数据来源。") % {"c": code[10:]}})
    elif code not in SOURCES:
        raise ValidationError({"source": _("未知的数据来源“%(c)s”。") % {"c": code}})


# --- The 法治建设 assessment: the framework, evidence and scores ---------------------------------------------


def _points(value):
    """10 for 10.0, 7.5 for 7.50: a score as a reviewer writes it."""
    return str(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize())


def _open_round(round_):
    locked = AssessmentRound.objects.select_for_update().get(pk=round_.pk)
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(_("该考评已公布结果，不能再修改。"))
    return locked


@transaction.atomic
def round_create(*, round: AssessmentRound, by) -> AssessmentRound:
    """A year's 法治建设 assessment of a district."""
    _section_only(by)
    round.area = _district(by, round.area if round.area_id else None)
    round.title = (round.title or "").strip() or _("%(y)s年度法治建设考评") % {"y": round.year}
    if not round.year:
        raise ValidationError({"year": _("请填写考评年度。")})
    if round.year > timezone.localdate().year + 1:
        raise ValidationError({"year": _("考评年度不能晚于明年。")})
    if AssessmentRound.objects.filter(area=round.area, year=round.year).exists():
        raise ValidationError({"year": _("%(y)s年度已有法治建设考评。") % {"y": round.year}})
    round.status, round.created_by = RoundStatus.OPEN, by
    _full_clean(round)
    round.save()
    return round


@transaction.atomic
def category_add(*, category: AssessmentCategory, by) -> AssessmentCategory:
    _section_only(by)
    round_ = guards.visible(by, category.round, _("考评"), field="round")
    _open_round(round_)
    category.name = (category.name or "").strip()
    if not category.name:
        raise ValidationError({"name": _("请填写考评类别。")})
    if not category.weight or category.weight <= 0:
        raise ValidationError({"weight": _("类别分值应大于0。")})
    if round_.categories.filter(name=category.name).exists():
        raise ValidationError({"name": _("已有考评类别“%(n)s”。") % {"n": category.name}})
    if not category.order:
        category.order = round_.categories.count() + 1
    _full_clean(category)
    category.save()
    return category


@transaction.atomic
def item_add(*, item: AssessmentItem, by) -> AssessmentItem:
    _section_only(by)
    category = guards.visible(by, item.category, _("考评类别"), field="category")
    _open_round(category.round)
    item.name = (item.name or "").strip()
    if not item.name:
        raise ValidationError({"name": _("请填写考评项目。")})
    if not item.max_score or item.max_score <= 0:
        raise ValidationError({"max_score": _("项目满分应大于0。")})
    _check_source(item.source)
    if not item.order:
        item.order = category.items.count() + 1
    _full_clean(item)
    item.save()
    return item


@transaction.atomic
def round_units_add(*, round: AssessmentRound, units, by) -> list[AssessedUnit]:
    """The units assessed (a unit already in the round is left as it is)."""
    _section_only(by)
    guards.visible(by, round, _("考评"))
    _open_round(round)
    units = list(units)
    if not units:
        raise ValidationError({"units": _("请选择被考评单位。")})
    for unit in units:
        _unit_of(by, unit, round.area, field="units")
    present = set(round.assessed.values_list("unit_id", flat=True))
    return AssessedUnit.objects.bulk_create([AssessedUnit(round=round, unit=u) for u in units if u.pk not in present])


@transaction.atomic
def round_framework_copy(*, source: AssessmentRound, target: AssessmentRound, by,
                         with_units: bool = False) -> tuple[int, int, int]:
    """A year's framework is mostly last year's: copy `source`'s categories and items (weights, maxima, guidance,
    sources) into `target`, an open round of the same district that has no items yet, and with `with_units` the
    units assessed that still exist. Scores, evidence and results are not copied. Returns (categories, items,
    units) written. Set-based: one INSERT per table."""
    _section_only(by)
    guards.visible(by, source, _("考评"), field="source")
    guards.visible(by, target, _("考评"))
    target = _open_round(target)
    if source.pk == target.pk:
        raise ValidationError({"source": _("不能从本次考评复制。")})
    if source.area_id != target.area_id:
        raise ValidationError({"source": _("只能复制本区的考评框架。")})
    if AssessmentItem.objects.filter(category__round=target).exists():
        raise ValidationError(_("“%(t)s”已有考评项目，不能复制考评框架；请在空白的考评中复制。") % {"t": target.title})
    categories = list(source.categories.order_by("order", "id"))
    if not categories:
        raise ValidationError({"source": _("“%(t)s”没有考评类别，无可复制。") % {"t": source.title}})
    present = set(target.categories.values_list("name", flat=True))
    clash = [c.name for c in categories if c.name in present]
    if clash:
        raise ValidationError(_("本次考评已有同名考评类别：%(n)s。") % {"n": "、".join(clash)})
    offset = target.categories.count()
    copies = AssessmentCategory.objects.bulk_create([
        AssessmentCategory(round=target, name=c.name, weight=c.weight, order=offset + c.order)
        for c in categories])
    new_of = {c.pk: copy for c, copy in zip(categories, copies)}
    items = AssessmentItem.objects.bulk_create([
        AssessmentItem(category=new_of[i.category_id], name=i.name, max_score=i.max_score, guidance=i.guidance,
                       source=i.source, deduction=i.deduction, order=i.order)
        for i in AssessmentItem.objects.filter(category__round=source).order_by("category__order", "order", "id")])
    units = []
    if with_units:
        present_units = target.assessed.values("unit")
        units = AssessedUnit.objects.bulk_create([
            AssessedUnit(round=target, unit_id=unit_id) for unit_id in
            source.assessed.filter(unit__is_active=True).exclude(unit__in=present_units)
            .values_list("unit_id", flat=True)])
    return len(copies), len(items), len(units)


def _assessed(round_, unit, field="unit"):
    if unit is None or not round_.assessed.filter(unit=unit).exists():
        raise ValidationError({field: _("该单位不是本次考评的被考评单位。")})


@transaction.atomic
def evidence_submit(*, evidence: AssessmentEvidence, upload=None, by) -> AssessmentEvidence:
    """A unit's evidence for an item: a unit user for their own unit, or the section for any unit assessed. An
    attachment is checked by its name and first bytes (lawyers.models.validate_attachment)."""
    from lawyers.models import validate_attachment

    item = guards.visible(by, evidence.item, _("考评项目"), field="item")
    round_ = _open_round(item.category.round)
    unit = _unit_of(by, evidence.unit if evidence.unit_id else None)
    _assessed(round_, unit)
    evidence.description = (evidence.description or "").strip()
    if not evidence.description:
        raise ValidationError({"description": _("请填写佐证说明。")})
    if upload is not None:
        try:
            validate_attachment(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        evidence.file, evidence.file_name = upload, upload.name[:200]
    evidence.submitted_by, evidence.submitted_on = by, timezone.localdate()
    evidence.save()
    return evidence


@transaction.atomic
def scores_enter(*, round: AssessmentRound, unit: Unit, scores: dict, by) -> list[AssessmentScore]:
    """The reviewer's scores of one unit: {item: (score or None, comment)}. A score is between 0 and the item's
    maximum; an item scored by a source is not typed; None leaves the item unscored."""
    _section_only(by)
    guards.visible(by, round, _("考评"))
    round_ = _open_round(round)
    _assessed(round_, unit)
    today = timezone.localdate()
    saved = []
    for item, (score, comment) in scores.items():
        if item.category.round_id != round_.pk:
            raise ValidationError(_("考评项目“%(i)s”不属于本次考评。") % {"i": item.name})
        if item.source:
            if score is not None:
                raise ValidationError({f"item_{item.pk}": _("“%(i)s”由系统按数据计算，不能人工评分。") % {
                    "i": item.name}})
            continue
        if score is None:
            AssessmentScore.objects.filter(item=item, unit=unit).delete()
            continue
        if score < 0 or score > item.max_score:
            raise ValidationError({f"item_{item.pk}": _("“%(i)s”的得分应在0到%(m)s分之间。") % {
                "i": item.name, "m": _points(item.max_score)}})
        row, _created = AssessmentScore.objects.update_or_create(item=item, unit=unit, defaults={
            "score": score, "comment": (comment or "").strip(), "computed": False, "scored_by": by,
            "scored_on": today})
        saved.append(row)
    return saved


@transaction.atomic
def round_compute_sources(*, round: AssessmentRound, by) -> int:
    """Score every item with a source for every unit assessed, from the year's data. Returns the scores written."""
    _section_only(by)
    guards.visible(by, round, _("考评"))
    round_ = _open_round(round)
    units = list(round_.assessed.values_list("unit_id", flat=True))
    today, written = timezone.localdate(), 0
    for item in AssessmentItem.objects.filter(category__round=round_).exclude(source="").select_related(
            "category__round__area"):
        compute = _indicator if item.source.startswith("indicator:") else SOURCES[item.source].compute
        for unit_id, score in compute(item, units, by).items():
            AssessmentScore.objects.update_or_create(item=item, unit_id=unit_id, defaults={
                "score": score, "comment": "", "computed": True, "scored_by": by, "scored_on": today})
            written += 1
    return written


@transaction.atomic
def round_close(*, round: AssessmentRound, on, by) -> AssessmentRound:
    """公布结果: every unit scored on every item (the missing are counted in the refusal)."""
    _section_only(by)
    guards.visible(by, round, _("考评"))
    round_ = _open_round(round)
    _check_date(on, label=_("公布日期"), field="on")
    items = AssessmentItem.objects.filter(category__round=round_).count()
    units = round_.assessed.count()
    if not items or not units:
        raise ValidationError(_("考评尚无考评项目或被考评单位。"))
    scored = AssessmentScore.objects.filter(item__category__round=round_,
                                            unit__in=round_.assessed.values("unit")).count()
    if scored < items * units:
        raise ValidationError(_("尚有%(n)s项得分未录入，不能公布结果。") % {"n": items * units - scored})
    round.status, round.closed_on = RoundStatus.CLOSED, on
    round.save(update_fields=["status", "closed_on"])
    return round


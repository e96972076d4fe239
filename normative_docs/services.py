"""Every write of 法治政府. Each is atomic, checks the move (the transition maps), the dates (not in the future,
not before the step they follow) and the jurisdiction of every record it touches (bureau.guards), and keeps
the records' to-dos right (normative_docs.reminders). A refusal raises ValidationError in Chinese and changes
nothing.

Who: the 法制科 (section staff of this function) and the administrator write everything within their district;
a unit user (起草承办单位) only submits and resubmits their own unit's texts (`Unit.objects.visible_to`).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards, numbering
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.services import reminders_close_for

from .models import (
    LOST_JUDGMENTS,
    Assessment,
    ClockRule,
    Decision,
    Document,
    DocumentAttachment,
    Hearing,
    Judgment,
    Kind,
    Litigation,
    Material,
    Reconsideration,
    ReconsiderationStatus,
    ReviewRound,
    Status,
    Unit,
    UnitMember,
    format_number,
    parse_number,
)
from .permissions import is_unit_user
from .reminders import (
    ACCEPTANCE_DUE,
    ASSESSMENT_DUE,
    DECISION_DUE,
    DOCUMENT_KINDS,
    FILING_DUE,
    RECONSIDERATION_KINDS,
    REVIEW_DUE,
    ROUND_KINDS,
)

UNIT = gettext_lazy("起草承办单位")
DOCUMENT = gettext_lazy("送审文件")
RECONSIDERATION = gettext_lazy("行政复议案件")
LITIGATION = gettext_lazy("行政应诉案件")


# --- Helpers ----------------------------------------------------------------------------------------------


def _check_date(on, *, not_before=None, label=None, field=None):
    """The day of a step: given, not after today, nor before the step it follows."""
    if on is None:
        raise ValidationError({field: _("请填写%(what)s。") % {"what": label}} if field else _("请填写日期。"))
    guards.not_in_future(on, label, field=field)
    guards.not_before(on, not_before, label, field=field)


def _section_only(by):
    """Reviews, issues, filings and the ledgers are the section's records, not a unit's."""
    if is_unit_user(by):
        raise ValidationError(_("起草承办单位只能报送和修改本单位的送审文件，审查、印发、备案和复议应诉由法制科办理。"))


def _locked(record):
    """The row locked for the rest of the transaction; refuses if someone moved it since it was read."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if locked.status != record.status:
        raise ValidationError(_("状态已被他人更改，请刷新后重试。"))
    return locked


def _check_move(record, target, action, *, lock=True):
    """The move is allowed from the record's status (checked on the locked row; `lock=False`: on an unsaved
    record, as an import replays its steps). The caller sets the status once every other check has passed, so a
    refusal leaves the caller's instance as it was."""
    if lock:
        _locked(record)
    if not record.can_move_to(target):
        raise ValidationError(_("当前状态为“%(current)s”，不能“%(action)s”。") % {
            "current": record.get_status_display(), "action": action})


def _district_of(area):
    return area if area.level == Area.Level.DISTRICT else area.district


def _required(record, fields):
    """Each of `fields` ((name, label) …) stripped and given."""
    for name, label in fields:
        setattr(record, name, (getattr(record, name) or "").strip())
        if not getattr(record, name):
            raise ValidationError({name: _("请填写%(what)s。") % {"what": label}})


# --- Units ------------------------------------------------------------------------------------------------


@transaction.atomic
def unit_register(*, unit: Unit, by) -> Unit:
    """A department, street office or other body of a district the section works for."""
    _section_only(by)
    guards.in_jurisdiction(by, unit.area, _("所属区"), field="area")
    unit.name = (unit.name or "").strip()
    if not unit.name:
        raise ValidationError({"name": _("请填写单位名称。")})
    if Unit.objects.filter(area=unit.area, name=unit.name).exclude(pk=unit.pk).exists():
        raise ValidationError({"name": _("本区已有名为“%(n)s”的单位。") % {"n": unit.name}})
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_member_add(*, unit: Unit, user, by) -> UnitMember:
    """An account of the role 起草承办单位 signs in for `unit` (one unit per account)."""
    _section_only(by)
    guards.visible(by, unit, UNIT, field="unit")
    if not is_unit_user(user):
        raise ValidationError({"user": _("登录账号的角色应为起草承办单位。")})
    if user.area_id != unit.area_id:
        raise ValidationError({"user": _("登录账号的所属区域应为该单位所属的区。")})
    if UnitMember.objects.filter(user=user).exists():
        raise ValidationError({"user": _("该账号已属于其他单位。")})
    return UnitMember.objects.create(unit=unit, user=user)


# --- Legality review --------------------------------------------------------------------------------------


def _check_materials(document, materials):
    unknown = [m for m in materials if m not in Material.values]
    if unknown:
        raise ValidationError({"materials": _("未知的报送材料：%(m)s。") % {"m": "、".join(map(str, unknown))}})
    missing = document.missing_materials(materials)
    if missing:
        raise ValidationError({"materials": _("缺少报送材料：%(m)s。") % {
            "m": "、".join(str(Material(m).label) for m in missing)}})


def _open_round(document, *, on, by, note=""):
    """A new round with its own review clock, and its to-do (the round is the to-do's record: one per round)."""
    number = document.rounds.count() + 1
    review_round = ReviewRound.objects.create(document=document, number=number, submitted_on=on, submitted_by=by,
                                              note=note, due_on=ClockRule.due_on(ClockRule.Code.REVIEW, on))
    reminders_refresh(ROUND_KINDS, records=review_round)
    return review_round


@transaction.atomic
def document_submit(*, document: Document, by) -> Document:
    """A unit sends a text for legality review with its materials checklist (a normative document needs all of
    REQUIRED_MATERIALS). Opens the first round; its review clock starts on `submitted_on` (ClockRule review)."""
    guards.visible(by, document.unit, UNIT, field="unit")
    if not document.unit.is_active:
        raise ValidationError({"unit": _("该单位已撤销。")})
    if document.kind not in Kind.values:
        raise ValidationError({"kind": _("请选择文件类别。")})
    document.title = (document.title or "").strip()
    if not document.title:
        raise ValidationError({"title": _("请填写文件名称。")})
    _check_date(document.submitted_on, label=_("报送日期"), field="submitted_on")
    document.materials = sorted(set(document.materials or []))
    _check_materials(document, document.materials)
    document.area = document.unit.area
    document.status = Status.SUBMITTED
    document.submitted_by = by
    document.full_clean(exclude=["number"])
    document.save()
    _open_round(document, on=document.submitted_on, by=by)
    return document


def _current_round(document):
    return document.rounds.select_for_update().filter(concluded_on__isnull=True).order_by("-number").first()


@transaction.atomic
def document_review(*, document: Document, on: date, passed: bool, opinions: str, by) -> ReviewRound:
    """The section's review of the current round: passed (审查通过), or returned for revision with its opinions
    (退回修改). The round's to-do is closed either way."""
    _section_only(by)
    guards.visible(by, document, DOCUMENT, field="document")
    target = Status.PASSED if passed else Status.RETURNED
    _check_move(document, target, _("审查通过") if passed else _("退回修改"))
    review_round = _current_round(document)
    _check_date(on, not_before=review_round.submitted_on, label=_("审查完成日期"), field="concluded_on")
    opinions = (opinions or "").strip()
    if not passed and not opinions:
        raise ValidationError({"opinions": _("退回修改须填写审查意见。")})
    review_round.concluded_on, review_round.opinions, review_round.reviewed_by = on, opinions, by
    review_round.result = ReviewRound.Result.PASSED if passed else ReviewRound.Result.RETURNED
    review_round.save()
    document.status, document.reviewed_on = target, (on if passed else None)
    document.save(update_fields=["status", "reviewed_on"])
    reminders_close_for(obj=review_round, kind=REVIEW_DUE, by=by, note=_("已审查"))
    reminders_refresh(DOCUMENT_KINDS, records=document)
    return review_round


@transaction.atomic
def document_resubmit(*, document: Document, on: date, by, materials=None, note: str = "") -> ReviewRound:
    """The unit sends the revised draft back: a new round with its own clock; the earlier rounds stay."""
    guards.visible(by, document, DOCUMENT, field="document")
    _check_move(document, Status.SUBMITTED, _("重新报送"))
    last = document.rounds.order_by("-number").first()
    _check_date(on, not_before=last.concluded_on, label=_("报送日期"), field="submitted_on")
    materials = document.materials if materials is None else sorted(set(materials))
    _check_materials(document, materials)
    document.status, document.materials = Status.SUBMITTED, materials
    document.save(update_fields=["status", "materials"])
    return _open_round(document, on=on, by=by, note=(note or "").strip())


def _number_taken(prefix, year, seq, exclude_pk=None):
    return Document.objects.filter(number_prefix=prefix, number_year=year, number_seq=seq).exclude(pk=exclude_pk)


@transaction.atomic
def document_issue(*, document: Document, number: str, issued_on: date, by,
                   valid_until: date | None = None) -> Document:
    """印发: a normative document that passed review gets its number (unique per issuer and year, the year that
    of its issue), its validity (five years unless shorter) and its filing clock (ClockRule filing)."""
    _section_only(by)
    guards.visible(by, document, DOCUMENT, field="document")
    if not document.is_normative:
        raise ValidationError(_("只有行政规范性文件需要印发登记；%(kind)s审查通过即办结。") % {
            "kind": document.get_kind_display()})
    _check_move(document, Status.ISSUED, _("印发"))
    _check_date(issued_on, not_before=document.reviewed_on, label=_("印发日期"), field="issued_on")
    _numbered(document, number, issued_on, valid_until)
    document.status = Status.ISSUED
    _save_numbered(document)
    reminders_refresh(DOCUMENT_KINDS, records=document)
    return document


def _numbered(document, number, issued_on, valid_until):
    """The number (its format; its year that of the issue; unique per issuer and year), the validity (five years
    at most) and the filing clock set on `document`, unsaved; the page's issue and the ledger's import share it."""
    prefix, year, seq = parse_number(number)
    if year != issued_on.year:
        raise ValidationError({"number": _("文号年份%(y)s应与印发日期的年份%(iy)s一致。") % {
            "y": year, "iy": issued_on.year}})
    text = format_number(prefix, year, seq)
    with connection.cursor() as cursor:  # two clerks issuing one number at once: the second sees the first
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"normative_docs:{text}"])
    taken = _number_taken(prefix, year, seq, document.pk).first()
    if taken is not None:
        raise ValidationError({"number": _("文号%(n)s已被《%(t)s》使用，同一发文机关同一年度的文号不能重复。") % {
            "n": text, "t": taken.title}})
    longest = Document.default_valid_until(issued_on)
    valid_until = valid_until or longest
    if valid_until <= issued_on:
        raise ValidationError({"valid_until": _("有效期至应晚于印发日期。")})
    if valid_until > longest:
        raise ValidationError({"valid_until": _("行政规范性文件的有效期不得超过5年（最迟至%(d)s）。") % {"d": longest}})
    document.number, document.number_prefix, document.number_year, document.number_seq = text, prefix, year, seq
    document.issued_on, document.valid_until = issued_on, valid_until
    document.filing_due_on = ClockRule.due_on(ClockRule.Code.FILING, issued_on)


def _save_numbered(document):
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise ValidationError({"number": _("文号%(n)s已被使用，同一发文机关同一年度的文号不能重复。") % {
            "n": document.number}})


def document_register_issued(*, document: Document, by, status: str = Status.ISSUED,
                             closed_on: date | None = None) -> Document:
    """A normative document issued before the platform (已发布规范性文件台账): no rounds of review to replay, but
    the same rules as `document_issue` for its number, validity and filing clock, and as `document_file` and
    `document_close` for its filing and its end (amended, repealed, expired). `document` carries unit, title,
    number, issued_on, valid_until (optional), filed_on and filing_number (optional). It is the ledger's
    `documents_register_issued` with one document, so a page and an import run the same rules."""
    from .ledgers import documents_register_issued

    document.status, document.closed_on = status, closed_on
    return documents_register_issued(documents=[document], by=by)[0]


@transaction.atomic
def document_file(*, document: Document, filed_on: date, by, filing_number: str = "") -> Document:
    """备案: the issued document reported to the city; closes the filing to-do."""
    _section_only(by)
    guards.visible(by, document, DOCUMENT, field="document")
    if document.status != Status.ISSUED:
        raise ValidationError(_("只有已印发的行政规范性文件可以报送备案。"))
    if document.filed_on:
        raise ValidationError(_("该文件已于%(d)s报送备案。") % {"d": document.filed_on})
    _check_date(filed_on, not_before=document.issued_on, label=_("报送备案日期"), field="filed_on")
    _locked(document)
    document.filed_on, document.filing_number = filed_on, (filing_number or "").strip()
    document.save(update_fields=["filed_on", "filing_number"])
    reminders_close_for(obj=document, kind=FILING_DUE, by=by, note=_("已报送备案"))
    reminders_refresh(DOCUMENT_KINDS, records=document)
    return document


@transaction.atomic
def document_assess(*, document: Document, on: date, conclusion: str, by, valid_until: date | None = None) -> Document:
    """评估 before expiry: continue (with the new last day of validity, at most five years from the assessment),
    amend or repeal (then recorded with `document_close`). Closes the assessment to-do."""
    _section_only(by)
    guards.visible(by, document, DOCUMENT, field="document")
    if document.status != Status.ISSUED:
        raise ValidationError(_("只有已印发且仍有效的行政规范性文件可以评估。"))
    if conclusion not in Assessment.values:
        raise ValidationError({"assessment": _("请选择评估结论。")})
    _check_date(on, not_before=document.issued_on, label=_("评估日期"), field="assessed_on")
    _locked(document)
    if conclusion == Assessment.CONTINUE:
        if valid_until is None or valid_until <= document.valid_until:
            raise ValidationError({"valid_until": _("评估继续有效的，请填写晚于%(d)s的新有效期。") % {
                "d": document.valid_until}})
        if valid_until > Document.default_valid_until(on):
            raise ValidationError({"valid_until": _("行政规范性文件的有效期不得超过5年。")})
        document.valid_until = valid_until
    document.assessed_on, document.assessment = on, conclusion
    document.save(update_fields=["assessed_on", "assessment", "valid_until"])
    reminders_close_for(obj=document, kind=ASSESSMENT_DUE, by=by, note=_("已评估"))
    reminders_refresh(DOCUMENT_KINDS, records=document)
    return document


@transaction.atomic
def document_close(*, document: Document, outcome: str, on: date, by) -> Document:
    """清理: a document in force is amended (已修改), repealed (已废止) or has expired (已失效: only after its last
    day of validity). Its open to-dos are cancelled by the refresh."""
    _section_only(by)
    guards.visible(by, document, DOCUMENT, field="document")
    labels = {Status.AMENDED: _("修改"), Status.REPEALED: _("废止"), Status.EXPIRED: _("失效")}
    if outcome not in labels:
        raise ValidationError({"status": _("请选择修改、废止或失效。")})
    _check_move(document, outcome, labels[outcome])
    _check_date(on, not_before=document.issued_on, label=_("修改、废止或失效日期"), field="closed_on")
    if outcome == Status.EXPIRED and on <= document.valid_until:
        raise ValidationError({"closed_on": _("该文件有效期至%(d)s，届满后才能登记失效。") % {
            "d": document.valid_until}})
    document.status, document.closed_on = outcome, on
    document.save(update_fields=["status", "closed_on"])
    reminders_refresh(DOCUMENT_KINDS, records=document)
    return document


# --- Reconsideration --------------------------------------------------------------------------------------


def reconsideration_number_prefix(district, year):
    """罗湖区, 2026 → 罗复〔2026〕 (bureau.numbering)."""
    return numbering.number_prefix(district, "复", year)


def _unit_visible(by):
    """Whether `by` may see a unit, one query a unit (the ledgers ask once for a whole list: ledgers._Seen.unit)."""
    return lambda unit, field: guards.visible(by, unit, UNIT, field=field)


def _respondent_unit(case, field, visible):
    unit = getattr(case, f"{field}_unit")
    if unit is not None:
        visible(unit, f"{field}_unit")
        if unit.area_id != case.area_id:
            raise ValidationError({f"{field}_unit": _("所选单位不属于本区。")})


# The rules of each step, written once: the one-record services below apply them to a saved case, step by step;
# normative_docs.ledgers replays them on an unsaved case (an import). `due_on` is ClockRule.due_on, or a
# bureau.workdays.Clocks' due_on for a whole list; `lock=False` checks the move without locking a row. Their labels
# are lazy: translated only in a refusal, not for each of an import's rows (twice: checked, then written).


def reconsideration_received_rules(case, by, *, visible, due_on):
    """An application received: its district, parties, dates and acceptance clock (the jurisdiction over
    `case.area` is checked by the caller)."""
    case.area = _district_of(case.area)
    _required(case, (("applicant", gettext_lazy("申请人")), ("respondent", gettext_lazy("被申请人"))))
    _respondent_unit(case, "respondent", visible)
    _check_date(case.received_on, label=gettext_lazy("收到申请日期"), field="received_on")
    if case.known_on is not None and case.known_on > case.received_on:
        raise ValidationError({"known_on": _("知道行政行为之日不能晚于收到申请日期。")})
    case.delay_reason = (case.delay_reason or "").strip()
    case.status = ReconsiderationStatus.RECEIVED
    case.acceptance_due_on = due_on(ClockRule.Code.ACCEPTANCE, case.received_on)
    case.created_by = by


def reconsideration_accepted_rules(case, on, simple_procedure, *, due_on, lock=True):
    _check_move(case, ReconsiderationStatus.ACCEPTED, gettext_lazy("受理"), lock=lock)
    _check_date(on, not_before=case.received_on, label=gettext_lazy("受理日期"), field="accepted_on")
    if case.is_late:
        raise ValidationError({"accepted_on": _(
            "申请已超过法定申请期限（应于%(d)s前提出），且未记录耽误期限的正当理由，应当不予受理。") % {
            "d": f"{case.application_deadline:%Y年%-m月%-d日}"}})
    code = ClockRule.Code.SIMPLE_DECISION if simple_procedure else ClockRule.Code.DECISION
    case.status, case.accepted_on, case.simple_procedure = ReconsiderationStatus.ACCEPTED, on, simple_procedure
    case.decision_due_on = due_on(code, on)


def reconsideration_refused_rules(case, on, reason, *, lock=True):
    _check_move(case, ReconsiderationStatus.REFUSED, gettext_lazy("不予受理"), lock=lock)
    _check_date(on, not_before=case.received_on, label=gettext_lazy("不予受理日期"), field="refused_on")
    if not (reason or "").strip():
        raise ValidationError({"refusal_reason": _("请填写不予受理理由。")})
    case.status, case.refused_on, case.refusal_reason = ReconsiderationStatus.REFUSED, on, reason.strip()


def reconsideration_extended_rules(case, on, reason, *, due_on, lock=True):
    """Approved once, before the decision is due, by at most 30 days (ClockRule extension)."""
    if case.status != ReconsiderationStatus.ACCEPTED:
        raise ValidationError(_("只有审理中的行政复议案件可以延期。"))
    if case.is_extended:
        raise ValidationError(_("该案已于%(d)s延期，行政复议决定期限只能延长一次。") % {"d": case.extended_on})
    _check_date(on, not_before=case.accepted_on, label=gettext_lazy("延期批准日期"), field="extended_on")
    if on > case.decision_due_on:
        raise ValidationError({"extended_on": _("决定期限已于%(d)s届满，不能再延期。") % {"d": case.decision_due_on}})
    if not (reason or "").strip():
        raise ValidationError({"extension_reason": _("请填写延期理由。")})
    if lock:
        _locked(case)
    case.extended_on, case.extension_reason = on, reason.strip()
    case.decision_due_on = due_on(ClockRule.Code.EXTENSION, case.decision_due_on)


def reconsideration_decided_rules(case, on, decision, *, lock=True):
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择审结方式。")})
    _check_move(case, ReconsiderationStatus.CONCLUDED, gettext_lazy("审结"), lock=lock)
    _check_date(on, not_before=case.accepted_on, label=gettext_lazy("审结日期"), field="decided_on")
    case.status, case.decided_on, case.decision = ReconsiderationStatus.CONCLUDED, on, decision


@transaction.atomic
def reconsideration_receive(*, case: Reconsideration, by) -> Reconsideration:
    """An application received (at the window of the public legal service centre, by post, online or
    transferred); the acceptance clock (five working days, ClockRule acceptance) starts."""
    _section_only(by)
    guards.in_jurisdiction(by, case.area, _("所属区"), field="area")
    reconsideration_received_rules(case, by, visible=_unit_visible(by), due_on=ClockRule.due_on)
    case.full_clean(exclude=["number"])
    case.number = numbering.next_numbers(Reconsideration.objects.all(),
                                         reconsideration_number_prefix(case.area, case.received_on.year))[0]
    case.save()
    reminders_refresh(RECONSIDERATION_KINDS, records=case)
    return case


@transaction.atomic
def reconsideration_accept(*, case: Reconsideration, on: date, by, simple_procedure: bool = False) -> Reconsideration:
    """受理: the decision clock starts (60 days, 30 under the simplified procedure)."""
    _section_only(by)
    guards.visible(by, case, RECONSIDERATION, field="case")
    reconsideration_accepted_rules(case, on, simple_procedure, due_on=ClockRule.due_on)
    case.save()
    reminders_close_for(obj=case, kind=ACCEPTANCE_DUE, by=by, note=_("已受理"))
    reminders_refresh(RECONSIDERATION_KINDS, records=case)
    return case


@transaction.atomic
def reconsideration_refuse(*, case: Reconsideration, on: date, reason: str, by) -> Reconsideration:
    """不予受理, with its reason."""
    _section_only(by)
    guards.visible(by, case, RECONSIDERATION, field="case")
    reconsideration_refused_rules(case, on, reason)
    case.save()
    reminders_close_for(obj=case, kind=ACCEPTANCE_DUE, by=by, note=_("不予受理"))
    reminders_refresh(RECONSIDERATION_KINDS, records=case)
    return case


@transaction.atomic
def reconsideration_extend(*, case: Reconsideration, on: date, reason: str, by) -> Reconsideration:
    """延期: approved once, before the decision is due, by at most 30 days (ClockRule extension)."""
    _section_only(by)
    guards.visible(by, case, RECONSIDERATION, field="case")
    reconsideration_extended_rules(case, on, reason, due_on=ClockRule.due_on)
    case.save()
    reminders_refresh(RECONSIDERATION_KINDS, records=case)
    return case


@transaction.atomic
def reconsideration_decide(*, case: Reconsideration, on: date, decision: str, by) -> Reconsideration:
    """审结: a decision (维持, 撤销 …), a mediation or settlement, or termination."""
    _section_only(by)
    guards.visible(by, case, RECONSIDERATION, field="case")
    reconsideration_decided_rules(case, on, decision)
    case.save()
    reminders_close_for(obj=case, kind=DECISION_DUE, by=by, note=_("已审结"))
    reminders_refresh(RECONSIDERATION_KINDS, records=case)
    return case


# --- Litigation -------------------------------------------------------------------------------------------


def litigation_registered_rules(case, by, *, visible, taken):
    """A lawsuit registered: its district, numbers, parties and day (the jurisdiction over `case.area` is checked
    by the caller); `taken(court, case_number)` says whether the court's number is registered already."""
    case.area = _district_of(case.area)
    _required(case, (("case_number", gettext_lazy("法院案号")), ("court", gettext_lazy("审理法院")),
                     ("plaintiff", gettext_lazy("原告")), ("defendant", gettext_lazy("被告"))))
    _respondent_unit(case, "defendant", visible)
    _check_date(case.received_on, label=gettext_lazy("收到应诉通知日期"), field="received_on")
    if taken(case.court, case.case_number):
        raise ValidationError({"case_number": _("%(court)s案号%(n)s已登记。") % {"court": case.court,
                                                                            "n": case.case_number}})
    case.concluded_on, case.judgment, case.lost = None, "", None
    case.created_by = by


def _not_concluded(case):
    if case.concluded_on:
        raise ValidationError(_("该案已于%(d)s结案。") % {"d": case.concluded_on})


def hearing_rules(hearing, case):
    """A hearing of an open case, not before the notice was received."""
    _not_concluded(case)
    _check_date(hearing.held_on, not_before=case.received_on, label=gettext_lazy("开庭日期"), field="held_on")


def litigation_concluded_rules(case, on, judgment, *, last_hearing):
    """Whether the government lost follows from the judgment (LOST_JUDGMENTS)."""
    _not_concluded(case)
    if judgment not in Judgment.values:
        raise ValidationError({"judgment": _("请选择裁判结果。")})
    _check_date(on, not_before=last_hearing or case.received_on, label=gettext_lazy("判决或裁定日期"),
                field="concluded_on")
    case.concluded_on, case.judgment, case.lost = on, judgment, judgment in LOST_JUDGMENTS


@transaction.atomic
def litigation_register(*, case: Litigation, by) -> Litigation:
    """A lawsuit against a body of the district, as the notice to respond (应诉通知) was received."""
    _section_only(by)
    guards.in_jurisdiction(by, case.area, _("所属区"), field="area")
    litigation_registered_rules(case, by, visible=_unit_visible(by), taken=lambda court, number: (
        Litigation.objects.filter(court=court, case_number=number).exists()))
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def hearing_record(*, hearing: Hearing, by) -> Hearing:
    """A hearing of an open case; whether the agency head appeared in court, and who."""
    _section_only(by)
    guards.visible(by, hearing.case, LITIGATION, field="case")
    hearing_rules(hearing, hearing.case)
    hearing.full_clean()
    hearing.save()
    return hearing


@transaction.atomic
def litigation_conclude(*, case: Litigation, on: date, judgment: str, by) -> Litigation:
    """判决或裁定: the case ends; whether the government lost follows from the judgment (LOST_JUDGMENTS)."""
    _section_only(by)
    guards.visible(by, case, LITIGATION, field="case")
    last_hearing = case.hearings.order_by("-held_on").values_list("held_on", flat=True).first()
    litigation_concluded_rules(case, on, judgment, last_hearing=last_hearing)
    case.save(update_fields=["concluded_on", "judgment", "lost"])
    return case


# --- Attachments of a review round (pages) ---------------------------------------------------------------


@transaction.atomic
def document_attachments_add(*, document: Document, round_number: int, uploads, by) -> list[DocumentAttachment]:
    """The electronic files of the draft and its materials, kept with the round they were sent with, each a
    `DocumentAttachment` (audited; downloaded only by those who see the document): with the draft, or added later
    while the round awaits review (a forgotten file). Each upload is checked by its content and size
    (normative_docs.forms.validate_attachment) here too, so no caller can skip it."""
    from django.utils.text import get_valid_filename

    from .forms import ATTACHMENTS_PER_ROUND, validate_attachment

    guards.visible(by, document, DOCUMENT, field="document")
    _awaiting_review(document, round_number)
    held = document.attachments.filter(round_number=round_number).count()
    if held + len(uploads) > ATTACHMENTS_PER_ROUND:
        raise ValidationError(_("每轮最多%(n)d个附件，本轮已有%(held)d个。") % {
            "n": ATTACHMENTS_PER_ROUND, "held": held})
    attachments = []
    for upload in uploads:
        validate_attachment(upload)
        name = get_valid_filename(upload.name)[:200]
        attachment = DocumentAttachment(document=document, round_number=round_number, original_name=name,
                                        size=upload.size, uploaded_by=by)
        attachment.file.save(name, upload, save=False)
        attachment.save()
        attachments.append(attachment)
    return attachments


@transaction.atomic
def document_attachment_withdraw(*, attachment: DocumentAttachment, by) -> None:
    """撤回 a file sent by mistake (to replace one: withdraw it, add the right one), while its round awaits review:
    once the section has concluded the round, its files are what was reviewed and stay. The record goes (its
    deletion is on the audit trail, with who and when) and the stored file with it once the withdrawal commits."""
    document = attachment.document
    guards.visible(by, document, DOCUMENT, field="document")
    _awaiting_review(document, attachment.round_number)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _awaiting_review(document, round_number):
    """The files of a round change only while the section has not concluded it. The round's row is locked until the
    change commits: a review concluding it meanwhile waits, and so does another change of its files (the cap)."""
    concluded = list(document.rounds.select_for_update().filter(number=round_number)
                     .values_list("concluded_on", flat=True))
    if not concluded:
        raise ValidationError(_("没有第%(n)d轮审查。") % {"n": round_number})
    if concluded[0] is not None:
        raise ValidationError(_("第%(n)d轮审查已于%(on)s完成，其附件不能再增加或撤回。") % {
            "n": round_number, "on": concluded[0].isoformat()})

"""Every write of legal aid. Each case move checks TRANSITIONS, applies the move (legalaid.lifecycle: the fields,
the clocks and the timeline step, shared with the import, the demo and the city dataset), saves, and keeps the
case's own to-dos right, in one transaction. A refused move raises ValidationError in Chinese and changes
nothing."""

import random
import secrets
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards, numbering
from bureau.models import Area
from bureau.permissions import is_administrator
from bureau.reminders import reminders_refresh
from bureau.services import identifiers_confirm, reminders_close_for
from lawyers.models import Lawyer

from . import assignment, lifecycle
from .models import (
    QUALITY_STATUSES,
    Case,
    ClockRule,
    Complaint,
    Consultation,
    Expert,
    FileEvaluation,
    FollowUp,
    HearingEvaluation,
    Objection,
    Outcome,
    Recipient,
    Status,
)
from .reminders import ASSIGNMENT_DUE, COMPLAINT_DUE, DECISION_DUE

# --- Numbers ----------------------------------------------------------------------------------------------


def case_number_prefix(district, year):
    """罗湖区, 2026 → 罗法援〔2026〕 (bureau.numbering)."""
    return numbering.number_prefix(district, "法援", year)


def case_numbers_next(*, district, year, count=1):
    """The next `count` case numbers of a district-year; inside a transaction (bureau.numbering)."""
    return numbering.next_numbers(Case.objects.all(), case_number_prefix(district, year), count=count, digits=4)


# --- Helpers ----------------------------------------------------------------------------------------------


def _check_date(on, *, not_before=None, label=None):
    """The day of a step: not after today, nor before the step it follows."""
    guards.not_in_future(on, label)
    guards.not_before(on, not_before, label)


def _check_after(on, earlier, label, earlier_label):
    """`on` strictly after `earlier`: a step the law puts a process between cannot share its day."""
    if on and earlier and on <= earlier:
        raise ValidationError(_("%(what)s须晚于%(before)s（%(date)s）。") % {
            "what": label, "before": earlier_label, "date": earlier.isoformat()})


def move_refused(case, action):
    """Why the case's status does not allow the move `action` (its label) now."""
    return _("案件当前状态为“%(current)s”，不能“%(action)s”。") % {"current": case.get_status_display(), "action": action}


def _move(case, move, **kwargs):
    """Lock the case, apply the move (a legalaid.lifecycle function), check it against the transition map,
    save the case and write its timeline step."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != case.status:
        raise ValidationError(_("案件状态已被他人更改，请刷新后重试。"))
    before = Case(status=case.status)
    step = move(case, **kwargs)
    if not before.can_move_to(case.status):
        case.refresh_from_db()  # undo what the move set on the object before this refusal
        raise ValidationError(move_refused(before, step.action))
    case.save()
    step.save()
    return case


def _clocks(day):
    return lifecycle.Clocks(day, day)


def _refresh_todos(record):
    """Open (or cancel) the to-dos of this case or complaint only — never the city's — and never fail the write
    (bureau.reminders.reminders_refresh)."""
    reminders_refresh(records=record)


# --- The case lifecycle -----------------------------------------------------------------------------------


@transaction.atomic
def case_receive(*, case: Case, recipients: list[Recipient], by, id_number_confirmed: bool = False) -> Case:
    """Register an application (or a notice). A notice needs no means test: it is accepted at once and its
    assignment clock starts; an application's decision clock starts when it is complete (now).
    `id_number_confirmed`: the clerk checked ID numbers whose region code raised a warning (bureau.identifiers)."""
    if not recipients:
        raise ValidationError(_("请至少登记一名受援人。"))
    _check_date(case.received_on, label=_("收到日期"))
    case.full_clean(exclude=["number", "created_by"])
    guards.in_jurisdiction(by, case.area, field="area")
    district = case.area.district
    case.number = case_numbers_next(district=district, year=case.received_on.year)[0]
    case.created_by = by
    step = lifecycle.receive(case, _clocks(case.received_on), by=by)
    case.save()
    for recipient in recipients:
        recipient.case = case
        recipient.full_clean(exclude=["case"])
    Recipient.objects.bulk_create(recipients)
    identifiers_confirm(objects=[case, *recipients], by=by, confirmed=id_number_confirmed)
    step.save()
    _refresh_todos(case)
    return case


@transaction.atomic
def case_request_material(*, case: Case, by, note: str, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    if case.material_requested_on is not None:
        raise ValidationError(_("补充材料只能通知一次。"))
    if not note.strip():
        raise ValidationError(_("请写明需要补充的材料。"))
    _check_date(on, not_before=case.received_on, label=_("通知日期"))
    _move(case, lifecycle.request_material, on=on, note=note, by=by)  # the clock waits for the material
    reminders_close_for(obj=case, kind=DECISION_DUE, by=by, note=_("等待补充材料"))
    return case


@transaction.atomic
def case_supply_material(*, case: Case, by, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    _check_date(on, not_before=case.material_requested_on, label=_("材料齐全日期"))
    _move(case, lifecycle.supply_material, clocks=_clocks(on), on=on, by=by)
    _refresh_todos(case)
    return case


@transaction.atomic
def case_decide(*, case: Case, grant: bool, reasons: str, by, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    if case.status != Status.RECEIVED:
        # An objected case is decided through case_objection_decide, which records the objection's result.
        raise ValidationError(_("案件当前状态为“%(current)s”，不能作出审查决定。") % {"current": case.get_status_display()})
    _check_date(on, not_before=case.complete_on or case.received_on, label=_("决定日期"))
    if not grant and not reasons.strip():
        raise ValidationError(_("不予法律援助须书面说明理由。"))
    _move(case, lifecycle.decide, clocks=_clocks(on), grant=grant, reasons=reasons, on=on, by=by)
    reminders_close_for(obj=case, kind=DECISION_DUE, by=by, note=_("已作出决定"))
    _refresh_todos(case)
    return case


@transaction.atomic
def case_object(*, case: Case, reason: str, by, on: date | None = None) -> Objection:
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError(_("请填写异议理由。"))
    _check_date(on, not_before=case.decided_on, label=_("提出异议日期"))
    _move(case, lifecycle.object_to, reason=reason, on=on, by=by)
    return Objection.objects.create(case=case, filed_on=on, reason=reason)


@transaction.atomic
def case_objection_decide(*, case: Case, upheld: bool, reasons: str, by, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    objection = case.objections.filter(result="").first()
    if objection is None or case.status != Status.OBJECTED:
        raise ValidationError(_("该案件没有待审查的异议。"))
    _check_date(on, not_before=objection.filed_on, label=_("异议审查日期"))
    objection.result = Objection.Result.UPHELD if upheld else Objection.Result.REJECTED
    objection.decided_on = on
    objection.save()
    _move(case, lifecycle.objection_decide, clocks=_clocks(on), upheld=upheld, reasons=reasons, on=on, by=by)
    if upheld:
        _refresh_todos(case)
    return case


@transaction.atomic
def case_assign(*, case: Case, lawyer, by, override_reason: str = "", on: date | None = None) -> Case:
    """Assign the lawyer; if it is not the system's suggestion, the reason is required and recorded."""
    on = on or timezone.localdate()
    _check_date(on, not_before=case.decided_on, label=_("指派日期"))
    suggestion = assignment.suggest(case, on)
    if not assignment.eligible_lawyers(case, on).filter(pk=lawyer.pk).exists():
        if case.max_penalty_life_or_death and lawyer.years_of_practice(on) < assignment.MIN_YEARS_FOR_LIFE_OR_DEATH:
            raise ValidationError(_("可能判处无期徒刑、死刑的案件，须指派具有三年以上执业经历的律师。"))
        raise ValidationError(_("该律师不在本区可承办法律援助案件的律师名单中。"))
    overridden = suggestion is not None and suggestion.lawyer.pk != lawyer.pk
    if overridden and not override_reason.strip():
        raise ValidationError(_("未采纳系统建议的律师（%(name)s），请填写理由。") % {"name": suggestion.lawyer})
    case.suggested_lawyer = suggestion.lawyer if suggestion else None
    case.suggestion_reason = suggestion.reason if suggestion else ""
    case.override_reason = override_reason if overridden else ""
    note = _("指派 %(lawyer)s") % {"lawyer": lawyer}
    if overridden:
        note += _("（未采纳系统建议的 %(s)s，理由：%(r)s）") % {"s": suggestion.lawyer, "r": override_reason}
    _move(case, lifecycle.assign, lawyer=lawyer, on=on, note=note, by=by)
    reminders_close_for(obj=case, kind=ASSIGNMENT_DUE, by=by, note=_("已指派"))
    return case


@transaction.atomic
def case_start(*, case: Case, by, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    _check_date(on, not_before=case.assigned_on, label=_("开始承办日期"))
    return _move(case, lifecycle.start, on=on, by=by)


@transaction.atomic
def case_close(*, case: Case, outcome: str, recovered_amount: Decimal, by, on: date | None = None) -> Case:
    """Close a case the lawyer has handled. The lawyer's work — meeting the recipient, reading the file, the
    hearing or the negotiation — follows the decision and the assignment, so a case is not closed on the day it
    was received, nor before it was started. The outcome fits the matter (models.outcomes_for)."""
    on = on or timezone.localdate()
    _check_date(on, not_before=case.started_on, label=_("结案日期"))
    _check_after(on, case.received_on, _("结案日期"), _("收到日期"))
    if not outcome:
        raise ValidationError(_("请选择结案结果。"))
    if outcome not in dict(case.outcome_choices):
        raise ValidationError(_("“%(outcome)s”不是“%(category)s”案件的结案结果。") % {
            "outcome": Outcome(outcome).label if outcome in Outcome.values else outcome,
            "category": case.get_category_display()})
    if recovered_amount is None or recovered_amount < 0:
        raise ValidationError(_("挽回经济损失不能为负数。"))
    return _move(case, lifecycle.close, outcome=outcome, recovered_amount=recovered_amount, on=on, by=by)


@transaction.atomic
def case_archive(*, case: Case, by, on: date | None = None) -> Case:
    """File a closed case. The lawyer hands in the closing material after closure and the legal-aid office
    reviews it before filing (办理法律援助案件程序规定 第四十条), so archiving falls on a later day."""
    on = on or timezone.localdate()
    _check_date(on, not_before=case.closed_on, label=_("归档日期"))
    _check_after(on, case.closed_on, _("归档日期"), _("结案日期"))
    return _move(case, lifecycle.archive, on=on, by=by)


@transaction.atomic
def case_terminate(*, case: Case, ground: str, note: str, by, on: date | None = None) -> Case:
    on = on or timezone.localdate()
    if not ground:
        raise ValidationError(_("请选择终止法律援助的情形（法律援助法第四十八条）。"))
    _check_date(on, not_before=case.decided_on, label=_("终止日期"))
    _move(case, lifecycle.terminate, ground=ground, note=note, on=on, by=by)
    reminders_close_for(obj=case, kind=ASSIGNMENT_DUE, by=by, note=_("已终止"))
    return case


# The moves a page offers, by target status: (service, label). Views show one button per allowed move.
ACTIONS = {
    "request_material": (Status.MATERIAL_REQUESTED, gettext_lazy("通知补充材料")),
    "supply_material": (Status.RECEIVED, gettext_lazy("材料已补齐")),
    "grant": (Status.GRANTED, gettext_lazy("决定给予")),
    "refuse": (Status.REFUSED, gettext_lazy("决定不予")),
    "object": (Status.OBJECTED, gettext_lazy("登记异议")),
    "objection_uphold": (Status.GRANTED, gettext_lazy("异议成立")),
    "objection_reject": (Status.REFUSED, gettext_lazy("异议不成立")),
    "assign": (Status.ASSIGNED, gettext_lazy("指派律师")),
    "start": (Status.IN_PROGRESS, gettext_lazy("开始承办")),
    "close": (Status.CLOSED, gettext_lazy("结案")),
    "archive": (Status.ARCHIVED, gettext_lazy("归档")),
    "terminate": (Status.TERMINATED, gettext_lazy("终止援助")),
}


def case_actions(case):
    """The action names the case's status allows now (what the page shows as buttons)."""
    names = []
    for name, (target, _label) in ACTIONS.items():
        if not case.can_move_to(target):
            continue
        if name == "request_material" and not case.can_request_material:
            continue
        if name.startswith("objection_") != (case.status == Status.OBJECTED):
            continue
        if name in {"grant", "refuse"} and case.status != Status.RECEIVED:
            continue
        names.append(name)
    return names


# --- Consultations ----------------------------------------------------------------------------------------


@transaction.atomic
def consultation_record(*, area: Area, on: date, channel: str, topic: str, answer: str, person_times: int = 1,
                        name: str = "", phone: str = "", note: str = "", by) -> Consultation:
    """A consultation as it is answered: who asked (name and phone may stay blank for an anonymous caller or a
    group), what about, and the answer given — the record a later complaint or follow-up needs."""
    guards.in_jurisdiction(by, area, streets_only=True, field="area")
    _check_date(on, label=_("咨询日期"))
    consultation = Consultation(area=area, on=on, channel=channel, topic=topic, person_times=person_times,
                                name=name, phone=phone, note=note, answer=answer, recorded_by=by)
    consultation.full_clean()
    consultation_check(consultation)
    consultation.save()
    return consultation


def consultation_check(consultation):
    """What a consultation must say beyond its model's fields (the page, the API and the import alike)."""
    if not consultation.answer.strip():
        raise ValidationError({"answer": _("请填写解答内容。")})


# --- Quality ----------------------------------------------------------------------------------------------


CASE = gettext_lazy("案件")  # a quality record's case the user cannot see: "案件不存在或不在您的管辖范围内。"


@transaction.atomic
def file_evaluation_record(*, evaluation: FileEvaluation, by) -> FileEvaluation:
    guards.visible(by, evaluation.case, CASE, field="case")
    if evaluation.case.status not in QUALITY_STATUSES["file_evaluation"]:
        raise ValidationError(_("只能评查已结案的案卷。"))
    evaluation.full_clean()
    evaluation.save()
    return evaluation


def experts_draw(pool: list[int], seed: int, count: int) -> list[int]:
    """The experts drawn from `pool` (ids, sorted) with `seed`: anyone can re-run it to check a draw."""
    return random.Random(seed).sample(sorted(pool), count)


@transaction.atomic
def hearing_evaluation_create(*, case: Case, held_on: date, court: str, by, count: int = 3,
                              seed: int | None = None) -> HearingEvaluation:
    """Draw `count` experts at random from the district's active pool and record the draw."""
    guards.visible(by, case, CASE, field="case")
    if case.status not in QUALITY_STATUSES["hearing_evaluation"]:
        raise ValidationError(_("只有已指派律师的案件才能进行庭审评估。"))
    pool = list(Expert.objects.active().in_area(case.area.district).values_list("pk", flat=True))
    if len(pool) < count:
        raise ValidationError(_("专家库只有 %(n)d 名在库专家，不足 %(k)d 名。") % {"n": len(pool), "k": count})
    seed = secrets.randbits(62) if seed is None else seed
    evaluation = HearingEvaluation.objects.create(case=case, held_on=held_on, court=court, seed=seed,
                                                  pool=sorted(pool))
    evaluation.experts.set(experts_draw(pool, seed, count))
    return evaluation


@transaction.atomic
def follow_up_record(*, follow_up: FollowUp, by) -> FollowUp:
    """A call to the recipient, made by `by`."""
    guards.visible(by, follow_up.case, CASE, field="case")
    if follow_up.case.status not in QUALITY_STATUSES["follow_up"]:
        raise ValidationError(_("只能回访承办中或已结案案件的受援人。"))
    follow_up.by = by
    follow_up.full_clean()
    follow_up.save()
    return follow_up


CASE_NOT_FOUND = gettext_lazy("未找到编号为“%(n)s”的案件（或不在您的管辖范围内）。")
LAWYER_NOT_IN_DISTRICT = gettext_lazy("被投诉律师不在您所在区的律师名录中。")


def case_not_found(number):
    """The refusal of a case number the user cannot see — the same whether or not it exists elsewhere."""
    return CASE_NOT_FOUND % {"n": number}


def complaint_lawyers(by):
    """The lawyers a complaint received by `by` may name: those of `by`'s district (a street clerk receives
    complaints about any of them); the administrator's, all."""
    if is_administrator(by):
        return Lawyer.objects.all()
    return Lawyer.objects.in_area(by.area.district or by.area)


@transaction.atomic
def complaint_receive(*, complaint: Complaint, by) -> Complaint:
    """Register a complaint about a lawyer (and a case) of the receiving clerk's jurisdiction."""
    guards.in_jurisdiction(by, complaint.area, streets_only=True, field="area")
    if complaint.case_id and not Case.objects.visible_to(by).filter(pk=complaint.case_id).exists():
        raise ValidationError({"case": case_not_found(complaint.case.number)})
    if complaint.lawyer_id and not complaint_lawyers(by).filter(pk=complaint.lawyer_id).exists():
        raise ValidationError({"lawyer": str(LAWYER_NOT_IN_DISTRICT)})
    _check_date(complaint.received_on, label=_("收到日期"))
    complaint.due_on = ClockRule.due_on(ClockRule.Code.COMPLAINT, complaint.received_on)
    complaint.full_clean()
    complaint.save()
    _refresh_todos(complaint)
    return complaint


@transaction.atomic
def complaint_conclude(*, complaint: Complaint, finding: str, handling: str, by, on: date | None = None) -> Complaint:
    on = on or timezone.localdate()
    if complaint.concluded_on:
        raise ValidationError(_("该投诉已办结。"))
    if not finding or not handling.strip():
        raise ValidationError(_("请填写调查结论和处理情况。"))
    _check_date(on, not_before=complaint.received_on, label=_("办结日期"))
    complaint.concluded_on, complaint.finding, complaint.handling = on, finding, handling
    complaint.save()
    reminders_close_for(obj=complaint, kind=COMPLAINT_DUE, by=by, note=_("已办结"))
    return complaint

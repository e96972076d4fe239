"""Every write of people's mediation. Each is atomic, checks the move (TRANSITIONS), the dates (not in the future,
not before the step they follow) and the jurisdiction of every record it refers to (bureau.guards), and keeps
the records' to-dos right (mediation.reminders). A refusal raises ValidationError in Chinese and changes
nothing.

Jurisdiction: an office (street, section, administrator) writes within its area; a mediator (人民调解员) only
for the organisations they serve in — `Organisation.objects.visible_to(mediator)` — and never registers
organisations, mediators or trainings, which are the offices' records.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards, numbering
from bureau.reminders import reminders_refresh
from bureau.services import identifiers_confirm, reminders_close_for
from lawyers.models import Lawyer

from .models import (
    AgreementForm,
    Case,
    ConfirmationResult,
    Extension,
    FoundDispute,
    Mediator,
    Organisation,
    Outcome,
    Party,
    Performance,
    ScreeningRound,
    Status,
    Training,
)
from .permissions import is_mediator
from .reminders import CONCLUSION_DUE, CONFIRMATION_DUE, FILING_DUE

ORGANISATION = gettext_lazy("调解组织")
MEDIATOR = gettext_lazy("调解员")
CASE = gettext_lazy("调解案件")
ROUND = gettext_lazy("排查")
DISPUTE = gettext_lazy("排查发现的纠纷")


# --- Helpers ----------------------------------------------------------------------------------------------


def _check_date(on, *, not_before=None, label=None, field=None):
    """The day of a step: not after today, nor before the step it follows."""
    guards.not_in_future(on, label, field=field)
    guards.not_before(on, not_before, label, field=field)


def _office_only(by):
    """Organisations, mediators and trainings are the offices' records, not a mediator's."""
    if is_mediator(by):
        raise ValidationError(_("人民调解员不能登记或修改调解组织、调解员和培训信息，请联系司法所。"))


def _office_area(by, area, what=None, *, field="area"):
    _office_only(by)
    guards.in_jurisdiction(by, area, what, field=field)


def _locked(record):
    """The row locked for the rest of the transaction; refuses if someone moved it since it was read."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if getattr(locked, "status", None) != getattr(record, "status", None):
        raise ValidationError(_("案件状态已被他人更改，请刷新后重试。"))
    return locked


def move_refused(case, action):
    return _("案件当前状态为“%(current)s”，不能“%(action)s”。") % {"current": case.get_status_display(),
                                                          "action": action}


def _move(case, target, action):
    """Check the move against the transition map (on the locked row) and set the new status."""
    _locked(case)
    if not case.can_move_to(target):
        raise ValidationError(move_refused(case, action))
    case.status = target


def _refresh_todos(record):
    """Open (or cancel) the to-dos of this record only — never the city's — and never fail the write."""
    reminders_refresh(records=record)


# --- Organisations ----------------------------------------------------------------------------------------


@transaction.atomic
def organisation_register(*, organisation: Organisation, by) -> Organisation:
    """A new committee or room in `by`'s jurisdiction. Not yet filed, it is a to-do for its street office."""
    _office_area(by, organisation.area, _("所在区域"))
    organisation_register_check(organisation)
    organisation.full_clean()
    organisation.save()
    _refresh_todos(organisation)
    return organisation


def organisation_register_check(organisation: Organisation) -> None:
    """The rules of a new organisation that need no query (the import checks a whole file with them)."""
    _check_date(organisation.founded_on, label=_("成立日期"), field="founded_on")
    _check_date(organisation.filed_on, not_before=organisation.founded_on, label=_("备案日期"), field="filed_on")
    _check_date(organisation.devices_installed_on, not_before=organisation.founded_on, label=_("终端安装日期"),
                field="devices_installed_on")
    if organisation.closed_on:
        raise ValidationError({"closed_on": _("新登记的调解组织不能填写撤销日期。")})
    organisation.clean()


def _organisation(by, organisation):
    _office_only(by)
    guards.visible(by, organisation, ORGANISATION, field="organisation")
    return organisation


@transaction.atomic
def organisation_file(*, organisation: Organisation, filed_on: date, filing_number: str, by) -> Organisation:
    """备案: the organisation reported to the justice office, under `filing_number`."""
    _organisation(by, organisation)
    if organisation.is_filed:
        raise ValidationError(_("该调解组织已于%(date)s备案。") % {"date": organisation.filed_on})
    if not (filing_number or "").strip():
        raise ValidationError({"filing_number": _("请填写备案编号。")})
    _check_date(filed_on, not_before=organisation.founded_on, label=_("备案日期"), field="filed_on")
    organisation.filed_on, organisation.filing_number = filed_on, filing_number.strip()
    organisation.full_clean()
    organisation.save()
    reminders_close_for(obj=organisation, kind=FILING_DUE, by=by, note=_("已备案"))
    return organisation


@transaction.atomic
def organisation_devices_install(*, organisation: Organisation, count: int, on: date, by) -> Organisation:
    """在线司法确认终端: how many the organisation has now, and since when."""
    _organisation(by, organisation)
    if count is None or count < 0:
        raise ValidationError({"devices": _("终端数量不能为负数。")})
    _check_date(on, not_before=organisation.founded_on, label=_("终端安装日期"), field="devices_installed_on")
    organisation.devices, organisation.devices_installed_on = count, (on if count else None)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_close(*, organisation: Organisation, on: date, by) -> Organisation:
    """撤销: an organisation with open cases cannot close; its filing to-do (if any) is cancelled."""
    _organisation(by, organisation)
    if organisation.closed_on:
        raise ValidationError(_("该调解组织已于%(date)s撤销。") % {"date": organisation.closed_on})
    _check_date(on, not_before=organisation.founded_on, label=_("撤销日期"), field="closed_on")
    if organisation.cases.open().exists():
        raise ValidationError(_("该调解组织尚有未结束的调解案件，不能撤销。"))
    organisation.closed_on = on
    organisation.save()
    _refresh_todos(organisation)
    return organisation


# --- Mediators and trainings ------------------------------------------------------------------------------


@transaction.atomic
def mediator_appoint(*, mediator: Mediator, by) -> Mediator:
    """A mediator joins an organisation. A community legal advisor serving as mediator (牵手计划) is a lawyer of
    the organisation's district; an account given must be of the role 人民调解员."""
    organisation = _organisation(by, mediator.organisation)
    mediator_appoint_check(mediator)
    if mediator.lawyer_id:
        district = organisation.area.district or organisation.area
        if not Lawyer.objects.in_area(district).filter(pk=mediator.lawyer_id).exists():
            raise ValidationError({"lawyer": _("所选律师不在本区律师名录中。")})
    if mediator.user_id and not is_mediator(mediator.user):
        raise ValidationError({"user": _("登录账号的角色应为人民调解员。")})
    if mediator.user_id:  # an account of the organisation's district (issue 18, part 5)
        guards.within(mediator.user.area, organisation.area.district or organisation.area, _("登录账号"),
                      field="user")
    mediator.full_clean()
    mediator.save()
    return mediator


def mediator_appoint_check(mediator: Mediator) -> None:
    """The rules of a new mediator of an organisation that need no query (the import checks a whole file)."""
    organisation = mediator.organisation
    _check_date(mediator.from_on, not_before=organisation.founded_on, label=_("任职日期"), field="from_on")
    if not organisation.is_active_on(mediator.from_on):
        raise ValidationError({"from_on": _("该调解组织在任职日期已撤销。")})
    if mediator.to_on:
        raise ValidationError({"to_on": _("离任请使用“离任”登记。")})
    mediator.area = organisation.area
    mediator.clean()


@transaction.atomic
def mediator_leave(*, mediator: Mediator, on: date, by) -> Mediator:
    _office_only(by)
    guards.visible(by, mediator, MEDIATOR, field="mediator")
    if mediator.to_on:
        raise ValidationError(_("该调解员已于%(date)s离任。") % {"date": mediator.to_on})
    _check_date(on, not_before=mediator.from_on, label=_("离任日期"), field="to_on")
    mediator.to_on = on
    mediator.save()
    return mediator


@transaction.atomic
def training_record(*, training: Training, by) -> Training:
    _office_area(by, training.area, _("举办单位所在区域"))
    _check_date(training.held_on, label=_("培训日期"), field="held_on")
    training.full_clean()
    training.save()
    return training


# --- Screening --------------------------------------------------------------------------------------------


def _area_within(outer, inner, message, field):
    if not outer.contains(inner):
        raise ValidationError({field: message})


@transaction.atomic
def screening_round_record(*, round: ScreeningRound, by) -> ScreeningRound:
    """A round of 矛盾纠纷排查 in a street or community: by its office, or by an organisation (a mediator's
    own organisation, within its area)."""
    if round.organisation_id:
        guards.visible(by, round.organisation, ORGANISATION, field="organisation")
    if is_mediator(by):
        if not round.organisation_id:
            raise ValidationError({"organisation": _("请选择开展排查的调解组织。")})
        _area_within(round.organisation.area, round.area, _("排查区域应在调解组织所在区域内。"), "area")
    else:
        guards.in_jurisdiction(by, round.area, _("排查区域"), field="area")
    _check_date(round.started_on, label=_("开始日期"), field="started_on")
    _check_date(round.ended_on, not_before=round.started_on, label=_("结束日期"), field="ended_on")
    round.created_by = by
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def dispute_record(*, dispute: FoundDispute, by) -> FoundDispute:
    """A dispute found by a round, within the round's area and days."""
    guards.visible(by, dispute.round, ROUND, field="round")
    dispute.area = dispute.area if dispute.area_id else dispute.round.area
    _area_within(dispute.round.area, dispute.area, _("纠纷所在区域应在排查区域内。"), "area")
    _check_date(dispute.found_on, not_before=dispute.round.started_on, label=_("发现日期"), field="found_on")
    if dispute.case_id:
        raise ValidationError({"case": _("转为调解案件请在受理案件时选择该纠纷。")})
    dispute.full_clean()
    dispute.save()
    return dispute


# --- Case numbers -----------------------------------------------------------------------------------------


def case_number_prefix(district, year):
    """罗湖区, 2026 → 罗调〔2026〕 (bureau.numbering)."""
    return numbering.number_prefix(district, "调", year)


def case_numbers_next(*, district, year, count=1):
    """The next `count` case numbers of a district-year; inside a transaction (bureau.numbering)."""
    return numbering.next_numbers(Case.objects.all(), case_number_prefix(district, year), count=count, digits=5)


# --- Cases ------------------------------------------------------------------------------------------------


def _check_mediators(organisation, mediators, on):
    for mediator in mediators:
        if mediator.organisation_id != organisation.pk:
            raise ValidationError({"mediator": _("调解员%(name)s不是%(org)s的调解员。") % {
                "name": mediator.name, "org": organisation.name}})
        if not mediator.is_active_on(on):
            raise ValidationError({"mediator": _("调解员%(name)s在受理日期不在任。") % {"name": mediator.name}})


def case_accept_check(*, case: Case, parties: list[Party], by, co_mediators=()) -> None:
    """The rules of accepting a case that need no query, once its organisation and mediators are known to be
    visible to `by`: the parties, the acceptance date, the organisation and mediators active on it; sets the
    case's area, status and registrar. `case_accept` calls it for one case, the import for every row of a
    file (mediation.resources)."""
    organisation = case.organisation
    if not parties:
        raise ValidationError({"parties": _("请至少登记一名当事人。")})
    # A lazy label: translated only for a date refused (an import checks 20,000 rows, issue 12).
    _check_date(case.accepted_on, not_before=organisation.founded_on, label=gettext_lazy("受理日期"),
                field="accepted_on")
    if not organisation.is_active_on(case.accepted_on):
        raise ValidationError({"accepted_on": _("该调解组织在受理日期已撤销。")})
    _check_mediators(organisation, [case.mediator, *co_mediators], case.accepted_on)
    case.area = organisation.area
    case.status = Status.ACCEPTED
    case.created_by = by
    case.clean()
    for party in parties:
        party.clean()


@transaction.atomic
def case_accept(*, case: Case, parties: list[Party], by, co_mediators=(), found_dispute: FoundDispute | None = None,
                id_number_confirmed: bool = False) -> Case:
    """Accept a dispute for mediation in an organisation `by` may act for (a mediator: their own), with its
    parties and mediators; a dispute found by screening becomes this case. `id_number_confirmed`: the parties'
    ID numbers whose region code raised a warning were checked (bureau.identifiers)."""
    organisation = case.organisation
    guards.visible(by, organisation, ORGANISATION, field="organisation")
    guards.visible(by, [case.mediator, *co_mediators], MEDIATOR, field="mediator")
    case_accept_check(case=case, parties=parties, by=by, co_mediators=co_mediators)
    if found_dispute is not None:
        guards.visible(by, found_dispute, DISPUTE, field="found_dispute")
        if found_dispute.case_id:
            raise ValidationError({"found_dispute": _("该纠纷已转为调解案件%(n)s。") % {"n": found_dispute.case.number}})
        _check_date(case.accepted_on, not_before=found_dispute.found_on, label=_("受理日期"), field="accepted_on")
    case.full_clean(exclude=["number"])
    case.number = case_numbers_next(district=case.area.district or case.area, year=case.accepted_on.year)[0]
    case.save()
    case.co_mediators.set([m for m in co_mediators if m.pk != case.mediator_id])
    for party in parties:
        party.case = case
        party.full_clean(exclude=["case"])
    Party.objects.bulk_create(parties)
    identifiers_confirm(objects=parties, by=by, confirmed=id_number_confirmed)
    if found_dispute is not None:
        found_dispute.case = case
        found_dispute.save(update_fields=["case"])
    _refresh_todos(case)
    return case


def _case(by, case):
    guards.visible(by, case, CASE, field="case")
    return case


@transaction.atomic
def case_start(*, case: Case, by, on: date | None = None) -> Case:
    """调解开始."""
    on = on or timezone.localdate()
    _case(by, case)
    _check_date(on, not_before=case.accepted_on, label=_("开始调解日期"), field="mediation_started_on")
    _move(case, Status.MEDIATING, _("开始调解"))
    case.mediation_started_on = on
    case.save()
    return case


@transaction.atomic
def case_extend(*, case: Case, agreed_on: date, extended_to: date, note: str, by) -> Extension:
    """The parties agreed, before the deadline, to continue mediating until `extended_to`."""
    _case(by, case)
    _locked(case)
    if not case.is_open:
        raise ValidationError(_("案件当前状态为“%(current)s”，不能延长调解期限。") % {
            "current": case.get_status_display()})
    if not (note or "").strip():
        raise ValidationError({"note": _("请写明延长调解期限的原因及当事人同意的情况。")})
    due = case.concluded_due_on
    _check_date(agreed_on, not_before=case.accepted_on, label=_("当事人同意日期"), field="agreed_on")
    if agreed_on > due:
        raise ValidationError({"agreed_on": _("调解期限已于%(date)s届满，须在期限届满前经当事人同意延长。") % {
            "date": due}})
    if not extended_to or extended_to <= due:
        raise ValidationError({"extended_to": _("延长后的调解期限应晚于原期限%(date)s。") % {"date": due}})
    extension = Extension.objects.create(case=case, agreed_on=agreed_on, previous_due_on=due,
                                         extended_to=extended_to, note=note.strip(), by=by)
    case.extended_to = extended_to
    case.save(update_fields=["extended_to"])
    _refresh_todos(case)  # the to-do of the old deadline is cancelled, the new one opened
    return extension


@transaction.atomic
def case_conclude(*, case: Case, outcome: str, by, on: date | None = None, failure_reason: str = "",
                  agreement_form: str = "", agreement_signed_on: date | None = None,
                  agreement_content: str = "") -> Case:
    """调解结束: successful, with an agreement (口头 or 书面, a written one signed on a day), or not, with the
    reason. A written agreement opens the 30-day window for 司法确认."""
    on = on or timezone.localdate()
    _case(by, case)
    _check_date(on, not_before=case.mediation_started_on or case.accepted_on, label=_("调解结束日期"),
                field="concluded_on")
    if outcome == Outcome.SUCCESS:
        if agreement_form not in AgreementForm.values:
            raise ValidationError({"agreement_form": _("调解成功的，请选择协议形式（口头或书面）。")})
        if agreement_form == AgreementForm.WRITTEN:
            if not agreement_signed_on:
                raise ValidationError({"agreement_signed_on": _("书面调解协议须填写签订日期。")})
            _check_date(agreement_signed_on, not_before=case.mediation_started_on or case.accepted_on,
                        label=_("协议签订日期"), field="agreement_signed_on")
        elif agreement_signed_on:
            raise ValidationError({"agreement_signed_on": _("口头协议不填写签订日期。")})
        case.failure_reason = ""
        case.performance = Performance.PENDING
    elif outcome == Outcome.FAILURE:
        if not (failure_reason or "").strip():
            raise ValidationError({"failure_reason": _("调解不成功的，请写明原因。")})
        if agreement_form or agreement_signed_on:
            raise ValidationError({"agreement_form": _("调解不成功的案件没有调解协议。")})
        case.failure_reason = failure_reason.strip()
    else:
        raise ValidationError({"outcome": _("请选择调解结果。")})
    _move(case, Status.CONCLUDED, _("结束调解"))
    case.outcome, case.concluded_on = outcome, on
    case.agreement_form, case.agreement_signed_on = agreement_form, agreement_signed_on
    case.agreement_content = agreement_content if outcome == Outcome.SUCCESS else ""
    case.save()
    reminders_close_for(obj=case, kind=CONCLUSION_DUE, by=by, note=_("调解已结束"))
    _refresh_todos(case)  # a written agreement: the confirmation window's to-do
    return case


def _successful(case, action):
    if not case.is_successful:
        raise ValidationError(_("只有调解成功的案件才能%(action)s。") % {"action": action})


@transaction.atomic
def case_record_performance(*, case: Case, performance: str, by, on: date | None = None) -> Case:
    """履行: the agreement was performed (fully, partly) or not."""
    on = on or timezone.localdate()
    _case(by, case)
    _successful(case, _("登记履行情况"))
    if performance not in {Performance.PERFORMED, Performance.PARTLY, Performance.NOT_PERFORMED}:
        raise ValidationError({"performance": _("请选择履行情况。")})
    _check_date(on, not_before=case.agreement_signed_on or case.concluded_on, label=_("履行日期"),
                field="performed_on")
    case.performance, case.performed_on = performance, on
    case.save(update_fields=["performance", "performed_on"])
    return case


@transaction.atomic
def case_apply_confirmation(*, case: Case, applied_on: date, online: bool, court: str, by) -> Case:
    """申请司法确认: jointly by the parties, within 30 days of the written agreement, online (在线司法确认) or at
    the court."""
    _case(by, case)
    if not case.has_written_agreement:
        raise ValidationError(_("只有达成书面调解协议的案件才能申请司法确认。"))
    if case.confirmation_applied_on:
        raise ValidationError(_("该案件已于%(date)s申请司法确认。") % {"date": case.confirmation_applied_on})
    if not (court or "").strip():
        raise ValidationError({"confirmation_court": _("请填写受理法院。")})
    _check_date(applied_on, not_before=case.agreement_signed_on, label=_("申请司法确认日期"),
                field="confirmation_applied_on")
    if applied_on > case.confirmation_due_on:
        raise ValidationError({"confirmation_applied_on": _(
            "申请司法确认须在调解协议签订之日起%(days)d日内（%(date)s前）。") % {
            "days": (case.confirmation_due_on - case.agreement_signed_on).days, "date": case.confirmation_due_on}})
    case.confirmation_applied_on, case.confirmation_online = applied_on, bool(online)
    case.confirmation_court = court.strip()
    case.save(update_fields=["confirmation_applied_on", "confirmation_online", "confirmation_court"])
    reminders_close_for(obj=case, kind=CONFIRMATION_DUE, by=by, note=_("已申请司法确认"))
    return case


@transaction.atomic
def case_record_confirmation_ruling(*, case: Case, ruled_on: date, result: str, by) -> Case:
    """The court's ruling on the application: the agreement confirmed, or the application rejected."""
    _case(by, case)
    if not case.confirmation_applied_on:
        raise ValidationError(_("该案件尚未申请司法确认。"))
    if case.confirmation_result:
        raise ValidationError(_("该案件的司法确认结果已登记。"))
    if result not in ConfirmationResult.values:
        raise ValidationError({"confirmation_result": _("请选择司法确认结果。")})
    _check_date(ruled_on, not_before=case.confirmation_applied_on, label=_("裁定日期"),
                field="confirmation_ruled_on")
    case.confirmation_ruled_on, case.confirmation_result = ruled_on, result
    case.save(update_fields=["confirmation_ruled_on", "confirmation_result"])
    return case


@transaction.atomic
def case_flag_escalation(*, case: Case, on: date, measures: str, by) -> Case:
    """激化风险: the dispute may turn into a criminal case or a mass incident; the measures taken."""
    _case(by, case)
    if case.escalation_risk:
        raise ValidationError(_("该案件已于%(date)s标记激化风险。") % {"date": case.escalation_flagged_on})
    if not (measures or "").strip():
        raise ValidationError({"escalation_measures": _("请填写防止矛盾激化的措施。")})
    _check_date(on, not_before=case.accepted_on, label=_("发现激化风险日期"), field="escalation_flagged_on")
    case.escalation_risk, case.escalation_flagged_on, case.escalation_measures = True, on, measures.strip()
    case.save(update_fields=["escalation_risk", "escalation_flagged_on", "escalation_measures"])
    return case


@transaction.atomic
def case_record_escalation_outcome(*, case: Case, prevented: bool, by) -> Case:
    """Whether the escalation was prevented (防止矛盾激化)."""
    _case(by, case)
    if not case.escalation_risk:
        raise ValidationError(_("该案件未标记激化风险。"))
    if case.escalation_prevented is not None:
        raise ValidationError(_("该案件的防止激化结果已登记。"))
    case.escalation_prevented = bool(prevented)
    case.save(update_fields=["escalation_prevented"])
    return case


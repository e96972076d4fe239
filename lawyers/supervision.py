"""Every write of lawyer supervision (律师执业监管): annual inspections, inspectors, 双随机一公开 plans and their
draws, supervision visits, complaints and violations through the rectification loop.

Only the district's lawyers section (律师工作科) and the administrator write (`can_supervise`); leadership and the
city read. Each service is atomic, checks the move against the model's transition map, the dates (not in the
future, not before the step they follow), the jurisdiction of the district and of every firm and lawyer it
touches, and keeps the record's to-dos right (lawyers.reminders). A refusal raises ValidationError in Chinese
and writes nothing, so the pages, the API and the imports are refused alike.
"""

import secrets
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import bulk, guards
from bureau.concurrency import StaleRecord, refusing_duplicates
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.services import reminders_close_for
from bureau.signals import records_written
from bureau.workdays import Clocks

from .models import (
    SHA256_RANK_V1,
    Complaint,
    ComplaintClockRule,
    ComplaintStatus,
    Draw,
    Finding,
    FoundBy,
    Handling,
    InspectionCampaign,
    InspectionResult,
    Inspector,
    LawFirm,
    Lawyer,
    PlanStatus,
    RandomInspectionPlan,
    RandomInspectionResult,
    SupervisionVisit,
    Violation,
    ViolationStatus,
    draw_from,
    verify,
)
from .permissions import SUPERVISION, can_supervise
from .reminders import (
    COMPLAINT_ACCEPTANCE_DUE,
    COMPLAINT_CONCLUSION_DUE,
    VIOLATION_OVERDUE,
    VIOLATION_RECHECK_DUE,
)

RECEIVED_ON = gettext_lazy("收到日期")  # a label translated only in a refusal, not for each imported row


def _writer(by, district):
    if not can_supervise(by):
        raise ValidationError(SUPERVISION.write_refused)
    guards.in_jurisdiction(by, district, _("区"), field="district")


def _check_date(on, *, not_before=None, label=None, field=None, required=True):
    if required and not on:
        raise ValidationError({field: _("请填写%(what)s。") % {"what": label}} if field else
                              _("请填写%(what)s。") % {"what": label})
    guards.not_in_future(on, label, field=field)
    guards.not_before(on, not_before, label, field=field)


def _in_district(district, *, firm=None, lawyer=None):
    """A firm and a lawyer a record names are of the record's district (its registry)."""
    if firm is not None and not LawFirm.objects.in_area(district).filter(pk=firm.pk).exists():
        raise ValidationError({"firm": _("律师事务所“%(name)s”不在%(district)s律师名录中。") % {
            "name": firm.name, "district": district.name}})
    if lawyer is not None and not Lawyer.objects.in_area(district).filter(pk=lawyer.pk).exists():
        raise ValidationError({"lawyer": _("律师“%(name)s”不在%(district)s律师名录中。") % {
            "name": lawyer.name, "district": district.name}})


def _locked(record):
    """The row locked for the rest of the transaction; refuses if someone moved it since it was read."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    if getattr(locked, "status", None) != getattr(record, "status", None):
        raise ValidationError(_("该记录的状态已被他人更改，请刷新后重试。"))
    return locked


def _check_move(record, target, action):
    """Lock the row and check the move; the service sets the status itself once every other check passed, so
    a refused write leaves the caller's instance as it was."""
    _locked(record)
    if not record.can_move_to(target):
        raise ValidationError(_("当前状态为“%(current)s”，不能“%(action)s”。") % {
            "current": record.get_status_display(), "action": action})


def _full_clean(record):
    record.full_clean(exclude=["created_by"])


# --- Annual inspection (年度检查考核) ----------------------------------------------------------------------


@transaction.atomic
def campaign_create(*, campaign: InspectionCampaign, by) -> InspectionCampaign:
    _writer(by, campaign.district)
    _check_date(campaign.started_on, label=_("开始日期"), field="started_on")
    if campaign.meeting_on:
        raise ValidationError({"meeting_on": _("反馈会请在考核结果评定后登记。")})
    if InspectionCampaign.objects.filter(district=campaign.district, year=campaign.year,
                                         kind=campaign.kind).exists():
        raise ValidationError(_("%(district)s%(year)d年度%(kind)s年度检查考核已经登记。") % {
            "district": campaign.district.name, "year": campaign.year, "kind": campaign.get_kind_display()})
    campaign.created_by = by
    _full_clean(campaign)
    campaign.save()
    return campaign


def inspection_result_save(*, result: InspectionResult, by) -> InspectionResult:
    """A subject's materials, findings and grade (create or change) while the campaign's meeting is not held:
    inspection_results_save with one result, so the pages, the API and the imports run the same rules."""
    return inspection_results_save(results=[result], by=by)[0]


# --- Many at once (imports) ----------------------------------------------------------------------------------
# The one implementation of the rules of an inspection result and of a complaint's registration, for one record
# (inspection_result_save, complaint_register: the pages, the API, the demo) or a whole file (the imports), in a
# few queries however many records there are: `…_refusals` says why each record may not be written (None: it
# may), so an import names every refused row; `inspection_results_save` and `complaints_register` raise the first
# refusal, or write them all with COPY (bureau.bulk; audited per row by the statement-level triggers) and open
# their to-dos once.


def _writers(by, districts):
    """{district id: the refusal of `by` writing there, or None}: _writer for each district, one query."""
    if not can_supervise(by):
        return dict.fromkeys(districts, ValidationError(SUPERVISION.write_refused))
    visible = set(Area.objects.visible_to(by).filter(pk__in=districts).values_list("pk", flat=True))
    refused = {}
    for pk, district in districts.items():
        refused[pk] = None
        if pk not in visible:
            try:
                guards.in_jurisdiction(by, district, _("区"), field="district")
            except ValidationError as error:
                refused[pk] = error
    return refused


def _registered(pairs):
    """({(district id, firm id)}, {(district id, lawyer id)}) of the records' firms and lawyers in the registry
    of the record's district (_in_district), for [(district, record)]: two queries per district."""
    firms, lawyers, wanted = set(), set(), {}
    for district, record in pairs:
        _district, firm_ids, lawyer_ids = wanted.setdefault(district.pk, (district, set(), set()))
        firm_ids.add(record.firm_id)
        lawyer_ids.add(record.lawyer_id)
    for pk, (district, firm_ids, lawyer_ids) in wanted.items():
        if firm_ids - {None}:
            firms.update((pk, f) for f in LawFirm.objects.in_area(district).filter(pk__in=firm_ids - {None})
                         .values_list("pk", flat=True))
        if lawyer_ids - {None}:
            lawyers.update((pk, n) for n in Lawyer.objects.in_area(district).filter(pk__in=lawyer_ids - {None})
                           .values_list("pk", flat=True))
    return firms, lawyers


def _check_registered(district, record, registered):
    """_in_district on what `_registered` found."""
    firms, lawyers = registered
    if record.firm_id and (district.pk, record.firm_id) not in firms:
        raise ValidationError({"firm": _("律师事务所“%(name)s”不在%(district)s律师名录中。") % {
            "name": record.firm.name, "district": district.name}})
    if record.lawyer_id and (district.pk, record.lawyer_id) not in lawyers:
        raise ValidationError({"lawyer": _("律师“%(name)s”不在%(district)s律师名录中。") % {
            "name": record.lawyer.name, "district": district.name}})


def inspection_results_refusals(results, by, *, campaigns=None):
    """Why each of `results` (new or changed) may not be saved by `by`, by inspection_result_save's rules."""
    results = list(results)
    campaigns = campaigns or InspectionCampaign.objects.select_related("district").in_bulk(
        {r.campaign_id for r in results})
    stored = dict(InspectionResult.objects.filter(pk__in=[r.pk for r in results if r.pk])
                  .values_list("pk", "campaign_id"))
    writers = _writers(by, {c.district_id: c.district for c in campaigns.values()})
    registered = _registered([(campaigns[r.campaign_id].district, r) for r in results])
    subjects = set()
    taken = {}  # (campaign id, firm id, lawyer id) of the results already stored: their primary keys
    for pk, campaign_id, firm_id, lawyer_id in InspectionResult.objects.filter(
            campaign__in=list(campaigns)).values_list("pk", "campaign_id", "firm_id", "lawyer_id"):
        taken[(campaign_id, firm_id, None)] = taken[(campaign_id, None, lawyer_id)] = pk

    def check(result):
        if result.pk is not None and stored.get(result.pk) != result.campaign_id:
            raise ValidationError({"campaign": _("考核结果不能改到另一次年度检查考核。")})
        campaign = result.campaign = campaigns[result.campaign_id]
        if writers[campaign.district_id]:
            raise writers[campaign.district_id]
        if campaign.meeting_on:
            raise ValidationError(_("反馈会已召开，考核结果不能再修改。"))
        _check_registered(campaign.district, result, registered)
        _check_date(result.materials_received_on, not_before=campaign.started_on, label=_("材料收到日期"),
                    field="materials_received_on", required=False)
        _check_date(result.graded_on, not_before=campaign.started_on, label=_("评定日期"), field="graded_on",
                    required=False)
        bulk.full_clean_without_queries(result)  # its firm or lawyer and campaign were read above
        # One result per subject and campaign: against the table in full_clean's words (the unique constraints'
        # validation), within the list here.
        for field, pk in (("firm", result.firm_id), ("lawyer", result.lawyer_id)):
            stored_pk = taken.get((result.campaign_id, pk, None) if field == "firm" else (result.campaign_id, None, pk))
            if pk is not None and stored_pk not in (None, result.pk):
                clash = result.unique_error_message(InspectionResult, ["campaign", field])
                raise ValidationError({NON_FIELD_ERRORS: [clash]})
        subject = (result.campaign_id, result.firm_id, result.lawyer_id)
        if subject in subjects:
            raise ValidationError(_("同一考核对象在本次年度检查考核中只能有一个考核结果。"))
        subjects.add(subject)

    return bulk.refusals(results, check)


@transaction.atomic
def inspection_results_save(*, results, by) -> list[InspectionResult]:
    """inspection_result_save for many results: their campaigns locked (one query), the rules checked for all,
    the new results inserted with COPY and the changed ones updated in one statement."""
    results = list(results)
    campaigns = InspectionCampaign.objects.select_for_update().select_related("district").in_bulk(
        {r.campaign_id for r in results})
    bulk.raise_first(inspection_results_refusals(results, by, campaigns=campaigns))
    changed = [r for r in results if r.pk is not None]
    if changed:
        # As a save of a Versioned record: only over the version each was loaded at, which moves on by one. The
        # rows locked, a result saved (or deleted) since it was read is refused (StaleRecord), nothing written.
        stored = dict(InspectionResult.objects.select_for_update().filter(pk__in=[r.pk for r in changed])
                      .values_list("pk", "version"))
        for result in changed:
            if stored.get(result.pk) != result.version:
                raise StaleRecord(result, deleted=result.pk not in stored)
        for result in changed:
            result.version += 1
        InspectionResult.objects.bulk_update(
            changed, ["materials_received_on", "findings", "grade", "graded_on", "version"])
    with refusing_duplicates(InspectionResult):
        bulk.insert([r for r in results if r.pk is None])
    records_written.send(sender=InspectionResult, labels=[InspectionResult._meta.label])
    return results


def complaints_refusals(complaints, by):
    """Why each of `complaints` (new) may not be registered by `by`, by complaint_register's rules."""
    complaints = list(complaints)
    writers = _writers(by, {c.district_id: c.district for c in complaints})
    registered = _registered([(c.district, c) for c in complaints])
    days = [c.received_on for c in complaints if c.received_on]
    clocks = Clocks(ComplaintClockRule, min(days), max(days)) if days else None

    def check(complaint):
        if writers[complaint.district_id]:
            raise writers[complaint.district_id]
        _check_date(complaint.received_on, label=RECEIVED_ON, field="received_on")
        if complaint.status != ComplaintStatus.RECEIVED or complaint.accepted_on or complaint.concluded_on:
            raise ValidationError(_("新登记的投诉请先审查是否受理。"))
        _check_registered(complaint.district, complaint, registered)
        complaint.acceptance_due_on = clocks.due_on(ComplaintClockRule.Code.ACCEPTANCE, complaint.received_on)
        complaint.created_by = by
        bulk.full_clean_without_queries(complaint, exclude=["created_by"])  # its district, firm, lawyer: above

    return bulk.refusals(complaints, check)


@transaction.atomic
def complaints_register(*, complaints, by) -> list[Complaint]:
    """complaint_register for many complaints: the rules checked for all (the acceptance clocks on one working
    calendar), the complaints inserted with COPY and their to-dos opened once."""
    complaints = list(complaints)
    bulk.raise_first(complaints_refusals(complaints, by))  # which also sets each one's clock and writer
    with refusing_duplicates(Complaint):
        bulk.insert(complaints)
    records_written.send(sender=Complaint, labels=[Complaint._meta.label])
    reminders_refresh(records=bulk.among(Complaint, complaints), fresh=True)  # new: none to cancel
    return complaints


@transaction.atomic
def campaign_record_meeting(*, campaign: InspectionCampaign, on: date, notes: str, by) -> InspectionCampaign:
    """反馈会: held once every subject is graded; afterwards the problems it assigned are registered with
    `problem_assign`."""
    _writer(by, campaign.district)
    held_on = InspectionCampaign.objects.select_for_update().get(pk=campaign.pk).meeting_on
    if held_on:
        raise ValidationError(_("反馈会已于%(date)s登记。") % {"date": held_on})
    if not campaign.results.exists():
        raise ValidationError(_("尚未登记考核结果，不能召开反馈会。"))
    if campaign.results.filter(grade="").exists():
        raise ValidationError(_("还有考核对象未评定等次，请评定后再登记反馈会。"))
    last_graded = max(campaign.results.values_list("graded_on", flat=True))
    _check_date(on, not_before=last_graded, label=_("反馈会日期"), field="meeting_on")
    campaign.meeting_on, campaign.meeting_notes = on, notes.strip()
    _full_clean(campaign)
    campaign.save()
    return campaign


@transaction.atomic
def problem_assign(*, result: InspectionResult, kind: str, description: str, by,
                   deadline: date | None = None) -> Violation:
    """A problem the follow-up meeting assigned for rectification: a violation found (on the meeting's day) by
    the annual inspection; with a deadline, its rectification notice is issued at the meeting."""
    campaign = InspectionCampaign.objects.get(pk=result.campaign_id)
    _writer(by, campaign.district)
    if not campaign.meeting_on:
        raise ValidationError(_("请先登记反馈会，再登记反馈会布置整改的问题。"))
    violation = violation_register(violation=Violation(
        district=campaign.district, kind=kind, found_by=FoundBy.ANNUAL, inspection_result=result,
        firm=result.firm, lawyer=result.lawyer, description=description, found_on=campaign.meeting_on), by=by)
    if deadline:
        violation_notify(violation=violation, on=campaign.meeting_on, deadline=deadline, by=by)
    return violation


# --- Inspectors and 双随机一公开 ----------------------------------------------------------------------------


def _stored_writer(record, by):
    """A change to a stored record: `by` writes in the district it is in now, and in the one it goes to."""
    if record.pk is not None:
        _writer(by, type(record).objects.select_related("district").get(pk=record.pk).district)
    _writer(by, record.district)


@transaction.atomic
def inspector_save(*, inspector: Inspector, by) -> Inspector:
    _stored_writer(inspector, by)
    inspector.certificate_number = (inspector.certificate_number or "").strip()
    clash = Inspector.objects.filter(district=inspector.district_id,
                                     certificate_number=inspector.certificate_number).exclude(pk=inspector.pk)
    if clash.exists():
        raise ValidationError({"certificate_number": _("执法证号%(n)s已在本区执法检查人员库中。") % {
            "n": inspector.certificate_number}})
    inspector.full_clean()
    inspector.save()
    return inspector


@transaction.atomic
def plan_create(*, plan: RandomInspectionPlan, by) -> RandomInspectionPlan:
    _writer(by, plan.district)
    if plan.year and plan.year > timezone.localdate().year + 1:
        raise ValidationError({"year": _("只能为今年或明年制定抽查计划。")})
    plan.status, plan.published_on, plan.created_by = PlanStatus.PLANNED, None, by
    _full_clean(plan)
    plan.save()
    return plan


def draw_pools(plan, on=None):
    """The firm and inspector pools a draw of `plan` reads on `on` (today): the district's practising firms and
    its active inspectors, ids ascending (the order stored with the draw)."""
    firms = list(LawFirm.objects.in_area(plan.district).practising().practising_on(on or timezone.localdate())
                 .order_by("pk").values_list("pk", flat=True))
    inspectors = list(Inspector.objects.filter(district=plan.district, is_active=True).order_by("pk")
                      .values_list("pk", flat=True))
    return firms, inspectors


@transaction.atomic
def plan_draw(*, plan: RandomInspectionPlan, by, reason: str = "") -> Draw:
    """Draw the plan's firms and inspectors (sha256-rank-v1 over a fresh seed) and store all a re-check needs.

    The plan is locked, so two clerks cannot draw at once. A plan already drawn is drawn again only with a
    reason and before any result is recorded: the new draw names the one it replaces, both stay on record,
    and the plan's current draw is the latest."""
    given, plan = plan, RandomInspectionPlan.objects.select_for_update().get(pk=plan.pk)
    _writer(by, plan.district)
    reason = (reason or "").strip()
    previous = plan.current_draw
    if plan.status == PlanStatus.PUBLISHED:
        raise ValidationError(_("抽查结果已公开，不能重新抽取。"))
    if previous is not None:
        if not reason:
            raise ValidationError({"reason": _("该计划已抽取，重新抽取必须填写理由。")})
        if plan.results.exists():
            raise ValidationError(_("已登记检查结果，不能重新抽取。"))
    elif reason:
        raise ValidationError({"reason": _("首次抽取无需填写重新抽取理由。")})
    firms, inspectors = draw_pools(plan)
    if len(firms) < plan.firms_to_draw:
        raise ValidationError({"firms_to_draw": _("本区执业的律师事务所只有%(n)d家，不足抽取%(k)d家。") % {
            "n": len(firms), "k": plan.firms_to_draw}})
    if len(inspectors) < plan.inspectors_to_draw:
        raise ValidationError({"inspectors_to_draw": _("执法检查人员库在库人员只有%(n)d名，不足抽取%(k)d名。") % {
            "n": len(inspectors), "k": plan.inspectors_to_draw}})
    draw = draw_make(plan=plan, firms=firms, inspectors=inspectors, seed=secrets.token_hex(16),
                     drawn_at=timezone.now(), by=by, replaces=previous, reason=reason)
    given.status = plan.status
    return draw


def draw_make(*, plan, firms, inspectors, seed, drawn_at, by, replaces=None, reason="") -> Draw:
    """The step plan_draw ends with: store the draw of `plan` from these pools and seed and mark the plan drawn.
    plan_draw (pages, API) checks and locks first and takes a fresh seed and the time; the demo loader calls
    this to lay down past draws."""
    draw = Draw.objects.create(
        plan=plan, seed=seed, algorithm=SHA256_RANK_V1, firm_pool=firms, inspector_pool=inspectors,
        firms_drawn=draw_from(firms, plan.firms_to_draw, seed),
        inspectors_drawn=draw_from(inspectors, plan.inspectors_to_draw, seed),
        drawn_at=drawn_at, drawn_by=by, replaces=replaces, reason=reason,
    )
    plan.status = PlanStatus.DRAWN
    plan.save(update_fields=["status"])
    return draw


def draw_verify(*, draw: Draw, by) -> bool:
    """The verify action: recompute the draw from its stored seed and pools. Read-only; anyone who may see the
    plan may run it."""
    guards.visible(by, draw.plan, _("双随机抽查"))
    return verify(draw)


@transaction.atomic
def random_result_record(*, result: RandomInspectionResult, by) -> RandomInspectionResult:
    """The inspection of a firm of the plan's current draw (create or change), before the plan is published."""
    if result.pk is not None and RandomInspectionResult.objects.get(pk=result.pk).plan_id != result.plan_id:
        raise ValidationError({"plan": _("检查结果不能改到另一次抽查。")})
    plan = RandomInspectionPlan.objects.select_for_update().get(pk=result.plan_id)
    _writer(by, plan.district)
    if plan.status != PlanStatus.DRAWN:
        raise ValidationError(_("抽查计划当前状态为“%(s)s”，不能登记检查结果。") % {"s": plan.get_status_display()})
    draw = plan.current_draw
    if result.firm_id not in draw.firms_drawn:
        raise ValidationError({"firm": _("该律师事务所不在本次抽取结果中。")})
    _check_date(result.inspected_on, not_before=timezone.localtime(draw.drawn_at).date(), label=_("检查日期"),
                field="inspected_on")
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def plan_publish(*, plan: RandomInspectionPlan, on: date, by) -> RandomInspectionPlan:
    """公开: every drawn firm's result is recorded; the plan counts as carried out on `on`."""
    _writer(by, plan.district)
    _check_move(plan, PlanStatus.PUBLISHED, _("公开"))
    draw = plan.current_draw
    results = dict(plan.results.values_list("firm_id", "inspected_on"))
    missing = [pk for pk in draw.firms_drawn if pk not in results]
    if missing:
        names = "、".join(LawFirm.objects.filter(pk__in=missing).order_by("name").values_list("name", flat=True))
        raise ValidationError(_("以下律师事务所尚未登记检查结果：%(names)s。") % {"names": names})
    _check_date(on, not_before=max(results.values()), label=_("公开日期"), field="published_on")
    plan.status, plan.published_on = PlanStatus.PUBLISHED, on
    plan.save(update_fields=["status", "published_on"])
    return plan


# --- Supervision visits ---------------------------------------------------------------------------------


@transaction.atomic
def visit_record(*, visit: SupervisionVisit, by) -> SupervisionVisit:
    _stored_writer(visit, by)
    _in_district(visit.district, firm=visit.firm)
    _check_date(visit.visited_on, label=_("检查日期"), field="visited_on")
    visit.items = list(dict.fromkeys(visit.items or []))
    if visit.pk is None:
        visit.created_by = by
    _full_clean(visit)
    visit.save()
    return visit


# --- Complaints ---------------------------------------------------------------------------------------------


def complaint_register(*, complaint: Complaint, by) -> Complaint:
    """A complaint received: its acceptance clock starts from `received_on` (ComplaintClockRule). It is
    complaints_register with one complaint, so the pages, the API and the imports run the same rules."""
    return complaints_register(complaints=[complaint], by=by)[0]


@transaction.atomic
def complaint_accept(*, complaint: Complaint, on: date, by) -> Complaint:
    """受理: the conclusion clock starts from `on`."""
    _writer(by, complaint.district)
    _check_move(complaint, ComplaintStatus.ACCEPTED, _("受理"))
    _check_date(on, not_before=complaint.received_on, label=_("受理日期"), field="accepted_on")
    complaint.status, complaint.accepted_on = ComplaintStatus.ACCEPTED, on
    complaint.conclusion_due_on = ComplaintClockRule.due_on(ComplaintClockRule.Code.CONCLUSION, on)
    complaint.save()
    reminders_close_for(obj=complaint, kind=COMPLAINT_ACCEPTANCE_DUE, by=by, note=_("已受理"))
    reminders_refresh(records=complaint)
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, on: date, reason: str, by) -> Complaint:
    """不予受理, with the reason the complainant is told."""
    _writer(by, complaint.district)
    _check_move(complaint, ComplaintStatus.NOT_ACCEPTED, _("不予受理"))
    _check_date(on, not_before=complaint.received_on, label=_("不予受理决定日期"), field="not_accepted_on")
    if not (reason or "").strip():
        raise ValidationError({"not_accepted_reason": _("请填写不予受理理由。")})
    complaint.not_accepted_on, complaint.not_accepted_reason = on, reason.strip()
    complaint.status = ComplaintStatus.NOT_ACCEPTED
    complaint.save()
    reminders_close_for(obj=complaint, kind=COMPLAINT_ACCEPTANCE_DUE, by=by, note=_("不予受理"))
    reminders_refresh(records=complaint)
    return complaint


@transaction.atomic
def complaint_investigate(*, complaint: Complaint, notes: str, by) -> Complaint:
    """The investigation notes of an accepted complaint (replaced as the investigation goes on)."""
    _locked(complaint)
    _writer(by, complaint.district)
    if complaint.status != ComplaintStatus.ACCEPTED:
        raise ValidationError(_("只有调查处理中的投诉可以登记调查情况。"))
    complaint.investigation_notes = (notes or "").strip()
    complaint.save(update_fields=["investigation_notes"])
    return complaint


@transaction.atomic
def complaint_conclude(*, complaint: Complaint, finding: str, handling: str, replied_on: date, reply_way: str,
                       concluded_on: date, by, notes: str | None = None) -> Complaint:
    """办结: the finding, how it was handled, and the reply to the complainant. A complaint found groundless
    (不成立) is not handled further (不予处理)."""
    _writer(by, complaint.district)
    _check_move(complaint, ComplaintStatus.CONCLUDED, _("办结"))
    if finding not in Finding.values:
        raise ValidationError({"finding": _("请选择调查结论。")})
    if handling not in Handling.values:
        raise ValidationError({"handling": _("请选择处理结果。")})
    if finding == Finding.REJECTED and handling != Handling.NONE:
        raise ValidationError({"handling": _("投诉不成立的，处理结果应为“不予处理”。")})
    if not reply_way:
        raise ValidationError({"reply_way": _("请选择答复方式。")})
    _check_date(concluded_on, not_before=complaint.accepted_on, label=_("办结日期"), field="concluded_on")
    _check_date(replied_on, not_before=complaint.accepted_on, label=_("答复日期"), field="replied_on")
    if notes is not None:
        complaint.investigation_notes = notes.strip()
    if not complaint.investigation_notes:
        raise ValidationError({"investigation_notes": _("请填写调查情况。")})
    complaint.status, complaint.finding, complaint.handling = ComplaintStatus.CONCLUDED, finding, handling
    complaint.replied_on, complaint.reply_way, complaint.concluded_on = replied_on, reply_way, concluded_on
    _full_clean(complaint)
    complaint.save()
    reminders_close_for(obj=complaint, kind=COMPLAINT_CONCLUSION_DUE, by=by, note=_("已办结"))
    reminders_refresh(records=complaint)
    return complaint


# --- Violations and the rectification loop ---------------------------------------------------------------


@transaction.atomic
def violation_register(*, violation: Violation, by) -> Violation:
    """A violation found: by an inspection, visit or complaint (linked to it, in the same district and about
    the same subject) or a special campaign (named)."""
    _writer(by, violation.district)
    _check_date(violation.found_on, label=_("发现日期"), field="found_on")
    if violation.status != ViolationStatus.FOUND or violation.notice_on or violation.closed_on:
        raise ValidationError(_("新登记的违规行为请先下发整改通知。"))
    _in_district(violation.district, firm=violation.firm, lawyer=violation.lawyer)
    source = violation.source_record
    if violation.found_by in (FoundBy.ANNUAL, FoundBy.RANDOM, FoundBy.VISIT, FoundBy.COMPLAINT) and source is None:
        raise ValidationError(_("请关联发现该违规行为的%(what)s记录。") % {"what": violation.get_found_by_display()})
    if source is not None:
        guards.visible(by, source, violation.get_found_by_display())
        if _district_of(source) != violation.district_id:
            raise ValidationError(_("关联的记录不属于%(district)s。") % {"district": violation.district.name})
    violation.created_by = by
    _full_clean(violation)
    violation.save()
    return violation


def _district_of(source):
    if isinstance(source, InspectionResult):
        return source.campaign.district_id
    if isinstance(source, RandomInspectionResult):
        return source.plan.district_id
    return source.district_id


@transaction.atomic
def violation_notify(*, violation: Violation, on: date, deadline: date, by) -> Violation:
    """整改通知: issued on `on`, to be rectified by `deadline`."""
    _writer(by, violation.district)
    _check_move(violation, ViolationStatus.RECTIFYING, _("下发整改通知"))
    if violation.notice_on:
        raise ValidationError(_("整改通知已于%(date)s下发。") % {"date": violation.notice_on})
    _check_date(on, not_before=violation.found_on, label=_("整改通知日期"), field="notice_on")
    if not deadline or deadline <= on:
        raise ValidationError({"deadline": _("整改期限应晚于整改通知日期。")})
    violation.status, violation.notice_on, violation.deadline = ViolationStatus.RECTIFYING, on, deadline
    violation.save()
    reminders_refresh(records=violation)
    return violation


@transaction.atomic
def violation_extend(*, violation: Violation, deadline: date, reason: str, on: date, by) -> Violation:
    """延期: a later deadline with its reason, while the rectification runs."""
    _locked(violation)
    _writer(by, violation.district)
    if violation.status != ViolationStatus.RECTIFYING:
        raise ValidationError(_("只有整改中的违规行为可以延长整改期限。"))
    if not (reason or "").strip():
        raise ValidationError({"extension_reason": _("请填写延期理由。")})
    _check_date(on, not_before=violation.notice_on, label=_("延期日期"), field="extended_on")
    if not deadline or deadline <= violation.deadline or deadline <= on:
        raise ValidationError({"deadline": _("新的整改期限应晚于原整改期限%(date)s和延期日期。") % {
            "date": violation.deadline}})
    violation.deadline, violation.extension_reason, violation.extended_on = deadline, reason.strip(), on
    violation.save()
    reminders_refresh(records=violation)
    return violation


@transaction.atomic
def violation_submit_evidence(*, violation: Violation, on: date, note: str, by) -> Violation:
    """整改材料: the subject reports what it changed; the section re-checks it."""
    _writer(by, violation.district)
    _check_move(violation, ViolationStatus.EVIDENCE, _("提交整改材料"))
    _check_date(on, not_before=violation.notice_on, label=_("整改材料提交日期"), field="evidence_on")
    if not (note or "").strip():
        raise ValidationError({"evidence_note": _("请填写整改情况。")})
    violation.status, violation.evidence_on, violation.evidence_note = ViolationStatus.EVIDENCE, on, note.strip()
    violation.save()
    reminders_close_for(obj=violation, kind=VIOLATION_OVERDUE, by=by, note=_("已提交整改材料"))
    reminders_refresh(records=violation)
    return violation


@transaction.atomic
def violation_recheck(*, violation: Violation, on: date, passed: bool, note: str, by,
                      new_deadline: date | None = None) -> Violation:
    """复查: passed, the violation is closed (销号) that day; not passed, the rectification goes on to
    `new_deadline`."""
    target = ViolationStatus.CLOSED if passed else ViolationStatus.RECTIFYING
    _writer(by, violation.district)
    _check_move(violation, target, _("复查"))
    _check_date(on, not_before=violation.evidence_on, label=_("复查日期"), field="rechecked_on")
    if not passed:
        if not (note or "").strip():
            raise ValidationError({"recheck_note": _("复查未通过的，请填写复查意见。")})
        if not new_deadline or new_deadline <= on:
            raise ValidationError({"deadline": _("复查未通过的，请重新确定晚于复查日期的整改期限。")})
        violation.deadline = new_deadline
    violation.rechecked_on, violation.recheck_passed, violation.recheck_note = on, passed, (note or "").strip()
    violation.status, violation.closed_on = target, (on if passed else None)
    violation.save()
    reminders_close_for(obj=violation, kind=VIOLATION_RECHECK_DUE, by=by, note=_("已复查"))
    reminders_refresh(records=violation)
    return violation


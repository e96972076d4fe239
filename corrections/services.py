"""Every write of community corrections and resettlement.

Each function is atomic, checks the rules of the record it writes (raising ValidationError in Chinese, with
nothing written), keeps the register (ledger) right and closes the to-dos that the write answers. Entering a
person (register, receive) also opens the to-dos their clocks already make due — theirs only, never the
city's (`todos_refresh`). A writer of many people at once passes `refresh_todos=False` and refreshes them
together afterwards: an import (the same rules over the same people, a few queries for the whole file), or the
demo (whose daily run follows the load). Views,
forms, the API, imports, the demo and tasks call these; none assigns `status` or writes a ledger entry itself.

The record a service acts on the caller has found through `visible_to(by)`; the records and areas the request
names (the person of an event, the people of a meeting or an attendance list, the office holding it) the service
checks against `by`'s jurisdiction itself (bureau.guards), so the page, the API and an import refuse alike.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import bulk, guards
from bureau.concurrency import refusing_duplicates
from bureau.models import Area, Reminder
from bureau.reminders import reminders_refresh
from bureau.services import identifiers_confirm, reminders_close, reminders_close_for
from bureau.signals import records_written

from . import reminders
from .models import (
    REPORT_IN_DAYS,
    STREET_TRAVEL_DAYS,
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    EmergencyStep,
    LedgerEntry,
    LevelChange,
    Monitoring,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from .permissions import approves_as_bureau

Status = Supervisee.Status

# --- Checks -----------------------------------------------------------------------------------------------
# A record the request names (the person of an event, the people of a meeting, the meeting of a risk case) must
# be one `by` may see, whoever calls: the page's choices, the API's fields and an import's lookups already offer
# only those, and this is the rule they all answer to (bureau.guards, the same words everywhere).

PERSON = gettext_lazy("社区矫正对象")


def _check_meeting(by, area, held_on, rows=None, no_rows=""):
    """What every meeting obeys: held by an office in `by`'s jurisdiction, not in the future, and, for a meeting
    with rows [(supervisee, …), …], at least one row (else `no_rows`), each about a person `by` may see."""
    guards.in_jurisdiction(by, area)
    guards.not_in_future(held_on, _("会议日期"))
    if rows is None:
        return
    if not rows:
        raise ValidationError(no_rows)
    guards.visible(by, [row[0] for row in rows], PERSON)


def check_on_register(supervisee, on=None):
    """The rule every record about a person obeys: they are on the register, and it is not dated before they
    reported in. Public because the events import checks a whole file with it before writing anything."""
    if not supervisee.is_on_register:
        raise ValidationError(_("%(name)s目前不在册（%(status)s），不能登记。") % {
            "name": supervisee.name, "status": supervisee.get_status_display()})
    if on and supervisee.reported_on and on < supervisee.reported_on:
        raise ValidationError(_("日期不能早于报到日期%(day)s。") % {"day": f"{supervisee.reported_on:%Y-%m-%d}"})


def _move(supervisee, status):
    if not supervisee.can_move_to(status):
        raise ValidationError(_("%(name)s当前状态为“%(from)s”，不能变更为“%(to)s”。") % {
            "name": supervisee.name, "from": supervisee.get_status_display(), "to": Status(status).label})
    supervisee.status = status


# --- The register's moves, once ---------------------------------------------------------------------------
# What each move of the register writes: the person's new status and the ledger lines, unsaved. The services
# below check the move first (the person locked, a message for the clerk) and save what these give; the city
# dataset (corrections/dataset.py) writes the same lines by the thousand with COPY. Neither builds a line itself.

Line = LedgerEntry.Kind
INITIAL_LEVEL_REASON = gettext_lazy("入矫初始等级")


def report_due_on(judgment_on):
    """The report-in deadline: REPORT_IN_DAYS after the judgment takes effect."""
    return judgment_on + timedelta(days=REPORT_IN_DAYS)


@cache
def _ledger_entries():
    """LedgerEntry instances made as bulk.Instances makes them: a file's thousands of lines (made on first use, once
    the models are ready)."""
    return bulk.Instances(LedgerEntry)


def _line(person_id, area_id, kind, on, by_id, **fields):
    return _ledger_entries()({"supervisee_id": person_id, "area_id": area_id, "kind": kind, "on": on,
                              "recorded_by_id": by_id, **fields})


def step_receive(person_id, area_id, on, by_id, transferred_from=""):
    """接收, or 迁入 from a place of execution outside the portal: (new status, [line])."""
    kind = Line.TRANSFERRED_IN if transferred_from else Line.RECEIVED
    return Status.ACTIVE, [_line(person_id, area_id, kind, on, by_id, counterpart_name=transferred_from)]


def step_move(person_id, from_area_id, to_area_id, on, by_id, note=""):
    """To another street office of the portal: out of the old one, then into the new one, the same day (no new
    status: the person stays 在册)."""
    return None, [
        _line(person_id, from_area_id, Line.TRANSFERRED_OUT, on, by_id, counterpart_id=to_area_id, note=note),
        _line(person_id, to_area_id, Line.TRANSFERRED_IN, on, by_id, counterpart_id=from_area_id, note=note),
    ]


def step_transfer_out(person_id, area_id, on, by_id, to_place, note=""):
    """执行地变更 to a place outside the portal."""
    return Status.TRANSFERRED_OUT, [_line(person_id, area_id, Line.TRANSFERRED_OUT, on, by_id,
                                          counterpart_name=to_place, note=note)]


def step_release(person_id, area_id, on, by_id, certificate_on):
    return Status.RELEASED, [_line(person_id, area_id, Line.RELEASED, on, by_id, certificate_on=certificate_on)]


def step_terminate(person_id, area_id, on, by_id, reason, note=""):
    return Status.TERMINATED, [_line(person_id, area_id, Line.TERMINATED, on, by_id, termination_reason=reason,
                                     note=note)]


def _apply(supervisee, step, *fields):
    """Move the locked person to the step's status (checked against the transition map) and write its lines."""
    status, lines = step
    if status is not None:
        _move(supervisee, status)
    supervisee.save(update_fields=["status", *fields])
    LedgerEntry.objects.bulk_create(lines)


def _person_todos(supervisee):
    """The open to-dos about a person: about them, their travels and their monitoring."""
    types = ContentType.objects.get_for_models(Supervisee, TravelApproval, Monitoring)
    return Reminder.objects.open().filter(kind__startswith="corrections.").filter(
        Q(content_type=types[Supervisee], object_id=supervisee.pk)
        | Q(content_type=types[TravelApproval], object_id__in=supervisee.travels.values("pk"))
        | Q(content_type=types[Monitoring], object_id__in=supervisee.monitorings.values("pk"))
    )


def _close_person_todos(supervisee, by, note):
    reminders_close(_person_todos(supervisee), by=by, note=note)


def _locked(supervisee):
    return Supervisee.objects.select_for_update().get(pk=supervisee.pk)


def todos_refresh(people):
    """Open the to-dos the people's clocks make due today (and cancel those no longer due): these people only,
    never the city's, and a failing rule never rolls back the write (bureau.reminders.reminders_refresh).
    `people`: a Supervisee or a queryset of them."""
    reminders_refresh(reminders.PERSON_KINDS, records=people)


# --- The person and the register --------------------------------------------------------------------------


def supervisee_register(*, by, id_number_confirmed: bool = False, refresh_todos=True, **fields) -> Supervisee:
    """Enter a person whose legal documents have arrived; they must report in within REPORT_IN_DAYS days (a
    to-do at once when that day has passed). `id_number_confirmed`: the clerk checked an ID number whose region
    code raised a warning (bureau.identifiers). It is `supervisees_enter` with one person, so the pages, the API,
    the demo and the imports run the same rules."""
    intake = Intake(fields=fields, id_number_confirmed=id_number_confirmed)
    return supervisees_enter(intakes=[intake], by=by, refresh_todos=refresh_todos)[0]


def _check_reported_on(on, judgment_on):
    """The report-in day of `supervisee_receive` and `supervisees_enter` (the label translated only for a refusal:
    a file has thousands)."""
    guards.not_in_future(on, gettext_lazy("报到日期"))
    if on < judgment_on:
        raise ValidationError(_("报到日期不能早于判决（决定）生效日期。"))


@transaction.atomic
def supervisee_receive(*, supervisee, on, by, transferred_from="", refresh_todos=True) -> Supervisee:
    """The person reported in (接收), or arrived from a place of execution outside the portal (迁入). Their talk
    and check clocks run from that day (a to-do at once if it was long ago and one is already due)."""
    supervisee = _locked(supervisee)
    _check_reported_on(on, supervisee.judgment_on)
    supervisee.reported_on = on
    _apply(supervisee, step_receive(supervisee.pk, supervisee.area_id, on, by.pk, transferred_from), "reported_on")
    reminders_close_for(obj=supervisee, kind=reminders.INTAKE_OVERDUE, by=by, note=_("已报到"))
    if refresh_todos:
        todos_refresh(supervisee)
    return supervisee


@transaction.atomic
def supervisee_transfer(*, supervisee, on, by, to_area=None, to_place="", note="") -> Supervisee:
    """执行地变更: to another street office of the portal (to_area), or out of it (to_place)."""
    supervisee = _locked(supervisee)
    check_on_register(supervisee, on)
    guards.not_in_future(on, _("变更日期"))
    if bool(to_area) == bool(to_place):
        raise ValidationError(_("请选择迁入的司法所，或填写外地执行地（二者选一）。"))
    if to_area:
        if to_area.level != Area.Level.STREET:
            raise ValidationError(_("请选择街道司法所。"))
        if to_area.pk == supervisee.area_id:
            raise ValidationError(_("新执行地与原执行地相同。"))
        step = step_move(supervisee.pk, supervisee.area_id, to_area.pk, on, by.pk, note)
        supervisee.area = to_area
        _apply(supervisee, step, "area")
        # The person's to-dos follow them to the new office.
        _person_todos(supervisee).update(area=to_area)
        return supervisee
    _apply(supervisee, step_transfer_out(supervisee.pk, supervisee.area_id, on, by.pk, to_place, note))
    _close_person_todos(supervisee, by, _("已迁出"))
    return supervisee


@transaction.atomic
def supervisee_release(*, supervisee, on, certificate_on, by) -> Supervisee:
    """解除矫正 at the end of the term, with the date of the release certificate."""
    supervisee = _locked(supervisee)
    check_on_register(supervisee, on)
    guards.not_in_future(on, _("解除日期"))
    if on < supervisee.term_end:
        raise ValidationError(_("矫正期满（%(day)s）后方可解除矫正。") % {"day": f"{supervisee.term_end:%Y-%m-%d}"})
    if certificate_on < on:
        raise ValidationError(_("解除矫正证明书日期不能早于解除日期。"))
    _apply(supervisee, step_release(supervisee.pk, supervisee.area_id, on, by.pk, certificate_on))
    _close_person_todos(supervisee, by, _("已解除矫正"))
    return supervisee


@transaction.atomic
def supervisee_terminate(*, supervisee, on, reason, by, note="") -> Supervisee:
    """终止矫正: revocation of probation or parole, 收监执行, or death."""
    supervisee = _locked(supervisee)
    check_on_register(supervisee, on)
    guards.not_in_future(on, _("终止日期"))
    if reason not in LedgerEntry.TerminationReason.values:
        raise ValidationError(_("请选择终止矫正的原因。"))
    _apply(supervisee, step_terminate(supervisee.pk, supervisee.area_id, on, by.pk, reason, note))
    _close_person_todos(supervisee, by, LedgerEntry.TerminationReason(reason).label)
    return supervisee


@transaction.atomic
def supervisee_set_level(*, supervisee, level, on, reason, by) -> Supervisee:
    supervisee = _locked(supervisee)
    check_on_register(supervisee, on)
    guards.not_in_future(on, _("调整日期"))
    if level == supervisee.level:
        raise ValidationError(_("新的管理等级与当前等级相同。"))
    if not reason:
        raise ValidationError(_("请填写调整理由。"))
    supervisee.level = level
    supervisee.save(update_fields=["level"])
    LevelChange.objects.create(supervisee=supervisee, level=level, on=on, reason=reason, recorded_by=by)
    # The talk and check clocks run at the new level's pace from the next daily check.
    for kind in (reminders.TALK_OVERDUE, reminders.CHECK_OVERDUE, reminders.NO_CONTACT):
        reminders_close_for(obj=supervisee, kind=kind, by=by, note=_("管理等级已调整，按新等级重新计算"))
    return supervisee


# --- Supervision ------------------------------------------------------------------------------------------


def event_record(*, supervisee, kind, on, by, method="", is_random=False, summary="") -> SupervisionEvent:
    """A talk, information check, field visit, report or file spot check; closes the to-dos it answers (the
    next one comes with the daily check). It is `events_record` with one event."""
    return events_record(events=[{"supervisee": supervisee, "kind": kind, "on": on, "method": method,
                                  "is_random": is_random, "summary": summary}], by=by)[0]


# --- Many at once (imports) ----------------------------------------------------------------------------------
# The one implementation of registering people and recording events: `supervisee_register` and `event_record`
# (pages, API, demo, tasks) call these with one record. For a whole file (imports): the rules that need the
# database checked with one query for all the records, the rows written with COPY (bureau.bulk; audited per row
# by the statement-level triggers), the to-dos closed with one UPDATE per kind. The first refusal is raised and
# nothing is written; an import checks every row with the same rules first, so that each refused row is named.


@dataclass
class Intake:
    """One person for `supervisees_enter`: the fields `supervisee_register` takes, and the report-in (or arrival
    from outside the portal) `supervisee_receive` records when `reported_on` is given."""

    fields: dict
    reported_on: date | None = None
    transferred_from: str = ""
    id_number_confirmed: bool = False


@transaction.atomic
def supervisees_enter(*, intakes, by, refresh_todos=True) -> list[Supervisee]:
    """`supervisee_register` for each intake, then `supervisee_receive` for those with a report-in date: their
    model's validation, a street within `by`'s jurisdiction, one open registration per ID number (within the list
    too), the report-in date neither in the future nor before the judgment, the confirmed ID warnings, the initial
    level and the ledger line of each reception. A person entered already received is written in the state the two
    services leave them in (one insert, where the services write an insert and an update)."""
    people, make = [], bulk.Instances(Supervisee)
    for intake in intakes:
        person = make(intake.fields)
        # The street and one open registration per number are checked below for the whole list, with a query
        # each, where full_clean would ask once per person.
        bulk.full_clean_without_queries(person, exclude=["report_due_on"])
        person.report_due_on = report_due_on(person.judgment_on)
        if intake.reported_on:
            _check_reported_on(intake.reported_on, person.judgment_on)
            person.reported_on = intake.reported_on
            _move(person, Status.ACTIVE)
        people.append(person)
    areas = {person.area_id: person.area for person in people}
    visible = set(Area.objects.visible_to(by).filter(pk__in=areas).values_list("pk", flat=True))
    for area_id, area in areas.items():
        if area_id not in visible:
            guards.in_jurisdiction(by, area, streets_only=True)  # raises, in its own words
        if area.level != Area.Level.STREET:
            raise ValidationError(_("请选择街道司法所。"))
    numbers = [person.id_number for person in people]
    if len(set(numbers)) < len(numbers) or Supervisee.objects.open_with_numbers(numbers).exists():
        raise ValidationError({"id_number": _("该身份证号码的社区矫正对象已在册或待报到，不能重复登记。")})
    with refusing_duplicates(Supervisee):  # a clerk registering one of them at this moment
        bulk.insert(people)
    for confirmed in (True, False):
        identifiers_confirm(objects=[p for p, i in zip(people, intakes) if i.id_number_confirmed == confirmed],
                            by=by, confirmed=confirmed)
    reason = str(INITIAL_LEVEL_REASON)
    bulk.copy_rows(LevelChange, ["supervisee_id", "level", "on", "reason", "recorded_by_id"],
                   [(p.pk, p.level, p.judgment_on, reason, by.pk) for p in people])
    bulk.insert([line for person, intake in zip(people, intakes) if intake.reported_on
                 for line in step_receive(person.pk, person.area_id, intake.reported_on, by.pk,
                                          intake.transferred_from)[1]])
    # New people have no to-do yet for supervisee_receive to close (reminders.INTAKE_OVERDUE), nor to cancel.
    if refresh_todos:
        reminders_refresh(reminders.PERSON_KINDS, records=bulk.among(Supervisee, people), fresh=True)
    records_written.send(sender=Supervisee, labels=[Supervisee._meta.label, LevelChange._meta.label])
    return people


@transaction.atomic
def events_record(*, events, by) -> list[SupervisionEvent]:
    """`event_record` for many events (dicts of its keyword arguments but `by`): every person visible to `by`
    (one query), on the register and reported in by the event's day, the day not in the future, a known kind;
    then the to-dos the events answer closed, one UPDATE per kind of to-do."""
    guards.visible(by, list({e["supervisee"].pk: e["supervisee"] for e in events}.values()), PERSON)
    today = timezone.localdate()
    written = []
    for e in events:
        person, on, kind = e["supervisee"], e["on"], e["kind"]
        check_on_register(person, on)
        if on > today:
            guards.not_in_future(on, _("日期"))
        if kind not in SupervisionEvent.Kind.values:
            raise ValidationError(_("请选择记录类别。"))
        written.append(SupervisionEvent(
            supervisee=person, kind=kind, on=on, method=e.get("method", ""), is_random=e.get("is_random", False),
            summary=e.get("summary", ""), area_id=person.area_id, recorded_by=by))
    bulk.insert(written)
    answered = {}  # (to-do kind, event kind) → the people whose to-dos of that kind the events answer
    for event in written:
        for reminder_kind in reminders.open_kinds_for_event(event.kind):
            answered.setdefault((reminder_kind, event.kind), set()).add(event.supervisee_id)
    person_type = ContentType.objects.get_for_model(Supervisee)
    for (reminder_kind, kind), ids in answered.items():
        reminders_close(Reminder.objects.filter(kind=reminder_kind, content_type=person_type, object_id__in=ids),
                        by=by, note=_("已%(what)s") % {"what": SupervisionEvent.Kind(kind).label})
    records_written.send(sender=SupervisionEvent, labels=[SupervisionEvent._meta.label])
    return written


@transaction.atomic
def travel_approve(*, supervisee, destination, reason, leave_on, return_on, approved_on, by) -> TravelApproval:
    """外出审批. Up to STREET_TRAVEL_DAYS days the street office approves; longer, only the district bureau."""
    guards.visible(by, supervisee, PERSON)
    check_on_register(supervisee, approved_on)
    guards.not_in_future(approved_on, _("批准日期"))
    if return_on < leave_on:
        raise ValidationError(_("返回日期不能早于外出日期。"))
    days = (return_on - leave_on).days + 1
    approver = TravelApproval.Approver.BUREAU if approves_as_bureau(by) else TravelApproval.Approver.STREET
    if days > STREET_TRAVEL_DAYS and approver == TravelApproval.Approver.STREET:
        raise ValidationError(_("外出%(days)d日，超过%(limit)d日的须报区司法局审批。") % {
            "days": days, "limit": STREET_TRAVEL_DAYS})
    if supervisee.travels.filter(returned_on__isnull=True, leave_on__lte=return_on, return_on__gte=leave_on).exists():
        raise ValidationError(_("该对象有与此时间重叠且尚未销假的外出审批。"))
    return TravelApproval.objects.create(
        supervisee=supervisee, destination=destination, reason=reason, leave_on=leave_on, return_on=return_on,
        approver=approver, approved_on=approved_on, approved_by=by, area_id=supervisee.area_id,
    )


@transaction.atomic
def travel_return(*, travel, returned_on, by) -> TravelApproval:
    """The person reported back (销假)."""
    travel = TravelApproval.objects.select_for_update().get(pk=travel.pk)
    if travel.returned_on:
        raise ValidationError(_("该外出审批已于%(day)s销假。") % {"day": f"{travel.returned_on:%Y-%m-%d}"})
    guards.not_in_future(returned_on, _("销假日期"))
    if returned_on < travel.leave_on:
        raise ValidationError(_("销假日期不能早于外出日期。"))
    travel.returned_on = returned_on
    travel.save(update_fields=["returned_on"])
    reminders_close_for(obj=travel, kind=reminders.TRAVEL_RETURN_OVERDUE, by=by, note=_("已销假"))
    return travel


@transaction.atomic
def session_record(*, kind, title, held_on, area, attendees, by, hours=2, online=False) -> EducationSession:
    """A group session and its attendance list, recorded at once."""
    guards.in_jurisdiction(by, area)
    guards.not_in_future(held_on, _("活动日期"))
    attendees = list(attendees)
    if not attendees:
        raise ValidationError(_("请选择参加人员。"))
    guards.visible(by, list(attendees), PERSON)
    outside = [p.name for p in attendees if not area.contains(p.area) and not p.area.contains(area)]
    absent = [p.name for p in attendees if not p.is_on_register]
    if outside:
        raise ValidationError(_("以下人员不属于组织单位：%(names)s") % {"names": "、".join(outside)})
    if absent:
        raise ValidationError(_("以下人员不在册：%(names)s") % {"names": "、".join(absent)})
    session = EducationSession.objects.create(kind=kind, title=title, held_on=held_on, area=area, hours=hours,
                                              online=online, recorded_by=by)
    Attendance.objects.bulk_create(
        [Attendance(session=session, supervisee=p, area_id=p.area_id) for p in attendees]
    )
    return session


# --- Assessment -------------------------------------------------------------------------------------------


@transaction.atomic
def review_meeting_record(*, held_on, area, by, decisions, participants="", summary="") -> ReviewMeeting:
    """奖惩评审会议 with its decisions: [(supervisee, kind, reason), …]."""
    _check_meeting(by, area, held_on, decisions, _("请至少录入一项评审决定。"))
    for supervisee, kind, reason in decisions:
        check_on_register(supervisee, held_on)
        if kind not in AssessmentDecision.Kind.values:
            raise ValidationError(_("请选择评审决定。"))
        if not reason:
            raise ValidationError(_("请填写%(name)s的事实和理由。") % {"name": supervisee.name})
    meeting = ReviewMeeting.objects.create(held_on=held_on, area=area, participants=participants, summary=summary)
    AssessmentDecision.objects.bulk_create([
        AssessmentDecision(meeting=meeting, supervisee=s, kind=kind, reason=reason, decided_on=held_on,
                           area_id=s.area_id)
        for s, kind, reason in decisions
    ])
    return meeting


@transaction.atomic
def monitoring_approve(*, supervisee, ground, starts_on, ends_on, approved_on, by, assessment="",
                       renewal_of=None) -> Monitoring:
    """电子定位. Only on a statutory ground, at most three months each time; a renewal needs a new assessment."""
    if not approves_as_bureau(by):
        raise ValidationError(_("使用电子定位须经区司法局负责人批准，司法所不能审批。"))
    guards.visible(by, supervisee, PERSON)
    check_on_register(supervisee, starts_on)
    guards.not_in_future(approved_on, _("批准日期"))
    monitoring = Monitoring(supervisee=supervisee, ground=ground, starts_on=starts_on, ends_on=ends_on,
                            approved_on=approved_on, approved_by=by, assessment=assessment.strip(),
                            renewal_of=renewal_of, area_id=supervisee.area_id)
    monitoring.full_clean(exclude=["supervisee", "approved_by", "area", "renewal_of"])
    if renewal_of is not None:
        if renewal_of.supervisee_id != supervisee.pk or Monitoring.objects.filter(renewal_of=renewal_of).exists():
            raise ValidationError(_("只能对该对象最近一期电子定位续期。"))
        if not monitoring.assessment:
            raise ValidationError({"assessment": _("电子定位续期须重新评估，请填写评估意见。")})
        if starts_on <= renewal_of.ends_on:
            raise ValidationError({"starts_on": _("续期应自上一期截止日期的次日起算。")})
    overlapping = supervisee.monitorings.filter(ended_on__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on)
    if overlapping.exists():
        raise ValidationError(_("该对象在此期间已有电子定位，请办理续期或先解除。"))
    monitoring.save()
    if renewal_of is not None:
        reminders_close_for(obj=renewal_of, kind=reminders.MONITORING_ENDING, by=by, note=_("已续期"))
    return monitoring


@transaction.atomic
def monitoring_end(*, monitoring, on, by) -> Monitoring:
    monitoring = Monitoring.objects.select_for_update().get(pk=monitoring.pk)
    if monitoring.ended_on:
        raise ValidationError(_("该电子定位已解除。"))
    if not monitoring.starts_on <= on <= monitoring.ends_on:
        raise ValidationError(_("解除日期应在电子定位期间内。"))
    monitoring.ended_on = on
    monitoring.save(update_fields=["ended_on"])
    reminders_close_for(obj=monitoring, kind=reminders.MONITORING_ENDING, by=by, note=_("已解除电子定位"))
    return monitoring


# --- Risk -------------------------------------------------------------------------------------------------


@transaction.atomic
def risk_meeting_record(*, held_on, area, by, participants="", summary="") -> RiskMeeting:
    _check_meeting(by, area, held_on)
    return RiskMeeting.objects.create(held_on=held_on, area=area, participants=participants, summary=summary)


@transaction.atomic
def risk_case_record(*, supervisee, identified_on, description, control_measures, owner, by,
                     grade=RiskCase.Grade.MEDIUM, meeting=None) -> RiskCase:
    guards.visible(by, supervisee, PERSON)
    guards.visible(by, meeting, _("研判会议"))
    check_on_register(supervisee)
    guards.not_in_future(identified_on, _("发现日期"))
    if not control_measures.strip() or not owner.strip():
        raise ValidationError(_("风险隐患案件须明确管控措施和责任人。"))
    return RiskCase.objects.create(
        supervisee=supervisee, meeting=meeting, identified_on=identified_on, grade=grade,
        description=description, control_measures=control_measures, owner=owner, area_id=supervisee.area_id,
    )


@transaction.atomic
def risk_case_close(*, risk_case, on, by) -> RiskCase:
    if risk_case.closed_on:
        raise ValidationError(_("该风险隐患已化解。"))
    if on < risk_case.identified_on:
        raise ValidationError(_("化解日期不能早于发现日期。"))
    guards.not_in_future(on, _("化解日期"))
    risk_case.closed_on = on
    risk_case.save(update_fields=["closed_on"])
    return risk_case


@transaction.atomic
def deliberation_record(*, held_on, area, by, cases, participants="", summary="") -> Deliberation:
    """重大疑难案件合议 with the cases decided: [(supervisee, question, decision), …]."""
    _check_meeting(by, area, held_on, cases, _("请至少录入一件合议案件。"))
    if any(not question or not decision for _s, question, decision in cases):
        raise ValidationError(_("每件合议案件须填写合议事项和合议结论。"))
    deliberation = Deliberation.objects.create(held_on=held_on, area=area, participants=participants,
                                               summary=summary)
    DeliberatedCase.objects.bulk_create([
        DeliberatedCase(deliberation=deliberation, supervisee=s, question=q, decision=d, area_id=s.area_id)
        for s, q, d in cases
    ])
    return deliberation


@transaction.atomic
def emergency_record(*, supervisee, kind, occurred_on, description, by, first_step="") -> Emergency:
    guards.visible(by, supervisee, PERSON)
    guards.not_in_future(occurred_on, _("发生日期"))
    if not supervisee.is_on_register:
        raise ValidationError(_("%(name)s目前不在册，不能登记突发事件。") % {"name": supervisee.name})
    emergency = Emergency.objects.create(supervisee=supervisee, kind=kind, occurred_on=occurred_on,
                                         description=description, area_id=supervisee.area_id)
    if first_step:
        EmergencyStep.objects.create(emergency=emergency, on=occurred_on, action=first_step, recorded_by=by)
    return emergency


@transaction.atomic
def emergency_add_step(*, emergency, on, action, by, close=False) -> EmergencyStep:
    if emergency.closed_on:
        raise ValidationError(_("该突发事件已处置完毕。"))
    guards.not_in_future(on, _("处置日期"))
    if on < emergency.occurred_on:
        raise ValidationError(_("处置日期不能早于发生日期。"))
    step = EmergencyStep.objects.create(emergency=emergency, on=on, action=action, recorded_by=by)
    if close:
        emergency.closed_on = on
        emergency.save(update_fields=["closed_on"])
    return step


# --- Resettlement -----------------------------------------------------------------------------------------


@transaction.atomic
def released_person_register(*, by, id_number_confirmed: bool = False, **fields) -> ReleasedPerson:
    person = ReleasedPerson(**fields)
    person.full_clean(exclude=["listed_until"])
    guards.in_jurisdiction(by, person.area, streets_only=True)
    if person.id_number and ReleasedPerson.objects.filter(
        Q(id_number=person.id_number), released_on=person.released_on
    ).exists():
        raise ValidationError({"id_number": _("该人员的本次释放已登记。")})
    with refusing_duplicates(ReleasedPerson):
        person.save()
    identifiers_confirm(objects=[person], by=by, confirmed=id_number_confirmed)
    return person


@transaction.atomic
def released_person_hand_over(*, person, handover, on, by) -> ReleasedPerson:
    if handover not in ReleasedPerson.Handover.values or handover == ReleasedPerson.Handover.PENDING:
        raise ValidationError(_("请选择衔接情况。"))
    guards.not_in_future(on, _("衔接日期"))
    if on < person.released_on - timedelta(days=30):
        raise ValidationError(_("衔接日期过早：应在释放前一个月内或释放之后。"))
    person.handover, person.handed_over_on = handover, on
    person.save(update_fields=["handover", "handed_over_on"])
    return person


@transaction.atomic
def released_person_verify(*, person, verification, by, note="") -> ReleasedPerson:
    """核查: the person's name, address and identity were verified, or which of them could not be."""
    if verification not in ReleasedPerson.Verification.values:
        raise ValidationError(_("请选择核查情况。"))
    if verification == person.verification:
        raise ValidationError(_("核查情况与原登记相同。"))
    person.verification = verification
    person.save(update_fields=["verification"])
    return person


@transaction.atomic
def released_person_reoffended(*, person, on, by) -> ReleasedPerson:
    guards.not_in_future(on, _("重新犯罪日期"))
    if on < person.released_on:
        raise ValidationError(_("重新犯罪日期不能早于释放日期。"))
    person.reoffended_on = on
    person.save(update_fields=["reoffended_on"])
    return person


@transaction.atomic
def resettlement_help_record(*, person, kind, on, by, note="") -> ResettlementHelp:
    guards.visible(by, person, _("刑满释放人员"))  # the person is a reference like any other (issue 18, part 5)
    guards.not_in_future(on, _("帮扶日期"))
    if on < person.released_on:
        raise ValidationError(_("帮扶日期不能早于释放日期。"))
    return ResettlementHelp.objects.create(person=person, kind=kind, on=on, note=note)


@transaction.atomic
def resettlement_follow_up_record(*, person, on, method, note, by) -> ResettlementFollowUp:
    guards.visible(by, person, _("刑满释放人员"))  # the person is a reference like any other (issue 18, part 5)
    guards.not_in_future(on, _("回访日期"))
    if on < person.released_on:
        raise ValidationError(_("回访日期不能早于释放日期。"))
    return ResettlementFollowUp.objects.create(person=person, on=on, method=method, note=note)

"""A person's page — details, clocks, to-dos and the timeline of everything that happened — and its quick forms."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import date as date_filter
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bureau.access import function_required
from bureau.actions import Action
from bureau.links import record_url
from bureau.models import Reminder
from bureau.related import Relation
from bureau.speedups import shown
from corrections.apps import FUNCTION

from .. import reminders, services
from ..forms import (
    EmergencyForm,
    EmergencyStepForm,
    EventForm,
    LevelForm,
    MonitoringEndForm,
    MonitoringForm,
    MonitoringRenewForm,
    ReceiveForm,
    ReleaseForm,
    RiskCaseCloseForm,
    RiskCaseForm,
    TerminateForm,
    TransferForm,
    TravelForm,
    TravelReturnForm,
)
from ..models import (
    AssessmentDecision,
    LevelPolicy,
    Monitoring,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)
from ..permissions import approves_as_bureau
from .common import person_action

Kind = SupervisionEvent.Kind

# --- Clocks -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """A date the office must keep, read like a to-do (the `due_text` filter)."""

    key: str
    label: str
    due_on: object
    note: str = ""
    state: str = ""  # "overdue", "soon" (within the to-do's lead time) or ""

    def days_left(self, today):
        return (self.due_on - today).days


SOON_DAYS = {"term": reminders.TERM_LEAD_DAYS, "monitoring": reminders.MONITORING_LEAD_DAYS}


def with_state(clock, today):
    days = clock.days_left(today)
    state = "overdue" if days < 0 else "soon" if days <= SOON_DAYS.get(clock.key, reminders.TALK_LEAD_DAYS) else ""
    return replace(clock, state=state)


def _last(events, kinds):
    return max((e.on for e in events if e.kind in kinds), default=None)


def person_clocks(person, events, travels, monitorings, today):
    return [with_state(clock, today) for clock in _clocks(person, events, travels, monitorings, today)]


def _clocks(person, events, travels, monitorings, today):
    """The person's running clocks, from their level's policy and their last events (already loaded).

    Talk and check dates move off days off exactly as the daily risk check moves them, so the page and the
    to-do agree.
    """
    if person.status == Supervisee.Status.AWAITING_REPORT:
        return [Clock("report", _("报到期限"), person.report_due_on)]
    if not person.is_on_register:
        return []
    clocks = []
    policy = LevelPolicy.objects.filter(level=person.level).first()
    if policy:
        raw = []
        for key, label, kinds, days in (
            ("talk", _("下次谈话教育"), {Kind.TALK}, policy.talk_interval_days),
            ("check", _("下次信息化核查"), {Kind.INFO_CHECK}, policy.check_interval_days),
        ):
            since = _last(events, kinds)
            note = (_("上次 %(day)s") % {"day": f"{since:%Y-%m-%d}"} if since
                    else _("自报到日 %(day)s 起算") % {"day": f"{person.reported_on:%Y-%m-%d}"})
            raw.append((key, label, (since or person.reported_on) + timedelta(days=days),
                        note + _("，每%(n)d天一次") % {"n": days}))
        calendar = reminders.due_calendar([due for _k, _l, due, _n in raw], today)
        clocks += [Clock(key, label, calendar.next_working_day(due), note) for key, label, due, note in raw]
    clocks.append(Clock("term", _("矫正期满"), person.term_end))
    for monitoring in monitorings:
        if monitoring.ended_on is None and monitoring.starts_on <= today <= monitoring.ends_on:
            clocks.append(Clock("monitoring", _("电子定位截止"), monitoring.ends_on, monitoring.get_ground_display()))
    for travel in travels:
        if travel.returned_on is None:
            clocks.append(Clock("travel", _("外出销假"), travel.return_report_due_on,
                                _("%(place)s，%(leave)s至%(back)s") % {
                                    "place": travel.destination, "leave": f"{travel.leave_on:%m-%d}",
                                    "back": f"{travel.return_on:%m-%d}"}))
    return clocks


def person_todos(person, travels, monitorings):
    """The open to-dos about the person, their travels and their monitoring: one query."""
    types = ContentType.objects.get_for_models(Supervisee, TravelApproval, Monitoring)
    return list(
        Reminder.objects.open().filter(kind__startswith="corrections.").filter(
            Q(content_type=types[Supervisee], object_id=person.pk)
            | Q(content_type=types[TravelApproval], object_id__in=[t.pk for t in travels])
            | Q(content_type=types[Monitoring], object_id__in=[m.pk for m in monitorings])
        ).order_by("due_on", "id")
    )


# --- Timeline ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    on: object
    title: str
    text: str = ""
    icon: str = "dot"
    tone: str = "secondary"
    talk: int | None = None  # a talk's pk: its entry offers the talk record (corrections.talk_record)


def _join(*parts):
    return " · ".join(str(p) for p in parts if p)


def timeline(person):
    """Every event of the person, newest first, from the relations prefetched by `load_person`."""
    entries = []
    add = entries.append
    for row in person.ledger.all():
        where = row.counterpart.name if row.counterpart_id else row.counterpart_name
        add(Entry(row.on, _("台账：%(kind)s") % {"kind": row.get_kind_display()}, _join(
            where, row.get_termination_reason_display() if row.termination_reason else "",
            _("证明书日期 %(day)s") % {"day": f"{row.certificate_on:%Y-%m-%d}"} if row.certificate_on else "",
            row.note), "journal-bookmark", "primary"))
    for row in person.level_changes.all():
        add(Entry(row.on, _("管理等级：%(level)s") % {"level": row.get_level_display()}, row.reason, "sliders",
                  "info"))
    for row in person.supervision_events.all():
        add(Entry(row.on, row.get_kind_display(), _join(
            row.get_method_display() if row.method else "", _("随机抽查") if row.is_random else "", row.summary,
            row.recorded_by.name if row.recorded_by_id else ""), "chat-left-text", "success",
            talk=row.pk if row.kind == Kind.TALK else None))
    for row in person.travels.all():
        add(Entry(row.approved_on, _("外出审批：%(place)s") % {"place": row.destination}, _join(
            f"{row.leave_on:%Y-%m-%d}—{row.return_on:%Y-%m-%d}",
            ngettext("%(n)d天", "%(n)d天", row.days) % {"n": row.days},
            row.get_approver_display(), row.reason), "signpost", "warning"))
        if row.returned_on:
            add(Entry(row.returned_on, _("外出销假"), row.destination, "signpost-split", "success"))
    for row in person.attendance.all():
        session = row.session
        add(Entry(session.held_on, session.get_kind_display(), _join(
            session.title, _("%(h)s小时") % {"h": session.hours}, _("线上") if session.online else ""), "people",
            "success"))
    for row in person.decisions.all():
        add(Entry(row.decided_on, _("奖惩评审：%(kind)s") % {"kind": row.get_kind_display()}, row.reason, "award",
                  "success" if row.kind == AssessmentDecision.Kind.PRAISE else "danger"))
    for row in person.monitorings.all():
        add(Entry(row.approved_on, _("电子定位：%(start)s至%(end)s") % {
            "start": f"{row.starts_on:%Y-%m-%d}", "end": f"{row.ends_on:%Y-%m-%d}"},
            _join(_("续期") if row.renewal_of_id else "", row.get_ground_display(), row.assessment), "geo", "warning"))
        if row.ended_on:
            add(Entry(row.ended_on, _("提前解除电子定位"), "", "geo", "secondary"))
    for row in person.risk_cases.all():
        add(Entry(row.identified_on, _("风险隐患（%(grade)s）") % {"grade": row.get_grade_display()}, _join(
            row.description, _("管控措施：%(m)s") % {"m": row.control_measures},
            _("责任人：%(o)s") % {"o": row.owner}), "exclamation-triangle", "danger"))
        if row.closed_on:
            add(Entry(row.closed_on, _("风险隐患已化解"), row.description, "check2-circle", "success"))
    for row in person.deliberations.all():
        add(Entry(row.deliberation.held_on, _("重大疑难案件合议"), _join(row.question, row.decision), "bank",
                  "info"))
    for row in person.emergencies.all():
        add(Entry(row.occurred_on, _("突发事件：%(kind)s") % {"kind": row.get_kind_display()}, row.description,
                  "lightning", "danger"))
        for step in row.steps.all():
            add(Entry(step.on, _("突发事件处置"), step.action, "tools", "warning"))
        if row.closed_on:
            add(Entry(row.closed_on, _("突发事件处置完毕"), row.get_kind_display(), "check2-circle", "success"))
    entries.sort(key=lambda entry: entry.on, reverse=True)  # stable: same-day entries keep their kind order
    return entries


PERSON_RELATIONS = [
    Relation(Supervisee, "ledger", "counterpart"),
    Relation(Supervisee, "level_changes"),
    Relation(Supervisee, "supervision_events", "recorded_by"),
    Relation(Supervisee, "travels"),
    Relation(Supervisee, "attendance", "session"),
    Relation(Supervisee, "decisions"),
    Relation(Supervisee, "monitorings"),
    Relation(Supervisee, "risk_cases"),
    Relation(Supervisee, "deliberations", "deliberation"),
    Relation(Supervisee, "emergencies"),
]


TALK = 900_000_000_001  # stands for a talk's id in its 文书 button, rendered once per page


def timeline_items(entries):
    """The timeline's items, as the template's loop over them wrote them (tests/corrections/test_person_page.py
    compares the two): a person's file runs to 60–400 entries, and the loop's lookups, filters and one include per
    talk were a quarter of the page's CPU. A talk's 文书 button is its template rendered once, its id put in."""
    talk = get_template("corrections/_talk_papers.html").render({"pk": TALK}).split(str(TALK)) if any(
        entry.talk for entry in entries) else None
    items = []
    for entry in entries:
        on = entry.on
        day = on.isoformat() if type(on) is date else date_filter(timezone.template_localtime(on), "Y-m-d")
        text = f'<div class="small">{shown(entry.text)}</div>' if entry.text else ""
        papers = str(entry.talk).join(talk) if entry.talk else ""
        items.append(
            f'\n          <li>\n            <span class="dot text-bg-{shown(entry.tone)}"><i class="bi bi-'
            f'{shown(entry.icon)}"></i></span>\n            <div class="small text-body-secondary">{day}</div>\n'
            f'            <div class="fw-semibold">{shown(entry.title)}</div>\n            {text}\n            '
            f'{papers}\n          </li>\n          '
        )
    return mark_safe("".join(items))


def load_person(user, pk):
    """The person (404 outside the user's area) with every relation the page shows: a fixed number of queries."""
    person = get_object_or_404(Supervisee.objects.visible_to(user).select_related("area"), pk=pk)
    person._prefetched_objects_cache = {}
    for relation in PERSON_RELATIONS:
        relation.load(person)
    prefetch_related_objects(person.emergencies.all(), "steps")  # no query for a person without any
    return person


# --- Quick forms ------------------------------------------------------------------------------------------


def receive(person, by, data):
    services.supervisee_receive(supervisee=person, on=data["on"], by=by, transferred_from=data["transferred_from"])
    return _("已登记%(name)s报到，列入在册。") % {"name": person.name}


def event(kind):
    def perform(person, by, data):
        services.event_record(supervisee=person, kind=kind, on=data["on"], by=by, method=data.get("method", ""),
                              is_random=data.get("is_random", False), summary=data["summary"])
        return _("已记录%(name)s的%(what)s（%(day)s）。") % {
            "name": person.name, "what": Kind(kind).label, "day": f"{data['on']:%Y-%m-%d}"}

    return perform


def travel(person, by, data):
    approval = services.travel_approve(supervisee=person, by=by, **data)
    return ngettext("已批准外出：%(place)s，%(n)d天，返回后次日内销假。",
                    "已批准外出：%(place)s，%(n)d天，返回后次日内销假。",
                    approval.days) % {"place": approval.destination, "n": approval.days}


def travel_return(person, by, data):
    services.travel_return(travel=data["travel"], returned_on=data["returned_on"], by=by)
    return _("已登记销假。")


def level(person, by, data):
    changed = services.supervisee_set_level(supervisee=person, level=data["level"], on=data["on"],
                                            reason=data["reason"], by=by)
    return _("管理等级已调整为%(level)s。") % {"level": changed.get_level_display()}


def transfer(person, by, data):
    services.supervisee_transfer(supervisee=person, on=data["on"], by=by, to_area=data["to_area"],
                                 to_place=data["to_place"].strip(), note=data["note"])
    where = data["to_area"].name if data["to_area"] else data["to_place"]
    return _("已办理执行地变更，迁往%(where)s。") % {"where": where}


def release(person, by, data):
    services.supervisee_release(supervisee=person, on=data["on"], certificate_on=data["certificate_on"], by=by)
    return _("已解除矫正。")


def terminate(person, by, data):
    services.supervisee_terminate(supervisee=person, on=data["on"], reason=data["reason"], note=data["note"], by=by)
    return _("已终止矫正。")


def monitoring(person, by, data):
    approved = services.monitoring_approve(supervisee=person, by=by, **data)
    return _("已批准电子定位，%(start)s至%(end)s。") % {
        "start": f"{approved.starts_on:%Y-%m-%d}", "end": f"{approved.ends_on:%Y-%m-%d}"}


def monitoring_end(person, by, data):
    services.monitoring_end(monitoring=data["monitoring"], on=data["on"], by=by)
    return _("已解除电子定位。")


def risk_case(person, by, data):
    services.risk_case_record(supervisee=person, by=by, **data)
    return _("已登记风险隐患，请落实管控措施。")


def risk_case_close(person, by, data):
    services.risk_case_close(risk_case=data["risk_case"], on=data["on"], by=by)
    return _("风险隐患已化解。")


def emergency(person, by, data):
    services.emergency_record(supervisee=person, by=by, **data)
    return _("已登记突发事件。")


def emergency_step(person, by, data):
    services.emergency_add_step(emergency=data["emergency"], on=data["on"], action=data["action"],
                                close=data["close"], by=by)
    return _("已记录处置措施。") + (_("突发事件处置完毕。") if data["close"] else "")


ACTIONS = {
    "receive": Action(gettext_lazy("登记报到"), ReceiveForm, receive, "box-arrow-in-right"),
    "talk": Action(gettext_lazy("记录谈话"), partial(EventForm, kind=Kind.TALK), event(Kind.TALK), "chat-dots"),
    "info_check": Action(gettext_lazy("信息化核查"), partial(EventForm, kind=Kind.INFO_CHECK), event(Kind.INFO_CHECK),
                         "phone"),
    "visit": Action(gettext_lazy("实地走访"), partial(EventForm, kind=Kind.VISIT), event(Kind.VISIT), "house-door"),
    "report": Action(gettext_lazy("报告"), partial(EventForm, kind=Kind.REPORT), event(Kind.REPORT), "journal-text"),
    "file_check": Action(gettext_lazy("档案抽查"), partial(EventForm, kind=Kind.FILE_CHECK), event(Kind.FILE_CHECK),
                         "folder-check"),
    "travel": Action(gettext_lazy("外出审批"), TravelForm, travel, "signpost"),
    "travel_return": Action(gettext_lazy("登记销假"), TravelReturnForm, travel_return, "signpost-split"),
    "level": Action(gettext_lazy("调整管理等级"), LevelForm, level, "sliders"),
    "monitoring": Action(gettext_lazy("批准电子定位"), MonitoringForm, monitoring, "geo"),
    "monitoring_renew": Action(gettext_lazy("电子定位续期"), MonitoringRenewForm, monitoring, "arrow-repeat"),
    "monitoring_end": Action(gettext_lazy("提前解除电子定位"), MonitoringEndForm, monitoring_end, "geo"),
    "risk_case": Action(gettext_lazy("登记风险隐患"), RiskCaseForm, risk_case, "exclamation-triangle"),
    "risk_case_close": Action(gettext_lazy("风险隐患化解"), RiskCaseCloseForm, risk_case_close, "check2-circle"),
    "emergency": Action(gettext_lazy("登记突发事件"), EmergencyForm, emergency, "lightning", danger=True),
    "emergency_step": Action(gettext_lazy("突发事件处置"), EmergencyStepForm, emergency_step, "tools"),
    "transfer": Action(gettext_lazy("执行地变更"), TransferForm, transfer, "arrow-left-right", danger=True),
    "release": Action(gettext_lazy("解除矫正"), ReleaseForm, release, "door-open", danger=True),
    "terminate": Action(gettext_lazy("终止矫正"), TerminateForm, terminate, "x-octagon", danger=True),
}
DAILY = ["talk", "info_check", "visit", "report", "file_check"]
REGISTER = ["transfer", "release", "terminate"]
BUREAU_ONLY = {"monitoring", "monitoring_renew"}  # 电子定位 is approved by the district bureau's head


def offered(person, user, travels, monitorings, today):
    """The quick forms worth a button now: groups of (name, action). The services check the same rules."""
    if not user.can_write(FUNCTION):
        return {}
    if person.status == Supervisee.Status.AWAITING_REPORT:
        return {"intake": ["receive"]}
    if not person.is_on_register:
        return {}
    current = [m for m in monitorings if m.ended_on is None and m.ends_on >= today]
    renewed = {m.renewal_of_id for m in monitorings}
    supervision = ["travel"]
    if any(t.returned_on is None for t in travels):
        supervision.append("travel_return")
    supervision.append("level")
    if approves_as_bureau(user):
        supervision.append("monitoring")
        if any(m.pk not in renewed for m in current):
            supervision.append("monitoring_renew")
    if current:
        supervision.append("monitoring_end")
    risk = ["risk_case"]
    if any(r.closed_on is None for r in person.risk_cases.all()):
        risk.append("risk_case_close")
    risk.append("emergency")
    if any(e.closed_on is None for e in person.emergencies.all()):
        risk.append("emergency_step")
    return {"daily": DAILY, "supervision": supervision, "risk": risk, "register": REGISTER}


# How each group's quick forms are shown: the button's classes, a list item or not.
LINKS = {
    "intake": ("btn btn-sm btn-bureau", False),
    "daily": ("btn btn-sm btn-outline-primary", False),  # the first: btn-bureau
    "supervision": ("dropdown-item", True),
    "risk": ("dropdown-item", True),
    "register": ("dropdown-item text-danger", True),
}


def action_links(person, groups):
    """The quick forms' buttons and menu entries, group by group, as the page's loops wrote them with
    corrections/_action_link.html (tests/corrections/test_person_page.py compares the two): a writer's page
    showed fifteen, each an include and a `{% url %}`."""
    links = {}
    for group, names in groups.items():
        css, listed = LINKS[group]
        html = []
        for i, name in enumerate(names):
            action = ACTIONS[name]
            classes = "btn btn-sm btn-bureau" if group == "daily" and i == 0 else css
            url = conditional_escape(record_url("corrections:supervisee_action", person.pk, name))
            link = (f'<a class="{classes}" href="{url}" hx-get="{url}" hx-target="#action-modal .modal-content" '
                    f'data-bs-toggle="modal" data-bs-target="#action-modal"><i class="bi bi-{shown(action.icon)} '
                    f'me-1"></i>{shown(str(action.label))}</a>\n')
            html.append(f"<li>{link}</li>" if listed else link)
        links[group] = mark_safe("".join(html))
    return links


# --- Views ------------------------------------------------------------------------------------------------


@function_required(FUNCTION)
def supervisee_detail(request, pk):
    person = load_person(request.user, pk)
    today = timezone.localdate()
    events = list(person.supervision_events.all())
    travels = list(person.travels.all())
    monitorings = list(person.monitorings.all())
    groups = offered(person, request.user, travels, monitorings, today)
    entries = timeline(person)
    return render(request, "corrections/supervisee_detail.html", {
        "person": person,
        "clocks": person_clocks(person, events, travels, monitorings, today),
        "todos": person_todos(person, travels, monitorings),
        "timeline": entries,
        "timeline_items": timeline_items(entries),
        "actions": groups,
        "action_links": action_links(person, groups),
        "open_risks": [r for r in person.risk_cases.all() if r.closed_on is None],
        "open_emergencies": [e for e in person.emergencies.all() if e.closed_on is None],
        "monitorings": monitorings,
        "open_travels": [t for t in travels if t.returned_on is None],
        "bureau_approves_monitoring": not approves_as_bureau(request.user),
    })


@function_required(FUNCTION, write=True)
def supervisee_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    person = get_object_or_404(Supervisee.objects.visible_to(request.user).select_related("area"), pk=pk)
    crumbs = [(reverse("corrections:supervisee_list"), _("社区矫正对象")), (person.get_absolute_url(), person.name)]
    return person_action(request, person, ACTIONS[action], crumbs=crumbs)

"""Supervision, assessment, monitoring and risk records of the demo people."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..models import (
    AssessmentDecision,
    EducationSession,
    Emergency,
    EmergencyStep,
    Level,
    Monitoring,
    RiskCase,
    RiskMeeting,
    SupervisionEvent,
    TravelApproval,
)
from ..models import SupervisionEvent as Ev
from .people import _between, _pick, _weighted
from .texts import (
    CHECKS,
    DESTINATIONS,
    PRAISES,
    REPORTS,
    REPRIMANDS,
    RISKS,
    SESSION_TITLES,
    TALKS,
    VISITS,
    WARNINGS,
)

# --- supervision ------------------------------------------------------------------------------------------

METHODS = {
    Ev.Kind.TALK: [(Ev.Method.IN_PERSON, 70), (Ev.Method.PHONE, 15), (Ev.Method.VIDEO, 15)],
    Ev.Kind.INFO_CHECK: [(Ev.Method.ONLINE, 80), (Ev.Method.PHONE, 10), (Ev.Method.VIDEO, 10)],
    Ev.Kind.VISIT: [(Ev.Method.IN_PERSON, 1)],
    Ev.Kind.REPORT: [(Ev.Method.IN_PERSON, 40), (Ev.Method.ONLINE, 40), (Ev.Method.PHONE, 20)],
}
SUMMARIES = {Ev.Kind.TALK: TALKS, Ev.Kind.INFO_CHECK: CHECKS, Ev.Kind.VISIT: VISITS, Ev.Kind.REPORT: REPORTS}


def _event(w, life, kind, on, by=None, summary=None):
    area = life.area_on(on)
    return SupervisionEvent(
        supervisee=life.obj, kind=kind, on=on, method=_weighted(w.rng, METHODS[kind]) if kind in METHODS else "",
        is_random=kind == Ev.Kind.INFO_CHECK and w.rng.random() < 0.35,
        summary=summary or w.rng.choice(SUMMARIES[kind]), area_id=area.pk, recorded_by=by or w.clerk(area),
    )


def _contacts(w, life):
    """Talks, checks, visits and reports at the pace of the level in force, mostly a little early, a few late."""
    rng, today = w.rng, w.today
    stop = min(life.exit_on - timedelta(days=1), today, life.silent_from or date.max)
    moves = {on for on, _street in life.moves}
    rows = []
    for kind in (Ev.Kind.TALK, Ev.Kind.INFO_CHECK, Ev.Kind.VISIT, Ev.Kind.REPORT):
        dates = []
        if life.arrival >= w.first:
            last = life.arrival  # the first talk and check on the day the person reports in
            if kind in (Ev.Kind.TALK, Ev.Kind.INFO_CHECK):
                dates.append(last)
        else:  # on the register already: the clock runs from an event before the demo's first day
            last = max(life.arrival, w.first - timedelta(days=rng.randint(1, w.interval(life.level_on(w.first), kind))))
        while True:
            interval = w.interval(life.level_on(last), kind)
            late = rng.random() < 0.06
            day = last + timedelta(days=interval + rng.randint(1, max(2, interval // 3)) if late
                                   else interval - rng.randint(0, interval // 4))
            if day > stop:
                break
            on = day if kind == Ev.Kind.REPORT else w.workday(day)
            if on <= last:
                on = day
            if on in moves:
                continue
            dates.append(on)
            last = on
        # A few people on the register today are behind: their latest talk or check is missing (never the first,
        # on the day they reported in).
        if (kind in (Ev.Kind.TALK, Ev.Kind.INFO_CHECK) and life.exit is None and len(dates) > 1
                and rng.random() < 0.05
                and dates[-1] > today - timedelta(days=w.interval(life.level_on(today), kind))):
            dates.pop()
        rows += [_event(w, life, kind, on) for on in dates]
    return rows


def _quarters(w):
    day = w.first
    while day <= w.today:
        yield day
        day += relativedelta(months=3)


def _months(w):
    day = w.first
    while day <= w.today:
        yield day
        day += relativedelta(months=1)


def _on_register(lives, day, street=None):
    return [life for life in lives if life.on_register(day) and day not in {m for m, _s in life.moves}
            and not (life.silent_from and day >= life.silent_from)
            and (street is None or life.area_on(day) == street)]


def _file_checks(w, lives):
    """档案抽查: each quarter the bureau checks the files of about one person in ten."""
    rows = []
    for quarter in _quarters(w):
        held = w.workday(quarter + timedelta(days=45))
        if held > w.today:
            break
        present = [life for life in _on_register(lives, held) if life.arrival <= held - timedelta(days=30)]
        for life in w.rng.sample(present, len(present) // 10):
            summary = w.rng.choice(["档案材料齐全，记录规范", "档案材料齐全", "缺少月度思想汇报签字，已通知司法所补正",
                                    "走访记录不完整，已要求补充"])
            rows.append(_event(w, life, Ev.Kind.FILE_CHECK, held, by=w.section, summary=summary))
    return rows


def _travel(w, life, leave_on, days, approved_on, returned_on):
    approver = TravelApproval.Approver.STREET if days <= 7 else TravelApproval.Approver.BUREAU
    area = life.area_on(approved_on)
    destination, reason = w.rng.choice(DESTINATIONS)
    return TravelApproval(
        supervisee=life.obj, destination=destination, reason=reason, leave_on=leave_on,
        return_on=leave_on + timedelta(days=days - 1), approver=approver, approved_on=approved_on,
        approved_by=w.clerk(area) if approver == TravelApproval.Approver.STREET else w.section,
        returned_on=returned_on, area_id=area.pk,
    )


def _travels(w, lives):
    """外出审批: about one a person every two years; the street approves up to 7 days, the bureau longer."""
    rng, today = w.rng, w.today
    rows = []
    for life in lives:
        if not life.arrival:
            continue
        stop = min(life.exit_on - timedelta(days=2), life.silent_from or date.max)
        day = max(life.arrival, w.first) + timedelta(days=30)
        while True:
            day += timedelta(days=round(rng.expovariate(0.55 / 365)))
            approved_on = w.workday(day) if day <= today else day
            if approved_on > today:
                break
            days = rng.randint(2, 7) if rng.random() < 0.8 else rng.randint(8, 30)
            leave_on = approved_on + timedelta(days=rng.randint(1, 5))
            return_on = leave_on + timedelta(days=days - 1)
            if return_on >= stop:
                break
            if any(approved_on <= on <= return_on for on, _s in life.moves):
                continue
            returned_on = None  # still away, or not left yet
            if return_on < today:
                returned_on = min(today, return_on + timedelta(days=rng.choice([0, 0, 0, 1])))
            rows.append(_travel(w, life, leave_on, days, approved_on, returned_on))
            day = return_on + timedelta(days=30)
    # One person did not report back from a trip that ended a few days ago.
    away = _pick(w, [x for x in lives if x.exit is None and not x.silent_from and not x.moves],
                 first=today - timedelta(days=20), last=today + timedelta(days=30))
    if away:
        rows = [t for t in rows if t.supervisee is not away.obj or t.return_on < today - timedelta(days=30)]
        return_on = today - timedelta(days=rng.randint(2, 4))
        leave_on = return_on - timedelta(days=rng.randint(2, 5))
        rows.append(_travel(w, away, leave_on, (return_on - leave_on).days + 1,
                            w.workday(leave_on - timedelta(days=2)), None))
    return rows


SESSIONS = [  # kind, day of the month, share of the people on the register who attend, hours, online
    (EducationSession.Kind.LEGAL_MORAL, 14, 0.85, 2, True),
    (EducationSession.Kind.PSYCH, 24, 0.3, 1.5, False),
]


def _sessions(w, lives):
    """Monthly online legal and moral education and psychological lectures for the district; public service
    by each street every quarter. Returns [(session, [life, …])]."""
    rng = w.rng
    sessions = []
    for n, month in enumerate(_months(w)):
        for kind, day, share, hours, online in SESSIONS:
            held = w.workday(month + timedelta(days=day - 1))
            present = _on_register(lives, held)
            if held > w.today or not present:
                continue
            title = SESSION_TITLES[kind][n % len(SESSION_TITLES[kind])]
            sessions.append((EducationSession(kind=kind, title=title, held_on=held, area=w.district, hours=hours,
                                              online=online, recorded_by=w.section),
                             rng.sample(present, max(1, round(len(present) * share)))))
        if month.month % 3:
            continue
        for street in w.streets:
            held = w.workday(month + timedelta(days=17))
            present = _on_register(lives, held, street)
            if held > w.today or not present:
                continue
            sessions.append((EducationSession(kind=EducationSession.Kind.PUBLIC_SERVICE, held_on=held, area=street,
                                              title=rng.choice(SESSION_TITLES[EducationSession.Kind.PUBLIC_SERVICE]),
                                              hours=4, recorded_by=w.clerk(street)),
                             rng.sample(present, max(1, len(present) // 2))))
    return sessions


# --- assessment and monitoring ----------------------------------------------------------------------------


def _reviews(w, lives, proposals):
    """Quarterly 奖惩评审 with praises, reprimands and warnings; a meeting of its own for each proposal to the
    court. Returns ([(held_on, [(life, kind, reason)])], {id(life): [warned on …]})."""
    rng = w.rng
    meetings, warned = [], {}
    D = AssessmentDecision.Kind
    for quarter in _quarters(w):
        held = w.workday(quarter + timedelta(days=10))
        if held > w.today:
            break
        decisions = []
        for life in _on_register(lives, held):
            if life.arrival > held - timedelta(days=60):
                continue
            draw = rng.random()
            if draw < 0.05:
                decisions.append((life, D.PRAISE, rng.choice(PRAISES)))
            elif draw < 0.065:
                decisions.append((life, D.REPRIMAND, rng.choice(REPRIMANDS)))
            elif draw < 0.073:
                decisions.append((life, D.WARNING, rng.choice(WARNINGS)))
                warned.setdefault(id(life), []).append(held)
        if decisions:
            meetings.append((held, decisions))
    for life, kind, on, reason in proposals:
        meetings.append((on, [(life, kind, reason)]))
    return meetings, warned


GROUNDS = {WARNINGS[1]: Monitoring.Ground.LEFT_AREA, WARNINGS[2]: Monitoring.Ground.NO_REPORT}


def _monitoring_periods(w, life, ground, starts_on, periods):
    """Consecutive periods of at most three months (each renewal with a new assessment), ended early when the
    person leaves the register. [(Monitoring, index of the period it renews or None)]."""
    rows = []
    for n in range(periods):
        ends_on = starts_on + timedelta(days=w.rng.randint(60, 85))
        if starts_on > w.today or starts_on >= life.exit_on:
            break
        monitoring = Monitoring(
            supervisee=life.obj, ground=ground, starts_on=starts_on, ends_on=ends_on, approved_on=starts_on,
            approved_by=w.section, area_id=life.area_on(starts_on).pk,
            assessment="经重新评估，对象仍存在脱管风险，需继续使用电子定位" if n else "",
            ended_on=life.exit_on if starts_on <= life.exit_on <= min(ends_on, w.today) else None,
        )
        monitoring.clean()
        rows.append((monitoring, len(rows) - 1 if n else None))
        if monitoring.ended_on:
            break
        starts_on = ends_on + timedelta(days=1)
    return rows


def _monitorings(w, lives, meetings):
    """电子定位 on a statutory ground only: after a warning for leaving the city or not reporting, and while a
    revocation or custody is being proposed; one period ends within the week today."""
    rng = w.rng
    rows, last_end = [], {}
    for held, decisions in sorted(meetings, key=lambda m: m[0]):
        for life, kind, reason in decisions:
            ground = GROUNDS.get(reason) if kind == AssessmentDecision.Kind.WARNING else None
            if kind in (AssessmentDecision.Kind.REVOCATION, AssessmentDecision.Kind.CUSTODY):
                ground = Monitoring.Ground.REVOCATION
            if not ground or (ground != Monitoring.Ground.REVOCATION and rng.random() < 0.4):
                continue
            starts_on = held + timedelta(days=rng.randint(1, 3))
            if starts_on <= last_end.get(id(life), date.min) or life.moves:
                continue
            periods = _monitoring_periods(w, life, ground, starts_on, 2 if rng.random() < 0.35 else 1)
            rows += [(m, None if r is None else len(rows) + r) for m, r in periods]
            if periods:
                last_end[id(life)] = periods[-1][0].ends_on
    ends_on = w.today + timedelta(days=rng.randint(2, 6))
    starts_on = ends_on - timedelta(days=2 * 81 + 1)
    life = _pick(w, [x for x in lives if x.exit is None and not x.silent_from and not x.moves
                     and id(x) not in last_end], first=starts_on - timedelta(days=30), last=w.today)
    if life:
        first = Monitoring(supervisee=life.obj, ground=Monitoring.Ground.PROHIBITION, starts_on=starts_on,
                           ends_on=starts_on + timedelta(days=81), approved_on=starts_on, approved_by=w.section,
                           area_id=life.street.pk)
        second = Monitoring(supervisee=life.obj, ground=Monitoring.Ground.PROHIBITION, ends_on=ends_on,
                            starts_on=first.ends_on + timedelta(days=1), approved_on=first.ends_on,
                            approved_by=w.section, area_id=life.street.pk,
                            assessment="对象多次进入禁止令限制区域，经评估仍需续期")
        first.clean(), second.clean()
        rows += [(first, None), (second, len(rows))]
    return rows


# --- risk ---------------------------------------------------------------------------------------------------

EMERGENCY_STEPS = {
    Emergency.Kind.ABSCONDING: ["电话联系未接通，立即报告区司法局", "走访居住地和家属，查找下落", "通报公安机关协助查找",
                                "对象被查获，予以训诫并启动撤销缓刑程序"],
    Emergency.Kind.REOFFENDING: ["接公安机关通报，对象涉嫌盗窃被刑事拘留", "向区司法局报告，启动撤销缓刑程序"],
    Emergency.Kind.DRUGS: ["尿检呈阳性，公安机关依法予以行政拘留", "报告区司法局，召开评审会研究提请撤销假释"],
    Emergency.Kind.SUICIDE: ["发现对象服药自伤，立即送医救治，已脱离生命危险", "联系家属陪护，安排心理咨询师介入",
                             "跟踪回访，对象情绪稳定，处置完毕"],
}
EMERGENCY_TEXT = {
    Emergency.Kind.ABSCONDING: "对象手机关机，未按规定报告，下落不明",
    Emergency.Kind.REOFFENDING: "对象在缓刑考验期内涉嫌盗窃被抓获",
    Emergency.Kind.DRUGS: "社区尿检发现对象吸食毒品",
    Emergency.Kind.SUICIDE: "对象因家庭变故情绪失控，服药自伤",
}


def _emergency(life, kind, occurred_on, gaps, by, close=True):
    area = life.area_on(occurred_on)
    emergency = Emergency(supervisee=life.obj, kind=kind, occurred_on=occurred_on,
                          description=EMERGENCY_TEXT[kind], area_id=area.pk)
    steps, on = [], occurred_on
    for action, gap in zip(EMERGENCY_STEPS[kind], gaps):
        on += timedelta(days=gap)
        steps.append(EmergencyStep(emergency=emergency, on=on, action=action, recorded_by=by))
    if close:
        emergency.closed_on = on
    return emergency, steps


def _emergencies(w, lives, proposals, missing):
    rng, rows = w.rng, []
    for life, _kind, decided_on, _reason in proposals:
        kind = life.story[1]
        if kind:
            occurred = decided_on - timedelta(days=rng.randint(12, 25))
            gaps = [0] + [rng.randint(1, 3) for _step in EMERGENCY_STEPS[kind][1:]]
            rows.append(_emergency(life, kind, occurred, gaps, w.clerk(life.street)))
    if missing:
        occurred = missing.silent_from + timedelta(days=rng.randint(7, 9))
        rows.append(_emergency(missing, Emergency.Kind.ABSCONDING, occurred, [0, 2, 3], w.clerk(missing.street),
                               close=False))
    life = _pick(w, [x for x in lives if x.exit is None and not x.moves and not x.silent_from],
                 first=w.today - timedelta(days=240), last=w.today)
    if life:
        occurred = _between(rng, w.today - timedelta(days=240), w.today - timedelta(days=90))
        rows.append(_emergency(life, Emergency.Kind.SUICIDE, occurred, [0, 1, 20], w.clerk(life.street)))
    return rows


def _risks(w, lives, proposals, missing):
    """Monthly 风险研判 with the risk cases it identifies; deliberations of the proposals and a few hard cases."""
    rng, today = w.rng, w.today
    meetings = []  # (RiskMeeting, [RiskCase])
    for month in _months(w):
        held = w.workday(month + timedelta(days=4))
        if held > today:
            break
        meeting = RiskMeeting(held_on=held, area=w.district, participants="区司法局社区矫正科、各司法所负责人",
                              summary="研判本月社区矫正对象风险隐患，落实管控措施")
        present = [x for x in _on_register(lives, held) if x.arrival <= held - timedelta(days=30)]
        weights = [4 if x.level_on(held) == Level.STRICT else 1 for x in present]
        cases = []
        for life in rng.choices(present, weights, k=rng.randint(1, 3)) if present else []:
            if any(c.supervisee is life.obj for c in cases):
                continue
            description, measures = rng.choice(RISKS)
            closed = held + timedelta(days=rng.randint(20, 90))
            closed = min(closed, life.exit_on) if life.exit_on <= today else (closed if closed <= today else None)
            cases.append(RiskCase(supervisee=life.obj, identified_on=held, grade=_weighted(
                rng, [(RiskCase.Grade.HIGH, 15), (RiskCase.Grade.MEDIUM, 55), (RiskCase.Grade.LOW, 30)]),
                description=description, control_measures=measures, owner=w.name(rng.random() < 0.5),
                closed_on=closed, area_id=life.area_on(held).pk))
        if missing and missing.silent_from + timedelta(days=9) < held <= missing.silent_from + timedelta(days=40):
            cases.append(RiskCase(supervisee=missing.obj, identified_on=held,
                                  grade=RiskCase.Grade.HIGH, description="脱管，下落不明",
                                  control_measures="会同公安机关查找，每日联系家属，查获后依法处置",
                                  owner=w.name(False), area_id=missing.street.pk))
        meetings.append((meeting, cases))
    deliberations = []  # (Deliberation, [(life, question, decision)])
    for life, kind, decided_on, reason in proposals:
        question = "是否提请收监执行" if kind == AssessmentDecision.Kind.CUSTODY else "是否提请撤销缓刑、假释"
        deliberations.append((decided_on - timedelta(days=rng.randint(3, 7)), [(life, question, f"同意。{reason}")]))
    hard = [("对象申请赴外地就医超过一个月，是否批准", "同意，报区司法局审批，每周视频报告"),
            ("对象多次违反报告规定，是否给予警告并使用电子定位", "同意给予警告，报请使用电子定位"),
            ("对象申请变更执行地，居住证明存疑，是否同意", "暂缓变更，补充居住证明后再议")]
    for quarter in list(_quarters(w))[1::2]:
        held = w.workday(quarter + timedelta(days=50))
        present = [x for x in _on_register(lives, held) if x.arrival <= held - timedelta(days=30)]
        if held <= today and present:
            deliberations.append((held, [(x, *rng.choice(hard)) for x in rng.sample(present, rng.randint(1, 2))]))
    return meetings, deliberations

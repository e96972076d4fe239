"""Legal aid for the synthetic city of `manage.py generate_dataset` (the statistics benchmark).

Per district-year at scale 1: about 500 applications and notices with their recipients (a migrant workers'
wage case has many), decisions on the statutory clocks, assignment to the district's lawyers, closing with
the amount recovered, the timeline steps; about 4,000 consultation person-times; quality records. Each
case moves by the services' own steps (legalaid.lifecycle: the fields, the ClockRule clocks, the timeline
texts) along the transition map; this module only decides, simply and fast, when each move happens, and
shares the demo's texts and ID numbers. Each applicant has an address in the case's street, the 户籍 of their
ID number's region and, for an application no ground exempts from the means test, the hardship found (法律援助法
第四十一条); each consultation who asked (a name and a mobile number, none for an anonymous caller) and the
answer given, as the demo's (legalaid.demo.texts). Both are drawn from streams of their own, so the cases,
recipients and consultations stay as they were.

Lawyers come from the registry: those already in the district (a `lawyers.dataset` runs first when it
exists), otherwise this module registers law firms and lawyers for the district itself.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import ric

from lawyers.dataset import registry
from lawyers.models import Specialty

from . import lifecycle
from .data import ensure_clock_rules
from .demo.helpers import resident_id
from .demo.texts import (
    COMPLAINTS,
    CONSULTATION_ANSWERS,
    CONSULTATION_NOTES,
    EXPERT_TITLES,
    FEMALE,
    GRANT_REASONS,
    GRAVE_OFFENCES,
    HARDSHIP,
    HARDSHIP_NOTES,
    MALE,
    MATERIAL_NOTES,
    MIGRANT_REGIONS,
    OBJECTION_REASONS,
    OFFENCES,
    REFUSAL_REASONS,
    ROADS,
    SURNAMES,
    TERMINATION_NOTES,
)
from .models import (
    Case,
    CaseStep,
    Category,
    ClockRule,
    Complaint,
    Consultation,
    ExemptionGround,
    Expert,
    FileEvaluation,
    FinancialStatus,
    FollowUp,
    HearingEvaluation,
    MatterKind,
    Objection,
    Outcome,
    Recipient,
    RecipientGroup,
    Source,
    TerminationGround,
)
from .services import case_number_prefix

CASES_PER_YEAR = 500
CONSULTATION_PERSON_TIMES_PER_YEAR = 4000
EXPERTS = 15

G = RecipientGroup
C = Category
# (source, matter kind, category, weight) of what a district bureau receives
MATTERS = [
    (Source.NOTICE_DEFENCE, MatterKind.CRIMINAL, C.NOTIFIED_DEFENCE, 300),
    (Source.NOTICE_AGENCY, MatterKind.CRIMINAL, C.VICTIM_AGENCY, 20),
    (None, MatterKind.CRIMINAL, C.CRIMINAL_DEFENCE, 40),
    (None, MatterKind.CRIMINAL, C.VICTIM_AGENCY, 20),
    (None, MatterKind.CIVIL, C.LABOUR, 260),
    (None, MatterKind.CIVIL, C.INJURY, 90),
    (None, MatterKind.CIVIL, C.MAINTENANCE, 70),
    (None, MatterKind.CIVIL, C.SOCIAL_SECURITY, 35),
    (None, MatterKind.CIVIL, C.PENSION, 8),
    (None, MatterKind.CIVIL, C.CAPACITY, 15),
    (None, MatterKind.CIVIL, C.ENVIRONMENT, 4),
    (None, MatterKind.CIVIL, C.OTHER, 60),
    (None, MatterKind.ADMINISTRATIVE, C.SOCIAL_SECURITY, 22),
    (None, MatterKind.STATE_COMPENSATION, C.STATE_COMPENSATION, 5),
    (None, MatterKind.NON_LITIGATION, C.LABOUR, 25),
]
APPLICATION_SOURCES = [(Source.WINDOW, 60), (Source.HOTLINE, 12), (Source.ONLINE, 28)]
TOPICS = [(Specialty.LABOUR, 30), (Specialty.FAMILY, 20), (Specialty.CONTRACT, 10), (Specialty.PERSONAL_INJURY, 7),
          (Specialty.TRAFFIC, 7), (Specialty.PROPERTY, 8), (Specialty.SOCIAL_SECURITY, 5), (Specialty.CRIMINAL, 5),
          (Specialty.MEDICAL, 2), (Specialty.ADMINISTRATIVE, 2), (Specialty.CORPORATE, 2), (Specialty.ENVIRONMENT, 2)]
COURTS = ["人民法院", "人民检察院", "公安分局"]


def _pick(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def _aware(day, minutes):
    return timezone.make_aware(datetime.combine(day, time(8, 30)) + timedelta(minutes=minutes))


def _money(value):
    return Decimal(int(value) // 100 * 100).quantize(Decimal("0.01"))


def _name(rng, female):
    chars = FEMALE if female else MALE
    return rng.choice(SURNAMES) + rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")


class Writer:
    """The rows of one run, collected in memory and sent per table with COPY at the end."""

    def __init__(self, ds):
        self.ds = ds
        self.cases, self.recipients, self.steps, self.consultations = [], [], [], []
        self.objections, self.files, self.hearings, self.follow_ups, self.complaints = [], [], [], [], []
        self.prefixes = set()  # case-number prefixes in use
        ensure_clock_rules(ClockRule)
        self.clocks = lifecycle.Clocks(ds.first_day, ds.last_day)  # the statutory clocks of the whole span


# --- registry ---------------------------------------------------------------------------------------------


# --- cases ------------------------------------------------------------------------------------------------


class Story:
    """What a case needs besides its own columns: recipients, the timeline and quality records."""

    def __init__(self):
        self.recipients = []
        self.steps = []  # the CaseSteps the lifecycle wrote, in order
        self.objection = None  # (filed_on, result, decided_on)


def _recipients(rng, case, born_year_end):
    """(name, id, female, birth date, groups) of each person aided; the first is the applicant."""
    people = []
    group_case = case.category == C.LABOUR and rng.random() < 0.3
    count = int(rng.triangular(3, 60, 6)) if group_case else 1
    for _i in range(count):
        female = rng.random() < (0.3 if case.category == C.LABOUR else 0.45)
        groups = []
        if case.category == C.LABOUR or (case.category == C.INJURY and rng.random() < 0.5):
            if rng.random() < (0.95 if group_case else 0.7):
                groups.append(G.MIGRANT_WORKER)
        if case.category == C.MAINTENANCE and rng.random() < 0.5 or case.matter_kind == MatterKind.CRIMINAL \
                and rng.random() < 0.07:
            born = born_year_end.replace(year=born_year_end.year - rng.randint(8, 17), month=rng.randint(1, 12), day=15)
            groups.append(G.MINOR)
        elif rng.random() < (0.35 if case.category in (C.MAINTENANCE, C.PENSION) else 0.07):
            born = born_year_end.replace(year=born_year_end.year - rng.randint(61, 85), month=rng.randint(1, 12), day=15)
            groups.append(G.ELDERLY)
        else:
            born = born_year_end.replace(year=born_year_end.year - rng.randint(19, 59), month=rng.randint(1, 12),
                                         day=rng.randint(1, 28))
        if rng.random() < 0.05:
            groups.append(G.DISABLED)
        if female and rng.random() < 0.6:
            groups.append(G.WOMEN)
        if rng.random() < 0.01:
            groups.append(G.MILITARY)
        regions = MIGRANT_REGIONS if G.MIGRANT_WORKER in groups else ("440300", "440303", "440304", "440305")
        people.append((_name(rng, female), resident_id(rng, regions, born, female), female, born, groups))
    return people


_hukou_of = {}  # (region, birth year) → 户籍: a few dozen keys for the whole city


def _hukou(id_number):
    """户籍所在地 from the number's region code as it stood in the birth year (stdnum's table)."""
    key = id_number[:10]
    if key not in _hukou_of:
        place = ric.get_birth_place(id_number)
        _hukou_of[key] = "".join(place.get(part, "") for part in ("province", "prefecture", "county"))
    return _hukou_of[key]


def _residence_and_finances(rng, case, place):
    """The applicant's address in `place` (深圳市…区…街道), 户籍 and, unless a notice or a ground spares the means
    test, the hardship found: BELOW_STANDARD and LOW_INCOME with the monthly income per person, OTHER with its
    note, as the model's rules ask."""
    case.applicant_hukou = _hukou(case.applicant_id_number)
    case.applicant_address = (f"{place}{rng.choice(ROADS)}{rng.randint(1, 399)}号{rng.randint(1, 30)}栋"
                              f"{rng.randint(101, 2808)}室")
    if case.is_notice or case.exemption_ground:
        return
    case.financial_status = _pick(rng, HARDSHIP)
    if case.financial_status in (FinancialStatus.BELOW_STANDARD, FinancialStatus.LOW_INCOME):
        case.monthly_income_per_person = Decimal(rng.randrange(600, 2400, 50))
    elif case.financial_status == FinancialStatus.OTHER:
        case.financial_note = rng.choice(HARDSHIP_NOTES)


def _case(ds, d, rng, received, matter, number, lawyers, clerk, clocks):
    """One case moved along the transition map as far as the dataset's last day reaches."""
    cal, end = ds.calendar, ds.last_day
    source, kind, category, _w = matter
    notice = source is not None
    source = source or _pick(rng, APPLICATION_SOURCES)
    if not notice and source == Source.WINDOW:
        received = cal.next_working_day(received)
    story = Story()
    case = Case(number=number, area_id=clerk[0], source=source, received_on=received, matter_kind=kind,
                category=category, created_by_id=clerk[1], created_at=_aware(received, rng.randint(0, 480)))
    if category in (C.NOTIFIED_DEFENCE, C.CRIMINAL_DEFENCE):
        grave = rng.random() < 0.02
        case.max_penalty_life_or_death = grave
        case.summary = f"犯罪嫌疑人涉嫌{rng.choice(GRAVE_OFFENCES if grave else OFFENCES)}"
    if notice:
        case.notifying_authority = f"深圳市{d.area.name}{rng.choice(COURTS)}"
    if category == C.LABOUR:
        case.exemption_ground = ExemptionGround.MIGRANT_WAGES
    story.recipients = _recipients(rng, case, received)
    case.applicant_name, case.applicant_id_number = story.recipients[0][0], story.recipients[0][1]
    case.applicant_phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"

    decision_days = clocks.rules[ClockRule.Code.DECISION].days
    assignment_days = clocks.rules[ClockRule.Code.ASSIGNMENT].days
    steps = story.steps
    steps.append(lifecycle.receive(case, clocks))
    if not notice:
        if rng.random() < 0.05:
            asked = cal.add_working_days(received, rng.randint(1, 2))
            if asked > end:
                return case, story
            steps.append(lifecycle.request_material(case, on=asked, note=rng.choice(MATERIAL_NOTES)))
            supplied = asked + timedelta(days=rng.randint(3, 20))
            if supplied > end:
                return case, story
            steps.append(lifecycle.supply_material(case, clocks, on=supplied))
        late = rng.random() < 0.04
        decided = cal.add_working_days(case.decision_due_on if late else case.complete_on,
                                       rng.randint(1, 4) if late else rng.randint(1, decision_days))
        if decided > end:
            return case, story
        if rng.random() < 0.08:
            steps.append(lifecycle.decide(case, clocks, grant=False, reasons=rng.choice(REFUSAL_REASONS), on=decided))
            if rng.random() >= 0.15:
                return case, story
            filed = decided + timedelta(days=rng.randint(2, 10))
            if filed > end:
                return case, story
            steps.append(lifecycle.object_to(case, reason="", on=filed))
            ruled = cal.add_working_days(filed, rng.randint(3, 5))
            if ruled > end:
                story.objection = (filed, "", None)
                return case, story
            upheld = rng.random() < 0.3
            story.objection = (filed, Objection.Result.UPHELD if upheld else Objection.Result.REJECTED, ruled)
            steps.append(lifecycle.objection_decide(case, clocks, upheld=upheld, reasons="", on=ruled))
            if not upheld:
                return case, story
        else:
            steps.append(lifecycle.decide(case, clocks, grant=True, reasons="", on=decided))
        case.decision_reasons = GRANT_REASONS.get(case.exemption_ground, GRANT_REASONS[""])
    _carry_out(ds, rng, case, story, lawyers, assignment_days)
    return case, story


def _carry_out(ds, rng, case, story, lawyers, assignment_days):
    """Assignment, work, closing (with the amount recovered) and archiving; or a termination (第48条)."""
    cal, end, steps = ds.calendar, ds.last_day, story.steps
    late = rng.random() < 0.03
    assigned = cal.add_working_days(case.assignment_due_on if late else case.decided_on,
                                    rng.randint(1, 3) if late else rng.randint(0, assignment_days))
    if assigned > end:
        return
    specialty = {C.NOTIFIED_DEFENCE: Specialty.CRIMINAL, C.CRIMINAL_DEFENCE: Specialty.CRIMINAL,
                 C.VICTIM_AGENCY: Specialty.CRIMINAL, C.LABOUR: Specialty.LABOUR, C.INJURY: Specialty.PERSONAL_INJURY,
                 C.MAINTENANCE: Specialty.FAMILY}.get(case.category)
    eligible = [lw for lw in lawyers if specialty in lw[2]] or lawyers
    if case.max_penalty_life_or_death:
        eligible = [lw for lw in eligible if (assigned - lw[1]).days >= 3 * 366] or eligible
    steps.append(lifecycle.assign(case, lawyer=None, on=assigned, note=""))
    case.lawyer_id = case.suggested_lawyer_id = rng.choice(eligible)[0]
    case.suggestion_reason = "按轮换顺序，专长匹配，当前承办量较少"
    started = assigned + timedelta(days=rng.choice([0, 1, 1, 2, 3, 5]))
    if started > end:
        return
    steps.append(lifecycle.start(case, on=started))
    criminal = case.matter_kind == MatterKind.CRIMINAL
    duration = int(rng.triangular(20, 300, 70) if criminal else rng.triangular(15, 420, 100))
    if rng.random() < 0.02:
        on = started + timedelta(days=rng.randint(5, max(6, duration - 1)))
        if on <= end:
            ground = _pick(rng, [(TerminationGround.OTHER_COUNSEL, 4), (TerminationGround.WITHDRAWN, 3),
                                 (TerminationGround.CASE_ENDED, 2), (TerminationGround.ECONOMIC_CHANGE, 1)])
            steps.append(lifecycle.terminate(case, ground=ground, note=TERMINATION_NOTES.get(ground, ""), on=on))
        return
    closed = started + timedelta(days=duration)
    if closed > end:
        return
    outcome, amount = _outcome(rng, case, len(story.recipients))
    steps.append(lifecycle.close(case, outcome=outcome, recovered_amount=amount, on=closed))
    archived = closed + timedelta(days=rng.randint(14, 60))
    if archived <= end:
        steps.append(lifecycle.archive(case, on=archived))


def _outcome(rng, case, people):
    if case.matter_kind == MatterKind.CRIMINAL:
        if case.category == C.VICTIM_AGENCY:
            return _pick(rng, [(Outcome.WON, 3), (Outcome.PARTLY_WON, 4), (Outcome.SETTLED, 2)]), Decimal("0.00")
        return _pick(rng, [(Outcome.DEFENCE_ADOPTED, 55), (Outcome.DEFENCE_NOT_ADOPTED, 30), (Outcome.OTHER, 15)]), \
            Decimal("0.00")
    outcome = _pick(rng, [(Outcome.WON, 35), (Outcome.PARTLY_WON, 25), (Outcome.SETTLED, 30), (Outcome.LOST, 5),
                          (Outcome.WITHDRAWN, 5)])
    if outcome in (Outcome.LOST, Outcome.WITHDRAWN) or case.category == C.CAPACITY:
        return outcome, Decimal("0.00")
    amount = {
        C.LABOUR: lambda: people * rng.uniform(6000, 20000) if people > 1 else rng.triangular(5000, 120000, 15000),
        C.INJURY: lambda: rng.triangular(20000, 300000, 60000),
        C.MAINTENANCE: lambda: rng.uniform(5000, 60000),
        C.STATE_COMPENSATION: lambda: rng.uniform(20000, 200000),
        C.SOCIAL_SECURITY: lambda: rng.uniform(3000, 60000),
        C.PENSION: lambda: rng.uniform(3000, 60000),
    }.get(case.category, lambda: rng.uniform(0, 50000))()
    if outcome == Outcome.PARTLY_WON:
        amount *= rng.uniform(0.4, 0.8)
    elif outcome == Outcome.SETTLED:
        amount *= rng.uniform(0.6, 0.9)
    return outcome, _money(amount)


def _district_cases(ds, d, rng, lawyers, experts, out):
    section = d.staff["legalaid"].pk
    weights = [rng.uniform(0.6, 1.6) for _s in d.streets]
    kinds = [m[3] for m in MATTERS]
    applicants = ds.rng(f"legalaid.applicants:{d.area.code}")
    prefix_taken = out.prefixes
    for year, first, last in ds.years():
        days = (last - first).days + 1
        count = round(CASES_PER_YEAR * ds.scale * days / 365)
        prefix = case_number_prefix(d.area, year)
        if prefix in prefix_taken:  # 龙岗区 and 龙华区 share their first character: the second one gets two
            prefix = f"{d.area.name[:2]}法援〔{year}〕"
        prefix_taken.add(prefix)
        received = sorted(first + timedelta(days=rng.randrange(days)) for _i in range(count))
        ids = ds.loader.reserve(Case, count)
        for n, (case_id, on) in enumerate(zip(ids, received), start=1):
            street = rng.choices(d.streets, weights)[0]
            clerk = (street.pk, d.clerks[street.pk].pk if rng.random() < 0.3 else section)
            case, story = _case(ds, d, rng, on, rng.choices(MATTERS, kinds)[0], f"{prefix}{n:04d}号", lawyers, clerk,
                                out.clocks)
            case.pk = case_id
            _residence_and_finances(applicants, case, f"深圳市{d.area.name}{street.name}")
            out.cases.append(case)
            out.recipients.extend((case_id, name, number, female, born, groups)
                                  for name, number, female, born, groups in story.recipients)
            out.steps.extend((case_id, step.action, step.status, step.on, _aware(step.on, 47 * i + 5), section,
                              step.note) for i, step in enumerate(story.steps))
            if story.objection:
                filed, result, ruled = story.objection
                out.objections.append((case_id, filed, rng.choice(OBJECTION_REASONS), result, ruled))
            _quality(ds, rng, case, experts, section, f"深圳市{d.area.name}人民法院", out)


def _quality(ds, rng, case, experts, section, court, out):
    end = ds.last_day
    if case.started_on and rng.random() < 0.03:
        held = case.started_on + timedelta(days=rng.randint(10, 60))
        if held <= end and (case.closed_on is None or held <= case.closed_on):
            seed = rng.getrandbits(31)
            chosen = rng.sample(experts, min(3, len(experts)))
            out.hearings.append((case.pk, held, court, seed, experts, rng.randint(70, 98), chosen))
    if case.closed_on:
        on = case.closed_on + timedelta(days=rng.randint(20, 90))
        if rng.random() < 0.1 and on <= end:
            out.files.append((case.pk, on, "评查员甲", rng.randint(75, 99), "评查员乙", rng.randint(75, 99), ""))
        on = case.closed_on + timedelta(days=rng.randint(3, 30))
        if rng.random() < 0.25 and on <= end:
            satisfaction = _pick(rng, [(FollowUp.Satisfaction.SATISFIED, 85), (FollowUp.Satisfaction.NEUTRAL, 10),
                                       (FollowUp.Satisfaction.DISSATISFIED, 2), (FollowUp.Satisfaction.UNREACHABLE, 3)])
            out.follow_ups.append((case.pk, on, satisfaction, "", section))
    if case.assigned_on and rng.random() < 0.004:
        on = case.assigned_on + timedelta(days=rng.randint(10, 60))
        if on <= end:
            content, finding, handling = rng.choice(COMPLAINTS)
            concluded = on + timedelta(days=rng.randint(10, 40))
            done = concluded <= end
            out.complaints.append((case.area_id, case.pk, case.lawyer_id, case.applicant_name, on, content,
                                   on + timedelta(days=45), concluded if done else None, finding if done else "",
                                   handling if done else ""))


def _consultations(ds, d, rng, out):
    cal = ds.calendar
    weights = [rng.uniform(0.6, 1.6) for _s in d.streets]
    section = d.staff["legalaid"].pk
    side = ds.rng(f"legalaid.consultations:{d.area.code}")  # who asked and the answer
    for _year, first, last in ds.years():
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        working = sum(1 for day in days if cal.is_working_day(day))
        mean_person_times = 1.37  # of the weights below
        rows_wanted = CONSULTATION_PERSON_TIMES_PER_YEAR * ds.scale * len(days) / 365 / mean_person_times
        off_per_day = 0.6 * ds.scale
        per_working_day = max(0.0, (rows_wanted - off_per_day * (len(days) - working)) / max(1, working))
        for day in days:
            workday = cal.is_working_day(day)
            mean = per_working_day if workday else off_per_day
            # Rounded at random, so that a small --scale still has its few consultations a year.
            for _i in range(int(max(0.0, rng.gauss(mean, mean * 0.3)) + rng.random())):
                channel = (_pick(rng, [("window", 55), ("hotline", 30), ("online", 15)]) if workday
                           else _pick(rng, [("hotline", 6), ("online", 4)]))
                street = rng.choices(d.streets, weights)[0]
                topic = _pick(rng, TOPICS)
                note = rng.choice(CONSULTATION_NOTES[topic]) if rng.random() < 0.3 else ""
                by = d.clerks[street.pk].pk if channel == "window" and rng.random() < 0.7 else section
                name, phone = _who_asked(side, channel)
                out.consultations.append((street.pk, day, channel, topic,
                                          _pick(rng, [(1, 82), (2, 9), (3, 5), (4, 2.5), (5, 1.5)]), note, by,
                                          name, phone, side.choice(CONSULTATION_ANSWERS[topic])))


def _who_asked(rng, channel):
    """As in the demo: a caller online or on the line often gives no name; at the window the clerk writes it."""
    if rng.random() < (0.2 if channel == "window" else 0.5):
        return "", ""
    return _name(rng, rng.random() < 0.45), f"1{rng.choice('3589')}{rng.randint(0, 9)}0000{rng.randint(0, 9999):04d}"


def _experts(ds, d, rng):
    count = max(5, round(EXPERTS * min(1.0, ds.scale * 4)))
    ids = list(ds.loader.reserve(Expert, count))
    ds.loader.copy(Expert, ["id", "name", "title", "area_id", "is_active"],
                   [(pk, _name(rng, rng.random() < 0.4), EXPERT_TITLES[i % len(EXPERT_TITLES)], d.area.pk, True)
                    for i, pk in enumerate(ids)])
    return ids


def _write(ds, out):
    loader = ds.loader
    columns = [f.attname for f in Case._meta.concrete_fields]
    loader.copy(Case, columns, (tuple(getattr(c, a) for a in columns) for c in out.cases))
    loader.copy(Recipient, ["case_id", "name", "id_number", "is_female", "birth_date", "groups"], out.recipients)
    loader.copy(CaseStep, ["case_id", "action", "status", "on", "at", "by_id", "note"], out.steps)
    loader.copy(Objection, ["case_id", "filed_on", "reason", "result", "decided_on"], out.objections)
    loader.copy(Consultation, ["area_id", "on", "channel", "topic", "person_times", "note", "recorded_by_id", "name",
                               "phone", "answer"], out.consultations)
    loader.copy(FileEvaluation, ["case_id", "evaluated_on", "first_reviewer", "first_score", "second_reviewer",
                                 "second_score", "findings"], out.files)
    loader.copy(FollowUp, ["case_id", "called_on", "satisfaction", "note", "by_id"], out.follow_ups)
    loader.copy(Complaint, ["area_id", "case_id", "lawyer_id", "complainant", "received_on", "content", "due_on",
                            "concluded_on", "finding", "handling"], out.complaints)
    ids = loader.reserve(HearingEvaluation, len(out.hearings))
    loader.copy(HearingEvaluation, ["id", "case_id", "held_on", "court", "seed", "pool", "score", "findings"],
                ((pk, case, held, court, seed, pool, score, "") for pk, (case, held, court, seed, pool, score, _c)
                 in zip(ids, out.hearings)))
    loader.copy(HearingEvaluation.experts.through, ["hearingevaluation_id", "expert_id"],
                ((pk, expert) for pk, hearing in zip(ids, out.hearings) for expert in hearing[6]))


def generate(ds):
    out = Writer(ds)
    for index, d in enumerate(ds.districts):
        rng = ds.rng(f"legalaid:{d.area.code}")
        lawyers = registry(ds, d, index, rng)  # lawyers/dataset.py, which ran first, made it
        experts = _experts(ds, d, rng)
        _district_cases(ds, d, rng, lawyers, experts, out)
        _consultations(ds, d, rng, out)
        ds.say(f"legalaid: {d.area.name} — {len(out.cases):,} cases, {len(out.consultations):,} consultation rows so far")
    _write(ds, out)


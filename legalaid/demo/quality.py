"""Consultations and the quality records: file evaluations, hearing evaluations, follow-ups, complaints."""

import random
from datetime import timedelta

from lawyers.models import Specialty

from ..models import (
    ClockRule,
    Complaint,
    Consultation,
    Expert,
    FileEvaluation,
    FollowUp,
    HearingEvaluation,
    MatterKind,
    Status,
)
from ..services import experts_draw
from .helpers import _date_between, _weighted
from .texts import BATCH, COMPLAINTS, CONSULTATION_ANSWERS, CONSULTATION_NOTES, EXPERT_TITLES

# --- consultations ----------------------------------------------------------------------------------------


def _consultations(w):
    rng, end, cal = w.rng, w.end, w.cal
    days = [w.first + timedelta(days=i) for i in range((end - w.first).days + 1)]
    working = [d for d in days if cal.is_working_day(d)]
    off_rows_per_day = 1.2 * w.scale
    span_share = len(days) / 365
    mean_person_times = 1.33
    target_rows = w.plan.consultation_person_times * w.scale * span_share / mean_person_times
    per_working_day = max(0.0, (target_rows - off_rows_per_day * (len(days) - len(working))) / max(1, len(working)))
    labour = 32 if w.plan.labour_weight > 40 else 26
    topics = [(Specialty.LABOUR, labour), (Specialty.FAMILY, 20), (Specialty.CONTRACT, 10),
              (Specialty.PERSONAL_INJURY, 7), (Specialty.TRAFFIC, 7), (Specialty.PROPERTY, 8),
              (Specialty.SOCIAL_SECURITY, 5), (Specialty.CRIMINAL, 5), (Specialty.MEDICAL, 2),
              (Specialty.ADMINISTRATIVE, 2), (Specialty.CORPORATE, 2), (Specialty.ENVIRONMENT, 1)]
    month_factor = {12: 1.15, 1: 1.2, 2: 0.8}
    Channel = Consultation.Channel
    side = random.Random(w.district.code)  # who asked and the answer: drawn apart, the counts stay as they were
    rows = []
    for day in days:
        workday = cal.is_working_day(day)
        mean = (per_working_day if workday else off_rows_per_day) * month_factor.get(day.month, 1.0)
        for _i in range(max(0, round(rng.gauss(mean, mean * 0.3)))):
            channel = (_weighted(rng, [(Channel.WINDOW, 55), (Channel.HOTLINE, 30), (Channel.ONLINE, 15)])
                       if workday else _weighted(rng, [(Channel.HOTLINE, 6), (Channel.ONLINE, 4)]))
            area = w.street()
            clerk = w.clerks.get(area.pk)
            by = clerk if channel == Channel.WINDOW and clerk and rng.random() < 0.7 else w.section
            topic = _weighted(rng, topics)
            person_times = _weighted(rng, [(1, 82), (2, 9), (3, 5), (4, 2.5), (5, 1.5)])
            note = rng.choice(CONSULTATION_NOTES[topic]) if rng.random() < 0.35 else ""
            name, phone = _who_asked(side, w, channel)
            rows.append(Consultation(area=area, on=day, channel=channel, topic=topic, person_times=person_times,
                                     name=name, phone=phone, note=note,
                                     answer=side.choice(CONSULTATION_ANSWERS[topic]), recorded_by=by))
    Consultation.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _who_asked(side, w, channel):
    """A caller online or on the line often gives no name; at the window the clerk writes it down."""
    if side.random() < (0.2 if channel == Consultation.Channel.WINDOW else 0.5):
        return "", ""
    phone = f"1{side.choice('3589')}{side.randint(0, 9)}0000{side.randint(0, 9999):04d}"
    return w.name(side.random() < 0.45, rng=side), phone


# --- quality ----------------------------------------------------------------------------------------------


def _experts(w):
    rng = w.rng
    count = max(5, round(15 * w.scale))
    titles = rng.sample(EXPERT_TITLES, min(count, len(EXPERT_TITLES)))
    experts = [Expert(name=w.name(rng.random() < 0.4), title=titles[i % len(titles)], area=w.district,
                      is_active=not (count >= 10 and i in (4, 11)))
               for i in range(count)]
    Expert.objects.bulk_create(experts, batch_size=BATCH)
    return experts


def _quality(w, cases):
    rng, end = w.rng, w.end
    counts = {"file": 0, "hearing": 0, "follow_up": 0, "complaint": 0}
    reviewers = list(Expert.objects.in_area(w.district).order_by("pk").values_list("name", flat=True)[:8])
    reviewers += ["法律援助科 " + w.name(False), "法律援助科 " + w.name(True)]
    closed = [c for c in cases if c.closed_on]

    # 案卷评查: two reviewers, 70–100.
    candidates = [c for c in closed if c.closed_on + timedelta(days=20) <= end]
    evaluations = []
    for case in rng.sample(candidates, min(len(candidates), round(30 * w.scale * w.years) or 1)):
        base = rng.randint(72, 97)
        first, second = rng.sample(reviewers, 2)
        first_score, second_score = (max(70, min(100, base + rng.randint(-3, 3))) for _i in range(2))
        findings = ("案卷材料齐全，办案过程规范，质量优秀。" if base >= 90
                    else "案卷基本规范，个别会见笔录未经受援人签名。" if base >= 80
                    else "结案报告过于简单，证据目录不完整，已要求承办律师补正。")
        evaluated_on = min(end, case.closed_on + timedelta(days=rng.randint(20, 90)))
        evaluations.append(FileEvaluation(case=case, evaluated_on=evaluated_on, first_reviewer=first,
                                          first_score=first_score, second_reviewer=second,
                                          second_score=second_score, findings=findings))
    FileEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    counts["file"] = len(evaluations)

    # 庭审评估: three experts drawn from the district's active pool with a recorded seed.
    pool = sorted(Expert.objects.active().in_area(w.district).values_list("pk", flat=True))
    hearings, links = [], []
    if len(pool) >= 3:
        candidates = []
        for case in cases:
            if not case.started_on or case.matter_kind == MatterKind.NON_LITIGATION:
                continue
            last = min(end, (case.closed_on or case.terminated_on or end) - timedelta(days=1))
            if case.started_on + timedelta(days=20) <= last:
                candidates.append((case, last))
        for case, last in rng.sample(candidates, min(len(candidates), round(12 * w.scale * w.years) or 1)):
            court = ("深圳市中级人民法院" if case.max_penalty_life_or_death else w.plan.court)
            seed = rng.getrandbits(62)
            held_on = _date_between(rng, case.started_on + timedelta(days=20), last)
            hearing = HearingEvaluation(case=case, held_on=held_on, court=court, seed=seed, pool=pool,
                                        score=rng.randint(75, 98),
                                        findings=rng.choice(["庭前准备充分，质证意见针对性强。",
                                                             "辩护思路清晰，发问有条理，量刑意见有依据。",
                                                             "代理意见较全面，但对对方证据的质证不够深入。"]))
            hearings.append((hearing, experts_draw(pool, seed, 3)))
        HearingEvaluation.objects.bulk_create([h for h, _drawn in hearings], batch_size=BATCH)
        Through = HearingEvaluation.experts.through
        links = [Through(hearingevaluation_id=h.pk, expert_id=e) for h, drawn in hearings for e in drawn]
        Through.objects.bulk_create(links, batch_size=BATCH)
    counts["hearing"] = len(hearings)

    # 回访: mostly after closing, some while the case is in progress.
    Sat = FollowUp.Satisfaction
    candidates = [(c, c.closed_on + timedelta(days=5), c.closed_on + timedelta(days=30)) for c in closed]
    candidates += [(c, c.started_on + timedelta(days=30), c.started_on + timedelta(days=90))
                   for c in cases if c.status == Status.IN_PROGRESS]
    candidates = [(c, a, min(b, end)) for c, a, b in candidates if a <= end]
    follow_ups = []
    for case, first, last in rng.sample(candidates, min(len(candidates), round(60 * w.scale * w.years) or 1)):
        satisfaction = _weighted(rng, [(Sat.SATISFIED, 80), (Sat.NEUTRAL, 12), (Sat.DISSATISFIED, 3),
                                       (Sat.UNREACHABLE, 5)])
        note = {Sat.SATISFIED: "受援人对律师的服务表示满意。", Sat.NEUTRAL: "受援人表示基本满意，希望律师多沟通。",
                Sat.DISSATISFIED: "受援人对结果不满意，已做解释工作。", Sat.UNREACHABLE: "电话三次无人接听。"}[satisfaction]
        follow_ups.append(FollowUp(case=case, called_on=_date_between(rng, first, last), satisfaction=satisfaction,
                                   note=note, by=w.section))
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    counts["follow_up"] = len(follow_ups)

    # 投诉: most concluded within the clock, one or two still open.
    total = max(2, round(6 * w.scale * w.years))
    open_count = 2 if total >= 4 else 1
    complaints = []
    still_open = [c for c in cases if c.status in (Status.ASSIGNED, Status.IN_PROGRESS)
                  and c.assigned_on <= end - timedelta(days=15)]
    earlier = [c for c in cases if c.lawyer_id and c.assigned_on <= end - timedelta(days=120)]
    picks = [(c, True) for c in rng.sample(still_open, min(open_count, len(still_open)))]
    earlier = [c for c in earlier if all(c is not p for p, _open in picks)]
    picks += [(c, False) for c in rng.sample(earlier, min(total - len(picks), len(earlier)))]
    for case, is_open in picks:
        content, finding, handling = rng.choice(COMPLAINTS)
        if is_open:
            received = _date_between(rng, max(case.assigned_on + timedelta(days=5), end - timedelta(days=40)), end)
        else:
            received = _date_between(rng, case.assigned_on + timedelta(days=15), case.assigned_on + timedelta(days=60))
        complaint = Complaint(area=case.area, case=case, lawyer_id=case.lawyer_id, complainant=case.applicant_name,
                              received_on=received, content=content, due_on=w.due(ClockRule.Code.COMPLAINT, received))
        if not is_open:
            complaint.concluded_on = min(end, received + timedelta(days=rng.randint(10, 40)))
            complaint.finding, complaint.handling = finding, handling
        complaints.append(complaint)
    Complaint.objects.bulk_create(complaints, batch_size=BATCH)
    counts["complaint"] = len(complaints)
    return counts

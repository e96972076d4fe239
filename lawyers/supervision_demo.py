"""Demo lawyer supervision for 罗湖区 and 光明区, from 1 January two years back to today: the inspector pool,
the annual inspections of firms and public lawyers (each held in March–April of the next year, with its
follow-up meeting and the problems it assigned), two 双随机一公开 inspections a year, supervision visits, complaints
from every source and the violations found, each through the rectification loop.

Everything goes through lawyers.supervision, so the clocks, the to-dos and the audit trail are those of real
work; only the past draws are laid down with the draw's own step (`draw_make`, with a seed from the demo's
generator and the day of the draw). Dates are placed relative to the span, and a step whose day has not come
yet is left undone, so on any day the demo has complaints on the clock and a few violations still open (one
overdue without evidence, one waiting for its re-check). A district with inspectors already is left alone.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from bureau.models import Area

from . import supervision as services
from .models import (
    Complaint,
    ComplaintClockRule,
    ComplaintSource,
    Finding,
    FoundBy,
    Grade,
    Handling,
    InspectionCampaign,
    InspectionKind,
    InspectionResult,
    Inspector,
    LawFirm,
    Lawyer,
    RandomInspectionPlan,
    RandomInspectionResult,
    RandomOutcome,
    ReplyWay,
    SupervisionVisit,
    Violation,
    ViolationKind,
    VisitItem,
)
from .supervision_data import ensure_complaint_clock_rules

INSPECTORS = 8
VISITS_PER_YEAR = 8
COMPLAINTS_PER_YEAR = 11
SOURCES = [(ComplaintSource.LETTER, 4), (ComplaintSource.ON_SITE, 3), (ComplaintSource.PHONE, 3),
           (ComplaintSource.PROVINCE, 1), (ComplaintSource.CITY, 1), (ComplaintSource.OTHER_DISTRICT, 1)]
COMPLAINT_MATTERS = ["收取代理费后未按约定出庭", "未及时告知委托人案件进展", "收费未开具正式发票", "私自收取委托人费用",
                     "代理过程中态度恶劣", "未经委托人同意转委托", "泄露委托人个人信息"]
FINDINGS = [(Finding.REJECTED, Handling.NONE, 5), (Finding.PARTLY, Handling.EDUCATION, 3),
            (Finding.UPHELD, Handling.EDUCATION, 2), (Finding.UPHELD, Handling.ASSOCIATION, 1),
            (Finding.UPHELD, Handling.PENALTY, 1)]
VISIT_FINDINGS = ["党建工作开展规范，案件卷宗归档及时", "部分案件卷宗未按规定归档", "收费公示不完整，已当场指出",
                  "制度建设较完善，执业风险防范到位", "办公场所公示信息需更新"]


def _on(rng, first, last):
    """A weekday between `first` and `last`."""
    day = first + timedelta(days=rng.randint(0, max((last - first).days, 0)))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return max(day, first) if day >= first else first


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


class _District:
    """One district's demo, told year by year up to `today`."""

    def __init__(self, district, by, rng, first, today):
        self.district, self.by, self.rng, self.first, self.today = district, by, rng, first, today
        self.firms = list(LawFirm.objects.in_area(district).practising().order_by("pk"))
        self.lawyers = list(Lawyer.objects.in_area(district).practising().filter(firm__isnull=False).order_by("pk"))
        self.public = list(Lawyer.objects.in_area(district).filter(kind=Lawyer.Kind.PUBLIC).order_by("pk"))
        self.new = dict.fromkeys(["inspectors", "campaigns", "plans", "visits", "complaints", "violations"], 0)

    def done(self, day):
        return day <= self.today

    def inspectors(self, names):
        for n, name in enumerate(names, start=1):
            services.inspector_save(inspector=Inspector(
                district=self.district, name=name, unit=f"{self.district.name}司法局律师工作科" if n <= 3 else
                f"{self.district.name}司法局", certificate_number=f"{self.district.code}{n:04d}",
                is_active=n != INSPECTORS), by=self.by)
        self.new["inspectors"] += len(names)

    # --- the rectification loop, as far as the days have come ---

    def rectify(self, violation, notice_on, *, days=30, leave_open=False):
        rng = self.rng
        if not self.done(notice_on):
            return
        services.violation_notify(violation=violation, on=notice_on, deadline=notice_on + timedelta(days=days),
                                  by=self.by)
        evidence_on = notice_on + timedelta(days=rng.randint(10, days - 2))
        if leave_open or not self.done(evidence_on):
            return
        services.violation_submit_evidence(violation=violation, on=evidence_on, note="已按整改通知完成整改并提交材料",
                                           by=self.by)
        recheck_on = evidence_on + timedelta(days=rng.randint(3, 8))
        if not self.done(recheck_on):
            return
        if rng.random() < 0.15:  # not good enough the first time
            services.violation_recheck(violation=violation, on=recheck_on, passed=False, note="整改不到位，需补充材料",
                                       new_deadline=recheck_on + timedelta(days=20), by=self.by)
            evidence_on = recheck_on + timedelta(days=10)
            if not self.done(evidence_on + timedelta(days=5)):
                return
            services.violation_submit_evidence(violation=violation, on=evidence_on, note="已补充整改材料", by=self.by)
            recheck_on = evidence_on + timedelta(days=5)
        services.violation_recheck(violation=violation, on=recheck_on, passed=True, note="复查整改到位，予以销号",
                                   by=self.by)

    def violation(self, found_on, kind, description, *, found_by=FoundBy.CAMPAIGN, campaign_name="", **links):
        self.new["violations"] += 1
        return services.violation_register(violation=Violation(
            district=self.district, kind=kind, found_by=found_by, campaign_name=campaign_name,
            description=description, found_on=found_on, **links), by=self.by)

    # --- each kind of work in a year ---

    def annual(self, year):
        """The inspection of `year`, held from March of the next year: firms and public lawyers."""
        rng, started = self.rng, date(year + 1, 3, 2)
        if not self.done(started):
            return
        for kind, subjects in [(InspectionKind.FIRM, self.firms), (InspectionKind.PUBLIC, self.public)]:
            if not subjects:
                continue
            campaign = services.campaign_create(campaign=InspectionCampaign(
                district=self.district, year=year, kind=kind, started_on=started), by=self.by)
            self.new["campaigns"] += 1
            graded_on, results = date(year + 1, 4, 10), []
            for subject in subjects:
                received = started + timedelta(days=rng.randint(3, 20))
                if not self.done(received):
                    continue
                grade = ""
                if self.done(graded_on):
                    draw = rng.random()
                    if kind == InspectionKind.FIRM:
                        grade = Grade.UNQUALIFIED if draw < 0.04 else Grade.BASICALLY_QUALIFIED if draw < 0.2 else \
                            Grade.QUALIFIED
                    else:
                        grade = Grade.BASICALLY_COMPETENT if draw < 0.1 else Grade.COMPETENT
                results.append(services.inspection_result_save(result=InspectionResult(
                    campaign=campaign, materials_received_on=received, grade=grade,
                    graded_on=graded_on if grade else None, findings="材料齐全，执业活动基本规范" if grade in (
                        Grade.QUALIFIED, Grade.COMPETENT) else "存在收费和卷宗管理问题" if grade else "",
                    **({"firm": subject} if kind == InspectionKind.FIRM else {"lawyer": subject})), by=self.by))
            meeting_on = date(year + 1, 4, 20)
            if not results or not self.done(meeting_on) or any(not r.grade for r in results):
                continue
            services.campaign_record_meeting(campaign=campaign, on=meeting_on,
                                             notes="通报年度检查考核情况，对存在问题的单位部署整改", by=self.by)
            for result in results:
                if result.grade in (Grade.BASICALLY_QUALIFIED, Grade.UNQUALIFIED, Grade.BASICALLY_COMPETENT):
                    violation = services.problem_assign(
                        result=result, kind=rng.choice([ViolationKind.FEES, ViolationKind.PRACTICE]),
                        description="年度检查考核反馈会布置整改：" + result.findings, by=self.by)
                    self.new["violations"] += 1
                    self.rectify(violation, meeting_on + timedelta(days=2))

    def random_inspections(self, year):
        rng = self.rng
        for title, drawn in [("上半年", date(year, 5, 6)), ("下半年", date(year, 10, 12))]:
            while drawn.weekday() >= 5:
                drawn += timedelta(days=1)
            if not self.done(drawn):
                continue
            plan = services.plan_create(plan=RandomInspectionPlan(
                district=self.district, title=f"{year}年{title}律师事务所“双随机、一公开”抽查", year=year,
                firms_to_draw=3, inspectors_to_draw=2), by=self.by)
            self.new["plans"] += 1
            firms, inspectors = services.draw_pools(plan, on=drawn)
            draw = services.draw_make(plan=plan, firms=firms, inspectors=inspectors, seed="%032x" % rng.getrandbits(128),
                                      drawn_at=_at(drawn), by=self.by)
            inspected = drawn + timedelta(days=14)
            if not self.done(inspected + timedelta(days=3)):
                continue  # drawn, the inspections still to come
            for pk in draw.firms_drawn:
                outcome = RandomOutcome.RECTIFY if rng.random() < 0.25 else RandomOutcome.NO_PROBLEM
                result = services.random_result_record(result=RandomInspectionResult(
                    plan=plan, firm_id=pk, inspected_on=inspected, outcome=outcome,
                    findings="收费合同条款不规范" if outcome == RandomOutcome.RECTIFY else "未发现问题"), by=self.by)
                if outcome == RandomOutcome.RECTIFY:
                    violation = self.violation(inspected, ViolationKind.FEES, "双随机抽查发现收费合同条款不规范",
                                               found_by=FoundBy.RANDOM, random_result=result, firm_id=pk)
                    self.rectify(violation, inspected + timedelta(days=3))
            published = inspected + timedelta(days=3)
            services.plan_publish(plan=plan, on=published, by=self.by)

    def visits(self, year):
        rng = self.rng
        for _n in range(VISITS_PER_YEAR):
            day = _on(rng, date(year, 1, 10), date(year, 12, 20))
            if not self.done(day):
                continue
            visit = services.visit_record(visit=SupervisionVisit(
                district=self.district, firm=rng.choice(self.firms), visited_on=day,
                items=rng.sample(list(VisitItem.values), rng.randint(2, 4)), visitors="律师工作科检查组",
                findings=rng.choice(VISIT_FINDINGS)), by=self.by)
            self.new["visits"] += 1
            if "未按规定归档" in visit.findings:
                violation = self.violation(day, ViolationKind.PRACTICE, "案件卷宗未按规定归档", found_by=FoundBy.VISIT,
                                           visit=visit, firm=visit.firm)
                self.rectify(violation, day + timedelta(days=2))

    def complaints(self, year, names, other_district):
        rng = self.rng
        sources = [source for source, weight in SOURCES for _w in range(weight)]
        findings = [row for row in FINDINGS for _w in range(row[2])]
        for _n in range(COMPLAINTS_PER_YEAR):
            received = _on(rng, date(year, 1, 5), date(year, 12, 28))
            if not self.done(received):
                continue
            source = rng.choice(sources)
            lawyer = rng.choice(self.lawyers)
            complaint = services.complaint_register(complaint=Complaint(
                district=self.district, lawyer=lawyer, source=source,
                transferred_from=other_district if source == ComplaintSource.OTHER_DISTRICT else None,
                complainant_name=rng.choice(names), complainant_phone=f"1390000{rng.randint(0, 9999):04d}",
                summary=rng.choice(COMPLAINT_MATTERS), received_on=received), by=self.by)
            self.new["complaints"] += 1
            decided = received + timedelta(days=rng.randint(2, 6))
            if not self.done(decided):
                continue
            if rng.random() < 0.1:
                services.complaint_reject(complaint=complaint, on=decided, reason="投诉事项不属于律师执业行为",
                                          by=self.by)
                continue
            services.complaint_accept(complaint=complaint, on=decided, by=self.by)
            concluded = decided + timedelta(days=rng.randint(20, 55))
            if not self.done(concluded):
                continue
            finding, handling, _weight = rng.choice(findings)
            services.complaint_conclude(
                complaint=complaint, finding=finding, handling=handling, replied_on=concluded,
                reply_way=rng.choice(ReplyWay.values), concluded_on=concluded, by=self.by,
                notes="调取委托合同、收费票据，询问被投诉律师及所在律师事务所")
            if finding != Finding.REJECTED:
                violation = self.violation(
                    concluded, ViolationKind.FEES if "费" in complaint.summary else ViolationKind.PRACTICE,
                    "投诉查实：" + complaint.summary, found_by=FoundBy.COMPLAINT, complaint=complaint, lawyer=lawyer)
                self.rectify(violation, concluded + timedelta(days=2))

    def moonlighting(self, year):
        """The yearly 违规兼职核查 in September: two or three lawyers holding posts they may not."""
        rng, found = self.rng, date(year, 9, 15)
        if not self.done(found):
            return
        for lawyer in rng.sample(self.lawyers, rng.randint(2, 3)):
            violation = self.violation(found, ViolationKind.MOONLIGHTING, "在企业兼任法务或管理职务",
                                       campaign_name="违规兼职核查", lawyer=lawyer)
            self.rectify(violation, found + timedelta(days=3), days=45)

    def now(self, names):
        """On the clock today: a complaint received two days ago, one accepted a fortnight ago; a violation whose
        deadline passed last week without evidence, and one whose evidence waits for its re-check."""
        rng, today = self.rng, self.today
        fresh = services.complaint_register(complaint=Complaint(
            district=self.district, lawyer=rng.choice(self.lawyers), source=ComplaintSource.PROVINCE,
            complainant_name=rng.choice(names), summary="收取代理费后未按约定出庭",
            received_on=today - timedelta(days=2)), by=self.by)
        running = services.complaint_register(complaint=Complaint(
            district=self.district, lawyer=rng.choice(self.lawyers), source=ComplaintSource.ON_SITE,
            complainant_name=rng.choice(names), summary="未及时告知委托人案件进展",
            received_on=today - timedelta(days=18)), by=self.by)
        services.complaint_accept(complaint=running, on=today - timedelta(days=15), by=self.by)
        self.new["complaints"] += 2
        overdue = self.violation(today - timedelta(days=50), ViolationKind.MOONLIGHTING, "在企业兼任法务职务",
                                 campaign_name="违规兼职核查", lawyer=rng.choice(self.lawyers))
        self.rectify(overdue, today - timedelta(days=45), days=38, leave_open=True)
        waiting = self.violation(today - timedelta(days=40), ViolationKind.FEES, "收费未开具正式发票",
                                 campaign_name="律师收费专项检查", lawyer=rng.choice(self.lawyers))
        services.violation_notify(violation=waiting, on=today - timedelta(days=38), deadline=today + timedelta(days=7),
                                  by=self.by)
        services.violation_submit_evidence(violation=waiting, on=today - timedelta(days=1), note="已补开发票并退还多收费用",
                                           by=self.by)
        return fresh


def load(stdout, *, districts, name, first_day, appraiser):
    """`districts`: the demo district codes; `name(rng)`, `first_day(today)`, `appraiser(district)`: the
    lawyers demo's own helpers (lawyers.demo)."""
    ensure_complaint_clock_rules(ComplaintClockRule)  # as the migration left them, unless changed since
    today = timezone.localdate()
    first = first_day(today)
    rng = random.Random(13)
    totals = dict.fromkeys(["inspectors", "campaigns", "plans", "visits", "complaints", "violations"], 0)
    for code in districts:
        district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
        by = appraiser(district) if district else None
        if by is None or Inspector.objects.filter(district=district).exists():
            continue
        other = Area.objects.filter(level=Area.Level.DISTRICT, code__in=districts).exclude(pk=district.pk).first()
        story = _District(district, by, rng, first, today)
        if len(story.firms) < 3 or len(story.lawyers) < 3:
            continue
        names = [name(rng) for _n in range(40)]
        story.inspectors(names[:INSPECTORS])
        story.annual(first.year - 1)
        for year in range(first.year, today.year + 1):
            story.random_inspections(year)
            story.visits(year)
            story.complaints(year, names, other)
            story.moonlighting(year)
            story.annual(year)
        story.now(names)
        for key, value in story.new.items():
            totals[key] += value
    stdout.write("lawyers demo: supervision — {inspectors} inspectors, {campaigns} annual inspections, {plans} random "
                 "inspections, {visits} visits, {complaints} complaints, {violations} violations (new)\n"
                 .format(**totals))

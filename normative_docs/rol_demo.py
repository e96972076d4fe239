"""Demo major decisions, enforcement supervision, counsel, legal affairs, 述法 and the 法治建设 assessment for 罗湖区
and 光明区, from 1 January two years back to today, made through normative_docs.rol_services (called at the end
of normative_docs.demo.load, once the districts' units exist). A district that already has a file review is
left alone, so a second run adds nothing. Every person here is invented; the law firms and lawyers are the
lawyers demo's registry of the same district (no counsel when it has none).

Each year: the catalogue of major decisions (a hearing item or two; the earlier years' all decided, this
year's on their way), two 案卷评查 campaigns sampling six units' files (some with problems and a rectification
deadline, the latest still open: to-dos), quarterly trainings, the officers' roster, counsel engaged by the
government, four departments and the streets (evaluated at the end of each year), legal affairs every month,
述法 in the first quarter for the year before, and the assessment: last year's round scored and published,
this year's open with a few units scored."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bureau.models import Area, Role, User

from . import rol_services as services
from .models import (
    AffairKind,
    AssessmentCategory,
    AssessmentItem,
    AssessmentRound,
    CounselEngagement,
    EnforcementOfficer,
    EnforcementTraining,
    Evaluation,
    FileReview,
    Handler,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    ShufaForm,
    ShufaReport,
    Step,
    Unit,
    UnitKind,
)
from .services import unit_register

YEARS_BACK = 2
DECISIONS = ["{d}城市更新单元规划审批", "{d}学校布局调整方案", "{d}公共停车场收费标准调整", "{d}老旧小区改造年度计划",
             "{d}养老服务设施布局规划", "{d}河道综合整治工程", "{d}产业用地供应计划", "{d}垃圾分类处理设施建设",
             "{d}社区健康服务中心布局"]
PROBLEMS = ["调查取证不全面，缺少现场检查笔录", "法律适用不准确", "未告知当事人陈述申辩权利", "文书送达不规范",
            "自由裁量理由说明不充分"]
AFFAIRS = {AffairKind.CONTRACT: ["{u}物业服务采购合同", "{u}工程施工合同", "{u}政府购买服务协议"],
           AffairKind.OPINION: ["关于{u}历史遗留用地处置的法律意见", "关于{u}信访事项的法律意见"],
           AffairKind.DRAFTING: ["{u}行政处罚决定书（代拟）", "{u}合作框架协议（代拟）"],
           AffairKind.NEGOTIATION: ["{u}征收补偿谈判"], AffairKind.LITIGATION: ["{u}合同纠纷诉讼代理"],
           AffairKind.MEETING: ["{u}重大项目专题会"], AffairKind.OTHER: ["{u}法律培训讲座"]}
STATIONED = ["深圳市公安局{d}分局", "深圳市市场监督管理局{d}监管局"]
FRAMEWORK = [
    ("党政主要负责人履行推进法治建设第一责任人职责", "30", [("述法及年度法治建设报告", "10", ""),
                                                   ("党委（党组）理论学习中心组学法", "10", "")]),
    ("依法行政", "40", [("规范性文件和重大决策合法性审查", "20", ""),
                     ("行政复议被纠错情况", "20", "reconsideration_corrections")]),
    ("严格规范公正文明执法", "30", [("行政执法案卷评查", "15", ""), ("行政执法人员持证上岗", "15", "")]),
]


def _day(rng, start, end, today):
    """A day between start and end, or None if it would be after today."""
    end = min(end, today)
    return None if end < start else start + timedelta(days=rng.randint(0, (end - start).days))


class Plan:
    def __init__(self, district, section, today):
        self.area, self.by, self.today = district, section, today
        self.rng = random.Random(f"rule_of_law-{district.code}")
        self.years = range(today.year - YEARS_BACK, today.year + 1)
        self.units = list(Unit.objects.filter(area=district, is_active=True).order_by("pk"))
        self.departments = [u for u in self.units if u.kind == UnitKind.DEPARTMENT]
        self.short = district.name.removesuffix("区")

    def person(self):
        return self.rng.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林") + self.rng.choice("建国志强丽华文军海燕明红")


def _decisions(p):
    n = 0
    for year in p.years:
        catalogued = date(year, 2, 20)
        if catalogued > p.today:
            continue
        for title in p.rng.sample(DECISIONS, 5):
            decision = services.major_decision_catalogue(decision=MajorDecision(
                year=year, title=title.format(d=p.area.name), unit=p.rng.choice(p.departments),
                hearing=p.rng.random() < 0.3, catalogued_on=catalogued), by=p.by)
            n += 1
            on = catalogued
            for step in decision.required_steps:
                on = on + timedelta(days=p.rng.randint(10, 50))
                if on > p.today:
                    break
                services.major_decision_step_record(decision=decision, step=step, on=on, by=p.by,
                                                    note="" if step != Step.HEARING else "召开听证会")
            else:
                done_on = on + timedelta(days=p.rng.randint(1, 20))
                if done_on <= p.today:
                    services.major_decision_complete(decision=decision, on=done_on, by=p.by)
    return n


def _enforcement(p):
    files = 0
    for year in p.years:
        for month, half in ((4, "上半年"), (10, "下半年")):
            started = date(year, month, 8)
            if started > p.today:
                continue
            review = services.file_review_start(review=FileReview(
                area=p.area, title=f"{year}年{half}行政执法案卷评查", started_on=started,
                ended_on=started + timedelta(days=30) if started + timedelta(days=30) <= p.today else None), by=p.by)
            for unit in p.rng.sample(p.departments, min(6, len(p.departments))):
                for k in range(3):
                    reviewed = _day(p.rng, started, started + timedelta(days=25), p.today)
                    if reviewed is None:
                        continue
                    score = Decimal(p.rng.randint(550, 985)) / 10
                    problem = p.rng.choice(PROBLEMS) if score < 85 else ""
                    file = services.reviewed_file_record(file=ReviewedFile(
                        review=review, unit=unit, file_number=f"{unit.pk:03d}-{year}-{month:02d}{k + 1:02d}",
                        case_title=f"{p.person()}某违法行为案", score=score, reviewed_on=reviewed, problems=problem,
                        rectify_by=reviewed + timedelta(days=30) if problem else None), by=p.by)
                    files += 1
                    fixed = reviewed + timedelta(days=p.rng.randint(10, 40))
                    if problem and fixed <= p.today - timedelta(days=10):
                        services.reviewed_file_rectify(file=file, on=fixed, by=p.by)
        for quarter in range(4):
            held = _day(p.rng, date(year, quarter * 3 + 1, 5), date(year, quarter * 3 + 3, 25), p.today)
            if held:
                services.enforcement_training_record(training=EnforcementTraining(
                    area=p.area, title=f"{year}年第{quarter + 1}期行政执法人员业务培训", held_on=held,
                    attendances=p.rng.randint(60, 220)), units=p.rng.sample(p.departments, 4), by=p.by)
    for unit in p.departments:
        for k in range(p.rng.randint(3, 6)):
            services.officer_register(officer=EnforcementOfficer(
                unit=unit, name=p.person(), certificate_number=f"44{p.area.code[-2:]}{unit.pk:04d}{k:03d}",
                valid_until=p.today + timedelta(days=p.rng.randint(-120, 1500))), by=p.by)
    return files


def _counsel(p):
    from lawyers.models import LawFirm, Lawyer

    firms = list(LawFirm.objects.practising().filter(area__path__startswith=p.area.path).order_by("pk")[:12])
    lawyers = {}
    for lawyer in Lawyer.objects.practising().filter(firm__in=firms).order_by("pk"):
        lawyers.setdefault(lawyer.firm_id, []).append(lawyer)
    firms = [f for f in firms if lawyers.get(f.pk)]
    if not firms:
        return 0, 0
    clients = [u for u in p.units if u.kind in (UnitKind.GOVERNMENT, UnitKind.STREET)] + p.departments[:4]
    engagements = affairs = 0
    for year in p.years:
        started = date(year, 1, 1)
        current = []
        for unit in clients:
            firm = p.rng.choice(firms)
            engagement = services.engagement_register(engagement=CounselEngagement(
                unit=unit, firm=firm, started_on=started, ended_on=date(year, 12, 31),
                fee=Decimal(p.rng.choice([60000, 80000, 100000, 150000]) if unit.kind != UnitKind.GOVERNMENT
                            else 300000)), lawyers=p.rng.sample(lawyers[firm.pk], min(2, len(lawyers[firm.pk]))),
                by=p.by)
            engagements += 1
            current.append(engagement)
            evaluated = date(year + 1, 1, 15)
            if evaluated <= p.today:
                services.engagement_evaluate(engagement=engagement, on=evaluated, by=p.by, evaluation=p.rng.choices(
                    Evaluation.values, weights=[5, 8, 2, 0.3])[0])
        month = started
        while month <= p.today and month.year == year:
            for _n in range(p.rng.randint(5, 10)):
                handled = _day(p.rng, month, date(year, month.month, 28), p.today)
                if handled is None:
                    continue
                kind = p.rng.choices(list(AFFAIRS), weights=[40, 20, 15, 8, 5, 8, 4])[0]
                engagement = p.rng.choice(current)
                counsel = p.rng.random() < 0.6
                services.legal_affair_record(affair=LegalAffair(
                    unit=engagement.unit, kind=kind, title=p.rng.choice(AFFAIRS[kind]).format(u=engagement.unit.name),
                    handler=Handler.COUNSEL if counsel else Handler.SECTION,
                    engagement=engagement if counsel else None, handled_on=handled,
                    amount=Decimal(p.rng.randint(5, 500) * 10000) if kind == AffairKind.CONTRACT else None), by=p.by)
                affairs += 1
            month = date(year + (month.month == 12), month.month % 12 + 1, 1)
    return engagements, affairs


def _shufa(p):
    n = 0
    for year in p.years[:-1]:
        for unit in p.rng.sample(p.units, min(8, len(p.units))):
            for title in p.rng.sample(["主要负责人", "分管法治工作负责人"], p.rng.randint(1, 2)):
                on = _day(p.rng, date(year + 1, 1, 10), date(year + 1, 3, 20), p.today)
                if on:
                    services.shufa_record(report=ShufaReport(
                        unit=unit, year=year, leader_name=p.person(), leader_title=title,
                        form=p.rng.choice(ShufaForm.values), reported_on=on), by=p.by)
                    n += 1
    return n


def _assessment(p):
    rounds = []
    for year in (p.today.year - 1, p.today.year):
        round_ = services.round_create(round=AssessmentRound(area=p.area, year=year, title=""), by=p.by)
        items = []
        for name, weight, entries in FRAMEWORK:
            category = services.category_add(category=AssessmentCategory(round=round_, name=name,
                                                                         weight=Decimal(weight)), by=p.by)
            for item_name, max_score, source in entries:
                items.append(services.item_add(item=AssessmentItem(
                    category=category, name=item_name, max_score=Decimal(max_score), source=source,
                    deduction=Decimal("5") if source else Decimal("1")), by=p.by))
        units = [u for u in p.units if u.kind != UnitKind.GOVERNMENT][:10]
        services.round_units_add(round=round_, units=units, by=p.by)
        services.round_compute_sources(round=round_, by=p.by)
        scored = units if year < p.today.year else units[:3]
        for unit in scored:
            services.scores_enter(round=round_, unit=unit, by=p.by, scores={
                item: (min(item.max_score, Decimal(p.rng.randint(int(item.max_score) * 6, int(item.max_score) * 10))
                           / 10 + Decimal(p.rng.choice([0, 0, 0.5]))), "")
                for item in items if not item.source})
        closed = date(year + 1, 3, 15)
        if year < p.today.year and closed <= p.today:
            services.round_close(round=round_, on=closed, by=p.by)
        rounds.append(round_)
    return rounds


def load(stdout):
    today = timezone.localdate()
    for code in ("440303", "440311"):
        district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
        section = district and User.objects.filter(area=district, role=Role.SECTION,
                                                   section="normative_docs").first()
        if district is None or section is None or not Unit.objects.filter(area=district).exists():
            stdout.write(f"rule_of_law demo {code}: district, 法制科 account or units missing, skipped\n")
            continue
        if FileReview.objects.filter(area=district).exists():
            stdout.write(f"rule_of_law demo {district.name}: already present\n")
            continue
        p = Plan(district, section, today)
        with transaction.atomic():
            p.units += [unit_register(unit=Unit(area=district, name=name.format(d=p.short), kind=UnitKind.STATIONED),
                                      by=section) for name in STATIONED]
            decisions = _decisions(p)
            files = _enforcement(p)
            engagements, affairs = _counsel(p)
            shufa = _shufa(p)
            _assessment(p)
        stdout.write(f"rule_of_law demo {district.name}: {decisions} major decisions, {files} enforcement files "
                     f"reviewed, {engagements} counsel engagements, {affairs} legal affairs, {shufa} 述法, "
                     f"2 assessment rounds\n")


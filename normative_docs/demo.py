"""Demo 法治政府 for 罗湖区 and 光明区, from 1 January two years back to today, made through the services (their
checks, clocks and to-dos): the district's units (the government, its departments, the street offices, the
party committee's office) and an account of the role 起草承办单位 for the housing bureau (luohu_unit,
guangming_unit); normative documents through review (some returned and resubmitted), issue, filing (a few
late) and, for two older ones, assessment before expiry and expiry; other texts reviewed with their topic
tags; party documents' filing reviews; reconsiderations received, accepted or refused, some extended, decided;
lawsuits with hearings and judgments. The latest of each are still on the clock today.

Every person, company and story here is invented. The government's documents are numbered 深罗府规 / 深光府规;
深罗规 and 深光规 are left free for a walkthrough. A fixed seed per district makes the data the same on every
machine for the same day; a district that already has units is left alone, so a second run adds nothing.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from bureau.data.demo_users import DEMO_PASSWORD
from bureau.models import Area, Role, User
from bureau.workdays import add_days

from . import rol_demo, services
from .apps import UNIT
from .models import (
    Assessment,
    Decision,
    Document,
    Hearing,
    Judgment,
    Kind,
    Litigation,
    Matter,
    Reconsideration,
    Status,
    Topic,
    Unit,
    UnitKind,
    UnitMember,
)

YEARS_BACK = 2
ALL_MATERIALS = ["draft", "explanation", "basis", "consultation", "fair_competition", "deliberation"]

# district code: (username prefix, short name, court, reconsiderations a month, lawsuits a month, documents a year)
DISTRICTS = {
    "440303": ("luohu", "罗", "深圳市罗湖区人民法院", 10, 4, 12),
    "440311": ("guangming", "光", "深圳市光明区人民法院", 6, 2, 8),
}
DEPARTMENTS = ["发展和改革局", "教育局", "住房和建设局", "城市管理和综合执法局", "卫生健康局", "民政局", "应急管理局",
               "人力资源局", "政务服务数据管理局", "城市更新和土地整备局"]
ACCOUNT_UNIT = "住房和建设局"
TITLES = {
    Kind.NORMATIVE: ["{d}城市更新项目保障性住房配建管理办法", "{d}产业发展专项资金管理办法", "{d}老旧小区改造实施办法",
                     "{d}人才安居住房配租管理办法", "{d}社区股份合作公司物业租赁管理规定", "{d}养老服务补贴实施细则",
                     "{d}学位申请管理办法", "{d}户外广告设置管理办法", "{d}小散工程安全生产管理规定",
                     "{d}政府投资项目管理办法", "{d}促进商贸业发展若干措施", "{d}街道网格化管理办法"],
    Kind.WORK_PLAN: ["{d}{y}年疫情防控应急处置工作方案", "{d}安全生产大检查工作方案", "{d}优化营商环境改革工作方案",
                     "{d}城中村综合治理工作方案"],
    Kind.GUIDELINE: ["{d}行政执法全过程记录操作指引", "{d}重大行政决策程序操作指引", "{d}政府合同审查操作指引"],
    Kind.OUTGOING: ["致辖区企业的一封信", "关于做好节日期间安全防范工作的通告", "关于加强出租屋消防安全管理的通告"],
    Kind.REGULATION: ["《深圳经济特区物业管理条例（修订征求意见稿）》", "《深圳市城市更新办法（征求意见稿）》",
                      "《深圳经济特区养老服务条例（征求意见稿）》"],
    Kind.PARTY: ["中共{d}委关于加强基层党组织建设的若干措施", "中共{d}委办公室关于规范督查检查考核工作的通知"],
}
TOPICS = {
    Kind.WORK_PLAN: [Topic.EPIDEMIC, Topic.SAFETY, Topic.BUSINESS, Topic.URBAN_RENEWAL],
    Kind.GUIDELINE: [Topic.BUSINESS, Topic.OTHER],
    Kind.OUTGOING: [Topic.SAFETY, Topic.EPIDEMIC, Topic.LIVELIHOOD],
    Kind.REGULATION: [Topic.LIVELIHOOD, Topic.URBAN_RENEWAL],
    Kind.NORMATIVE: [Topic.URBAN_RENEWAL, Topic.BUSINESS, Topic.LIVELIHOOD, Topic.SAFETY, Topic.ECOLOGY, ""],
}
DECISIONS = [(Decision.UPHELD, 45), (Decision.DISMISSED, 14), (Decision.REVOKED, 8), (Decision.ILLEGAL, 6),
             (Decision.VARIED, 2), (Decision.ORDERED, 3), (Decision.VOID, 1), (Decision.MEDIATED, 6),
             (Decision.SETTLED, 5), (Decision.TERMINATED, 10)]
JUDGMENTS = [(Judgment.CLAIM_DISMISSED, 55), (Judgment.SUIT_DISMISSED, 15), (Judgment.WITHDRAWN, 15),
             (Judgment.MEDIATED, 3), (Judgment.REVOKED, 5), (Judgment.ILLEGAL, 4), (Judgment.ORDERED, 2),
             (Judgment.COMPENSATION, 1)]
MATTERS = [(Matter.PENALTY, 30), (Matter.DISCLOSURE, 20), (Matter.WORK_INJURY, 15), (Matter.INACTION, 12),
           (Matter.LICENCE, 8), (Matter.COERCION, 6), (Matter.EXPROPRIATION, 5), (Matter.OTHER, 4)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁"
COMPANIES = ["深圳市{}实业有限公司", "深圳市{}科技有限公司", "深圳市{}餐饮管理有限公司", "深圳市{}物业管理有限公司"]
WORDS = ["鸿图", "恒信", "佳和", "瑞丰", "宏达", "永盛", "华腾", "金辉", "安居", "润泽"]


def first_day(today):
    return date(today.year - YEARS_BACK, 1, 1)


def _weighted(rng, pairs):
    return rng.choices([p for p, _w in pairs], weights=[w for _p, w in pairs])[0]


def _months(first, today):
    month = first
    while month <= today:
        yield month
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)


class District:
    def __init__(self, district, plan, today, scale):
        self.area, self.today, self.scale = district, today, scale
        self.prefix, self.short, self.court, self.recons, self.lawsuits, self.documents = plan
        self.name = district.name
        self.first = first_day(today)
        self.rng = random.Random(f"normative_docs-{district.code}")
        self.section = User.objects.filter(area=district, role=Role.SECTION, section="normative_docs").first()
        self.number_prefix = f"深{self.short}府规"
        self.appeal_base = 0 if district.code == "440303" else 5000
        self.seq = {}

    def day_in(self, month):
        """A day of `month` not after today (None when the month has not begun)."""
        last = (date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1))
        latest = min(last, self.today)
        return None if latest < month else month + timedelta(days=self.rng.randint(0, (latest - month).days))

    def done(self, day):
        """The step on `day` has happened (it is not in the future)."""
        return day <= self.today

    def next_number(self, year):
        self.seq[year] = self.seq.get(year, 0) + 1
        return f"{self.number_prefix}〔{year}〕{self.seq[year]}号"

    def person(self):
        return self.rng.choice(SURNAMES) + "某"

    def company(self):
        return self.rng.choice(COMPANIES).format(self.rng.choice(WORDS))


# --- Units ----------------------------------------------------------------------------------------------------


def _units(d):
    by = d.section
    units = [services.unit_register(unit=Unit(area=d.area, name=f"{d.name}人民政府", kind=UnitKind.GOVERNMENT), by=by)]
    units += [services.unit_register(unit=Unit(area=d.area, name=f"{d.name}{name}", kind=UnitKind.DEPARTMENT), by=by)
              for name in DEPARTMENTS]
    for street in Area.objects.filter(parent=d.area, level=Area.Level.STREET).order_by("code"):
        units.append(services.unit_register(unit=Unit(area=d.area, name=f"{d.name}{street.name}办事处",
                                                      kind=UnitKind.STREET), by=by))
    units.append(services.unit_register(unit=Unit(area=d.area, name=f"中共{d.name}委办公室", kind=UnitKind.PARTY),
                                        by=by))
    return units


def _account(d, units):
    unit = next(u for u in units if u.name.endswith(ACCOUNT_UNIT))
    user, created = User.objects.get_or_create(
        username=f"{d.prefix}_unit", defaults={"name": f"{unit.name} {d.person()}", "role": UNIT, "area": d.area})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if not UnitMember.objects.filter(user=user).exists():
        services.unit_member_add(unit=unit, user=user, by=d.section)
    return user, unit


# --- Documents --------------------------------------------------------------------------------------------------


def _submit(d, unit, kind, on, by, title=None):
    rng = d.rng
    title = title or rng.choice(TITLES[kind]).format(d=d.name, y=on.year)
    return services.document_submit(document=Document(
        unit=unit, kind=kind, title=title, topic=rng.choice(TOPICS.get(kind, [""])), submitted_on=on,
        materials=ALL_MATERIALS), by=by)


def _review(d, document, on, submitter):
    """Review rounds from `on`: a third are returned once and resubmitted (by `submitter`); stops at today."""
    rng, by = d.rng, d.section
    if rng.random() < 0.33:
        returned = add_days(on, rng.randint(3, 10), "working")
        if not d.done(returned):
            return None
        services.document_review(document=document, on=returned, passed=False, by=by,
                                 opinions=rng.choice(["部分条款缺少上位法依据，请补充制定依据。",
                                                      "涉及市场主体经济活动，请补充公平竞争审查意见。",
                                                      "第三条表述与上位法不一致，请修改。"]))
        on = returned + timedelta(days=rng.randint(3, 12))
        if not d.done(on):
            return None
        services.document_resubmit(document=document, on=on, by=submitter, note="已按审查意见修改")
    passed = add_days(on, rng.randint(2, 12), "working")
    if not d.done(passed):
        return None
    services.document_review(document=document, on=passed, passed=True, opinions="经审查，同意印发。", by=by)
    return passed


def _normative(d, unit, on, submitter):
    rng, by = d.rng, d.section
    document = _submit(d, unit, Kind.NORMATIVE, on, submitter)
    passed = _review(d, document, on, submitter)
    if passed is None:
        return document
    issued = passed + timedelta(days=rng.randint(4, 20))
    if not d.done(issued):
        return document
    services.document_issue(document=document, number=d.next_number(issued.year), issued_on=issued, by=by)
    filed = issued + timedelta(days=rng.choice([3, 5, 7, 9, 10, 12, 14, 20]))
    if d.done(filed):
        services.document_file(document=document, filed_on=filed, filing_number=f"深备{filed.year}-{document.pk:04d}",
                               by=by)
    return document


def _legacy(d, unit, account):
    """Two documents issued five years ago: one whose validity ended (expired), one ending within months (its
    assessment to-do open now)."""
    by, out = d.section, []
    for issued, number in [(d.today - timedelta(days=5 * 365 + 200), 20),
                           (d.today - timedelta(days=5 * 365 - 90), 21)]:
        on = issued - timedelta(days=30)
        title = f"{d.name}社区股份合作公司集体资产管理办法" if number == 20 else f"{d.name}住房租赁市场管理办法"
        document = _submit(d, unit, Kind.NORMATIVE, on, by, title=title)
        services.document_review(document=document, on=on + timedelta(days=10), passed=True, opinions="同意印发。",
                                 by=by)
        services.document_issue(document=document, number=f"{d.number_prefix}〔{issued.year}〕{number}号",
                                issued_on=issued, by=by)
        services.document_file(document=document, filed_on=issued + timedelta(days=7), by=by)
        document.refresh_from_db()
        if document.valid_until < d.today:
            assessed = document.valid_until - timedelta(days=120)
            services.document_assess(document=document, on=assessed, conclusion=Assessment.REPEAL, by=by)
            services.document_close(document=document, outcome=Status.EXPIRED,
                                    on=document.valid_until + timedelta(days=1), by=by)
        out.append(document)
    return out


def _documents(d, units, account_user, account_unit):
    rng, rows = d.rng, []
    departments = [u for u in units if u.kind in (UnitKind.DEPARTMENT, UnitKind.STREET, UnitKind.GOVERNMENT)]
    party = next(u for u in units if u.kind == UnitKind.PARTY)
    for month in _months(d.first, d.today):
        if rng.random() < d.documents / 12 * d.scale or month.month == d.today.month and month.year == d.today.year:
            on = d.day_in(month)
            unit = account_unit if rng.random() < 0.25 else rng.choice(departments)
            rows.append(_normative(d, unit, on, account_user if unit == account_unit else d.section))
        for _n in range(max(1, round(rng.randint(1, 4) * d.scale))):
            on = d.day_in(month)
            kind = _weighted(rng, [(Kind.WORK_PLAN, 4), (Kind.GUIDELINE, 2), (Kind.OUTGOING, 3), (Kind.REGULATION, 2)])
            document = _submit(d, rng.choice(departments), kind, on, d.section)
            passed = add_days(on, rng.randint(1, 5), "working")
            if d.done(passed):
                services.document_review(document=document, on=passed, passed=True, by=d.section,
                                         opinions="经审查，无合法性问题。")
            rows.append(document)
        if month.month in (3, 6, 9, 12):
            on = d.day_in(month)
            document = _submit(d, party, Kind.PARTY, on, d.section)
            passed = add_days(on, rng.randint(3, 10), "working")
            if d.done(passed):
                services.document_review(document=document, on=passed, passed=True, opinions="备案审查通过。",
                                         by=d.section)
            rows.append(document)
    # A draft the unit sent in the last days, its review clock running now.
    rows.append(_submit(d, account_unit, Kind.NORMATIVE, d.today - timedelta(days=rng.randint(0, 2)), account_user,
                        title=f"{d.name}保障性租赁住房管理办法"))
    return rows


# --- Reconsideration and litigation --------------------------------------------------------------------------


def _reconsiderations(d, units):
    rng, by, rows = d.rng, d.section, []
    respondents = [u for u in units if u.kind in (UnitKind.DEPARTMENT, UnitKind.STREET)]
    # The span starts with cases received late in the year before it, so the first year has a carry-over.
    before = [date(d.first.year - 1, 11, 1), date(d.first.year - 1, 12, 1)]
    for month in [*before, *_months(d.first, d.today)]:
        for _n in range(max(1, round(rng.randint(d.recons - 3, d.recons + 3) * d.scale))):
            received = d.day_in(month)
            unit = rng.choice(respondents)
            case = services.reconsideration_receive(case=Reconsideration(
                area=d.area, applicant=d.person() if rng.random() < 0.7 else d.company(), respondent=unit.name,
                respondent_unit=unit, matter=_weighted(rng, MATTERS),
                channel=_weighted(rng, [("window", 55), ("post", 15), ("online", 25), ("transferred", 5)]),
                received_on=received, summary="请求撤销被申请人作出的行政行为。"), by=by)
            rows.append(case)
            decided_on_accept = add_days(received, rng.randint(1, 5), "working")
            if not d.done(decided_on_accept):
                continue
            if rng.random() < 0.1:
                services.reconsideration_refuse(case=case, on=decided_on_accept, by=by,
                                                reason=rng.choice(["超过法定申请期限", "不属于行政复议范围"]))
                continue
            simple = rng.random() < 0.2
            services.reconsideration_accept(case=case, on=decided_on_accept, simple_procedure=simple, by=by)
            length = rng.randint(15, 28) if simple else rng.randint(20, 85)
            decided = decided_on_accept + timedelta(days=length)
            if decided > case.decision_due_on:
                extended = case.decision_due_on - timedelta(days=rng.randint(1, 8))
                if not d.done(extended):
                    continue
                services.reconsideration_extend(case=case, on=extended, reason="案情复杂，经负责人批准延期", by=by)
            if d.done(decided):
                services.reconsideration_decide(case=case, on=decided, decision=_weighted(rng, DECISIONS), by=by)
    return rows


def _lawsuits(d, units):
    rng, by, rows = d.rng, d.section, []
    defendants = [u for u in units if u.kind in (UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.STREET)]
    number = {}
    for month in _months(d.first, d.today):
        for _n in range(max(1, round(rng.randint(d.lawsuits - 1, d.lawsuits + 1) * d.scale))):
            received = d.day_in(month)
            second = rng.random() < 0.15
            key = (received.year, second)
            number[key] = number.get(key, 0) + 1
            # The intermediate court numbers both districts' appeals: each district draws from its own block.
            case_number = (f"（{received.year}）粤03行终{d.appeal_base + number[key]}号" if second
                           else f"（{received.year}）粤{d.area.code[2:]}行初{number[key]}号")
            unit = rng.choice(defendants)
            case = services.litigation_register(case=Litigation(
                area=d.area, case_number=case_number, court="深圳市中级人民法院" if second else d.court,
                instance="second" if second else "first", plaintiff=d.person() if rng.random() < 0.6 else d.company(),
                defendant=unit.name, defendant_unit=unit, matter=_weighted(rng, MATTERS), received_on=received),
                by=by)
            rows.append(case)
            held = received + timedelta(days=rng.randint(25, 80))
            if not d.done(held):
                continue
            head = rng.random() < 0.85
            services.hearing_record(hearing=Hearing(case=case, held_on=held, head_appeared=head,
                                                    head_name=d.person() if head else "",
                                                    head_title="副局长" if head else ""), by=by)
            concluded = held + timedelta(days=rng.randint(15, 70))
            if d.done(concluded):
                services.litigation_conclude(case=case, on=concluded, judgment=_weighted(rng, JUDGMENTS), by=by)
    return rows


def load(stdout, scale=1.0):
    """Create the demo 法治政府 of each demo district that has none yet. `scale` shrinks the volumes (tests)."""
    today = timezone.localdate()
    for code, plan in DISTRICTS.items():
        district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
        if district is None:
            stdout.write(f"normative_docs demo {code}: area missing, skipped (run load_reference_data)\n")
            continue
        if Unit.objects.in_area(district).exists():
            stdout.write(f"normative_docs demo {district.name}: units already present\n")
            continue
        d = District(district, plan, today, scale)
        if d.section is None:
            stdout.write(f"normative_docs demo {district.name}: no 法制科 account, skipped\n")
            continue
        with transaction.atomic():
            units = _units(d)
            user, unit = _account(d, units)
            documents = _legacy(d, unit, user) + _documents(d, units, user, unit)
            recons = _reconsiderations(d, units)
            lawsuits = _lawsuits(d, units)
        stdout.write(f"normative_docs demo {district.name}: {len(units)} units, {len(documents)} texts reviewed "
                     f"or under review, {len(recons)} reconsiderations, {len(lawsuits)} lawsuits; "
                     f"account {user.username}\n")
    rol_demo.load(stdout)  # major decisions, enforcement supervision, counsel, 述法, the assessment

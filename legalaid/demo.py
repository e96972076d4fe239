"""Demo legal aid for 罗湖区 and 光明区: a year of applications and notices, consultations and quality records.

Every person, company and story here is invented; ID numbers are well-formed (GB 11643 check digit, a
region code valid for the birth year) so that pages and validations behave as with real data.

The cases follow the rules the services enforce — the transition map, the statutory clocks (from the
ClockRule rows, on the State Council calendar), assignment only after the decision and only to eligible
lawyers of the district, every move a CaseStep — but they are written with bulk_create, so a year of two
districts takes a few seconds. A fixed seed per district makes the data the same on every machine; a
district that already has cases (consultations, experts) is left alone, so a second run adds nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from django.db import transaction
from django.utils import timezone, translation
from stdnum.cn import ric

from bureau.models import Area, Function, Role, User
from bureau.workdays import DayKind, WorkingCalendar
from lawyers.models import Lawyer, Specialty

from .assignment import MIN_YEARS_FOR_LIFE_OR_DEATH, SPECIALTY_WEIGHT, Suggestion
from .data import ensure_clock_rules
from .models import (
    CATEGORY_SPECIALTY,
    Case,
    CaseStep,
    ClockRule,
    Complaint,
    Consultation,
    Decision,
    ExemptionGround,
    Expert,
    FileEvaluation,
    FollowUp,
    HearingEvaluation,
    MatterKind,
    Objection,
    Outcome,
    Recipient,
    RecipientGroup,
    Source,
    Status,
    TerminationGround,
)
from .models import Category as C
from .services import case_numbers_next, experts_draw

FIRST_DAY = date(2025, 12, 1)
LAST_DAY = date(2026, 11, 22)  # the demo's "today"; on a later day the data simply ends here
BATCH = 1000

G = RecipientGroup


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    short: str
    cases: int  # applications and notices in a full year at scale 1
    consultation_person_times: int
    labour_weight: int  # 光明's factories bring more wage cases
    local_share: float  # applicants with a Shenzhen ID number
    local_regions: tuple  # most likely first
    court: str
    procuratorate: str
    police: str
    companies: tuple  # invented trade names
    trades: tuple


DISTRICTS = [
    DistrictPlan(
        "440303", "罗湖", 420, 3600, 38, 0.45, ("440303", "440304", "440301", "440300"),
        "深圳市罗湖区人民法院", "深圳市罗湖区人民检察院", "深圳市公安局罗湖分局",
        ("水贝金辉", "东门鸿利", "笋岗华联", "翠竹恒昌", "黄贝德信", "莲塘永安", "清水河顺达", "桂园嘉盛",
         "东晓宏发", "湖贝泰和", "布心金源", "南湖新宇"),
        ("珠宝首饰", "餐饮管理", "物业管理", "物流", "装饰工程", "保安服务", "家政服务", "商贸", "建筑劳务"),
    ),
    DistrictPlan(
        "440311", "光明", 360, 3200, 50, 0.3, ("440311", "440306", "440321", "440301", "440300"),
        "深圳市光明区人民法院", "深圳市光明区人民检察院", "深圳市公安局光明分局",
        ("楼村宏达", "公明富源", "玉塘精工", "马田鑫科", "凤凰立诚", "新湖华兴", "茅洲河明盛", "塘尾永利",
         "甲子塘联创", "圳美恒通", "迳口兴隆", "将石瑞丰"),
        ("电子科技", "塑胶制品", "精密模具", "五金制品", "建筑劳务", "包装材料", "物流", "服装", "家具"),
    ),
]

# Birthplaces of the many who came to work in Shenzhen (codes python-stdnum knows; each is used only for
# birth years in which it was assigned).
MIGRANT_REGIONS = (
    "430522", "430524", "430626", "431021", "431022", "431124", "431126", "360730", "360731", "360732",
    "360781", "450921", "450923", "452522", "452523", "510121", "513021", "510623", "412725", "412727",
    "411326", "420102", "421122", "421126", "441424", "441422", "440823", "440881", "440981", "445222",
    "445281", "522121", "612522", "433130", "350583", "410102",
)
SURNAMES = ("陈陈陈李李李黄黄黄张张张王王王刘刘林林吴吴杨杨周郑梁梁谢罗何赖叶钟邓曾彭许蔡徐朱胡郭潘肖苏卢冯袁"
            "廖温丘方江谭余戴孙马高唐韩邹傅熊魏程石龙范莫覃韦蒋田严")
MALE = "伟强军勇杰涛斌明超辉刚平建国华文志海波鹏飞龙俊浩宇峰林东成宏亮武忠永金德贵福生"
FEMALE = "丽芳燕玲婷秀敏静霞红娟琴梅兰英凤珍慧颖雪莉萍艳洁淑佳欣怡晓月春桂美玉"
EXPERT_TITLES = [
    "深圳大学法学院教授", "深圳大学法学院副教授", "中山大学法学院副教授", "南方科技大学法学院讲师",
    "退休法官", "退休检察官", "区人大代表", "区政协委员", "市律师协会法律援助专业委员会委员",
    "律师事务所高级合伙人", "区法学会理事", "市中级人民法院退休审判员", "区信访局法律顾问",
    "社区法律顾问", "公证员",
]
OFFENCES = ["盗窃罪", "诈骗罪", "故意伤害罪", "危险驾驶罪", "帮助信息网络犯罪活动罪", "贩卖毒品罪", "抢劫罪",
            "寻衅滋事罪", "开设赌场罪", "掩饰、隐瞒犯罪所得罪", "非法吸收公众存款罪", "容留他人吸毒罪"]
GRAVE_OFFENCES = ["故意杀人罪", "贩卖毒品罪（数量巨大）", "抢劫罪（致人死亡）", "绑架罪"]
INJURIES = [("工伤", "在工作中受伤，用人单位未参加工伤保险，拒绝赔偿"), ("交通事故", "遭遇交通事故受伤，肇事方拒绝赔偿"),
            ("医疗事故", "在医疗机构诊疗过程中受到损害"), ("食品药品", "食用不合格食品后入院治疗")]
GRANT_REASONS = {
    "": "经审查，申请人经济困难，申请事项属于法律援助事项范围，符合法律援助条件。",
    ExemptionGround.MIGRANT_WAGES: "申请人系进城务工人员请求支付劳动报酬或者工伤赔偿，免予核查经济困难状况（法律援助法第四十二条第三项）。",
    ExemptionGround.SPECIAL_GROUP: "申请人系无固定生活来源的特定群体，免予核查经济困难状况（法律援助法第四十二条第一项）。",
    ExemptionGround.ASSISTANCE: "申请人系社会救助、优抚对象，免予核查经济困难状况（法律援助法第四十二条第二项）。",
    ExemptionGround.ABUSE: "申请人系家庭暴力受害人主张相关权益，不受经济困难条件限制（法律援助法第三十二条第三项）。",
    ExemptionGround.RETRIAL_ACQUITTAL: "申请人再审改判无罪请求国家赔偿，不受经济困难条件限制（法律援助法第三十二条第二项）。",
    ExemptionGround.GOOD_SAMARITAN: "申请人因见义勇为行为主张相关民事权益，不受经济困难条件限制（法律援助法第三十二条第四项）。",
}
REFUSAL_REASONS = [
    "经核查，申请人家庭人均月收入超过本市法律援助经济困难标准，不符合法律援助条件（法律援助法第三十四条）。",
    "申请事项不属于法律援助法第三十一条规定的法律援助事项范围。",
    "申请人名下有多套房产及车辆，经济状况不符合法律援助条件。",
    "经告知补充材料后，申请人仍未能提供经济困难状况说明及相关证明，且不属于免予核查情形。",
    "同一事项已于上年度获得法律援助并已结案，申请人再次申请无正当理由。",
]
OBJECTION_REASONS = [
    "申请人提交了街道出具的最低生活保障证明，认为其经济状况符合法律援助条件。",
    "申请人认为其请求支付劳动报酬的事项属于法律援助范围，不予援助决定适用法律错误。",
    "申请人称其名下房产已于去年出售，家庭收入核查有误。",
]
MATERIAL_NOTES = [
    "请补充提交经济困难状况说明表及劳动合同或工资流水。",
    "请补充提交身份证明及与受援人的关系证明。",
    "请补充提交工伤认定书及医疗费用票据。",
    "请补充提交法院受理通知书或仲裁委员会受理通知书。",
]
OVERRIDE_REASONS = [
    "建议律师近期在外地开庭，无法及时会见受援人。",
    "受援人系听力言语残疾人，指派熟悉手语的律师。",
    "建议律师与对方当事人存在利益冲突，申请回避。",
    "受援人此前相关案件由该律师承办，熟悉案情。",
    "案件涉及外省籍务工人员方言沟通，指派同乡籍律师。",
]
TERMINATION_NOTES = {
    TerminationGround.OTHER_COUNSEL: "受援人自行委托律师，申请终止法律援助。",
    TerminationGround.CASE_ENDED: "公安机关撤销案件，法律援助终止。",
    TerminationGround.WITHDRAWN: "双方自行和解，受援人申请终止法律援助。",
    TerminationGround.ECONOMIC_CHANGE: "受援人已获得用人单位支付的款项，经济状况发生变化。",
    TerminationGround.FALSE_MATERIAL: "经核查，受援人隐瞒了已与对方签订和解协议的事实。",
}
CONSULTATION_NOTES = {
    Specialty.LABOUR: ["公司拖欠工资如何申请劳动仲裁", "被辞退能否要求经济补偿", "未签劳动合同的双倍工资",
                       "加班费如何计算", "工厂搬迁是否应支付补偿"],
    Specialty.FAMILY: ["离婚后抚养费标准", "子女不支付赡养费怎么办", "遭受家庭暴力如何申请保护令", "遗产继承份额"],
    Specialty.CONTRACT: ["借款不还如何起诉", "租房押金不退", "装修合同纠纷", "网购退款纠纷"],
    Specialty.PERSONAL_INJURY: ["被狗咬伤的赔偿", "工作中受伤如何申请工伤认定", "人身损害赔偿标准"],
    Specialty.TRAFFIC: ["交通事故对方全责不赔偿", "电动车事故责任认定", "交强险理赔"],
    Specialty.PROPERTY: ["城中村房屋买卖效力", "物业费纠纷", "房屋漏水邻里纠纷"],
    Specialty.SOCIAL_SECURITY: ["单位未缴社保如何投诉", "低保申请条件", "养老保险转移接续"],
    Specialty.CRIMINAL: ["家属被刑事拘留后如何申请法律援助", "取保候审条件", "被骗后如何报案"],
    Specialty.MEDICAL: ["医疗纠纷如何鉴定", "医院拒绝提供病历"],
    Specialty.ADMINISTRATIVE: ["行政处罚不服如何复议", "征收补偿标准"],
    Specialty.CORPORATE: ["个体户经营纠纷", "股东出资纠纷"],
    Specialty.ENVIRONMENT: ["工厂噪音扰民", "施工粉尘污染"],
}
COMPLAINTS = [
    ("律师接受指派后半个多月未与受援人联系。", Complaint.Finding.SUBSTANTIATED,
     "约谈承办律师，责令其立即会见受援人并书面说明情况；记入律师法律援助工作档案。"),
    ("律师未及时告知开庭时间和案件进展。", Complaint.Finding.PARTLY,
     "经调查，律师已电话告知但未留存记录，要求其此后书面告知并留档。"),
    ("受援人认为律师庭审中未提出其要求的证据。", Complaint.Finding.UNSUBSTANTIATED,
     "经调阅庭审笔录，律师已提交相关证据，投诉不属实，已向投诉人解释。"),
    ("律师向受援人收取交通费用。", Complaint.Finding.SUBSTANTIATED,
     "责令律师退还所收费用，通报律师事务所，移送律师工作科依法处理。"),
    ("受援人认为律师调解时未充分维护其利益。", Complaint.Finding.UNSUBSTANTIATED,
     "调解协议系受援人自愿签订，律师履职无不当，已向投诉人说明。"),
    ("律师会见次数少，受援人对案件情况不了解。", Complaint.Finding.PARTLY,
     "要求律师增加与受援人沟通，科室跟踪回访。"),
]


# --- small helpers ----------------------------------------------------------------------------------------


def _weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


@lru_cache(maxsize=None)
def _region_valid(region, year):
    body = f"{region}{year}0615123"
    return ric.is_valid(body + ric.calc_check_digit(body + "0"))


def resident_id(rng, regions, born, female):
    """A GB 11643 number with a correct check digit and a region code valid in the birth year (the first
    valid region is preferred)."""
    valid = [r for r in regions if _region_valid(r, born.year)] or [r for r in MIGRANT_REGIONS
                                                                     if _region_valid(r, born.year)]
    region = valid[0] if rng.random() < 0.6 else rng.choice(valid)
    sequence = f"{rng.randint(0, 99):02d}{rng.choice('02468' if female else '13579')}"
    body = f"{region}{born:%Y%m%d}{sequence}"
    return body + ric.calc_check_digit(body + "0")


def _date_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _age(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _money(value):
    return Decimal(int(value) // 100 * 100).quantize(Decimal("0.01"))


def _years_ago(on, years):
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _aware(day, minutes):
    return timezone.make_aware(datetime.combine(day, time(8, 30)) + timedelta(minutes=minutes))


@dataclass
class Person:
    name: str
    id_number: str
    is_female: bool
    birth_date: date
    phone: str
    groups: list = field(default_factory=list)

    def recipient(self):
        return Recipient(name=self.name, id_number=self.id_number, is_female=self.is_female,
                         birth_date=self.birth_date, groups=list(dict.fromkeys(self.groups)), phone=self.phone)


@dataclass
class Extra:
    """What a case went through that its row does not keep (for the timeline)."""

    recipients: list = field(default_factory=list)
    supplied_on: date | None = None
    refused_on: date | None = None
    refusal_reasons: str = ""
    objection: Objection | None = None
    terminate_stage: str = ""
    termination_note: str = ""
    close_days: int = 90
    group_case: bool = False
    assign_note: str = ""
    objection_reasons: str = ""


class World:
    """One district's generator: its places, people, clocks and random stream."""

    def __init__(self, plan, district, scale, end, calendar, rules):
        self.plan, self.district, self.scale, self.end = plan, district, scale, end
        self.cal, self.rules = calendar, rules
        self.rng = random.Random(20261122 + int(plan.code))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.street_weights = [self.rng.uniform(0.6, 1.6) for _street in self.streets]
        self.section = (User.objects.filter(role=Role.SECTION, section=Function.LEGALAID, area=district)
                        .order_by("username").first())
        self.clerks = {u.area_id: u for u in User.objects.filter(role=Role.STREET, area__in=self.streets)
                       .order_by("-username")}

    # people

    def name(self, female):
        rng = self.rng
        chars = FEMALE if female else MALE
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
        return rng.choice(SURNAMES) + given

    def person(self, born_from, born_to, *, female=None, local=None, groups=()):
        rng = self.rng
        female = rng.random() < 0.4 if female is None else female
        local = rng.random() < self.plan.local_share if local is None else local
        born = _date_between(rng, date(born_from, 1, 1), date(born_to, 12, 28))
        regions = self.plan.local_regions if local else rng.sample(MIGRANT_REGIONS, 4)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}0000{rng.randint(0, 9999):04d}"
        person = Person(self.name(female), resident_id(rng, regions, born, female), female, born, phone,
                        list(groups))
        age = _age(born, self.end)
        if age >= 60:
            person.groups.append(G.ELDERLY)
        if age < 18:
            person.groups.append(G.MINOR)
        return person

    def company(self):
        return f"深圳市{self.rng.choice(self.plan.companies)}{self.rng.choice(self.plan.trades)}有限公司"

    def street(self):
        return self.rng.choices(self.streets, self.street_weights)[0]

    # clocks

    def due(self, code, start):
        """The clock exactly as ClockRule.due_on computes it, from one calendar for the whole span."""
        rule = self.rules[code]
        if rule.day_kind == DayKind.WORKING:
            return self.cal.add_working_days(start, rule.days)
        return start + timedelta(days=rule.days)

    def working_days_until(self, start, due):
        """The working days after `start` up to `due` (or `due` itself if none)."""
        days = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
        return [d for d in days if self.cal.is_working_day(d)] or [due]

    def next_working_day(self, day):
        while not self.cal.is_working_day(day):
            day += timedelta(days=1)
        return day


# --- cases ------------------------------------------------------------------------------------------------


def _received_dates(w, count):
    days = [FIRST_DAY + timedelta(days=i) for i in range((w.end - FIRST_DAY).days + 1)]
    month_factor = {12: 1.25, 1: 1.3, 2: 0.8}
    weights = [(1.0 if w.cal.is_working_day(d) else 0.06) * month_factor.get(d.month, 1.0) for d in days]
    return sorted(w.rng.choices(days, weights, k=count))


def _application(w, case, x):
    """Category, matter, people and story of an application (window, 12348, online)."""
    rng, plan = w.rng, w.plan
    category = _weighted(rng, [
        (C.LABOUR, plan.labour_weight), (C.INJURY, 12), (C.MAINTENANCE, 8), (C.SOCIAL_SECURITY, 4),
        (C.PENSION, 1), (C.CAPACITY, 2), (C.STATE_COMPENSATION, 1), (C.ENVIRONMENT, 1), (C.OTHER, 7),
        (C.CRIMINAL_DEFENCE, 10), (C.VICTIM_AGENCY, 8),
    ])
    case.category = category
    kinds = {
        C.LABOUR: [(MatterKind.CIVIL, 55), (MatterKind.NON_LITIGATION, 45)],
        C.INJURY: [(MatterKind.CIVIL, 85), (MatterKind.NON_LITIGATION, 15)],
        C.SOCIAL_SECURITY: [(MatterKind.ADMINISTRATIVE, 50), (MatterKind.NON_LITIGATION, 50)],
        C.PENSION: [(MatterKind.ADMINISTRATIVE, 1)],
        C.STATE_COMPENSATION: [(MatterKind.STATE_COMPENSATION, 1)],
        C.OTHER: [(MatterKind.CIVIL, 70), (MatterKind.NON_LITIGATION, 30)],
        C.CRIMINAL_DEFENCE: [(MatterKind.CRIMINAL, 1)],
        C.VICTIM_AGENCY: [(MatterKind.CRIMINAL, 1)],
    }
    case.matter_kind = _weighted(rng, kinds.get(category, [(MatterKind.CIVIL, 1)]))
    applicant, people, ground, summary = None, [], "", ""
    year = case.received_on.year

    if category == C.LABOUR:
        company = w.company()
        if case.source == Source.WINDOW and rng.random() < 0.09:
            n = rng.randint(5, 30)
            people = [w.person(1966, 2004, female=rng.random() < 0.3, local=False, groups=[G.MIGRANT_WORKER])
                      for _i in range(n)]
            applicant, x.group_case = people[0], True
            owed = n * rng.randint(8, 25) * 1000
            summary = (f"{n}名农民工在{company}{rng.choice(['工地', '厂区', '项目'])}务工，"
                       f"公司拖欠{rng.randint(2, 6)}个月工资共计{owed}元，负责人失联。申请人为推选的代表人。")
            ground = ExemptionGround.MIGRANT_WAGES
        else:
            migrant = rng.random() < 0.8
            applicant = w.person(1962, 2004, local=not migrant, groups=[G.MIGRANT_WORKER] if migrant else [])
            if applicant.is_female and rng.random() < 0.2:
                applicant.groups.append(G.WOMEN)
            if rng.random() < 0.02:
                applicant.groups.append(G.DISABLED)
            if rng.random() < 0.01:
                applicant.groups.append(G.MILITARY)
            people = [applicant]
            ground = ExemptionGround.MIGRANT_WAGES if migrant else ""
            summary = rng.choice([
                f"申请人在{company}工作，公司拖欠{rng.randint(1, 5)}个月工资共计{rng.randint(8, 60) * 1000}元。",
                f"申请人在{company}工作{rng.randint(1, 9)}年，公司未签订书面劳动合同即口头辞退，拒不支付经济补偿。",
                f"申请人在{company}工作期间长期加班，公司未支付加班费并拒绝出具工资流水。",
                f"{company}搬迁停产，未依法支付申请人工资和经济补偿金。",
            ])
    elif category == C.INJURY:
        kind, story = rng.choice(INJURIES)
        migrant = kind == "工伤" and rng.random() < 0.7
        applicant = w.person(1958, 2003, local=not migrant, groups=[G.MIGRANT_WORKER] if migrant else [])
        if rng.random() < 0.08:
            applicant.groups.append(G.DISABLED)
        people = [applicant]
        ground = ExemptionGround.MIGRANT_WAGES if migrant else ""
        where = f"在{w.company()}" if kind == "工伤" else ""
        summary = f"申请人{where}{story}（{kind}），伤情经鉴定为{rng.choice(['九', '十', '八', '七'])}级伤残。"
    elif category == C.MAINTENANCE:
        sub = _weighted(rng, [("抚养费", 50), ("赡养费", 35), ("扶养费", 15)])
        if sub == "抚养费":
            applicant = w.person(1982, 1998, female=rng.random() < 0.85, local=rng.random() < 0.6)
            child = w.person(max(2009, year - 16), year - 2, local=True)
            people = [child]
            summary = "申请人与前配偶离婚后独自抚养子女，对方拒不支付抚养费，请求支付抚养费。"
            ground = ExemptionGround.SPECIAL_GROUP if rng.random() < 0.3 else ""
            if applicant.is_female:
                applicant.groups.append(G.WOMEN)
        elif sub == "赡养费":
            applicant = w.person(1938, 1962, local=rng.random() < 0.5)
            people = [applicant]
            summary = f"申请人年老体弱，无固定收入，{rng.randint(2, 5)}名子女均拒绝履行赡养义务。"
            ground = ExemptionGround.SPECIAL_GROUP if rng.random() < 0.6 else ""
        else:
            applicant = w.person(1965, 1995, female=True)
            applicant.groups.append(G.WOMEN)
            people = [applicant]
            abuse = rng.random() < 0.4
            summary = ("申请人长期遭受配偶家庭暴力，请求离婚并主张扶养费。" if abuse
                       else "申请人因病丧失劳动能力，配偶拒绝履行扶养义务。")
            ground = ExemptionGround.ABUSE if abuse else ""
    elif category in (C.SOCIAL_SECURITY, C.PENSION):
        military = category == C.PENSION or rng.random() < 0.05
        applicant = w.person(1945, 1990, groups=[G.MILITARY] if military else [])
        if rng.random() < 0.3:
            applicant.groups.append(G.DISABLED)
        people = [applicant]
        ground = ExemptionGround.ASSISTANCE if military or rng.random() < 0.4 else ""
        summary = ("申请人系烈士遗属，请求退役军人事务部门依法发给抚恤金。" if category == C.PENSION
                   else rng.choice(["用人单位未为申请人缴纳社会保险，申请人退休后无法领取养老金。",
                                    "申请人申请最低生活保障被拒，请求依法给予社会救助。",
                                    "申请人因用人单位欠缴工伤保险费，社保机构拒绝支付工伤保险待遇。"]))
    elif category == C.CAPACITY:
        applicant = w.person(1965, 1990)
        ward = w.person(1940, 1990, local=True, groups=[G.DISABLED])
        people = [ward]
        summary = f"被申请人{ward.name}患精神疾病多年，申请人系其近亲属，请求认定其为无民事行为能力人并指定监护人。"
    elif category == C.STATE_COMPENSATION:
        applicant = w.person(1960, 1990)
        people = [applicant]
        acquitted = rng.random() < 0.5
        ground = ExemptionGround.RETRIAL_ACQUITTAL if acquitted else ""
        summary = ("申请人经再审改判无罪，请求依法给予国家赔偿。" if acquitted
                   else "申请人被违法采取限制人身自由的行政强制措施，请求国家赔偿。")
    elif category == C.ENVIRONMENT:
        applicant = w.person(1950, 1985, local=True)
        people = [applicant]
        summary = f"{w.company()}长期排放废水废气，造成申请人种植的果树死亡、身体受到损害。"
    elif category == C.OTHER:
        applicant = w.person(1955, 2000)
        people = [applicant]
        samaritan = rng.random() < 0.1
        ground = ExemptionGround.GOOD_SAMARITAN if samaritan else ""
        summary = ("申请人制止抢夺时受伤，请求受益人及侵权人赔偿损失。" if samaritan
                   else rng.choice(["申请人购买的房屋存在严重质量问题，开发商拒绝维修。",
                                    "申请人被他人借款后拒不归还，请求返还借款。",
                                    "申请人租住的房屋被房东强行收回，押金不予退还。"]))
    elif category == C.CRIMINAL_DEFENCE:
        accused = w.person(1970, 2006, female=rng.random() < 0.15)
        relative = rng.random() < 0.6
        applicant = w.person(1955, 1990, local=accused.id_number[:4] == "4403") if relative else accused
        people = [accused]
        summary = (f"{'申请人之亲属' if relative else '申请人'}{accused.name}因涉嫌{rng.choice(OFFENCES)}被刑事拘留，"
                   f"因经济困难无力委托辩护人，申请法律援助。")
    else:  # C.VICTIM_AGENCY
        victim = w.person(max(1950, year - 70), year - 12, female=rng.random() < 0.55)
        if victim.is_female:
            victim.groups.append(G.WOMEN)
        applicant = w.person(1965, 1990) if _age(victim.birth_date, case.received_on) < 18 else victim
        people = [victim]
        summary = f"被害人{victim.name}遭受{rng.choice(['故意伤害', '强奸', '诈骗', '抢劫'])}，申请法律援助作为刑事附带民事诉讼代理人。"

    case.applicant_name = applicant.name
    case.applicant_id_number = applicant.id_number
    case.applicant_phone = applicant.phone
    case.exemption_ground = ground
    case.summary = summary
    x.recipients = people


def _notice(w, case, x):
    """A notice from police, procuratorate or court (通知辩护 / 通知代理)."""
    rng, plan = w.rng, w.plan
    case.matter_kind = MatterKind.CRIMINAL
    case.category = C.NOTIFIED_DEFENCE
    if case.source == Source.NOTICE_AGENCY:
        person = w.person(1960, 2000, local=rng.random() < 0.5, groups=[G.DISABLED])
        case.notifying_authority = plan.court
        case.summary = f"{plan.court}通知：强制医疗案件被申请人{person.name}没有委托诉讼代理人，通知指派律师为其提供法律帮助。"
    else:
        grave = rng.random() < 0.04
        reason = _weighted(rng, [("minor", 10), ("disabled", 3), ("elderly", 1), ("general", 86)])
        if grave:
            reason = "life_or_death"
        year = case.received_on.year
        if reason == "minor":
            person = w.person(year - 17, year - 15)
        elif reason == "elderly":
            person = w.person(1945, 1950)
        else:
            person = w.person(1965, year - 19, female=rng.random() < 0.12)
        if reason == "disabled":
            person.groups.append(G.DISABLED)
        case.max_penalty_life_or_death = grave
        if grave:
            authority = plan.police
        else:
            authority = _weighted(rng, [(plan.court, 55), (plan.procuratorate, 25), (plan.police, 20)])
        case.notifying_authority = authority
        role = "被告人" if authority == plan.court else "犯罪嫌疑人"
        why = {"minor": "系未成年人", "disabled": "系视力残疾人", "elderly": "系年满七十五周岁的老年人",
               "life_or_death": "可能被判处无期徒刑、死刑", "general": "没有委托辩护人"}[reason]
        offence = rng.choice(GRAVE_OFFENCES if grave else OFFENCES)
        case.summary = f"{authority}通知：{role}{person.name}涉嫌{offence}，{why}，通知指派律师担任辩护人。"
    if rng.random() < 0.15:
        person.id_number = None  # the notice gave no ID number
    case.applicant_name = person.name
    case.applicant_id_number = person.id_number
    case.applicant_phone = ""
    x.recipients = [person]


def _close_days(w, case, x):
    rng = w.rng
    if case.matter_kind == MatterKind.CRIMINAL:
        return rng.randint(30, 150)
    if case.matter_kind == MatterKind.NON_LITIGATION:
        return rng.randint(30, 120)
    return rng.randint(60, 240)


def _lifecycle(w, case, x):
    """Move the case along the transition map as far as the dates reach (nothing after the end date)."""
    rng, end, r = w.rng, w.end, case.received_on
    if case.is_notice:
        case.status, case.decision, case.decided_on = Status.GRANTED, Decision.GRANTED, r
        case.assignment_due_on = w.due(ClockRule.Code.NOTICE_ASSIGNMENT, r)
        _after_grant(w, case, x)
        return
    case.status, case.complete_on = Status.RECEIVED, r
    case.decision_due_on = w.due(ClockRule.Code.DECISION, r)
    if rng.random() < 0.02:
        asked = w.cal.add_working_days(r, rng.randint(1, 2))
        if asked > end:
            return
        case.material_requested_on, case.material_request_note = asked, rng.choice(MATERIAL_NOTES)
        case.decision_due_on, case.status = None, Status.MATERIAL_REQUESTED
        supplied = asked + timedelta(days=rng.randint(3, 20))
        if supplied > end:
            return
        x.supplied_on = case.complete_on = supplied
        case.decision_due_on, case.status = w.due(ClockRule.Code.DECISION, supplied), Status.RECEIVED
    start = case.complete_on
    recent = (end - start).days < 25  # near the end, more are late: the to-do list shows overdue ones
    late = rng.random() < (0.5 if recent else 0.04)
    if late:
        decided = w.cal.add_working_days(case.decision_due_on, rng.randint(1, 6 if recent else 4))
    else:
        window = w.working_days_until(start, case.decision_due_on)
        decided = window[min(len(window) - 1, int(rng.triangular(0, len(window), len(window) / 3)))]
    if decided > end:
        return  # still waiting for the decision (its clock running or overdue)
    case.decided_on = decided
    if rng.random() < 0.08:
        case.decision, case.status = Decision.REFUSED, Status.REFUSED
        case.decision_reasons = rng.choice(REFUSAL_REASONS)
        return
    case.decision, case.status = Decision.GRANTED, Status.GRANTED
    case.decision_reasons = GRANT_REASONS.get(case.exemption_ground, GRANT_REASONS[""])
    case.assignment_due_on = w.due(ClockRule.Code.ASSIGNMENT, decided)
    _after_grant(w, case, x)


def _after_grant(w, case, x):
    rng, end, granted = w.rng, w.end, case.decided_on
    stage = ""
    if rng.random() < 0.022:
        stage = _weighted(rng, [("granted", 15), ("assigned", 15), ("in_progress", 70)])
        x.terminate_stage = stage
    if stage == "granted":
        _terminate(w, case, x, granted + timedelta(days=rng.randint(1, 2)))
        return
    late = rng.random() < (0.5 if (end - granted).days < 12 else 0.03)
    if late:
        assigned = w.cal.add_working_days(case.assignment_due_on, rng.randint(1, 4))
    elif rng.random() < 0.25:
        assigned = granted  # the same day
    else:
        window = w.working_days_until(granted, case.assignment_due_on)
        assigned = window[min(len(window) - 1, int(rng.triangular(0, len(window), 0)))]
    if assigned > end:
        return  # waiting to be assigned
    case.assigned_on, case.status = assigned, Status.ASSIGNED
    if stage == "assigned":
        _terminate(w, case, x, assigned + timedelta(days=rng.randint(1, 3)))
        return
    started = w.next_working_day(assigned + timedelta(days=_weighted(rng, [(0, 3), (1, 4), (2, 2), (3, 1), (5, 1)])))
    if started > end:
        return
    case.started_on, case.status = started, Status.IN_PROGRESS
    x.close_days = _close_days(w, case, x)
    if stage == "in_progress":
        _terminate(w, case, x, started + timedelta(days=rng.randint(10, max(11, x.close_days - 1))))
        return
    closed = started + timedelta(days=x.close_days)
    if closed > end:
        return
    case.closed_on, case.status = closed, Status.CLOSED
    case.outcome, case.recovered_amount = _outcome(w, case, x)
    archived = closed + timedelta(days=rng.randint(14, 60))
    if archived > end:
        return
    case.archived_on, case.status = archived, Status.ARCHIVED


def _terminate(w, case, x, on):
    if on > w.end:
        return
    ground = (_weighted(w.rng, [(TerminationGround.OTHER_COUNSEL, 5), (TerminationGround.CASE_ENDED, 2)])
              if case.matter_kind == MatterKind.CRIMINAL
              else _weighted(w.rng, [(TerminationGround.OTHER_COUNSEL, 3), (TerminationGround.WITHDRAWN, 3),
                                     (TerminationGround.ECONOMIC_CHANGE, 2), (TerminationGround.FALSE_MATERIAL, 1)]))
    case.terminated_on, case.termination_ground, case.status = on, ground, Status.TERMINATED
    x.termination_note = TERMINATION_NOTES[ground]


def _outcome(w, case, x):
    rng = w.rng
    if case.category == C.NOTIFIED_DEFENCE or case.category == C.CRIMINAL_DEFENCE:
        if case.source == Source.NOTICE_AGENCY:
            return _weighted(rng, [(Outcome.OTHER, 6), (Outcome.DEFENCE_ADOPTED, 4)]), Decimal("0.00")
        return (_weighted(rng, [(Outcome.DEFENCE_ADOPTED, 55), (Outcome.DEFENCE_NOT_ADOPTED, 30), (Outcome.OTHER, 15)]),
                Decimal("0.00"))
    if case.matter_kind == MatterKind.CRIMINAL:  # victim's agent
        return _weighted(rng, [(Outcome.WON, 3), (Outcome.PARTLY_WON, 4), (Outcome.SETTLED, 2), (Outcome.LOST, 1)]), \
            Decimal("0.00")
    outcome = _weighted(rng, [(Outcome.WON, 35), (Outcome.PARTLY_WON, 25), (Outcome.SETTLED, 30),
                              (Outcome.LOST, 5), (Outcome.WITHDRAWN, 5)])
    if outcome in (Outcome.LOST, Outcome.WITHDRAWN) or case.category == C.CAPACITY:
        return outcome, Decimal("0.00")
    if case.category == C.LABOUR:
        amount = (len(x.recipients) * rng.uniform(6000, 20000) if x.group_case
                  else rng.triangular(5000, 120000, 15000))
    elif case.category == C.INJURY:
        amount = rng.triangular(20000, 300000, 60000)
    elif case.category == C.MAINTENANCE:
        amount = rng.uniform(5000, 60000)
    elif case.category == C.STATE_COMPENSATION:
        amount = rng.uniform(20000, 200000)
    elif case.category in (C.SOCIAL_SECURITY, C.PENSION):
        amount = rng.uniform(3000, 60000)
    else:
        amount = rng.uniform(0, 50000)
    if outcome == Outcome.PARTLY_WON:
        amount *= rng.uniform(0.4, 0.8)
    elif outcome == Outcome.SETTLED:
        amount *= rng.uniform(0.6, 0.9)
    return outcome, _money(amount)


def _objections(w, cases, extras):
    """A couple of refusals are objected to: one upheld (then aid as usual), one rejected, one pending."""
    rng, end = w.rng, w.end
    refused = [c for c in cases if c.status == Status.REFUSED]
    older = [c for c in refused if c.decided_on <= end - timedelta(days=60)]
    recent = [c for c in refused if c.decided_on >= end - timedelta(days=20)]
    picks = [(c, "upheld") for c in older[:1]] + [(c, "rejected") for c in older[1:][(len(older) - 1) // 2:][:1]]
    picks += [(c, "pending") for c in recent[-1:] if c not in older]
    for case, result in picks:
        x = extras[id(case)]
        filed = min(end, case.decided_on + timedelta(days=rng.randint(2, 10)))
        x.objection = Objection(filed_on=filed, reason=rng.choice(OBJECTION_REASONS))
        case.status = Status.OBJECTED
        if result == "pending":
            continue
        decided = filed + timedelta(days=rng.randint(5, 15))
        if decided > end:
            continue
        x.objection.decided_on = decided
        if result == "rejected":
            x.objection.result = Objection.Result.REJECTED
            x.objection_reasons = "经复核，申请人家庭收入仍超过经济困难标准，异议不成立，维持原决定。"
            case.status = Status.REFUSED
            continue
        x.objection.result = Objection.Result.UPHELD
        x.refused_on, x.refusal_reasons = case.decided_on, case.decision_reasons
        case.decision, case.decided_on = Decision.GRANTED, decided
        case.decision_reasons = "经审查，申请人补充提交的最低生活保障证明属实，异议成立，决定给予法律援助。"
        case.assignment_due_on = w.due(ClockRule.Code.ASSIGNMENT, decided)
        case.status = Status.GRANTED
        _after_grant(w, case, x)


class LawyerPool:
    """The district's eligible lawyers and their load over time, ranked as `assignment.ranked` ranks them."""

    def __init__(self, lawyers):
        self.lawyers = lawyers
        self.open_until = {lawyer.pk: [] for lawyer in lawyers}  # per lawyer: the day each case stopped being open
        self.last = {lawyer.pk: None for lawyer in lawyers}

    def ranked(self, case, on):
        needed = CATEGORY_SPECIALTY.get(case.category)
        latest_start = _years_ago(on, MIN_YEARS_FOR_LIFE_OR_DEATH) if case.max_penalty_life_or_death else on
        rows = []
        for lawyer in self.lawyers:
            if lawyer.practice_start > latest_start:
                continue
            has = bool(needed) and needed in lawyer.specialties
            load = sum(1 for until in self.open_until[lawyer.pk] if until is None or until > on)
            rows.append(Suggestion(lawyer, SPECIALTY_WEIGHT * has - load, has, load, self.last[lawyer.pk], needed))
        rows.sort(key=lambda s: (-s.score, (0, s.lawyer.pk) if s.last_assigned is None
                                 else (1, s.last_assigned.toordinal()), s.lawyer.pk))
        return rows

    def take(self, lawyer, case):
        self.open_until[lawyer.pk].append(case.closed_on or case.terminated_on)
        self.last[lawyer.pk] = case.assigned_on


def _unassign(case):
    """No eligible lawyer that day: the case waits to be assigned."""
    case.status = Status.GRANTED
    for name in ("assigned_on", "started_on", "closed_on", "archived_on", "terminated_on"):
        setattr(case, name, None)
    case.outcome = case.termination_ground = ""
    case.recovered_amount = Decimal("0.00")


def _assign(w, cases, extras, lawyers):
    rng = w.rng
    pool = LawyerPool(lawyers)
    for case in sorted((c for c in cases if c.assigned_on), key=lambda c: (c.assigned_on, c.number)):
        ranked = pool.ranked(case, case.assigned_on)
        if not ranked:
            _unassign(case)
            continue
        best = ranked[0]
        lawyer = best.lawyer
        if len(ranked) > 1 and rng.random() < 0.02:
            lawyer = rng.choice(ranked[1:5]).lawyer
            case.override_reason = rng.choice(OVERRIDE_REASONS)
        case.lawyer, case.suggested_lawyer, case.suggestion_reason = lawyer, best.lawyer, best.reason
        note = f"指派 {lawyer}"
        if case.override_reason:
            note += f"（未采纳系统建议的 {best.lawyer}，理由：{case.override_reason}）"
        extras[id(case)].assign_note = note
        pool.take(lawyer, case)


def _steps(w, case, x):
    """The timeline the services would have written, in order."""
    steps = []

    def add(action, status, on, note=""):
        steps.append(CaseStep(case=case, action=action, status=status, on=on, by=w.section, note=note,
                              at=_aware(on, 47 * len(steps) + w.rng.randint(0, 20))))

    r = case.received_on
    if case.is_notice:
        add("收到通知，受理", Status.GRANTED, r)
    else:
        add("收到申请", Status.RECEIVED, r)
        if case.material_requested_on:
            add("通知补充材料", Status.MATERIAL_REQUESTED, case.material_requested_on, case.material_request_note)
            if x.supplied_on:
                add("材料补充齐全", Status.RECEIVED, x.supplied_on)
        if x.objection is not None:
            refused_on = x.refused_on or case.decided_on
            add("决定不予法律援助", Status.REFUSED, refused_on, x.refusal_reasons or case.decision_reasons)
            add("申请人提出异议", Status.OBJECTED, x.objection.filed_on, x.objection.reason)
            if x.objection.result == Objection.Result.UPHELD:
                add("异议成立，给予法律援助", Status.GRANTED, case.decided_on, case.decision_reasons)
            elif x.objection.result == Objection.Result.REJECTED:
                add("异议不成立，维持不予援助", Status.REFUSED, x.objection.decided_on, x.objection_reasons)
        elif case.decision == Decision.REFUSED:
            add("决定不予法律援助", Status.REFUSED, case.decided_on, case.decision_reasons)
        elif case.decision == Decision.GRANTED:
            add("决定给予法律援助", Status.GRANTED, case.decided_on, case.decision_reasons)
    if case.assigned_on:
        add("指派律师", Status.ASSIGNED, case.assigned_on, x.assign_note)
    if case.started_on:
        add("律师开始承办", Status.IN_PROGRESS, case.started_on)
    if case.closed_on:
        add("结案", Status.CLOSED, case.closed_on,
            f"{Outcome(case.outcome).label}；挽回经济损失 {case.recovered_amount} 元")
    if case.archived_on:
        add("归档", Status.ARCHIVED, case.archived_on)
    if case.terminated_on:
        add("终止法律援助", Status.TERMINATED, case.terminated_on, x.termination_note)
    return steps


def _cases(w, lawyers):
    rng, plan = w.rng, w.plan
    span = (w.end - FIRST_DAY).days + 1
    count = max(1, round(plan.cases * w.scale * min(1.0, span / 357)))
    cases, extras = [], {}
    for received in _received_dates(w, count):
        if w.cal.is_working_day(received):
            source = _weighted(rng, [(Source.WINDOW, 50), (Source.HOTLINE, 15), (Source.ONLINE, 10),
                                     (Source.NOTICE_DEFENCE, 20), (Source.NOTICE_AGENCY, 5)])
        else:
            source = _weighted(rng, [(Source.HOTLINE, 4), (Source.ONLINE, 6)])
        minutes = rng.randint(0, 8 * 60)
        case = Case(area=w.street(), source=source, received_on=received, created_by=w.section,
                    created_at=_aware(received, minutes))
        x = Extra()
        (_notice if case.is_notice else _application)(w, case, x)
        _lifecycle(w, case, x)
        cases.append(case)
        extras[id(case)] = x

    # Numbers: sequential by received date within each district-year, after whatever exists already.
    by_year = {}
    for case in cases:  # already in received order
        by_year.setdefault(case.received_on.year, []).append(case)
    for year, rows in by_year.items():
        for case, number in zip(rows, case_numbers_next(district=w.district, year=year, count=len(rows))):
            case.number = number

    _objections(w, cases, extras)
    _assign(w, cases, extras, lawyers)

    Case.objects.bulk_create(cases, batch_size=BATCH)
    recipients, steps, objections = [], [], []
    for case in cases:
        x = extras[id(case)]
        for person in x.recipients:
            recipient = person.recipient()
            recipient.case = case
            recipients.append(recipient)
        steps += _steps(w, case, x)
        if x.objection is not None:
            x.objection.case = case
            objections.append(x.objection)
    Recipient.objects.bulk_create(recipients, batch_size=BATCH)
    CaseStep.objects.bulk_create(steps, batch_size=BATCH)
    Objection.objects.bulk_create(objections, batch_size=BATCH)
    return cases, len(recipients)


# --- consultations ----------------------------------------------------------------------------------------


def _consultations(w):
    rng, end, cal = w.rng, w.end, w.cal
    days = [FIRST_DAY + timedelta(days=i) for i in range((end - FIRST_DAY).days + 1)]
    working = [d for d in days if cal.is_working_day(d)]
    off_rows_per_day = 1.2 * w.scale
    span_share = min(1.0, len(days) / 357)
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
            rows.append(Consultation(area=area, on=day, channel=channel, topic=topic, person_times=person_times,
                                     note=note, recorded_by=by))
    Consultation.objects.bulk_create(rows, batch_size=BATCH)
    return rows


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
    for case in rng.sample(candidates, min(len(candidates), round(30 * w.scale) or 1)):
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
        for case, last in rng.sample(candidates, min(len(candidates), round(12 * w.scale) or 1)):
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
    for case, first, last in rng.sample(candidates, min(len(candidates), round(60 * w.scale) or 1)):
        satisfaction = _weighted(rng, [(Sat.SATISFIED, 80), (Sat.NEUTRAL, 12), (Sat.DISSATISFIED, 3),
                                       (Sat.UNREACHABLE, 5)])
        note = {Sat.SATISFIED: "受援人对律师的服务表示满意。", Sat.NEUTRAL: "受援人表示基本满意，希望律师多沟通。",
                Sat.DISSATISFIED: "受援人对结果不满意，已做解释工作。", Sat.UNREACHABLE: "电话三次无人接听。"}[satisfaction]
        follow_ups.append(FollowUp(case=case, called_on=_date_between(rng, first, last), satisfaction=satisfaction,
                                   note=note, by=w.section))
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    counts["follow_up"] = len(follow_ups)

    # 投诉: most concluded within the clock, one or two still open.
    total = max(2, round(6 * w.scale))
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


# --- entry point ------------------------------------------------------------------------------------------


def load(stdout, scale=1.0):
    """Create the demo legal aid of each demo district that has none yet. `scale` shrinks it (tests)."""
    end = min(timezone.localdate(), LAST_DAY)
    if end < FIRST_DAY:
        stdout.write("legalaid demo: nothing to do before 2025-12-01\n")
        return
    with translation.override("zh-hans"), transaction.atomic():
        ensure_clock_rules(ClockRule)
        rules = {rule.code: rule for rule in ClockRule.objects.all()}
        longest = max(rule.days for rule in rules.values())
        # One calendar for every clock of the year: one query, then arithmetic in memory.
        calendar = WorkingCalendar(FIRST_DAY - timedelta(days=1), end + timedelta(days=2 * longest + 60))
        for plan in DISTRICTS:
            district = Area.objects.filter(code=plan.code, level=Area.Level.DISTRICT).first()
            if district is None:
                stdout.write(f"legalaid demo {plan.code}: area missing, skipped (run load_reference_data)\n")
                continue
            w = World(plan, district, scale, end, calendar, rules)
            if w.section is None or not w.streets:
                stdout.write(f"legalaid demo {district.name}: no legal-aid section user or streets, skipped\n")
                continue
            parts = []
            if Expert.objects.in_area(district).exists():
                experts = None
            else:
                experts = _experts(w)
                parts.append(f"{len(experts)} experts")
            if Case.objects.in_area(district).exists():
                parts.insert(0, "cases already present")
            else:
                lawyers = list(Lawyer.objects.available_for_legal_aid().in_area(district).order_by("pk"))
                cases, recipients = _cases(w, lawyers)
                waiting = sum(1 for c in cases if c.status in (Status.RECEIVED, Status.GRANTED))
                overdue = sum(1 for c in cases if c.is_overdue(end))
                parts.insert(0, f"{len(cases)} cases ({recipients} recipients; {waiting} awaiting decision or "
                                f"assignment, {overdue} overdue; {len(lawyers)} lawyers)")
                q = _quality(w, cases)
                parts.append(f"{q['file']} file evaluations, {q['hearing']} hearing evaluations, "
                             f"{q['follow_up']} follow-ups, {q['complaint']} complaints")
            if Consultation.objects.in_area(district).exists():
                parts.append("consultations already present")
            else:
                rows = _consultations(w)
                parts.insert(1, f"{len(rows)} consultations ({sum(r.person_times for r in rows)} person-times)")
            stdout.write(f"legalaid demo {district.name}: " + ", ".join(parts) + "\n")

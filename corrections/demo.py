"""Demo community corrections for 罗湖区 and 光明区: two years of the register, supervision, assessment and risk,
and five years of resettlement.

Every person and story here is invented; ID numbers are well-formed (GB 11643 check digit) with the
district's own region code — or, for people born before it existed, the code their district then had
(光明区 440311 dates from 2018: 宝安区 440306, 宝安县 440321, 深圳市 440300 before that).

Each person's life is drawn first, whole, in memory: intake within the 10 days (a few late, a couple still
awaited today), level changes, moves between streets and out of the portal, release at the term's end or
termination. The ledger and the levels are then written through `corrections.services`, in date order, so
the register is exactly what the offices would have produced. The events that come by the thousand (talks,
checks, visits, reports, attendance) and the records about people no longer on the register (which the
services refuse today) are written with bulk_create, each carrying the area of the office that supervised
the person that day, as the services copy it. Talks and checks follow each level's pace from LevelPolicy,
mostly on time, a few late, and a few people are behind today, so the daily risk check finds a handful of
to-dos per office.

A fixed seed per district makes the data the same for the same day on every machine; a district that
already has people on its register (or released persons) is left alone, so a second run adds nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from django.db import transaction
from django.utils import timezone, translation
from stdnum.cn import ric

from bureau.audit import audit_bulk_writes
from bureau.models import Area, Function, Role, User
from bureau.workdays import WorkingCalendar

from . import services
from .models import (
    RESETTLEMENT_YEARS,
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    EmergencyStep,
    LedgerEntry,
    Level,
    LevelPolicy,
    Monitoring,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    SentenceKind,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
    add_months,
    add_years,
)
from .models import SupervisionEvent as Ev

FIRST_DAY = date(2025, 1, 1)
BATCH = 2000
Kind = SentenceKind
Reason = LedgerEntry.TerminationReason


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    users: str  # prefix of the demo accounts (bureau/data/demo_users.py)
    opening: int  # on the register on FIRST_DAY
    regions: tuple  # ID-number region codes, the district's own first
    court: str
    police: str
    roads: tuple
    released: int  # resettlement: released prisoners over five years


DISTRICTS = [
    DistrictPlan("440303", "luohu", 120, ("440303", "440301", "440300"), "深圳市罗湖区人民法院",
                 "深圳市公安局罗湖分局", ("人民南路", "东门中路", "宝安南路", "爱国路", "翠竹路", "笋岗路", "太宁路",
                                   "莲塘路", "布心路", "沿河北路"), 290),
    DistrictPlan("440311", "guangming", 108, ("440311", "440306", "440321", "440300"), "深圳市光明区人民法院",
                 "深圳市公安局光明分局", ("光明大道", "华夏路", "公明南环大道", "松白路", "观光路", "光侨路",
                                   "东周路", "塘明大道"), 240),
]
MEAN_TERM_MONTHS = 22  # intakes per month = opening / this keeps the register about as large as it starts

SURNAMES = ("陈陈陈李李李黄黄黄张张张王王刘刘林林吴吴杨杨周郑梁梁谢罗何赖叶钟邓曾彭许蔡徐朱胡郭潘肖苏卢"
            "冯袁廖温丘方江谭余戴孙马高唐韩邹傅熊魏程石龙范莫覃韦蒋田严")
MALE = "伟强军勇杰涛斌明超辉刚平建国华文志海波鹏飞龙俊浩宇峰林东成宏亮武忠永金德贵福生"
FEMALE = "丽芳燕玲婷秀敏静霞红娟琴梅兰英凤珍慧颖雪莉萍艳洁淑佳欣怡晓月春桂美玉"
CRIMES = {
    Kind.PROBATION: [("危险驾驶罪", 30), ("盗窃罪", 12), ("诈骗罪", 8), ("帮助信息网络犯罪活动罪", 12),
                     ("故意伤害罪", 7), ("交通肇事罪", 6), ("开设赌场罪", 4), ("掩饰、隐瞒犯罪所得罪", 5),
                     ("寻衅滋事罪", 4), ("职务侵占罪", 3), ("非法经营罪", 2), ("走私普通货物罪", 2)],
    Kind.PAROLE: [("贩卖毒品罪", 25), ("盗窃罪", 20), ("抢劫罪", 15), ("诈骗罪", 20), ("故意伤害罪", 10),
                  ("合同诈骗罪", 6), ("非法吸收公众存款罪", 4)],
    Kind.OUTSIDE_PRISON: [("诈骗罪", 25), ("贩卖毒品罪", 20), ("盗窃罪", 20), ("非法吸收公众存款罪", 15),
                          ("故意伤害罪", 10), ("受贿罪", 10)],
    Kind.CONTROL: [("寻衅滋事罪", 40), ("故意伤害罪", 30), ("盗窃罪", 30)],
}
# Months of the term by kind (probation: the 考验期; parole: the rest of the sentence …).
TERMS = {
    Kind.PROBATION: [(6, 8), (8, 6), (10, 6), (12, 18), (18, 12), (24, 16), (30, 6), (36, 12), (48, 6), (60, 4)],
    Kind.PAROLE: [(m, 1) for m in range(6, 37, 2)],
    Kind.OUTSIDE_PRISON: [(m, 1) for m in range(6, 25, 2)],
    Kind.CONTROL: [(6, 3), (9, 2), (12, 3), (18, 1), (24, 1)],
}
PROHIBITIONS = ["禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所", "禁止从事证券交易、金融相关职业",
                "禁止接触被害人及其近亲属", "禁止驾驶机动车", "禁止进入中小学校区、幼儿园园区"]
PRISONS = ["广东省深圳监狱", "广东省东莞监狱", "广东省韶关监狱", "广东省惠州监狱", "广东省佛山监狱",
           "广东省英德监狱", "广东省番禺监狱", "湖南省长沙监狱", "广西壮族自治区南宁监狱"]
PLACES = ["广东省东莞市东城街道司法所", "广东省惠州市惠城区江北司法所", "广东省广州市天河区棠下司法所",
          "湖南省长沙市岳麓区望月湖司法所", "江西省赣州市章贡区解放司法所", "广西壮族自治区玉林市玉州区司法局",
          "四川省成都市武侯区簇桥司法所", "湖北省武汉市洪山区关山司法所"]
DESTINATIONS = [("湖南省长沙市", "探望父母"), ("广东省广州市", "办理业务"), ("江西省赣州市", "探亲"),
                ("广东省梅州市", "参加亲属婚礼"), ("湖北省武汉市", "陪同家人就医"), ("广西壮族自治区南宁市", "探亲"),
                ("广东省汕头市", "处理家庭事务"), ("四川省成都市", "参加职业技能考试"), ("河南省信阳市", "奔丧"),
                ("广东省惠州市", "商务洽谈"), ("福建省厦门市", "出差")]
TALKS = ["了解近期思想、工作和生活情况，思想稳定", "重申监督管理规定，对象表示遵守", "对象反映工作变动情况，已更新档案",
         "结合禁止令开展教育，对象认识到位", "对象家庭关系紧张，进行疏导", "对象按期参加教育学习，表现良好"]
CHECKS = ["手机定位在居住地，情况正常", "视频抽查在家，情况正常", "定位显示在工作单位，与报告一致",
          "信息化核查情况正常"]
VISITS = ["走访居住地，与家属了解对象近况", "走访工作单位，对象在岗", "会同社区网格员入户走访"]
REPORTS = ["书面报告本月工作生活情况", "电话报告活动情况", "到司法所当面报告思想汇报"]
PRAISES = ["遵守监督管理规定，积极参加教育学习和公益活动", "见义勇为，协助社区处置突发情况", "认罪悔罪，表现突出"]
REPRIMANDS = ["未按规定时间报到参加教育学习", "未经批准变更居住地址后未及时报告", "迟交月度思想汇报"]
WARNINGS = ["无正当理由不按规定参加教育学习，经训诫仍不改正", "擅自离开所居住的市、县三日以内",
            "拒不按照规定报告自己的活动情况"]
RISKS = [("多次迟交思想汇报，存在脱管风险", "每周当面报告，矫正小组加密走访"),
         ("家庭矛盾激化，有过激言行", "联合社区开展家庭矛盾调解，安排心理咨询"),
         ("失业后经济困难，情绪低落", "协调就业援助，纳入临时救助，每周谈话"),
         ("与吸毒人员有接触", "会同派出所开展尿检，加强定位核查"),
         ("有网络赌博迹象", "开展法治教育，核查资金往来情况，每周信息化核查")]
SESSION_TITLES = {
    EducationSession.Kind.LEGAL_MORAL: ["宪法与公民权利义务", "社区矫正法解读", "民法典与家庭生活", "防范电信网络诈骗",
                                        "禁毒知识教育", "道路交通安全法", "诚信守法与社会公德", "劳动合同法与就业权益"],
    EducationSession.Kind.PSYCH: ["情绪管理与压力疏导", "重建家庭沟通", "认识焦虑与抑郁", "积极心理与回归社会"],
    EducationSession.Kind.PUBLIC_SERVICE: ["社区环境清洁", "敬老院志愿服务", "交通文明劝导", "图书馆图书整理"],
}
TEAM_ROLES = ["司法所工作人员", "社区网格员", "社会工作者", "家属"]


# --- small helpers ----------------------------------------------------------------------------------------


def _weighted(rng, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


def _between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


@cache
def _region_valid(region, year):
    body = f"{region}{year}0615123"
    return ric.is_valid(body + ric.calc_check_digit(body + "0"))


@dataclass
class Life:
    """One person's time under correction, drawn whole before anything is written."""

    fields: dict  # for supervisee_register, the street included
    arrival: date | None  # reported in (or arrived from outside); None: still awaited
    from_place: str = ""
    moves: list = field(default_factory=list)  # (on, street) between streets of the district
    levels: list = field(default_factory=list)  # (on, level, reason) after the level at intake
    exit: tuple | None = None  # ("released"|"terminated"|"out", on, detail)
    silent_from: date | None = None  # absconding: no contact from this day
    special: bool = False  # already given a story (termination, move, monitoring …)
    story: tuple = (None, None)  # a termination's (proposal to the court, emergency that led to it)
    obj: Supervisee | None = None

    @property
    def street(self):
        return self.fields["area"]

    @property
    def exit_on(self):
        return self.exit[1] if self.exit else date.max

    def on_register(self, day):
        return self.arrival is not None and self.arrival <= day < self.exit_on

    def area_on(self, day):
        area = self.street
        for on, street in self.moves:
            if on <= day:
                area = street
        return area

    def level_on(self, day):
        level = self.fields["level"]
        for on, new, _reason in self.levels:
            if on <= day:
                level = new
        return level


class World:
    """One district's generator: its offices, people, calendar and random stream."""

    def __init__(self, plan, district, today, policy):
        self.plan, self.district, self.today, self.policy = plan, district, today, policy
        self.rng = random.Random(20250101 + int(plan.code))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.weights = [self.rng.uniform(0.6, 1.6) for _street in self.streets]
        self.section = User.objects.filter(role=Role.SECTION, section=Function.CORRECTIONS, area=district).first()
        self.clerks = {u.area_id: u for u in User.objects.filter(role=Role.STREET, area__in=self.streets)}
        self.cal = WorkingCalendar(FIRST_DAY - timedelta(days=30), today + timedelta(days=30))
        self.ids = set()

    def clerk(self, area):
        return self.clerks.get(area.pk, self.section)

    def street(self):
        return self.rng.choices(self.streets, self.weights)[0]

    def workday(self, day):
        """The day itself if the office works, else the working day before it (within the calendar)."""
        while self.cal.start < day <= self.cal.end and not self.cal.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def name(self, female):
        chars = FEMALE if female else MALE
        rng = self.rng
        return rng.choice(SURNAMES) + rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")

    def id_number(self, born, female):
        region = next(r for r in self.plan.regions if _region_valid(r, born.year))
        while True:
            sequence = f"{self.rng.randint(0, 99):02d}{self.rng.choice('02468' if female else '13579')}"
            body = f"{region}{born:%Y%m%d}{sequence}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.ids:
                self.ids.add(number)
                return number

    def phone(self):
        return f"1{self.rng.choice('3589')}{self.rng.randint(0, 9)}0000{self.rng.randint(0, 9999):04d}"

    def address(self, street):
        return f"深圳市{self.district.name}{street.name}{self.rng.choice(self.plan.roads)}{self.rng.randint(1, 399)}号"

    def interval(self, level, kind):
        talk, check, _silence = self.policy[level]
        return {Ev.Kind.TALK: talk, Ev.Kind.INFO_CHECK: check, Ev.Kind.VISIT: 3 * talk, Ev.Kind.REPORT: 2 * talk}[kind]


# --- the register -----------------------------------------------------------------------------------------


def _person(w, *, judgment_on, arrival, kind=None, months=None, from_place=""):
    rng = w.rng
    kind = kind or _weighted(rng, [(Kind.PROBATION, 72), (Kind.PAROLE, 16), (Kind.OUTSIDE_PRISON, 9),
                                   (Kind.CONTROL, 3)])
    months = months or _weighted(rng, TERMS[kind])
    female = rng.random() < 0.14
    born = _between(rng, date(1960, 1, 1), date(2004, 12, 28))
    street = w.street()
    court = w.plan.court if kind in (Kind.PROBATION, Kind.CONTROL) and rng.random() < 0.85 else "深圳市中级人民法院"
    if kind == Kind.OUTSIDE_PRISON and rng.random() < 0.5:
        court = "广东省监狱管理局"
    team = "、".join(f"{w.name(rng.random() < 0.5)}（{role}）" for role in TEAM_ROLES[:rng.randint(2, 4)])
    fields = {
        "name": w.name(female), "gender": "F" if female else "M", "id_number": w.id_number(born, female),
        "phone": w.phone(), "address": w.address(street), "sentence_kind": kind,
        "crime": _weighted(rng, CRIMES[kind]), "court": court, "judgment_on": judgment_on,
        "term_start": judgment_on, "term_end": add_months(judgment_on, months) - timedelta(days=1), "area": street,
        "level": Level.STRICT if kind == Kind.OUTSIDE_PRISON or rng.random() < 0.18 else Level.NORMAL,
        "team": team, "prohibitions": rng.choice(PROHIBITIONS) if rng.random() < 0.15 else "",
    }
    return Life(fields, arrival, from_place)


def _lives(w):
    rng, today = w.rng, w.today
    lives = []
    for _i in range(w.plan.opening):  # on the register when the demo starts: long terms are more likely there
        kind = _weighted(rng, [(Kind.PROBATION, 72), (Kind.PAROLE, 16), (Kind.OUTSIDE_PRISON, 9), (Kind.CONTROL, 3)])
        months = _weighted(rng, [(m, weight * m) for m, weight in TERMS[kind]])
        span = (add_months(FIRST_DAY, months) - FIRST_DAY).days
        judgment_on = FIRST_DAY - timedelta(days=rng.randint(12, span - 1))
        lives.append(_person(w, judgment_on=judgment_on, arrival=judgment_on + timedelta(days=rng.randint(1, 10)),
                             kind=kind, months=months))
    intakes = round(w.plan.opening / MEAN_TERM_MONTHS * (today - FIRST_DAY).days / 30.4)
    for judgment_on in sorted(_between(rng, FIRST_DAY, today - timedelta(days=1)) for _i in range(intakes)):
        late = rng.random() < 0.07
        arrival = judgment_on + timedelta(days=rng.randint(11, 24) if late else rng.randint(1, 10))
        lives.append(_person(w, judgment_on=judgment_on, arrival=arrival if arrival <= today else None))
    for _i in range(2):  # documents arrived, the person has not reported: the intake check's work today
        lives.append(_person(w, judgment_on=today - timedelta(days=rng.randint(12, 20)), arrival=None))
    for _i in range(rng.randint(5, 7)):  # arrived from a place of execution outside the portal
        arrival = _between(rng, FIRST_DAY, today - timedelta(days=20))
        lives.append(_person(w, judgment_on=arrival - timedelta(days=rng.randint(60, 300)), arrival=arrival,
                             kind=Kind.PROBATION, months=rng.choice([24, 36, 48]), from_place=rng.choice(PLACES)))
    for life in lives:
        if life.arrival and life.fields["term_end"] < today:
            on = life.fields["term_end"]
            life.exit = ("released", on, min(today, on + timedelta(days=rng.choice([0, 0, 0, 1, 2, 3]))))
    return lives


def _pick(w, lives, *, first, last, kinds=None, min_days=60):
    """A person on the register from `first` to `last` with no story yet (None when there is none)."""
    rng = w.rng
    candidates = [life for life in lives if life.arrival and not life.special
                  and life.arrival <= first - timedelta(days=min_days) and life.exit_on > last
                  and (kinds is None or life.fields["sentence_kind"] in kinds)]
    if not candidates:
        return None
    life = rng.choice(candidates)
    life.special = True
    return life


def _stories(w, lives):
    """Moves, transfers out, terminations, one person who absconded and is still missing. Returns the
    proposals to the court that precede the terminations, [(life, decision kind, decided on, reason)], and
    the missing person."""
    rng, today = w.rng, w.today
    for _i in range(rng.randint(7, 10)):  # to another street of the district
        on = w.workday(_between(rng, FIRST_DAY + timedelta(days=30), today - timedelta(days=10)))
        life = _pick(w, [x for x in lives if not x.moves], first=on, last=on)
        if life:
            life.moves.append((on, rng.choice([s for s in w.streets if s != life.street])))
            life.special = False  # a moved person may still have other stories, but no exit before term
    for _i in range(rng.randint(4, 6)):  # out of the portal
        on = w.workday(_between(rng, FIRST_DAY + timedelta(days=30), today - timedelta(days=5)))
        life = _pick(w, [x for x in lives if not x.moves], first=on, last=on)
        if life:
            life.exit = ("out", on, rng.choice(PLACES))
    proposals = []
    plans = [
        (Reason.REVOKED_PROBATION, [Kind.PROBATION], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.ABSCONDING,
         "脱离监管三十余日，经教育仍不改正，提请撤销缓刑"),
        (Reason.REVOKED_PROBATION, [Kind.PROBATION], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.REOFFENDING,
         "缓刑考验期内涉嫌盗窃被公安机关刑事拘留，提请撤销缓刑"),
        (Reason.REVOKED_PAROLE, [Kind.PAROLE], AssessmentDecision.Kind.REVOCATION, Emergency.Kind.DRUGS,
         "假释期间吸食毒品，严重违反监督管理规定，提请撤销假释"),
        (Reason.CUSTODY, [Kind.OUTSIDE_PRISON], AssessmentDecision.Kind.CUSTODY, None,
         "经病情复查，暂予监外执行的情形已消失，提请收监执行"),
        (Reason.DEATH, [Kind.OUTSIDE_PRISON, Kind.PAROLE], None, None, "因病医治无效死亡"),
    ]
    for reason, kinds, decision, emergency, note in plans:
        on = w.workday(_between(rng, FIRST_DAY + timedelta(days=90), today - timedelta(days=15)))
        life = _pick(w, [x for x in lives if not x.moves], first=on - timedelta(days=60), last=on, kinds=kinds,
                     min_days=30)
        if life is None:
            continue
        life.exit = ("terminated", on, (reason, note))
        life.story = (decision, emergency)
        if decision:
            proposals.append((life, decision, w.workday(on - timedelta(days=rng.randint(25, 40))), note))
    missing = _pick(w, [x for x in lives if not x.moves], first=today - timedelta(days=150), last=today,
                    kinds=[Kind.PROBATION])
    if missing:
        missing.silent_from = today - timedelta(days=rng.randint(38, 45))
    return proposals, missing


def _levels(w, lives, warned):
    """Strict at intake for the first months, 宽管 after a good year, strict again after a warning."""
    rng = w.rng
    for life in lives:
        if not life.arrival:
            continue
        changes = []
        level = life.fields["level"]
        if level == Level.STRICT and life.fields["sentence_kind"] != Kind.OUTSIDE_PRISON and rng.random() < 0.85:
            changes.append((life.arrival + timedelta(days=rng.randint(90, 180)), Level.NORMAL, "入矫初期表现良好，调整为普管"))
            level = Level.NORMAL
        if level == Level.NORMAL and rng.random() < 0.4:
            changes.append((life.arrival + timedelta(days=rng.randint(365, 540)), Level.LENIENT,
                            "遵纪守法，表现良好，调整为宽管"))
        for on in warned.get(id(life), []):
            changes = [c for c in changes if c[0] < on]
            changes.append((on, Level.STRICT, "受到警告处罚，调整为严管"))
            if rng.random() < 0.6:
                changes.append((on + timedelta(days=rng.randint(90, 150)), Level.NORMAL, "严管期间表现良好，调整为普管"))
        if life.silent_from:  # absconded: strict from the day the office found out
            changes = [c for c in changes if c[0] < life.silent_from]
            changes.append((life.silent_from + timedelta(days=9), Level.STRICT, "脱管，调整为严管"))
        current, kept = life.fields["level"], []
        for on, new, reason in sorted(changes, key=lambda c: c[0]):
            on = w.workday(on)
            moved = any(on == m for m, _street in life.moves)
            if new != current and life.arrival < on < life.exit_on and on <= w.today and not moved:
                kept.append((on, new, reason))
                current = new
        life.levels = kept


def _write_register(w, lives):
    """The ledger and the levels, through the services, each person's moves in date order."""
    for life in lives:
        by = w.clerk(life.street)
        person = services.supervisee_register(by=by, **life.fields)
        if life.arrival:
            person = services.supervisee_receive(supervisee=person, on=life.arrival, by=by,
                                                 transferred_from=life.from_place)
        steps = [(on, 0, ("level", new, reason)) for on, new, reason in life.levels]
        steps += [(on, 1, ("move", street, "")) for on, street in life.moves]
        for on, _order, (what, value, reason) in sorted(steps, key=lambda s: (s[0], s[1])):
            if what == "level":
                person = services.supervisee_set_level(supervisee=person, level=value, on=on, reason=reason,
                                                       by=w.clerk(person.area))
            else:
                person = services.supervisee_transfer(supervisee=person, on=on, to_area=value,
                                                      by=w.clerk(person.area), note="经居住地变更审批")
        if life.exit:
            kind, on, detail = life.exit
            by = w.clerk(person.area)
            if kind == "released":
                person = services.supervisee_release(supervisee=person, on=on, certificate_on=detail, by=by)
            elif kind == "terminated":
                person = services.supervisee_terminate(supervisee=person, on=on, reason=detail[0], note=detail[1],
                                                       by=by)
            else:
                person = services.supervisee_transfer(supervisee=person, on=on, to_place=detail, by=by,
                                                      note="居住地变更，执行地变更至外地")
        life.obj = person


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
        if life.arrival >= FIRST_DAY:
            last = life.arrival  # the first talk and check on the day the person reports in
            if kind in (Ev.Kind.TALK, Ev.Kind.INFO_CHECK):
                dates.append(last)
        else:  # on the register already: the clock runs from an event before the demo's first day
            last = FIRST_DAY - timedelta(days=rng.randint(1, w.interval(life.level_on(FIRST_DAY), kind)))
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
        # A few people on the register today are behind: their latest talk or check is missing.
        if (kind in (Ev.Kind.TALK, Ev.Kind.INFO_CHECK) and life.exit is None and dates and rng.random() < 0.05
                and dates[-1] > today - timedelta(days=w.interval(life.level_on(today), kind))):
            dates.pop()
        rows += [_event(w, life, kind, on) for on in dates]
    return rows


def _quarters(today):
    day = FIRST_DAY
    while day <= today:
        yield day
        day = add_months(day, 3)


def _months(today):
    day = FIRST_DAY
    while day <= today:
        yield day
        day = add_months(day, 1)


def _on_register(lives, day, street=None):
    return [life for life in lives if life.on_register(day) and day not in {m for m, _s in life.moves}
            and not (life.silent_from and day >= life.silent_from)
            and (street is None or life.area_on(day) == street)]


def _file_checks(w, lives):
    """档案抽查: each quarter the bureau checks the files of about one person in ten."""
    rows = []
    for quarter in _quarters(w.today):
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
        day = max(life.arrival, FIRST_DAY) + timedelta(days=30)
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
    for n, month in enumerate(_months(w.today)):
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
    for quarter in _quarters(w.today):
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
    for month in _months(today):
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
    for quarter in list(_quarters(today))[1::2]:
        held = w.workday(quarter + timedelta(days=50))
        present = [x for x in _on_register(lives, held) if x.arrival <= held - timedelta(days=30)]
        if held <= today and present:
            deliberations.append((held, [(x, *rng.choice(hard)) for x in rng.sample(present, rng.randint(1, 2))]))
    return meetings, deliberations


# --- resettlement -------------------------------------------------------------------------------------------

RELEASE_CRIMES = [("盗窃罪", 30), ("贩卖毒品罪", 18), ("诈骗罪", 15), ("抢劫罪", 10), ("故意伤害罪", 10),
                  ("寻衅滋事罪", 7), ("开设赌场罪", 5), ("强奸罪", 3), ("故意杀人罪", 2)]
HELP_NOTES = {
    ResettlementHelp.Kind.HOUSEHOLD: "协助办理户籍迁入登记", ResettlementHelp.Kind.SUBSISTENCE: "协助申请最低生活保障，已获批准",
    ResettlementHelp.Kind.TRAINING: "推荐参加区人社局组织的电工职业技能培训", ResettlementHelp.Kind.JOB: "推荐至辖区物流企业就业",
    ResettlementHelp.Kind.OTHER: "协调社区发放临时救助金",
}
FOLLOW_UPS = ["工作生活稳定，无异常", "已在辖区企业就业，收入稳定", "与家人同住，情绪稳定", "暂无固定工作，已推荐招聘信息",
              "电话回访，本人表示生活正常"]


def _resettlement(w):
    """刑满释放人员 released over the last five years: hand-over, help, follow-ups, some not verified."""
    rng, today = w.rng, w.today
    H, V = ReleasedPerson.Handover, ReleasedPerson.Verification
    start = add_years(today, -RESETTLEMENT_YEARS) - timedelta(days=120)
    people, helps, follow_ups = [], [], []
    days = [_between(rng, start, today - timedelta(days=1)) for _i in range(w.plan.released - 2)]
    days += [today - timedelta(days=rng.randint(1, 9)) for _i in range(2)]  # the hand-over not yet recorded
    for released_on in sorted(days):
        female = rng.random() < 0.08
        born = _between(rng, date(1962, 1, 1), date(2001, 12, 28))
        street = w.street()
        verification = _weighted(rng, [(V.VERIFIED, 94), (V.ADDRESS, 3), (V.NAME, 1), (V.IDENTITY, 2)])
        if released_on >= today - timedelta(days=9) or released_on > today - timedelta(days=20) and rng.random() < 0.5:
            handover, handed_over_on = H.PENDING, None
        else:
            handover = _weighted(rng, [(H.RECEIVED, 70), (H.SELF_REPORTED, 25), (H.MISSED, 5)])
            handed_over_on = {H.RECEIVED: released_on, H.MISSED: None}.get(
                handover, min(today, released_on + timedelta(days=rng.randint(3, 20))))
        reoffended_on = None
        if rng.random() < 0.03 and released_on + timedelta(days=90) < today:
            reoffended_on = _between(rng, released_on + timedelta(days=90), today)
        person = ReleasedPerson(
            name=w.name(female), gender="F" if female else "M", address=w.address(street),
            id_number=None if verification == V.IDENTITY else w.id_number(born, female),
            crime=_weighted(rng, RELEASE_CRIMES), prison="广东省女子监狱" if female else rng.choice(PRISONS),
            released_on=released_on, listed_until=add_years(released_on, RESETTLEMENT_YEARS), area=street,
            handover=handover, handed_over_on=handed_over_on, verification=verification, reoffended_on=reoffended_on,
        )
        people.append(person)
        last = min(today, person.listed_until - timedelta(days=1), reoffended_on or date.max)
        if handover in (H.MISSED, H.PENDING) or verification != V.VERIFIED:
            continue
        if rng.random() < 0.4:
            for kind in rng.sample(list(ResettlementHelp.Kind), rng.randint(1, 2)):
                on = _between(rng, released_on + timedelta(days=10), min(last, released_on + timedelta(days=365)))
                if on <= last:
                    helps.append(ResettlementHelp(person=person, kind=kind, on=on, note=HELP_NOTES[kind]))
        on = released_on + timedelta(days=rng.randint(15, 45))
        while on <= last:
            method = _weighted(rng, [(Ev.Method.PHONE, 60), (Ev.Method.IN_PERSON, 40)])
            follow_ups.append(ResettlementFollowUp(person=person, on=on, method=method, note=rng.choice(FOLLOW_UPS)))
            gap = 90 if on < released_on + timedelta(days=365) else 180
            on += timedelta(days=gap + rng.randint(-15, 15))
    ReleasedPerson.objects.bulk_create(people, batch_size=BATCH)
    ResettlementHelp.objects.bulk_create(helps, batch_size=BATCH)
    ResettlementFollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    listed = sum(1 for p in people if p.released_on <= today < p.listed_until and not p.reoffended_on)
    return f"{len(people)} released persons ({listed} listed; {len(helps)} help, {len(follow_ups)} follow-ups)"


# --- writing ------------------------------------------------------------------------------------------------


def _corrections(w):
    lives = _lives(w)
    proposals, missing = _stories(w, lives)
    meetings, warned = _reviews(w, lives, proposals)
    _levels(w, lives, warned)
    _write_register(w, lives)

    events = [row for life in lives if life.arrival for row in _contacts(w, life)] + _file_checks(w, lives)
    SupervisionEvent.objects.bulk_create(events, batch_size=BATCH)
    TravelApproval.objects.bulk_create(_travels(w, lives), batch_size=BATCH)

    sessions = _sessions(w, lives)
    EducationSession.objects.bulk_create([s for s, _people in sessions], batch_size=BATCH)
    attendance = [Attendance(session=s, supervisee=life.obj, area_id=life.area_on(s.held_on).pk)
                  for s, people in sessions for life in people]
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)

    reviews = [(ReviewMeeting(held_on=held, area=w.district, participants="区司法局社区矫正科、司法所负责人、矫正小组代表",
                              summary="评议社区矫正对象监督管理表现，作出奖惩决定"), decisions)
               for held, decisions in sorted(meetings, key=lambda m: m[0])]
    ReviewMeeting.objects.bulk_create([m for m, _d in reviews])
    decisions = [AssessmentDecision(meeting=m, supervisee=life.obj, kind=kind, reason=reason, decided_on=m.held_on,
                                    area_id=life.area_on(m.held_on).pk)
                 for m, rows in reviews for life, kind, reason in rows]
    AssessmentDecision.objects.bulk_create(decisions, batch_size=BATCH)

    monitorings = _monitorings(w, lives, meetings)
    Monitoring.objects.bulk_create([m for m, renews in monitorings if renews is None])
    for monitoring, renews in monitorings:
        if renews is not None:
            monitoring.renewal_of = monitorings[renews][0]
    Monitoring.objects.bulk_create([m for m, renews in monitorings if renews is not None])

    risk_meetings, deliberations = _risks(w, lives, proposals, missing)
    RiskMeeting.objects.bulk_create([m for m, _cases in risk_meetings])
    for meeting, cases in risk_meetings:
        for case in cases:
            case.meeting = meeting
    RiskCase.objects.bulk_create([c for _m, cases in risk_meetings for c in cases])
    rows = [(Deliberation(held_on=held, area=w.district, participants="区司法局分管领导、社区矫正科、法制科、司法所负责人",
                          summary="重大疑难案件集体合议"), cases) for held, cases in deliberations]
    Deliberation.objects.bulk_create([d for d, _cases in rows])
    DeliberatedCase.objects.bulk_create([
        DeliberatedCase(deliberation=d, supervisee=life.obj, question=q, decision=answer,
                        area_id=life.area_on(d.held_on).pk)
        for d, cases in rows for life, q, answer in cases
    ])
    emergencies = _emergencies(w, lives, proposals, missing)
    Emergency.objects.bulk_create([e for e, _steps in emergencies])
    EmergencyStep.objects.bulk_create([s for _e, steps in emergencies for s in steps])

    on_register = sum(1 for life in lives if life.exit is None and life.arrival)
    awaiting = sum(1 for life in lives if life.arrival is None)
    return (f"{len(lives)} persons ({on_register} on the register, {awaiting} awaiting report),"
            f" {len(events)} talks/checks/visits/reports/file checks, {len(attendance)} attendances"
            f" in {len(sessions)} sessions, {len(decisions)} decisions, {len(monitorings)} monitoring periods,"
            f" {sum(len(c) for _m, c in risk_meetings)} risk cases, {len(emergencies)} emergencies")


def load(stdout):
    """Create the demo corrections of each demo district that has none yet."""
    today = timezone.localdate()
    if today <= FIRST_DAY + timedelta(days=90):
        stdout.write("corrections demo: nothing to do before April 2025\n")
        return
    policy = {p.level: (p.talk_interval_days, p.check_interval_days, p.no_contact_days)
              for p in LevelPolicy.objects.all()}
    parts = []
    with translation.override("zh-hans"), transaction.atomic():
        audit_bulk_writes()
        for plan in DISTRICTS:
            district = Area.objects.filter(code=plan.code, level=Area.Level.DISTRICT).first()
            if district is None:
                parts.append(f"{plan.code} area missing (run load_reference_data)")
                continue
            w = World(plan, district, today, policy)
            if w.section is None or not w.streets or set(policy) != set(Level.values):
                parts.append(f"{district.name} skipped (no corrections section user, streets or level policy)")
                continue
            done = []
            if Supervisee.objects.in_area(district).exists():
                done.append("register already present")
            else:
                done.append(_corrections(w))
            if ReleasedPerson.objects.in_area(district).exists():
                done.append("resettlement already present")
            else:
                done.append(_resettlement(w))
            parts.append(f"{district.name} " + "; ".join(done))
    stdout.write("corrections demo: " + " | ".join(parts) + "\n")

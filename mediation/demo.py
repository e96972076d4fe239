"""Demo people's mediation for 罗湖区 and 光明区, from 1 January two years back to today: a committee in every
street and community, 物业调解室 in several 小区 of each street, one sector committee per district, their
mediators (community legal advisors among them — the 牵手计划 — and one who signs in: luohu_mediator,
guangming_mediator), trainings, a round of screening per street and month, and the cases with their agreements,
performance, 司法确认 and escalation flags.

Every person, company and story here is invented. The records keep the rules the services enforce (the
transition map, dates in order and never after today, a mediator active in the case's organisation on the day of
acceptance, a written agreement before a confirmation, within 30 days) but are written with bulk_create, so both
districts take seconds. A fixed seed per district makes the data the same on every machine for the same day; a
district that already has organisations is left alone, so a second run adds nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bureau.audit import audit_bulk_writes
from bureau.data.demo_users import DEMO_PASSWORD
from bureau.models import Area, Role, User

from .apps import MEDIATOR
from .models import (
    AgreementForm,
    Case,
    ConfirmationResult,
    DisputeType,
    Form,
    FoundDispute,
    Kind,
    Mediator,
    Organisation,
    Outcome,
    Party,
    Performance,
    RiskLevel,
    ScreeningRound,
    Sector,
    Source,
    Status,
    Training,
)
from .services import case_number_prefix

YEARS_BACK = 2
SUCCESS_RATE = 0.955

# district code: (username prefix, short name, court, cases a month, the sector committee, 小区 names)
DISTRICTS = {
    "440303": ("luohu", "罗湖", "深圳市罗湖区人民法院", 150,
               ("罗湖区珠宝行业人民调解委员会", Sector.JEWELLERY, "水贝珠宝交易中心"),
               ["翠竹苑", "东湖花园", "碧波花园", "金湖山庄", "百仕达花园", "莲塘新村", "桂园新村", "布心花园",
                "清水河花园", "泥岗小区", "黄贝岭新村", "笋岗花园", "京基御景", "太宁路小区"]),
    "440311": ("guangming", "光明", "深圳市光明区人民法院", 100,
               ("光明区劳动争议人民调解委员会", Sector.LABOUR, "光明区公共法律服务中心"),
               ["华夏花园", "公明锦绣花园", "光明新城", "凤凰城", "玉律花园", "马田小区", "塘尾花园", "楼村新村"]),
}

# Each kind of organisation's dispute mix: (type, weight).
MIX = {
    "community": [(DisputeType.NEIGHBOUR, 30), (DisputeType.MARRIAGE_FAMILY, 22), (DisputeType.PROPERTY, 10),
                  (DisputeType.HOUSING, 8), (DisputeType.DAMAGES, 8), (DisputeType.CONTRACT, 6),
                  (DisputeType.CONSUMER, 5), (DisputeType.LABOUR, 5), (DisputeType.OTHER, 6)],
    "street": [(DisputeType.LABOUR, 22), (DisputeType.CONTRACT, 14), (DisputeType.DAMAGES, 12),
               (DisputeType.NEIGHBOUR, 10), (DisputeType.MARRIAGE_FAMILY, 8), (DisputeType.TRAFFIC, 8),
               (DisputeType.BUSINESS, 7), (DisputeType.HOUSING, 6), (DisputeType.LAND_EXPROPRIATION, 3),
               (DisputeType.MEDICAL, 3), (DisputeType.CONSUMER, 4), (DisputeType.OTHER, 3)],
    "room": [(DisputeType.PROPERTY, 80), (DisputeType.NEIGHBOUR, 15), (DisputeType.DAMAGES, 5)],
    Sector.JEWELLERY: [(DisputeType.CONSUMER, 45), (DisputeType.CONTRACT, 40), (DisputeType.INTELLECTUAL_PROPERTY, 10),
                       (DisputeType.BUSINESS, 5)],
    Sector.LABOUR: [(DisputeType.LABOUR, 90), (DisputeType.DAMAGES, 10)],
}
# Where a district's cases are mediated: (kind of organisation, share).
SHARE = [("community", 40), ("street", 35), ("room", 15), ("sector", 10)]
# (fewest, most) 元 involved, by type; neighbours and families often involve nothing.
AMOUNTS = {
    DisputeType.NEIGHBOUR: (0, 20000), DisputeType.MARRIAGE_FAMILY: (0, 300000), DisputeType.PROPERTY: (500, 30000),
    DisputeType.HOUSING: (10000, 500000), DisputeType.CONTRACT: (5000, 600000), DisputeType.DAMAGES: (2000, 150000),
    DisputeType.LABOUR: (3000, 90000), DisputeType.TRAFFIC: (5000, 250000), DisputeType.BUSINESS: (10000, 800000),
    DisputeType.MEDICAL: (20000, 400000), DisputeType.CONSUMER: (300, 50000),
    DisputeType.INTELLECTUAL_PROPERTY: (20000, 300000), DisputeType.LAND_EXPROPRIATION: (50000, 1000000),
    DisputeType.OTHER: (0, 30000),
}
SUMMARIES = {
    DisputeType.NEIGHBOUR: ["楼上漏水致楼下天花板受损，双方就维修费用协商不成。", "装修噪音影响邻居休息引发争执。",
                            "公共走道堆放杂物引发邻里矛盾。"],
    DisputeType.MARRIAGE_FAMILY: ["子女就老人赡养费分担产生分歧。", "夫妻离婚后就子女探望时间发生争执。",
                                  "兄弟姐妹就父母遗留房产分配发生纠纷。"],
    DisputeType.PROPERTY: ["业主以服务质量差为由拒交物业费。", "小区停车位收费标准引发业主与物业公司争议。",
                           "电梯长期故障，业主要求物业公司赔偿。"],
    DisputeType.HOUSING: ["房屋租赁到期后押金退还发生争议。", "出租屋墙体开裂，租客要求减免租金。"],
    DisputeType.CONTRACT: ["货款拖欠引发买卖合同纠纷。", "装修工程质量不合格，业主要求返工并赔偿。",
                           "民间借贷到期未还引发纠纷。"],
    DisputeType.DAMAGES: ["宠物犬咬伤路人，双方就医疗费赔偿协商不成。", "高空坠物砸坏车辆引发赔偿纠纷。"],
    DisputeType.LABOUR: ["工厂拖欠员工两个月工资。", "员工工作中受伤，就工伤待遇与公司发生争议。",
                         "公司搬迁，员工要求支付经济补偿金。"],
    DisputeType.TRAFFIC: ["电动车与行人相撞致人受伤，双方就赔偿金额发生争议。", "小区内车辆剐蹭引发赔偿纠纷。"],
    DisputeType.BUSINESS: ["合伙经营餐饮店散伙后就分配利润发生争议。", "商铺转让费支付发生纠纷。"],
    DisputeType.MEDICAL: ["患者术后出现并发症，家属要求医院赔偿。"],
    DisputeType.CONSUMER: ["消费者认为所购黄金饰品成色不符，要求退货。", "预付卡商家停业，消费者要求退款。"],
    DisputeType.INTELLECTUAL_PROPERTY: ["珠宝款式设计被仿制引发侵权纠纷。"],
    DisputeType.LAND_EXPROPRIATION: ["城市更新项目补偿标准引发业主与开发商争议。"],
    DisputeType.OTHER: ["社区活动场地使用引发居民之间争执。"],
}
FAILURE_REASONS = ["双方分歧较大，一方拒绝继续调解", "当事人已向人民法院起诉", "申请人撤回调解申请"]
COMPANIES = ["深圳市{}实业有限公司", "深圳市{}物业管理有限公司", "深圳市{}珠宝有限公司", "深圳市{}电子厂"]
WORDS = ["鸿图", "恒信", "佳和", "瑞丰", "宏达", "永盛", "华腾", "金辉", "安居", "润泽"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉萍红建文辉宁欣怡晨浩宇思雨佳琪嘉俊志鹏晓燕海波"


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")


def _weighted(rng, pairs):
    return rng.choices([p for p, _w in pairs], weights=[w for _p, w in pairs])[0]


def first_day(today):
    return date(today.year - YEARS_BACK, 1, 1)


def _months(first, today):
    month = first
    while month <= today:
        yield month
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _month_end(month):
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1)


class District:
    """Everything one district's demo needs, loaded once."""

    def __init__(self, district, plan, today, scale):
        self.area, self.today, self.scale = district, today, scale
        (self.prefix, self.short, self.court, self.monthly, self.sector_plan, self.estates) = plan
        self.first = first_day(today)
        self.rng = random.Random(int(district.code))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.communities = list(Area.objects.filter(parent__in=self.streets).order_by("code"))
        users = User.objects.filter(area__path__startswith=district.path)
        self.street_users = {u.area_id: u for u in users.filter(role=Role.STREET).order_by("pk")}
        self.section = (users.filter(role=Role.SECTION, section="mediation").first()
                        or users.filter(role__in=[Role.SECTION, Role.LEADER]).first()
                        or User.objects.filter(role=Role.ADMIN).first())

    def recorder(self, area):
        """The street office of `area` (its own, or its parent's), else the mediation section."""
        user = self.street_users.get(area.pk) or self.street_users.get(area.parent_id)
        return user or self.section


# --- Organisations and mediators ------------------------------------------------------------------------


def _organisations(d):
    rng, rows = d.rng, []

    def founded(oldest, newest):
        return d.today - timedelta(days=rng.randint(newest, oldest))

    number = 0

    def add(**fields):
        nonlocal number
        number += 1
        org = Organisation(**fields)
        if org.founded_on < d.today - timedelta(days=60) or rng.random() < 0.5:
            org.filed_on = min(org.founded_on + timedelta(days=rng.randint(5, 25)), d.today)
            org.filing_number = f"{d.short}调备{number:04d}"
        rows.append(org)
        return org

    for street in d.streets:
        stem = street.name.removesuffix("街道")
        installed = founded(3 * 365, 30)
        add(name=f"{street.name}人民调解委员会", kind=Kind.STREET, area=street, founded_on=founded(15 * 365, 8 * 365),
            place=f"{street.name}办事处", devices=1, devices_installed_on=installed)
        for community in [c for c in d.communities if c.parent_id == street.pk]:
            add(name=f"{community.name}人民调解委员会", kind=Kind.COMMUNITY, area=community,
                founded_on=founded(15 * 365, 6 * 365), place=f"{community.name}工作站")
        rooms = rng.randint(1, 2)
        for _room in range(rooms):
            estate = rng.choice(d.estates)
            # Most rooms are older than the span; some opened in it (the stock grows), the latest not yet filed.
            add(name=f"{stem}{estate}物业调解室", kind=Kind.STREET, form=Form.ROOM, sector=Sector.PROPERTY,
                area=street, place=estate, founded_on=founded(6 * 365, 20))
    name, sector, place = d.sector_plan
    add(name=name, kind=Kind.SECTOR, sector=sector, area=d.area, place=place, founded_on=founded(8 * 365, 4 * 365),
        devices=2, devices_installed_on=founded(2 * 365, 200))
    return Organisation.objects.bulk_create(rows)


def _mediators(d, organisations):
    """3–7 mediators per organisation, some leaving and some joining over the span; the community committees take
    their community's legal advisor (牵手计划) as a part-time mediator."""
    from lawyers.models import Posting

    rng, rows = d.rng, []
    advisors = {}
    for posting in Posting.objects.in_area(d.area).select_related("lawyer").order_by("start_on", "pk"):
        advisors.setdefault(posting.area_id, posting)
    for org in organisations:
        count = {Form.ROOM: 2}.get(org.form) or (rng.randint(5, 7) if org.kind == Kind.STREET else rng.randint(3, 5))
        for n in range(count):
            start = org.founded_on if n < 2 else max(org.founded_on, d.first - timedelta(days=rng.randint(0, 900)))
            if n == count - 1 and rng.random() < 0.4:  # a newcomer within the span
                start = max(org.founded_on, d.today - timedelta(days=rng.randint(30, 600)))
            mediator = Mediator(organisation=org, area=org.area, name=_name(rng), from_on=start,
                                kind=Mediator.Kind.FULL_TIME if (org.kind == Kind.STREET and n == 0)
                                else Mediator.Kind.PART_TIME,
                                phone=f"1390000{rng.randint(0, 9999):04d}")
            if n >= 2 and rng.random() < 0.15:  # left within the span; the first two stay
                mediator.to_on = min(d.today - timedelta(days=1),
                                     max(start, d.first) + timedelta(days=rng.randint(60, 600)))
            rows.append(mediator)
        posting = advisors.get(org.area_id) if org.kind == Kind.COMMUNITY else None
        if posting is not None and rng.random() < 0.7:
            rows.append(Mediator(organisation=org, area=org.area, name=posting.lawyer.name, lawyer=posting.lawyer,
                                 kind=Mediator.Kind.PART_TIME, from_on=max(posting.start_on, org.founded_on)))
    return Mediator.objects.bulk_create(rows)


def _account(d, organisations):
    """The district's mediator who signs in (luohu_mediator …): a member of the first community's committee."""
    committee = next(o for o in organisations if o.kind == Kind.COMMUNITY)
    person = _name(d.rng)
    user, created = User.objects.get_or_create(
        username=f"{d.prefix}_mediator",
        defaults={"name": f"{committee.area.name}调委会 {person}", "role": MEDIATOR, "area": committee.area},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    mediator = Mediator.objects.create(organisation=committee, area=committee.area, name=user.name.split()[-1],
                                       kind=Mediator.Kind.PART_TIME, from_on=committee.founded_on, user=user,
                                       phone="13900000000")
    return user, mediator


# --- Trainings and screening ----------------------------------------------------------------------------


def _trainings(d):
    rng, rows = d.rng, []
    for month in _months(d.first, d.today):
        if month.month in (3, 6, 9, 12):
            held = month.replace(day=rng.randint(10, 25))
            if held <= d.today:
                rows.append(Training(area=d.area, title=f"{d.short}区人民调解员业务培训（{held.year}年第{month.month // 3}期）",
                                     held_on=held, online=True, attendees=rng.randint(40, 90),
                                     stream_viewers=int(rng.randint(150, 600) * d.scale) or 1))
        if month.month in (4, 10):
            for street in d.streets:
                held = month.replace(day=rng.randint(5, 28))
                if held <= d.today:
                    rows.append(Training(area=street, title=f"{street.name}调解员法律知识培训", held_on=held,
                                         attendees=rng.randint(15, 40)))
    return Training.objects.bulk_create(rows)


def _screening(d, cases_by_street_month):
    """A round per street and month; each finds the disputes that became some of its cases (found a day or two
    before acceptance) and a few more that were settled on the spot."""
    rng, rounds, disputes = d.rng, [], []
    for month in _months(d.first, d.today):
        end = min(_month_end(month), d.today)
        for street in d.streets:
            rounds.append(ScreeningRound(area=street, started_on=month, ended_on=end,
                                         title=f"{month.year}年{month.month}月矛盾纠纷排查",
                                         created_by=d.recorder(street)))
    ScreeningRound.objects.bulk_create(rounds)
    for round_ in rounds:
        cases = cases_by_street_month.get((round_.area_id, round_.started_on), [])
        for case in cases[: len(cases) // 3]:
            found = max(round_.started_on, case.accepted_on - timedelta(days=rng.randint(0, 2)))
            disputes.append(FoundDispute(round=round_, area=case.area, found_on=found, dispute_type=case.dispute_type,
                                         risk_level=RiskLevel.MEDIUM if case.escalation_risk else RiskLevel.LOW,
                                         description=case.summary, case=case))
        for _extra in range(max(1, int(rng.randint(2, 8) * d.scale))):
            found = round_.started_on + timedelta(days=rng.randint(0, (round_.ended_on - round_.started_on).days))
            kind = _weighted(rng, MIX["community"])
            disputes.append(FoundDispute(round=round_, area=round_.area, found_on=found, dispute_type=kind,
                                         risk_level=RiskLevel.HIGH if rng.random() < 0.03 else RiskLevel.LOW,
                                         description=rng.choice(SUMMARIES[kind]) + "已现场劝解化解。"))
    FoundDispute.objects.bulk_create(disputes)
    return rounds, disputes


# --- Cases ----------------------------------------------------------------------------------------------


def _case(d, org, mediator, accepted, kind, account_user):
    rng, today = d.rng, d.today
    low, high = AMOUNTS[kind]
    amount = Decimal(0) if (low == 0 and rng.random() < 0.5) else Decimal(rng.randint(low, high) // 100 * 100)
    source = _weighted(rng, [(Source.APPLICATION, 55), (Source.INITIATIVE, 25), (Source.COURT, 8),
                             (Source.POLICE, 6), (Source.PETITION, 4), (Source.OTHER_DEPARTMENT, 2)])
    referred = {Source.COURT: d.court, Source.POLICE: f"{d.short}公安分局{org.area.name[:2]}派出所",
                Source.PETITION: f"{d.short}区信访局", Source.OTHER_DEPARTMENT: f"{d.short}区人力资源局"}.get(source, "")
    case = Case(organisation=org, area=org.area, source=source, referred_by=referred, dispute_type=kind,
                summary=rng.choice(SUMMARIES[kind]), amount_involved=amount, accepted_on=accepted,
                mediator_id=mediator.pk,
                created_by=account_user if account_user is not None else d.recorder(org.area))
    # Most disputes are settled within days of acceptance; a few take most of the month.
    started = accepted + timedelta(days=rng.choice((0, 0, 0, 1, 2, 3)))
    concluded = started + timedelta(days=_weighted(rng, [(rng.randint(0, 5), 60), (rng.randint(6, 15), 30),
                                                         (rng.randint(16, 26), 10)]))
    if started <= today:
        case.status, case.mediation_started_on = Status.MEDIATING, started
    if started <= today and concluded <= today:
        case.status, case.concluded_on = Status.CONCLUDED, concluded
        if rng.random() < SUCCESS_RATE:
            case.outcome = Outcome.SUCCESS
            case.agreement_form = AgreementForm.WRITTEN if rng.random() < 0.6 else AgreementForm.ORAL
            case.agreement_signed_on = concluded if case.agreement_form == AgreementForm.WRITTEN else None
            case.agreement_content = "双方自愿达成协议，按约定履行。"
            performed = concluded + timedelta(days=rng.randint(0, 20))
            if performed <= today:
                case.performance = _weighted(rng, [(Performance.PERFORMED, 92), (Performance.PARTLY, 5),
                                                   (Performance.NOT_PERFORMED, 3)])
                case.performed_on = performed
            else:
                case.performance = Performance.PENDING
            if case.agreement_form == AgreementForm.WRITTEN and rng.random() < 0.1:
                applied = concluded + timedelta(days=rng.randint(1, 25))
                if applied <= today:
                    case.confirmation_applied_on, case.confirmation_online = applied, rng.random() < 0.7
                    case.confirmation_court = d.court
                    ruled = applied + timedelta(days=rng.randint(5, 15))
                    if ruled <= today:
                        case.confirmation_ruled_on = ruled
                        case.confirmation_result = (ConfirmationResult.CONFIRMED if rng.random() < 0.97
                                                    else ConfirmationResult.REJECTED)
        else:
            case.outcome, case.failure_reason = Outcome.FAILURE, rng.choice(FAILURE_REASONS)
    if rng.random() < 0.015 or (kind == DisputeType.LABOUR and amount > 50000 and rng.random() < 0.1):
        case.escalation_risk = True
        case.escalation_flagged_on = min(today, accepted + timedelta(days=rng.randint(0, 2)))
        case.escalation_measures = "及时联系社区网格员和派出所民警，做好双方情绪疏导，防止矛盾激化。"
        if case.status == Status.CONCLUDED:
            case.escalation_prevented = rng.random() < 0.97
    return case


def _share_key(org):
    """Which share of SHARE (and mix of MIX) an organisation's cases come from."""
    if org.form == Form.ROOM:
        return "room"
    return {Kind.COMMUNITY: "community", Kind.STREET: "street", Kind.SECTOR: "sector"}[Kind(org.kind)]


def _cases(d, organisations, mediators, account):
    rng, today = d.rng, d.today
    by_kind = {"community": [], "street": [], "room": [], "sector": []}
    for org in organisations:
        by_kind[_share_key(org)].append(org)
    serving = {}
    for m in mediators:
        serving.setdefault(m.organisation_id, []).append(m)
    cases = []
    for month in _months(d.first, today):
        last = min(_month_end(month), today)
        # a little seasonal swing: more disputes before the Spring Festival, fewer in it
        swing = {1: 1.15, 2: 0.75, 12: 1.1}.get(month.month, 1.0)
        count = max(3, round(d.monthly * swing * d.scale * rng.uniform(0.9, 1.1) * (last.day / _month_end(month).day)))
        for _n in range(count):
            key = _weighted(rng, SHARE)
            accepted = month + timedelta(days=rng.randint(0, (last - month).days))
            choices = [o for o in by_kind[key] if o.is_active_on(accepted)] or [
                o for o in by_kind["street"] if o.is_active_on(accepted)]
            org = rng.choice(choices)
            active = [m for m in serving.get(org.pk, []) if m.is_active_on(accepted)]
            if not active:
                continue
            # the organisation's own mix (a street's when the drawn kind had none active that day)
            mix = MIX.get(org.sector) if org.kind == Kind.SECTOR else MIX[_share_key(org)]
            mediator = rng.choice(active)
            by_account = account.user if account is not None and mediator.pk == account.pk else None
            cases.append(_case(d, org, mediator, accepted, _weighted(rng, mix), by_account))
    cases.sort(key=lambda c: (c.accepted_on, c.organisation_id))
    counters, prefixes = {}, {}
    for case in cases:
        year = case.accepted_on.year
        prefix = prefixes.get(year) or prefixes.setdefault(year, case_number_prefix(d.area, year))
        counters[prefix] = counters.get(prefix, 0) + 1
        case.number = f"{prefix}{counters[prefix]:05d}号"
    Case.objects.bulk_create(cases)
    parties = []
    for case in cases:
        company = case.dispute_type in {DisputeType.LABOUR, DisputeType.PROPERTY, DisputeType.CONTRACT,
                                        DisputeType.CONSUMER, DisputeType.BUSINESS}
        parties.append(Party(case=case, name=_name(rng), phone=f"1370000{rng.randint(0, 9999):04d}"))
        if company:
            parties.append(Party(case=case, kind=Party.Kind.ORGANISATION,
                                 name=rng.choice(COMPANIES).format(rng.choice(WORDS))))
        else:
            parties.append(Party(case=case, name=_name(rng)))
    Party.objects.bulk_create(parties)
    return cases


def by_street_month(d, cases):
    """{(street id, first of month): [case…]} of the cases of the streets' and communities' organisations."""
    streets = {s.pk for s in d.streets}
    grouped = {}
    for case in cases:
        street = case.area.pk if case.area.pk in streets else case.area.parent_id
        if street in streets:
            grouped.setdefault((street, case.accepted_on.replace(day=1)), []).append(case)
    return grouped


# --- entry point ------------------------------------------------------------------------------------------


def load(stdout, scale=1.0):
    """Create the demo mediation of each demo district that has none yet. `scale` shrinks the volumes (tests)."""
    today = timezone.localdate()
    with transaction.atomic():
        audit_bulk_writes()
        for code, plan in DISTRICTS.items():
            district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
            if district is None:
                stdout.write(f"mediation demo {code}: area missing, skipped (run load_reference_data)\n")
                continue
            if Organisation.objects.in_area(district).exists():
                stdout.write(f"mediation demo {district.name}: organisations already present\n")
                continue
            d = District(district, plan, today, scale)
            if not d.streets or d.section is None:
                stdout.write(f"mediation demo {district.name}: no streets or users, skipped\n")
                continue
            organisations = _organisations(d)
            mediators = _mediators(d, organisations)
            user, account = _account(d, organisations)
            mediators.append(account)
            trainings = _trainings(d)
            cases = _cases(d, organisations, mediators, account)
            rounds, disputes = _screening(d, by_street_month(d, cases))
            successful = sum(1 for c in cases if c.outcome == Outcome.SUCCESS)
            concluded = sum(1 for c in cases if c.status == Status.CONCLUDED)
            stdout.write(f"mediation demo {district.name}: {len(organisations)} organisations, {len(mediators)} "
                         f"mediators, {len(trainings)} trainings, {len(rounds)} screening rounds "
                         f"({len(disputes)} disputes), {len(cases)} cases ({successful} of {concluded} concluded "
                         f"successfully); account {user.username}\n")

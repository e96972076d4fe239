"""Demo registry for 罗湖区 and 光明区: law firms, their lawyers and a few public-sector lawyers; then the
community legal advisors: service points, an advisor posted to every community on yearly contracts, their
service logs and the months appraised; then the lawyers section's supervision work (lawyers.supervision_demo)
— over the two previous whole years and this year to date, so every trend and year-on-year comparison has a
real base whatever day the demo is loaded.

Every name, address, telephone and number here is invented (firm names are place-like words plus a
virtue, telephones use the unassigned 0755-0000 block); credit codes, certificate and ID numbers are
well-formed with correct check characters so that the pages and validations behave as with real data.
Dates are drawn as distances back from today (practice starts, foundings), so the registry has the same shape
on any day. A fixed seed makes the data the same on every machine for the same day; a district that already has
law firms, or postings, is left alone, so a second run — on any later day — adds nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from bureau.audit import audit_bulk_writes
from bureau.models import Area, Role, User
from lawyers.apps import FUNCTION

from .models import LawFirm, Lawyer, Posting, ServiceKind, ServiceLog, ServicePoint, Specialty, Status

FIRMS_PER_DISTRICT = 12
PUBLIC_LAWYERS_PER_DISTRICT = 3

DISTRICTS = [
    # district code, firm-name place words (invented), roads
    ("440303", ["梧桐", "湖贝", "深南", "布心", "洪湖", "泥岗", "翠岭", "莲花山", "笋园", "东晓", "清水", "桂岭"],
     ["人民南路", "东门中路", "宝安南路", "爱国路", "翠竹路", "笋岗路", "太宁路", "莲塘路"]),
    ("440311", ["茅洲河", "楼村", "甲子塘", "虹桥", "迳口", "凤凰山", "玉律", "新羌", "公明", "马山头", "塘尾",
                "圳美"],
     ["光明大道", "华夏路", "公明南环大道", "松白路", "观光路", "光侨路"]),
]
VIRTUES = ["衡平", "守正", "致远", "和衷", "立信", "弘法", "知行", "明理", "同德", "博睿", "恒道", "正言"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉萍红娥建文辉宁欣怡晨浩宇子轩思雨佳琪嘉俊志鹏晓燕海波"
# Birthplaces for ID numbers: region codes python-stdnum knows (Shenzhen and a few home provinces);
# 东城区 and 黄浦区 are valid for any birth year.
BIRTH_REGIONS = ["440303", "440304", "440305", "440104", "441402", "360102", "420106", "510104", "110101", "310101"]
KIND_DIGIT = {Lawyer.Kind.FULL_TIME: "1", Lawyer.Kind.PART_TIME: "2", Lawyer.Kind.PUBLIC: "3"}
SPECIALTIES = list(Specialty)


def _name(rng):
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _days_back(rng, day, fewest, most):
    """A day between `most` and `fewest` days before `day` (a span of the same width whatever the day, so the
    random stream, and with it the credit codes and certificate sequences, is the same on every day)."""
    return day - timedelta(days=rng.randint(fewest, most))


def first_day(today):
    """The advisors' demo starts on 1 January two years before today."""
    return date(today.year - 2, 1, 1)


def _id_number(rng, practice_start, male):
    born = _days_back(rng, practice_start, 24 * 365, 32 * 365)
    sequence = f"{rng.randint(0, 99):02d}{rng.choice('13579' if male else '02468')}"
    for region in rng.sample(BIRTH_REGIONS, len(BIRTH_REGIONS)):
        body = f"{region}{born:%Y%m%d}{sequence}"
        number = body + ric.calc_check_digit(body + "0")
        if ric.is_valid(number):  # most region codes count only from the year they were created (1983 or later)
            return number
    raise AssertionError("BIRTH_REGIONS needs a region code valid for every birth year")


def _credit_code(district_code, number, rng):
    body = f"31440000{district_code[-3:]}{number:02d}{rng.randint(0, 9999):04d}"
    return body + uscc.calc_check_digit(body)


def _lawyer(rng, district_number, index, kind, today):
    """The index-th lawyer of a district, licensed a month to 21 years ago. Every specialty appears (one each in
    turn), criminal defence is common, 1–3 specialties each; two per district are suspended."""
    practice_start = _days_back(rng, today, 30, 21 * 365)
    male = rng.random() < 0.6
    specialties = [SPECIALTIES[index % len(SPECIALTIES)]]
    if index % 4 == 1:
        specialties.append(Specialty.CRIMINAL)
    specialties = list(dict.fromkeys(specialties + rng.sample(SPECIALTIES, rng.randint(0, 2))))[:3]
    return Lawyer(
        name=_name(rng),
        id_number=_id_number(rng, practice_start, male),
        # region, kind, year of first licence, sex, then a sequence unique in the demo
        certificate_number=f"4403{KIND_DIGIT[kind]}{practice_start.year}{int(male)}{district_number}{index:06d}",
        kind=kind,
        practice_start=practice_start,
        specialties=[s.value for s in specialties],
        legal_aid_available=rng.random() < 0.85,
        phone=f"1380000{rng.randint(0, 9999):04d}",
        status=Status.SUSPENDED if index in (7, 23) else Status.PRACTISING,
    )


def plan(streets, today):
    """The demo registry as unsaved rows, the same on every run of the same day.

    `streets` maps street codes to Areas (with their district). Returns ([firm…], [(lawyer, firm's credit code or None)…]).
    """
    rng = random.Random(2026)
    firms, lawyers = [], []
    for district_number, (district_code, places, roads) in enumerate(DISTRICTS, start=1):
        codes = sorted(code for code in streets if code.startswith(district_code))
        seats = []  # (kind, firm's credit code, street code)
        for number, (place, virtue) in enumerate(zip(places, rng.sample(VIRTUES, len(places))), start=1):
            # Every street has a firm; the rest go where the draw puts them.
            street = codes[number - 1] if number <= len(codes) else rng.choice(codes)
            firm = LawFirm(
                name=f"广东{place}{virtue}律师事务所",
                credit_code=_credit_code(district_code, number, rng),
                area=streets[street],
                address=f"深圳市{streets[street].parent.name}{rng.choice(roads)}{rng.randint(1, 399)}号",
                phone=f"0755-0000{rng.randint(0, 9999):04d}",
                founded_on=_days_back(rng, today, 8 * 365, 31 * 365),
            )
            firms.append(firm)
            seats += [(Lawyer.Kind.FULL_TIME if rng.random() < 0.85 else Lawyer.Kind.PART_TIME, firm.credit_code,
                       street) for _seat in range(rng.randint(3, 5))]
        seats += [(Lawyer.Kind.PUBLIC, None, rng.choice(codes)) for _seat in range(PUBLIC_LAWYERS_PER_DISTRICT)]
        for index, (kind, firm_code, street) in enumerate(seats, start=1):
            lawyer = _lawyer(rng, district_number, index, kind, today)
            lawyer.area = streets[street]
            lawyers.append((lawyer, firm_code))
    for firm in firms:  # the firm's first lawyer directs it
        firm.director = next(lawyer.name for lawyer, code in lawyers if code == firm.credit_code)
    return firms, lawyers


@transaction.atomic
def load(stdout):
    audit_bulk_writes()  # every audit trigger still records, without a subtransaction per row (bureau.audit)
    streets = {area.code: area for area in Area.objects.filter(level=Area.Level.STREET).select_related("parent")}
    firms, lawyers = plan(streets, timezone.localdate())

    # A district with a registry keeps it (the dates, and with them the certificate numbers, move with the day).
    filled = {code for code, _places, _roads in DISTRICTS
              if LawFirm.objects.filter(area__code__startswith=code).exists()}
    new_firms = LawFirm.objects.bulk_create([firm for firm in firms if firm.area.parent.code not in filled])
    firm_ids = {firm.credit_code: firm.pk for firm in new_firms}
    new_lawyers = []
    for lawyer, firm_code in lawyers:
        if lawyer.area.parent.code not in filled:
            lawyer.firm_id = firm_ids.get(firm_code)
            new_lawyers.append(lawyer)
    Lawyer.objects.bulk_create(new_lawyers)

    stdout.write(f"lawyers demo: {len(firms)} firms, {len(lawyers)} lawyers "
                 f"({len(new_firms)} firms and {len(new_lawyers)} lawyers new)\n")
    load_advisors(stdout)
    load_supervision(stdout)


def load_supervision(stdout):
    """The 律师工作科's supervision work over the same span (lawyers.supervision_demo), recorded by the district's
    lawyers section account (the administrator's when there is none; nothing without either)."""
    from . import supervision_demo

    supervision_demo.load(stdout, districts=[code for code, _places, _roads in DISTRICTS], name=_name,
                          first_day=first_day, appraiser=_appraiser)


# --- Community legal advisors -------------------------------------------------------------------------------

ADVISOR_CONTRACT = "顾问合同〔{year}〕{district}-{n:03d}"
POINT_HOURS = {
    ServicePoint.Kind.DISTRICT_CENTRE: "周一至周五 9:00–12:00，14:00–18:00；周六 9:00–12:00",
    ServicePoint.Kind.STREET_STATION: "周一至周五 9:00–12:00，14:00–18:00",
    ServicePoint.Kind.COMMUNITY_ROOM: "每周二、周四 14:30–17:30（法律顾问坐班）",
    ServicePoint.Kind.PARK_ROOM: "每周三 9:30–11:30",
    ServicePoint.Kind.ENTERPRISE_ROOM: "每月第一、三周周五 14:00–17:00",
}
# Parks and enterprises with a room of their own (invented names), in the district's n-th community.
EXTRA_POINTS = {
    "440303": [(ServicePoint.Kind.ENTERPRISE_ROOM, "水贝珠宝产业企业公共法律服务室", 10),
               (ServicePoint.Kind.PARK_ROOM, "笋岗物流园区公共法律服务室", 16)],
    "440311": [(ServicePoint.Kind.PARK_ROOM, "光明科学城产业园公共法律服务室", 1),
               (ServicePoint.Kind.PARK_ROOM, "公明时尚产业园公共法律服务室", 4),
               (ServicePoint.Kind.ENTERPRISE_ROOM, "凤凰制造企业公共法律服务室", 10)],
}
# kind: (weight, count range, hours range in half hours, notes)
ACTIVITY = {
    ServiceKind.CONSULTATION: (40, (1, 6), (1, 3), ["婚姻家庭继承咨询", "劳动报酬、工伤咨询", "房屋租赁纠纷咨询",
                                                     "物业服务费争议咨询", "借贷合同咨询"]),
    ServiceKind.DISPUTE: (11, (1, 2), (2, 6), ["邻里漏水纠纷调处", "物业与业主停车费纠纷", "家庭赡养纠纷",
                                               "装修噪音纠纷", "商铺租赁押金纠纷"]),
    ServiceKind.PUBLICITY: (9, (20, 150), (2, 5), ["民法典进社区宣传", "防范电信诈骗普法摊位", "宪法宣传周活动",
                                                   "反家庭暴力法宣传"]),
    ServiceKind.LECTURE: (5, (15, 80), (3, 5), ["老年人防诈骗法治讲座", "居委会工作人员依法履职培训",
                                                "青少年法治教育课"]),
    ServiceKind.DOCUMENT_REVIEW: (10, (1, 5), (1, 4), ["审查社区物业服务合同", "审查居民公约修订稿",
                                                       "审查社区工作站采购合同"]),
    ServiceKind.LEGAL_OPINION: (5, (1, 2), (2, 4), ["就旧改签约问题出具法律意见", "就社区场地租赁出具法律意见"]),
    ServiceKind.MASS_INCIDENT: (1, (10, 60), (4, 8), ["协助处置欠薪集体讨薪", "协助处理小区业主集体维权"]),
    ServiceKind.ONLINE: (9, (1, 15), (1, 3), ["社区微信群在线解答", "“深i法”平台在线咨询"]),
    ServiceKind.ENTERPRISE_VISIT: (6, (1, 4), (2, 6), ["走访辖区小微企业了解用工风险", "走访商户讲解合同风险"]),
    ServiceKind.HEALTH_CHECK: (4, (1, 2), (3, 8), ["为企业开展劳动用工法治体检", "为企业开展合同管理法治体检"]),
}


def _points(district, communities, streets):
    """The district's centre, a station per street, a room per community and its park and enterprise rooms."""
    points = [ServicePoint(name=f"{district.name}公共法律服务中心", kind=ServicePoint.Kind.DISTRICT_CENTRE,
                           area=district, address=f"深圳市{district.name}公共服务大楼一楼", phone="0755-00001234")]
    points += [ServicePoint(name=f"{street.name}公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                            area=street, address=f"{street.name}办事处一楼") for street in streets]
    points += [ServicePoint(name=f"{community.name}公共法律服务室", kind=ServicePoint.Kind.COMMUNITY_ROOM,
                            area=community, address=f"{community.name}党群服务中心") for community in communities]
    for kind, name, index in EXTRA_POINTS[district.code]:
        points.append(ServicePoint(name=name, kind=kind, area=communities[index]))
    for point in points:
        point.opening_hours = POINT_HOURS[ServicePoint.Kind(point.kind)]
    return points


def _logs(rng, lawyer_id, community, point, start, last, activity, user):
    """One advisor's entries in one community from `start` to `last`, weekdays mostly, on the advisor's own
    rhythm."""
    kinds = list(ACTIVITY)
    weights = [ACTIVITY[kind][0] for kind in kinds]
    day, logs = start, []
    while day <= last:
        chance = activity if day.weekday() < 5 else activity / 6
        for _entry in range(2 if rng.random() < chance / 4 else 1):
            if rng.random() >= chance:
                continue
            kind = rng.choices(kinds, weights)[0]
            _weight, (low, high), (half_low, half_high), notes = ACTIVITY[kind]
            at_point = point is not None and kind in {ServiceKind.CONSULTATION, ServiceKind.HEALTH_CHECK,
                                                       ServiceKind.ENTERPRISE_VISIT} and rng.random() < 0.4
            logs.append(ServiceLog(
                lawyer_id=lawyer_id, area=community, point=point if at_point else None, on=day, kind=kind,
                count=rng.randint(low, high), resolved=kind == ServiceKind.DISPUTE and rng.random() < 0.78,
                hours=Decimal(rng.randint(half_low, half_high)) / 2, notes=rng.choice(notes), recorded_by=user,
            ))
        day += timedelta(days=1)
    return logs


def _appraiser(district):
    """Who records the entries of advisors without an account: the district's lawyers section, else the
    administrator."""
    return (User.objects.filter(role=Role.SECTION, section=FUNCTION, area=district).first()
            or User.objects.filter(is_superuser=True).order_by("pk").first())


CHANGE_AT_RENEWAL = 0.15  # chance that a community gets another advisor with the next year's contract


def load_advisors(stdout):
    """Points, yearly postings, the logs and the closed months over the span. Each part is skipped if already
    there."""
    from . import services

    today = timezone.localdate()
    first = first_day(today)
    rng = random.Random(6)
    new = {"points": 0, "postings": 0, "logs": 0, "appraisals": 0}
    for district_code, _places, _roads in DISTRICTS:
        district = Area.objects.filter(code=district_code).first()
        if district is None:
            continue
        streets = list(Area.objects.filter(parent=district).order_by("code"))
        communities = list(Area.objects.filter(parent__in=streets).select_related("parent").order_by("code"))
        if not communities:
            continue
        planned = _points(district, communities, streets)
        present = set(ServicePoint.objects.filter(area__path__startswith=district.path).values_list("name", flat=True))
        new["points"] += len(ServicePoint.objects.bulk_create([p for p in planned if p.name not in present]))
        points = {p.name: p for p in ServicePoint.objects.filter(area__path__startswith=district.path)}

        if Posting.objects.in_area(district).exists():
            continue
        # One advisor per community, drawn from the district's practising lawyers licensed before the span; now
        # and then another one at a renewal. The park and enterprise rooms are served by the advisor of the
        # community they are in.
        pool = list(Lawyer.objects.in_area(district).filter(status=Status.PRACTISING, user__isnull=True,
                                                            practice_start__lt=first)
                    .order_by("certificate_number").values_list("pk", flat=True))
        advisors = rng.sample(pool, len(communities))
        spare = [pk for pk in pool if pk not in advisors]
        accounts = {user.area_id: user for user in User.objects.filter(
            role=Role.ADVISOR, area__in=communities, lawyer__isnull=True)}
        recorder = _appraiser(district)
        postings, logs, numbers = [], [], {}
        for community, lawyer_id in zip(communities, advisors):
            rooms = [p for p in points.values() if p.area_id == community.pk and p.kind in {
                ServicePoint.Kind.PARK_ROOM, ServicePoint.Kind.ENTERPRISE_ROOM}]
            room = rooms[0] if rooms else None
            account = accounts.get(community.pk)
            # Most advisors are steady; one in eight went quiet three weeks or two months ago, so their street
            # office has a to-do; the demo accounts are busy and have logged today.
            activity = rng.uniform(0.35, 0.75)
            quiet = rng.random() < 0.125 and not account
            for year in range(first.year, today.year + 1):
                start, end = date(year, 1, 1), date(year, 12, 31)
                if year > first.year and spare and not account and rng.random() < CHANGE_AT_RENEWAL:
                    spare.append(lawyer_id)
                    lawyer_id = spare.pop(rng.randrange(len(spare) - 1))
                for place in [None, room] if room else [None]:
                    numbers[year] = numbers.get(year, 0) + 1
                    postings.append(Posting(
                        lawyer_id=lawyer_id, area=community, point=place, start_on=start, end_on=end,
                        contract_number=ADVISOR_CONTRACT.format(year=year, district=district_code, n=numbers[year])))
                if account or recorder:  # else no one to record the entries (a database without the demo accounts)
                    last = min(end, today - timedelta(days=rng.choice([21, 60])) if quiet else today)
                    logs += _logs(rng, lawyer_id, community, room, start, last, activity, account or recorder)
            if account:
                Lawyer.objects.filter(pk=lawyer_id).update(user=account)
                logs.append(ServiceLog(lawyer_id=lawyer_id, area=community, on=today, kind=ServiceKind.CONSULTATION,
                                       count=2, hours=Decimal("1.0"), notes="婚姻家庭继承咨询", recorded_by=account))
        new["postings"] += len(Posting.objects.bulk_create(postings))
        new["logs"] += len(ServiceLog.objects.bulk_create(logs, batch_size=2000))
        new["appraisals"] += _close_past_months(district, first, today, services)
    stdout.write(f"lawyers demo: advisors — {new['points']} service points, {new['postings']} postings, "
                 f"{new['logs']} service log entries, {new['appraisals']} months appraised (new)\n")


def _close_past_months(district, first, today, services):
    """Every month of the span but the last one is appraised; the last is left for the section to close."""
    by = User.objects.filter(role=Role.SECTION, section=FUNCTION, area=district).first()
    if by is None:
        return 0
    last = services.last_month(today)
    logged = set(ServiceLog.objects.in_area(district).filter(on__gte=first, on__lt=last)
                 .dates("on", "month"))
    for month in sorted(logged):
        services.appraisal_close(district=district, month=month, by=by,
                                 comment="本月各社区法律顾问均能按要求开展服务，请排名靠后的顾问加强驻点服务。")
    return len(logged)

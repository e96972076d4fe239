"""Demo data of the network and the residents' side, for both demo districts (罗湖区 440303, 光明区 440311),
then the campaigns' (campaign_demo.load).

The sites are the advisors' service points the lawyers demo created (one model): here they get coordinates,
services, specialities and weekly hours through `site_update` and `opening_hours_set`, and the stations and the
centre a duty roster around today through `duty_add`. The year of history before today — bookings served,
questions answered on time, late or still open, classes held — cannot go through the residents' services,
which only book future slots and date a question today: those rows are built as the services would leave them
and written in bulk (audited, bureau.audit.audit_bulk_writes); the open questions' to-dos come from the rule.
A few upcoming classes with sign-ups and future bookings go through the services. Skipped for a district that
already has opening hours.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bureau.audit import audit_bulk_writes
from bureau.models import Area, Role, User
from bureau.reminders import reminders_refresh
from bureau.workdays import WorkingCalendar
from lawyers.models import Lawyer, Posting, ServicePoint, SiteLevel, SiteService, Speciality, Status

from . import campaign_demo, services
from .models import (
    Booking,
    BookingStatus,
    ClassKind,
    ClassStatus,
    LegalClass,
    OpeningHours,
    Question,
    QuestionCategory,
    Slot,
)
from .reminders import ANSWER_DUE

# Rough centres of the districts (WGS-84) and the spread of their streets.
CENTRES = {"440303": (Decimal("22.5480"), Decimal("114.1310")), "440311": (Decimal("22.7480"), Decimal("113.9360"))}
SPECIAL_ROOMS = {"光明科学城产业园公共法律服务室": Speciality.IP, "公明时尚产业园公共法律服务室": Speciality.LABOUR,
                 "凤凰制造企业公共法律服务室": Speciality.COMMERCIAL,
                 "水贝珠宝产业企业公共法律服务室": Speciality.COMMERCIAL,
                 "笋岗物流园区公共法律服务室": Speciality.LABOUR}
SERVICES = {
    SiteLevel.CENTRE: [SiteService.CONSULTATION, SiteService.LEGAL_AID, SiteService.MEDIATION, SiteService.DOCUMENTS,
                       SiteService.NOTARY],
    SiteLevel.STATION: [SiteService.CONSULTATION, SiteService.LEGAL_AID, SiteService.MEDIATION,
                        SiteService.DOCUMENTS],
    SiteLevel.ROOM: [SiteService.CONSULTATION, SiteService.MEDIATION],
    SiteLevel.PARK: [SiteService.CONSULTATION, SiteService.ENTERPRISE],
}
# weekday, start, end, slot minutes, limit — per level
HOURS = {
    SiteLevel.CENTRE: [(d, time(9), time(12), 30, 4) for d in range(5)] + [(d, time(14), time(18), 30, 4)
                                                                           for d in range(5)]
    + [(5, time(9), time(12), 30, 3)],
    SiteLevel.STATION: [(d, time(9), time(12), 30, 3) for d in range(5)] + [(d, time(14), time(17), 30, 3)
                                                                            for d in range(5)],
    SiteLevel.ROOM: [(1, time(14, 30), time(17, 30), 30, 2), (3, time(14, 30), time(17, 30), 30, 2)],
    SiteLevel.PARK: [(2, time(9, 30), time(11, 30), 30, 2)],
}
QUESTION_TEXTS = {
    QuestionCategory.LABOUR: ["公司拖欠我两个月工资，离职后一直不给，我该怎么维权？",
                              "试用期被辞退没有任何补偿，这合法吗？需要准备什么材料申请仲裁？"],
    QuestionCategory.FAMILY: ["离婚时房子是婚前一方父母出资购买的，应该怎么分割？",
                              "父亲去世没有留遗嘱，兄弟姐妹之间怎么继承他的房产？"],
    QuestionCategory.CONTRACT: ["朋友借了我五万元写了借条，现在到期不还，我可以起诉吗？",
                                "装修公司没按合同工期完工，能要求赔偿违约金吗？"],
    QuestionCategory.PROPERTY: ["房东提前收回房子，押金不退，我该怎么办？",
                                "小区物业乱收停车费，业主可以拒交吗？"],
    QuestionCategory.TRAFFIC: ["被电动车撞伤，对方没有保险，医药费怎么要？"],
    QuestionCategory.CONSUMER: ["网购的手机有质量问题，商家拒绝退货怎么办？"],
    QuestionCategory.ENTERPRISE: ["小公司招聘员工，劳动合同里必须写哪些条款？"],
    QuestionCategory.OTHER: ["邻居家装修噪音每天到晚上十点，物业不管，可以找谁？"],
}
ANSWER = ("您好，根据您描述的情况，建议您先收集并保存相关证据（合同、聊天记录、转账凭证等），与对方协商；协商不成的，"
          "可以向所在街道公共法律服务工作站申请人民调解，或依法申请仲裁、提起诉讼。如符合法律援助条件，可到区公共法律"
          "服务中心申请法律援助。")
CLASS_TITLES = ["民法典与百姓生活", "防范电信网络诈骗", "劳动合同签订要点", "老年人权益保障", "未成年人保护法进校园",
                "物业纠纷化解", "企业用工法律风险", "反家庭暴力法宣讲"]
MATTERS = ["劳动报酬纠纷咨询", "离婚财产分割咨询", "房屋租赁押金纠纷", "借款合同纠纷", "工伤认定咨询", "继承咨询"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"


def _phone(rng):
    return f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"


def _resident(rng):
    return rng.choice(SURNAMES) + rng.choice(["先生", "女士"])


def _street_code(site):
    codes = site.area.path.strip("/").split("/")
    return codes[2] if len(codes) > 2 else None


class District:
    def __init__(self, district, today, rng):
        self.district, self.today, self.rng = district, today, rng
        self.first = date(today.year - 1, 1, 1)
        self.sites = list(ServicePoint.objects.in_area(district).select_related("area").order_by("area__code", "pk"))
        self.streets = list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))
        self.section = (User.objects.filter(role=Role.SECTION, section="public_service", area=district).first()
                        or User.objects.filter(is_superuser=True).order_by("pk").first())
        self.lawyers = list(Lawyer.objects.in_area(district).filter(status=Status.PRACTISING).order_by("pk")
                            .values_list("pk", flat=True))


def _network(d):
    """Coordinates, services, specialities, an opening date and the weekly hours of every site."""
    lat0, lng0 = CENTRES.get(d.district.code, (Decimal("22.6"), Decimal("114.0")))
    street_index = {street.code: i for i, street in enumerate(d.streets)}
    for n, site in enumerate(d.sites):
        index = street_index.get(_street_code(site))
        if index is None:  # the centre
            site.latitude, site.longitude = lat0, lng0
        else:
            ring = Decimal(index % 4 - 1.5) * Decimal("0.018"), Decimal(index // 4 - 1) * Decimal("0.022")
            jitter = (Decimal(d.rng.randint(-60, 60)) / 10000, Decimal(d.rng.randint(-60, 60)) / 10000)
            own = (Decimal("0"), Decimal("0")) if site.level == SiteLevel.STATION else jitter
            site.latitude = (lat0 + ring[0] + own[0]).quantize(Decimal("0.000001"))
            site.longitude = (lng0 + ring[1] + own[1]).quantize(Decimal("0.000001"))
        site.services = list(SERVICES[site.level])
        site.speciality = SPECIAL_ROOMS.get(site.name, "")
        # Most sites date from three years back; a few community rooms opened last summer.
        site.opened_on = date(d.today.year - 3, 1, 1) if n % 9 else date(d.today.year - 1, 7, 1)
        if not site.address:
            site.address = f"{site.area.name}党群服务中心"
        services.site_update(point=site, by=d.section)
        services.opening_hours_set(point=site, by=d.section, rows=[
            OpeningHours(weekday=w, start=s, end=e, slot_minutes=m, slot_limit=limit)
            for w, s, e, m, limit in HOURS[site.level]])


def _roster(d, accounts):
    """The centre and every station: a lawyer on duty each working day from two weeks back to two weeks ahead;
    the demo advisor's lawyer is on duty at their street's station today."""
    calendar = WorkingCalendar(d.today - timedelta(days=15), d.today + timedelta(days=15))
    desks = [s for s in d.sites if s.level in {SiteLevel.CENTRE, SiteLevel.STATION}]
    if not d.lawyers:
        return 0
    count = 0
    for offset in range(-14, 15):
        day = d.today + timedelta(days=offset)
        if not calendar.is_working_day(day):
            continue
        for i, site in enumerate(desks):
            lawyer_id = d.lawyers[(i * 7 + offset) % len(d.lawyers)]
            if offset == 0 and site.level == SiteLevel.STATION and _street_code(site) in accounts:
                lawyer_id = accounts[_street_code(site)]
            services.duty_add(point=site, on=day, lawyer=Lawyer(pk=lawyer_id, status=Status.PRACTISING), by=d.section)
            count += 1
    return count


def _slot_start(rng, site, day):
    rows = [row for w, s, e, m, limit in HOURS[site.level] if w == day.weekday()
            for row in [(s, e, m)]]
    if not rows:
        return None
    start, end, minutes = rng.choice(rows)
    slots = int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60 // minutes)
    at = datetime.combine(day, start, tzinfo=timezone.get_current_timezone()) + timedelta(
        minutes=minutes * rng.randrange(slots))
    return at, at + timedelta(minutes=minutes), minutes


def _bookings(d):
    """A year of bookings before today: most served, some no-shows, a few cancelled."""
    slots, bookings = {}, []
    for site in d.sites:
        chance = {SiteLevel.CENTRE: 0.6, SiteLevel.STATION: 0.3, SiteLevel.ROOM: 0.08, SiteLevel.PARK: 0.15}[site.level]
        day = d.first
        while day < d.today:
            if d.rng.random() < chance and any(w == day.weekday() for w, *_ in HOURS[site.level]):
                for _n in range(d.rng.randint(1, 2)):
                    start, end, _minutes = _slot_start(d.rng, site, day)
                    limit = next(limit for w, s, e, m, limit in HOURS[site.level] if w == day.weekday())
                    slot = slots.setdefault((site.pk, start), Slot(point=site, starts_at=start, ends_at=end,
                                                                   limit=limit))
                    roll = d.rng.random()
                    status = (BookingStatus.ATTENDED if roll < 0.84 else BookingStatus.ABSENT if roll < 0.94
                              else BookingStatus.CANCELLED)
                    bookings.append(Booking(
                        slot=slot, point=site, on=day, phone=_phone(d.rng), name=_resident(d.rng),
                        matter=d.rng.choice(MATTERS), status=status,
                        service_given="解答法律咨询" if status == BookingStatus.ATTENDED else "",
                        recorded_by=d.section if status != BookingStatus.CANCELLED else None))
            day += timedelta(days=1)
    Slot.objects.bulk_create(slots.values(), batch_size=2000)
    for booking in bookings:
        booking.slot_id = booking.slot.pk  # saved just above
    Booking.objects.bulk_create(bookings, batch_size=2000)
    return len(bookings)


def _questions(d):
    """About one online question a working day per district: most answered in time, some late, the last days'
    still open (and a few overdue), each with its street's lawyer."""
    calendar = WorkingCalendar(d.first - timedelta(days=1), d.today + timedelta(days=60))
    clock = services.answer_workdays()
    posted = {}
    for street in d.streets:
        lawyer = Posting.objects.in_area(street).order_by("lawyer_id").values_list("lawyer_id", flat=True).first()
        posted[street.pk] = lawyer
    answerers = {street.pk: User.objects.filter(role=Role.STREET, area=street).first() for street in d.streets}
    questions = []
    day = d.first
    while day <= d.today:
        if calendar.is_working_day(day) and d.streets:
            for _n in range(d.rng.choice([0, 1, 1, 2])):
                street = d.rng.choice(d.streets)
                category = d.rng.choice(list(QUESTION_TEXTS))
                due = calendar.add_working_days(day, clock)
                asked_at = datetime.combine(day, time(d.rng.randint(8, 21), d.rng.randint(0, 59)),
                                            tzinfo=timezone.get_current_timezone())
                question = Question(phone=_phone(d.rng), street=street, category=category,
                                    text=d.rng.choice(QUESTION_TEXTS[category]), asked_at=asked_at, asked_on=day,
                                    due_on=due, lawyer_id=posted.get(street.pk))
                recent = (d.today - day).days <= 3
                by = answerers.get(street.pk) or d.section
                if not (recent and d.rng.random() < 0.6) and not ((d.today - day).days < 12 and d.rng.random() < 0.08):
                    late = d.rng.random() < 0.1
                    answered_on = (calendar.add_working_days(due, d.rng.randint(1, 3)) if late
                                   else calendar.add_working_days(day, d.rng.randint(0, clock)))
                    if answered_on <= d.today:
                        question.answer, question.answered_on, question.answered_by = ANSWER, answered_on, by
                        question.answered_at = datetime.combine(answered_on, time(16),
                                                                tzinfo=timezone.get_current_timezone())
                questions.append(question)
        day += timedelta(days=1)
    Question.objects.bulk_create(questions, batch_size=2000)
    reminders_refresh([ANSWER_DUE], records=Question.objects.in_area(d.district).open(), fresh=True)
    return len(questions)


def _classes(d):
    """Two classes or activities a month held before today, and three upcoming with sign-ups."""
    classes = []
    month = d.first
    rooms = [s for s in d.sites if s.level in {SiteLevel.STATION, SiteLevel.CENTRE}]
    while month < d.today.replace(day=1):
        for n in range(2):
            held = month + timedelta(days=d.rng.randint(3, 25))
            if held >= d.today or not rooms:
                continue
            site = d.rng.choice(rooms)
            classes.append(LegalClass(
                kind=ClassKind.CLASS if n == 0 else ClassKind.ACTIVITY, title=d.rng.choice(CLASS_TITLES),
                area=site.area if site.level == SiteLevel.STATION else d.district, point=site, place=site.name,
                speaker="社区法律顾问",
                starts_at=datetime.combine(held, time(15), tzinfo=timezone.get_current_timezone()),
                capacity=60, status=ClassStatus.HELD, held_on=held, attendees=d.rng.randint(18, 60),
                created_by=d.section))
        month = (month + timedelta(days=32)).replace(day=1)
    LegalClass.objects.bulk_create(classes)
    upcoming = 0
    for n, site in enumerate(rooms[:3]):
        starts = datetime.combine(d.today + timedelta(days=5 + 6 * n), time(15), tzinfo=timezone.get_current_timezone())
        legal_class = services.class_create(legal_class=LegalClass(
            kind=ClassKind.CLASS, title=CLASS_TITLES[n], area=site.area if site.level == SiteLevel.STATION else
            d.district, point=site, place=site.name, speaker="值班律师", starts_at=starts, capacity=40,
            description="免费参加，请提前报名。"), by=d.section)
        for _k in range(d.rng.randint(3, 12)):
            services.class_signup(legal_class=legal_class, phone=_phone(d.rng), name=_resident(d.rng))
        upcoming += 1
    return len(classes) + upcoming


def load(stdout=None):
    today = timezone.localdate()
    rng = random.Random(14)
    with transaction.atomic():
        audit_bulk_writes()
        for code in CENTRES:
            district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
            if district is None:
                stdout and stdout.write(f"public_service demo {code}: area missing, skipped\n")
                continue
            if OpeningHours.objects.in_area(district).exists():
                stdout and stdout.write(f"public_service demo {district.name}: network already present\n")
                continue
            d = District(district, today, rng)
            if not d.sites or d.section is None:
                stdout and stdout.write(f"public_service demo {district.name}: no sites (run the lawyers demo)\n")
                continue
            _network(d)
            accounts = {}
            for lawyer_id, path in Lawyer.objects.filter(user__isnull=False, postings__area__path__startswith=
                                                         district.path).values_list("pk", "postings__area__path"):
                codes = path.strip("/").split("/")
                if len(codes) > 2:
                    accounts.setdefault(codes[2], lawyer_id)
            duties = _roster(d, accounts)
            bookings = _bookings(d)
            questions = _questions(d)
            classes = _classes(d)
            stdout and stdout.write(
                f"public_service demo {district.name}: {len(d.sites)} sites with hours, {duties} duties, "
                f"{bookings} bookings, {questions} online questions, {classes} classes\n")
    campaign_demo.load(stdout)


"""Demo 普法 for 罗湖区 and 光明区, from 1 January two years back to today: activities of the bureau, the
departments and each street office (with the materials handed out), short videos, live streams (some counted as
a training's attendance), micro-lessons and posts, and the 法治文化阵地 of each district at every level, a few of
them due for review. The advisors' 普法 entries come from the lawyers demo and are not copied.

Every name here is invented. Everything is written through publicity.services, so the records keep the rules the
pages enforce. A fixed seed per district makes the data the same on every machine for the same day; a district
that already has activities is left alone, so a second run adds nothing. The law exam's demo follows
(exam_demo.load).
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bureau.models import Area, Role, User

from . import exam_demo, services
from .models import (
    Activity,
    Channel,
    Form,
    Level,
    MaterialKind,
    MediaKind,
    MediaProduct,
    Organiser,
    Position,
    PositionKind,
    Style,
    Target,
    Theme,
)

YEARS_BACK = 2
# district code: (activities of each street office a month, departments, centre [longitude, latitude])
DISTRICTS = {
    "440303": (1, ["区教育局", "区市场监管局", "区民政局", "区人力资源局"], (114.131, 22.548)),
    "440311": (1, ["区教育局", "区卫生健康局", "区住房建设局"], (113.936, 22.748)),
}
STREAM_TOPICS = ["民法典与生活", "劳动者权益保护", "防范养老诈骗", "物业纠纷怎么办"]
PLACES = ["社区党群服务中心", "街道文化广场", "辖区中学礼堂", "工业园区食堂", "社区公园", "街道办会议室"]
TITLES = {
    Theme.CIVIL_CODE: "民法典进万家宣传活动", Theme.CONSTITUTION: "“12·4”国家宪法日宣传活动",
    Theme.EPIDEMIC: "疫情防控法律知识宣传", Theme.ANTI_GANG: "扫黑除恶常态化宣传",
    Theme.ANTI_FRAUD: "防范电信网络诈骗宣传", Theme.MINORS: "未成年人保护法进校园",
    Theme.NATIONAL_SECURITY: "全民国家安全教育日宣传", Theme.OTHER: "法律知识讲座",
}
TARGET_OF_FORM = {Form.LECTURE: [Target.ORGANS, Target.SCHOOLS, Target.ENTERPRISES],
                  Form.BOOTH: [Target.COMMUNITIES, Target.FAMILIES], Form.EXHIBITION: [Target.COMMUNITIES],
                  Form.PERFORMANCE: [Target.COMMUNITIES], Form.CONTEST: [Target.SCHOOLS, Target.ORGANS]}


def first_day(today):
    return date(today.year - YEARS_BACK, 1, 1)


def _months(start, today):
    day = start
    while day <= today:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


class District:
    def __init__(self, area, plan, today):
        self.area, self.today = area, today
        self.monthly, self.departments, self.centre = plan
        self.rng = random.Random(int(area.code) + 60)
        self.streets = list(Area.objects.filter(parent=area, level=Area.Level.STREET).order_by("code"))
        self.communities = list(Area.objects.filter(parent__in=self.streets).order_by("code"))
        users = User.objects.filter(area__path__startswith=area.path, is_active=True)
        self.street_users = {u.area_id: u for u in users.filter(role=Role.STREET).order_by("pk")}
        self.section = (users.filter(role=Role.SECTION, section="publicity").first()
                        or users.filter(role=Role.SECTION).first()
                        or User.objects.filter(role=Role.ADMIN, is_active=True).first())


def _activity(d, day, organiser_kind, area, by, organiser=""):
    rng = d.rng
    theme = Theme.CONSTITUTION if (day.month, day.day) >= (12, 1) and rng.random() < 0.6 else \
        rng.choice(list(Theme.values))
    form = rng.choice([Form.LECTURE, Form.LECTURE, Form.BOOTH, Form.BOOTH, Form.EXHIBITION, Form.PERFORMANCE,
                       Form.CONTEST])
    audience = {Form.LECTURE: (40, 200), Form.BOOTH: (80, 500), Form.EXHIBITION: (200, 1500),
                Form.PERFORMANCE: (300, 1200), Form.CONTEST: (50, 300)}[form]
    materials = {MaterialKind.LEAFLETS: rng.randrange(100, 800, 10)}
    if rng.random() < 0.5:
        materials[MaterialKind.BOOKS] = rng.randrange(20, 200, 5)
    if rng.random() < 0.3:
        materials[MaterialKind.GIFTS] = rng.randrange(50, 300, 10)
    activity = Activity(
        title=TITLES[theme], theme=theme, form=form, target=rng.choice(TARGET_OF_FORM[form]),
        organiser_kind=organiser_kind, organiser=organiser, area=area, place=rng.choice(PLACES), held_on=day,
        audience=rng.randint(*audience))
    return services.activity_record(activity=activity, materials=materials, by=by)


def _activities(d):
    n = 0
    for month in _months(first_day(d.today), d.today):
        last = min(d.today, date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1))
        span = (last - month).days

        def day():
            return month + timedelta(days=d.rng.randint(0, span))

        for street in d.streets:
            for _i in range(d.rng.randint(max(0, d.monthly - 1), d.monthly + 1)):
                _activity(d, day(), Organiser.STREET, street, d.street_users.get(street.pk) or d.section)
                n += 1
        _activity(d, day(), Organiser.BUREAU, d.area, d.section)
        n += 1
        if d.rng.random() < 0.6:
            _activity(d, day(), Organiser.DEPARTMENT, d.area, d.section, d.rng.choice(d.departments))
            n += 1
    return n


def _media(d):
    n = 0
    rng = d.rng
    for month in _months(first_day(d.today), d.today):
        last = min(d.today, date(month.year + (month.month == 12), month.month % 12 + 1, 1) - timedelta(days=1))
        plan = [(MediaKind.VIDEO, rng.randint(1, 4)), (MediaKind.MICRO_LESSON, rng.randint(0, 2)),
                (MediaKind.POST, rng.randint(1, 3)), (MediaKind.LIVE_STREAM, 1 if rng.random() < 0.4 else 0)]
        for kind, count in plan:
            for _i in range(count):
                on = month + timedelta(days=rng.randint(0, (last - month).days))
                product = MediaProduct(kind=kind, area=d.area, published_on=on, title="", channel=Channel.DOUYIN)
                if kind == MediaKind.VIDEO:
                    product.style = rng.choice(list(Style.values))
                    product.channel = rng.choice([Channel.DOUYIN, Channel.CHANNELS, Channel.KUAISHOU])
                    product.title = f"普法小视频：{rng.choice(list(TITLES.values()))}"
                    product.views = rng.randint(800, 60000)
                elif kind == MediaKind.LIVE_STREAM:
                    product.channel = rng.choice([Channel.CHANNELS, Channel.DOUYIN])
                    product.title = f"“法治直播间”：{rng.choice(STREAM_TOPICS)}"
                    product.views = rng.randint(1500, 20000)
                    if rng.random() < 0.5:
                        product.training_attendance = rng.randint(80, 400)
                        product.training_note = f"{on.year}年人民调解员线上培训"
                elif kind == MediaKind.MICRO_LESSON:
                    product.channel = Channel.OFFICIAL_ACCOUNT
                    product.title = f"“以案说法”微课堂第{n + 1}期"
                    product.views = rng.randint(300, 5000)
                else:
                    product.channel = Channel.OFFICIAL_ACCOUNT
                    product.title = f"普法推文：{rng.choice(list(TITLES.values()))}"
                    product.views = rng.randint(200, 8000)
                services.mediaproduct_record(product=product, by=d.section)
                n += 1
    return n


def _positions(d):
    rng, n = d.rng, 0
    lng0, lat0 = d.centre
    start = first_day(d.today) - timedelta(days=365 * 3)
    plan = [(PositionKind.PARK, Level.PROVINCIAL), (PositionKind.BASE, Level.CITY), (PositionKind.PARK, Level.DISTRICT),
            (PositionKind.DEMO_COMMUNITY, Level.NATIONAL), (PositionKind.DEMO_COMMUNITY, Level.PROVINCIAL),
            (PositionKind.DEMO_COMMUNITY, Level.CITY), (PositionKind.BASE, Level.DISTRICT)]
    for i, (kind, level) in enumerate(plan):
        community = d.communities[(i * 3) % len(d.communities)] if d.communities else None
        area = community if kind == PositionKind.DEMO_COMMUNITY or i % 2 else d.streets[i % len(d.streets)]
        if area is None:
            continue
        awarded = start + timedelta(days=rng.randint(0, (d.today - start).days - 30))
        # two of them come up for review within the next two months: to-dos for the section
        until = d.today + timedelta(days=rng.randint(10, 50)) if i < 2 else awarded + timedelta(days=365 * 5)
        name = {PositionKind.PARK: f"{area.name}法治文化公园", PositionKind.BASE: f"{area.name}法治宣传教育基地",
                PositionKind.DEMO_COMMUNITY: f"{area.name}（民主法治示范社区）"}[kind]
        position = Position(
            name=name, kind=kind, level=level, area=area, address=f"{area.name}{rng.randint(1, 200)}号",
            awarded_on=awarded, reviewed_until=until if until > awarded else None,
            longitude=Decimal(str(round(lng0 + rng.uniform(-0.05, 0.05), 6))),
            latitude=Decimal(str(round(lat0 + rng.uniform(-0.03, 0.03), 6))))
        services.position_record(position=position, by=d.section)
        n += 1
    return n


def load(stdout):
    today = timezone.localdate()
    for code, plan in DISTRICTS.items():
        district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
        if district is None:
            stdout.write(f"publicity demo {code}: area missing, skipped (run load_reference_data)\n")
            continue
        if Activity.objects.in_area(district).exists():
            stdout.write(f"publicity demo {district.name}: activities already present\n")
            continue
        d = District(district, plan, today)
        if not d.streets or d.section is None:
            stdout.write(f"publicity demo {district.name}: no streets or users, skipped\n")
            continue
        with transaction.atomic():
            activities, media, positions = _activities(d), _media(d), _positions(d)
        stdout.write(f"publicity demo {district.name}: {activities} activities, {media} media products, "
                     f"{positions} 法治文化阵地\n")
    exam_demo.load(stdout)

"""manage.py generate_dataset: a synthetic city — ten districts of 深圳市 over five years — for benchmarks.

    createdb -h 127.0.0.1 -U postgres bureau_city
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_city .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_city .venv/bin/python manage.py generate_dataset

The command lays out the areas, the calendar and the staff of every district, then hands a `Dataset` to the
`dataset` module of each app in settings.PROJECT_APPS that has one, in that order (`generate(ds)`); an app
that arrives later adds its records by adding `<app>/dataset.py`. Nothing else needs to change here.

Speed: rows go in through PostgreSQL COPY with ids reserved from the tables' sequences, and the load runs
with `session_replication_role = replica`, which switches off every trigger — the audit triggers
(django-pghistory) and the foreign-key checks — for this transaction only. A synthetic dataset has no one
to audit, and the generators write only rows they made themselves. The tables are analysed afterwards.
Deterministic: the same --seed, --scale and --until give the same rows.

More districts than the ten (docs/scaling.md): `--extra-districts N` adds N made-up districts of 深圳市
after the chosen real ones — codes 440313 upwards, which no district has, names and 4–10 streets drawn by
the seed from plausible ones, every row marked is_demo — so the portal can be measured at 30 districts, a
third of a province. The default (0) is the ten real districts alone.
"""

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from bureau import bulk, functions
from bureau.composition import app_modules
from bureau.management.commands.load_reference_data import load_areas, load_calendar
from bureau.models import Area, Role, User
from bureau.workdays import WorkingCalendar

YEARS_BEFORE = 4  # by default the city spans 1 January four years back to today: five years of records
DEV_DATABASE = "bureau"  # the development database of `make run`: never filled with a synthetic city

# 深圳市's districts with their national codes. 大鹏新区 is a functional area without a code of its own
# (it is administered from 龙岗区's code range); 440312 is a plausible stand-in, marked as such.
# The streets are the real ones (罗湖区 and 光明区 come from bureau's reference data with their real codes);
# for the other districts the street codes are made up in the national pattern and the rows marked is_demo.
# 盐田区 has four streets and 大鹏新区 three: the real count is kept rather than inventing streets.
DISTRICTS = [
    ("440303", "罗湖区", None),
    ("440304", "福田区", ["园岭", "南园", "福田", "沙头", "香蜜湖", "梅林", "莲花", "华富", "福保", "华强北"]),
    ("440305", "南山区", ["南头", "南山", "沙河", "蛇口", "招商", "粤海", "桃源", "西丽"]),
    ("440306", "宝安区", ["新安", "西乡", "航城", "福永", "福海", "沙井", "新桥", "松岗", "燕罗", "石岩"]),
    ("440307", "龙岗区", ["平湖", "坂田", "布吉", "吉华", "南湾", "横岗", "园山", "龙城", "龙岗", "宝龙"]),
    ("440308", "盐田区", ["沙头角", "海山", "盐田", "梅沙"]),
    ("440309", "龙华区", ["观湖", "民治", "龙华", "大浪", "福城", "观澜"]),
    ("440310", "坪山区", ["坪山", "马峦", "碧岭", "石井", "坑梓", "龙田"]),
    ("440311", "光明区", None),
    ("440312", "大鹏新区", ["葵涌", "大鹏", "南澳"]),
]

# Made-up districts (--extra-districts): the codes after the real ones, 440313…440399 (the lawyers' generator
# numbers a district's licences with two digits, so 97 districts is the most it can tell apart anyway). The
# names are two characters plus 区, none beginning with the first character of a real district, so the real
# districts keep their one-character case numbers (罗法援〔2026〕…, bureau.numbering.district_short_name).
EXTRA_CODES = [f"4403{n:02d}" for n in range(13, 100)]
EXTRA_NAMES = (
    "青云 翠屏 金沙 银湖 松溪 梧桐 凤岭 麒麟 白石 云峰 桂湾 石门 清溪 碧海 海晏 长岭 横沥 望江 临波 滨湾 "
    "文昌 兴华 新塘 永宁 瑞丰 东湖 西岭 北山 万福 千灯 双桥 三溪 七星 九曲 玉泉 红岭 绿洲 紫荆 丹霞 彩虹 "
    "星河 月湖 日新 春晖 夏港 秋实 冬青 梅溪 兰亭 竹林 菊潭 荷塘 柳堤 桃源 李园 杏坛 梨溪 枫林 榕城 樟木 "
    "鹤鸣 鹿岭 鹰岭 雁湖 燕山 鸿图 锦屏 绣峰 翡翠 琥珀 珠玑 钟山 鼎峰 安澜 泰和 康乐 宁远 和平 顺安 昌盛 "
    "仁和 礼泉 智林 信陵 德政 嘉禾 华阳 恒安 广利 "
).split()
EXTRA_STREETS = (
    "城关 东城 西城 中心 新城 老城 河东 河西 江南 江北 湖滨 山前 岭下 桥头 塘头 沙湾 石桥 竹园 梅园 桃园 "
    "柳岸 荷花 金田 银田 新华 人民 解放 建设 友谊 光华 朝阳 向阳 明珠 锦绣 凤山 青石 白沙 黄岗 红星 翠竹 "
    "碧水 清水 长乐 永兴 太平 富民 利民 安居 文化 高新 港湾 海滨 渔村 松涛 云台"
).split()


def made_up_districts(seed, n):
    """[(code, name, street names)] of `n` made-up districts after the real ones, the same for the same seed."""
    if n > len(EXTRA_CODES):
        raise CommandError(f"--extra-districts: at most {len(EXTRA_CODES)} (codes 440313…440399)")
    rng = random.Random(f"{seed}:extra-districts")
    names = rng.sample(EXTRA_NAMES, n)
    return [(code, f"{name}区", rng.sample(EXTRA_STREETS, rng.randint(4, 10)))
            for code, name in zip(EXTRA_CODES, names)]


class Loader:
    """Bulk writes for the generators: ids reserved up front, rows sent with COPY, counts kept per table."""

    def __init__(self):
        self.counts = Counter()

    def reserve(self, model, n):
        """n new primary keys of `model` (the generator links children to them before writing)."""
        return bulk.reserve_ids(model, n)

    def copy(self, model, columns, rows):
        """COPY `rows` (tuples in the order of `columns`, attribute names such as "case_id") into the table."""
        n = bulk.copy_rows(model, columns, rows)
        self.counts[model._meta.db_table] += n
        return n


@dataclass
class District:
    area: Area
    streets: list
    leader: User
    staff: dict  # function code → the district section's user
    clerks: dict  # street pk → the street office's user


@dataclass
class Dataset:
    """What every app's generator gets: the city, its districts and staff, the span, the scale, the writer."""

    seed: int
    scale: float
    first_day: date
    last_day: date
    city: Area
    districts: list
    loader: Loader
    stdout: object
    calendar: WorkingCalendar = None
    _streets: list = field(default_factory=list)

    def rng(self, name):
        """An independent random stream per name (app, district): generators do not disturb each other."""
        return random.Random(f"{self.seed}:{name}")

    def years(self):
        """(year, first day, last day) of each year of the span, the last one cut at last_day."""
        for year in range(self.first_day.year, self.last_day.year + 1):
            yield year, max(self.first_day, date(year, 1, 1)), min(self.last_day, date(year, 12, 31))

    def all_streets(self):
        return [street for district in self.districts for street in district.streets]

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()


def build_areas(codes, extra=()):
    """The city, the chosen districts and their streets, then the made-up ones (`extra`, from
    made_up_districts); returns (city, [(district, streets)])."""
    load_areas()  # 深圳市, 罗湖区 and 光明区 with their real streets (and demo communities)
    city = Area.objects.get(code="440300")
    result = []
    made_up = {code for code, _n, _s in extra}
    for code, name, street_names in [*(d for d in DISTRICTS if d[0] in codes), *extra]:
        district, _created = Area.objects.get_or_create(code=code, defaults={
            "name": name, "level": Area.Level.DISTRICT, "parent": city, "is_demo": code == "440312" or code in made_up})
        for number, street_name in enumerate(street_names or [], start=1):
            Area.objects.get_or_create(code=f"{code}{number:03d}", defaults={
                "name": f"{street_name}街道", "level": Area.Level.STREET, "parent": district, "is_demo": True})
        result.append((district, list(Area.objects.filter(parent=district, level=Area.Level.STREET).order_by("code"))))
    return city, result


def build_staff(city, districts):
    """A leader, the sections and a clerk per street office for each district (no usable password: the
    benchmark signs in with force_login)."""
    password = make_password(None)
    wanted = []
    for district, streets in districts:
        wanted.append(User(username=f"d{district.code}_leader", name=f"{district.name}局领导", role=Role.LEADER,
                           area=district, password=password))
        for function in staff_functions():
            wanted.append(User(username=f"d{district.code}_{function}", name=f"{district.name}{functions.label(function)}科",
                               role=Role.SECTION, section=function, area=district, password=password))
        for street in streets:
            wanted.append(User(username=f"s{street.code}", name=f"{street.name}司法所", role=Role.STREET,
                               area=street, password=password))
    User.objects.bulk_create(wanted, ignore_conflicts=True)
    users = {u.username: u for u in User.objects.filter(username__in=[u.username for u in wanted])}
    return [
        District(
            area=district, streets=streets, leader=users[f"d{district.code}_leader"],
            staff={f: users[f"d{district.code}_{f}"] for f in staff_functions()},
            clerks={s.pk: users[f"s{s.code}"] for s in streets},
        )
        for district, streets in districts
    ]


def generators():
    """(app label, module) for each project app with a `dataset` module, in INSTALLED_APPS order."""
    return [(config.label, module) for config, module in app_modules("dataset")]


def staff_functions():
    """The codes of the functions that generate records (their sections get an account in each district)."""
    return [config.function.code for config, _module in app_modules("dataset") if getattr(config, "function", None)]


class Command(BaseCommand):
    help = "Fill a separate database with a synthetic city (10 districts × 5 years) for the statistics benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--scale", type=float, default=1.0,
                            help="volume factor: 1 = about 500 legal-aid cases per district-year; 0.1 a quick run")
        parser.add_argument("--districts", default=",".join(code for code, _n, _s in DISTRICTS),
                            help="comma-separated district codes (default: all ten)")
        parser.add_argument("--extra-districts", type=int, default=0,
                            help="made-up districts to add after the chosen ones (codes 440313 up, is_demo; "
                                 "docs/scaling.md measures 10 + 20)")
        parser.add_argument("--from", dest="first_day", type=date.fromisoformat,
                            help=f"the first day (default: 1 January {YEARS_BEFORE} years before --until)")
        parser.add_argument("--until", dest="last_day", type=date.fromisoformat,
                            help="the dataset's 'today' (default: today); the same seed, scale, --from and --until "
                                 "always give the same rows")
        parser.add_argument("--yes-this-database", action="store_true",
                            help=f"allow writing into the development database '{DEV_DATABASE}'")

    def handle(self, *args, seed, scale, districts, extra_districts, first_day, last_day, yes_this_database,
               **options):
        name = connection.settings_dict["NAME"]
        if name == DEV_DATABASE and not yes_this_database:
            raise CommandError(
                f"generate_dataset writes a synthetic city of tens of thousands of records; it refuses the development "
                f"database '{name}'. Create another one and point DATABASE_URL at it, e.g.\n"
                f"  psql -h 127.0.0.1 -U postgres -c 'create database bureau_city'\n"
                f"  DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_city .venv/bin/python manage.py migrate\n"
                f"  DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_city .venv/bin/python manage.py generate_dataset\n"
                f"or pass --yes-this-database.")
        codes = [c.strip() for c in districts.split(",") if c.strip()]
        unknown = sorted(set(codes) - {code for code, _n, _s in DISTRICTS})
        if unknown:
            raise CommandError(f"unknown district codes: {', '.join(unknown)}")
        if extra_districts < 0:
            raise CommandError("--extra-districts cannot be negative")
        extra = made_up_districts(seed, extra_districts)
        last_day = last_day or timezone.localdate()
        first_day = first_day or date(last_day.year - YEARS_BEFORE, 1, 1)
        if scale <= 0 or last_day < first_day:
            raise CommandError("--scale must be positive and --until not before --from")

        started = time.perf_counter()
        loader = Loader()
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Off for this transaction only: the audit triggers and the foreign-key checks (see above).
                cursor.execute("SET LOCAL session_replication_role = replica")
            city, chosen = build_areas(codes, extra)
            filled = User.objects.filter(username__in=[f"d{d.code}_leader" for d, _s in chosen])
            if filled.exists():
                raise CommandError(f"this database already holds a generated city ({filled.first().area}): generate "
                                   "into an empty one (drop it, create it and migrate).")
            load_calendar()
            ds = Dataset(seed=seed, scale=scale, first_day=first_day, last_day=last_day, city=city,
                         districts=build_staff(city, chosen), loader=loader, stdout=self.stdout,
                         calendar=WorkingCalendar(date(first_day.year - 6, 1, 1), date(last_day.year + 1, 12, 31)))
            self.stdout.write(f"{len(ds.districts)} districts, {len(ds.all_streets())} streets, "
                              f"{first_day}..{last_day}, scale {scale}, seed {seed} (database {name})")
            for app, module in generators():
                app_started = time.perf_counter()
                module.generate(ds)
                ds.say(f"{app}: done in {time.perf_counter() - app_started:.1f} s")
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")
        with connection.cursor() as cursor:
            # Fresh planner statistics: the benchmark must not measure plans made for empty tables.
            cursor.execute("ANALYZE")
        self.stdout.write("rows written:")
        for table, n in sorted(loader.counts.items()):
            self.stdout.write(f"  {table:40s} {n:>10,}")
        self.stdout.write(f"  {'total':40s} {sum(loader.counts.values()):>10,}")
        self.stdout.write(self.style.SUCCESS(f"generated in {time.perf_counter() - started:.1f} s"))

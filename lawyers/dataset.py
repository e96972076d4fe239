"""Community legal advisors for the synthetic city of `manage.py generate_dataset` (the statistics benchmark).

Per district: the communities (罗湖区 and 光明区 have them in the reference data; the other districts' streets
get three to five each, made-up 12-digit codes under the street, marked is_demo), the public legal service
points (the district centre, a station per street, a room per community), one advisor posted to every
community on yearly contracts over the span (now and then another lawyer at renewal), and the advisor's service
log at the pace of lawyers/demo.py: about 150–250 entries per advisor-year at scale 1 across the ten kinds,
consultation the most frequent, mostly on working days. Rows go in through the loader's COPY.

The lawyers are the district's registry, which this app owns: `registry()` makes it when the district has none
(firms with valid credit codes, lawyers with certificate numbers, practising and available for legal aid).
This generator runs before legal aid (settings.PROJECT_APPS), and legalaid/dataset.py assigns its cases from
the same `registry()` — legal aid may use the lawyers app, never the other way round.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import uscc

from bureau.data.areas import DEMO_COMMUNITY_SUFFIXES
from bureau.models import Area
from lawyers.apps import FUNCTION

from .demo import ACTIVITY, ADVISOR_CONTRACT, POINT_HOURS, _name
from .models import (
    LawFirm,
    Lawyer,
    Posting,
    ServiceKind,
    ServiceLog,
    ServicePoint,
    Specialty,
)

FIRMS = 12  # per district at scale 1
LAWYERS_PER_FIRM = 8
FIRM_WORDS = ["衡平", "守正", "致远", "和衷", "立信", "弘法", "知行", "明理", "同德", "博睿", "恒道", "正言"]
ENTRIES_PER_ADVISOR_YEAR = (150, 250)  # at scale 1
COMMUNITIES_PER_STREET = (3, 5)  # for streets without communities in the reference data
COMMUNITY_SUFFIXES = DEMO_COMMUNITY_SUFFIXES + ["南社区", "北社区", "花园社区"]
CHANGE_AT_RENEWAL = 0.15  # chance that a community gets another advisor for the next year
WEEKEND_SHARE = 0.07  # of the entries, on a weekend or holiday (events, weekend consultations)
AT_POINT_KINDS = {ServiceKind.CONSULTATION, ServiceKind.HEALTH_CHECK, ServiceKind.ENTERPRISE_VISIT}

KINDS = list(ACTIVITY)
WEIGHTS = [ACTIVITY[kind][0] for kind in KINDS]
CUM_WEIGHTS = [sum(WEIGHTS[:i + 1]) for i in range(len(WEIGHTS))]


def _round(rng, x):
    """x rounded up or down at random in proportion (small scales keep their expected volume)."""
    n = int(x)
    return n + (rng.random() < x - n)


def _communities(ds, d, rng):
    """The district's communities, creating a few under every street that has none."""
    existing = list(Area.objects.filter(parent__in=d.streets, level=Area.Level.COMMUNITY).order_by("code"))
    have = {area.parent_id for area in existing}
    missing = [street for street in d.streets if street.pk not in have]
    if not missing:
        return existing
    counts = [rng.randint(*COMMUNITIES_PER_STREET) for _street in missing]
    ids = iter(ds.loader.reserve(Area, sum(counts)))
    created, rows = [], []
    for street, n in zip(missing, counts):
        stem = street.name.removesuffix("街道")
        for number, suffix in enumerate(COMMUNITY_SUFFIXES[:n], start=1):
            area = Area(pk=next(ids), code=f"{street.code}{number:03d}", name=stem + suffix,
                        level=Area.Level.COMMUNITY, parent=street, path=f"{street.path}{street.code}{number:03d}/",
                        is_demo=True)
            created.append(area)
            rows.append((area.pk, area.code, area.name, area.level, street.pk, area.path, True))
    ds.loader.copy(Area, ["id", "code", "name", "level", "parent_id", "path", "is_demo"], rows)
    return sorted(existing + created, key=lambda area: area.code)


def _points(ds, d, communities):
    """The district centre, a station per street, a room per community; returns {community pk: room id}."""
    K = ServicePoint.Kind
    places = [(f"{d.area.name}公共法律服务中心", K.DISTRICT_CENTRE, d.area, f"深圳市{d.area.name}公共服务大楼一楼")]
    places += [(f"{s.name}公共法律服务工作站", K.STREET_STATION, s, f"{s.name}办事处一楼") for s in d.streets]
    places += [(f"{c.name}公共法律服务室", K.COMMUNITY_ROOM, c, f"{c.name}党群服务中心") for c in communities]
    ids = ds.loader.reserve(ServicePoint, len(places))
    ds.loader.copy(ServicePoint, ["id", "name", "kind", "area_id", "address", "opening_hours", "is_active"], [
        (pk, name, kind, area.pk, address, POINT_HOURS[kind], True)
        for pk, (name, kind, area, address) in zip(ids, places)])
    return {area.pk: pk for pk, (_n, kind, area, _a) in zip(ids, places) if kind == K.COMMUNITY_ROOM}


def _days(ds):
    """{year: (working days, other days)} of the span."""
    days = {}
    for year, first, last in ds.years():
        work, rest = [], []
        day = first
        while day <= last:
            (work if ds.calendar.is_working_day(day) else rest).append(day)
            day += timedelta(days=1)
        days[year] = (work, rest)
    return days


def _logs(ds, rng, lawyer_id, community_id, room_id, work, rest, recorder, rows):
    """One advisor-year of entries in one community (the year cut at the span's ends)."""
    share = (len(work) + len(rest)) / 365
    n = _round(rng, rng.uniform(*ENTRIES_PER_ADVISOR_YEAR) * ds.scale * share)
    for _entry in range(n):
        # A span may end on a holiday (1 January): its year then has rest days only.
        day = rng.choice(rest) if rest and (not work or rng.random() < WEEKEND_SHARE) else rng.choice(work)
        kind = rng.choices(KINDS, cum_weights=CUM_WEIGHTS)[0]
        _w, (low, high), (half_low, half_high), notes = ACTIVITY[kind]
        point = room_id if kind in AT_POINT_KINDS and rng.random() < 0.3 else None
        recorded = timezone.make_aware(datetime.combine(day, time(17, 0)) + timedelta(minutes=rng.randint(0, 240)))
        rows.append((lawyer_id, community_id, point, day, kind.value, rng.randint(low, high),
                     kind == ServiceKind.DISPUTE and rng.random() < 0.78,
                     Decimal(rng.randint(half_low, half_high)) / 2, rng.choice(notes), recorder, recorded))


def registry(ds, d, index, rng):
    """The district's lawyers available for legal aid: [(pk, practice start, specialties)], registering firms and
    lawyers when it has none. Legal aid's generator assigns its cases from the same list."""
    lawyers = list(Lawyer.objects.filter(area__path__startswith=d.area.path, status="practising",
                                         legal_aid_available=True).order_by("pk"))
    if lawyers:
        return [(lw.pk, lw.practice_start, lw.specialties) for lw in lawyers]
    loader = ds.loader
    firms = max(3, round(FIRMS * ds.scale))
    firm_ids = loader.reserve(LawFirm, firms)
    firm_rows, lawyer_rows, pool = [], [], []
    per_firm = max(3, round(LAWYERS_PER_FIRM * min(1.0, ds.scale * 2)))
    lawyer_ids = iter(loader.reserve(Lawyer, firms * per_firm))
    stem = d.area.name.removesuffix("新区").removesuffix("区")
    for n, firm_id in enumerate(firm_ids):
        street = d.streets[n % len(d.streets)]
        body = f"31{d.area.code}{index:02d}{n:04d}{rng.randint(100, 999)}"  # 司法行政 律师事务所, region, number
        founded = ds.first_day.replace(year=ds.first_day.year - rng.randint(3, 25))
        name = f"广东{stem}{FIRM_WORDS[n % len(FIRM_WORDS)]}律师事务所" + (f"（{n // 12 + 1}）" if n >= 12 else "")
        firm_rows.append((firm_id, name,
                          body + uscc.calc_check_digit(body), street.pk, f"深圳市{d.area.name}{street.name}", "",
                          _name(rng), founded, None, "practising"))
        for k in range(per_firm):
            female = rng.random() < 0.4
            start = founded + timedelta(days=rng.randint(0, 365 * 15))
            start = min(start, ds.first_day - timedelta(days=rng.randint(30, 400)))
            lawyer_id = next(lawyer_ids)
            specialties = rng.sample(Specialty.values, rng.randint(1, 3))
            lawyer_rows.append((lawyer_id, _name(rng), None,
                                f"14403{start.year}1{2 if female else 1}{index:02d}{n:02d}{k:02d}",
                                "full_time", firm_id, street.pk, start, None, specialties, True, "", "practising",
                                None))
            pool.append((lawyer_id, start, specialties))
    loader.copy(LawFirm, ["id", "name", "credit_code", "area_id", "address", "phone", "director", "founded_on",
                          "closed_on", "status"], firm_rows)
    loader.copy(Lawyer, ["id", "name", "id_number", "certificate_number", "kind", "firm_id", "area_id",
                         "practice_start", "practice_end", "specialties", "legal_aid_available", "phone", "status",
                         "user_id"], lawyer_rows)
    return pool


def generate(ds):
    days = _days(ds)
    for index, d in enumerate(ds.districts):
        rng = ds.rng(f"lawyers:{d.area.code}")
        pool = [pk for pk, _start, _specialties in registry(ds, d, index, ds.rng(f"registry:{d.area.code}"))]
        communities = _communities(ds, d, rng)
        rooms = _points(ds, d, communities)
        recorder = d.staff[FUNCTION].pk
        shuffled = rng.sample(pool, len(pool))
        advisors = {c.pk: shuffled[i % len(shuffled)] for i, c in enumerate(communities)}
        postings, logs = [], []
        for year, _first, _last in ds.years():
            work, rest = days[year]
            for number, community in enumerate(communities, start=1):
                if year > ds.first_day.year and rng.random() < CHANGE_AT_RENEWAL:
                    advisors[community.pk] = rng.choice(pool)
                lawyer_id = advisors[community.pk]
                postings.append((lawyer_id, community.pk, None, date(year, 1, 1), date(year, 12, 31),
                                 ADVISOR_CONTRACT.format(year=year, district=d.area.code, n=number), ""))
                _logs(ds, rng, lawyer_id, community.pk, rooms[community.pk], work, rest, recorder, logs)
        logs.sort(key=lambda row: (row[3], row[1]))
        ids = ds.loader.reserve(Posting, len(postings))
        ds.loader.copy(Posting, ["id", "lawyer_id", "area_id", "point_id", "start_on", "end_on", "contract_number",
                                 "note"], [(pk, *row) for pk, row in zip(ids, postings)])
        ids = ds.loader.reserve(ServiceLog, len(logs))
        ds.loader.copy(ServiceLog, ["id", "lawyer_id", "area_id", "point_id", "on", "kind", "count", "resolved",
                                    "hours", "notes", "recorded_by_id", "recorded_at"],
                       [(pk, *row) for pk, row in zip(ids, logs)])
        ds.say(f"lawyers: {d.area.name} — {len(communities)} communities, {len(pool)} lawyers, "
               f"{len(postings)} postings, {len(logs):,} service log entries")

"""Demo registry for 罗湖区 and 光明区: law firms, their lawyers and a few public-sector lawyers.

Every name, address, telephone and number here is invented (firm names are place-like words plus a
virtue, telephones use the unassigned 0755-0000 block); credit codes, certificate and ID numbers are
well-formed with correct check characters so that the pages and validations behave as with real data.
A fixed seed makes the data the same on every machine, and records already present (by credit code or
certificate number) are left alone, so a second run adds nothing.
"""

import random
from datetime import date, timedelta

from stdnum.cn import ric, uscc

from bureau.models import Area

from .models import LawFirm, Lawyer, Specialty, Status

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


def _date_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _id_number(rng, practice_start, male):
    born = _date_between(rng, date(practice_start.year - 32, 1, 1), date(practice_start.year - 24, 12, 28))
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


def _lawyer(rng, district_number, index, kind):
    """The index-th lawyer of a district. Every specialty appears (one each in turn), criminal defence is
    common, 1–3 specialties each; two per district are suspended."""
    practice_start = _date_between(rng, date(2005, 1, 1), date(2025, 10, 31))
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


def plan(streets):
    """The demo registry as unsaved rows, the same on every run.

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
                founded_on=_date_between(rng, date(1995, 1, 1), date(2018, 12, 31)),
            )
            firms.append(firm)
            seats += [(Lawyer.Kind.FULL_TIME if rng.random() < 0.85 else Lawyer.Kind.PART_TIME, firm.credit_code,
                       street) for _seat in range(rng.randint(3, 5))]
        seats += [(Lawyer.Kind.PUBLIC, None, rng.choice(codes)) for _seat in range(PUBLIC_LAWYERS_PER_DISTRICT)]
        for index, (kind, firm_code, street) in enumerate(seats, start=1):
            lawyer = _lawyer(rng, district_number, index, kind)
            lawyer.area = streets[street]
            lawyers.append((lawyer, firm_code))
    for firm in firms:  # the firm's first lawyer directs it
        firm.director = next(lawyer.name for lawyer, code in lawyers if code == firm.credit_code)
    return firms, lawyers


def load(stdout):
    streets = {area.code: area for area in Area.objects.filter(level=Area.Level.STREET).select_related("parent")}
    firms, lawyers = plan(streets)

    codes = [firm.credit_code for firm in firms]
    present = set(LawFirm.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True))
    new_firms = LawFirm.objects.bulk_create([firm for firm in firms if firm.credit_code not in present])

    firm_ids = dict(LawFirm.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    numbers = [lawyer.certificate_number for lawyer, _code in lawyers]
    present = set(Lawyer.objects.filter(certificate_number__in=numbers).values_list("certificate_number", flat=True))
    new_lawyers = []
    for lawyer, firm_code in lawyers:
        if lawyer.certificate_number not in present:
            lawyer.firm_id = firm_ids.get(firm_code)
            new_lawyers.append(lawyer)
    Lawyer.objects.bulk_create(new_lawyers)

    stdout.write(f"lawyers demo: {len(firms)} firms, {len(lawyers)} lawyers "
                 f"({len(new_firms)} firms and {len(new_lawyers)} lawyers new)")

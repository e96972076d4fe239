"""Demo data of the law exam and 谁执法谁普法 evaluation (publicity/demo.py calls load).

For 罗湖区 and 光明区, two years back and the current year: the year's exam (June) with the district's units
(normative_docs' demo units) and their eligible counts, the participants imported through the import resource
(the same validation and COPY as a clerk's file), so a few units fall below the participation threshold and
become to-dos; the index system, each department's responsibility list with reported work, and the evaluations
of the past years (dated in January of the following year). Everything goes through exam_services; a district
that already has an exam is left alone, so a second run adds nothing.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bureau.imports import get_resource
from bureau.imports.resource import Table
from bureau.models import Area, Role, User
from normative_docs.models import Unit, UnitKind

from . import exam_resources  # noqa: F401  (registers the import the demo goes through)
from . import exam_services as services
from .models import DutyReport, Evaluation, EvaluationIndex, Exam, Responsibility

DISTRICTS = ("440303", "440311")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力志海峰鹏飞婷雪琳晨宇浩然欣怡子涵思远嘉颖"
INDEXES = [("组织领导", 20, "成立普法领导小组，制定年度普法计划"), ("清单落实", 30, "普法责任清单事项按期落实"),
           ("普法宣传", 30, "开展以案释法、“四进”活动及新媒体普法"), ("创新特色", 20, "普法工作创新做法和获奖情况")]
DUTIES = [("面向管理服务对象开展本系统主管法律法规宣传", "管理服务对象", "本系统主管的法律法规"),
          ("在执法过程中开展以案释法，典型案例向社会公开", "行政相对人", "《中华人民共和国行政处罚法》"),
          ("组织本单位国家工作人员参加学法考试和法治培训", "本单位工作人员",
           "《中华人民共和国宪法》《中华人民共和国民法典》")]
REPORTS = ["开展专题普法宣传活动，发放宣传资料，现场解答群众咨询。",
           "结合执法案件开展以案释法，在官方公众号发布典型案例。",
           "组织干部职工集中学法，参加全区学法考试。"]


def _section(district):
    users = User.objects.filter(area=district, is_active=True)
    return (users.filter(role=Role.SECTION, section="publicity").first() or users.filter(role=Role.SECTION).first()
            or User.objects.filter(role=Role.ADMIN, is_active=True).first())


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _exam(district, units, year, today, by, rng):
    """The year's exam in June, its units, and the results of the days already past through the import."""
    held_from, held_to = date(year, 6, 1), date(year, 6, 30)
    name = f"{year}年度{district.name}国家工作人员学法考试"
    exam = services.exam_create(exam=Exam(area=district, year=year, name=name, held_from=held_from, held_to=held_to),
                                by=by)
    rows, n = [], 0
    for unit in units:
        eligible = rng.randint(20, 90)
        services.exam_unit_set(exam=exam, unit=unit, eligible=eligible, by=by)
        ratio = rng.choice((0.8, 0.9)) if rng.random() < 0.15 else rng.uniform(0.95, 1.0)
        for _ in range(int(eligible * ratio)):
            day = held_from + timedelta(days=rng.randint(0, 29))
            if day > today:
                continue
            n += 1
            score = Decimal(str(max(30, min(100, round(rng.gauss(84, 9) * 2) / 2))))
            rows.append((n + 1, [_name(rng), f"{district.code[-2:]}{year % 100:02d}{n:05d}", unit.name, str(score),
                                 day.isoformat()]))
    if rows:
        resource = get_resource("publicity.participant")
        result = resource.validate(Table(["姓名", "工号", "单位", "成绩", "考试时间"], rows), by)
        if not result.is_valid:
            raise RuntimeError(f"publicity exam demo: {result.errors[:3]}")
        resource.save(result, by)
    return len(rows)


def _evaluation(district, departments, year, today, by, rng):
    """The year's index system, responsibility lists with reports, and (for a past year) the evaluations."""
    indexes = [services.evaluation_index_add(index=EvaluationIndex(area=district, year=year, name=name,
                                                                   max_score=points, order=i, description=text), by=by)
               for i, (name, points, text) in enumerate(INDEXES, 1)]
    for unit in departments:
        for i, (content, audience, basis) in enumerate(DUTIES):
            item = services.responsibility_add(responsibility=Responsibility(
                area=district, year=year, unit=unit, content=content, audience=audience, basis=basis), by=by)
            day = date(year, rng.randint(3, 11), rng.randint(1, 28))
            if day <= today and rng.random() < 0.85:
                services.duty_report(report=DutyReport(responsibility=item, reported_on=day, text=REPORTS[i]), by=by)
    evaluated_on = date(year + 1, 1, 15)
    if evaluated_on > today:
        return 0
    for unit in departments:
        scores = {index: Decimal(str(round(float(index.max_score) * rng.uniform(0.7, 1.0)))) for index in indexes}
        services.evaluation_record(evaluation=Evaluation(area=district, year=year, unit=unit,
                                                         evaluated_on=evaluated_on), scores=scores, by=by)
    return len(departments)


def load(stdout=None):
    today = timezone.localdate()
    for code in DISTRICTS:
        district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
        if district is None:
            continue
        if Exam.objects.in_area(district).exists():
            _say(stdout, f"publicity exam demo {district.name}: exams already present\n")
            continue
        by = _section(district)
        units = list(Unit.objects.filter(area=district, is_active=True).order_by("kind", "name"))
        if by is None or not units:
            _say(stdout, f"publicity exam demo {district.name}: no units or users (normative_docs demo), skipped\n")
            continue
        rng = random.Random(f"publicity-exam-{code}")
        departments = [u for u in units if u.kind == UnitKind.DEPARTMENT][:8] or units[:8]
        participants = evaluated = 0
        with transaction.atomic():
            for year in range(today.year - 2, today.year + 1):
                participants += _exam(district, units, year, today, by, rng)
                evaluated += _evaluation(district, departments, year, today, by, rng)
        _say(stdout, f"publicity exam demo {district.name}: 3 exams, {participants} participants, "
                     f"{evaluated} evaluations\n")


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)

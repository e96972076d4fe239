"""For every registered import resource: what its file holds and what must already be in the database for every
row of it to be valid (areas, firms, people, campaigns …), made in bulk in the bench's own scratch areas (基准市
990000, 基准区 990001, two streets, a community in each). Used by `bench/import_bench.py --all`.

`SPECS[name] = Spec(headers, world, rows)`: `world(base, n)` adds what the file of n rows refers to and returns
it; `rows(n, base, made)` returns the n rows (lists in the order of `headers`). Dates run back from today, so a
file is valid on any day it is made.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone
from stdnum.cn import ric, uscc

from bureau import bulk
from bureau.models import Area, Role, User

STREETS = ["990001001", "990001002"]
COMMUNITIES = ["990001001001", "990001002001"]


@dataclass
class Spec:
    headers: list
    rows: object  # rows(n, base, made)
    world: object = None  # world(base, n) -> made
    user: str = ""  # the function whose section imports it (default: the resource's function)


def today():
    return timezone.localdate()


def back(days):
    """A day `days` before today."""
    return today() - timedelta(days=days)


def this_year_day(i):
    """A day of this year up to today, spread by i."""
    start = date(today().year, 1, 1)
    return start + timedelta(days=i % ((today() - start).days + 1))


def id_number(i, region="440303"):
    birth = date(1985, 1, 1) + timedelta(days=(i * 7) % 9000)
    body = f"{region}{birth:%Y%m%d}{i % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def unique_id_number(i):
    """Distinct for every i below 9,000,000: the birth date (from 1985, when 440303 is in the code table) takes
    i // 1000, the sequence i % 1000."""
    birth = date(1985, 1, 1) + timedelta(days=(i // 1000) % 9000)
    body = f"440303{birth:%Y%m%d}{i % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(i):
    body = f"31440300{i:09d}"
    return body + uscc.calc_check_digit(body)


def certificate(i, prefix="14403"):
    return f"{prefix}{i:012d}"


def label(choice):
    return str(choice.label)


def base_world():
    """The scratch areas and a section clerk of every function, inside the bench's rolled-back transaction."""
    from bureau import functions

    city = Area.objects.create(code="990000", name="基准市", level=Area.Level.CITY)
    district = Area.objects.create(code="990001", name="基准区", level=Area.Level.DISTRICT, parent=city)
    streets, communities = [], []
    for n, (code, community) in enumerate(zip(STREETS, COMMUNITIES), 1):
        street = Area.objects.create(code=code, name=f"基准街道{n}", level=Area.Level.STREET, parent=district)
        streets.append(street)
        communities.append(Area.objects.create(code=community, name=f"基准社区{n}", level=Area.Level.COMMUNITY,
                                               parent=street))
    users = {f.code: User.objects.create(username=f"bench-import-{f.code}", role=Role.SECTION, section=f.code,
                                         area=district)
             for f in functions.all_functions()}
    return SimpleNamespace(city=city, district=district, streets=streets, communities=communities, users=users)


# --- legalaid ------------------------------------------------------------------------------------------------

CONSULTATION_HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "咨询人", "联系电话", "摘要", "解答内容"]


def consultation_rows(n, base, made):
    from lawyers.models import Specialty
    from legalaid.models import Consultation

    channels = [label(c) for c in Consultation.Channel]
    topics = [label(c) for c in Specialty][:5]
    return [[this_year_day(i), STREETS[i % 2], channels[i % len(channels)], topics[i % 5], 1 + i % 4, f"咨询人{i}",
             "13800138000", f"咨询摘要第{i}号：工资被拖欠三个月，询问如何申请劳动仲裁", "告知可申请劳动仲裁及所需材料"]
            for i in range(n)]


CASE_HEADERS = ["申请序号", "收到日期", "街道", "来源", "案件类别", "援助事项", "申请人", "申请人身份证号码",
                "联系电话", "经济困难状况", "案情摘要", "受援人姓名", "受援人身份证号码", "人群类别"]


def case_rows(n, base, made):
    """One application per two rows: the applicant and a second recipient."""
    rows = []
    for i in range(n):
        key = i // 2
        if i % 2 == 0:
            rows.append([str(key), this_year_day(key), STREETS[key % 2], "窗口申请", "民事",
                         "确认劳动关系或者支付劳动报酬（第三十一条第五项）", f"申请人{key}", id_number(2 * key),
                         "13800138000", "低收入家庭成员", "拖欠工资", f"申请人{key}", id_number(2 * key), "农民工"])
        else:
            rows.append([str(key)] + [""] * 10 + [f"受援人{key}", id_number(2 * key + 1), "农民工，妇女"])
    return rows


# --- corrections ---------------------------------------------------------------------------------------------

PERSON_HEADERS = ["姓名", "身份证号码", "联系电话", "居住地", "矫正类别", "罪名", "决定机关", "判决（决定）生效日期",
                  "矫正起始日期", "矫正期满日期", "执行地街道", "管理等级", "报到日期"]


def supervisee_rows(n, base, made):
    rows = []
    for i in range(n):
        judged = back(20 + i % 300)
        rows.append([f"矫正对象{i}", unique_id_number(i), "13800138000", "基准街道某小区", "缓刑", "危险驾驶罪",
                     "基准区人民法院", judged, judged, judged + timedelta(days=365), STREETS[i % 2], "普管",
                     judged + timedelta(days=3) if i % 4 else ""])  # one in four still to report in
    return rows


def supervisees(base, count):
    """`count` people on the register (reported in 400 days ago), made with COPY."""
    from corrections.models import Supervisee

    reported = back(400)
    people = [Supervisee(name=f"在册对象{i}", gender="M", id_number=unique_id_number(5_000_000 + i),
                         sentence_kind="probation", crime="危险驾驶罪", court="基准区人民法院",
                         judgment_on=reported - timedelta(days=3), term_start=reported - timedelta(days=3),
                         term_end=reported + timedelta(days=1000), area=base.streets[i % 2],
                         report_due_on=reported + timedelta(days=7), reported_on=reported,
                         status=Supervisee.Status.ACTIVE, level="normal")
              for i in range(count)]
    return bulk.insert(people)


EVENT_HEADERS = ["身份证号码", "姓名", "类别", "日期", "方式", "随机抽查", "情况摘要"]


def event_world(base, n):
    return supervisees(base, max(1, min(n // 5, 2000)))


def event_rows(n, base, people):
    from corrections.models import SupervisionEvent

    kinds = [(label(SupervisionEvent.Kind.TALK), label(SupervisionEvent.Method.IN_PERSON)),
             (label(SupervisionEvent.Kind.INFO_CHECK), ""), (label(SupervisionEvent.Kind.VISIT), "")]
    rows = []
    for i in range(n):
        person = people[i % len(people)]
        kind, method = kinds[i % 3]
        rows.append([str(person.id_number), person.name, kind, back(i % 390), method, "", f"情况摘要{i}"])
    return rows


# --- lawyers -------------------------------------------------------------------------------------------------

FIRM_HEADERS = ["名称", "统一社会信用代码", "街道", "地址", "电话", "负责人", "成立日期", "状态"]


def firm_rows(n, base, made):
    return [[f"基准律师事务所{i}", credit_code(i), STREETS[i % 2], f"基准路{i}号", "0755-88888888", f"主任{i}",
             back(1000 + i % 3000), ""] for i in range(n)]


def firms(base, count, start=500_000):
    from lawyers.models import LawFirm

    return bulk.insert([LawFirm(name=f"在册律师事务所{i}", credit_code=credit_code(start + i), area=base.streets[i % 2],
                                founded_on=back(3000)) for i in range(count)])


def lawyers_of(base, firm_list, count, kind="full_time", start=500_000):
    from lawyers.models import Lawyer

    return bulk.insert([Lawyer(name=f"在册律师{i}", certificate_number=certificate(start + i), kind=kind,
                               firm=firm_list[i % len(firm_list)] if firm_list else None, area=base.streets[i % 2],
                               practice_start=back(3000)) for i in range(count)])


LAWYER_HEADERS = ["姓名", "身份证号码", "执业证号", "类别", "执业机构", "街道", "首次执业日期", "业务专长",
                  "承办法律援助案件", "电话", "状态"]


def lawyer_world(base, n):
    return firms(base, 100)


def lawyer_rows(n, base, firm_list):
    return [[f"律师{i}", unique_id_number(i), certificate(i), "专职律师", firm_list[i % len(firm_list)].credit_code,
             "", back(500 + i % 3000), "劳动争议，婚姻家庭", "是", "13800138000", ""] for i in range(n)]


SERVICE_LOG_HEADERS = ["服务日期", "执业证号", "社区", "服务站点", "服务类别", "数量", "化解成功", "时长（小时）",
                       "摘要"]


def advisor_world(base, n):
    from lawyers.models import Posting

    advisors = lawyers_of(base, firms(base, 5), 50)
    bulk.insert([Posting(lawyer=lawyer, area=base.communities[i % 2], start_on=back(400), end_on=today())
                 for i, lawyer in enumerate(advisors)])
    return advisors


def service_log_rows(n, base, advisors):
    return [[back(i % 365), advisors[i % 50].certificate_number, base.communities[i % 50 % 2].name, "", "法律咨询",
             1 + i % 5, "", "1.5", f"咨询{i}"] for i in range(n)]


RESULT_HEADERS = ["考核年度", "考核对象", "律师事务所", "律师执业证号", "材料收到日期", "考核意见", "考核等次",
                  "评定日期"]


def inspection_world(base, n):
    from lawyers.models import InspectionCampaign, InspectionKind

    started = date(today().year, 1, 1)
    InspectionCampaign.objects.create(district=base.district, year=today().year - 1, kind=InspectionKind.FIRM,
                                      started_on=started, created_by=base.users["lawyers"])
    return firms(base, n)


def inspection_rows(n, base, firm_list):
    from lawyers.models import InspectionKind

    year, day = today().year - 1, date(today().year, 1, 1)
    return [[year, label(InspectionKind.FIRM), firm.credit_code, "", day, "材料齐全，执业规范", "合格", day]
            for firm in firm_list[:n]]


COMPLAINT_HEADERS = ["区", "投诉来源", "移交区", "收到日期", "投诉人", "投诉人电话", "被投诉律师执业证号",
                     "被投诉律师事务所", "投诉事项"]


def complaint_world(base, n):
    return lawyers_of(base, firms(base, 20), 100)


def complaint_rows(n, base, lawyer_list):
    return [["", "来电", "", this_year_day(i), f"投诉人{i}", "13800138000", lawyer_list[i % 100].certificate_number, "",
             f"投诉事项{i}：未及时告知案件进展"] for i in range(n)]


# --- mediation -----------------------------------------------------------------------------------------------

ORGANISATION_HEADERS = ["名称", "类型", "组织形式", "所在区域", "地址或小区", "成立日期", "备案日期", "备案编号"]


def organisation_rows(n, base, made):
    return [[f"基准社区{i}人民调解委员会", "社区（居委会）人民调解委员会", "", COMMUNITIES[i % 2], f"小区{i}",
             back(2000), back(1000), f"基调备{i:06d}"] for i in range(n)]


COMMITTEES = ["基准街道一人民调解委员会", "基准街道二人民调解委员会"]
MEDIATORS = ["陈调解", "吴调解", "黄调解"]


def committees(base, n=0):
    from mediation.models import Mediator, Organisation

    found = []
    for street, name in zip(base.streets, COMMITTEES):
        committee = Organisation.objects.create(name=name, kind="street", area=street, founded_on=date(2020, 1, 1))
        for mediator in MEDIATORS:
            Mediator.objects.create(organisation=committee, area=street, name=mediator, from_on=date(2020, 1, 1))
        found.append(committee)
    return found


MEDIATOR_HEADERS = ["调解组织", "姓名", "专兼职", "联系电话", "任职日期"]


def mediator_rows(n, base, made):
    return [[COMMITTEES[i % 2], f"调解员{i}", "兼职", "13800138000", back(i % 1000)] for i in range(n)]


MEDIATION_CASE_HEADERS = ["调解组织", "受理日期", "案件来源", "委托移送单位", "纠纷类型", "主持调解员",
                          "涉案金额（元）", "纠纷简要情况", "当事人一姓名", "当事人一身份证号码", "当事人一联系电话",
                          "当事人二姓名", "当事人二身份证号码"]


def mediation_case_rows(n, base, made):
    sources = ["当事人申请", "主动调解", "法院委托移送"]
    types = ["邻里纠纷", "婚姻家庭纠纷", "物业纠纷", "劳动争议纠纷", "合同纠纷"]
    return [[COMMITTEES[i % 2], this_year_day(i), sources[i % 3], "基准区人民法院" if i % 3 == 2 else "", types[i % 5],
             MEDIATORS[i % 3], 1000 + i % 50_000, f"纠纷简要情况第{i}号：楼上漏水损坏楼下装修，双方协商不成",
             f"王{i}", id_number(2 * i), "13800138000", f"李{i}", id_number(2 * i + 1)] for i in range(n)]


# --- normative_docs ------------------------------------------------------------------------------------------

UNITS = [f"基准区第{i}局" for i in range(10)]


def units(base, n=0):
    from normative_docs.models import Unit

    return bulk.insert([Unit(area=base.district, name=name, kind="department") for name in UNITS])


RECONSIDERATION_HEADERS = ["申请人", "被申请人", "行政行为类别", "复议请求", "收到申请日期", "受理日期"]


def reconsideration_rows(n, base, made):
    rows = []
    for i in range(n):
        received = back(30 + i % 300)
        rows.append([f"申请人{i}", "基准区某局", "行政处罚", "撤销处罚决定", received,
                     received + timedelta(days=3) if i % 2 else ""])
    return rows


LITIGATION_HEADERS = ["审理法院", "法院案号", "原告（上诉人）", "被告", "行政行为类别", "收到应诉通知日期"]


def litigation_rows(n, base, made):
    return [["基准区人民法院", f"（{today().year}）粤0399行初{i + 1}号", f"原告{i}", "基准区某局", "行政处罚",
             back(i % 300)] for i in range(n)]


DOCUMENT_HEADERS = ["制定机关（起草单位）", "文件名称", "文号", "印发日期", "报送备案日期"]


def document_rows(n, base, made):
    rows = []
    for i in range(n):
        issued = back(30 + i % 1500)
        # Numbers of up to four digits: a prefix per thousand documents keeps every number distinct.
        rows.append([UNITS[i % 10], f"关于第{i}项工作的规定", f"基规{i // 1000}〔{issued.year}〕{i % 1000 + 1}号",
                     issued, issued + timedelta(days=10)])
    return rows


OFFICER_HEADERS = ["所在单位", "姓名", "执法证号", "有效期至"]


def officer_rows(n, base, made):
    return [[UNITS[i % 10], f"执法人员{i}", f"44039{i:08d}", today() + timedelta(days=365 + i % 700)] for i in range(n)]


DECISION_HEADERS = ["目录年度", "决策事项", "承办单位", "列入听证目录", "列入目录日期"]


def decision_rows(n, base, made):
    return [[today().year, f"第{i}项重大行政决策", UNITS[i % 10], "是" if i % 7 == 0 else "否", ""] for i in range(n)]


# --- public_service ------------------------------------------------------------------------------------------

SITE_RECORD_HEADERS = ["服务站点", "服务日期", "服务人员", "人员类别", "法律咨询（人次）", "代写文书（份）",
                       "出具法律意见（份）", "其他服务（件）", "备注"]
SITES = 10
STAFF = 50


def sites(base, n=0):
    from lawyers.models import ServicePoint

    return bulk.insert([ServicePoint(name=f"基准社区公共法律服务室{i}", kind=ServicePoint.Kind.COMMUNITY_ROOM,
                                     area=base.communities[i % 2]) for i in range(SITES)])


def site_record_rows(n, base, made):
    return [[made[i % SITES].name, back(i // (SITES * STAFF)), f"工作人员{i // SITES % STAFF}", "工作人员", 1 + i % 9,
             i % 3, i % 2, "", ""] for i in range(n)]


# --- publicity -----------------------------------------------------------------------------------------------

ACTIVITY_HEADERS = ["活动名称", "主题", "形式", "“四进”对象", "街道", "活动地点", "活动日期", "受众人次",
                    "发放普法书籍（册）", "发放宣传折页（份）"]


def activity_rows(n, base, made):
    return [[f"普法活动{i}", "民法典", "讲座", "进社区", STREETS[i % 2], f"基准社区活动室{i % 20}", back(i % 700),
             20 + i % 200, i % 50, i % 100] for i in range(n)]


PARTICIPANT_HEADERS = ["姓名", "身份证号", "工号", "单位", "成绩", "考试时间"]


def exam_world(base, n):
    from publicity.models import Exam, ExamUnit

    unit_list = units(base)
    exam = Exam.objects.create(area=base.district, year=today().year, name="基准区学法考试",
                               held_from=date(today().year, 1, 1), held_to=date(today().year, 12, 31))
    ExamUnit.objects.bulk_create([ExamUnit(exam=exam, unit=unit, eligible=max(1, n)) for unit in unit_list])
    return unit_list


def participant_rows(n, base, made):
    return [[f"参考人{i}", unique_id_number(i), f"G{i:07d}", UNITS[i % 10], Decimal(60 + i % 40), this_year_day(i)]
            for i in range(n)]


SPECS = {
    "legalaid.consultation": Spec(CONSULTATION_HEADERS, consultation_rows),
    "legalaid.case": Spec(CASE_HEADERS, case_rows),
    "corrections.supervisee": Spec(PERSON_HEADERS, supervisee_rows),
    "corrections.supervisionevent": Spec(EVENT_HEADERS, event_rows, event_world),
    "lawyers.lawfirm": Spec(FIRM_HEADERS, firm_rows),
    "lawyers.lawyer": Spec(LAWYER_HEADERS, lawyer_rows, lawyer_world),
    "lawyers.servicelog": Spec(SERVICE_LOG_HEADERS, service_log_rows, advisor_world),
    "lawyers.inspection_result": Spec(RESULT_HEADERS, inspection_rows, inspection_world),
    "lawyers.complaint": Spec(COMPLAINT_HEADERS, complaint_rows, complaint_world),
    "mediation.organisation": Spec(ORGANISATION_HEADERS, organisation_rows),
    "mediation.mediator": Spec(MEDIATOR_HEADERS, mediator_rows, committees),
    "mediation.case": Spec(MEDIATION_CASE_HEADERS, mediation_case_rows, committees),
    "normative_docs.reconsideration": Spec(RECONSIDERATION_HEADERS, reconsideration_rows),
    "normative_docs.litigation": Spec(LITIGATION_HEADERS, litigation_rows),
    "normative_docs.issued_document": Spec(DOCUMENT_HEADERS, document_rows, units),
    "normative_docs.officer": Spec(OFFICER_HEADERS, officer_rows, units),
    "normative_docs.major_decision": Spec(DECISION_HEADERS, decision_rows, units),
    "public_service.site_record": Spec(SITE_RECORD_HEADERS, site_record_rows, sites),
    "publicity.activity": Spec(ACTIVITY_HEADERS, activity_rows),
    "publicity.participant": Spec(PARTICIPANT_HEADERS, participant_rows, exam_world),
}

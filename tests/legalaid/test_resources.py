"""Importing applications with their recipients (legalaid.resources.CaseResource)."""

import io
from datetime import date

import openpyxl
import pytest

from bureau.audit import AuditEvent
from bureau.imports import get_resource
from bureau.imports.files import read_table
from bureau.models import Reminder
from legalaid.models import Case, CaseStep, Recipient, Status
from tests.factories import resident_id

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

HEADERS = ["申请序号", "收到日期", "街道", "来源", "案件类别", "援助事项", "可能判处无期徒刑、死刑", "申请人",
           "申请人身份证号码", "联系电话", "住址", "户籍所在地", "免予核查情形", "经济困难状况", "家庭月人均收入（元）",
           "经济状况说明", "案情摘要", "通知机关",
           "受援人姓名", "受援人身份证号码", "人群类别", "受援人联系电话"]
LABOUR = "确认劳动关系或者支付劳动报酬（第三十一条第五项）"


def row(key, **cells):
    values = {"申请序号": key, "收到日期": "2026-03-02", "街道": "桂园街道", "来源": "窗口申请", "案件类别": "民事",
              "援助事项": LABOUR, "申请人": "王小明", "申请人身份证号码": resident_id(),
              "经济困难状况": "低收入家庭成员"}
    values.update(cells)
    return [values.get(h) for h in HEADERS]


def more(key, **cells):
    """A further recipient of application `key`: the application's columns left blank."""
    return [{"申请序号": key, **cells}.get(h) for h in HEADERS]


def table(rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for r in rows:
        book.active.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return read_table(buffer, "申请.xlsx")


def run(rows, user, commit=True):
    resource = get_resource("legalaid.case")
    result = resource.validate(table(rows), user)
    if commit and result.is_valid:
        resource.save(result, user)
    return result


def test_rows_with_the_same_key_are_one_application_with_its_recipients(personas, clock_rules):
    worker = resident_id(birth="19850612", sequence="246")  # female (even sequence digit)
    rows = [
        row("1", 申请人="李建国", 受援人姓名="李建国", 人群类别="农民工"),
        more("1", 受援人姓名="陈芳", 受援人身份证号码=worker, 人群类别="农民工，妇女"),
        more("1", 受援人姓名="赵强", 人群类别="农民工、残疾人", 街道="桂园街道"),  # repeating is allowed
        row("2", 申请人="周阿姨", 申请人身份证号码=resident_id(birth="19560101", region="110101"), 来源="12348热线",
            援助事项="赡养费、抚养费、扶养费（第三十一条第四项）"),  # the applicant is the recipient
    ]
    result = run(rows, personas.clerk_a)
    assert result.errors == []
    group, single = Case.objects.order_by("number")
    assert (group.applicant_name, group.recipients.count()) == ("李建国", 3)
    assert group.number == "罗法援〔2026〕0001号" and single.number == "罗法援〔2026〕0002号"
    assert group.status == Status.RECEIVED and group.created_by == personas.clerk_a
    assert group.complete_on == date(2026, 3, 2) and group.decision_due_on == date(2026, 3, 11)  # 7 working days
    chen = Recipient.objects.get(name="陈芳")
    assert chen.groups == ["migrant_worker", "women"] and chen.is_female and chen.birth_date == date(1985, 6, 12)
    assert Recipient.objects.get(name="赵强").groups == ["migrant_worker", "disabled"]
    zhou = single.recipients.get()
    assert zhou.name == "周阿姨" and zhou.id_number == single.applicant_id_number
    assert CaseStep.objects.filter(action="收到申请", by=personas.clerk_a).count() == 2
    assert Reminder.objects.filter(kind="legalaid.decision_due", object_id__in=[group.pk, single.pk]).count() == 2
    assert AuditEvent.objects.filter(pgh_obj_model="legalaid.Recipient", pgh_label="insert").count() == 4


def test_a_wrong_id_check_digit_or_an_inconsistent_row_writes_nothing(personas, clock_rules):
    bad_id = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")
    rows = [
        row("1", 受援人姓名="甲"),
        more("1", 收到日期="2026-03-03", 受援人姓名="乙"),  # row 3: differs from the application's first row
        row("2", 申请人身份证号码=bad_id),  # row 4
        row("3", 案件类别="刑事"),  # row 5: a labour matter is not criminal (Case.clean)
        row("4", 来源="通知辩护", 案件类别="刑事", 援助事项="通知辩护（第二十五、二十八条）"),  # row 6: no authority
        row("5", 受援人身份证号码="440303199003071230", 人群类别="学生"),  # row 7
    ]
    result = run(rows, personas.clerk_a)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert "与同一申请序号的第2行不一致" in found[(3, "收到日期")]
    assert found[(4, "申请人身份证号码")] == "身份证号码校验位不正确，请核对后重新输入。"
    assert "不是刑事案件的援助事项" in found[(5, "援助事项")]
    assert "须填写通知机关" in found[(6, "通知机关")]
    assert (7, "受援人身份证号码") in found and "“学生”不是可选的值" in found[(7, "人群类别")]
    assert not Case.objects.exists() and not Recipient.objects.exists()


def test_the_template_explains_the_grouping(client_for, personas):
    from django.urls import reverse

    response = client_for(personas.section).get(reverse("imports:resource_template", args=["legalaid.case"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["数据"][1]] == HEADERS
    text = " ".join(str(v) for r in book["说明"].iter_rows(values_only=True) for v in r if v)
    assert "申请序号" in text and "每行一名受援人" in text and "受援人就是申请人本人时" in text


@pytest.mark.parametrize("street", ["黄贝街道", "440303002"])
def test_a_street_office_cannot_import_another_streets_applications(personas, clock_rules, street):
    result = run([row("1", 街道=street)], personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "街道")]
    assert "不在您的管辖范围内" in result.errors[0].message


CASE_FIELDS = ["status", "decision", "decided_on", "complete_on", "decision_due_on", "assignment_due_on",
               "received_on", "area_id", "source", "category", "created_by_id"]


def _as_written(case):
    """What receiving wrote about a case: its fields, its timeline (without the note) and its to-dos."""
    case.refresh_from_db()
    steps = list(case.steps.values_list("action", "status", "on", "by_id"))
    todos = list(Reminder.objects.for_object(case).values_list("kind", "due_on", "state", "area_id", "role"))
    return {name: getattr(case, name) for name in CASE_FIELDS}, steps, todos


@pytest.mark.parametrize("received_on", [date(2026, 9, 30), date(2026, 3, 6)])  # before 国庆; a Friday
@pytest.mark.parametrize("source, kind, category, authority", [
    ("通知辩护", "刑事", "通知辩护（第二十五、二十八条）", "罗湖区人民法院"),
    ("窗口申请", "民事", LABOUR, ""),
])
def test_an_imported_case_is_received_exactly_as_on_the_page(personas, clock_rules, received_on, source, kind,
                                                             category, authority):
    from legalaid import services
    from legalaid.models import Recipient as R

    result = run([row("1", 收到日期=received_on.isoformat(), 来源=source, 案件类别=kind, 援助事项=category,
                      通知机关=authority)], personas.section)
    assert result.errors == []
    imported = Case.objects.get()
    page = services.case_receive(case=Case(
        area=imported.area, source=imported.source, received_on=received_on, matter_kind=imported.matter_kind,
        category=imported.category, applicant_name="王小明", notifying_authority=authority,
        applicant_id_number=imported.applicant_id_number, financial_status=imported.financial_status,
    ), recipients=[R(name="王小明")], by=personas.section)
    assert _as_written(imported) == _as_written(page)
    assert imported.steps.get().note == "批量导入"
    if source == "通知辩护":  # accepted on its receipt day, no decision clock, an assignment to-do
        assert imported.status == Status.GRANTED and imported.decided_on == received_on
        assert imported.decision_due_on is None and imported.steps.get().action == "收到通知，受理"
        assert Reminder.objects.for_object(imported).get().kind == "legalaid.assignment_due"

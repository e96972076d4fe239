"""Importing persons under correction and their supervision events (corrections.resources)."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bureau.audit import AuditEvent
from bureau.imports import get_resource
from bureau.imports.files import read_table
from bureau.models import ImportJob, Reminder, Role
from bureau.reminders import run_rules
from corrections import reminders
from corrections.models import LedgerEntry, Supervisee, SupervisionEvent
from tests.factories import UserFactory, resident_id
from tests.importing import xlsx

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

PERSON_HEADERS = ["姓名", "性别", "身份证号码", "联系电话", "居住地", "矫正类别", "罪名", "决定机关", "判决（决定）生效日期",
                  "矫正起始日期", "矫正期满日期", "执行地街道", "管理等级", "矫正小组", "禁止令", "报到日期", "迁入前执行地"]
EVENT_HEADERS = ["身份证号码", "姓名", "类别", "日期", "方式", "随机抽查", "情况摘要"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _table(rows):
    return read_table(io.BytesIO(xlsx(EVENT_HEADERS, rows)), "记录.xlsx")


def person(n, **cells):
    values = {"姓名": f"张{n}", "身份证号码": resident_id(sequence=f"{n:02d}1"), "矫正类别": "缓刑",
              "罪名": "危险驾驶罪", "决定机关": "深圳市罗湖区人民法院", "判决（决定）生效日期": "2026-03-02",
              "矫正起始日期": "2026-03-02", "矫正期满日期": "2027-03-01", "执行地街道": "桂园街道",
              "报到日期": "2026-03-06"}
    values.update(cells)
    return values


def upload(client, resource, content):
    client.post(reverse("imports:importjob_create", args=[resource]),
                {"file": SimpleUploadedFile("导入.xlsx", content)})
    return ImportJob.objects.latest("pk")


def commit(client, job):
    client.post(reverse("imports:importjob_commit", args=[job.pk]))
    job.refresh_from_db()
    return job


def test_the_template_has_the_chinese_headers_and_explains_the_intake(client_for, personas):
    response = client_for(personas.clerk_a).get(reverse("imports:resource_template",
                                                        args=["corrections.supervisee"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["数据"][1]] == PERSON_HEADERS
    text = " ".join(str(v) for r in book["说明"].iter_rows(values_only=True) for v in r if v)
    assert "10日内报到" in text and "缓刑" in text
    response = client_for(personas.clerk_a).get(reverse("imports:resource_template",
                                                        args=["corrections.supervisionevent"]))
    assert [c.value for c in openpyxl.load_workbook(io.BytesIO(response.content))["数据"][1]] == EVENT_HEADERS


def test_persons_are_previewed_then_registered_and_received_through_the_services(client_for, personas):
    client = client_for(personas.clerk_a)
    rows = [person(1, 管理等级="严管"), person(2, 报到日期=None, 性别="男"),
            person(3, 报到日期="2026-03-10", 迁入前执行地="广东省东莞市东城街道司法所")]
    job = upload(client, "corrections.supervisee", xlsx(PERSON_HEADERS, rows))
    assert job.status == ImportJob.Status.VALID and not Supervisee.objects.exists()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "将写入3条记录" in html and "440303********" in html and rows[0]["身份证号码"] not in html

    job = commit(client, job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 3
    one, two, three = Supervisee.objects.order_by("name")
    assert (one.status, one.level, one.reported_on, one.gender) == ("active", "strict", date(2026, 3, 6), "M")
    assert one.report_due_on == date(2026, 3, 12) and one.level_changes.get().level == "strict"
    assert two.status == Supervisee.Status.AWAITING_REPORT and two.reported_on is None
    ledger = dict(LedgerEntry.objects.values_list("supervisee__name", "kind"))
    assert ledger == {"张1": "received", "张3": "transferred_in"}
    assert LedgerEntry.objects.get(supervisee=three).counterpart_name == "广东省东莞市东城街道司法所"
    assert {e.user for e in AuditEvent.objects.filter(pgh_obj_model="corrections.LedgerEntry")} == {personas.clerk_a}
    # the new people's clocks are on the office's work list at once
    assert Reminder.objects.filter(kind=reminders.INTAKE_OVERDUE, object_id=two.pk, area=personas.clerk_a.area).exists()


def test_one_bad_row_names_the_row_and_writes_nothing(client_for, personas, make_supervisee):
    already = make_supervisee()
    good = resident_id(sequence="021")
    rows = [
        person(1),
        person(2, 身份证号码=good[:-1] + ("0" if good[-1] != "0" else "1")),  # row 3: wrong check digit
        person(3, 身份证号码=already.id_number),  # row 4: on the register already
        person(4, 矫正期满日期="2026-01-01"),  # row 5: the term ends before it starts
        person(5, 执行地街道="黄贝街道"),  # row 6: not clerk_a's street
        person(6, 报到日期="2026-02-01"),  # row 7: reported before the judgment
        person(7, 身份证号码=person(1)["身份证号码"], 姓名="张一"),  # row 8: same number as row 2
    ]
    client = client_for(personas.clerk_a)
    before = (Supervisee.objects.count(), LedgerEntry.objects.count())
    job = upload(client, "corrections.supervisee", xlsx(PERSON_HEADERS, rows))
    assert job.status == ImportJob.Status.INVALID
    errors = {(row, column): message for row, column, message in job.errors}
    assert "校验位不正确" in errors[(3, "身份证号码")]
    assert "已在册或待报到" in errors[(4, "身份证号码")]
    assert "应晚于矫正起始日期" in errors[(5, "矫正期满日期")]
    assert "不在您的管辖范围内" in errors[(6, "执行地街道")]
    assert "不能早于判决" in errors[(7, "报到日期")]
    assert "与第2行重复" in errors[(8, "身份证号码")]
    assert (Supervisee.objects.count(), LedgerEntry.objects.count()) == before
    assert "没有写入任何数据" in client.get(job.get_absolute_url()).content.decode()


def test_events_are_recorded_through_the_service_and_close_the_to_dos_they_answer(client_for, personas,
                                                                                  make_supervisee):
    talked = make_supervisee(name="李四")
    checked = make_supervisee(name="王五")
    run_rules(date(2026, 3, 1), kinds={reminders.TALK_OVERDUE})
    assert Reminder.objects.open().filter(kind=reminders.TALK_OVERDUE, object_id=talked.pk).exists()
    rows = [
        {"身份证号码": talked.id_number, "姓名": "李四", "类别": "谈话教育", "日期": "2026-02-20", "方式": "当面",
         "情况摘要": "思想稳定"},
        {"身份证号码": checked.id_number, "类别": "信息化核查", "日期": "2026-02-21", "随机抽查": "是"},
        {"身份证号码": checked.id_number, "类别": "档案抽查", "日期": "2026-02-22"},
    ]
    client = client_for(personas.clerk_a)
    job = upload(client, "corrections.supervisionevent", xlsx(EVENT_HEADERS, rows))
    assert job.status == ImportJob.Status.VALID and not SupervisionEvent.objects.exists()
    job = commit(client, job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 3
    talk = SupervisionEvent.objects.get(kind="talk")
    assert (talk.supervisee, talk.area, talk.recorded_by, talk.method) == (talked, personas.clerk_a.area,
                                                                         personas.clerk_a, "in_person")
    assert SupervisionEvent.objects.get(kind="info_check").is_random
    assert not Reminder.objects.open().filter(kind=reminders.TALK_OVERDUE, object_id=talked.pk).exists()


def test_a_bad_event_row_names_the_row_and_writes_nothing(personas, make_supervisee):
    person_a = make_supervisee(name="李四")
    awaiting = make_supervisee(name="赵六", reported_on=None)
    rows = [
        {"身份证号码": person_a.id_number, "类别": "谈话教育", "日期": "2026-02-20"},
        {"身份证号码": person_a.id_number, "姓名": "李三", "类别": "谈话教育", "日期": "2026-02-20"},  # row 3
        {"身份证号码": person_a.id_number, "类别": "谈话教育", "日期": "2026-01-02"},  # row 4: before report-in
        {"身份证号码": awaiting.id_number, "类别": "实地走访", "日期": "2026-02-20"},  # row 5: not on register
        {"身份证号码": resident_id(sequence="999"), "类别": "报告", "日期": "2026-02-20"},  # row 6: unknown
        {"身份证号码": person_a.id_number, "类别": "开会", "日期": "2099-01-01"},  # row 7
    ]
    result = get_resource("corrections.supervisionevent").validate(_table(rows), personas.clerk_a)
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert "不一致" in errors[(3, "姓名")]
    assert "不能早于报到日期2026-01-10" in errors[(4, "日期")]
    assert "目前不在册（待报到）" in errors[(5, "身份证号码")]
    assert "未找到身份证号码为440303********" in errors[(6, "身份证号码")]
    assert (7, "类别") in errors and "不能晚于今天" in errors[(7, "日期")]
    assert len(errors) == 6 and not SupervisionEvent.objects.exists()


def test_a_street_office_cannot_import_events_for_another_streets_people(client_for, personas, areas,
                                                                          make_supervisee):
    person_a = make_supervisee(name="李四")  # street A
    client = client_for(personas.clerk_b)
    rows = [{"身份证号码": person_a.id_number, "类别": "谈话教育", "日期": "2026-02-20"}]
    job = upload(client, "corrections.supervisionevent", xlsx(EVENT_HEADERS, rows))
    assert job.status == ImportJob.Status.INVALID
    [(row, column, message)] = job.errors
    assert (row, column) == (2, "身份证号码") and "不在您的管辖范围内" in message
    assert person_a.id_number not in message  # the error list keeps the number masked
    assert not SupervisionEvent.objects.exists()
    # the district's corrections section may
    section = UserFactory(role=Role.SECTION, section="corrections", area=areas.district)
    assert get_resource("corrections.supervisionevent").validate(_table(rows), section).is_valid


def test_who_may_import(client_for, personas):
    for user, status in ((personas.clerk_a, 200), (personas.leader, 403), (personas.section, 403)):
        response = client_for(user).get(reverse("imports:importjob_create", args=["corrections.supervisee"]))
        assert response.status_code == status, user


# --- An import writes exactly what the page writes ---------------------------------------------------------


def _as_written(person):
    """What the write left about a person, without what differs by design (name, number, ids, timestamps)."""
    ledger = [(e.kind, e.on, e.area_id, e.counterpart_name, e.recorded_by_id)
              for e in person.ledger.order_by("on", "pk")]
    levels = [(c.level, c.on, c.reason, c.recorded_by_id) for c in person.level_changes.order_by("on", "pk")]
    todos = sorted((r.kind, r.due_on, r.area_id, r.role, r.state)
                   for r in Reminder.objects.filter(object_id=person.pk, kind__startswith="corrections."))
    fields = {f: getattr(person, f) for f in ("status", "level", "sentence_kind", "judgment_on", "term_start",
                                              "term_end", "report_due_on", "reported_on", "area_id", "gender")}
    return fields, ledger, levels, todos


@pytest.mark.parametrize("reported", ["2026-03-06", None])
def test_an_imported_person_is_the_person_the_page_enters(client_for, personas, reported):
    """The same person entered on the page (supervisee_create) and in a file: the same register, ledger, level,
    clocks and to-dos (those already due are opened at once by both, for that person only)."""
    client = client_for(personas.clerk_a)
    page = person(1, 报到日期=reported)
    response = client.post(reverse("corrections:supervisee_create"), {
        "name": page["姓名"], "gender": "M", "id_number": page["身份证号码"], "sentence_kind": "probation",
        "crime": page["罪名"], "court": page["决定机关"], "judgment_on": page["判决（决定）生效日期"],
        "term_start": page["矫正起始日期"], "term_end": page["矫正期满日期"], "area": personas.clerk_a.area.pk,
        "level": "normal", "reported_on": reported or "", "transferred_from": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    by_page = Supervisee.objects.get()
    job = commit(client, upload(client, "corrections.supervisee", xlsx(PERSON_HEADERS, [person(2, 报到日期=reported)])))
    assert job.status == ImportJob.Status.DONE
    by_import = Supervisee.objects.exclude(pk=by_page.pk).get()
    page_written, imported = _as_written(by_page), _as_written(by_import)
    assert imported == page_written
    assert page_written[3], "a story long past: the person's clocks are due, so both writes opened to-dos"


def test_importing_people_refreshes_their_to_dos_only_never_the_citys(client_for, personas, make_supervisee):
    someone = make_supervisee(reported_on=None)  # overdue, but entered without a refresh (tests/corrections/conftest)
    client = client_for(personas.clerk_a)
    job = commit(client, upload(client, "corrections.supervisee", xlsx(PERSON_HEADERS, [person(1, 报到日期=None)])))
    assert job.status == ImportJob.Status.DONE
    assert Reminder.objects.filter(kind=reminders.INTAKE_OVERDUE).count() == 1
    assert not Reminder.objects.filter(object_id=someone.pk).exists()


def test_an_imported_event_is_the_event_the_page_records(client_for, personas, make_supervisee):
    """A talk recorded on the person's page and one imported: the same row (office of the day, recorder) and the
    same to-dos closed, with the same note."""
    from corrections import services

    on_page, in_file = make_supervisee(name="李四"), make_supervisee(name="王五")
    run_rules(date(2026, 3, 1), kinds={reminders.TALK_OVERDUE, reminders.NO_CONTACT})
    services.event_record(supervisee=on_page, kind="talk", on=date(2026, 2, 20), by=personas.clerk_a,
                          method="in_person", summary="思想稳定")
    client = client_for(personas.clerk_a)
    rows = [{"身份证号码": in_file.id_number, "类别": "谈话教育", "日期": "2026-02-20", "方式": "当面", "情况摘要": "思想稳定"}]
    assert commit(client, upload(client, "corrections.supervisionevent", xlsx(EVENT_HEADERS, rows))).created_count == 1

    def written(p):
        event = SupervisionEvent.objects.get(supervisee=p)
        todos = sorted((r.kind, r.due_on, r.state, r.done_by_id, r.note)
                       for r in Reminder.objects.filter(object_id=p.pk))
        return (event.kind, event.on, event.method, event.summary, event.area_id, event.recorded_by_id), todos

    assert written(in_file) == written(on_page)
    assert {state for _k, _d, state, _b, _n in written(on_page)[1]} == {Reminder.State.DONE}

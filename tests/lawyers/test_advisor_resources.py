"""Importing service log entries collected by a street office (lawyers.servicelog)."""

from datetime import date

from bureau.imports import get_resource
from lawyers.models import Appraisal, ServiceLog
from tests.lawyers.test_resources import run

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

HEADERS = ["服务日期", "执业证号", "社区", "服务站点", "服务类别", "数量", "化解成功", "时长（小时）", "摘要"]


def row(lawyer, **values):
    cells = {"服务日期": "2026-03-02", "执业证号": lawyer.certificate_number, "社区": "桂园东", "服务站点": "",
             "服务类别": "法律咨询", "数量": 2, "化解成功": "", "时长（小时）": 1.5, "摘要": "咨询"}
    cells.update(values)
    return [cells[header] for header in HEADERS]


def test_one_bad_row_writes_nothing_and_is_named(personas, advisors):
    a, b = advisors.a, advisors.b
    rows = [
        row(a),                                                    # 2: good
        row(a, 服务类别="参与受理矛盾纠纷", 化解成功="是", 数量=1),    # 3: good
        row(a, 服务日期="2024-12-01"),                              # 4: before the posting
        row(b, 社区="黄贝东社区"),                                   # 5: street B: not clerk_a's
        row(a, 服务类别="法律讲座"),                                 # 6: not a kind
        row(a, 服务类别="法治讲座或培训", 化解成功="是"),              # 7: resolved only for disputes
    ]
    result = run("lawyers.servicelog", HEADERS, rows, personas.clerk_a)
    found = {(error.row, error.column): error.message for error in result.errors}
    assert "没有派驻到桂园东社区" in found[(4, "社区")]
    assert "不在您的管辖范围内" in found[(5, "社区")] and "未找到法律顾问" in found[(5, "执业证号")]
    assert "不是可选的值" in found[(6, "服务类别")]
    assert "可以标记化解成功" in found[(7, "化解成功")]
    assert {error.row for error in result.errors} == {4, 5, 6, 7}
    assert not ServiceLog.objects.exists()

    result = run("lawyers.servicelog", HEADERS, rows[:2], personas.clerk_a)
    assert result.errors == []
    assert sorted(ServiceLog.objects.values_list("kind", "count", "resolved", "recorded_by__username")) == [
        ("consultation", 2, False, "clerk_a"), ("dispute", 1, True, "clerk_a")]


def test_an_appraised_month_cannot_be_imported(personas, advisors, areas):
    Appraisal.objects.create(district=areas.district, month=date(2026, 3, 1), closed_by=personas.admin)
    result = run("lawyers.servicelog", HEADERS, [row(advisors.a), row(advisors.a, 服务日期="2026-04-01")],
                 personas.clerk_a)
    assert [(e.row, e.column) for e in result.errors] == [(2, "服务日期")]
    assert "月评比已完成" in result.errors[0].message
    assert not ServiceLog.objects.exists()


def test_an_advisor_imports_only_their_own(personas, advisors):
    result = run("lawyers.servicelog", HEADERS, [row(advisors.a), row(advisors.b, 社区="黄贝东社区")],
                 personas.advisor)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "执业证号"), (3, "社区")}  # 李黄贝 and 黄贝东社区 do not exist for this advisor
    assert get_resource("lawyers.servicelog").label == "法律顾问服务记录"
    assert not ServiceLog.objects.exists()


def test_an_imported_entry_is_the_entry_the_page_records(personas, advisors):
    """An entry made through service_log_create (the page, the API) and the same entry imported: the same row and
    the same to-dos answered, with the same note and by the same person."""
    from django.utils import timezone

    from bureau.models import Reminder
    from bureau.reminders import run_rules
    from lawyers import reminders
    from lawyers.models import Posting
    from lawyers.services import service_log_create

    today = timezone.localdate()
    run_rules(today, kinds={reminders.COMMUNITY_IDLE})
    assert Reminder.objects.open().filter(kind=reminders.COMMUNITY_IDLE).count() == 2
    by = personas.admin
    service_log_create(log=ServiceLog(lawyer=advisors.a, area=advisors.community_a, on=today, kind="dispute",
                                      count=1, resolved=True, hours=1.5, notes="咨询"), by=by)
    result = run("lawyers.servicelog", HEADERS, [row(advisors.b, 服务日期=today.isoformat(), 社区="黄贝东社区",
                                                     服务类别="参与受理矛盾纠纷", 数量=1, 化解成功="是")], by)
    assert result.errors == []

    def written(lawyer):
        entry = ServiceLog.objects.get(lawyer=lawyer)
        posting = Posting.objects.get(lawyer=lawyer)
        todos = sorted((r.kind, r.state, r.done_by_id, r.note) for r in Reminder.objects.filter(object_id=posting.pk))
        return _row(entry), todos

    assert written(advisors.b) == written(advisors.a)
    assert written(advisors.a)[1] == [(reminders.COMMUNITY_IDLE, Reminder.State.DONE, by.pk, "已有服务记录")]


def _row(entry):
    return (entry.on, entry.kind, entry.count, entry.resolved, entry.hours, entry.notes, entry.point_id,
            entry.recorded_by_id)

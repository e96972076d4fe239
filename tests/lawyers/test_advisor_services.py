"""The advisors' writes (lawyers.services): own entries only, postings, attachments, locked months, to-dos."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from lawyers import services
from lawyers.models import ATTACHMENT_MAX_BYTES, Appraisal, Attachment, Posting, ServiceKind, ServiceLog
from lawyers.reminders import COMMUNITY_IDLE
from tests.factories import UserFactory

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MARCH = date(2026, 3, 10)


def today():
    return timezone.localdate()


def test_an_advisor_logs_their_own_service(log, advisors, personas):
    entry = log(kind=ServiceKind.DISPUTE, count=2, resolved=True, notes="邻里漏水纠纷")
    assert entry.recorded_by == personas.advisor and entry.lawyer == advisors.a
    assert list(ServiceLog.objects.visible_to(personas.advisor)) == [entry]
    assert not ServiceLog.objects.visible_to(advisors.advisor_b).exists()


def test_an_advisor_cannot_log_for_another_advisor(advisors, personas):
    entry = ServiceLog(lawyer=advisors.b, area=advisors.community_b, on=today(), kind=ServiceKind.CONSULTATION)
    with pytest.raises(ValidationError, match="只能记录和修改本人的服务记录"):
        services.service_log_create(log=entry, by=personas.advisor)
    assert not ServiceLog.objects.exists()


def test_an_entry_needs_a_posting_on_that_day_in_that_community(log, advisors):
    with pytest.raises(ValidationError, match="没有派驻到黄贝东社区"):
        log(area=advisors.community_b)
    with pytest.raises(ValidationError, match="在2024-12-31没有派驻到桂园东社区"):
        log(on=date(2024, 12, 31))
    with pytest.raises(ValidationError, match="服务日期不能晚于今天"):
        log(on=today() + timedelta(days=1))
    with pytest.raises(ValidationError, match="只有“参与受理矛盾纠纷”可以标记化解成功"):
        log(kind=ServiceKind.LECTURE, resolved=True)
    assert not ServiceLog.objects.exists()


def test_street_staff_log_for_the_advisors_of_their_street_only(log, advisors, personas):
    assert log(by=personas.clerk_a).recorded_by == personas.clerk_a
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        log(lawyer=advisors.b, by=personas.clerk_a)
    with pytest.raises(ValidationError, match="您的角色不能记录法律顾问服务"):
        log(by=personas.leader)  # reads only
    assert ServiceLog.objects.count() == 1


def test_attachments_are_checked_by_type_content_and_size(log):
    entry = log(attachments=[SimpleUploadedFile("活动照片.png", PNG)])
    assert [a.name for a in entry.attachments.all()] == ["活动照片.png"]
    for upload, message in [
        (SimpleUploadedFile("virus.exe", b"MZ" + b"\x00" * 10), "格式不支持"),
        (SimpleUploadedFile("renamed.jpg", b"MZ" + b"\x00" * 10), "内容与扩展名不符"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"\x00" * ATTACHMENT_MAX_BYTES), "超过 10 MB"),
    ]:
        with pytest.raises(ValidationError, match=message):
            log(attachments=[upload])
    assert ServiceLog.objects.count() == 1 and Attachment.objects.count() == 1  # the refused entries left nothing


def test_an_appraised_month_is_locked_for_every_write(log, advisors, areas, personas):
    entry = log(on=MARCH)
    Appraisal.objects.create(district=areas.district, month=date(2026, 3, 1), closed_by=personas.admin)
    locked = "2026年3月的月评比已完成，该月的服务记录已锁定"
    with pytest.raises(ValidationError, match=locked):
        log(on=date(2026, 3, 31))
    entry.count = 5
    with pytest.raises(ValidationError, match=locked):
        services.service_log_update(log=entry, by=personas.advisor)
    entry.on, entry.count = date(2026, 4, 1), 1  # moving it out of the closed month is a change to it too
    with pytest.raises(ValidationError, match=locked):
        services.service_log_update(log=entry, by=personas.advisor)
    with pytest.raises(ValidationError, match=locked):
        services.service_log_delete(log=entry, by=personas.advisor)
    entry.refresh_from_db()
    assert (entry.on, entry.count) == (MARCH, 1)
    # Another district's closed month locks nothing here; April is open.
    assert log(on=date(2026, 4, 2)).pk


def test_an_advisor_edits_and_deletes_only_their_own(log, advisors, personas):
    mine, theirs = log(), log(lawyer=advisors.b)
    mine.count = 3
    services.service_log_update(log=mine, by=personas.advisor)
    mine.refresh_from_db()
    assert mine.count == 3
    with pytest.raises(ValidationError, match="只能记录和修改本人的服务记录"):
        services.service_log_delete(log=theirs, by=personas.advisor)
    services.service_log_delete(log=mine, by=personas.advisor)
    assert list(ServiceLog.objects.all()) == [theirs]


def test_a_lawyer_is_not_posted_twice_to_a_place_at_once(advisors, personas, areas):
    again = Posting(lawyer=advisors.a, area=areas.community_a, start_on=date(2026, 6, 1), end_on=date(2026, 6, 30))
    with pytest.raises(ValidationError, match="在该期间已派驻到桂园东社区"):
        services.posting_save(posting=again, by=personas.clerk_a)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        services.posting_save(posting=Posting(lawyer=advisors.a, area=advisors.community_b,
                                              start_on=date(2026, 6, 1), end_on=date(2026, 6, 30)), by=personas.clerk_a)
    with pytest.raises(ValidationError, match="不能登记或修改|不能派驻"):
        services.posting_save(posting=again, by=personas.advisor)


def test_a_posting_cannot_be_shortened_past_its_entries(log, advisors, personas):
    log(on=MARCH)
    posting = Posting.objects.get(lawyer=advisors.a)
    posting.end_on = date(2026, 2, 28)
    with pytest.raises(ValidationError, match="已有2026-03-10的服务记录"):
        services.posting_save(posting=posting, by=personas.clerk_a)
    posting.end_on = date(2026, 3, 31)
    assert services.posting_save(posting=posting, by=personas.clerk_a).end_on == date(2026, 3, 31)


def test_only_an_advisor_account_is_linked_to_a_lawyer(advisors, personas, registry):
    with pytest.raises(ValidationError, match="只能关联角色为“社区法律顾问”的账号"):
        services.lawyer_link_account(lawyer=advisors.a, user=personas.clerk_a, by=personas.clerk_a)
    with pytest.raises(ValidationError, match="该账号已关联律师张桂园"):
        services.lawyer_link_account(lawyer=advisors.b, user=personas.advisor, by=personas.clerk_a)
    other = UserFactory(username="advisor_new", role=Role.ADVISOR, area=advisors.community_a)
    services.lawyer_link_account(lawyer=advisors.a, user=other, by=personas.clerk_a)
    assert services.lawyer_of(other) == advisors.a and services.lawyer_of(personas.advisor) is None


def test_an_entry_closes_the_idle_community_todo(log, advisors, personas):
    run_rules(today(), kinds={COMMUNITY_IDLE})  # nothing logged since 2025-01-01
    todo = Reminder.objects.get(kind=COMMUNITY_IDLE, object_id=Posting.objects.get(lawyer=advisors.a).pk)
    assert todo.is_open
    log()
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE and todo.done_by == personas.advisor
    assert Reminder.objects.filter(kind=COMMUNITY_IDLE, state=Reminder.State.OPEN).count() == 1  # 李黄贝's

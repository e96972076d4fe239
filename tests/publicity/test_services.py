"""The rules of 普法's services: what a clerk is refused, with the words, and that nothing is written then."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bureau.models import Reminder
from publicity import services
from publicity.models import Activity, Material, MediaProduct, Organiser, Photo, Position
from publicity.reminders import REVIEW_DUE, REVIEW_NOTICE_DAYS

from .conftest import today

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def messages(error):
    return " ".join(error.value.messages)


@pytest.mark.django_db
def test_an_activity_is_recorded_with_its_materials_and_photos(make_activity, personas):
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    activity = make_activity(materials={"books": 50, "leaflets": 300, "posters": 0}, photos=[photo])
    assert activity.recorded_by == personas.clerk_a
    assert dict(activity.materials.values_list("kind", "quantity")) == {"books": 50, "leaflets": 300}
    assert activity.photos.get().name == "现场.png"


@pytest.mark.django_db
def test_a_renamed_program_is_refused_as_a_photo_and_nothing_is_written(make_activity):
    fake = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        make_activity(photos=[fake])
    assert "内容与扩展名不符" in messages(error)
    assert not Activity.objects.exists() and not Photo.objects.exists()


@pytest.mark.django_db
def test_an_activity_after_today_is_refused(make_activity):
    with pytest.raises(ValidationError) as error:
        make_activity(held_on=today() + timedelta(days=1))
    assert "活动日期不能晚于今天" in messages(error)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_clerk_records_only_in_their_street(make_activity, areas, personas):
    with pytest.raises(ValidationError) as error:
        make_activity(area=areas.street_b)
    assert "不在您的管辖范围内" in messages(error)
    with pytest.raises(ValidationError):
        make_activity(area=areas.district, organiser_kind=Organiser.BUREAU)
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_the_organiser_fits_the_area(make_activity, areas, pub_section):
    with pytest.raises(ValidationError) as error:
        make_activity(area=areas.district, organiser_kind=Organiser.STREET, by=pub_section)
    assert "所属区域应为街道" in messages(error)
    with pytest.raises(ValidationError) as error:
        make_activity(area=areas.district, organiser_kind=Organiser.DEPARTMENT, organiser="", by=pub_section)
    assert "区直部门名称" in messages(error)
    activity = make_activity(area=areas.district, organiser_kind=Organiser.DEPARTMENT, organiser="区教育局",
                             by=pub_section)
    assert activity.organiser_text == "区教育局"


@pytest.mark.django_db
def test_a_negative_quantity_is_refused(make_activity):
    with pytest.raises(ValidationError) as error:
        make_activity(materials={"books": -3})
    assert "数量应在1至1000000之间" in messages(error)
    assert not Material.objects.exists()


@pytest.mark.django_db
def test_an_update_replaces_the_materials_and_removes_photos(make_activity, personas):
    photo = SimpleUploadedFile("a.png", PNG)
    activity = make_activity(materials={"books": 50}, photos=[photo])
    activity.audience = 150
    services.activity_update(activity=activity, materials={"leaflets": 80}, remove=list(activity.photos.all()),
                             by=personas.clerk_a)
    activity.refresh_from_db()
    assert activity.audience == 150
    assert dict(activity.materials.values_list("kind", "quantity")) == {"leaflets": 80}
    assert not activity.photos.exists()


@pytest.mark.django_db
def test_another_street_cannot_change_or_delete_an_activity(make_activity, personas):
    activity = make_activity()
    activity.audience = 1
    with pytest.raises(ValidationError) as error:
        services.activity_update(activity=activity, by=personas.clerk_b)
    assert "不存在或不在您的管辖范围内" in messages(error)
    with pytest.raises(ValidationError):
        services.activity_delete(activity=activity, by=personas.clerk_b)
    assert Activity.objects.get().audience == 120


@pytest.mark.django_db
def test_only_a_live_stream_counts_as_training_attendance(make_product):
    with pytest.raises(ValidationError) as error:
        make_product(training_attendance=30, training_note="调解员培训")
    assert "只有网络直播" in messages(error)
    with pytest.raises(ValidationError) as error:
        make_product(kind="live_stream", views=20, training_attendance=30, training_note="调解员培训")
    assert "不能多于直播观看量" in messages(error)
    stream = make_product(kind="live_stream", views=500, training_attendance=120, training_note="调解员线上培训")
    assert stream.training_attendance == 120
    assert MediaProduct.objects.count() == 1


@pytest.mark.django_db
def test_a_street_office_reads_but_does_not_register_positions(make_position, personas, areas):
    with pytest.raises(ValidationError) as error:
        make_position(by=personas.clerk_a)
    assert "由普法与依法治理科登记" in messages(error)
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_a_position_due_for_review_is_a_to_do_for_the_section_and_review_closes_it(make_position, pub_section,
                                                                                   areas):
    until = today() + timedelta(days=30)
    position = make_position(reviewed_until=until)
    todo = Reminder.objects.get(kind=REVIEW_DUE)
    assert todo.area == areas.district and todo.role == "section"
    assert todo.due_on == until - timedelta(days=REVIEW_NOTICE_DAYS)
    later = until + timedelta(days=365 * 3)
    services.position_review(position=position, reviewed_until=later, by=pub_section)
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE
    assert not Reminder.objects.open().filter(kind=REVIEW_DUE).exists()  # the next one opens 60 days before
    with pytest.raises(ValidationError) as error:
        services.position_review(position=position, reviewed_until=until, by=pub_section)
    assert "新的复核有效期应晚于" in messages(error)


@pytest.mark.django_db
def test_the_review_to_do_opens_only_within_its_notice(make_position):
    from bureau.reminders import run_rules

    until = today() + timedelta(days=REVIEW_NOTICE_DAYS + 30)
    make_position(reviewed_until=until)
    assert not Reminder.objects.filter(kind=REVIEW_DUE).exists()
    run_rules(today(), kinds=[REVIEW_DUE])
    assert not Reminder.objects.filter(kind=REVIEW_DUE).exists()
    run_rules(until - timedelta(days=REVIEW_NOTICE_DAYS), kinds=[REVIEW_DUE])  # the daily run, 30 days on
    assert Reminder.objects.open().get(kind=REVIEW_DUE).due_on == until - timedelta(days=REVIEW_NOTICE_DAYS)


@pytest.mark.django_db
def test_a_revoked_position_has_no_review_to_do(make_position, pub_section):
    position = make_position(reviewed_until=today() + timedelta(days=30))
    services.position_revoke(position=position, on=today(), by=pub_section)
    assert not Reminder.objects.open().filter(kind=REVIEW_DUE).exists()
    with pytest.raises(ValidationError) as error:
        services.position_revoke(position=position, on=today(), by=pub_section)
    assert "已于" in messages(error)


@pytest.mark.django_db
def test_a_demonstration_community_is_a_community(make_position, areas):
    with pytest.raises(ValidationError) as error:
        make_position(kind="demo_community", area=areas.street_a)
    assert "应为该社区" in messages(error)
    assert make_position(kind="demo_community", area=areas.community_a).pk

"""The rules of the network and the residents' side, through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import Reminder
from bureau.workdays import DayKind, add_days
from public_service import services, sms
from public_service.models import Booking, BookingStatus, ClassStatus, LegalClass, PhoneCode, Question, hash_code
from public_service.reminders import ANSWER_DUE

from .conftest import OTHER_PHONE, PHONE, tomorrow_at

pytestmark = pytest.mark.django_db


def messages_of(error):
    return " ".join(error.value.messages)


# --- Phone codes ----------------------------------------------------------------------------------------------


def test_a_code_is_six_digits_sent_once_and_stored_only_hashed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record = services.phone_code_send(phone=PHONE)
    code = sms.last_code(PHONE)
    assert len(code) == 6 and code.isdigit()
    assert code not in record.code_hash and record.code_hash == hash_code(PHONE, code)
    assert record.expires_at - record.created_at == timedelta(minutes=services.CODE_MINUTES)
    assert services.phone_code_verify(phone=PHONE, code=code) == PHONE
    with pytest.raises(ValidationError, match="验证码已失效"):  # used once only
        services.phone_code_verify(phone=PHONE, code=code)


def test_a_wrong_code_counts_and_the_code_is_spent_after_the_last_try(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.phone_code_send(phone=PHONE)
    code = sms.last_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ValidationError, match="还可以再试4次"):
        services.phone_code_verify(phone=PHONE, code=wrong)
    for _ in range(services.CODE_ATTEMPTS - 1):
        with pytest.raises(ValidationError):
            services.phone_code_verify(phone=PHONE, code=wrong)
    with pytest.raises(ValidationError, match="错误次数过多"):
        services.phone_code_verify(phone=PHONE, code=code)  # even the right one, now
    assert PhoneCode.objects.get().attempts == services.CODE_ATTEMPTS


def test_a_code_expires(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.phone_code_send(phone=PHONE)
    code = sms.last_code(PHONE)
    with time_machine.travel(timezone.now() + timedelta(minutes=services.CODE_MINUTES, seconds=1)):
        with pytest.raises(ValidationError, match="验证码已失效"):
            services.phone_code_verify(phone=PHONE, code=code)


def test_a_new_code_replaces_the_last_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.phone_code_send(phone=PHONE)
    first = sms.last_code(PHONE)
    with django_capture_on_commit_callbacks(execute=True):
        services.phone_code_send(phone=PHONE)
    second = sms.last_code(PHONE)
    if first != second:
        with pytest.raises(ValidationError):
            services.phone_code_verify(phone=PHONE, code=first)
    assert services.phone_code_verify(phone=PHONE, code=second) == PHONE


def test_a_phone_number_must_be_a_mobile_number():
    with pytest.raises(ValidationError, match="11位手机号码"):
        services.phone_code_send(phone="0755123")
    assert not PhoneCode.objects.exists()


# --- Bookings -------------------------------------------------------------------------------------------------


def book(network, at=None, phone=PHONE, point=None):
    return services.booking_create(point=point or network.station_a, starts_at=at or tomorrow_at(9), phone=phone,
                                   name="王先生", matter="劳动合同纠纷咨询")


def test_slots_come_from_the_hours_and_count_the_places_taken(network):
    book(network)
    slots = services.slots_available(network.station_a, days=1)
    tomorrow = [s for s in slots if timezone.localtime(s[0]).date() == timezone.localdate() + timedelta(days=1)]
    assert [timezone.localtime(s[0]).strftime("%H:%M") for s in tomorrow] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert tomorrow[0][2:] == (5, 1) and tomorrow[1][2:] == (5, 0)
    # today's slots that have started (the clock is at 10:00) are not offered
    today = [s for s in slots if timezone.localtime(s[0]).date() == timezone.localdate()]
    assert all(s[0] > timezone.now() for s in today)


def test_a_booking_must_be_a_slot_of_the_site_in_the_future_and_within_the_window(network):
    with pytest.raises(ValidationError, match="不在该站点的开放时间内"):
        book(network, at=tomorrow_at(13))
    with pytest.raises(ValidationError, match="不在该站点的开放时间内"):
        book(network, at=tomorrow_at(9, 10))
    with pytest.raises(ValidationError, match="已开始"):
        book(network, at=tomorrow_at(9) - timedelta(days=1))
    with pytest.raises(ValidationError, match="只能预约14天内"):
        book(network, at=tomorrow_at(9) + timedelta(days=services.BOOKING_DAYS))
    assert not Booking.objects.exists()


def test_a_slot_takes_no_more_than_its_limit_and_a_phone_once(network):
    book(network)
    with pytest.raises(ValidationError, match="您已预约该时段"):
        book(network)
    for n in range(4):
        book(network, phone=f"1370000000{n}")
    with pytest.raises(ValidationError, match="已约满"):
        book(network, phone=OTHER_PHONE)
    assert Booking.objects.count() == 5


def test_a_cancelled_booking_frees_its_place_and_only_its_phone_cancels_it(network):
    booking = book(network)
    with pytest.raises(ValidationError, match="预约不存在"):
        services.booking_cancel(booking=booking, phone=OTHER_PHONE)
    services.booking_cancel(booking=booking, phone=PHONE)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_at
    with pytest.raises(ValidationError, match="已取消，不能取消"):
        services.booking_cancel(booking=booking, phone=PHONE)
    assert book(network).status == BookingStatus.BOOKED  # the place is free again


def test_a_booking_cannot_be_cancelled_once_its_slot_started(network):
    booking = book(network)
    with time_machine.travel(tomorrow_at(9, 5), tick=False):
        with pytest.raises(ValidationError, match="已开始，不能取消"):
            services.booking_cancel(booking=booking, phone=PHONE)


def test_the_site_s_street_records_attendance_on_the_day_and_another_street_cannot(network, personas):
    booking = book(network)
    with pytest.raises(ValidationError, match="预约日期未到"):
        services.booking_attend(booking=booking, attended=True, service_given="解答", by=personas.clerk_a)
    with time_machine.travel(tomorrow_at(9, 40), tick=False):
        with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
            services.booking_attend(booking=booking, attended=True, service_given="解答", by=personas.clerk_b)
        with pytest.raises(ValidationError, match="请填写提供的服务"):
            services.booking_attend(booking=booking, attended=True, by=personas.clerk_a)
        services.booking_attend(booking=booking, attended=True, service_given="解答劳动合同问题", by=personas.clerk_a)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED and booking.recorded_by == personas.clerk_a


def test_a_closed_site_takes_no_bookings(network):
    network.station_a.closed_on = timezone.localdate()
    network.station_a.save()
    with pytest.raises(ValidationError, match="暂停服务"):
        book(network)


# --- Online questions ---------------------------------------------------------------------------------------


def ask(areas, street=None, phone=PHONE):
    return services.question_ask(street=street or areas.street_a, category="labour",
                                 text="公司拖欠我两个月工资，我该怎么维权？", phone=phone)


def test_a_question_goes_to_the_street_s_duty_lawyer_on_a_working_day_clock(network, areas, personas,
                                                                           calendar_loaded):
    question = ask(areas)
    today = timezone.localdate()
    assert question.lawyer == network.advisor_lawyer
    assert question.due_on == add_days(today, services.answer_workdays(), DayKind.WORKING)
    todo = Reminder.objects.get(kind=ANSWER_DUE)
    assert todo.assignee == personas.advisor and todo.due_on == question.due_on
    assert todo in Reminder.objects.inbox(personas.advisor)


def test_a_question_of_a_street_without_a_lawyer_is_its_office_s_to_do(network, areas, personas, calendar_loaded):
    question = ask(areas, street=areas.street_b)
    assert question.lawyer is None
    todo = Reminder.objects.get(kind=ANSWER_DUE)
    assert todo in Reminder.objects.inbox(personas.clerk_b) and todo not in Reminder.objects.inbox(personas.clerk_a)


def test_the_clock_is_a_setting(network, areas, settings, calendar_loaded):
    settings.PUBLIC_SERVICE_ANSWER_WORKDAYS = 5
    assert ask(areas).due_on == add_days(timezone.localdate(), 5, DayKind.WORKING)


def test_a_question_needs_a_street_and_a_real_question(network, areas):
    with pytest.raises(ValidationError, match="请选择所在街道"):
        ask(areas, street=areas.district)
    with pytest.raises(ValidationError, match="至少10个字"):
        services.question_ask(street=areas.street_a, category="labour", text="工资", phone=PHONE)
    assert not Question.objects.exists()


def test_the_advisor_answers_and_the_to_do_closes(network, areas, personas, calendar_loaded):
    question = ask(areas)
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        services.question_answer(question=question, answer="可以申请劳动仲裁。", by=personas.clerk_b)
    services.question_answer(question=question, answer="可以向劳动仲裁委员会申请仲裁。", by=personas.advisor)
    question.refresh_from_db()
    assert question.is_answered and question.on_time and question.answered_by == personas.advisor
    assert Reminder.objects.get(kind=ANSWER_DUE).state == Reminder.State.DONE
    with pytest.raises(ValidationError, match="已于"):
        services.question_answer(question=question, answer="再答一次。", by=personas.clerk_a)


def test_the_street_office_answers_too_and_late_is_late(network, areas, personas, calendar_loaded):
    question = ask(areas)
    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        services.question_answer(question=question, answer="可以向劳动仲裁委员会申请仲裁。", by=personas.clerk_a)
    question.refresh_from_db()
    assert question.is_answered and not question.on_time


def test_an_advisor_sees_only_the_questions_of_the_streets_they_serve(network, areas, personas):
    mine, other = ask(areas), ask(areas, street=areas.street_b)
    seen = set(Question.objects.visible_to(personas.advisor))
    assert mine in seen and other not in seen


# --- Classes ---------------------------------------------------------------------------------------------------


def make_class(network, personas, capacity=2):
    return services.class_create(legal_class=LegalClass(
        title="民法典与百姓生活", area=network.station_a.area, point=network.station_a, place="工作站二楼",
        starts_at=tomorrow_at(15), capacity=capacity), by=personas.clerk_a)


def test_a_class_takes_sign_ups_up_to_its_capacity_once_per_phone(network, personas):
    legal_class = make_class(network, personas)
    services.class_signup(legal_class=legal_class, phone=PHONE, name="王先生")
    with pytest.raises(ValidationError, match="已报名"):
        services.class_signup(legal_class=legal_class, phone=PHONE, name="王先生")
    services.class_signup(legal_class=legal_class, phone=OTHER_PHONE, name="李女士")
    with pytest.raises(ValidationError, match="名额已满"):
        services.class_signup(legal_class=legal_class, phone="13700000000", name="张先生")


def test_a_class_held_records_its_attendance_and_closes_sign_up(network, personas):
    legal_class = make_class(network, personas)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.class_hold(legal_class=legal_class, held_on=timezone.localdate() + timedelta(days=1), attendees=20,
                            by=personas.clerk_a)
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        services.class_hold(legal_class=legal_class, held_on=timezone.localdate(), attendees=20, by=personas.clerk_b)
    services.class_hold(legal_class=legal_class, held_on=timezone.localdate(), attendees=23, by=personas.clerk_a)
    legal_class.refresh_from_db()
    assert legal_class.status == ClassStatus.HELD and legal_class.attendees == 23
    with pytest.raises(ValidationError, match="停止报名"):
        services.class_signup(legal_class=legal_class, phone=PHONE, name="王先生")


def test_a_class_is_created_only_in_the_creator_s_area(network, personas, areas):
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        services.class_create(legal_class=LegalClass(
            title="课", area=areas.street_b, place="某处", starts_at=tomorrow_at(15), capacity=10), by=personas.clerk_a)


# --- The network ----------------------------------------------------------------------------------------------


def test_hours_may_not_overlap_and_belong_to_a_site_in_reach(network, personas):
    from datetime import time

    from public_service.models import OpeningHours

    rows = [OpeningHours(weekday=0, start=time(9), end=time(12)), OpeningHours(weekday=0, start=time(11), end=time(13))]
    with pytest.raises(ValidationError, match="周一的开放时间有重叠"):
        services.opening_hours_set(point=network.station_a, rows=rows, by=personas.clerk_a)
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        services.opening_hours_set(point=network.station_a, rows=rows[:1], by=personas.clerk_b)
    services.opening_hours_set(point=network.station_a, rows=rows[:1], by=personas.clerk_a)
    assert network.station_a.hours.count() == 1


def test_a_lawyer_is_on_duty_once_a_day_at_a_site(network, personas):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="当天已在本站点值班"):
        services.duty_add(point=network.station_a, on=today, lawyer=network.advisor_lawyer, by=personas.clerk_a)
    assert services.lawyers_on_duty([network.station_a, network.station_b], today) == {
        network.station_a.pk: ["刘律师"]}


def test_the_site_s_level_follows_its_kind(network):
    assert [network.centre.level, network.station_a.level, network.room_a.level] == ["centre", "station", "room"]
    assert network.room_a.get_level_display() == "社区工作室"


def test_the_hours_read_as_runs_of_days():
    from datetime import time

    from public_service.models import OpeningHours, hours_text

    rows = [OpeningHours(weekday=d, start=time(9), end=time(12)) for d in range(5)]
    rows += [OpeningHours(weekday=d, start=time(14), end=time(18)) for d in range(5)]
    rows.append(OpeningHours(weekday=5, start=time(9), end=time(12)))
    rows.sort(key=lambda r: (r.weekday, r.start))
    assert hours_text(rows) == "周一至周五 09:00–12:00，14:00–18:00；周六 09:00–12:00"
    assert hours_text([OpeningHours(weekday=1, start=time(14, 30), end=time(17, 30)),
                       OpeningHours(weekday=3, start=time(14, 30), end=time(17, 30))]) == \
        "周二 14:30–17:30；周四 14:30–17:30"

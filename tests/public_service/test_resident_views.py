"""The residents' pages: looking needs nothing, acting a verified phone; the privacy notice comes before the
phone; another phone gets a 404 for a booking or question it does not own; the public pages are rate-limited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from public_service import services, sms
from public_service.models import Booking, Question

from .conftest import OTHER_PHONE, PHONE, tomorrow_at

pytestmark = pytest.mark.django_db


def test_anyone_finds_the_sites_by_street_with_today_s_duty_lawyer(client, network, areas):
    page = client.get(reverse("public_service:resident_home"), {"street": areas.street_a.pk})
    text = page.content.decode()
    assert page.status_code == 200
    assert "桂园街道公共法律服务工作站" in text and "桂园东社区公共法律服务室" in text
    assert "黄贝街道公共法律服务工作站" not in text
    assert "刘律师" in text  # on duty at the station today
    assert "site-map" in text and "/static/vendor/echarts-6.1.0/echarts.min.js" in text
    assert 'src="http' not in text and "href=\"http" not in text  # nothing from a CDN or a tile server
    assert "nav-main" not in text  # no staff navigation


def test_the_sites_filter_by_level_and_service(client, network):
    page = client.get(reverse("public_service:resident_home"), {"level": "station", "service": "legal_aid"})
    text = page.content.decode()
    assert "黄贝街道公共法律服务工作站" in text and "桂园街道公共法律服务工作站" not in text


def test_the_site_list_costs_a_fixed_number_of_queries(client, network, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(reverse("public_service:resident_home")).status_code == 200


def test_a_site_shows_its_slots_and_asks_for_a_phone_to_book(client, network):
    page = client.get(reverse("public_service:resident_site", args=[network.station_a.pk]))
    assert page.status_code == 200 and "验证手机后预约" in page.content.decode()


def test_the_privacy_notice_is_shown_and_must_be_accepted_before_the_phone(client, network):
    url = reverse("public_service:resident_verify")
    page = client.get(url)
    assert "个人信息保护告知" in page.content.decode()
    refused = client.post(url, {"step": "phone", "phone": PHONE})
    assert "请先阅读并同意个人信息保护告知" in refused.content.decode() and not sms.outbox


def test_the_phone_is_verified_with_the_code_and_the_console_backend_is_announced(
        client, network, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "public_service.sms.ConsoleBackend"
    url = reverse("public_service:resident_verify")
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"step": "phone", "phone": PHONE, "agree": "on"})
    assert "开发环境：验证码已输出到服务器控制台" in sent.content.decode()
    wrong = client.post(url, {"step": "code", "code": "abcdef"})
    assert wrong.status_code == 200
    done = client.post(url + "?next=/public_service/fw/bookings/", {"step": "code", "code": sms.last_code(PHONE)})
    assert done.status_code == 302 and done["Location"] == "/public_service/fw/bookings/"
    assert client.get(reverse("public_service:resident_bookings")).status_code == 200


def test_acting_without_a_verified_phone_goes_to_the_verification(client, network):
    page = client.get(reverse("public_service:resident_ask"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("public_service:resident_verify"))


def test_a_resident_books_and_cancels_and_another_phone_gets_a_404(resident, network):
    mine = resident(PHONE)
    at = timezone.localtime(tomorrow_at(9))
    answer = mine.post(reverse("public_service:resident_book", args=[network.station_a.pk]),
                       {"slot": at.isoformat(), "name": "王先生", "matter": "工资被拖欠"})
    booking = Booking.objects.get()
    assert answer["Location"] == booking.get_resident_url() and booking.phone == PHONE
    assert "王先生" in mine.get(booking.get_resident_url()).content.decode()

    other = resident(OTHER_PHONE)
    assert other.get(booking.get_resident_url()).status_code == 404
    assert other.post(reverse("public_service:resident_booking_cancel", args=[booking.code])).status_code == 404
    assert booking.code not in other.get(reverse("public_service:resident_bookings")).content.decode()

    mine.post(reverse("public_service:resident_booking_cancel", args=[booking.code]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_a_resident_asks_and_reads_the_answer_and_another_phone_gets_a_404(resident, network, areas, personas,
                                                                          calendar_loaded):
    mine = resident(PHONE)
    answer = mine.post(reverse("public_service:resident_ask"), {
        "street": areas.street_a.pk, "category": "labour", "text": "公司拖欠我两个月工资，我该怎么维权？"})
    question = Question.objects.get()
    assert answer["Location"] == question.get_resident_url()
    services.question_answer(question=question, answer="可以向劳动仲裁委员会申请仲裁。", by=personas.advisor)
    assert "劳动仲裁委员会" in mine.get(question.get_resident_url()).content.decode()
    by_code = mine.get(reverse("public_service:resident_questions"), {"code": question.code.lower()})
    assert by_code["Location"] == question.get_resident_url()

    other = resident(OTHER_PHONE)
    assert other.get(question.get_resident_url()).status_code == 404
    assert other.get(reverse("public_service:resident_questions"), {"code": question.code}).status_code == 404


def test_codes_are_rate_limited_per_phone_with_a_429(client, network, django_capture_on_commit_callbacks):
    url = reverse("public_service:resident_verify")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"step": "phone", "phone": PHONE, "agree": "on"}).status_code == 200
        again = client.post(url, {"step": "phone", "phone": PHONE, "agree": "on"})
    assert again.status_code == 429 and "操作过于频繁" in again.content.decode()
    assert len(sms.outbox) == 1


def test_codes_are_rate_limited_per_address(client, network, settings):
    settings.PUBLIC_SERVICE_RATE_LIMITS = {"code": [("phone", 5, 60), ("ip", 3, 3600)]}
    url = reverse("public_service:resident_verify")
    for n in range(3):
        assert client.post(url, {"step": "phone", "phone": f"1370000000{n}", "agree": "on"}).status_code == 200
    assert client.post(url, {"step": "phone", "phone": "13700000009", "agree": "on"}).status_code == 429


def test_bookings_are_limited_per_phone_per_day(resident, network, settings):
    settings.PUBLIC_SERVICE_RATE_LIMITS = {"booking": [("phone", 1, 86400)]}
    mine = resident(PHONE)
    url = reverse("public_service:resident_book", args=[network.station_a.pk])
    mine.post(url, {"slot": timezone.localtime(tomorrow_at(9)).isoformat(), "name": "王", "matter": "咨询"})
    refused = mine.post(url, {"slot": timezone.localtime(tomorrow_at(10)).isoformat(), "name": "王", "matter": "咨询"})
    assert refused.status_code == 429 and "明天" in refused.content.decode()
    assert Booking.objects.count() == 1


def test_a_resident_signs_up_for_a_class(resident, client, network, personas):
    from public_service.models import LegalClass

    legal_class = services.class_create(legal_class=LegalClass(
        title="民法典与百姓生活", area=network.station_a.area, place="工作站", starts_at=tomorrow_at(15), capacity=30),
        by=personas.clerk_a)
    assert "民法典与百姓生活" in client.get(reverse("public_service:resident_classes")).content.decode()
    mine = resident(PHONE)
    mine.post(reverse("public_service:resident_signup", args=[legal_class.pk]), {"name": "王先生"})
    assert legal_class.signups.get().phone == PHONE
    assert "已报名" in mine.get(reverse("public_service:resident_classes")).content.decode()

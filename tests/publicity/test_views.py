"""The pages: a clerk records through the form; a record of another street or district is a 404 on every page,
export and API; the lists' queries are pinned."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from publicity.models import Activity, MediaProduct, Position

from .conftest import today

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def records(make_activity, make_product, make_position):
    photo = SimpleUploadedFile("现场.png", PNG)
    return {
        "activity": make_activity(photos=[photo], materials={"books": 10}),
        "product": make_product(),
        "position": make_position(reviewed_until=today() + timedelta(days=20)),
    }


def pages(records):
    activity, product, position = records["activity"], records["product"], records["position"]
    return [
        reverse("publicity:activity_detail", args=[activity.pk]),
        reverse("publicity:activity_update", args=[activity.pk]),
        reverse("publicity:activity_delete", args=[activity.pk]),
        reverse("publicity:photo_download", args=[activity.photos.get().pk]),
        reverse("publicity:mediaproduct_detail", args=[product.pk]),
        reverse("publicity:mediaproduct_update", args=[product.pk]),
        reverse("publicity:position_detail", args=[position.pk]),
        reverse("publicity:position_update", args=[position.pk]),
        reverse("publicity:position_action", args=[position.pk, "review"]),
        reverse("publicity:position_action", args=[position.pk, "revoke"]),
        f"/api/v1/publicity/activities/{activity.pk}/",
        f"/api/v1/publicity/media/{product.pk}/",
        f"/api/v1/publicity/positions/{position.pk}/",
    ]


@pytest.mark.django_db
def test_every_page_of_a_street_a_record_is_a_404_for_street_b(client_for, personas, records):
    client = client_for(personas.clerk_b)
    for url in pages(records):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_every_page_is_a_404_for_another_district(client_for, other_section, records):
    client = client_for(other_section)
    for url in pages(records):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/api/v1/publicity/positions/{records['position'].pk}/review/",
                       {"reviewed_until": "2031-01-01"}).status_code == 404


@pytest.mark.django_db
def test_the_owner_and_the_section_open_them(client_for, personas, pub_section, records):
    for user in (personas.clerk_a, pub_section):
        client = client_for(user)
        for url in pages(records)[:7] + pages(records)[10:]:
            assert client.get(url).status_code == 200, (user, url)


@pytest.mark.django_db
def test_the_exports_hold_only_what_the_user_sees(client_for, personas, records):
    for name in ("publicity:activity_list", "publicity:mediaproduct_list", "publicity:position_list"):
        mine = load_workbook(BytesIO(client_for(personas.clerk_a).get(reverse(name), {"_export": "xlsx"}).content))
        theirs = load_workbook(BytesIO(client_for(personas.clerk_b).get(reverse(name), {"_export": "xlsx"}).content))
        assert mine.active.max_row == 2 and theirs.active.max_row == 1, name


@pytest.mark.django_db
def test_a_clerk_records_an_activity_through_the_form(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    data = {"title": "宪法宣传周进校园", "theme": "constitution", "form": "lecture", "target": "schools",
            "organiser_kind": "street", "area": areas.street_a.pk, "place": "桂园中学", "held_on": today().isoformat(),
            "audience": 300, "material_books": 40, "material_leaflets": "",
            "photos": [SimpleUploadedFile("a.png", PNG)]}
    answer = client.post(reverse("publicity:activity_create"), data)
    activity = Activity.objects.get()
    assert answer.status_code == 302 and answer.url == activity.get_absolute_url()
    assert dict(activity.materials.values_list("kind", "quantity")) == {"books": 40}
    assert activity.photos.count() == 1
    page = client.get(activity.get_absolute_url())
    assert "宪法宣传周进校园" in page.content.decode() and 'id="audience">300<' in page.content.decode()


@pytest.mark.django_db
def test_the_form_shows_the_service_s_refusal(client_for, personas, areas):
    data = {"title": "x", "theme": "other", "form": "lecture", "organiser_kind": "street", "area": areas.street_a.pk,
            "place": "p", "held_on": (today() + timedelta(days=2)).isoformat(), "audience": 3}
    answer = client_for(personas.clerk_a).post(reverse("publicity:activity_create"), data)
    assert answer.status_code == 200 and "活动日期不能晚于今天" in answer.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_leader_reads_but_is_not_offered_the_forms(client_for, personas, records):
    client = client_for(personas.leader)
    assert client.get(reverse("publicity:activity_list")).status_code == 200
    assert client.get(reverse("publicity:activity_create")).status_code == 403


@pytest.mark.django_db
def test_a_street_office_may_not_register_positions(client_for, personas, records):
    client = client_for(personas.clerk_a)
    assert client.get(reverse("publicity:position_create")).status_code == 403
    position = records["position"]
    assert client.get(reverse("publicity:position_action", args=[position.pk, "review"])).status_code == 403
    answer = client.post("/api/v1/publicity/positions/", {"name": "x"})
    assert answer.status_code == 403 and "普法与依法治理科" in answer.json()["detail"]


@pytest.mark.django_db
def test_the_section_reviews_a_position_from_its_page(client_for, pub_section, records):
    position = records["position"]
    client = client_for(pub_section)
    assert 'id="review-soon"' in client.get(position.get_absolute_url()).content.decode()
    until = (today() + timedelta(days=365 * 3)).isoformat()
    answer = client.post(reverse("publicity:position_action", args=[position.pk, "review"]), {"reviewed_until": until})
    assert answer.status_code == 302
    position.refresh_from_db()
    assert position.reviewed_until.isoformat() == until


@pytest.mark.django_db
def test_the_map_draws_the_valid_positions_by_level(client_for, pub_section, make_position, areas):
    make_position(name="有坐标", longitude="114.120000", latitude="22.550000", level="provincial")
    make_position(name="无坐标")
    page = client_for(pub_section).get(reverse("publicity:position_map"))
    option = page.context["option"]
    provincial = next(s for s in option["series"] if s["name"] == "省级")
    assert provincial["data"] == [{"name": "有坐标（桂园街道）", "value": [114.12, 22.55]}]
    assert page.context["without"] == 1
    html = page.content.decode()
    assert "/static/vendor/echarts-" in html and 'src="http' not in html and 'src="//' not in html


@pytest.mark.django_db
def test_the_lists_queries_are_pinned(client_for, pub_section, make_activity, make_product, make_position,
                                      django_assert_max_num_queries):
    for n in range(15):
        make_activity(materials={"books": n + 1})
        make_product(title=f"视频{n}")
        make_position(name=f"阵地{n}")
    client = client_for(pub_section)
    for name in ("publicity:mediaproduct_list", "publicity:position_list"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200
    for url in ("/api/v1/publicity/activities/", "/api/v1/publicity/media/", "/api/v1/publicity/positions/",
                "/api/v1/publicity/activities/combined/"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, url
    assert MediaProduct.objects.count() == 15 and Position.objects.count() == 15

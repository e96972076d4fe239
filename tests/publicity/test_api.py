"""The API writes through the same services as the pages, and refuses with the same words."""

from datetime import timedelta

import pytest

from publicity.models import Activity

from .conftest import today


@pytest.mark.django_db
def test_an_activity_is_created_and_changed_with_its_materials(client_for, personas):
    client = client_for(personas.clerk_a)
    payload = {"title": "反诈宣传进企业", "theme": "anti_fraud", "form": "booth", "target": "enterprises",
               "organiser_kind": "street", "organiser": "", "area": "440303001", "place": "工业园",
               "held_on": today().isoformat(), "audience": 90,
               "materials": [{"kind": "leaflets", "quantity": 200}, {"kind": "gifts", "quantity": 50}]}
    answer = client.post("/api/v1/publicity/activities/", payload, content_type="application/json")
    assert answer.status_code == 201, answer.content
    activity = Activity.objects.get()
    assert dict(activity.materials.values_list("kind", "quantity")) == {"leaflets": 200, "gifts": 50}
    answer = client.patch(f"/api/v1/publicity/activities/{activity.pk}/", {"audience": 95, "materials": []},
                          content_type="application/json")
    assert answer.status_code == 200 and answer.json()["audience"] == 95
    assert not activity.materials.exists()


@pytest.mark.django_db
def test_the_api_refuses_as_the_page_does(client_for, personas):
    client = client_for(personas.clerk_a)
    payload = {"title": "x", "theme": "other", "form": "lecture", "organiser_kind": "street", "area": "440303001",
               "place": "p", "held_on": (today() + timedelta(days=1)).isoformat(), "audience": 1}
    answer = client.post("/api/v1/publicity/activities/", payload, content_type="application/json")
    assert answer.status_code == 400 and "活动日期不能晚于今天" in answer.content.decode()
    payload.update(held_on=today().isoformat(), area="440303002")
    assert client.post("/api/v1/publicity/activities/", payload, content_type="application/json").status_code == 400
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_position_is_reviewed_through_the_api(client_for, pub_section, make_position):
    position = make_position(reviewed_until=today() + timedelta(days=10))
    until = (today() + timedelta(days=1000)).isoformat()
    answer = client_for(pub_section).post(f"/api/v1/publicity/positions/{position.pk}/review/",
                                          {"reviewed_until": until}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["reviewed_until"] == until


@pytest.mark.django_db
def test_the_lists_filter_like_the_pages(client_for, pub_section, make_product, areas):
    make_product(kind="video")
    make_product(kind="live_stream", title="直播")
    body = client_for(pub_section).get("/api/v1/publicity/media/", {"kind": "live_stream"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["title"] for r in rows] == ["直播"]

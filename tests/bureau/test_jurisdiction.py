"""A record outside the user's area does not exist for them: 404 in pages and API alike."""

import pytest
from django.urls import reverse

from bureau.models import Area, Reminder, Role
from tests.factories import ReminderFactory


@pytest.fixture
def street_a_todo(areas):
    return ReminderFactory(area=areas.street_a, role=Role.STREET, title="桂园司法所的待办")


def test_street_b_clerk_gets_404_for_street_a_todo_page(client_for, personas, street_a_todo):
    url = reverse("bureau:reminder_detail", args=[street_a_todo.pk])
    assert client_for(personas.clerk_b).get(url).status_code == 404
    response = client_for(personas.clerk_a).get(url)
    assert response.status_code == 200
    assert "桂园司法所的待办" in response.content.decode()


def test_street_b_clerk_gets_404_for_street_a_todo_in_api(client_for, personas, street_a_todo):
    url = f"/api/v1/reminders/{street_a_todo.pk}/"
    assert client_for(personas.clerk_b).get(url).status_code == 404
    assert client_for(personas.clerk_a).get(url).json()["title"] == "桂园司法所的待办"


def test_street_b_clerk_cannot_complete_street_a_todo(client_for, personas, street_a_todo):
    client = client_for(personas.clerk_b)
    assert client.post(reverse("bureau:reminder_complete", args=[street_a_todo.pk])).status_code == 404
    assert client.post(f"/api/v1/reminders/{street_a_todo.pk}/complete/").status_code == 404
    street_a_todo.refresh_from_db()
    assert street_a_todo.state == Reminder.State.OPEN


def test_area_pages_and_api_follow_jurisdiction(client_for, personas, areas):
    clerk = client_for(personas.clerk_b)
    assert clerk.get(reverse("bureau:area_detail", args=["440303001"])).status_code == 404
    assert clerk.get("/api/v1/areas/440303001/").status_code == 404
    assert clerk.get(reverse("bureau:area_detail", args=["440303002"])).status_code == 200
    codes = [a["code"] for a in clerk.get("/api/v1/areas/").json()["results"]]
    assert codes == ["440303002"]


def test_district_leader_sees_every_street_of_the_district_only(client_for, personas, areas):
    leader = client_for(personas.leader)
    codes = {a["code"] for a in leader.get("/api/v1/areas/").json()["results"]}
    assert codes == {"440303", "440303001", "440303002", "440303001001"}
    assert leader.get(reverse("bureau:area_detail", args=["440311"])).status_code == 404


def test_visible_to_is_a_prefix_match_on_the_area_path(personas, areas):
    assert set(Area.objects.visible_to(personas.clerk_a)) == {areas.street_a, areas.community_a}
    assert Area.objects.visible_to(personas.admin).count() == 6
    assert set(Area.objects.within(areas.other_district)) == {areas.other_district}


def test_leader_sees_street_todos_in_area_scope_but_not_in_own_inbox(client_for, personas, street_a_todo):
    leader = client_for(personas.leader)
    mine = leader.get("/api/v1/reminders/?scope=mine").json()["results"]
    everything = leader.get("/api/v1/reminders/").json()["results"]
    assert street_a_todo.pk not in [r["id"] for r in mine]
    assert street_a_todo.pk in [r["id"] for r in everything]


def test_api_refuses_anonymous_requests(client, areas):
    for url in ["/api/v1/reminders/", "/api/v1/areas/", "/api/v1/calendar-days/", "/api/v1/me/"]:
        assert client.get(url).status_code in (401, 403), url


def test_pages_redirect_anonymous_visitors_to_login(client, areas):
    response = client.get(reverse("bureau:reminder_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))

"""/api/v1/: authentication, schema and docs from local files, reference data permissions."""

from django.urls import reverse
from rest_framework.authtoken.models import Token

from bureau.models import CalendarDay


def test_token_authentication(client, personas):
    token = Token.objects.create(user=personas.clerk_a)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "clerk_a" and body["area"]["code"] == "440303001"
    assert "corrections" in body["functions"]


def test_obtaining_a_token_with_the_password(client, personas):
    from tests.conftest import PASSWORD

    response = client.post("/api/v1/auth/token/", {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 200 and len(response.json()["token"]) == 40


def test_schema_and_browsable_docs_are_served_from_local_files(client_for, personas):
    client = client_for(personas.clerk_a)
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/reminders/{id}/complete/" in paths and "/api/v1/areas/{code}/" in paths
    docs = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs and "cdn" not in docs.lower()


def test_everyone_reads_the_calendar_only_the_administrator_changes_it(client_for, personas, calendar_loaded):
    clerk = client_for(personas.clerk_a)
    days = clerk.get("/api/v1/calendar-days/?date__year=2020&kind=workday").json()
    assert days["count"] == 6  # 1月19日, 4月26日, 5月9日, 6月28日, 9月27日, 10月10日
    assert clerk.post("/api/v1/calendar-days/", {"date": "2030-01-01", "kind": "holiday", "name": "元旦"}
                      ).status_code == 403
    admin = client_for(personas.admin)
    assert admin.post("/api/v1/calendar-days/", {"date": "2030-01-01", "kind": "holiday", "name": "元旦"}
                      ).status_code == 201
    assert CalendarDay.objects.filter(date="2030-01-01").exists()


def test_a_make_up_day_on_a_weekday_is_refused_with_a_message(client_for, personas):
    response = client_for(personas.admin).post(
        "/api/v1/calendar-days/", {"date": "2030-01-02", "kind": "workday", "name": "元旦"}
    )
    assert response.status_code == 400
    assert "调休上班日应为周六或周日" in str(response.json())
    assert not CalendarDay.objects.filter(date="2030-01-02").exists()


def test_reminder_filters_are_shared_by_page_and_api(client_for, personas, areas):
    from tests.factories import ReminderFactory

    ReminderFactory(area=areas.street_a, role="street", title="逾期", due_on="2020-01-01")
    ReminderFactory(area=areas.street_a, role="street", title="未到期", due_on="2099-01-01")
    client = client_for(personas.clerk_a)
    api = client.get("/api/v1/reminders/?overdue=true").json()["results"]
    page = client.get(reverse("bureau:reminder_list") + "?overdue=true").content.decode()
    assert [r["title"] for r in api] == ["逾期"]
    assert "逾期" in page and "未到期" not in page


def test_the_openapi_schema_generates_without_warnings():
    """`check --deploy` reports schema warnings, so a warning here would fail the production check."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=open("/dev/null", "w"))


def test_a_token_request_reads_the_token_user_and_areas_in_one_query(client, personas, django_assert_num_queries):
    """bureau.authentication: the token, its user and the user's areas by SQL compiled once; DRF's refusals kept."""
    from bureau.authentication import ExpiringTokenAuthentication

    token = Token.objects.create(user=personas.clerk_a)
    auth = ExpiringTokenAuthentication()
    with django_assert_num_queries(1):
        user, found = auth.authenticate_credentials(token.key)
        assert user.area.parent.parent.name and found.key == token.key  # the areas came with it
    assert user == personas.clerk_a and user.functions == personas.clerk_a.functions
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 403 and response.json()["detail"] == "认证令牌无效。"
    personas.clerk_a.is_active = False
    personas.clerk_a.save()
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403 and response.json()["detail"] == "用户未激活或者已删除。"

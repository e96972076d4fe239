"""The probe's API defects (issue 18: parts 9 and 10), each reproduced as the probe sent it.

9: server errors on a fuzzed request now answer 400 or 404; 10: the OpenAPI schema says what the API does.
(The rest of the issue's defects are in test_hardening.py; tests/test_schema_fuzz.py fuzzes every operation.)
"""

import pytest
from django.utils import timezone

from bureau.models import Role
from tests.factories import UserFactory


@pytest.fixture
def api(client):
    """api(user) → a client of the API signed in as that user (its token)."""
    from rest_framework.authtoken.models import Token

    def sign_in(user):
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
        return client

    return sign_in


@pytest.fixture
def section_of(areas):
    def make(function):
        return UserFactory(username=f"{function}_section", role=Role.SECTION, section=function, area=areas.district)

    return make


# --- 9. Server errors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "10000000", "-1"])
def test_defect_9_a_year_out_of_range_in_a_date_filter_is_400(api, personas, year):
    response = api(personas.clerk_a).get(f"/api/v1/calendar-days/?date__year={year}")
    assert response.status_code == 400 and "date__year" in response.json()
    assert api(personas.clerk_a).get("/api/v1/calendar-days/?date__year=2026").status_code == 200


def test_defect_9_a_consultation_without_channel_or_date_takes_the_defaults(api, personas):
    """The probe left out the channel (its TypeError: the service takes every field); a wrong one is a 400."""
    from legalaid.models import Consultation

    url = "/api/v1/legalaid/consultations/"
    body = {"area": "440303001", "topic": "labour", "answer": "告知可申请劳动仲裁"}
    client = api(personas.section)
    refused = client.post(url, {**body, "channel": "nope"}, content_type="application/json")
    assert refused.status_code == 400 and list(refused.json()) == ["channel"]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201
    consultation = Consultation.objects.get()
    assert (consultation.channel, consultation.on) == (Consultation.Channel.WINDOW, timezone.localdate())


def test_defect_9_term_ending_past_any_date_is_400(api, section_of):
    response = api(section_of("corrections")).get("/api/v1/corrections/supervisees/?term_ending=99999999999")
    assert response.status_code == 400 and "term_ending" in response.json()


def test_defect_9_a_nul_byte_in_an_area_code_is_404_or_400(api, personas):
    client = api(personas.section)
    assert client.get("/api/v1/areas/44%000/").status_code == 404
    assert client.get("/api/v1/areas/440303001/").status_code == 200
    assert client.get("/api/v1/areas/?parent__code=%00").status_code == 400
    response = client.post("/api/v1/legalaid/consultations/", {"area": "440303\x00001", "topic": "labour",
                                                                "answer": "答"}, content_type="application/json")
    assert response.status_code == 400 and list(response.json()) == ["area"]


@pytest.mark.parametrize("period", ["0001", "0001-H1", "9999-Q4", "0001-01-01..0001-12-31", "0000"])
def test_defect_9_a_period_outside_the_years_is_400(api, personas, period):
    response = api(personas.leader).get(f"/api/v1/stats/?period={period}")
    assert response.status_code == 400, response.content


def test_defect_9_a_dashboard_range_in_year_1_is_400(client_for, personas):
    client = client_for(personas.leader)
    year = timezone.localdate().year  # a year the form offers, with a range of year 1 (its 同比 has no year 0)
    assert client.get(f"/dashboard/?year={year}&span=range&start=0001-01-01&end=0001-12-31").status_code == 400
    assert client.get("/dashboard/?year=1&span=range&start=0001-01-01&end=0001-12-31").status_code == 400
    assert client.get("/dashboard/?period=0001-01-01..0001-12-31").status_code == 400


@pytest.mark.parametrize("month", ["0001-01", "9999-12"])
def test_defect_9_an_appraisal_month_outside_the_years(api, client_for, section_of, month):
    """The ranking reaches the month before and after: the API says 400, a page address naming it 404."""
    office = section_of("lawyers")
    response = api(office).get(f"/api/v1/lawyers/appraisals/ranking/?month={month}")
    assert response.status_code == 400 and "month" in response.json()
    assert client_for(office).get(f"/lawyers/advisors/appraisal/{month}/").status_code == 404


# --- 10. The schema says what the API does ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def body_and_answer(operation):
    def ref(content):
        return (content or {}).get("application/json", {}).get("schema", {}).get("$ref")

    answer = operation["responses"].get("200") or operation["responses"].get("201") or {}
    return ref(operation.get("requestBody", {}).get("content")), ref(answer.get("content"))


def test_defect_10_the_schema_names_etag_if_match_409_and_412(schema):
    """One record of a versioned model: its answers carry ETag, a write may send If-Match and is refused with 409 or
    412 when stale (bureau.concurrency) — the schema says so; a record that is not versioned says nothing of it."""
    firm = schema["paths"]["/api/v1/lawyers/firms/{id}/"]
    for method in ("put", "patch"):
        assert {"409", "412"} <= set(firm[method]["responses"]), method
        assert any(p["name"] == "If-Match" and p["in"] == "header" for p in firm[method]["parameters"]), method
    for method in ("get", "patch"):
        assert "ETag" in firm[method]["responses"]["200"].get("headers", {}), method
    assert "412" not in schema["paths"]["/api/v1/lawyers/firms/"]["post"]["responses"]  # a new record: no version
    reminder = schema["paths"]["/api/v1/reminders/{id}/complete/"]["post"]  # to-dos are not versioned
    assert "412" not in reminder["responses"]


def test_defect_10_no_action_documents_the_whole_record_as_its_body(schema):
    """`POST …/{id}/<act>/` takes the act's payload (a date, a reason …), not the record it acts on."""
    import re

    actions, offenders = 0, []
    for path, operations in schema["paths"].items():
        detail = re.match(r"(.*/\{[^}]+\}/)[\w-]+/$", path)
        if not detail or "post" not in operations or "get" not in schema["paths"].get(detail.group(1), {}):
            continue
        actions += 1
        body, _answer = body_and_answer(operations["post"])
        if body is not None and body == body_and_answer(schema["paths"][detail.group(1)]["get"])[1]:
            offenders.append(path)
    assert actions >= 80 and offenders == []
    complete = schema["paths"]["/api/v1/reminders/{id}/complete/"]["post"]
    assert body_and_answer(complete) == ("#/components/schemas/ReminderComplete", "#/components/schemas/Reminder")
    terminate = body_and_answer(schema["paths"]["/api/v1/legalaid/cases/{id}/terminate/"]["post"])[0]
    assert terminate == "#/components/schemas/LegalaidTerminate"  # not corrections' TerminateSerializer's name


def test_defect_10_me_is_one_object_not_a_page(schema, api, personas):
    answer = schema["paths"]["/api/v1/me/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/Me"}
    assert api(personas.clerk_a).get("/api/v1/me/").json()["username"] == "clerk_a"


def test_defect_10_blank_and_null_answers_are_documented(schema):
    """A read-only choice that is blank until set (a case's outcome) may be ""; a relation that may be empty (a
    to-do's assignee, a ledger entry's counterpart) may be null; a paged action's answer is a page."""
    components = schema["components"]["schemas"]
    outcome = components["Case"]["properties"]["outcome"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in outcome["oneOf"]
    assert components["Reminder"]["properties"]["assignee"]["nullable"] is True
    assert components["LedgerEntry"]["properties"]["counterpart"]["nullable"] is True
    combined = schema["paths"]["/api/v1/publicity/activities/combined/"]["get"]["responses"]["200"]["content"]
    assert combined["application/json"]["schema"] == {"$ref": "#/components/schemas/PaginatedActivityRowList"}

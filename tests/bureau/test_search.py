"""The search box: people by exact ID number, name and phone, records by number, across the functions a person
may use and only within their jurisdiction (a 404-world: nothing outside it, not even a count)."""

from datetime import date

import pytest
from django.urls import reverse

from bureau import search
from tests.corrections import conftest as corrections_fixtures
from tests.factories import resident_id
from tests.legalaid import conftest as legalaid_fixtures

# The functions' own fixtures, borrowed: people put on the register and cases received through the services.
level_policies = corrections_fixtures.level_policies
make_supervisee = corrections_fixtures.make_supervisee
clock_rules = legalaid_fixtures.clock_rules
make_case = legalaid_fixtures.make_case

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
API = "/api/v1/search/"


@pytest.fixture
def supervisee(make_supervisee):
    # Born on a day make_supervisee never uses (it numbers 1990-03-07 births by a counter shared by the worker).
    return make_supervisee(name="欧阳明辉", id_number=resident_id(birth="19850612", sequence="531"),
                           phone="13812345678", reported_on=date(2026, 1, 10))


def test_the_street_clerk_finds_a_supervisee_by_exact_id_number(client_for, personas, supervisee):
    page = client_for(personas.clerk_a).get(SEARCH, {"q": supervisee.id_number})
    results = page.content.decode().split('id="search-results"')[1]  # past the box echoing what was typed
    assert page.status_code == 200
    assert supervisee.get_absolute_url() in results and "欧阳明辉" in results
    assert supervisee.id_number.masked in results and str(supervisee.id_number) not in results


def test_another_street_s_clerk_finds_nothing_and_sees_no_count(client_for, personas, supervisee):
    page = client_for(personas.clerk_b).get(SEARCH, {"q": supervisee.id_number})
    html = page.content.decode()
    assert page.status_code == 200
    assert "欧阳明辉" not in html and supervisee.get_absolute_url() not in html
    assert 'id="search-empty"' in html and 'id="search-corrections"' not in html
    api = client_for(personas.clerk_b).get(API, {"q": supervisee.id_number}).json()
    assert api["groups"] == [] and api["kind"] == "id_number"


def test_an_id_number_is_validated_and_never_matched_in_part(client_for, personas, supervisee):
    client = client_for(personas.clerk_a)
    wrong = supervisee.id_number[:17] + ("0" if supervisee.id_number[17] != "0" else "1")
    page = client.get(SEARCH, {"q": wrong})
    assert 'id="search-error"' in page.content.decode() and "欧阳明辉" not in page.content.decode()
    assert client.get(API, {"q": supervisee.id_number[:14]}).json()["groups"] == []  # the first 14 digits


def test_the_legal_aid_section_does_not_find_supervisees(client_for, personas, supervisee):
    """The section works in legal aid only: corrections is not searched for it, even within its district."""
    for q in [supervisee.id_number, "欧阳明辉"]:
        assert client_for(personas.section).get(API, {"q": q}).json()["groups"] == []


def test_a_legal_aid_case_by_its_number_and_its_applicant(client_for, personas, make_case):
    case = make_case(applicant_name="司马相如", applicant_phone="0755-82345678")
    client = client_for(personas.section)
    for q in [case.number, case.number.replace("〔", "[").replace("〕", "]"), case.number[-6:]]:
        sections = client.get(API, {"q": q}).json()["groups"][0]["sections"]
        assert sections[0]["label"] == "法律援助案件"
        assert sections[0]["hits"][0]["url"] == case.get_absolute_url()
    by_name = client.get(SEARCH, {"q": "司马"}).content.decode()
    assert case.get_absolute_url() in by_name and "法律援助" in by_name
    assert client_for(personas.clerk_b).get(API, {"q": case.number}).json()["groups"] == []


def test_a_person_by_name_and_by_phone(client_for, personas, supervisee, make_supervisee):
    make_supervisee(name="欧阳明", reported_on=None)
    client = client_for(personas.clerk_a)
    hits = client.get(API, {"q": "欧阳明辉"}).json()["groups"][0]["sections"][0]["hits"]
    assert hits[0]["url"] == supervisee.get_absolute_url()  # the exact name first
    assert hits[0]["id_numbers"] == [supervisee.id_number.masked]
    assert {h["title"] for h in client.get(API, {"q": "欧阳"}).json()["groups"][0]["sections"][0]["hits"]} == {
        "欧阳明辉", "欧阳明"}
    for phone in ["13812345678", "138 1234 5678", "5678"]:
        groups = client.get(API, {"q": phone}).json()["groups"]
        assert [h["title"] for h in groups[0]["sections"][0]["hits"]] == ["欧阳明辉"], phone
    assert client.get(API, {"q": "567"}).json()["groups"] == []  # fewer than 4 digits is not a phone


def test_many_matches_link_to_the_list_filtered_by_the_query(client_for, personas, make_supervisee):
    for _i in range(search.PER_SOURCE + 1):
        make_supervisee(name="诸葛某", reported_on=None)
    section = client_for(personas.clerk_a).get(API, {"q": "诸葛"}).json()["groups"][0]["sections"][0]
    assert len(section["hits"]) == search.PER_SOURCE
    assert section["more"] == reverse("corrections:supervisee_list") + "?q=%E8%AF%B8%E8%91%9B"


def test_the_navigation_has_the_search_box(client_for, personas):
    html = client_for(personas.advisor).get("/todos/").content.decode()
    assert 'id="nav-search"' in html and f'action="{SEARCH}"' in html


def test_one_query_per_source(client_for, personas, supervisee, make_case, django_assert_max_num_queries):
    make_case(applicant_name="欧阳明辉")
    client = client_for(personas.admin)
    query = search.read_query("欧阳明辉")
    searched = [s for s in search.sources() if s.may_search(personas.admin) and search._condition(s, query)[0]]
    assert len(searched) >= 10
    # the session and the user (and the session's refresh: 3), then one query per source searching names or numbers
    with django_assert_max_num_queries(len(searched) + 5):
        groups = client.get(API, {"q": "欧阳明辉"}).json()["groups"]
    assert {g["function"] for g in groups} >= {"corrections", "legalaid"}


def test_an_advisor_finds_only_what_their_own_pages_show(client_for, personas, areas):
    """The lawyers registry is not an advisor's page (lawyers.permissions.REGISTRY): its lawyers are not found by
    them, though the function is theirs; the district's leader, who reads the registry, finds them."""
    from tests.factories import LawyerFactory

    lawyer = LawyerFactory(name="端木律师", area=areas.street_a)
    found = client_for(personas.leader).get(API, {"q": "端木律师"}).json()["groups"]
    assert found[0]["function"] == "lawyers" and found[0]["sections"][0]["hits"][0]["url"] == lawyer.get_absolute_url()
    assert client_for(personas.advisor).get(API, {"q": "端木律师"}).json()["groups"] == []

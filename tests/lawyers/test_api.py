"""/api/v1/lawyers/firms/ and /api/v1/lawyers/lawyers/: the pages' rules, filters and jurisdiction."""

import re

import pytest
from django.urls import reverse

from lawyers.models import LawFirm, Lawyer
from tests.factories import LawFirmFactory, LawyerFactory, credit_code, resident_id

FIRMS = "/api/v1/lawyers/firms/"
LAWYERS = "/api/v1/lawyers/lawyers/"
GOOD_CODE = credit_code("31440000MA5F0A0B1")


def lawyer_payload(**values):
    return {"name": "周新律", "certificate_number": "14403201810000999", "kind": "full_time", "firm": None,
            "area": "440303001", "practice_start": "2018-06-01", "specialties": ["criminal"], **values}


def test_clerk_registers_a_firm_by_street_code(client_for, personas):
    response = client_for(personas.clerk_a).post(
        FIRMS, {"name": "广东笋岗衡平律师事务所", "credit_code": GOOD_CODE.lower(), "area": "440303001"},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["credit_code"] == GOOD_CODE and body["area"] == "440303001" and body["status"] == "practising"
    assert LawFirm.objects.get().credit_code == GOOD_CODE


def test_a_wrong_credit_code_check_character_is_refused_in_the_api(client_for, personas):
    response = client_for(personas.clerk_a).post(
        FIRMS, {"name": "广东笋岗衡平律师事务所", "credit_code": GOOD_CODE[:-1] + "0", "area": "440303001"},
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["credit_code"] == ["统一社会信用代码校验位不正确，请核对后重新输入。"]
    assert not LawFirm.objects.exists()


def test_a_firm_in_another_jurisdiction_cannot_be_filed(client_for, personas):
    response = client_for(personas.clerk_a).post(
        FIRMS, {"name": "广东笋岗衡平律师事务所", "credit_code": GOOD_CODE, "area": "440303002"},
        content_type="application/json")
    assert response.status_code == 400
    assert "不在您的辖区内" in response.json()["area"][0]


def test_a_full_time_lawyer_without_a_firm_is_refused_in_the_api(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(LAWYERS, lawyer_payload(), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["firm"] == ["专职、兼职律师须填写执业的律师事务所。"]
    assert not Lawyer.objects.exists()


def test_a_certificate_number_must_be_17_digits_in_the_api(client_for, personas, registry):
    response = client_for(personas.clerk_a).post(
        LAWYERS, lawyer_payload(firm=registry.firm_a.pk, certificate_number="1440320181000099A"),
        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["certificate_number"] == ["律师执业证号应为17位数字。"]


def test_a_lawyer_is_registered_and_the_id_number_is_never_sent_back(client_for, personas, registry):
    number = resident_id(sequence="456")
    client = client_for(personas.clerk_a)
    response = client.post(LAWYERS, lawyer_payload(firm=registry.firm_a.pk, id_number=number),
                           content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert number not in response.content.decode() and body["id_number_masked"] == number[:6] + "*" * 8 + number[-4:]
    assert body["firm_name"] == registry.firm_a.name and body["years_of_practice"] >= 0
    assert Lawyer.objects.get(pk=body["id"]).id_number == number
    wrong = number[:-1] + ("1" if number[-1] == "0" else "0")
    bad = client.post(LAWYERS, lawyer_payload(firm=registry.firm_a.pk, certificate_number="14403201810000998",
                                              id_number=wrong), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["id_number"] == ["身份证号码校验位不正确，请核对后重新输入。"]


def test_a_lawyer_of_another_streets_firm_cannot_be_filed(client_for, personas, registry):
    response = client_for(personas.clerk_a).post(LAWYERS, lawyer_payload(firm=registry.firm_b.pk),
                                                 content_type="application/json")
    assert response.status_code == 400 and "不在您的辖区内" in response.json()["firm"][0]


def test_clerk_updates_a_lawyer_and_keeps_the_id_number(client_for, personas, registry):
    lawyer = registry.lawyer_a
    response = client_for(personas.clerk_a).patch(
        f"{LAWYERS}{lawyer.pk}/", {"legal_aid_available": False, "specialties": ["labour", "family"]},
        content_type="application/json")
    assert response.status_code == 200, response.json()
    lawyer.refresh_from_db()
    assert not lawyer.legal_aid_available and lawyer.specialties == ["labour", "family"]
    assert lawyer.id_number == resident_id()


def test_a_public_lawyer_cannot_be_made_full_time_without_a_firm(client_for, personas, areas):
    lawyer = LawyerFactory(kind="public", firm=None, area=areas.street_a)
    response = client_for(personas.clerk_a).patch(f"{LAWYERS}{lawyer.pk}/", {"kind": "full_time"},
                                                  content_type="application/json")
    assert response.status_code == 400 and "firm" in response.json()


# --- Permissions and jurisdiction -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["leader", "section"])
def test_read_only_users_read_but_get_403_on_writes(client_for, personas, registry, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(LAWYERS).status_code == 200
    response = client.post(FIRMS, {"name": "广东笋岗衡平律师事务所", "credit_code": GOOD_CODE, "area": "440303001"},
                           content_type="application/json")
    assert response.status_code == 403 and "不能新增或修改" in response.json()["detail"]
    assert client.patch(f"{LAWYERS}{registry.lawyer_a.pk}/", {"phone": "1"},
                        content_type="application/json").status_code == 403
    assert not LawFirm.objects.filter(credit_code=GOOD_CODE).exists()


def test_street_b_gets_404_for_street_a_records_in_the_api(client_for, personas, registry):
    client = client_for(personas.clerk_b)
    assert client.get(f"{FIRMS}{registry.firm_a.pk}/").status_code == 404
    assert client.get(f"{LAWYERS}{registry.lawyer_a.pk}/").status_code == 404
    assert client.patch(f"{LAWYERS}{registry.lawyer_a.pk}/", {"phone": "1"},
                        content_type="application/json").status_code == 404
    assert client.get(f"{LAWYERS}{registry.lawyer_b.pk}/").json()["name"] == "李黄贝"
    assert [row["name"] for row in client.get(LAWYERS).json()["results"]] == ["李黄贝"]


def test_leader_sees_both_streets_other_district_gets_404(client_for, personas, registry):
    leader = client_for(personas.leader)
    assert {row["name"] for row in leader.get(LAWYERS).json()["results"]} == {"张桂园", "李黄贝"}
    assert leader.get(f"{FIRMS}{registry.firm_a.pk}/").status_code == 200
    other = client_for(personas.other_leader)
    assert other.get(f"{FIRMS}{registry.firm_a.pk}/").status_code == 404
    assert other.get(f"{LAWYERS}{registry.lawyer_b.pk}/").status_code == 404
    assert other.get(LAWYERS).json()["count"] == 0


# --- Filters shared with the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "", "?specialty=criminal", "?legal_aid_available=false", "?legal_aid_available=true", "?status=suspended",
    "?kind=public", "?area=440303002", "?q=张", "?q=00000", "?kind=full_time&area=440303001",
])
def test_page_and_api_filters_give_the_same_rows(client_for, personas, registry, areas, query):
    LawyerFactory(name="王不援", firm=registry.firm_a, legal_aid_available=False, specialties=["labour"])
    LawyerFactory(name="赵公职", kind="public", firm=None, area=areas.street_b, status="suspended")
    client = client_for(personas.leader)
    api = {row["id"] for row in client.get(LAWYERS + query).json()["results"]}
    page = {int(pk) for pk in re.findall(r'href="/lawyers/(\d+)/"',
                                         client.get(reverse("lawyers:lawyer_list") + query).content.decode())}
    assert api == page
    assert api == set(Lawyer.objects.filter(pk__in=api).values_list("pk", flat=True))


@pytest.mark.parametrize("query", ["", "?area=440303001", "?name=黄贝", "?status=cancelled"])
def test_firm_page_and_api_filters_give_the_same_rows(client_for, personas, registry, query):
    client = client_for(personas.leader)
    api = {row["id"] for row in client.get(FIRMS + query).json()["results"]}
    page = {int(pk) for pk in re.findall(r'href="/lawyers/firms/(\d+)/"',
                                         client.get(reverse("lawyers:lawfirm_list") + query).content.decode())}
    assert api == page


def test_firm_filter_by_a_firm_of_another_district_is_refused(client_for, personas, registry):
    assert client_for(personas.other_leader).get(f"{LAWYERS}?firm={registry.firm_a.pk}").status_code == 400


def test_api_lists_make_a_constant_number_of_queries(client_for, personas, areas, django_assert_max_num_queries):
    for number in range(5):
        LawyerFactory.create_batch(4, firm=LawFirmFactory(area=areas.street_a if number % 2 else areas.street_b))
    client = client_for(personas.leader)
    with django_assert_max_num_queries(8):
        assert client.get(LAWYERS).json()["count"] == 20
    with django_assert_max_num_queries(8):
        assert client.get(FIRMS).json()["count"] == 5


def test_schema_documents_the_registry(client_for, personas):
    paths = client_for(personas.clerk_a).get("/api/v1/schema/?format=json").json()["paths"]
    assert "/api/v1/lawyers/firms/{id}/" in paths and "/api/v1/lawyers/lawyers/" in paths

"""/api/v1/normative_docs/: the pages' rules — a unit user sees only their unit's records (404 otherwise), the
leader reads, every write goes through normative_docs.services with the same refusals, and the lists' query
counts are pinned."""

from datetime import timedelta

import pytest
from django.utils import timezone

from normative_docs.models import Document, Litigation, Reconsideration, Status

from .conftest import ALL_MATERIALS

API = "/api/v1/normative_docs/"


def today():
    return timezone.localdate()


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def submitted(api, law, **fields):
    payload = {"unit": law.unit_a.pk, "kind": "normative", "title": "罗湖区住房租赁管理办法",
               "materials": ALL_MATERIALS, "submitted_on": (today() - timedelta(days=10)).isoformat(), **fields}
    response = post(api, API + "documents/", payload)
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_document_goes_from_submission_to_filing_through_the_api(law, client_for):
    unit = client_for(law.drafter_a)
    body = submitted(unit, law)
    assert body["status"] == "submitted" and body["rounds"][0]["number"] == 1
    url = f"{API}documents/{body['id']}/"
    # the unit may not review; the section returns, the unit resubmits, the section passes and issues
    refused = post(unit, url + "review/", {"passed": True})
    assert refused.status_code == 400 and "由法制科办理" in str(refused.json())
    section = client_for(law.section)
    assert post(section, url + "review/", {"passed": False}).status_code == 400  # opinions required
    assert post(section, url + "review/", {"passed": False, "opinions": "请补充依据。"}).json()["status"] == "returned"
    unit = client_for(law.drafter_a)
    assert post(unit, url + "resubmit/", {"note": "已补充"}).json()["status"] == "submitted"
    section = client_for(law.section)
    assert post(section, url + "review/", {"passed": True}).json()["status"] == "passed"
    number = f"深罗规〔{today().year}〕1号"
    bad = post(section, url + "issue/", {"number": "深罗规1号", "issued_on": today().isoformat()})
    assert bad.status_code == 400 and "格式不正确" in str(bad.json())
    issued = post(section, url + "issue/", {"number": number.replace("〔", "[").replace("〕", "]"),
                                            "issued_on": today().isoformat()}).json()
    assert (issued["status"], issued["number"]) == ("issued", number)
    filed = post(section, url + "file/", {"filed_on": today().isoformat()}).json()
    assert filed["filed_on"] == today().isoformat()
    assert [r["result"] for r in filed["rounds"]] == ["returned", "passed"]

    # the same number for another document: refused naming it, nothing written
    other = submitted(client_for(law.drafter_a), law, title="罗湖区老旧小区改造管理办法")
    section = client_for(law.section)
    post(section, f"{API}documents/{other['id']}/review/", {"passed": True})
    again = post(section, f"{API}documents/{other['id']}/issue/", {"number": number,
                                                                   "issued_on": today().isoformat()})
    assert again.status_code == 400 and "已被《罗湖区住房租赁管理办法》使用" in str(again.json())
    assert Document.objects.get(pk=other["id"]).status == Status.PASSED


def test_a_unit_user_sees_only_their_unit_and_another_district_nothing(law, client_for):
    mine = submitted(client_for(law.drafter_a), law)
    other = submitted(client_for(law.drafter_b), law, unit=law.unit_b.pk, title="桂园街道工作方案",
                      kind="work_plan", materials=["draft"])
    api = client_for(law.drafter_a)
    assert [d["id"] for d in api.get(API + "documents/").json()["results"]] == [mine["id"]]
    assert api.get(f"{API}documents/{other['id']}/").status_code == 404
    assert post(api, f"{API}documents/{other['id']}/resubmit/", {}).status_code == 404
    # a unit user cannot submit for another unit
    response = post(api, API + "documents/", {"unit": law.unit_b.pk, "kind": "work_plan", "title": "x",
                                             "materials": ["draft"], "submitted_on": today().isoformat()})
    assert response.status_code == 400
    gm = client_for(law.other_section)
    assert gm.get(f"{API}documents/{mine['id']}/").status_code == 404
    assert gm.get(API + "documents/").json()["count"] == 0


def test_the_leader_reads_and_may_not_write(law, client_for, personas):
    doc = submitted(client_for(law.drafter_a), law)
    leader = client_for(personas.leader)
    assert leader.get(f"{API}documents/{doc['id']}/").status_code == 200
    assert post(leader, f"{API}documents/{doc['id']}/review/", {"passed": True}).status_code == 403


def test_reconsideration_and_litigation_through_the_api(law, client_for, areas):
    api = client_for(law.section)
    received = (today() - timedelta(days=3)).isoformat()
    response = post(api, API + "reconsiderations/", {
        "area": areas.district.code, "applicant": "陈某", "respondent": "罗湖区住房和建设局",
        "respondent_unit": law.unit_a.pk, "matter": "penalty", "channel": "window", "received_on": received})
    assert response.status_code == 201, response.json()
    case = response.json()
    assert case["number"].startswith("罗复〔") and case["status"] == "received"
    url = f"{API}reconsiderations/{case['id']}/"
    assert post(api, url + "accept/", {}).json()["status"] == "accepted"
    assert post(api, url + "extend/", {"reason": "案情复杂"}).json()["extended_on"] == today().isoformat()
    twice = post(api, url + "extend/", {"reason": "再次延期"})
    assert twice.status_code == 400 and "只能延长一次" in str(twice.json())
    assert post(api, url + "decide/", {"decision": "revoked"}).json()["decision"] == "revoked"
    assert Reconsideration.objects.get().status == "concluded"
    # the unit sees the case against it; the other unit does not
    assert client_for(law.drafter_a).get(url).status_code == 200
    assert client_for(law.drafter_b).get(url).status_code == 404

    api = client_for(law.section)
    response = post(api, API + "litigations/", {
        "area": areas.district.code, "court": "罗湖区人民法院", "case_number": "（2026）粤0303行初5号",
        "plaintiff": "深圳某公司", "defendant": "罗湖区住房和建设局", "defendant_unit": law.unit_a.pk,
        "matter": "penalty", "received_on": received})
    assert response.status_code == 201, response.json()
    suit = response.json()
    url = f"{API}litigations/{suit['id']}/"
    no_name = post(api, url + "hearings/", {"held_on": today().isoformat(), "head_appeared": True})
    assert no_name.status_code == 400 and "出庭负责人姓名" in str(no_name.json())
    heard = post(api, url + "hearings/", {"held_on": today().isoformat(), "head_appeared": True,
                                           "head_name": "王局长"}).json()
    assert heard["hearings"][0]["head_appeared"] is True
    assert post(api, url + "conclude/", {"judgment": "claim_dismissed"}).json()["lost"] is False
    assert Litigation.objects.get().concluded_on == today()
    dup = post(api, API + "litigations/", {
        "area": areas.district.code, "court": "罗湖区人民法院", "case_number": "（2026）粤0303行初5号",
        "plaintiff": "x", "defendant": "y", "matter": "penalty", "received_on": received})
    assert dup.status_code == 400 and "已登记" in str(dup.json())


@pytest.mark.parametrize("path", ["documents/", "reconsiderations/", "litigations/", "units/"])
def test_the_lists_queries_are_pinned(law, client_for, path, django_assert_max_num_queries):
    api = client_for(law.drafter_a)
    for n in range(5):
        submitted(api, law, title=f"文件{n}", kind="work_plan", materials=["draft"])
    api = client_for(law.section)
    with django_assert_max_num_queries(10):
        assert api.get(API + path).status_code == 200

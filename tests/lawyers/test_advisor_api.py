"""/api/v1/lawyers/points/, postings/, service-logs/, appraisals/: the pages' rules, filters and jurisdiction."""

from datetime import date

from django.utils import timezone

from lawyers.models import Appraisal, Posting, ServiceKind, ServiceLog, ServicePoint

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

LOGS = "/api/v1/lawyers/service-logs/"
POSTINGS = "/api/v1/lawyers/postings/"
POINTS = "/api/v1/lawyers/points/"
APPRAISALS = "/api/v1/lawyers/appraisals/"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_an_advisor_logs_through_the_api_without_naming_themselves(client_for, personas, advisors):
    response = client_for(personas.advisor).post(LOGS, {
        "area": "440303001001", "on": timezone.localdate().isoformat(), "kind": "consultation", "count": 2},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["lawyer"] == advisors.a.pk and response.json()["recorded_by"] == str(personas.advisor)
    response = client_for(personas.advisor).post(LOGS, {
        "lawyer": advisors.b.pk, "area": "440303002001", "on": timezone.localdate().isoformat(),
        "kind": "consultation"}, content_type="application/json")
    assert response.status_code == 400  # neither 李黄贝 nor 黄贝东社区 exist for this advisor
    assert ServiceLog.objects.count() == 1


def test_same_visibility_as_the_pages(client_for, personas, advisors, log):
    mine, theirs = log(), log(lawyer=advisors.b)
    assert ids(client_for(personas.advisor).get(LOGS)) == {mine.pk}
    assert client_for(personas.advisor).get(f"{LOGS}{theirs.pk}/").status_code == 404
    assert client_for(personas.advisor).delete(f"{LOGS}{theirs.pk}/").status_code == 404
    assert client_for(personas.clerk_b).get(f"{LOGS}{mine.pk}/").status_code == 404
    assert ids(client_for(personas.clerk_b).get(LOGS)) == {theirs.pk}
    assert ids(client_for(personas.leader).get(LOGS)) == {mine.pk, theirs.pk}
    assert ids(client_for(personas.leader).get(LOGS + "?street=440303001")) == {mine.pk}
    assert ids(client_for(personas.other_leader).get(LOGS)) == set()
    posting_a = Posting.objects.get(lawyer=advisors.a)
    assert client_for(personas.clerk_b).get(f"{POSTINGS}{posting_a.pk}/").status_code == 404
    assert ids(client_for(personas.advisor).get(POSTINGS)) == {posting_a.pk}


def test_a_locked_month_is_refused_with_its_reason(client_for, personas, areas, log):
    entry = log(on=date(2026, 3, 10))
    Appraisal.objects.create(district=areas.district, month=date(2026, 3, 1), closed_by=personas.admin)
    client = client_for(personas.advisor)
    response = client.patch(f"{LOGS}{entry.pk}/", {"count": 7}, content_type="application/json")
    assert response.status_code == 400
    assert "该月的服务记录已锁定" in str(response.json())
    assert client.delete(f"{LOGS}{entry.pk}/").status_code == 400
    entry.refresh_from_db()
    assert entry.count == 1


def test_offices_manage_points_and_postings_advisors_do_not(client_for, personas, advisors, areas):
    clerk = client_for(personas.clerk_a)
    response = clerk.post(POINTS, {"name": "桂园东社区公共法律服务室", "kind": "community_room", "area": "440303001001",
                                   "opening_hours": "周二 14:30–17:30"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    response = clerk.post(POINTS, {"name": "错层级", "kind": "street_station", "area": "440303001001"},
                          content_type="application/json")
    assert response.status_code == 400 and "应设在街道一级" in str(response.json())
    point = ServicePoint.objects.get()
    response = clerk.post(POSTINGS, {"lawyer": advisors.b.pk, "point": point.pk, "start_on": "2026-01-01",
                                     "end_on": "2026-12-31"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["area"] == "440303001001"
    response = client_for(personas.advisor).post(POINTS, {"name": "x", "kind": "community_room",
                                                          "area": "440303001001"}, content_type="application/json")
    assert response.status_code == 403 and "不能登记或修改" in response.json()["detail"]
    assert client_for(personas.leader).post(POSTINGS, {}, content_type="application/json").status_code == 403


def test_appraisals_publish_and_an_advisor_sees_only_their_line(client_for, personas, advisors, log):
    section = personas.section
    section.section = "lawyers"
    section.save()
    log(on=date(2026, 3, 3), count=3)
    log(lawyer=advisors.b, on=date(2026, 3, 4), kind=ServiceKind.LECTURE)
    ranking = client_for(personas.leader).get(APPRAISALS + "ranking/?month=2026-03").json()
    assert [(row["lawyer_name"], row["rank"], row["points"]) for row in ranking] == [
        ("李黄贝", 1, "8.0"), ("张桂园", 2, "3.0")]
    response = client_for(section).post(APPRAISALS, {"district": "440303", "month": "2026-03-01", "comment": "好"},
                                        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["results"]) == 2
    mine = client_for(personas.advisor).get(APPRAISALS).json()["results"]
    assert [[(r["lawyer_name"], r["rank"]) for r in a["results"]] for a in mine] == [[("张桂园", 2)]]
    assert client_for(personas.advisor).get(APPRAISALS + "ranking/").status_code == 403
    assert client_for(personas.other_leader).get(APPRAISALS).json()["results"] == []
    again = client_for(section).post(APPRAISALS, {"district": "440303", "month": "2026-03-01"},
                                     content_type="application/json")
    assert again.status_code == 400 and "已经完成" in str(again.json())


def test_api_lists_make_a_constant_number_of_queries(client_for, personas, advisors, log,
                                                     django_assert_max_num_queries):
    for day in range(1, 16):
        log(on=date(2026, 3, day))
        log(lawyer=advisors.b, on=date(2026, 3, day))
    client = client_for(personas.leader)
    # session, user, area; count, rows, attachments; the session saved (3 queries)
    with django_assert_max_num_queries(9):
        assert len(ids(client.get(LOGS))) == 30
    with django_assert_max_num_queries(9):
        client.get(POSTINGS)
    with django_assert_max_num_queries(9):
        client.get(POINTS)
    with django_assert_max_num_queries(10):
        client.get(APPRAISALS + "ranking/?month=2026-03")

"""The advisors' pages: the advisor's own workspace and phone form, the offices' lists, jurisdiction (404),
the locked month, the appraisal page and its export, query counts."""

import io
import re
from datetime import date, timedelta
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from bureau.menu import menu_for
from lawyers.models import Appraisal, Posting, ServiceKind, ServiceLog

# The dates below are of a story told on 2026-11-30: a run on an earlier day tells it then (tests/conftest.py).
STORY_DAY = date(2026, 11, 30)

MARCH = date(2026, 3, 10)


def log_pks(html):
    return {int(pk) for pk in re.findall(r'id="log-(\d+)"', html)}


@pytest.fixture
def lawyers_section(personas):
    section = personas.section
    section.section = "lawyers"
    section.save()
    return section


def test_an_advisor_lands_on_their_workspace(client_for, personas, log):
    log(kind=ServiceKind.CONSULTATION, count=3)
    log(on=date(2026, 3, 2), kind=ServiceKind.LECTURE, count=20)
    html = client_for(personas.advisor).get(reverse("home")).content.decode()
    assert "我的工作台" in html and "桂园司法所" in html and "社区法律顾问" in html
    today = re.search(r'id="today-list">(.*?)</ul>', html, re.S).group(1)
    assert "法律咨询" in today and "3 人次" in today and "法治讲座" not in today
    assert reverse("lawyers:servicelog_create") in html


def test_an_advisor_without_a_linked_lawyer_is_told_so(client_for, personas, areas):
    html = client_for(personas.advisor).get(reverse("lawyers:advisor_home")).content.decode()
    assert 'id="no-lawyer"' in html and "尚未关联律师信息" in html
    response = client_for(personas.advisor).get(reverse("lawyers:servicelog_create"))
    assert response.status_code == 302


def test_the_advisors_menu_is_their_own(personas):
    urls = {item.url_name for _group, items in menu_for(personas.advisor) for item in items}
    assert {"lawyers:advisor_home", "lawyers:servicelog_create"} <= urls
    assert not urls & {"lawyers:lawfirm_list", "lawyers:lawyer_list", "lawyers:advisor_list",
                       "lawyers:appraisal_current"}
    staff = {item.url_name for _group, items in menu_for(personas.clerk_a) for item in items}
    assert {"lawyers:lawfirm_list", "lawyers:advisor_list", "lawyers:servicelog_list"} <= staff
    assert "lawyers:advisor_home" not in staff


def test_the_phone_form_preselects_the_community_and_today(client_for, personas, advisors):
    client = client_for(personas.advisor)
    html = client.get(reverse("lawyers:servicelog_create")).content.decode()
    assert re.search(r'name="place" value="a%d"[^>]*checked' % advisors.community_a.pk, html)
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert "黄贝东社区" not in html  # not their posting
    response = client.post(reverse("lawyers:servicelog_create"), {
        "place": f"a{advisors.community_a.pk}", "kind": "consultation", "count": "1", "hours": "1.0",
        "on": timezone.localdate().isoformat()})
    assert response.status_code == 302 and response["Location"] == reverse("lawyers:advisor_home")
    entry = ServiceLog.objects.get()
    assert (entry.lawyer, entry.area, entry.recorded_by) == (advisors.a, advisors.community_a, personas.advisor)


def test_bad_input_is_refused_with_a_message_and_nothing_written(client_for, personas, advisors):
    client = client_for(personas.advisor)
    html = client.post(reverse("lawyers:servicelog_create"), {
        "place": f"a{advisors.community_a.pk}", "count": "0", "hours": "1", "on": "2024-12-31"}).content.decode()
    assert "请选择服务类别。" in html and "确保该值大于或等于1" in html
    html = client.post(reverse("lawyers:servicelog_create"), {
        "place": f"a{advisors.community_a.pk}", "kind": "consultation", "count": "1", "hours": "1",
        "on": "2024-12-31"}).content.decode()
    assert "在2024-12-31没有派驻到桂园东社区" in html
    html = client.post(reverse("lawyers:servicelog_create"), {
        "place": f"a{advisors.community_b.pk}", "kind": "consultation", "count": "1", "hours": "1",
        "on": timezone.localdate().isoformat()}).content.decode()
    assert "不是可用的选项" in html or "选择一个有效的选项" in html
    assert not ServiceLog.objects.exists()


def test_an_advisor_sees_and_edits_only_their_own_entries(client_for, personas, advisors, log):
    mine, theirs = log(), log(lawyer=advisors.b)
    client = client_for(personas.advisor)
    assert log_pks(client.get(reverse("lawyers:servicelog_list")).content.decode()) == {mine.pk}
    assert client.get(reverse("lawyers:servicelog_update", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("lawyers:servicelog_delete", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("lawyers:advisor_detail", args=[advisors.b.pk])).status_code == 404
    response = client.post(reverse("lawyers:servicelog_update", args=[mine.pk]), {
        "place": f"a{advisors.community_a.pk}", "kind": "document_review", "count": "4", "hours": "2",
        "on": mine.on.isoformat()})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.kind, mine.count) == ("document_review", 4)


def test_another_street_gets_404_for_street_a_advisors_and_entries(client_for, personas, advisors, log):
    entry = log()
    clerk_b = client_for(personas.clerk_b)
    assert clerk_b.get(reverse("lawyers:advisor_detail", args=[advisors.a.pk])).status_code == 404
    assert clerk_b.get(reverse("lawyers:servicelog_update", args=[entry.pk])).status_code == 404
    posting = Posting.objects.get(lawyer=advisors.a)
    assert clerk_b.get(reverse("lawyers:posting_update", args=[posting.pk])).status_code == 404
    assert entry.pk not in log_pks(clerk_b.get(reverse("lawyers:servicelog_list")).content.decode())
    clerk_a = client_for(personas.clerk_a)
    assert clerk_a.get(reverse("lawyers:advisor_detail", args=[advisors.a.pk])).status_code == 200
    assert log_pks(clerk_a.get(reverse("lawyers:servicelog_list")).content.decode()) == {entry.pk}
    assert client_for(personas.other_leader).get(
        reverse("lawyers:advisor_detail", args=[advisors.a.pk])).status_code == 404


def test_the_log_list_filters_and_exports(client_for, personas, advisors, log):
    a_march = log(on=MARCH, kind=ServiceKind.DISPUTE, count=2, resolved=True)
    a_today = log()
    b_march = log(lawyer=advisors.b, on=MARCH)
    client = client_for(personas.leader)
    url = reverse("lawyers:servicelog_list")
    assert log_pks(client.get(url).content.decode()) == {a_march.pk, a_today.pk, b_march.pk}
    assert log_pks(client.get(url + "?month=2026-03").content.decode()) == {a_march.pk, b_march.pk}
    assert log_pks(client.get(url + "?street=440303002").content.decode()) == {b_march.pk}
    assert log_pks(client.get(url + "?area=440303001001&kind=dispute").content.decode()) == {a_march.pk}
    assert log_pks(client.get(url + f"?lawyer={advisors.b.pk}").content.decode()) == {b_march.pk}
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url + "?month=2026-03&_export=xlsx").content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("服务日期", "法律顾问", "街道") and len(rows) == 3
    assert {(row[1], row[5], row[6]) for row in rows[1:]} == {("张桂园", "参与受理矛盾纠纷", 2), ("李黄贝", "法律咨询", 1)}


def test_a_locked_month_shows_why_and_refuses_changes(client_for, personas, areas, advisors, log):
    entry = log(on=MARCH)
    Appraisal.objects.create(district=areas.district, month=date(2026, 3, 1), closed_by=personas.admin)
    client = client_for(personas.advisor)
    html = client.get(reverse("lawyers:servicelog_update", args=[entry.pk])).content.decode()
    assert 'id="locked-notice"' in html and "该月的服务记录已锁定" in html
    html = client.post(reverse("lawyers:servicelog_update", args=[entry.pk]), {
        "place": f"a{advisors.community_a.pk}", "kind": "lecture", "count": "9", "hours": "1",
        "on": MARCH.isoformat()}).content.decode()
    assert "2026年3月的月评比已完成" in html
    client.post(reverse("lawyers:servicelog_delete", args=[entry.pk]))
    entry.refresh_from_db()
    assert (entry.kind, entry.count) == ("consultation", 1)


def test_the_appraisal_page_ranks_closes_and_exports(client_for, personas, advisors, log, lawyers_section):
    log(on=MARCH, count=4)
    log(lawyer=advisors.b, on=MARCH, kind=ServiceKind.LECTURE, count=30)
    url = reverse("lawyers:appraisal", args=["2026-03"])
    html = client_for(personas.leader).get(url).content.decode()
    assert "未完成（实时排名）" in html and 'id="close-form"' not in html  # the leader reads only
    ranking = re.search(r'id="ranking">(.*?)</table>', html, re.S).group(1)
    assert ranking.index("李黄贝") < ranking.index("张桂园")  # a lecture (8) beats 4 consultations (4)
    client = client_for(lawyers_section)
    response = client.post(url, {"comment": "三月总体良好"})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "已完成" in html and "三月总体良好" in html
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url + "?_export=xlsx").content)).active
    rows = list(sheet.values)
    assert rows[2][:4] == (1, "李黄贝", "黄贝东社区", 8) and rows[3][:4] == (2, "张桂园", "桂园东社区", 4)
    assert client_for(personas.advisor).get(url).status_code == 403
    assert client_for(personas.clerk_a).get(url).status_code == 403
    html = client_for(personas.advisor).get(reverse("home")).content.decode()
    assert re.search(r"2026年3月 第 2 名（共 2 人）", html)


def test_the_section_sets_the_weights(client_for, personas, advisors, lawyers_section, areas):
    client = client_for(lawyers_section)
    data = {f"points_{kind.value}": "1" for kind in ServiceKind}
    data.update(points_lecture="-1", resolved_points="1")
    html = client.post(reverse("lawyers:appraisal_weights"), data).content.decode()
    assert "确保该值大于或等于0" in html
    data["points_lecture"] = "10"
    assert client.post(reverse("lawyers:appraisal_weights"), data).status_code == 302
    from lawyers.appraisal import weights_for

    assert weights_for(areas.district)[ServiceKind.LECTURE][0] == 10
    assert client_for(personas.leader).post(reverse("lawyers:appraisal_weights"), data).status_code == 403


def test_list_pages_make_a_constant_number_of_queries(client_for, personas, advisors, log,
                                                      django_assert_max_num_queries):
    for day in range(1, 21):
        log(on=date(2026, 3, day), count=day)
        log(lawyer=advisors.b, on=date(2026, 4, day), kind=ServiceKind.ONLINE)
    client = client_for(personas.leader)
    client.get(reverse("lawyers:advisor_list"))
    with django_assert_max_num_queries(14):
        assert len(log_pks(client.get(reverse("lawyers:servicelog_list")).content.decode())) == 25
    with django_assert_max_num_queries(12):
        client.get(reverse("lawyers:servicelog_list") + "?_export=xlsx")
    with django_assert_max_num_queries(12):
        client.get(reverse("lawyers:advisor_list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("lawyers:posting_list"))
    with django_assert_max_num_queries(16):
        client.get(reverse("lawyers:advisor_detail", args=[advisors.a.pk]))
    with django_assert_max_num_queries(12):
        client.get(reverse("lawyers:appraisal", args=["2026-03"]))
    advisor = client_for(personas.advisor)
    with django_assert_max_num_queries(16):
        advisor.get(reverse("home"))


def test_a_street_office_posts_an_advisor_to_a_new_point_and_logs_for_them(client_for, personas, advisors, areas):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("lawyers:servicepoint_create"), {
        "name": "桂园东社区公共法律服务室", "kind": "community_room", "area": areas.community_a.pk,
        "opening_hours": "每周二 14:30–17:30", "is_active": "on"})
    assert response.status_code == 302
    from lawyers.models import ServicePoint

    point = ServicePoint.objects.get()
    today = timezone.localdate()
    response = client.post(reverse("lawyers:posting_create"), {
        "lawyer": advisors.b.pk, "point": point.pk, "start_on": (today - timedelta(days=30)).isoformat(),
        "end_on": (today + timedelta(days=335)).isoformat(), "contract_number": f"顾问合同〔{today.year}〕001"})
    assert response.status_code == 302, response.content.decode()
    posting = Posting.objects.get(point=point)
    assert (posting.lawyer, posting.area) == (advisors.b, areas.community_a)
    html = client.get(point.get_absolute_url()).content.decode()
    assert "李黄贝" in re.search(r'id="point-advisors">(.*?)</ul>', html, re.S).group(1)
    assert "每周二 14:30–17:30" in html

    form = client.get(reverse("lawyers:servicelog_create")).content.decode()
    assert f'value="p{point.pk}"' in form and "黄贝东社区" not in form
    response = client.post(reverse("lawyers:servicelog_create"), {
        "lawyer": advisors.b.pk, "place": f"p{point.pk}", "kind": "lecture", "count": "35", "hours": "2",
        "on": (today - timedelta(days=2)).isoformat()})
    assert response.status_code == 302
    entry = ServiceLog.objects.get()
    assert (entry.lawyer, entry.area, entry.point, entry.recorded_by) == (
        advisors.b, areas.community_a, point, personas.clerk_a)
    # clerk_b sees 李黄贝 (posted to 黄贝东社区) but not the entry in street A, nor the point
    clerk_b = client_for(personas.clerk_b)
    assert clerk_b.get(reverse("lawyers:servicelog_update", args=[entry.pk])).status_code == 404
    assert clerk_b.get(point.get_absolute_url()).status_code == 404
    assert clerk_b.get(reverse("lawyers:advisor_detail", args=[advisors.b.pk])).status_code == 200


def test_the_ranking_workbook_is_named_by_district_and_month(client_for, personas, advisors, log):
    log(on=MARCH, count=4)
    response = client_for(personas.leader).get(reverse("lawyers:appraisal", args=["2026-03"]) + "?_export=xlsx")
    assert "filename*=UTF-8''" + quote("罗湖区社区法律顾问2026-03评比.xlsx", safe="") in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert sheet.title == "月评比" and rows[0][0] == "罗湖区社区法律顾问2026年3月评比（未完成，实时排名）"
    assert rows[1][:3] == ("名次", "法律顾问", "服务社区/站点") and rows[2][:4] == (1, "张桂园", "桂园东社区", 4)


def test_the_appraisal_page_links_the_months_around_it(client_for, personas, advisors):
    html = client_for(personas.leader).get(reverse("lawyers:appraisal", args=["2026-01"])).content.decode()
    assert 'href="/lawyers/advisors/appraisal/2025-12/?district=440303"' in html
    assert 'href="/lawyers/advisors/appraisal/2026-02/?district=440303"' in html


def test_only_the_lawyers_section_sets_weights_and_closes_months(client_for, personas, advisors, lawyers_section):
    data = {f"points_{kind.value}": "1" for kind in ServiceKind} | {"resolved_points": "1"}
    refused = client_for(personas.clerk_a).post(reverse("lawyers:appraisal_weights"), data)
    assert refused.status_code == 403 and "只有区司法局律师工作科可以设置分值和完成月评比。" in refused.content.decode()
    refused = client_for(personas.clerk_a).post(reverse("lawyers:appraisal", args=["2026-03"]), {"comment": ""})
    assert refused.status_code == 403 and "只有区司法局律师工作科可以设置分值和完成月评比。" in refused.content.decode()
    assert client_for(lawyers_section).post(reverse("lawyers:appraisal_weights"), data).status_code == 302
    assert not Appraisal.objects.exists()

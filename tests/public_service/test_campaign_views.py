"""The campaign and voucher pages: the ledger page shows the must-show story closing, every page is a 404 for
another district, the actions go through the services (refusals shown on the form), lists are filtered,
exported and their query counts pinned; the API does the same through the same services."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from public_service.models import Campaign, CampaignKind, CampaignStatus, Voucher, VoucherStatus

from . import test_campaign_services as world
from .test_campaign_services import ENTERPRISES, make_campaign

ps, voucher_campaign = world.ps, world.voucher_campaign  # the fixtures shared with the services' tests

STORY_DAY = date(2026, 11, 30)


def pages(campaign, voucher):
    return [
        reverse("public_service:campaign_detail", args=[campaign.pk]),
        reverse("public_service:campaign_ledger", args=[campaign.pk]),
        reverse("public_service:campaign_update", args=[campaign.pk]),
        reverse("public_service:campaign_action", args=[campaign.pk, "output"]),
        reverse("public_service:voucher_detail", args=[voucher.pk]),
        reverse("public_service:voucher_action", args=[voucher.pk, "redeem"]),
    ]


def test_the_ledger_page_shows_ten_issued_seven_redeemed_settled_and_closes(client_for, ps, voucher_campaign):
    body = client_for(ps.section).get(reverse("public_service:campaign_ledger",
                                              args=[voucher_campaign.campaign.pk])).content.decode()
    assert "台账平衡：发放 10 张 = 已使用 7 张 + 未使用 3 张 + 已过期 0 张 + 已作废 0 张" in body
    assert '<tr id="ledger-settled"><td class="ps-5 text-body-secondary">其中：已结算</td><td class="text-end">7</td>' \
           '<td class="text-end">14000.00</td>' in body
    assert "广东桂园律师事务所" in body and "广东黄贝律师事务所" in body and "JS-0" in body


def test_every_page_opens_for_its_district_and_is_a_404_for_another(client_for, ps, personas, voucher_campaign):
    campaign, voucher = voucher_campaign.campaign, voucher_campaign.vouchers[9]
    client = client_for(ps.section)
    for url in pages(campaign, voucher):
        assert client.get(url).status_code == 200, url
    for user in (ps.other_section, personas.other_leader, personas.clerk_a):
        client = client_for(user)
        for url in pages(campaign, voucher) if user.can_write("public_service") else pages(campaign, voucher)[:2]:
            assert client.get(url).status_code == 404, (user, url)
        for name in ["public_service:campaign_list", "public_service:voucher_list"]:
            body = client.get(reverse(name)).content.decode()
            assert campaign.name not in body and voucher.code not in body
    assert client_for(ps.other_section).post(
        reverse("public_service:voucher_action", args=[voucher.pk, "void"]), {"confirm": "on"}).status_code == 404
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.ISSUED


def test_a_leader_reads_the_campaign_but_is_offered_no_action(client_for, ps, personas, voucher_campaign):
    client = client_for(personas.leader)
    body = client.get(reverse("public_service:campaign_detail", args=[voucher_campaign.campaign.pk])).content.decode()
    assert voucher_campaign.campaign.name in body and "发放服务券" not in body
    assert client.get(reverse("public_service:campaign_action",
                              args=[voucher_campaign.campaign.pk, "issue"])).status_code == 403


def test_campaign_created_started_and_vouchers_issued_from_the_pages(client_for, ps, areas):
    client = client_for(ps.section)
    response = client.post(reverse("public_service:campaign_create"), {
        "name": "企业复工公益法律服务团", "kind": CampaignKind.VOUCHERS, "organisers": "区司法局",
        "area": areas.district.pk, "start_on": "2026-02-01", "end_on": "2026-01-01", "firms": [ps.firm_1.pk]})
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert "法律服务券项目须填写服务券面值" in client.post(reverse("public_service:campaign_create"), {
        "name": "企业复工公益法律服务团", "kind": CampaignKind.VOUCHERS, "organisers": "区司法局",
        "area": areas.district.pk, "start_on": "2026-02-01", "end_on": "2030-12-31"}).content.decode()
    response = client.post(reverse("public_service:campaign_create"), {
        "name": "企业复工公益法律服务团", "kind": CampaignKind.VOUCHERS, "organisers": "区司法局",
        "area": areas.district.pk, "start_on": "2026-02-01", "end_on": "2030-12-31", "voucher_value": "1500",
        "firms": [ps.firm_1.pk, ps.firm_2.pk], "lawyers": [ps.lawyer.pk]})
    campaign = Campaign.objects.get(name="企业复工公益法律服务团")
    assert response.status_code == 302 and campaign.status == CampaignStatus.DRAFT
    issue = reverse("public_service:campaign_action", args=[campaign.pk, "issue"])
    assert client.get(issue).status_code == 302  # refused while in preparation
    client.post(reverse("public_service:campaign_action", args=[campaign.pk, "start"]), {"confirm": "on"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ACTIVE
    bad = ENTERPRISES[0][1][:-1] + ("0" if ENTERPRISES[0][1][-1] != "0" else "1")
    response = client.post(issue, {"enterprise": "深圳市测试有限公司", "credit_code": bad, "count": 2,
                                   "issued_on": "2026-03-01", "expires_on": "2030-12-31"})
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    response = client.post(issue, {"enterprise": "深圳市测试有限公司", "credit_code": ENTERPRISES[0][1].lower(),
                                   "count": 2, "issued_on": "2026-03-01", "expires_on": "2030-12-31"})
    assert response.status_code == 302
    issued = Voucher.objects.filter(campaign=campaign).values_list("value", "credit_code").order_by().distinct()
    assert list(issued) == [(1500, ENTERPRISES[0][1])]


def test_redeeming_twice_is_refused_on_the_form(client_for, ps, voucher_campaign):
    used = voucher_campaign.vouchers[0]
    url = reverse("public_service:voucher_action", args=[used.pk, "redeem"])
    response = client_for(ps.section).post(url, {"firm": ps.firm_2.pk, "on": "2026-06-01", "service": "咨询"})
    assert "当前状态为“已使用”" in response.content.decode()
    fresh = voucher_campaign.vouchers[9]
    url = reverse("public_service:voucher_action", args=[fresh.pk, "redeem"])
    response = client_for(ps.section).post(url, {"firm": ps.outsider.pk, "on": "2026-06-01", "service": "咨询"})
    assert "选择一个有效的选项" in response.content.decode()  # only the campaign's firms are offered
    response = client_for(ps.section).post(url, {"firm": ps.firm_1.pk, "on": "2026-06-01", "service": "咨询"})
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert (fresh.status, fresh.firm) == (VoucherStatus.REDEEMED, ps.firm_1)


def test_lists_filter_export_and_keep_their_query_count(client_for, ps, areas, voucher_campaign,
                                                        django_assert_max_num_queries):
    make_campaign(ps, areas, kind=CampaignKind.ENTERPRISE_CHECKUP, name="民营企业法治体检")
    client = client_for(ps.section)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("public_service:campaign_list"), {"kind": CampaignKind.ENTERPRISE_CHECKUP}) \
            .content.decode()
    assert "民营企业法治体检" in body and voucher_campaign.campaign.name not in body
    with django_assert_max_num_queries(16):
        body = client.get(reverse("public_service:voucher_list"), {"state": "outstanding"}).content.decode()
    assert body.count('id="voucher-') == 3
    response = client.get(reverse("public_service:voucher_list"), {"state": "settled", "_export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 8 and rows[0][0] == "券号" and {row[7] for row in rows[1:]} == {"已结算"}


# --- API --------------------------------------------------------------------------------------------------


def test_the_api_issues_redeems_and_settles_through_the_services(client_for, ps, areas):
    client = client_for(ps.section)
    campaign = make_campaign(ps, areas)
    base = f"/api/v1/public_service/campaigns/{campaign.pk}"
    response = client.post(f"{base}/issue/", {"enterprise": ENTERPRISES[1][0], "credit_code": ENTERPRISES[1][1],
                                              "count": 2, "issued_on": "2026-03-02", "expires_on": "2030-12-31"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    first, second = response.json()
    url = f"/api/v1/public_service/vouchers/{first['id']}/redeem/"
    payload = {"firm": ps.firm_1.pk, "on": "2026-04-01", "service": "合同审查"}
    assert client.post(url, payload, content_type="application/json").status_code == 200
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400 and "不能重复使用" in response.content.decode()
    response = client.post(f"{base}/settle/", {"firm": ps.firm_1.pk, "on": "2026-05-01"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["amount"] == "2000.00"
    ledger = client.get(f"{base}/ledger/").json()
    assert ledger["issued"]["count"] == 2 and ledger["settled"]["count"] == 1 and ledger["outstanding"]["count"] == 1
    other = client_for(ps.other_section)
    assert other.get(f"{base}/").status_code == 404
    assert other.post(f"/api/v1/public_service/vouchers/{second['id']}/void/", {},
                      content_type="application/json").status_code == 404


def test_api_lists_share_the_filters_and_keep_their_query_count(client_for, ps, voucher_campaign,
                                                                django_assert_max_num_queries):
    client = client_for(ps.section)
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/public_service/vouchers/", {"state": "outstanding"}).json()
    assert data["count"] == 3
    with django_assert_max_num_queries(10):
        data = client.get("/api/v1/public_service/campaigns/").json()
    assert data["count"] == 1 and len(data["results"][0]["firms"]) == 2
    assert client_for(ps.other_section).get("/api/v1/public_service/vouchers/").json()["count"] == 0


@pytest.mark.parametrize("name", ["public_service:campaign_list", "public_service:voucher_list",
                                  "public_service:site_record_list"])
def test_a_role_without_the_function_gets_a_403(client_for, personas, name):
    assert client_for(personas.section).get(reverse(name)).status_code == 403

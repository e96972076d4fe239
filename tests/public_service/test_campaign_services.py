"""Campaigns and 法律服务券 through their services: the moves, the dated records, the voucher rules (once, not
after expiry, only at a firm of the campaign), settlements, and the ledger that closes.

The fixtures here (`ps`, `voucher_campaign`) are shared by the other test_campaign*/test_record* modules."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from bureau.models import Role
from public_service import campaign_services as services
from public_service.models import (
    Beneficiary,
    BeneficiaryKind,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Output,
    OutputKind,
    Voucher,
    VoucherStatus,
)
from tests.factories import LawFirmFactory, LawyerFactory, UserFactory, credit_code

# The dates below are of a story told on 2026-11-30 (tests/conftest.py moves an earlier run there). Vouchers
# expire on 2030-12-31, so on any day the suite runs (to 2030-12-31) an unused one is outstanding, not expired.
STORY_DAY = date(2026, 11, 30)
EXPIRES = date(2030, 12, 31)
ENTERPRISES = [("深圳市罗湖宏达贸易有限公司", credit_code("91440303MA5F00001")),
               ("深圳市桂园精工科技有限公司", credit_code("91440303MA5F00002")),
               ("深圳市黄贝餐饮管理有限公司", credit_code("91440303MA5F00003"))]


@pytest.fixture
def ps(areas, personas):
    """The public legal service section of each district, firms of 罗湖区 (two in the campaign, one not) and
    of 光明区, and a lawyer of the first firm."""
    firm_1 = LawFirmFactory(name="广东桂园律师事务所", area=areas.street_a)
    firm_2 = LawFirmFactory(name="广东黄贝律师事务所", area=areas.street_b)
    return SimpleNamespace(
        section=UserFactory(username="ps_section", name="公共法律服务科 孙洁", role=Role.SECTION,
                            section="public_service", area=areas.district),
        other_section=UserFactory(username="ps_section_gm", name="光明区公共法律服务科 周明", role=Role.SECTION,
                                  section="public_service", area=areas.other_district),
        firm_1=firm_1, firm_2=firm_2,
        outsider=LawFirmFactory(name="广东未参与律师事务所", area=areas.street_a),
        far_firm=LawFirmFactory(name="广东光明律师事务所", area=areas.other_district),
        lawyer=LawyerFactory(name="郑律师", firm=firm_1, area=areas.street_a),
    )


def make_campaign(ps, areas, *, by=None, kind=CampaignKind.VOUCHERS, start=True, **fields):
    values = {"name": "2026年罗湖区中小企业法律服务券", "kind": kind, "organisers": "区司法局、区工商联",
              "area": areas.district, "start_on": date(2026, 1, 1), "end_on": EXPIRES}
    if kind == CampaignKind.VOUCHERS:
        values["voucher_value"] = Decimal("2000.00")
    values.update(fields)
    by = by or ps.section
    campaign = services.campaign_create(campaign=Campaign(**values), firms=[ps.firm_1, ps.firm_2],
                                        lawyers=[ps.lawyer], by=by)
    return services.campaign_start(campaign=campaign, by=by) if start else campaign


@pytest.fixture
def voucher_campaign(ps, areas):
    """10 vouchers issued to three enterprises, 7 redeemed (4 at the first firm, 3 at the second), and both
    firms settled: the story of the issue's "must show"."""
    campaign = make_campaign(ps, areas)
    vouchers = []
    for (name, code), count in zip(ENTERPRISES, [4, 3, 3]):
        vouchers += services.voucher_issue(campaign=campaign, enterprise=name, credit_code=code, count=count,
                                           issued_on=date(2026, 3, 2), expires_on=EXPIRES, by=ps.section)
    for n, voucher in enumerate(vouchers[:7]):
        services.voucher_redeem(voucher=voucher, firm=ps.firm_1 if n < 4 else ps.firm_2, on=date(2026, 4, 1 + n),
                                service="劳动合同审查", by=ps.section)
    settlements = [services.settlement_create(campaign=campaign, firm=firm, on=date(2026, 5, 6),
                                              reference=f"JS-{n}", by=ps.section)
                   for n, firm in enumerate([ps.firm_1, ps.firm_2])]
    return SimpleNamespace(campaign=campaign, vouchers=vouchers, settlements=settlements)


# --- The ledger -------------------------------------------------------------------------------------------


def test_ten_issued_seven_redeemed_at_two_firms_settled_and_the_ledger_closes(ps, voucher_campaign):
    ledger = Voucher.objects.filter(campaign=voucher_campaign.campaign).ledger()
    counts = {name: line["count"] for name, line in ledger.items()}
    assert counts == {"issued": 10, "redeemed": 7, "settled": 7, "unsettled": 0, "outstanding": 3, "expired": 0,
                      "void": 0}
    assert counts["issued"] == counts["redeemed"] + counts["outstanding"]
    assert ledger["issued"]["amount"] == Decimal("20000.00")
    assert ledger["redeemed"]["amount"] == ledger["settled"]["amount"] == Decimal("14000.00")
    assert ledger["outstanding"]["amount"] == Decimal("6000.00")
    first, second = voucher_campaign.settlements
    assert (first.firm, first.vouchers, first.amount) == (ps.firm_1, 4, Decimal("8000.00"))
    assert (second.firm, second.vouchers, second.amount) == (ps.firm_2, 3, Decimal("6000.00"))
    assert len({v.code for v in voucher_campaign.vouchers}) == 10
    assert voucher_campaign.vouchers[0].code == "罗服务券〔2026〕0001号"


def test_the_ledger_counts_void_and_expired_apart_and_still_closes(ps, areas, time_machine):
    campaign = make_campaign(ps, areas, start_on=date(2026, 1, 1), end_on=EXPIRES)
    short = services.voucher_issue(campaign=campaign, enterprise=ENTERPRISES[0][0], credit_code=ENTERPRISES[0][1],
                                   count=2, issued_on=date(2026, 2, 2), expires_on=date(2026, 2, 28), by=ps.section)
    lasting = services.voucher_issue(campaign=campaign, enterprise=ENTERPRISES[1][0], credit_code=ENTERPRISES[1][1],
                                     count=3, issued_on=date(2026, 2, 2), expires_on=EXPIRES, by=ps.section)
    services.voucher_void(voucher=lasting[0], by=ps.section)
    services.voucher_redeem(voucher=lasting[1], firm=ps.firm_2, on=date(2026, 3, 3), service="法律咨询", by=ps.section)
    ledger = Voucher.objects.filter(campaign=campaign).ledger()
    counts = {name: line["count"] for name, line in ledger.items()}
    assert counts == {"issued": 5, "redeemed": 1, "settled": 0, "unsettled": 1, "outstanding": 1, "expired": 2,
                      "void": 1}
    assert counts["issued"] == counts["redeemed"] + counts["outstanding"] + counts["expired"] + counts["void"]
    assert short[0].state_on(date(2026, 2, 28)) == "outstanding"


# --- Voucher rules ----------------------------------------------------------------------------------------


def test_a_voucher_is_not_redeemed_twice(ps, voucher_campaign):
    used = voucher_campaign.vouchers[0]
    with pytest.raises(ValidationError, match="已于2026-04-01在广东桂园律师事务所使用，不能重复使用"):
        services.voucher_redeem(voucher=used, firm=ps.firm_2, on=date(2026, 6, 1), service="合同审查", by=ps.section)


def test_a_voucher_is_not_redeemed_after_expiry_nor_before_it_was_issued(ps, areas):
    campaign = make_campaign(ps, areas)
    voucher, = services.voucher_issue(campaign=campaign, enterprise=ENTERPRISES[0][0],
                                      credit_code=ENTERPRISES[0][1], issued_on=date(2026, 3, 2),
                                      expires_on=date(2026, 6, 30), by=ps.section)
    with pytest.raises(ValidationError, match="已于2026-06-30过期，不能使用"):
        services.voucher_redeem(voucher=voucher, firm=ps.firm_1, on=date(2026, 7, 1), service="咨询", by=ps.section)
    with pytest.raises(ValidationError, match="使用日期不能早于2026-03-02"):
        services.voucher_redeem(voucher=voucher, firm=ps.firm_1, on=date(2026, 3, 1), service="咨询", by=ps.section)
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.ISSUED and voucher.firm is None


def test_a_voucher_is_redeemed_only_at_a_firm_of_the_campaign(ps, areas):
    campaign = make_campaign(ps, areas)
    voucher, = services.voucher_issue(campaign=campaign, enterprise=ENTERPRISES[0][0],
                                      credit_code=ENTERPRISES[0][1], issued_on=date(2026, 3, 2), expires_on=EXPIRES,
                                      by=ps.section)
    with pytest.raises(ValidationError, match="广东未参与律师事务所不是本项目的参与律师事务所"):
        services.voucher_redeem(voucher=voucher, firm=ps.outsider, on=date(2026, 4, 1), service="咨询", by=ps.section)
    with pytest.raises(ValidationError, match="请填写服务内容"):
        services.voucher_redeem(voucher=voucher, firm=ps.firm_1, on=date(2026, 4, 1), service=" ", by=ps.section)


def test_vouchers_need_a_valid_credit_code_and_an_active_voucher_campaign(ps, areas):
    campaign = make_campaign(ps, areas, start=False)
    with pytest.raises(ValidationError, match="不能发放服务券"):
        services.voucher_issue(campaign=campaign, enterprise="某公司", credit_code=ENTERPRISES[0][1],
                               issued_on=date(2026, 3, 2), expires_on=EXPIRES, by=ps.section)
    services.campaign_start(campaign=campaign, by=ps.section)
    wrong = ENTERPRISES[0][1][:-1] + ("0" if ENTERPRISES[0][1][-1] != "0" else "1")
    with pytest.raises(ValidationError, match="统一社会信用代码校验位不正确"):
        services.voucher_issue(campaign=campaign, enterprise="某公司", credit_code=wrong, count=3,
                               issued_on=date(2026, 3, 2), expires_on=EXPIRES, by=ps.section)
    assert not Voucher.objects.exists()
    checkup = make_campaign(ps, areas, kind=CampaignKind.ENTERPRISE_CHECKUP, name="民营企业法治体检")
    with pytest.raises(ValidationError, match="只有“法律服务券”项目可以发放服务券"):
        services.voucher_issue(campaign=checkup, enterprise="某公司", credit_code=ENTERPRISES[0][1],
                               issued_on=date(2026, 3, 2), expires_on=EXPIRES, by=ps.section)


def test_a_settlement_takes_only_what_is_redeemed_and_not_yet_settled(ps, voucher_campaign):
    with pytest.raises(ValidationError, match="没有待结算的服务券"):
        services.settlement_create(campaign=voucher_campaign.campaign, firm=ps.firm_1, on=date(2026, 6, 1),
                                   by=ps.section)
    outstanding = voucher_campaign.vouchers[7]
    services.voucher_redeem(voucher=outstanding, firm=ps.firm_1, on=date(2026, 6, 2), service="股权纠纷咨询",
                            by=ps.section)
    settlement = services.settlement_create(campaign=voucher_campaign.campaign, firm=ps.firm_1,
                                            on=date(2026, 6, 3), by=ps.section)
    assert (settlement.vouchers, settlement.amount) == (1, Decimal("2000.00"))
    with pytest.raises(ValidationError, match="不是本项目的参与律师事务所"):
        services.settlement_create(campaign=voucher_campaign.campaign, firm=ps.outsider, on=date(2026, 6, 3),
                                   by=ps.section)


def test_a_firm_that_took_vouchers_stays_in_the_campaign(ps, voucher_campaign):
    with pytest.raises(ValidationError, match="广东黄贝律师事务所已承接本项目的服务券"):
        services.campaign_update(campaign=voucher_campaign.campaign, firms=[ps.firm_1], by=ps.section)
    assert set(voucher_campaign.campaign.firms.all()) == {ps.firm_1, ps.firm_2}


# --- Campaigns: moves, dates, jurisdiction ------------------------------------------------------------------


def test_a_campaign_moves_draft_active_closed_and_never_back(ps, areas):
    campaign = make_campaign(ps, areas, start=False)
    assert campaign.status == CampaignStatus.DRAFT
    with pytest.raises(ValidationError, match="项目当前状态为“筹备中”，不能“结束”"):
        services.campaign_close(campaign=campaign, on=date(2026, 6, 1), by=ps.section)
    campaign = services.campaign_start(campaign=campaign, by=ps.section)
    with pytest.raises(ValidationError, match="项目当前状态为“实施中”，不能“启动”"):
        services.campaign_start(campaign=campaign, by=ps.section)
    campaign = services.campaign_close(campaign=campaign, on=date(2026, 6, 1), by=ps.section)
    assert (campaign.status, campaign.closed_on) == (CampaignStatus.CLOSED, date(2026, 6, 1))
    with pytest.raises(ValidationError, match="项目已结束，不能再修改"):
        services.campaign_update(campaign=campaign, by=ps.section)


def test_outputs_and_beneficiaries_are_dated_within_the_campaign_and_not_before_it_starts(ps, areas):
    campaign = make_campaign(ps, areas, kind=CampaignKind.ENTERPRISE_CHECKUP, start=False,
                             start_on=date(2026, 3, 1), end_on=date(2026, 9, 30))
    with pytest.raises(ValidationError, match="项目尚在筹备中"):
        services.output_record(output=Output(campaign=campaign, kind=OutputKind.LECTURES, count=1,
                                             on=date(2026, 4, 1)), by=ps.section)
    services.campaign_start(campaign=campaign, by=ps.section)
    with pytest.raises(ValidationError, match="日期应在项目期间（2026-03-01至2026-09-30）内"):
        services.output_record(output=Output(campaign=campaign, kind=OutputKind.LECTURES, count=1,
                                             on=date(2026, 10, 1)), by=ps.section)
    output = services.output_record(output=Output(campaign=campaign, kind=OutputKind.RISKS_FOUND, count=12,
                                                  on=date(2026, 4, 1)), by=ps.section)
    beneficiary = services.beneficiary_record(beneficiary=Beneficiary(
        campaign=campaign, kind=BeneficiaryKind.ENTERPRISES, name="深圳市罗湖宏达贸易有限公司", count=1,
        on=date(2026, 4, 1)), by=ps.section)
    assert output.recorded_by == beneficiary.recorded_by == ps.section


def test_another_districts_section_cannot_touch_the_campaign(ps, areas, voucher_campaign):
    campaign = voucher_campaign.campaign
    with pytest.raises(ValidationError, match="公益法律服务项目不存在或不在您的管辖范围内"):
        services.voucher_issue(campaign=campaign, enterprise="某公司", credit_code=ENTERPRISES[0][1],
                               issued_on=date(2026, 3, 2), expires_on=EXPIRES, by=ps.other_section)
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        services.voucher_redeem(voucher=voucher_campaign.vouchers[9], firm=ps.firm_1, on=date(2026, 6, 1),
                                service="咨询", by=ps.other_section)
    with pytest.raises(ValidationError, match="实施区域“罗湖区”不在您的管辖范围内"):
        make_campaign(ps, areas, by=ps.other_section)
    with pytest.raises(ValidationError, match="参与律师事务所不存在或不在您的管辖范围内"):
        services.campaign_create(campaign=Campaign(name="x", kind=CampaignKind.OTHER, organisers="区司法局",
                                                   area=areas.district, start_on=date(2026, 1, 1),
                                                   end_on=date(2026, 2, 1)),
                                 firms=[ps.far_firm], by=ps.section)


def test_a_leader_reads_only(ps, areas, personas, voucher_campaign):
    with pytest.raises(ValidationError, match="没有登记公共法律服务的权限"):
        services.voucher_void(voucher=voucher_campaign.vouchers[9], by=personas.leader)

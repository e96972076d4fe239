"""The campaign, voucher and site-service indicators against hand counts, per period and area; a site record
and an advisor's own log at the site add up without counting anything twice."""

from datetime import date
from decimal import Decimal

from figures.periods import parse_period
from figures.stats import compute
from lawyers.models import Posting, ServiceKind, ServiceLog, ServicePoint
from public_service import campaign_services as services
from public_service.campaign_stats import INDICATORS
from public_service.models import Beneficiary, BeneficiaryKind, CampaignKind, Output, OutputKind, SiteRecord
from tests.comparison import assert_compared_as_computed
from tests.factories import LawyerFactory

from . import test_campaign_services as world
from .test_campaign_services import make_campaign

ps, voucher_campaign = world.ps, world.voucher_campaign  # the fixtures shared with the services' tests

STORY_DAY = date(2026, 11, 30)


def figures(user, area, key):
    return compute(user=user, area=area, period=parse_period(key), codes=[i.code for i in INDICATORS])


def test_indicator_codes_are_those_of_the_contract():
    codes = {i.code for i in INDICATORS}
    assert {"public_service.consultations", "public_service.documents_and_opinions", "public_service.campaigns",
            "public_service.campaign_beneficiaries", "public_service.campaign_beneficiaries_enterprises",
            "public_service.campaign_beneficiaries_projects", "public_service.campaign_beneficiaries_workers",
            "public_service.vouchers_issued", "public_service.vouchers_redeemed",
            "public_service.voucher_firms"} <= codes
    assert {f"public_service.campaign_outputs.{kind}" for kind in OutputKind.values} <= codes


def test_campaign_figures_by_period_and_area(ps, areas, personas, voucher_campaign):
    """The voucher campaign (2026-01-01 on): 10 vouchers issued 2026-03-02, 7 redeemed 2026-04-01..07 at two
    firms. A checkup campaign of 2026-03-01..2026-06-30: 2 lectures and 12 risks in April, 5 enterprises and
    300 workers in April, 1 project in July (refused: outside the period), and one still in preparation."""
    checkup = make_campaign(ps, areas, kind=CampaignKind.ENTERPRISE_CHECKUP, name="民营企业法治体检",
                            start_on=date(2026, 3, 1), end_on=date(2026, 6, 30))
    make_campaign(ps, areas, kind=CampaignKind.OTHER, name="筹备中的项目", start=False)
    for kind, count in ((OutputKind.LECTURES, 2), (OutputKind.RISKS_FOUND, 12)):
        services.output_record(output=Output(campaign=checkup, kind=kind, count=count, on=date(2026, 4, 10)),
                               by=ps.section)
    for kind, count in ((BeneficiaryKind.ENTERPRISES, 5), (BeneficiaryKind.WORKERS, 300)):
        services.beneficiary_record(beneficiary=Beneficiary(campaign=checkup, kind=kind, count=count,
                                                            on=date(2026, 4, 10)), by=ps.section)
    year = figures(personas.leader, areas.district, "2026")
    assert {code: year[code] for code in [
        "public_service.campaigns", "public_service.vouchers_issued", "public_service.vouchers_redeemed",
        "public_service.voucher_firms", "public_service.campaign_beneficiaries",
        "public_service.campaign_beneficiaries_enterprises", "public_service.campaign_beneficiaries_workers",
        "public_service.campaign_beneficiaries_projects", "public_service.campaign_outputs.lectures",
        "public_service.campaign_outputs.risks_found", "public_service.campaign_outputs.reports"]} == {
        "public_service.campaigns": 2, "public_service.vouchers_issued": 10, "public_service.vouchers_redeemed": 7,
        "public_service.voucher_firms": 2, "public_service.campaign_beneficiaries": 305,
        "public_service.campaign_beneficiaries_enterprises": 5, "public_service.campaign_beneficiaries_workers": 300,
        "public_service.campaign_beneficiaries_projects": 0, "public_service.campaign_outputs.lectures": 2,
        "public_service.campaign_outputs.risks_found": 12, "public_service.campaign_outputs.reports": 0}
    march = figures(personas.leader, areas.district, "2026-03")
    assert (march["public_service.vouchers_issued"], march["public_service.vouchers_redeemed"],
            march["public_service.campaign_outputs.lectures"], march["public_service.campaigns"]) == (10, 0, 0, 2)
    july = figures(personas.leader, areas.district, "2026-07")
    assert (july["public_service.campaigns"], july["public_service.vouchers_redeemed"]) == (1, 0)
    other = figures(personas.other_leader, areas.other_district, "2026")
    assert other["public_service.campaigns"] == other["public_service.vouchers_issued"] == 0


def test_site_consultations_add_the_staffs_records_and_the_advisors_log_at_the_site(ps, areas, personas):
    """Street A's station: the staff record 5 consultations, 2 documents and 1 opinion on 2026-05-06, a duty lawyer
    3 consultations; the advisor posted there logs 4 consultations and 2 opinions at the station, and 9
    consultations in a community (not a site: not counted here). Street B's station: 7 consultations."""
    station_a = ServicePoint.objects.create(name="桂园街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                            area=areas.street_a)
    station_b = ServicePoint.objects.create(name="黄贝街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                            area=areas.street_b)
    advisor = LawyerFactory(name="钱顾问", area=areas.street_a)
    Posting.objects.create(lawyer=advisor, area=areas.street_a, point=station_a, start_on=date(2026, 1, 1),
                           end_on=date(2026, 12, 31))
    day = date(2026, 5, 6)
    services.site_record_create(record=SiteRecord(point=station_a, on=day, staff="陈晓燕", consultations=5,
                                                  documents=2, opinions=1), by=personas.clerk_a)
    services.site_record_create(record=SiteRecord(point=station_a, on=day, staff="郑律师", staff_kind="duty_lawyer",
                                                  lawyer=ps.lawyer, consultations=3), by=personas.clerk_a)
    services.site_record_create(record=SiteRecord(point=station_b, on=day, staff="李文杰", consultations=7),
                                by=personas.clerk_b)
    for kind, count, point, area in ((ServiceKind.CONSULTATION, 4, station_a, areas.street_a),
                                     (ServiceKind.LEGAL_OPINION, 2, station_a, areas.street_a),
                                     (ServiceKind.CONSULTATION, 9, None, areas.community_a)):
        ServiceLog.objects.create(lawyer=advisor, area=area, point=point, on=day, kind=kind, count=count,
                                  recorded_by=personas.clerk_a)
    district = figures(personas.leader, areas.district, "2026-05")
    assert (district["public_service.consultations"], district["public_service.documents_and_opinions"]) == (19, 5)
    street_a = figures(personas.clerk_a, areas.street_a, "2026-Q2")
    assert (street_a["public_service.consultations"], street_a["public_service.documents_and_opinions"]) == (12, 5)
    assert figures(personas.leader, areas.district, "2026-06")["public_service.consultations"] == 0
    assert Decimal(district["public_service.consultations"]) == 19
    by_street = assert_compared_as_computed(personas.leader, areas.district, "2026-05",
                                            ["public_service.consultations"])
    assert by_street[areas.street_a.code] == {"public_service.consultations": 12}  # both sources, grouped

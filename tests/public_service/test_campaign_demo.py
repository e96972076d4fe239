"""The campaigns' demo (public_service.campaign_demo): through the services, for a district with sites and
firms; the voucher ledger closes; a second load adds nothing."""

from io import StringIO

from bureau.models import Role
from lawyers.models import ServicePoint
from public_service import campaign_demo
from public_service.models import Campaign, CampaignKind, SiteRecord, Voucher
from tests.factories import LawFirmFactory, LawyerFactory, UserFactory


def test_the_demo_loads_two_campaigns_and_a_year_of_site_records(areas, personas):
    UserFactory(username="ps_demo", role=Role.SECTION, section="public_service", area=areas.district)
    ServicePoint.objects.create(name="罗湖区公共法律服务中心", kind=ServicePoint.Kind.DISTRICT_CENTRE,
                                area=areas.district)
    ServicePoint.objects.create(name="桂园街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                area=areas.street_a)
    for n in range(3):
        LawyerFactory(firm=LawFirmFactory(area=areas.street_a if n % 2 else areas.street_b))
    out = StringIO()
    campaign_demo.load(out)
    campaigns = Campaign.objects.in_area(areas.district)
    assert sorted(campaigns.values_list("kind", flat=True)) == [CampaignKind.ENTERPRISE_CHECKUP, CampaignKind.VOUCHERS]
    ledger = Voucher.objects.filter(campaign__kind=CampaignKind.VOUCHERS).ledger()
    counts = {name: line["count"] for name, line in ledger.items()}
    assert counts["issued"] == 36 and counts["redeemed"] > 0 and counts["settled"] > 0
    assert counts["issued"] == counts["redeemed"] + counts["outstanding"] + counts["expired"] + counts["void"]
    assert counts["redeemed"] == counts["settled"] + counts["unsettled"]
    assert SiteRecord.objects.in_area(areas.district).count() > 200
    assert "罗湖区: " in out.getvalue() and "光明区: no firms or users, skipped" in out.getvalue()
    campaign_demo.load(out)
    assert campaigns.count() == 2 and "already present" in out.getvalue()

"""The registry every lawyers test starts from: a firm and a lawyer in street A, the same in street B."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from bureau.models import Area, Role
from lawyers.models import ComplaintClockRule, Posting, ServiceKind, ServiceLog
from lawyers.models.supervision import draw_from
from lawyers.services import service_log_create
from lawyers.supervision_data import ensure_complaint_clock_rules
from tests.factories import AreaFactory, LawFirmFactory, LawyerFactory, UserFactory, resident_id


@pytest.fixture
def areas(areas):
    """The areas, and the complaint clocks: a data migration writes them, and a browser or concurrency test that ran
    before on the same worker (a transactional test) has emptied every table since."""
    ensure_complaint_clock_rules(ComplaintClockRule)
    return areas


@pytest.fixture
def registry(areas):
    firm_a = LawFirmFactory(name="广东桂园明理律师事务所", area=areas.street_a)
    firm_b = LawFirmFactory(name="广东黄贝守正律师事务所", area=areas.street_b)
    return SimpleNamespace(
        firm_a=firm_a,
        firm_b=firm_b,
        lawyer_a=LawyerFactory(name="张桂园", firm=firm_a, id_number=resident_id(), specialties=["criminal"]),
        lawyer_b=LawyerFactory(name="李黄贝", firm=firm_b, specialties=["family"]),
    )


# --- Community legal advisors -------------------------------------------------------------------------------

POSTED_FROM = date(2025, 1, 1)


@pytest.fixture
def section(areas):
    """The district's 律师工作科 clerk, who runs the supervision of firms and lawyers."""
    return UserFactory(username="lawyers_section", name="律师工作科 周敏", role=Role.SECTION, section="lawyers",
                       area=areas.district)


@pytest.fixture
def advisors(areas, personas, registry):
    """The advisor persona is 张桂园 (lawyer_a), posted to 桂园东社区 (street A); 李黄贝 (lawyer_b) is posted to
    黄贝东社区 (street B) and signs in as advisor_b. Both postings run from 2025-01-01 to a year from today."""
    community_b = AreaFactory(code="440303002001", name="黄贝东社区", level=Area.Level.COMMUNITY,
                              parent=areas.street_b, is_demo=True)
    advisor_b = UserFactory(username="advisor_b", name="法律顾问 李律师", role=Role.ADVISOR, area=community_b)
    until = timezone.localdate() + timedelta(days=365)
    for lawyer, user, community in ((registry.lawyer_a, personas.advisor, areas.community_a),
                                    (registry.lawyer_b, advisor_b, community_b)):
        lawyer.user = user
        lawyer.save(update_fields=["user"])
        Posting.objects.create(lawyer=lawyer, area=community, start_on=POSTED_FROM, end_on=until,
                               contract_number=f"顾问合同-{lawyer.pk}")
    return SimpleNamespace(a=registry.lawyer_a, b=registry.lawyer_b, advisor_b=advisor_b, community_b=community_b,
                           community_a=areas.community_a)


@pytest.fixture
def log(personas, advisors):
    """log(lawyer=a, **fields) → an entry made through the service by the lawyer's own account."""

    def make(lawyer=None, by=None, attachments=(), **fields):
        lawyer = lawyer or advisors.a
        values = {"area": advisors.community_a if lawyer == advisors.a else advisors.community_b,
                  "on": timezone.localdate(), "kind": ServiceKind.CONSULTATION, "count": 1}
        values.update(fields)
        return service_log_create(log=ServiceLog(lawyer=lawyer, **values), by=by or lawyer.user,
                                  attachments=attachments)

    return make


def another_seed(draw):
    """A seed that draws otherwise than the draw's own (a fixed one could, by chance, draw the same)."""
    return next(seed for seed in (f"{n:032x}" for n in range(100))
                if (draw_from(draw.firm_pool, len(draw.firms_drawn), seed),
                    draw_from(draw.inspector_pool, len(draw.inspectors_drawn), seed))
                != (draw.firms_drawn, draw.inspectors_drawn))

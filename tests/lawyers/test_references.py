"""Issue 18, part 5: a posting takes only a lawyer, a community and a service point of the writer's district;
each posted from 罗湖区 with a 光明区 one through the API is a 400 naming it, and nothing is written."""

import pytest

from bureau.models import Area, Role
from lawyers.models import Posting, ServicePoint
from tests.factories import AreaFactory, LawyerFactory, UserFactory


@pytest.fixture
def guangming(areas):
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    community = AreaFactory(code="440311001001", name="光明社区", level=Area.Level.COMMUNITY, parent=street)
    return {
        "lawyer": LawyerFactory(area=street, name="郑光明"),
        "area": community,
        "point": ServicePoint.objects.create(name="光明社区公共法律服务室", area=community,
                                             kind=ServicePoint.Kind.COMMUNITY_ROOM),
    }


@pytest.fixture
def lawyers_section(areas):
    return UserFactory(username="lawyers_section", name="律师工作科 钱工", role=Role.SECTION, section="lawyers",
                       area=areas.district)


@pytest.mark.parametrize("field", ["lawyer", "area", "point"])
def test_defect_5_a_posting_of_another_district_is_refused(client_for, lawyers_section, registry, areas, guangming,
                                                            field):
    payload = {"lawyer": registry.lawyer_a.pk, "area": areas.community_a.code, "start_on": "2026-03-01",
               "end_on": "2026-12-31", "contract_number": "顾问合同-1"}
    if field == "area":
        payload["area"] = guangming["area"].code
    elif field == "point":
        del payload["area"]
        payload["point"] = guangming["point"].pk
    else:
        payload["lawyer"] = guangming["lawyer"].pk
    before = Posting.objects.count()
    response = client_for(lawyers_section).post("/api/v1/lawyers/postings/", payload)
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) & {field, "area"}, body  # a point names its area, where the refusal is
    assert "不在" in str(body) or "请选择" in str(body) or "不存在" in str(body), body
    assert Posting.objects.count() == before


def test_defect_5_an_account_of_another_district_is_not_linked_to_a_lawyer(personas, advisors, guangming):
    from django.core.exceptions import ValidationError

    from lawyers import services

    elsewhere = UserFactory(username="gm_advisor", role=Role.ADVISOR, area=guangming["area"])
    with pytest.raises(ValidationError) as refused:
        services.lawyer_link_account(lawyer=advisors.a, user=elsewhere, by=personas.clerk_a)
    assert "登录账号所属区域“光明社区”不在您的管辖范围内" in str(refused.value)
    advisors.a.refresh_from_db()
    assert advisors.a.user == personas.advisor

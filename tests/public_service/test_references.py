"""Issue 18, part 5: a public legal service write takes only records of the writer's jurisdiction — a lawyer
of another district on a site's duty roster, a site of another district for a class, are refused with a
Chinese message and nothing written."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.models import Area
from lawyers.models import ServicePoint
from public_service import services
from public_service.models import Duty, LegalClass
from tests.factories import AreaFactory, LawyerFactory


@pytest.fixture
def guangming(areas):
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    return {
        "lawyer": LawyerFactory(area=street, name="郑光明"),
        "point": ServicePoint.objects.create(name="光明街道公共法律服务工作站", area=street,
                                             kind=ServicePoint.Kind.STREET_STATION),
    }


def test_defect_5_a_lawyer_of_another_district_is_not_put_on_duty(personas, network, guangming):
    before = Duty.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.duty_add(point=network.station_a, on=timezone.localdate() + timedelta(days=1),
                          lawyer=guangming["lawyer"], by=personas.clerk_a)
    assert "值班律师不在罗湖区的律师名录中" in str(refused.value.message_dict["lawyer"])
    assert Duty.objects.count() == before
    # A lawyer of the district still goes on the roster.
    services.duty_add(point=network.station_a, on=timezone.localdate() + timedelta(days=1),
                      lawyer=network.advisor_lawyer, by=personas.clerk_a)
    assert Duty.objects.count() == before + 1


def test_defect_5_a_class_at_a_site_of_another_district_is_refused(personas, network, guangming, areas):
    before = LegalClass.objects.count()
    legal_class = LegalClass(area=areas.street_a, point=guangming["point"], title="劳动法课堂", place="光明街道办",
                             starts_at=timezone.now() + timedelta(days=3), capacity=30)
    with pytest.raises(ValidationError) as refused:
        services.class_create(legal_class=legal_class, by=personas.clerk_a)
    assert "不在您的管辖范围内" in str(refused.value)
    assert LegalClass.objects.count() == before

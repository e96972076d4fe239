"""The consultations' list (`GET /api/v1/legalaid/consultations/`) is written by bureau.api_lists'
PlannedListSerializer: it must answer the JSON DRF's own serializer gives for the same records, page by page."""

from datetime import date

import pytest

from bureau.api_lists import PlannedListSerializer
from bureau.models import User
from legalaid import services
from legalaid.api import ConsultationSerializer
from legalaid.models import Consultation
from tests.api_lists import as_json, drf_list, every_page
from tests.legalaid.test_demo import demo_world, loaded  # noqa: F401 (fixtures: the demo's consultations)

URL = "/api/v1/legalaid/consultations/"


def drf_own(consultations):
    """What DRF's generic list serializer writes for `consultations`, joined as the viewset does."""
    consultations = consultations.select_related("area", "recorded_by")
    return drf_list(ConsultationSerializer, consultations)


def listed(client):
    return every_page(client, URL)


def test_the_list_serializer_is_the_planned_one():
    assert isinstance(ConsultationSerializer(many=True), PlannedListSerializer)


@pytest.mark.parametrize("username", ["luohu_legalaid", "guangming_legalaid", "luohu_leader"])
def test_the_demo_consultations_listed_as_drf_writes_them(loaded, client_for, username):  # noqa: F811
    user = User.objects.get(username=username)
    expected = drf_own(Consultation.objects.visible_to(user))
    rows = listed(client_for(user))
    assert len(rows) == len(expected) > 50  # more than a page
    assert rows == expected
    assert len({row["channel"] for row in rows}) > 1 and any(row["person_times"] > 1 for row in rows)


def test_consultations_with_blank_and_filled_fields(personas, areas, client_for):
    by = personas.section
    anonymous = services.consultation_record(area=areas.street_a, on=date(2026, 3, 2), channel="hotline",
                                             topic=Consultation._meta.get_field("topic").choices[0][0],
                                             answer="已解答", by=by)
    named = services.consultation_record(area=areas.street_b, on=date(2026, 3, 3), channel="window",
                                         topic=Consultation._meta.get_field("topic").choices[-1][0],
                                         answer="<b>答复</b> & “引号”", person_times=12, name="王五",
                                         phone="13800000000", note="群体咨询", by=personas.clerk_b)
    User.objects.filter(pk=personas.clerk_b.pk).update(name="")  # str(user) is then the username

    consultations = Consultation.objects.all()
    ours = as_json(ConsultationSerializer(consultations, many=True).data)
    theirs = drf_own(consultations)
    assert ours == theirs
    by_id = {row["id"]: row for row in theirs}
    assert by_id[anonymous.pk]["name"] == "" and by_id[anonymous.pk]["recorded_by"] == str(by)
    assert by_id[named.pk]["person_times"] == 12 and by_id[named.pk]["recorded_by"] == "clerk_b"
    assert by_id[named.pk]["on"] == "2026-03-03" and by_id[named.pk]["area"] == "440303002"
    assert listed(client_for(personas.section)) == drf_own(Consultation.objects.visible_to(personas.section))

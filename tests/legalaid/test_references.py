"""Issue 18, part 5: every record a legal-aid write refers to is within the writer's jurisdiction.

The probe: as 光明区's legal-aid section, `POST /api/v1/legalaid/complaints/` with a 罗湖区 case and lawyer
answered 201. Each reference, posted from the other district through the API, is a 400 with a Chinese message
(or a 404) and writes nothing.
"""

import pytest

from bureau.models import Area, Role
from legalaid.models import Case, Complaint, FollowUp
from tests.factories import AreaFactory, UserFactory


@pytest.fixture
def guangming(areas):
    street = AreaFactory(code="440311001", name="光明街道", level=Area.Level.STREET, parent=areas.other_district)
    section = UserFactory(username="gm_legalaid", name="光明区法律援助科", role=Role.SECTION, section="legalaid",
                          area=areas.other_district)
    return street, section


def complaint_with_case(street, case, lawyers):
    return "/api/v1/legalaid/complaints/", "case", {
        "area": street.code, "case": case.pk, "lawyer": lawyers["elsewhere"].pk, "complainant": "王小明",
        "received_on": "2026-03-05", "content": "律师未联系受援人。"}


def complaint_with_lawyer(street, case, lawyers):
    return "/api/v1/legalaid/complaints/", "lawyer", {
        "area": street.code, "lawyer": lawyers["labour"].pk, "complainant": "王小明", "received_on": "2026-03-05",
        "content": "律师未联系受援人。"}


def follow_up_of_case(street, case, lawyers):
    return "/api/v1/legalaid/follow-ups/", "case", {"case": case.pk, "called_on": "2026-03-20",
                                                    "satisfaction": FollowUp.Satisfaction.values[0], "note": "回访"}


@pytest.mark.parametrize("request_of", [complaint_with_case, complaint_with_lawyer, follow_up_of_case])
def test_defect_5_another_districts_reference_is_refused(client_for, guangming, make_case, lawyers, request_of):
    street, section = guangming
    luohu_case = make_case()  # 罗湖区, with 罗湖 lawyers around it
    url, field, payload = request_of(street, luohu_case, lawyers)
    response = client_for(section).post(url, payload)
    assert response.status_code == 400, response.content
    messages = " ".join(response.json()[field])  # refused for the reference, in Chinese, not for the payload
    assert "不在" in messages or "未找到" in messages or "不存在" in messages, messages
    assert not Complaint.objects.exists() and not FollowUp.objects.exists()
    assert Case.objects.count() == 1


def test_defect_5_the_probes_complaint_with_a_luohu_case_and_lawyer(client_for, guangming, make_case, lawyers):
    street, section = guangming
    luohu_case = make_case()
    response = client_for(section).post("/api/v1/legalaid/complaints/", {
        "area": street.code, "case": luohu_case.pk, "lawyer": lawyers["labour"].pk, "complainant": "王小明",
        "received_on": "2026-03-05", "content": "律师未联系受援人。"})
    assert response.status_code == 400
    assert set(response.json()) & {"case", "lawyer"}
    assert not Complaint.objects.exists()


def test_defect_5_the_assignment_takes_only_a_lawyer_of_the_cases_district(client_for, personas, make_case,
                                                                            lawyers):
    from legalaid.services import case_decide

    case = make_case()
    case_decide(case=case, grant=True, reasons="符合条件", by=personas.section, on=case.received_on)
    response = client_for(personas.section).post(f"/api/v1/legalaid/cases/{case.pk}/assign/", {
        "lawyer": lawyers["elsewhere"].pk, "override_reason": "就近", "on": "2026-03-04"})
    assert response.status_code == 400 and "律师" in str(response.json())
    case.refresh_from_db()
    assert case.lawyer_id is None

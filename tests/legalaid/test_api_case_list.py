"""The cases' list (`GET /api/v1/legalaid/cases/`) is written by legalaid.api.CaseListSerializer: it must answer the
JSON DRF's own serializer gives for the same records, page by page, with the same jurisdiction."""

from datetime import date
from decimal import Decimal

import pytest

from bureau.models import User
from legalaid import services
from legalaid.api import CaseListSerializer, CaseSerializer
from legalaid.models import Case, Outcome, Recipient, TerminationGround
from tests.api_lists import as_json, drf_data, every_page
from tests.legalaid.test_demo import demo_world, loaded  # noqa: F401 (fixtures: the demo's cases)


def drf_own(cases):
    """What DRF's generic list serializer writes for `cases`, prefetched as the viewset did."""
    return drf_data(CaseSerializer, cases.select_related("area").prefetch_related("recipients", "steps__by"))


def listed(client):
    return every_page(client, "/api/v1/legalaid/cases/")


def test_the_list_serializer_is_the_one_the_list_uses():
    assert isinstance(CaseSerializer(many=True), CaseListSerializer)


@pytest.mark.parametrize("username", ["luohu_legalaid", "guangming_legalaid", "luohu_leader"])
def test_the_demo_cases_listed_as_drf_writes_them(loaded, client_for, username):  # noqa: F811
    user = User.objects.get(username=username)
    expected = drf_own(Case.objects.visible_to(user))
    rows = listed(client_for(user))
    assert len(rows) == len(expected) > 50  # more than a page
    assert rows == as_json(expected)
    assert any(row["lawyer"] for row in rows) and any(row["recovered_amount"] for row in rows)
    assert any(row["terminated_on"] for row in rows) and any(row["steps"] for row in rows)


def test_cases_with_empty_and_filled_relations(make_case, lawyers, personas, client_for):
    empty = make_case(received_on=date(2026, 3, 2))
    Recipient.objects.filter(case=empty).delete()  # the service asks for one; an older record may have none
    nameless = make_case(recipients=[Recipient(name="无证件", groups=[]), Recipient(name="甲", groups=["elderly"])],
                         received_on=date(2026, 3, 3), monthly_income_per_person=None)
    Case.objects.filter(pk=nameless.pk).update(applicant_id_number=None)  # an older record may lack it
    closed = make_case(recipients=3, received_on=date(2026, 3, 4), monthly_income_per_person=Decimal("1234.5"))
    by = personas.section
    services.case_decide(case=closed, grant=True, reasons="符合条件", by=by, on=date(2026, 3, 5))
    services.case_assign(case=closed, lawyer=lawyers["labour"], by=by, override_reason="指定", on=date(2026, 3, 6))
    services.case_start(case=closed, by=by, on=date(2026, 3, 9))
    services.case_close(case=closed, outcome=Outcome.WON, recovered_amount=Decimal("10.5"), by=by,
                        on=date(2026, 3, 20))
    ended = make_case(received_on=date(2026, 3, 6))
    services.case_decide(case=ended, grant=True, reasons="", by=by, on=date(2026, 3, 9))
    services.case_terminate(case=ended, ground=TerminationGround.choices[0][0], note="", by=by, on=date(2026, 3, 10))

    cases = Case.objects.all()
    ours = CaseSerializer(cases, many=True).data
    theirs = drf_own(cases)
    assert ours == theirs  # the same values of the same types (dates as text, amounts as "10.50"), in order
    assert as_json(ours) == as_json(theirs)
    by_id = {row["id"]: row for row in ours}
    assert by_id[empty.pk]["recipients"] == [] and by_id[nameless.pk]["applicant_id_number"] is None
    assert by_id[closed.pk]["recovered_amount"] == "10.50" and by_id[closed.pk]["lawyer"] == lawyers["labour"].pk
    assert listed(client_for(personas.section)) == as_json(theirs)

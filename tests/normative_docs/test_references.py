"""Issue 18, part 5: a legality review, a reconsideration and a litigation name only units of the writer's
district; 罗湖区's section naming 光明区's unit through the API gets a 400 naming it, and nothing is written."""

import pytest

from normative_docs.models import Document, Litigation, Reconsideration


@pytest.mark.parametrize("url, field", [
    ("/api/v1/normative_docs/documents/", "unit"),
    ("/api/v1/normative_docs/reconsiderations/", "respondent_unit"),
    ("/api/v1/normative_docs/litigations/", "defendant_unit"),
])
def test_defect_5_a_unit_of_another_district_is_refused(client_for, law, url, field):
    before = (Document.objects.count(), Reconsideration.objects.count(), Litigation.objects.count())
    response = client_for(law.section).post(url, {field: law.other_unit.pk, "title": "关于…的通知"},
                                            content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert (Document.objects.count(), Reconsideration.objects.count(), Litigation.objects.count()) == before

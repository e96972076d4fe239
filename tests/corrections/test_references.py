"""Issue 18, part 5: a corrections write takes only people and places of the writer's jurisdiction — posted
through the API by 桂园 (street A) with 黄贝's person or street, each is a 400 naming it and nothing is
written."""

import pytest

from corrections.models import EducationSession, SupervisionEvent


@pytest.mark.parametrize("what", ["event", "session_area", "session_attendee"])
def test_defect_5_another_streets_reference_is_refused(client_for, personas, areas, make_supervisee, what):
    own = make_supervisee(area=areas.street_a)
    other = make_supervisee(area=areas.street_b)
    client = client_for(personas.clerk_a)
    if what == "event":
        url, field = "/api/v1/corrections/events/", "supervisee"
        payload = {"supervisee": other.pk, "kind": SupervisionEvent.Kind.values[0], "on": "2026-02-02",
                   "summary": "走访"}
    else:
        url = "/api/v1/corrections/sessions/"
        field = "area" if what == "session_area" else "attendees"
        payload = {"kind": EducationSession.Kind.values[0], "title": "法治教育", "held_on": "2026-02-02",
                   "area": (areas.street_b if what == "session_area" else areas.street_a).code,
                   "attendees": [own.pk, other.pk] if what == "session_attendee" else [own.pk], "hours": 2}
    before = (SupervisionEvent.objects.count(), EducationSession.objects.count())
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert (SupervisionEvent.objects.count(), EducationSession.objects.count()) == before

"""The 法治政府 demo (1 January two years back to today) for both districts, made through the services: loaded
once, every kind of record, clocks running now as the 法制科's to-dos, the unit accounts see only their unit; the
reconsideration.* figure of 2025 for 罗湖区 through /api/v1/stats/ equals a hand count from the rows."""

import io
from datetime import date

import pytest
from django.db.models import Q
from django.utils import timezone

from bureau.models import Area, Reminder, User
from normative_docs import demo
from normative_docs.apps import UNIT
from normative_docs.models import (
    CORRECTIVE_DECISIONS,
    Document,
    Hearing,
    Kind,
    Litigation,
    Reconsideration,
    ReconsiderationStatus,
    Status,
    Unit,
)
from normative_docs.reminders import ACCEPTANCE_DUE, ASSESSMENT_DUE, DECISION_DUE, REVIEW_DUE

SCALE = 0.5


@pytest.fixture
def loaded(db):
    from bureau.data.demo_users import demo_users
    from bureau.management.commands.load_reference_data import load_areas, load_calendar

    load_areas()
    load_calendar()
    areas = dict(Area.objects.values_list("code", "pk"))
    User.objects.bulk_create([
        User(username=username, name=name, role=role, section=section, area_id=areas[code],
             is_superuser=role == "admin")
        for username, name, role, section, code in demo_users()])
    out = io.StringIO()
    demo.load(stdout=out, scale=SCALE)
    return out.getvalue()


def test_both_districts_load_once_with_every_kind_of_record(loaded):
    assert "normative_docs demo 罗湖区: " in loaded and "normative_docs demo 光明区: " in loaded
    counts = [m.objects.count() for m in (Unit, Document, Reconsideration, Litigation, Hearing)]
    again = io.StringIO()
    demo.load(stdout=again, scale=SCALE)
    assert "units already present" in again.getvalue()
    assert counts == [m.objects.count() for m in (Unit, Document, Reconsideration, Litigation, Hearing)]
    today = timezone.localdate()
    for code in ("440303", "440311"):
        district = Area.objects.get(code=code)
        documents = Document.objects.in_area(district)
        assert set(documents.values_list("kind", flat=True)) >= {Kind.NORMATIVE, Kind.WORK_PLAN, Kind.PARTY}
        assert documents.filter(rounds__number=2).exists()  # returned and resubmitted
        assert documents.filter(status=Status.ISSUED, filed_on__isnull=False).exists()
        assert documents.filter(status=Status.EXPIRED).count() == 1
        assert documents.filter(issued_on__year=today.year - 1).exists()
        recons = Reconsideration.objects.in_area(district)
        assert recons.filter(extended_on__isnull=False).exists()
        assert recons.filter(status=ReconsiderationStatus.REFUSED).exists()
        assert recons.filter(received_on__lt=date(today.year - 2, 1, 1)).exists()  # carried into the span
        assert Litigation.objects.in_area(district).filter(lost=True).exists()
        # the clocks running now, as open to-dos of the 法制科
        section = User.objects.get(role="section", section="normative_docs", area=district)
        open_kinds = set(Reminder.objects.inbox(section).open().values_list("kind", flat=True))
        assert {REVIEW_DUE, DECISION_DUE, ASSESSMENT_DUE} <= open_kinds, open_kinds
        assert ACCEPTANCE_DUE in open_kinds or not recons.filter(status=ReconsiderationStatus.RECEIVED).exists()
    # the unit accounts see only their unit
    for username in ("luohu_unit", "guangming_unit"):
        user = User.objects.get(username=username)
        assert user.role == UNIT
        units = set(Document.objects.visible_to(user).values_list("unit", flat=True))
        assert len(units) == 1 and Unit.objects.get(pk=units.pop()).name.endswith("住房和建设局")
        assert Document.objects.visible_to(user).filter(submitted_by=user).exists()
        assert not Reconsideration.objects.visible_to(user).exclude(respondent_unit__members__user=user).exists()


def test_reconsideration_of_last_year_in_luohu_through_the_api_equals_hand_counts(loaded, client_for):
    year = timezone.localdate().year - 1  # 2025 on the suite's default day
    start, end = date(year, 1, 1), date(year, 12, 31)
    district = Area.objects.get(code="440303")
    rows = list(Reconsideration.objects.in_area(district).values_list("accepted_on", "decided_on", "decision"))
    carried = sum(1 for a, d, _ in rows if a and a < start and (d is None or d >= start))
    accepted = sum(1 for a, _d, _ in rows if a and start <= a <= end)
    concluded = [dec for _a, d, dec in rows if d and start <= d <= end]
    corrected = sum(1 for dec in concluded if dec in CORRECTIVE_DECISIONS)
    assert carried > 0 and concluded
    response = client_for(User.objects.get(username="luohu_leader")).get("/api/v1/stats/", {
        "period": str(year), "area": "440303",
        "codes": "reconsideration.accepted,reconsideration.carried_over,reconsideration.concluded,"
                 "reconsideration.correction_rate"})
    assert response.status_code == 200, response.content
    got = response.json()["indicators"]
    assert got["reconsideration.carried_over"] == carried
    assert got["reconsideration.accepted"] == accepted + carried
    assert got["reconsideration.concluded"] == len(concluded)
    assert got["reconsideration.correction_rate"] == round(corrected / len(concluded), 4)
    documents = Document.objects.in_area(district)
    texts = documents.filter(reviewed_on__range=(start, end)).exclude(kind=Kind.PARTY).count()
    issued = documents.filter(issued_on__range=(start, end)).count()
    lawsuits = Litigation.objects.in_area(district).filter(Q(received_on__range=(start, end))).count()
    more = client_for(User.objects.get(username="luohu_leader")).get("/api/v1/stats/", {
        "period": str(year), "area": "440303",
        "codes": "normative_docs.texts_reviewed,normative_docs.issued,litigation.cases"}).json()["indicators"]
    assert more == {"normative_docs.texts_reviewed": texts, "normative_docs.issued": issued,
                    "litigation.cases": lawsuits}

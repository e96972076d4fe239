"""manage.py generate_dataset, the community legal advisors: communities, postings and service logs, the
registry shared with legal aid, and the advisors.* indicators against a hand count over the generated rows."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from figures import stats
from bureau.models import Area, Role, User
from figures.periods import parse_period
from lawyers.models import (
    COUNTED_KINDS,
    LawFirm,
    Lawyer,
    Posting,
    ServiceKind,
    ServiceLog,
    ServicePoint,
)
from lawyers.stats import ADVISOR_FIGURES
from legalaid.models import Case

# 罗湖区 has reference communities; 龙华区 has streets only, so the generator makes its communities.
ARGS = ["--scale", "0.05", "--districts", "440303,440309", "--seed", "11"]


@pytest.mark.django_db
def test_the_advisors_logs_are_generated_and_the_indicators_match_the_rows():
    with open("/dev/null", "w") as quiet:
        call_command("generate_dataset", *ARGS, stdout=quiet)

    district = Area.objects.get(code="440309")
    communities = Area.objects.filter(path__startswith=district.path, level=Area.Level.COMMUNITY)
    assert communities.count() >= 3 * Area.objects.filter(parent=district).count()
    assert {len(code) for code in communities.values_list("code", flat=True)} == {12}
    assert set(communities.values_list("is_demo", flat=True)) == {True}
    assert all(area.path == f"{area.parent.path}{area.code}/" for area in communities.select_related("parent"))
    assert ServicePoint.objects.in_area(district).filter(kind=ServicePoint.Kind.COMMUNITY_ROOM).count() \
        == communities.count()

    # One posting per community and contract year, a lawyer of the district's registry.
    postings = Posting.objects.in_area(district).filter(start_on__year=timezone.localdate().year - 1)
    assert postings.count() == communities.count()
    assert set(postings.values_list("area__level", flat=True)) == {Area.Level.COMMUNITY}
    registry = set(Lawyer.objects.in_area(district).values_list("pk", flat=True))
    assert set(postings.values_list("lawyer", flat=True)) <= registry

    # Legal aid found the registry and registered no second one: its lawyers are the advisors' pool.
    for code in ("440303", "440309"):
        area = Area.objects.get(code=code)
        assert LawFirm.objects.in_area(area).count() == 3
        assigned = set(Case.objects.filter(area__path__startswith=area.path, lawyer__isnull=False)
                       .values_list("lawyer", flat=True))
        assert assigned and assigned <= set(Lawyer.objects.in_area(area).values_list("pk", flat=True))

    # The log: in communities, every kind present, consultation the most frequent.
    logs = ServiceLog.objects.in_area(district)
    assert set(logs.values_list("area__level", flat=True)) == {Area.Level.COMMUNITY}
    kinds = Counter(logs.values_list("kind", flat=True))
    assert kinds.most_common(1)[0][0] == ServiceKind.CONSULTATION

    # The indicators of one district-year, counted by hand over the rows.
    admin = User(role=Role.ADMIN, is_superuser=True)
    for code in ("440303", "440309"):
        area = Area.objects.get(code=code)
        period = parse_period(str(timezone.localdate().year - 1))
        values = stats.compute(user=admin, area=area, period=period)
        rows = list(ServiceLog.objects.filter(area__path__startswith=area.path,
                                              on__range=(period.start, period.end)).values_list("kind", "count",
                                                                                                 "resolved"))
        assert len(rows) > 50
        for figure, kind, resolved in ADVISOR_FIGURES:
            expected = sum(count if kind in COUNTED_KINDS else 1
                           for k, count, done in rows if k == kind and (done or not resolved))
            assert values[f"advisors.{figure}"] == expected, (code, figure)
        assert values["advisors.consultations"] > 0
        advisors = {lawyer for lawyer, in Posting.objects.filter(
            area__path__startswith=area.path, start_on__lte=period.end, end_on__gte=period.end).values_list("lawyer")}
        assert values["advisors.advisors"] == len(advisors) > 0

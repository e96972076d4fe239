"""The exam and evaluation demo: through the services and the import, both districts, idempotent."""

import io

from django.utils import timezone

from bureau.models import Reminder
from normative_docs.models import Unit, UnitKind
from publicity import exam_demo
from publicity.models import Evaluation, Exam, Participant


def test_the_demo_loads_three_years_for_both_districts_once(areas, pub_section, other_section):
    for district in (areas.district, areas.other_district):
        for n in range(6):
            Unit.objects.create(area=district, name=f"{district.name}部门{n}", kind=UnitKind.DEPARTMENT)
    out = io.StringIO()
    exam_demo.load(out)
    year = timezone.localdate().year
    assert sorted(Exam.objects.values_list("area__code", "year")) == sorted(
        (code, y) for code in ("440303", "440311") for y in range(year - 2, year + 1))
    assert Participant.objects.filter(exam__year=year - 1).count() > 100
    assert Evaluation.objects.filter(year=year - 2).count() == 12
    assert Reminder.objects.filter(kind="publicity.exam_participation_low").exists()
    before = Participant.objects.count()
    exam_demo.load(out)
    assert Participant.objects.count() == before and "already present" in out.getvalue()

"""The register's list (`GET /api/v1/corrections/supervisees/`) is written by corrections.api.SuperviseeListSerializer
(bureau.api_lists): it must answer the JSON DRF's own serializer gives for the same records, page by page."""

from datetime import date

import pytest

from bureau.models import User
from corrections import services
from corrections.api import SuperviseeListSerializer, SuperviseeSerializer
from corrections.models import LedgerEntry, Level, LevelChange, Supervisee
from tests.api_lists import as_json, drf_list, every_page
from tests.corrections.test_demo import loaded  # noqa: F401 (fixture: the demo's people)

URL = "/api/v1/corrections/supervisees/"


def drf_own(people):
    """What DRF's generic list serializer writes for `people`, prefetched as the viewset did."""
    people = people.select_related("area").prefetch_related("level_changes")
    return drf_list(SuperviseeSerializer, people)


def listed(client):
    return every_page(client, URL)


def test_the_list_serializer_is_the_one_the_list_uses():
    assert isinstance(SuperviseeSerializer(many=True), SuperviseeListSerializer)


@pytest.mark.parametrize("username", ["luohu_corrections", "luohu_guiyuan", "luohu_leader"])
def test_the_demo_people_listed_as_drf_writes_them(loaded, db, client_for, username):  # noqa: F811
    user = User.objects.get(username=username)
    expected = drf_own(Supervisee.objects.visible_to(user))
    rows = listed(client_for(user))
    assert len(rows) == len(expected) > 30  # a street's; a district's more than a page
    assert rows == expected
    assert any(len(row["level_changes"]) > 1 for row in rows) and all("*" in row["id_number"] for row in rows)


def test_people_with_empty_and_filled_relations(make_supervisee, personas, areas, client_for):
    waiting = make_supervisee(reported_on=None, phone="", address="")  # not yet reported: no report date
    LevelChange.objects.filter(supervisee=waiting).delete()  # registering records one; an older record may lack it
    changed = make_supervisee(team="张三、李四", prohibitions="禁止进入娱乐场所")
    by = personas.admin
    services.supervisee_set_level(supervisee=changed, level=Level.STRICT, on=date(2026, 2, 1), reason="违规", by=by)
    services.supervisee_set_level(supervisee=changed, level=Level.NORMAL, on=date(2026, 3, 1), reason="表现好",
                                  by=by)
    released = make_supervisee(term_end=date(2026, 2, 28))
    services.supervisee_release(supervisee=released, on=date(2026, 2, 28), certificate_on=date(2026, 2, 28), by=by)
    ended = make_supervisee(area=areas.street_b)
    services.supervisee_terminate(supervisee=ended, on=date(2026, 2, 10),
                                  reason=LedgerEntry.TerminationReason.choices[0][0], by=by)

    people = Supervisee.objects.all()
    ours = SuperviseeSerializer(people, many=True).data
    theirs = drf_own(people)
    assert as_json(ours) == theirs
    by_id = {row["id"]: row for row in theirs}
    assert by_id[waiting.pk]["reported_on"] is None and by_id[waiting.pk]["level_changes"] == []
    assert [change["level"] for change in by_id[changed.pk]["level_changes"]] == [Level.NORMAL, Level.STRICT,
                                                                                   Level.NORMAL]
    assert by_id[changed.pk]["level_changes"][1] == {"level": "strict", "on": "2026-02-01", "reason": "违规"}
    assert by_id[changed.pk]["id_number"] == Supervisee.objects.get(pk=changed.pk).id_number.masked
    assert "*" in by_id[changed.pk]["id_number"] and by_id[ended.pk]["area"] == areas.street_b.code
    assert listed(client_for(personas.leader)) == drf_own(Supervisee.objects.visible_to(personas.leader))


def test_the_page_rows_are_djangos_in_the_models_order_within_each_person(make_supervisee, personas,
                                                                         django_assert_num_queries):
    people = [make_supervisee() for _ in range(3)]
    for n, person in enumerate(people[1:], start=1):
        for day, level in [(3, Level.STRICT), (11, Level.NORMAL), (20, Level.STRICT)][:n + 1]:
            services.supervisee_set_level(supervisee=person, level=level, on=date(2026, 2, day), reason=f"第{day}日",
                                          by=personas.admin)
    LevelChange.objects.filter(supervisee=people[0]).delete()
    ids = [person.pk for person in people]
    with django_assert_num_queries(0):
        assert SuperviseeListSerializer.level_changes.of([]) == {}
    with django_assert_num_queries(1):
        ours = SuperviseeListSerializer.level_changes.of(ids)
    django_s = LevelChange.objects.filter(supervisee__in=ids)
    for person in people:
        expected = [(c.pk, c.level, c.on, c.reason) for c in django_s if c.supervisee_id == person.pk]
        assert [(c.pk, c.level, c.on, c.reason) for c in ours[person.pk]] == expected
    assert ours[people[0].pk] == [] and len(ours[people[2].pk]) == 4

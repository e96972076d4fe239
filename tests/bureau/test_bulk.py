"""Bulk writes through COPY (bureau.bulk): the rows, their keys, their database form and their audit trail are
what a save would have written."""

import warnings
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pghistory
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction

from bureau import bulk, reminders
from bureau.audit import AuditEvent
from bureau.identifiers import ResidentID
from bureau.models import Area, ImportJob, Reminder, Role
from bureau.reminders import Due, reminder_rule, run_rules
from mediation.models import Case, Mediator, Organisation, Party, Source
from tests.factories import ReminderFactory


def test_reserved_ids_are_new_and_ascending(areas):
    ids = bulk.reserve_ids(Area, 5)
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert not Area.objects.filter(pk__in=ids).exists()
    assert min(bulk.reserve_ids(Area, 1)) > max(ids)
    assert bulk.reserve_ids(Area, 0) == []


@pytest.fixture
def case(areas, personas):
    organisation = Organisation.objects.create(name="桂园街道人民调解委员会", kind="street", area=areas.street_a,
                                               founded_on=date(2020, 1, 1))
    mediator = Mediator.objects.create(organisation=organisation, area=areas.street_a, name="陈调解",
                                       from_on=date(2020, 1, 1))
    return Case(organisation=organisation, mediator=mediator, area=areas.street_a, accepted_on=date(2026, 3, 2),
                source=Source.APPLICATION, dispute_type="neighbour", number="罗调〔2026〕00001号",
                created_by=personas.section)


def test_insert_writes_what_a_save_would_with_keys_defaults_and_timestamps(case, personas):
    parties = [Party(name="王某", id_number="11010519491231002X"), Party(name="某物业公司", kind="organisation")]
    with pghistory.context(user=personas.section.pk):
        bulk.insert([case])
        for party in parties:
            party.case = case
        bulk.insert(parties)
    stored = Case.objects.get(pk=case.pk)
    assert stored.number == "罗调〔2026〕00001号" and stored.created_at is not None
    assert stored.status == Case._meta.get_field("status").default
    assert [p.pk for p in Party.objects.filter(case=case).order_by("pk")] == [p.pk for p in parties]
    # The ID number is stored encrypted, as a save stores it, and reads back whole.
    assert Party.objects.get(pk=parties[0].pk).id_number == ResidentID("11010519491231002X")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM mediation_party WHERE id = %s", [parties[0].pk])
        assert "1101" not in cursor.fetchone()[0]
    assert Party.objects.filter(id_number="11010519491231002X").get().pk == parties[0].pk
    assert not case._state.adding


def test_insert_stores_a_new_file_and_keeps_a_stored_name_as_it_is(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    jobs = [ImportJob(user=personas.section, resource="legalaid.consultation", filename=name, file=file)
            for name, file in [("新.xlsx", ContentFile(b"PK new", name="new.xlsx")),
                               ("新读过.xlsx", ContentFile(b"PK read", name="read.xlsx")),
                               ("旧.xlsx", "imports/stored.xlsx"), ("旧读过.xlsx", "imports/read.xlsx"),
                               ("无.xlsx", "")]]
    for job in jobs[1::2]:
        assert job.file is not None  # read once (as full_clean reads it): the attribute now holds a FieldFile
    bulk.insert(jobs)
    stored = dict(ImportJob.objects.filter(pk__in=[j.pk for j in jobs]).values_list("filename", "file"))
    assert stored["旧.xlsx"] == "imports/stored.xlsx" and stored["旧读过.xlsx"] == "imports/read.xlsx"
    assert stored["无.xlsx"] == ""
    # The new files went through the field's pre_save: stored under upload_to's name, as a save stores them.
    for name, content, job in [("新.xlsx", b"PK new", jobs[0]), ("新读过.xlsx", b"PK read", jobs[1])]:
        assert stored[name].startswith("imports/") and stored[name].endswith(".xlsx")
        assert (tmp_path / stored[name]).read_bytes() == content
        assert job.file.name == stored[name]


def test_a_copy_is_audited_row_by_row_with_the_actor(case, personas):
    parties = [Party(name=f"当事人{i}") for i in range(3)]
    with pghistory.context(user=personas.section.pk):
        bulk.insert([case])
        for party in parties:
            party.case = case
        bulk.insert(parties)
    events = AuditEvent.objects.filter(pgh_obj_model="mediation.Party", pgh_label="insert")
    assert sorted(int(e.pgh_obj_id) for e in events) == sorted(p.pk for p in parties)
    assert {e.user for e in events} == {personas.section}


def test_a_clash_with_a_unique_constraint_aborts_a_plain_copy(case, personas):
    bulk.insert([case])
    twin = Case(**{f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields if not f.primary_key})
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert([twin])


def test_copy_ignoring_conflicts_skips_the_rows_already_there(areas):
    content_type = ContentType.objects.get_for_model(Area)
    ReminderFactory(kind="bureau.test", area=areas.street_a, content_type=content_type, object_id=areas.street_a.pk,
                    due_on=date(2026, 3, 28))
    columns = ["kind", "title", "area_id", "role", "content_type_id", "object_id", "due_on"]
    rows = [("bureau.test", "核对", area.pk, Role.STREET, content_type.pk, area.pk, date(2026, 3, 28))
            for area in (areas.street_a, areas.street_b)]
    assert bulk.copy_rows_ignoring_conflicts(Reminder, columns, rows) == 1
    assert bulk.copy_rows_ignoring_conflicts(Reminder, columns, rows) == 0
    new = Reminder.objects.get(kind="bureau.test", area=areas.street_b)
    assert new.state == Reminder.State.OPEN and new.created_at is not None and new.note == ""


@pytest.fixture
def many_streets_rule(areas):
    """A rule yielding more to-dos than reminders.COPY_FROM, so they go in through COPY."""
    n = reminders.COPY_FROM + 5

    @reminder_rule("bureau.test_many", model=Area, label="test")
    def many(today, records):
        street = records.filter(level=Area.Level.STREET).order_by("code").first()
        yield Due(street.pk, street.pk, date(2026, 1, 1), "核对辖区信息", role=Role.STREET)  # a rule may repeat itself
        for day in range(n):
            yield Due(street.pk, street.pk, date(2026, 1, 1) + timedelta(days=day), "核对辖区信息", role=Role.STREET)

    yield n
    reminders.unregister("bureau.test_many")


def test_a_rule_with_thousands_of_todos_creates_each_once(many_streets_rule, areas):
    n = many_streets_rule
    assert run_rules(date(2026, 3, 2), kinds={"bureau.test_many"}) == {"bureau.test_many": n}
    assert run_rules(date(2026, 3, 2), kinds={"bureau.test_many"}) == {"bureau.test_many": 0}
    todos = Reminder.objects.filter(kind="bureau.test_many")
    assert todos.count() == n and set(todos.values_list("state", flat=True)) == {Reminder.State.OPEN}


def test_the_todos_of_records_just_created_go_in_once_each_without_a_conflict_check(many_streets_rule, areas):
    n = many_streets_rule
    records = Area.objects.filter(pk__in=[areas.street_a.pk, areas.street_b.pk])
    assert reminders.reminders_refresh(["bureau.test_many"], records=records, today=date(2026, 3, 2), fresh=True) == []
    assert Reminder.objects.filter(kind="bureau.test_many").count() == n


def test_any_of_finds_the_rows_whose_value_is_listed_bound_as_one_array(case, personas):
    parties = [Party(name=name, id_number=number) for name, number in
               [("王某", "11010519491231002X"), ("李某", "440303199001011234"), ("赵某", "")]]
    bulk.insert([case])
    for party in parties:
        party.case = case
    bulk.insert(parties)
    # An ID number matches by its ciphertext, as `__in` and `=` match it, whether typed or read back.
    typed = ["11010519491231002X", "440303199001011234", "440303199001011242"]
    for numbers in (typed, [ResidentID(n) for n in typed], [p.id_number for p in Party.objects.filter(case=case)]):
        found = Party.objects.filter(id_number__any_of=numbers)
        assert sorted(found.values_list("pk", flat=True)) == sorted(
            Party.objects.filter(id_number__in=numbers).values_list("pk", flat=True))
    assert set(Party.objects.filter(id_number__any_of=typed)) == set(parties[:2])
    assert not Party.objects.filter(id_number__any_of=[]).exists()
    assert set(bulk.among(Party, parties[1:])) == set(parties[1:]) and not bulk.among(Party, []).exists()
    # However many values, one parameter: an array PostgreSQL probes an index with, not a subquery it may join.
    sql, params = Party.objects.filter(id_number__any_of=typed).query.sql_with_params()
    assert '"id_number" = ANY(' in sql and "unnest" not in sql.lower() and len(params) == 1
    # Keys go as they are; a value the field must convert is converted, as `__in` converts it.
    assert set(Party.objects.filter(pk__any_of=[p.pk for p in parties[:2]])) == set(parties[:2])
    assert set(Party.objects.filter(pk__any_of=[str(parties[0].pk)])) == {parties[0]}
    with pytest.raises((ValueError, TypeError)):
        list(Party.objects.filter(pk__any_of=["x"]))


# full_clean_without_queries skips Field.clean for a value its field's check passes: it must say what Django's
# full_clean says — the same errors, the same values kept — for every kind of value, valid or not.
_PROBES = [None, "", " ", "x", "文" * 300, "a\x00b", "2026-01-02", "not a date", "12", 7, -1, 2.5, True,
           date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, tzinfo=dt_timezone.utc), [], {}]


def _outcome(clean, obj):
    try:
        clean(obj)
    except ValidationError as error:
        return "refused", {name: sorted(map(str, messages)) for name, messages in error.message_dict.items()}
    except Exception as error:  # a model's clean() comparing a None: it must fail the same way
        return "raised", type(error).__name__
    return "kept", [repr(getattr(obj, f.attname)) for f in obj._meta.concrete_fields]


@pytest.mark.parametrize("model_label", ["corrections.Supervisee", "legalaid.Case", "mediation.Case",
                                         "lawyers.Lawyer", "bureau.Reminder"])
def test_full_clean_without_queries_says_what_full_clean_says(model_label):
    from django.apps import apps

    model = apps.get_model(model_label)
    fields = [f for f in model._meta.concrete_fields if not f.is_relation and not f.primary_key and not f.generated]
    compared = 0
    for field in fields:
        choices = [value for value, _label in field.flatchoices][:3] if field.choices else []
        for probe in [*_PROBES, *choices]:
            ours, djangos = model(), model()
            setattr(ours, field.attname, probe)
            setattr(djangos, field.attname, probe)
            with warnings.catch_warnings():  # a date given to a DateTimeField: Django warns, on both sides
                warnings.simplefilter("ignore", RuntimeWarning)
                expected = _outcome(lambda o: o.full_clean(validate_unique=False, validate_constraints=False),
                                    djangos)
                assert _outcome(bulk.full_clean_without_queries, ours) == expected, (field.name, probe)
            compared += 1
    assert compared > 100

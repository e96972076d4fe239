"""The project's own migration operations (bureau.migration_operations) change the state as Django's would."""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from bureau.migration_operations import AlterIndexes, Together, indexes_only, together

BEFORE = ("bureau", "0012_issued_papers")


@pytest.fixture(scope="module")
def state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state(BEFORE)


def parent(state):
    return state.models["bureau", "areaevent"].fields["parent"]


def test_an_index_change_reaches_the_state_and_the_rendered_model(state):
    state = state.clone()
    field = parent(state).clone()
    assert field.db_index
    field.db_index = False
    operation, = indexes_only([migrations.AlterField("areaevent", "parent", field)])
    operation.state_forwards("bureau", state)
    assert parent(state).db_index is False
    assert state.apps.get_model("bureau", "AreaEvent")._meta.get_field("parent").db_index is False


def test_any_other_change_is_refused(state):
    state = state.clone()
    field = parent(state).clone()
    field.db_index, field.help_text = False, "上级司法局"
    with pytest.raises(ValueError, match="changes only an index"):
        AlterIndexes([("areaevent", "parent", field)]).state_forwards("bureau", state)
    with pytest.raises(TypeError):
        indexes_only([migrations.RemoveField("areaevent", "parent")])


# --- Together: a migration's schema operations as one state change, each table made in its final form ---------

def together_operations():
    from django.db import models

    return [
        migrations.CreateModel("TogetherA", [
            ("id", models.BigAutoField(primary_key=True)),
            ("name", models.CharField(max_length=20)),
            ("area", models.ForeignKey("bureau.area", models.PROTECT, related_name="+")),
        ]),
        migrations.CreateModel("TogetherB", [
            ("id", models.BigAutoField(primary_key=True)),
            ("a", models.ForeignKey("bureau.togethera", models.CASCADE)),
            ("kind", models.CharField(max_length=10)),
        ]),
        migrations.AddField("togethera", "b", models.ForeignKey("bureau.togetherb", models.SET_NULL, null=True)),
        migrations.AddIndex("togetherb", models.Index(fields=["kind", "a"], name="together_b_idx")),
        migrations.AddConstraint("togethera", models.UniqueConstraint(fields=["area", "name"], name="together_once")),
        migrations.AlterField("togetherb", "kind", models.CharField(max_length=40, db_index=True)),
        migrations.AlterModelOptions("togetherb", {"ordering": ["kind"]}),
        # on a model of an earlier migration
        migrations.AddField("reminder", "together_code", models.CharField(max_length=5, default="x"),
                            preserve_default=False),
        migrations.AddIndex("reminder", models.Index(fields=["together_code"], name="together_code_idx")),
        migrations.AlterField("reminder", "note", models.CharField(max_length=300, blank=True)),
    ]


def schema_of(tables):
    """Columns (in order, with type, nullability, default), indexes and constraints of `tables`."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""SELECT table_name, ordinal_position, column_name, data_type, character_maximum_length,
                                 is_nullable, column_default
                          FROM information_schema.columns WHERE table_name = ANY(%s) ORDER BY 1, 2""", [tables])
        columns = cursor.fetchall()
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1, 2",
                       [tables])
        indexes = cursor.fetchall()
        cursor.execute("""SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable,
                                 condeferred
                          FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1, 2""", [tables])
        constraints = cursor.fetchall()
    return columns, indexes, constraints


class RolledBack(Exception):
    pass


def applied(apply):
    """The schema of the scratch tables and the to-dos' after `apply(schema_editor)`, all of it then rolled back."""
    from django.db import connection, transaction

    try:
        with transaction.atomic():
            with connection.schema_editor(atomic=False) as editor:
                apply(editor)
            raise RolledBack(schema_of(["bureau_togethera", "bureau_togetherb", "bureau_reminder"]))
    except RolledBack as done:
        return done.args[0]


@pytest.fixture(scope="module")
def leaf_state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state()


@pytest.mark.django_db
def test_together_makes_the_schema_the_operations_make_one_by_one(leaf_state):
    def one_by_one(editor):
        state = leaf_state.clone()
        for operation in together_operations():
            before = state.clone()
            operation.state_forwards("bureau", state)
            operation.database_forwards("bureau", editor, before, state)

    def at_once(editor):
        state = leaf_state.clone()
        operation, = together(together_operations())
        before = state.clone()
        operation.state_forwards("bureau", state)
        operation.database_forwards("bureau", editor, before, state)
        # and the state is Django's too
        expected = leaf_state.clone()
        for each in together_operations():
            each.state_forwards("bureau", expected)
        for name in ("togethera", "togetherb", "reminder"):
            assert state.models["bureau", name].fields.keys() == expected.models["bureau", name].fields.keys()
            assert state.models["bureau", name].options == expected.models["bureau", name].options
        assert state.apps.get_model("bureau", "TogetherA")._meta.get_field("b").related_model._meta.model_name == \
            "togetherb"

    columns, indexes, constraints = applied(one_by_one)
    assert any(column[2] == "together_code" for column in columns) and indexes and constraints  # not vacuous
    assert applied(at_once) == (columns, indexes, constraints)


def test_together_refuses_what_it_cannot_make_at_once():
    from django.db import models

    with pytest.raises(TypeError, match="only Django's"):
        Together([migrations.RemoveField("reminder", "note")])
    with pytest.raises(TypeError, match="at most once"):
        Together([migrations.AddIndex("reminder", models.Index(fields=["note"], name="x_idx")),
                  migrations.AddIndex("reminder", models.Index(fields=["note"], name="x_idx"))])


def test_together_keeps_the_triggers_and_the_data_operations_after_the_schema():
    from django.db import models
    from pgtrigger.migrations import AddTrigger

    trigger = AddTrigger("reminder", trigger=None)
    data = migrations.RunPython(migrations.RunPython.noop)
    later = migrations.AddField("reminder", "later", models.IntegerField(default=0))
    first = migrations.AddField("reminder", "first", models.IntegerField(default=0))
    operations = together([first, trigger, data, later])
    assert [type(op).__name__ for op in operations] == ["Together", "ReplaceTriggers", "RunPython", "AddField"]
    assert operations[0].operations == [first] and operations[3] is later

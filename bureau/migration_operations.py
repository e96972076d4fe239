"""Migration operations of the project's own.

Django renders the migration state after each operation, and a rendering re-renders every model related to the one
changed — with a user or an area on nearly every model, the whole project. These operations make a migration's
many operations one state change:

- `together(operations)`: a migration's schema operations as one `Together` (rendered once, each new table made in
  its final form), its audit triggers as one `ReplaceTriggers` after them, data operations after those;
- `batch_triggers(operations)`: a long list of pgtrigger `RemoveTrigger`/`AddTrigger` (what makemigrations writes
  when every audit trigger changes, e.g. for PGHISTORY_LEVEL) as one `ReplaceTriggers`;
- `indexes_only(operations)`: AlterField operations that only add or drop a field's index as one `AlterIndexes`.
"""

from django.db.migrations.operations import (
    AddConstraint,
    AddField,
    AddIndex,
    AlterField,
    AlterModelOptions,
    CreateModel,
)
from django.db.migrations.operations.base import Operation
from django.db.models.fields import NOT_PROVIDED
from pgtrigger.migrations import AddTrigger, RemoveTrigger, _add_trigger, _remove_trigger


class ReplaceTriggers(Operation):
    """For each model: drop the triggers named in `removed`, create the triggers in `added` (pgtrigger's)."""

    reduces_to_sql = False

    def __init__(self, changes):
        self.changes = changes  # [(model_name, [names removed], [triggers added])]

    def deconstruct(self):
        return self.__class__.__name__, [self.changes], {}

    def state_forwards(self, app_label, state):
        for model_name, removed, added in self.changes:
            model_state = state.models[app_label, model_name]
            kept = [t for t in model_state.options.get("triggers", []) if t.name not in removed]
            model_state.options["triggers"] = kept + list(added)
        state.reload_models([(app_label, model_name) for model_name, _r, _a in self.changes], delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for model_name, removed, added in self.changes:
            before = from_state.models[app_label, model_name].options.get("triggers", [])
            model = to_state.apps.get_model(app_label, model_name)
            for trigger in before:
                if trigger.name in removed:
                    _remove_trigger(schema_editor, model, trigger)
            for trigger in added:
                _add_trigger(schema_editor, model, trigger)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for model_name, removed, added in self.changes:
            before = to_state.models[app_label, model_name].options.get("triggers", [])
            model = to_state.apps.get_model(app_label, model_name)
            for trigger in added:
                _remove_trigger(schema_editor, model, trigger)
            for trigger in before:
                if trigger.name in removed:
                    _add_trigger(schema_editor, model, trigger)

    def describe(self):
        return f"Replace the triggers of {len(self.changes)} models"


def batch_triggers(operations):
    """One ReplaceTriggers for a list made only of pgtrigger RemoveTrigger/AddTrigger operations, in their order
    per model (a name removed and added again is replaced)."""
    changes = {}
    for operation in operations:
        removed, added = changes.setdefault(operation.model_name_lower, ([], []))
        if isinstance(operation, RemoveTrigger):
            removed.append(operation.name)
        elif isinstance(operation, AddTrigger):
            added.append(operation.trigger)
        else:
            raise TypeError(f"batch_triggers takes only trigger operations, not {operation!r}")
    return [ReplaceTriggers([(name, removed, added) for name, (removed, added) in changes.items()])]


class AlterIndexes(Operation):
    """AlterField for many fields whose only change is their index (db_index): each field replaced in the state and
    its model reloaded once, without the models related to it (no relation changes), then each index made or
    dropped. makemigrations wrote 252 AlterFields when the audit events' copied keys lost their index; at a reload
    of the whole project each, they added 80 s to every `migrate` (and to every test database)."""

    reduces_to_sql = False

    def __init__(self, fields):
        self.fields = fields  # [(model_name, field name, field)]

    def deconstruct(self):
        return self.__class__.__name__, [self.fields], {}

    def state_forwards(self, app_label, state):
        for model_name, name, field in self.fields:
            model_key = app_label, model_name
            fields = state.models[model_key].fields
            old = fields[name]
            if _without_index(old) != _without_index(field):
                raise ValueError(f"AlterIndexes changes only an index: {model_name}.{name} changes more")
            # As ProjectState.alter_field keeps the relations' register: the old field out, the new one in.
            fields.pop(name)
            if state._relations is not None and old.is_relation:
                state.resolve_model_field_relations(model_key, name, old)
            fields[name] = field
            if state._relations is not None and field.is_relation:
                state.resolve_model_field_relations(model_key, name, field)
        state.reload_models(list({(app_label, model_name) for model_name, _n, _f in self.fields}), delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for model_name, name, _field in self.fields:
            before = from_state.apps.get_model(app_label, model_name)
            after = to_state.apps.get_model(app_label, model_name)
            schema_editor.alter_field(after, before._meta.get_field(name), after._meta.get_field(name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Alter the indexes of {len(self.fields)} fields"


def _without_index(field):
    path, args, kwargs = field.deconstruct()[1:]
    return path, args, {k: v for k, v in kwargs.items() if k != "db_index"}


def indexes_only(operations):
    """One AlterIndexes for a list made only of AlterField operations (each must change only an index)."""
    from django.db.migrations import AlterField

    for operation in operations:
        if not isinstance(operation, AlterField):
            raise TypeError(f"indexes_only takes only AlterField operations, not {operation!r}")
    return [AlterIndexes([(op.model_name_lower, op.name, op.field) for op in operations])]


class Together(Operation):
    """A migration's schema operations (CreateModel, AddField, AlterField, AddIndex, AddConstraint,
    AlterModelOptions) applied to the migration state as one change, rendered once, and to the database from the
    models as they stand after all of them.

    Django renders the state after each operation, and each rendering of a model related to a user or an area
    re-renders nearly the whole project: the initial migration of 公共法律服务 (95 operations) took 19 s, nearly all
    of it rendering, in every `migrate` of a new database (each test database, `make run`'s first start). Here the
    operations change the state unrendered, as Django does when it builds the state of migrations already applied,
    and the state is rendered once after them. In the database a model created here is created as it stands at the
    end (its later fields, indexes and constraints with it: the table a CreateModel and then those operations
    leave), and an operation on a model of an earlier migration is made with that model's final form; the schema is
    the one the operations one by one make (tests/bureau/test_migration_operations.py compares the two)."""

    reduces_to_sql = False
    SUPPORTED = (CreateModel, AddField, AlterField, AddIndex, AddConstraint, AlterModelOptions)  # exactly these

    def __init__(self, operations):
        for operation in operations:
            if type(operation) not in self.SUPPORTED:
                raise TypeError(f"Together takes only Django's {', '.join(c.__name__ for c in self.SUPPORTED)}, "
                                f"not {operation!r}")
        self.operations = list(operations)
        self.created = {op.name_lower for op in operations if type(op) is CreateModel}
        touched = [(op.model_name_lower, _target(op)) for op in self._existing()]
        if len(touched) != len(set(touched)):
            raise TypeError("Together changes a field, index or constraint of an existing model at most once")

    def deconstruct(self):
        return self.__class__.__name__, [self.operations], {}

    def state_forwards(self, app_label, state):
        rendered = state.__dict__.pop("apps", None) is not None  # no rendering after each operation …
        for operation in self.operations:
            operation.state_forwards(app_label, state)
        if rendered:
            state.apps  # … but once, after all of them  # noqa: B018

    def _existing(self):
        """The operations on models of earlier migrations that change the database."""
        return [op for op in self.operations if type(op) not in (CreateModel, AlterModelOptions)
                and op.model_name_lower not in self.created]

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        alias = schema_editor.connection.alias
        for operation in self.operations:
            if type(operation) is CreateModel:
                model = to_state.apps.get_model(app_label, operation.name)
                if self.allow_migrate_model(alias, model):
                    schema_editor.create_model(model)
        for operation in self._existing():
            model = to_state.apps.get_model(app_label, operation.model_name)
            if not self.allow_migrate_model(alias, model):
                continue
            kind = type(operation)
            if kind is AddField:
                field = model._meta.get_field(operation.name)
                if not operation.preserve_default:
                    field.default = operation.field.default
                schema_editor.add_field(model, field)
                if not operation.preserve_default:
                    field.default = NOT_PROVIDED
            elif kind is AlterField:
                before = from_state.apps.get_model(app_label, operation.model_name)._meta.get_field(operation.name)
                schema_editor.alter_field(model, before, model._meta.get_field(operation.name))
            elif kind is AddIndex:
                schema_editor.add_index(model, operation.index)
            else:
                schema_editor.add_constraint(model, operation.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        alias = schema_editor.connection.alias
        for operation in reversed(self._existing()):
            model = from_state.apps.get_model(app_label, operation.model_name)
            if not self.allow_migrate_model(alias, model):
                continue
            kind = type(operation)
            if kind is AddField:
                schema_editor.remove_field(model, model._meta.get_field(operation.name))
            elif kind is AlterField:
                before = to_state.apps.get_model(app_label, operation.model_name)._meta.get_field(operation.name)
                schema_editor.alter_field(model, model._meta.get_field(operation.name), before)
            elif kind is AddIndex:
                schema_editor.remove_index(model, operation.index)
            else:
                schema_editor.remove_constraint(model, operation.constraint)
        for operation in reversed(self.operations):
            if type(operation) is CreateModel:
                model = from_state.apps.get_model(app_label, operation.name)
                if self.allow_migrate_model(alias, model):
                    schema_editor.delete_model(model)

    def describe(self):
        return f"{len(self.operations)} schema operations together"


def _target(operation):
    """What an operation changes on its model: a field, an index or a constraint (by name), or the options."""
    for attribute in ("name", "index", "constraint"):
        value = getattr(operation, attribute, None)
        if value is not None:
            return attribute, getattr(value, "name", value)
    return "options", None


def together(operations):
    """A migration's operations with the schema operations before its first data operation (RunPython, RunSQL,
    an extension …) as one `Together`, then their trigger operations as one `ReplaceTriggers` (`batch_triggers`),
    then the rest as written. The triggers come after the tables they are on; the rows a data operation writes are
    audited as before."""
    trigger_ops = (AddTrigger, RemoveTrigger)
    end = next((i for i, op in enumerate(operations)
                if not isinstance(op, trigger_ops) and type(op) not in Together.SUPPORTED), len(operations))
    schema = [op for op in operations[:end] if not isinstance(op, trigger_ops)]
    triggers = [op for op in operations[:end] if isinstance(op, trigger_ops)]
    return ([Together(schema)] if schema else []) + (batch_triggers(triggers) if triggers else []) + operations[end:]

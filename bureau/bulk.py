"""Bulk writes through PostgreSQL COPY: what imports and the dataset generator use for tens of thousands of rows.

`bulk_create` builds one INSERT with every value bound client-side: for 20,000 rows of thirty columns Django
prepares and quotes 600,000 parameters in Python, which took longer than PostgreSQL took to store them. COPY
sends the rows as a stream psycopg adapts in C, and with the audit triggers at statement level (settings:
PGHISTORY_LEVEL) the audit trail of the whole COPY is one INSERT … SELECT from its transition table.

- `reserve_ids(model, n)` — n new primary keys from the table's sequence, so children can point at their
  parents before either is written.
- `copy_rows(model, columns, rows)` — tuples in the order of `columns` (attribute names such as "case_id");
  `copy_rows_ignoring_conflicts` skips the rows a unique constraint refuses (through a temporary table).
- `insert(objects)` — model instances, as `bulk_create` takes them: each gets its primary key, and every
  field's `pre_save` (auto_now_add …) and database form (encrypted ID numbers, JSON) apply as in a save.
- `Instances(model)` — unsaved instances made five times faster than `model(**values)`, and
  `full_clean_without_queries(obj)` — a model's own validation without its per-record queries, its plain fields
  checked in a few comparisons: what a writer of tens of thousands of records builds and checks them with.
- `field__any_of=values` (a lookup on every field) and `among(model, objects)` — a file's thousands of values or
  records in a query, bound as one array that an index is probed with.

Like `bulk_create`, these send no model signals (callers send `bureau.signals.records_written`). Outside
`copy_rows_ignoring_conflicts` a unique clash aborts the statement (and the caller's transaction).
"""

from datetime import date, datetime
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import connection, models
from django.db.models.base import Model, ModelState
from django.db.models.expressions import DatabaseDefault
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from .audit import audit_bulk_writes

# Fields whose Python value psycopg adapts as it is: their database form needs no Django preparation.
_AS_IS = (
    models.AutoField, models.BigAutoField, models.BooleanField, models.CharField, models.DateField,
    models.DecimalField, models.FloatField, models.IntegerField, models.TextField, models.UUIDField,
)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def reserve_ids(model, n):
    """n new primary keys of `model`, in ascending order (one query; safe beside concurrent inserts)."""
    if n <= 0:
        return []
    # The sequence is looked up once (the CTE), not once per key: asked in each row, the lookup was five sixths of
    # the query (50 ms for 20,000 keys).
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) "
            "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, n],
        )
        return sorted(pk for (pk,) in cursor.fetchall())


def _needs_preparation(field):
    """True unless the field is one of the plain types whose own class does not change the value for the
    database (ResidentIDField is a TextField that encrypts: its class overrides get_prep_value)."""
    if field.is_relation:
        return False  # the attname holds the related primary key
    if not isinstance(field, _AS_IS):
        return True
    plain = next(base for base in type(field).__mro__ if base in _AS_IS)
    return any(name in vars(klass) for klass in type(field).__mro__[:type(field).__mro__.index(plain)]
               for name in ("get_prep_value", "get_db_prep_value", "get_db_prep_save"))


_PREPARATION = ("to_python", "get_prep_value", "get_db_prep_value", "get_db_prep_save")


def _unchanged(field):
    """A test of the values a field's preparation for the database returns as they are, so that a row's value
    passing it is sent without it (a few µs a value, for each of a file's rows): an aware datetime of a
    DateTimeField whose class changes none of those steps (PostgreSQL's adapt_datetimefield_value keeps it);
    None for any other field."""
    if isinstance(field, models.DateTimeField) and all(
            getattr(type(field), step) is getattr(models.DateTimeField, step) for step in _PREPARATION):
        return _aware_datetime
    return None


def _aware_datetime(value):
    return type(value) is datetime and value.tzinfo is not None


def _stored_file(field):
    """A file field whose pre_save only saves a file not yet stored (`_nothing_to_store` tells when there is none)."""
    return isinstance(field, models.FileField) and type(field).pre_save is models.FileField.pre_save


def _nothing_to_store(value):
    """A file field's attribute holding a name ("" for no file) or a file already stored: its pre_save would only
    wrap the name in a FieldFile."""
    return type(value) is str or (isinstance(value, FieldFile) and value._committed)


def _plain_date(field):
    """A date, datetime or time field without auto_now(_add): its pre_save only reads the attribute."""
    return (type(field).pre_save in (models.DateField.pre_save, models.DateTimeField.pre_save,
                                     models.TimeField.pre_save)
            and not field.auto_now and not field.auto_now_add)


def _fields(model, columns):
    """The fields of `columns` (names or attnames such as "case_id"), then the NOT NULL ones left out, with the
    values those get: the field's default, or now for auto_now(_add) timestamps."""
    fields = [model._meta.get_field(c) for c in columns]
    missing = [f for f in model._meta.concrete_fields if f not in fields and not f.primary_key and not f.null]
    now = timezone.now()
    defaults = tuple(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
                     for f in missing)
    return fields + missing, defaults


def _copy(table, fields, defaults, rows):
    given = len(fields) - len(defaults)
    # The defaults are the same in every row: prepared once here, not once per row (a timestamp's 20,000 times).
    defaults = tuple(f.get_db_prep_save(value, connection) if _needs_preparation(f) else value
                     for f, value in zip(fields[given:], defaults))
    prepare = [(i, f, _unchanged(f)) for i, f in enumerate(fields[:given]) if _needs_preparation(f)]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    n = 0
    audit_bulk_writes()  # also sets the audit context, which COPY's own statement would not carry
    with (connection.wrap_database_errors, connection.cursor() as cursor,  # IntegrityError …, as Django raises
          cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy):
        for row in rows:
            if defaults:
                row = (*row, *defaults)
            if prepare:
                row = list(row)
                for i, field, unchanged in prepare:
                    if unchanged is None or not unchanged(row[i]):
                        row[i] = field.get_db_prep_save(row[i], connection)
            copy.write_row(row)
            n += 1
    return n


def _derived(model, columns, rows):
    """`columns` and `rows` with what a save's pre_save derives from them added: the pinyin sort key of a name
    among the columns (bureau.fields.PinyinKeyField), unless the caller gives it."""
    from .fields import PinyinKeyField, pinyin_key

    names = [model._meta.get_field(c).name for c in columns]
    keyed = [(f.name, names.index(f.source)) for f in model._meta.concrete_fields
             if isinstance(f, PinyinKeyField) and f.name not in names and f.source in names]
    if not keyed:
        return columns, rows
    return ([*columns, *(key for key, _ in keyed)],
            ((*row, *(pinyin_key(row[source]) for _, source in keyed)) for row in rows))


def copy_rows(model, columns, rows):
    """COPY `rows` (tuples in the order of `columns`, attribute names such as "case_id") into the model's
    table; return how many. NOT NULL columns left out get the field's default (a name's pinyin sort key is
    computed from the name); values of fields whose database form differs from the Python one (encrypted ID
    numbers, JSON, files) go through the field's preparation."""
    columns, rows = _derived(model, columns, rows)
    fields, defaults = _fields(model, columns)
    return _copy(_table(model), fields, defaults, rows)


def copy_rows_ignoring_conflicts(model, columns, rows):
    """`copy_rows`, except that a row clashing with a unique constraint is skipped (ON CONFLICT DO NOTHING),
    as `bulk_create(ignore_conflicts=True)` does: COPY into a temporary table, then one INSERT … SELECT.
    Returns how many rows were new."""
    columns, rows = _derived(model, columns, rows)
    fields, defaults = _fields(model, columns)
    scratch = connection.ops.quote_name(f"_bulk_{model._meta.db_table}")
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS SELECT {names} FROM {_table(model)} "
                       f"WITH NO DATA")
    try:
        _copy(scratch, fields, defaults, rows)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {_table(model)} ({names}) SELECT {names} FROM {scratch} "
                           f"ON CONFLICT DO NOTHING")
            return cursor.rowcount
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {scratch}")


def insert(objects):
    """Insert model instances of one model with COPY, as `bulk_create` would: primary keys reserved and set on
    the objects, `pre_save` applied (auto_now_add, defaults already on the instance). Returns the objects."""
    if not objects:
        return objects
    model = type(objects[0])
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    new = [obj for obj in objects if obj.pk is None]
    for obj, pk in zip(new, reserve_ids(model, len(new))):
        obj.pk = pk
    pre_saved = [(f, _stored_file(f)) for f in fields
                 if type(f).pre_save is not models.Field.pre_save and not _plain_date(f)]
    attnames = [f.attname for f in fields]
    values = attrgetter(*attnames)  # the row's tuple in C, rather than a generator of getattr per field
    alias = connection.alias

    def rows():
        for obj in objects:
            for f, stored_file in pre_saved:
                if stored_file and _nothing_to_store(obj.__dict__.get(f.attname)):
                    continue
                setattr(obj, f.attname, f.pre_save(obj, add=True))
            state = obj._state
            state.adding = False
            state.db = alias
            yield values(obj) if len(attnames) > 1 else (values(obj),)

    copy_rows(model, attnames, rows())
    return objects


class Instances:
    """Model instances from a record's {field name or attname: value}, for a writer of tens of thousands of records
    (an import's rows, a service's bulk path), five times faster than `model(**values)`: the keyword path of
    Model.__init__ asks every field for its default and sets each attribute (a foreign key through its
    descriptor), a third of validating a mediation file (issue 12). Here the defaults are prepared once (a
    callable one is still called for each instance) and the values go straight into the instance's __dict__, as
    Model.from_db's rows do; a related object given is kept in the instance's cache, as the descriptor keeps it,
    so reading it does not query. A model with pre_init/post_init receivers (an ImageField's dimensions), or values
    naming something else than its fields (a property), are built by Model.__init__ itself."""

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.attname = {f.name: f.attname for f in fields} | {f.attname: f.attname for f in fields}
        self.related = {f.name: f for f in fields if f.is_relation}
        self.called = [f for f in fields if f.has_default() and callable(f.default)]
        self.defaults = {f.attname: f.get_default() for f in fields if f not in self.called}
        self.signalled = pre_init.has_listeners(model) or post_init.has_listeners(model)

    def __call__(self, values):
        if self.signalled or not values.keys() <= self.attname.keys():  # anything else: Django's own words
            return self.model(**values)
        obj = self.model.__new__(self.model)
        obj._state = ModelState()
        attributes = obj.__dict__
        attributes.update(self.defaults)
        for f in self.called:
            attributes[f.attname] = f.get_default()
        for name, value in values.items():
            f = self.related.get(name)
            if f is not None and value is not None:
                attributes[f.attname] = getattr(value, f.target_field.attname)
                f.set_cached_value(obj, value)
            else:
                attributes[self.attname[name]] = value
        return obj


def full_clean_without_queries(obj, exclude=()):
    """`obj.full_clean()` without its queries, for a writer of many records that checks, set-wise, what those
    queries check of each one: the foreign keys (each a query per record asking whether the related row
    exists: the writer looked the related records up, or checked them with one query for all), uniqueness and
    the constraints. A required foreign key left empty is still refused with Django's own message."""
    plan = _clean_plan(type(obj), frozenset(exclude))
    errors = {}
    for field in plan.relations:
        if getattr(obj, field.attname) is None and not field.blank:
            errors[field.name] = [field.error_messages["blank" if field.null else "null"]]  # as Field.validate
    try:
        if plan.fields is None:  # a model with its own full_clean or clean_fields: theirs, as written
            obj.full_clean(exclude=plan.exclude, validate_unique=False, validate_constraints=False)
        else:
            _full_clean(obj, plan.fields)
    except ValidationError as error:
        errors = {**errors, **error.update_error_dict({})}
    if errors:
        raise ValidationError(errors)


def _full_clean(obj, fields):
    """Model.full_clean(validate_unique=False, validate_constraints=False) over the planned fields: Model.clean_fields,
    except that a value its field's check passes (`_checker`) is one Field.clean would return unchanged and
    without an error, so Field.clean is not asked; any other value goes through Field.clean, with its words."""
    errors = {}
    field_errors = {}
    for f, check in fields:
        raw_value = getattr(obj, f.attname)
        if check is not None and check(raw_value):  # first: most values pass it, and it passes no value to clean
            continue
        if f.blank and raw_value in f.empty_values:
            continue
        if isinstance(raw_value, DatabaseDefault):
            continue
        try:
            setattr(obj, f.attname, f.clean(raw_value, obj))
        except ValidationError as e:
            field_errors[f.name] = e.error_list
    if field_errors:
        errors = ValidationError(field_errors).update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class _Plan:
    """What full_clean_without_queries checks of a model, worked out once per model and exclusion: the foreign
    keys (only that a required one is given), the fields Model.clean_fields would clean and each one's check."""

    def __init__(self, model, exclude):
        self.relations = [f for f in model._meta.concrete_fields if f.is_relation and f.name not in exclude]
        self.exclude = {*exclude, *(f.name for f in self.relations)}
        if model.full_clean is not Model.full_clean or model.clean_fields is not Model.clean_fields:
            self.fields = None
        else:
            self.fields = [(f, _checker(f)) for f in model._meta.fields
                           if f.name not in self.exclude and not f.generated]


_plans = {}


def _clean_plan(model, exclude):
    plan = _plans.get((model, exclude))
    if plan is None:
        plan = _plans[model, exclude] = _Plan(model, exclude)
    return plan


# The plain fields whose Field.clean a value of the exact type passes through unchanged (their to_python returns
# it as it is), and that type.
_PLAIN_TYPES = ((models.CharField, str), (models.TextField, str), (models.DateField, date),
                (models.BooleanField, bool), (models.IntegerField, int))


def _checker(field):
    """A function telling whether a value is one that `field.clean` returns unchanged without an error, for a
    field of the plain types whose class changes none of those steps (an encrypted ID number's does: it is always
    cleaned by Django); None for any other field. It checks what Field.validate and run_validators would: a
    choice among the choices, not blank, the length and the null character of a text, and calls the field's
    other validators itself."""
    kind = next(((base, value_type) for base, value_type in _PLAIN_TYPES if isinstance(field, base)), None)
    if kind is None:
        return None
    base, value_type = kind
    steps = type(field)
    if (steps.to_python is not base.to_python or steps.clean is not models.Field.clean
            or steps.validate is not models.Field.validate or steps.run_validators is not models.Field.run_validators):
        return None
    if value_type is not str and field.choices is not None:
        return None
    choices = None
    if field.choices is not None and field.editable:
        keys = [key for option, label in field.choices
                for key in ([k for k, _ in label] if isinstance(label, (list, tuple)) else [option])]
        if not all(type(k) is str for k in keys):
            return None
        choices = frozenset(keys)
    max_length = getattr(field, "max_length", None) if value_type is str else None
    others = [v for v in field.validators
              if not (type(v) is MaxLengthValidator and v.limit_value == max_length)
              and not (type(v) is ProhibitNullCharactersValidator and value_type is str)]
    if value_type is str and (max_length is not None) != any(type(v) is MaxLengthValidator
                                                                and v.limit_value == max_length
                                                                for v in field.validators):
        return None  # a CharField without its length validator (or a TextField with one): Django decides
    empty_refused = field.editable and not field.blank  # Field.validate: blank; run_validators skip empties

    def check(value):
        if value_type is str:
            if not isinstance(value, str):  # a TextChoices member is one: CharField.to_python keeps it
                return False
            if value == "":
                return not empty_refused
            if choices is not None and value not in choices:
                return False
            if max_length is not None and len(value) > max_length:
                return False
            if "\x00" in value:
                return False
        elif type(value) is not value_type:  # exactly: a datetime is a date that to_python would convert
            return False
        for validator in others:
            try:
                validator(value)
            except ValidationError:
                return False
        return True

    return check


def refusals(records, check):
    """For a writer of many records that names every refused one (an import): `check(record)` for each, and what
    it refused with — the ValidationError, or None where the record may be written — in the records' order."""
    found = []
    for record in records:
        try:
            check(record)
        except ValidationError as error:
            found.append(error)
        else:
            found.append(None)
    return found


def raise_first(found):
    """The one-record services' and the pages' way with `refusals`: the first refusal is raised, nothing written."""
    for refusal in found:
        if refusal is not None:
            raise refusal


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """`field__any_of=values`: `field = ANY(%s)`, the values bound as one array parameter in their database form (an
    ID number's ciphertext, as the field prepares it for any lookup). For thousands of values (an import's ID
    numbers checked against the register, the to-dos of its new records): bound one by one, as `__in` binds them,
    they cost more than the query. As an array PostgreSQL probes an index with each value, or hashes them; as a
    subquery (`__in=RawSQL("SELECT unnest(…)")`) it planned a nested loop under `.exists()`'s LIMIT, comparing
    every open registration with every number of the file (2,450,000 comparisons, 0.2 s, for 245 people)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        field, values = self.lhs.output_field, list(value)
        if not _as_they_are(field, values):
            values = [field.get_db_prep_value(v, connection, prepared=False) for v in values]
        return "%s", [_array_literal(values)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        array_type = self.lhs.output_field.db_type(connection) + "[]"
        return f"{lhs} = ANY({rhs}::{array_type})", (*lhs_params, *rhs_params)


def _as_they_are(field, values):
    """True for integers of an integer field (keys) and texts of a plain text field: their database form is
    themselves, so an import's 10,000 new keys are not prepared again for each of its five to-do rules."""
    kind = int if isinstance(field, models.IntegerField) else str if isinstance(
        field, (models.CharField, models.TextField)) else None
    return kind is not None and not _needs_preparation(field) and all(type(v) is kind for v in values)


def among(model, objects):
    """The model's rows of `objects` (saved instances) as a queryset, their keys bound as one array parameter."""
    return model.objects.filter(pk__any_of=[o.pk for o in objects])


def _array_literal(values):
    """Integers or texts as the text of a PostgreSQL array, '{1,2}' or '{"a","b\\"c"}', bound as one string that
    the query casts: psycopg adapts a list element by element in Python and again for every query that binds it
    (an import's to-do rules run five on the same 10,000 keys: 3.5 ms each), a string in C. Any other list is
    returned as it is."""
    if all(type(value) is int for value in values):
        return "{" + ",".join(map(str, values)) + "}"
    if all(type(value) is str for value in values):
        return "{" + ",".join(['"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values]) + "}"
    return values

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

Like `bulk_create`, these send no model signals (callers send `bureau.signals.records_written`). Outside
`copy_rows_ignoring_conflicts` a unique clash aborts the statement (and the caller's transaction).
"""

from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.expressions import RawSQL
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
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
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
    prepare = [i for i, f in enumerate(fields[:given]) if _needs_preparation(f)]
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
                for i in prepare:
                    row[i] = fields[i].get_db_prep_save(row[i], connection)
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
    pre_saved = [f for f in fields if type(f).pre_save is not models.Field.pre_save and not _plain_date(f)]
    attnames = [f.attname for f in fields]
    values = attrgetter(*attnames)  # the row's tuple in C, rather than a generator of getattr per field
    alias = connection.alias

    def rows():
        for obj in objects:
            for f in pre_saved:
                setattr(obj, f.attname, f.pre_save(obj, add=True))
            state = obj._state
            state.adding = False
            state.db = alias
            yield values(obj) if len(attnames) > 1 else (values(obj),)

    copy_rows(model, attnames, rows())
    return objects


def full_clean_without_queries(obj, exclude=()):
    """`obj.full_clean()` without its queries, for a writer of many records that checks, set-wise, what those
    queries check of each one: the foreign keys (each a query per record asking whether the related row
    exists: the writer looked the related records up, or checked them with one query for all), uniqueness and
    the constraints. A required foreign key left empty is still refused with Django's own message."""
    relations = [f for f in obj._meta.concrete_fields if f.is_relation and f.name not in exclude]
    errors = {}
    for field in relations:
        if getattr(obj, field.attname) is None and not field.blank:
            errors[field.name] = [field.error_messages["blank"]]
    try:
        obj.full_clean(exclude=[*exclude, *(f.name for f in relations)], validate_unique=False,
                       validate_constraints=False)
    except ValidationError as error:
        errors = {**errors, **error.update_error_dict({})}
    if errors:
        raise ValidationError(errors)


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


def among(model, objects):
    """The model's rows of `objects` (saved instances) as a queryset, their keys bound as one array parameter:
    a list of thousands bound one by one costs more than the query (the to-dos of an import's new records)."""
    return model.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", ([o.pk for o in objects],)))

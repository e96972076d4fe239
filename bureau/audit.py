"""The audit trail: who changed what, when, and from which request.

Every model of the project is declared with `@audited`, which installs django-pghistory's database
triggers. Because the triggers fire in PostgreSQL, `QuerySet.update()`, `bulk_create()` and imports are
recorded as surely as `save()`. The request (user, URL, method, address) or the Celery task is attached to
each event as its context. tests/bureau/test_audit.py fails if a project model is left untracked.
"""

import functools
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pghistory
import pghistory.core
import pghistory.middleware
import pghistory.models
from celery import signals
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import F, Lookup
from django.db.models.query import get_related_populators
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .identifiers import ResidentIDField, decrypt_resident_id, mask_resident_id

REVEALED = "identifier.revealed"


def audited(model=None, /, **track_kwargs):
    """Class decorator: record inserts, updates and deletes of the model, and identifier reveals."""

    def decorate(model_class):
        trackers = [pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent()]
        if any(isinstance(f, ResidentIDField) for f in model_class._meta.local_fields):
            trackers.append(pghistory.ManualEvent(REVEALED))
        return pghistory.track(*trackers, **track_kwargs)(model_class)

    return decorate(model) if model is not None else decorate


def is_audited(model_class):
    return bool(pghistory.core.event_models(tracks_model=model_class))


def client_address(request):
    """The client's address. Behind PROXY_COUNT trusted proxies it is the entry the outermost of them
    appended to X-Forwarded-For, counted from the right: entries further left came from the client and
    could be forged."""
    proxies = settings.PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class AuditContextMiddleware(pghistory.middleware.HistoryMiddleware):
    def get_context(self, request):
        return {
            **super().get_context(request),
            "method": request.method,
            "ip": client_address(request),
        }


_task_contexts = {}


@signals.task_prerun.connect
def _enter_task_context(task_id=None, task=None, **kwargs):
    context = pghistory.context(task=task.name, task_id=task_id)
    context.__enter__()
    _task_contexts[task_id] = context


@signals.task_postrun.connect
def _exit_task_context(task_id=None, **kwargs):
    context = _task_contexts.pop(task_id, None)
    if context is not None:
        context.__exit__(None, None, None)


def audit_bulk_writes():
    """Call inside a transaction before a bulk write: every audit trigger still fires, but faster, and with
    the writer's context.

    Each trigger first reads the setting `pgtrigger.ignore`; while it is unset the read raises inside a
    plpgsql exception block — a subtransaction per trigger call, which cost 7 of 8 seconds for 20,000 rows
    when the triggers ran per row. Setting it to "ignore nothing" for the transaction skips that. The
    statement also goes through the cursor wrapper that attaches the audit context (who, from which request
    or task: pghistory sets it in front of every statement but SELECTs), so a COPY after it, which bypasses
    that wrapper, is recorded with its author (bureau.bulk).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pgtrigger.ignore = '{}'")


def record_reveal(obj, *, field_name):
    """Write the audit event of a full identifier being shown (the caller's request is the context)."""
    with pghistory.context(revealed_field=field_name):
        return pghistory.create_event(obj, label=REVEALED)


class AuditEvent(pghistory.models.Events):
    """All events of all tracked models, with the request context as columns for searching."""

    user = pghistory.ProxyField(
        "pgh_context__user",
        models.ForeignKey("bureau.User", on_delete=models.DO_NOTHING, null=True, related_name="+"),
    )
    url = pghistory.ProxyField("pgh_context__url", models.TextField(null=True))
    ip = pghistory.ProxyField("pgh_context__ip", models.TextField(null=True))
    task = pghistory.ProxyField("pgh_context__task", models.TextField(null=True))

    class Meta:
        proxy = True
        app_label = "bureau"


# --- Searching the trail --------------------------------------------------------------------------------
#
# pghistory's aggregate Events view (AuditEvent above) UNIONs all event tables in a CTE that reads every
# row, computes each row's diff with a correlated subquery and only then filters, sorts and cuts: 17–31 s
# for /audit/ on the demo database. The trail is instead searched in two steps:
#
# 1. the page's keys: per event table, the newest rows matching the filters below the cursor, each branch
#    an index range scan (ensure_indexes: (pgh_created_at, pgh_id) and (pgh_label, pgh_created_at, pgh_id)
#    on every event table), merged and cut to the page;
# 2. only those rows are read in full, with the previous event of the same record for the diff.
#
# A record type searches its event table alone; a user first finds their contexts (an expression index
# on pghistory_context). Pages are keyset-paginated by (time, event table, id), never by OFFSET.

UPDATE, INSERT, DELETE = "update", "insert", "delete"
CONTEXT_TABLE = pghistory.models.Context._meta.db_table
REQUEST_SPAN = timedelta(hours=1)  # longer than any request runs (the server's timeout is far shorter)
INDEXED_COLUMNS = {"at": "(pgh_created_at, pgh_id)", "label": "(pgh_label, pgh_created_at, pgh_id)"}


def event_models():
    """The event models of the tracked models, by label (the keyset's order is theirs)."""
    return {m._meta.label: m for m in pghistory.core.event_models() if m.pgh_tracked_model}


def _index_name(table, suffix):
    digest = hashlib.md5(table.encode()).hexdigest()[:6]
    return f"{table[:40]}_{digest}_pgh_{suffix}"


def ensure_indexes(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the trail's indexes where they are missing: on every event table, whichever app made it, and
    on the contexts' user. Called after every migrate (post_migrate), so a new function app's event tables
    get them without a migration of its own; the catalog is read first, so a run with nothing to do is two
    queries."""
    connection = connections[using]
    wanted = {(_index_name(table, suffix), table, columns)
              for table in {m._meta.db_table for m in event_models().values()}
              for suffix, columns in INDEXED_COLUMNS.items()}
    wanted.add((f"{CONTEXT_TABLE}_pgh_user", CONTEXT_TABLE, "((metadata->>'user'), created_at)"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        present = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = {row[0] for row in cursor.fetchall()}
        for name, table, columns in sorted(wanted):
            if name not in present and table in tables:
                cursor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" {columns}')


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a page ends: the last event's time, event table and id. Written into `?before=`."""

    created_at: datetime
    model: str
    pgh_id: int

    def __str__(self):
        return f"{self.created_at.astimezone(dt_timezone.utc):%Y-%m-%dT%H:%M:%S.%fZ},{self.model}:{self.pgh_id}"

    @classmethod
    def parse(cls, text):
        """The cursor of `?before=`, or None when absent or malformed (then the search starts at the top)."""
        try:
            at, key = text.split(",", 1)
            model, pgh_id = key.rsplit(":", 1)
            created_at = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt_timezone.utc)
            return cls(created_at, model, int(pgh_id))
        except (AttributeError, ValueError):
            return None


@dataclass(frozen=True)
class Trail:
    """One search of the trail. `since`/`until` are aware datetimes (inclusive); `user` a User or its id."""

    user: object = None
    model: str = None  # the tracked model's label, e.g. "legalaid.Case"
    label: str = None
    since: datetime = None
    until: datetime = None
    object_id: str = None

    def _tables(self):
        tables = event_models()
        if self.model:
            tables = {k: m for k, m in tables.items() if m.pgh_tracked_model._meta.label == self.model}
        if self.label == REVEALED:
            tables = {k: m for k, m in tables.items() if _has_resident_id(m.pgh_tracked_model)}
        return dict(sorted(tables.items()))

    def _branch(self, label, event_model, before, limit, contexts=None, window_start=None):
        table = event_model._meta.db_table
        where, params = [], []
        if self.label:
            where.append("pgh_label = %s")
            params.append(self.label)
        if self.since:
            where.append("pgh_created_at >= %s")
            params.append(self.since)
        if self.until:
            where.append("pgh_created_at <= %s")
            params.append(self.until)
        if self.object_id:
            where.append("pgh_obj_id::text = %s")
            params.append(str(self.object_id))
        if contexts is not None:
            where.append("pgh_context_id IN (SELECT id FROM user_contexts)")
        if window_start:
            where.append("pgh_created_at >= %s")
            params.append(window_start)
        if before:
            # (pgh_created_at, table, pgh_id) < cursor, with this branch's table a constant.
            if label < before.model:
                where.append("pgh_created_at <= %s")
                params.append(before.created_at)
            elif label == before.model:
                where.append("(pgh_created_at, pgh_id) < (%s, %s)")
                params.extend([before.created_at, before.pgh_id])
            else:
                where.append("pgh_created_at < %s")
                params.append(before.created_at)
        sql = (f'(SELECT %s::text AS model, pgh_id, pgh_created_at FROM "{table}"'
               f'{" WHERE " + " AND ".join(where) if where else ""}'
               f" ORDER BY pgh_created_at DESC, pgh_id DESC LIMIT {int(limit)})")
        return sql, [label, *params]

    def keys(self, *, before=None, limit=200, using=DEFAULT_DB_ALIAS):
        """The newest `limit` events matching the search, older than `before`: a list of Cursors."""
        if self.user is None:
            return self._keys(before, limit, using)
        return self._user_keys(before, limit, using)

    def _keys(self, before, limit, using, contexts=None, window_start=None):
        branches = [self._branch(label, m, before, limit, contexts, window_start)
                    for label, m in self._tables().items()]
        if not branches:
            return []
        sql = (f"SELECT * FROM ({' UNION ALL '.join(s for s, _ in branches)}) page"
               f' ORDER BY pgh_created_at DESC, model COLLATE "C" DESC, pgh_id DESC LIMIT {int(limit)}')
        params = [p for _, ps in branches for p in ps]
        if contexts is not None:
            # Once for all branches: a literal list in each of them cost more to plan than to run.
            sql = f"WITH user_contexts AS MATERIALIZED (SELECT unnest(%s::uuid[]) AS id) {sql}"
            params = [contexts, *params]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return [Cursor(created_at, model, pgh_id) for model, pgh_id, created_at in cursor.fetchall()]

    def _user_keys(self, before, limit, using):
        """A user's events: through their contexts (requests), found first on the contexts' index.

        A context is written with its first event and a request's events all fall within REQUEST_SPAN of it, so
        the user's n newest contexts, the oldest begun at t0, hold all their events since t0, and those are
        found among their contexts begun since t0 − REQUEST_SPAN: for a rare user on each table's context
        index, for a busy one on the short stretch of its time index since t0 (PostgreSQL chooses). n starts at
        half a page (a request writes one event or more), so a page first probes about a hundred contexts
        whatever the user's history (probing all of a rare user's 671 cost 0.5 s with a million events); it
        grows fourfold while the window holds less than a page (other filters, a cursor inside a burst), until
        it holds all the user's contexts. A date range bounds the contexts too.
        """
        user_id = str(getattr(self.user, "pk", self.user))
        upper = min(t for t in (self.until, before and before.created_at) if t) if (self.until or before) else None
        query, params = f"SELECT id, created_at FROM \"{CONTEXT_TABLE}\" WHERE metadata->>'user' = %s", [user_id]
        if upper:
            query += " AND created_at <= %s"
            params.append(upper)
        if self.since:
            query += " AND created_at >= %s"
            params.append(self.since - REQUEST_SPAN)
        wanted = max(limit // 2, 1)
        with connections[using].cursor() as cursor:
            while True:
                cursor.execute(f"{query} ORDER BY created_at DESC LIMIT %s", [*params, wanted])
                newest = cursor.fetchall()
                if len(newest) < wanted:
                    return self._keys(before, limit, using, contexts=[c for c, _ in newest]) if newest else []
                window_start = newest[-1][1]
                cursor.execute(f"{query} AND created_at >= %s", [*params, window_start - REQUEST_SPAN])
                found = self._keys(before, limit, using, [c for c, _ in cursor.fetchall()], window_start)
                if len(found) == limit:
                    return found
                wanted *= 4

    def entries(self, *, before=None, limit=200, using=DEFAULT_DB_ALIAS):
        return read_entries(self.keys(before=before, limit=limit, using=using), using=using)


def _has_resident_id(model):
    return any(isinstance(f, ResidentIDField) for f in model._meta.local_fields)


OPERATIONS = {INSERT: _("新增"), UPDATE: _("修改"), DELETE: _("删除"), REVEALED: _("查看身份证号")}
HIDDEN = "******"


SHORT = 60  # characters of a value shown on the page (the export has it whole)


def _shorten(text):
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


@dataclass
class Change:
    field: str
    old: str
    new: str

    @property
    def old_short(self):
        return _shorten(self.old)

    @property
    def new_short(self):
        return _shorten(self.new)


@dataclass
class Entry:
    """One event as a person reads it: the record by name, labels instead of columns, names instead of ids."""

    key: Cursor
    label: str
    model: type
    object_id: str
    user: object = None
    context: dict = field(default_factory=dict)
    record: str = ""
    changes: list = field(default_factory=list)

    @property
    def created_at(self):
        return timezone.localtime(self.key.created_at)

    @property
    def when(self):
        """The local time as the page shows it (the template's date filter cost more than the rest of a row)."""
        return f"{self.created_at:%Y-%m-%d %H:%M:%S}"

    @property
    def operation(self):
        return OPERATIONS.get(self.label, self.label)

    @property
    def record_type(self):
        return self.model._meta.verbose_name

    @property
    def revealed_field(self):
        name = self.context.get("revealed_field")
        return _field_label(self.model, name) if name else ""

    @property
    def source(self):
        if self.context.get("task"):
            return _("后台任务 %(task)s") % {"task": self.context["task"]}
        return " ".join(str(p) for p in (self.context.get("method"), self.context.get("url")) if p)

    @property
    def address(self):
        return self.context.get("ip") or ""


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _json(value):
    return json.loads(value) if isinstance(value, (str, bytes)) else value


@functools.cache
def _columns(event_model):
    """The tracked model's field behind each column of the event table (pghistory copies them by name)."""
    tracked = event_model.pgh_tracked_model
    columns = {}
    for event_field in event_model._meta.concrete_fields:
        if event_field.name.startswith("pgh_"):
            continue
        try:
            columns[event_field.column] = tracked._meta.get_field(event_field.name)
        except Exception:
            continue
    return columns


def _changed(event_model, data, previous):
    """(model field, old, new) of the columns that differ from the record's previous event; what the database
    keeps itself left out: timestamps (auto_now) and an editable record's save counter (bureau.models.Versioned),
    which moves with every change and says nothing a reader of the trail wants."""
    if previous is None:
        return []
    return [(model_field, previous.get(column), data.get(column))
            for column, model_field in _columns(event_model).items()
            if data.get(column) != previous.get(column) and not getattr(model_field, "auto_now", False)
            and not _is_save_counter(model_field)]


@functools.cache
def _is_save_counter(model_field):
    from .concurrency import is_versioned  # it reads bureau.models, which imports this module

    return model_field.name == "version" and is_versioned(model_field.model)


def _related_model(model_field):
    return model_field.related_model if model_field.many_to_one or model_field.one_to_one else None


@functools.cache
def _choice_labels(model_field):
    return dict(model_field.flatchoices)


def _display(model_field, value, names):
    """A stored value as the user reads it (`names`: the page's record names, by model and primary key)."""
    if value is None or value == "":
        return "∅"
    if isinstance(model_field, ResidentIDField):
        try:
            return mask_resident_id(decrypt_resident_id(value))
        except Exception:
            return HIDDEN
    if model_field.name == "password":
        return HIDDEN
    related = _related_model(model_field)
    if related is not None:
        name = names.get(related, {}).get(related._meta.pk.to_python(value))
        return name if name is not None else f"{related._meta.verbose_name} #{value}"
    if model_field.flatchoices:
        return str(_choice_labels(model_field).get(value, value))
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if isinstance(model_field, models.DateTimeField):
        parsed = parse_datetime(value)
        return f"{timezone.localtime(parsed):%Y-%m-%d %H:%M:%S}" if parsed else value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# A record is named as its app names it, by str(), which may follow relations (a supervision record names its
# supervisee). bureau cannot know which: it learns them from the records it has named (Django caches what a
# relation loaded on the instance), and from then on reads them with the records (select_related), so a page
# names everything in one round trip, not one query per record.
_name_relations = {}  # model -> the select_related paths its str() follows
_NAME_DEPTH = 3


def _followed(obj, prefix="", depth=_NAME_DEPTH):
    """The forward relations loaded on `obj` (by its str() or select_related), as select_related paths."""
    paths = set()
    for name, related in obj._state.fields_cache.items() if depth else ():
        try:
            model_field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if model_field.concrete and (model_field.many_to_one or model_field.one_to_one):
            paths.add(prefix + name)
            if related is not None:
                paths |= _followed(related, f"{prefix}{name}__", depth - 1)
    return paths


class _AnyOf(Lookup):
    """`field = ANY(%s)`: one statement, compiled once, for any number of keys (IN needs one per count)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, self.rhs]


@functools.cache
def _records_query(model, relations, using):
    """The statement reading `model`'s records by primary key with `relations` (select_related), and the
    compiler that turns its rows into instances as Django's ModelIterable does; compiled once (compiling cost
    more than running). Afterwards the compiler only converts values, which needs no connection state."""
    queryset = model._base_manager.using(using).select_related(*relations).order_by()
    compiler = queryset.filter(_AnyOf(F("pk"), [])).query.get_compiler(using)
    sql, params = compiler.as_sql()
    assert tuple(params) == ([],), params  # the keys are the only parameter
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    attnames = [column[0].target.attname for column in select[start:end]]
    return sql, compiler, start, end, attnames


def _keep_results(execute, sql, params, many, context):
    """An execute wrapper returning nothing: pghistory's (around every statement of a request) otherwise reads
    the results on to the last one, so the first results of several statements sent at once are lost."""
    execute(sql, params, many, context)


def read_records(wanted, using=DEFAULT_DB_ALIAS):
    """{model: {pk: record}} for `wanted` ({model: pks}), with the relations their names follow (as learned
    from earlier pages), all read in one round trip: one statement per model, sent together. (With
    server-side binding, which refuses several statements at once, one round trip per model.)"""
    queries = [(model, list(pks), *_records_query(model, _name_relations.get(model, frozenset()), using))
               for model, pks in wanted.items() if pks]
    connection = connections[using]
    together = not connection.settings_dict["OPTIONS"].get("server_side_binding")
    results = []
    with connection.cursor() as cursor:
        if together and queries:
            with connection.execute_wrapper(_keep_results):
                cursor.execute("; ".join(q[2] for q in queries), [q[1] for q in queries])
        for number, (_model, pks, sql, *_) in enumerate(queries):
            if not together:
                cursor.execute(sql, [pks])
            elif number:
                cursor.nextset()
            results.append(cursor.fetchall())
    records = {}
    for (model, _pks, _sql, compiler, start, end, attnames), rows in zip(queries, results):
        populators = get_related_populators(compiler.klass_info, compiler.select, using)
        records[model] = by_pk = {}
        for row in compiler.results_iter(results=[rows]):
            record = model.from_db(using, attnames, row[start:end])
            for populator in populators:
                populator.populate(row, record)
            by_pk[record.pk] = record
    return records


def _names(records):
    """Each record's str(); then what the names followed is remembered for the next page."""
    names = {}
    for model, by_pk in records.items():
        names[model] = {pk: str(record) for pk, record in by_pk.items()}
        followed = set().union(*(_followed(record) for record in by_pk.values()))
        if not followed <= _name_relations.get(model, frozenset()):
            _name_relations[model] = frozenset(followed | _name_relations.get(model, frozenset()))
    return names


def _read_rows(keys, using):
    """The page's events in full, each with its record's previous event (updates only) and its context: one
    query for the whole page."""
    tables = event_models()
    by_model = {}
    for key in keys:
        by_model.setdefault(key.model, []).append(key.pgh_id)
    parts, params = [], []
    for label, ids in sorted(by_model.items()):
        table = tables[label]._meta.db_table
        parts.append(
            f"""SELECT %s::text AS model, e.pgh_id, row_to_json(e)::jsonb AS data,
                       CASE WHEN p.pgh_id IS NULL THEN NULL ELSE row_to_json(p)::jsonb END AS previous,
                       e.pgh_context_id AS context_id
                FROM "{table}" e
                LEFT JOIN LATERAL (SELECT * FROM "{table}" p WHERE e.pgh_label = 'update'
                                   AND p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id
                                   ORDER BY p.pgh_id DESC LIMIT 1) p ON TRUE
                WHERE e.pgh_id = ANY(%s)""")
        params.extend([label, ids])
    if not parts:
        return {}
    with connections[using].cursor() as cursor:
        # The contexts joined once, outside the branches: each join in a branch cost as much to plan as to run.
        cursor.execute(f"""SELECT e.model, e.pgh_id, e.data, e.previous, c.metadata
                           FROM ({" UNION ALL ".join(parts)}) e
                           LEFT JOIN "{CONTEXT_TABLE}" c ON c.id = e.context_id""", params)
        return {(label, pgh_id): (_json(data), _json(previous), _json(context) or {})
                for label, pgh_id, data, previous, context in cursor.fetchall()}


def read_entries(keys, using=DEFAULT_DB_ALIAS):
    """The events of `keys` as Entries, in the keys' order: one query for the rows, then one round trip for the
    names of every record the page mentions (the records themselves, those their changed fields point to, the
    users)."""
    from .models import User

    tables = event_models()
    rows = _read_rows(keys, using)
    wanted = {}  # model -> primary keys to name
    entries = []
    for key in keys:
        data, previous, context = rows[(key.model, key.pgh_id)]
        event_model = tables[key.model]
        tracked = event_model.pgh_tracked_model
        entry = Entry(key=key, label=data["pgh_label"], model=tracked, object_id=str(data["pgh_obj_id"]),
                      context=context)
        entry.changes = _changed(event_model, data, previous)
        wanted.setdefault(tracked, set()).add(tracked._meta.pk.to_python(data["pgh_obj_id"]))
        for model_field, old, new in entry.changes:
            related = _related_model(model_field)
            if related is not None:
                wanted.setdefault(related, set()).update(
                    related._meta.pk.to_python(v) for v in (old, new) if v is not None)
        if context.get("user") is not None:
            wanted.setdefault(User, set()).add(int(context["user"]))
        entries.append(entry)
    records = read_records(wanted, using)
    names = _names(records)
    for entry in entries:
        pk = entry.model._meta.pk.to_python(entry.object_id)
        name = names.get(entry.model, {}).get(pk)
        entry.record = name if name is not None else f"{entry.model._meta.verbose_name} #{entry.object_id}"
        if entry.context.get("user") is not None:
            entry.user = records.get(User, {}).get(int(entry.context["user"]))
        entry.changes = [Change(str(f.verbose_name), _display(f, old, names), _display(f, new, names))
                         for f, old, new in entry.changes]
    return entries

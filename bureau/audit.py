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
from django.db import DEFAULT_DB_ALIAS, connections, models
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
FEW_CONTEXTS = 1000  # a user with fewer is searched by context id, without a time window
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

        A user with few contexts (FEW_CONTEXTS) is searched by all of them, on the context index of each event
        table. For a busy one, a window: a context is written with its first event, so each context holds an
        event no older than itself, and the user's 2 × `limit` newest contexts begin a window — from the
        oldest of them, t0 — that usually holds the page: the events since t0, a short range of the time
        index, of the user's contexts begun since t0 − REQUEST_SPAN (a request's events are all written
        within that span). When the window holds less than a page (other filters, a cursor inside a burst),
        it is widened fourfold, until the user has too few contexts left to need one.
        """
        user_id = str(getattr(self.user, "pk", self.user))
        upper = min(t for t in (self.until, before and before.created_at) if t) if (self.until or before) else None
        bound, params = ("AND created_at <= %s", [upper]) if upper else ("", [])
        query = f"SELECT id, created_at FROM \"{CONTEXT_TABLE}\" WHERE metadata->>'user' = %s {bound}"
        anchor = 2 * limit
        with connections[using].cursor() as cursor:
            while True:
                wanted = max(anchor, FEW_CONTEXTS)
                cursor.execute(f"{query} ORDER BY created_at DESC LIMIT %s", [user_id, *params, wanted])
                newest = cursor.fetchall()
                if len(newest) < wanted:
                    return self._keys(before, limit, using, contexts=[c for c, _ in newest]) if newest else []
                window_start = newest[anchor - 1][1]
                cursor.execute(f"{query} AND created_at >= %s", [user_id, *params, window_start - REQUEST_SPAN])
                found = self._keys(before, limit, using, [c for c, _ in cursor.fetchall()], window_start)
                if len(found) == limit:
                    return found
                anchor *= 4

    def entries(self, *, before=None, limit=200, using=DEFAULT_DB_ALIAS):
        return read_entries(self.keys(before=before, limit=limit, using=using), using=using)


def _has_resident_id(model):
    return any(isinstance(f, ResidentIDField) for f in model._meta.local_fields)


OPERATIONS = {INSERT: _("新增"), UPDATE: _("修改"), DELETE: _("删除"), REVEALED: _("查看身份证号")}
HIDDEN = "******"


@dataclass
class Change:
    field: str
    old: str
    new: str


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
    """(model field, old, new) of the columns that differ from the record's previous event; timestamps the
    database keeps itself (auto_now) left out."""
    if previous is None:
        return []
    return [(model_field, previous.get(column), data.get(column))
            for column, model_field in _columns(event_model).items()
            if data.get(column) != previous.get(column) and not getattr(model_field, "auto_now", False)]


def _related_model(model_field):
    return model_field.related_model if model_field.many_to_one or model_field.one_to_one else None


def _display(model_field, value, names):
    """A stored value as the user reads it."""
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
        key = related._meta.pk.to_python(value)
        obj = names.get(related, {}).get(key)
        return str(obj) if obj is not None else f"{related._meta.verbose_name} #{value}"
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if isinstance(model_field, models.DateTimeField):
        parsed = parse_datetime(value)
        return f"{timezone.localtime(parsed):%Y-%m-%d %H:%M:%S}" if parsed else value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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
            f"""SELECT %s::text, e.pgh_id, row_to_json(e)::jsonb,
                       CASE WHEN p.pgh_id IS NULL THEN NULL ELSE row_to_json(p)::jsonb END, c.metadata
                FROM "{table}" e
                LEFT JOIN LATERAL (SELECT * FROM "{table}" p WHERE e.pgh_label = 'update'
                                   AND p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id
                                   ORDER BY p.pgh_id DESC LIMIT 1) p ON TRUE
                LEFT JOIN "{CONTEXT_TABLE}" c ON c.id = e.pgh_context_id
                WHERE e.pgh_id = ANY(%s)""")
        params.extend([label, ids])
    if not parts:
        return {}
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(label, pgh_id): (_json(data), _json(previous), _json(context) or {})
                for label, pgh_id, data, previous, context in cursor.fetchall()}


def read_entries(keys, using=DEFAULT_DB_ALIAS):
    """The events of `keys` as Entries, in the keys' order. Names are read set-wise: one query for the rows,
    then one per kind of record named on the page (the records themselves, the records their changed
    fields point to, the users)."""
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
    names = {model: model._base_manager.using(using).in_bulk(ids) for model, ids in wanted.items()}
    for entry in entries:
        pk = entry.model._meta.pk.to_python(entry.object_id)
        obj = names[entry.model].get(pk)
        entry.record = str(obj) if obj is not None else f"{entry.model._meta.verbose_name} #{entry.object_id}"
        if entry.context.get("user") is not None:
            entry.user = names[User].get(int(entry.context["user"]))
        entry.changes = [Change(str(f.verbose_name), _display(f, old, names), _display(f, new, names))
                         for f, old, new in entry.changes]
    return entries

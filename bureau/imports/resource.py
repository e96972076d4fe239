"""`ImportResource`: what an app declares to make a record type importable, and the registry of them.

A resource validates a whole file before anything is written: every cell is parsed, every foreign key of
the file is looked up with one query per column, unique columns are checked against the file and the table
in one query each, then each record is built and its model's `clean()` is called. Every problem is kept as
(row as Excel numbers it, column header, message). Only a file without a single problem is saved, with
`bulk_create` in one transaction; the database triggers of `@audited` record each inserted row.

A cell may also raise a warning (`Column.warning`: an ID number whose region code the code table does not
know for the birth year). A warning does not refuse the row: the preview lists it, the importer confirms
it on commit, and the confirmation is recorded with each record (bureau.services.identifiers_confirm).
"""

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import bulk, functions
from ..audit import audit_bulk_writes
from .columns import EMPTY, Column, ForeignKeyColumn, KeyColumn, cell_text

PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it: the header is row 1
    column: str  # the header, or "" for a problem of the whole row
    message: str


@dataclass
class Record:
    """One record to create: its first row in the file, its parsed values, its children and its object."""

    row: int
    values: dict
    children: list = field(default_factory=list)
    obj: object = None
    bad: bool = False
    warnings: list = field(default_factory=list)  # (column header, message) of its own cells


@dataclass
class Table:
    """The data sheet: headers, then (Excel row number, cells) of every non-blank row."""

    headers: list
    rows: list
    header_row: int = 1


@dataclass
class Validation:
    records: list
    errors: list
    total_rows: int
    warnings: list = field(default_factory=list)  # RowError of rows to confirm, not to refuse

    @property
    def is_valid(self):
        return not self.errors

    @property
    def objects(self):
        return [record.obj for record in self.records]


class ImportResource:
    """Declare `model`, `name` ("app.model"), `label`, `function` and `columns`; register with @register.

    For records with children (an application and its recipients) also declare `group_by` (the header of
    the key column: rows with the same key are one record, its columns read from the first of them),
    `child_model`, `child_fk` and `child_columns`.
    """

    model = None
    name = ""
    label = ""
    function = None
    roles = frozenset()  # if given, only these roles may import it (besides writing its function)
    columns: list[Column] = []
    group_by = None
    group_help = ""
    child_model = None
    child_fk = None
    child_columns: list[Column] = []
    instructions = ""  # an extra paragraph for the 说明 sheet
    batch_size = 2000

    def __init__(self):
        for column in self.columns:
            column.bind(self.model)
        for column in self.child_columns:
            column.bind(self.child_model)
        headers = [c.header for c in self.all_columns]
        if len(set(headers)) != len(headers):
            raise ValueError(f"{self.name}: duplicate column headers")

    @property
    def function_label(self):
        return functions.label(self.function)

    def allowed(self, user):
        """May `user` import this? They write its function, and have one of `roles` when it names some."""
        if not user.can_write(self.function):
            return False
        return not self.roles or user.role in self.roles or user.sees_everything

    @property
    def all_columns(self):
        key = [KeyColumn(self.group_by, help=self.group_help)] if self.group_by else []
        return key + list(self.columns) + list(self.child_columns)

    # --- Hooks an app may override -----------------------------------------------------------------

    def clean_record(self, record, user):
        """Rules across the columns of one record; raise ValidationError (a dict names the fields)."""

    def instantiate(self, record, user):
        return self.instances(self.model)(record.values)

    def instantiate_child(self, child, record, user):
        return self.instances(self.child_model)(child.values)

    def instances(self, model):
        """`model(**values)` for a row, five times faster (bulk.Instances): Model.__init__'s keyword path asks each
        of the model's fields for its default, a fifth of a legal-aid case's import."""
        made = self.__dict__.setdefault("_instances", {})
        if model not in made:
            made[model] = bulk.Instances(model)
        return made[model]

    def prepare(self, records, user):
        """Bulk work right before saving, inside the transaction (numbers, clocks): no query per row."""

    # --- Validation --------------------------------------------------------------------------------

    def validate(self, table, user, progress=None):
        with gc_paused():
            return self._validate(table, user, progress)

    def _validate(self, table, user, progress):
        errors = []
        positions = self._match_headers(table, errors)
        if errors:
            return Validation([], errors, len(table.rows))
        records = self._read_rows(table, positions, errors, progress)
        self._resolve_foreign_keys(records, user, errors)
        self._check_unique(records, errors)
        self.build(records, user, errors)
        errors.sort(key=lambda e: e.row)
        return Validation(records, errors, len(table.rows), _warnings(records))

    def _match_headers(self, table, errors):
        positions = {}
        known = {c.header for c in self.all_columns}
        for index, header in enumerate(table.headers):
            header = cell_text(header)
            if not header:
                continue
            if header not in known:
                errors.append(RowError(table.header_row, header, _("无法识别的列，请使用导入模板的列名。")))
            elif header in positions:
                errors.append(RowError(table.header_row, header, _("列名重复。")))
            else:
                positions[header] = index
        for column in self.all_columns:
            if column.required and column.header not in positions:
                errors.append(RowError(table.header_row, column.header, _("缺少必填列。")))
        if not errors and not table.rows:
            errors.append(RowError(table.header_row + 1, "", _("文件中没有数据。")))
        return positions

    def _read_rows(self, table, positions, errors, progress):
        own = [(c, positions.get(c.header)) for c in self.columns]
        children = [(c, positions.get(c.header)) for c in self.child_columns]
        key_at = positions.get(self.group_by)
        records, groups = [], {}
        for n, (row, cells) in enumerate(table.rows, 1):
            if progress and n % PROGRESS_EVERY == 0:
                progress(n)
            if self.group_by is None:
                records.append(self._read(row, cells, own, errors))
                continue
            key = cell_text(_cell(cells, key_at))
            if not key:
                errors.append(RowError(row, self.group_by, _("此项为必填项。")))
                continue
            if key not in groups:
                groups[key] = (self._read(row, cells, own, errors), cells)
                records.append(groups[key][0])
            else:
                self._check_same_as_first(row, cells, groups[key], own, errors)
            record = groups[key][0]
            child = self._read(row, cells, children, errors)
            record.children.append(child)
            record.bad = record.bad or child.bad
        return records

    def _read(self, row, cells, columns, errors):
        record = Record(row, {})
        for column, at in columns:
            if at is None:
                continue
            try:
                value = column.clean(cells[at] if at < len(cells) else None)
            except ValidationError as error:
                errors.extend(RowError(row, column.header, m) for m in error.messages)
                record.bad = True
                continue
            if value is not EMPTY:
                record.values[column.field] = value
                warning = column.warns and column.warning(value)
                if warning:
                    record.warnings.append((column.header, warning))
        return record

    def _check_same_as_first(self, row, cells, first, columns, errors):
        """A record's own columns come from its first row; a later row may repeat them but not differ."""
        record, first_cells = first
        for column, at in columns:
            value = cell_text(_cell(cells, at)) if at is not None else ""
            if value and value != cell_text(_cell(first_cells, at)):
                errors.append(RowError(row, column.header, _("与同一%(key)s的第%(row)d行不一致。") % {
                    "key": self.group_by, "row": record.row}))
                record.bad = True

    def _resolve_foreign_keys(self, records, user, errors):
        """One query per foreign-key column for every row of the file."""
        for columns, rows_of in ((self.columns, lambda r: [r]), (self.child_columns, lambda r: r.children)):
            for column in columns:
                if not isinstance(column, ForeignKeyColumn):
                    continue
                rows = [row for record in records for row in rows_of(record) if column.field in row.values]
                if not rows:
                    continue
                found = column.resolve({row.values[column.field] for row in rows}, user)
                for record in records:
                    for row in rows_of(record):
                        if column.field not in row.values:
                            continue
                        value = found[row.values[column.field]]
                        if isinstance(value, ValidationError):
                            errors.extend(RowError(row.row, column.header, m) for m in value.messages)
                            record.bad = True
                        else:
                            row.values[column.field] = value

    def _check_unique(self, records, errors):
        """Unique fields: no repeat within the file, none already in the table (one query per column)."""
        for column in self.columns:
            if column.model_field is None or not column.model_field.unique or column.model_field.is_relation:
                continue
            first_row, by_row = {}, {}
            for record in records:
                value = record.values.get(column.field)
                if value is None:
                    continue
                if value in first_row:
                    errors.append(RowError(record.row, column.header, _("与第%(row)d行重复。") % {
                        "row": first_row[value]}))
                    record.bad = True
                else:
                    first_row[value] = record.row
                    by_row[record.row] = record
            existing = set(
                self.model._default_manager.filter(**{f"{column.field}__any_of": first_row})
                .values_list(column.field, flat=True)
            )
            for value in existing:
                errors.append(RowError(first_row[value], column.header, _("系统中已有%(header)s为“%(value)s”的记录。") % {
                    "header": column.header, "value": value}))
                by_row[first_row[value]].bad = True

    def build(self, records, user, errors):
        """Instantiate each record (and its children) and run the model's own `clean()`: no queries."""
        own = {c.field: c.header for c in self.columns if c.field}
        children = {c.field: c.header for c in self.child_columns if c.field}
        for record in records:
            if record.bad:
                continue
            try:
                self.clean_record(record, user)
                record.obj = self.instantiate(record, user)
                record.obj.clean()
            except ValidationError as error:
                errors.extend(_row_errors(record.row, error, own))
                record.bad = True
                continue
            for child in record.children:
                try:
                    child.obj = self.instantiate_child(child, record, user)
                    child.obj.clean()
                except ValidationError as error:
                    errors.extend(_row_errors(child.row, error, children))
                    record.bad = True
        return [record.obj for record in records]

    # --- Saving ------------------------------------------------------------------------------------

    def save(self, validation, user, progress=None):
        """Write every record of a valid file in one transaction; return how many records were created."""
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        records = validation.records
        with gc_paused(), transaction.atomic():
            audit_bulk_writes()
            self.prepare(records, user)
            objects = [record.obj for record in records]
            for start in range(0, len(objects), self.batch_size):
                bulk.insert(objects[start:start + self.batch_size])
                if progress:
                    progress(min(start + self.batch_size, len(objects)))
            if self.child_model:
                children = []
                for record in records:
                    for child in record.children:
                        setattr(child.obj, self.child_fk, record.obj)
                        children.append(child.obj)
                bulk.insert(children)
            self.confirm_identifiers(records, user)
        return len(objects)

    def confirm_identifiers(self, records, user):
        """Record the importer's confirmation of the file's warnings with the records they concern (one
        insert): the commit is only reached once the importer confirmed them (import_job_confirm)."""
        from bureau.services import identifiers_confirm

        warned = [row.obj for record in records if record.warnings or any(c.warnings for c in record.children)
                  for row in (record, *record.children)]  # a child may copy its record's number, or the reverse
        identifiers_confirm(objects=warned, by=user, confirmed=True)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while tens of thousands of objects that all stay alive are made:
    its passes over them found nothing to free and cost 13% of an import (docs/benchmarks.md).

    Within an import job (`gc_frozen_for_job`) what is alive when the pause ends — the file's cells, records and
    instances — is then frozen out of the collector's passes: switched back on, the collector otherwise went once
    more over all the objects made during the pause (0.09–0.14 s a file of 10,000 people, issue 18)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _job_freezing.allowed:
                gc.freeze()
            gc.enable()


class _JobFreezing:
    """The import jobs running in the process, and whether the objects alive at the end of their pauses are
    frozen (gc_paused): only when nothing else was frozen before the first began, since `gc.unfreeze` at the end
    thaws all that is frozen (a gunicorn worker freezes its loaded application: it stays frozen, and a job inside
    its request — a small file — only pauses the collector)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.jobs = 0
        self.allowed = False


_job_freezing = _JobFreezing()


@contextmanager
def gc_frozen_for_job():
    """Around an import job's reading, validation and writing (bureau.imports.services): the objects its pauses of
    the collector made stay frozen out of the collector's passes until the job ends, and are thawed then (the last
    job of the process to end thaws them). Its records die by reference counting once the job lets them go; what
    was cyclic garbage among the frozen is collected by the collector's next passes after the thaw."""
    state = _job_freezing
    with state.lock:
        if state.jobs == 0:
            state.allowed = gc.get_freeze_count() == 0
        state.jobs += 1
    try:
        yield
    finally:
        with state.lock:
            state.jobs -= 1
            if state.jobs == 0 and state.allowed:
                state.allowed = False
                gc.unfreeze()


def _warnings(records):
    return [RowError(row.row, header, message) for record in records if not record.bad
            for row in (record, *record.children) for header, message in row.warnings]


def _cell(cells, at):
    return cells[at] if at is not None and at < len(cells) else None


def _row_errors(row, error, headers):
    if not hasattr(error, "error_dict"):
        return [RowError(row, "", m) for m in error.messages]
    return [
        RowError(row, headers.get(name, ""), m)
        for name, field_errors in error.error_dict.items()
        for e in field_errors
        for m in e.messages
    ]


# --- Registry ---------------------------------------------------------------------------------------

_registry: dict[str, ImportResource] = {}


def register(resource_class):
    """Class decorator for an app's resources.py (imported at start-up by BureauConfig.ready)."""
    resource = resource_class()
    if resource.name in _registry and type(_registry[resource.name]) is not resource_class:
        raise ValueError(f"import resource {resource.name!r} is registered twice")
    _registry[resource.name] = resource
    return resource_class


def get_resource(name):
    """The registered resource, or LookupError."""
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(name) from None


def registered_resources():
    return sorted(_registry.values(), key=lambda r: r.name)


def resources_for(user):
    """The resources a user may import: those of the functions they may write."""
    return [r for r in registered_resources() if r.allowed(user)]

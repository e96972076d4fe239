"""What the import benches share: timing an import in a transaction that is rolled back, and our pipeline's
run. Imported after django.setup() by bench/import_bench.py and bench/mediation_import_bench.py."""

import time
from pathlib import Path

import openpyxl
import pghistory
from django.db import connection, transaction

from bureau.imports import get_resource
from bureau.imports.files import read_table


def write_file(folder, name, headers, rows, fmt):
    """The rows as `name`.xlsx (a 数据 sheet, as the import template has) or .csv (UTF-8 with BOM, as Excel
    saves it); returns the path."""
    path = Path(folder) / f"{name}.{fmt}"
    if fmt == "csv":
        lines = [",".join(headers)] + [",".join(str(c) for c in row) for row in rows]
        path.write_text("\n".join(lines), encoding="utf-8-sig")
        return path
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


class Rollback(Exception):
    pass


def timed(run, world, check):
    """Run `run(user)` for the user `world()` makes, in a transaction rolled back afterwards (the deferred
    foreign-key checks forced inside the timing); `check(user, written)` asserts what was written.
    Returns (seconds, rows written)."""
    try:
        with transaction.atomic():
            user = world()
            with pghistory.context(user=user.pk, bench=True):
                started = time.perf_counter()
                written = run(user)
                with connection.cursor() as cursor:  # the deferred foreign-key checks run at COMMIT
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                elapsed = time.perf_counter() - started
            check(user, written)
            raise Rollback(elapsed, written)
    except Rollback as done:
        return done.args


def ours(resource_name, path, preview):
    """Our pipeline on `path`: validate the whole file (twice with `preview`, as the page's dry run does),
    then write it. Returns `run(user)`."""
    resource = get_resource(resource_name)

    def validate(user):
        with path.open("rb") as file:
            result = resource.validate(read_table(file, path.name), user)
        assert result.is_valid, result.errors[:5]
        return result

    def run(user):
        if preview:
            validate(user)
        return resource.save(validate(user), user)

    return run


class AuditCounts:
    """Per audited model: its rows, its insert and delete events, and the highest event id (one query)."""

    def __init__(self):
        from bureau.audit import event_models

        self.models = {m.pgh_tracked_model: m for m in event_models().values()}
        parts = []
        for tracked, events in self.models.items():
            table, log = tracked._meta.db_table, events._meta.db_table
            parts.append(f"SELECT '{tracked._meta.label}', (SELECT count(*) FROM \"{table}\"), "
                         f"(SELECT count(*) FILTER (WHERE pgh_label = 'insert') FROM \"{log}\"), "
                         f"(SELECT count(*) FILTER (WHERE pgh_label = 'delete') FROM \"{log}\"), "
                         f"(SELECT coalesce(max(pgh_id), 0) FROM \"{log}\")")
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts))
            self.counts = {label: tuple(numbers) for label, *numbers in cursor.fetchall()}

    def rows(self, model):
        return self.counts[model._meta.label][0]


def audit_snapshot():
    return AuditCounts()


def audit_complete(before, after, user):
    """'complete: …' when in every audited table the rows added equal the insert events added less the delete
    events, and every event added names `user` in its context; else what is missing."""
    problems, inserted, tables = [], 0, 0
    for tracked, events in after.models.items():
        label = tracked._meta.label
        rows, inserts, deletes, top = (a - b for a, b in zip(after.counts[label], before.counts[label]))
        if not (rows or inserts or deletes):
            continue
        if rows != inserts - deletes:
            problems.append(f"{label}: {rows} rows, {inserts} insert and {deletes} delete events")
        inserted += inserts
        tables += 1
        with connection.cursor() as cursor:
            cursor.execute(f"""SELECT count(*) FROM "{events._meta.db_table}" e
                               LEFT JOIN pghistory_context c ON c.id = e.pgh_context_id
                               WHERE e.pgh_id > %s AND (c.metadata->>'user') IS DISTINCT FROM %s""",
                           [before.counts[label][3], str(user.pk)])
            anonymous = cursor.fetchone()[0]
        if anonymous:
            problems.append(f"{label}: {anonymous} events without the importer")
    if problems:
        return "INCOMPLETE: " + "; ".join(problems)
    return f"complete: {inserted} insert events = rows added, {tables} tables, each naming the importer"

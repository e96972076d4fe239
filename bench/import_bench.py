"""Import speed: every import resource against the goal of 5,000 rows/s (--all), and our pipeline beside stock
django-import-export on the same 20,000-row consultation file (the default).

    .venv/bin/python bench/import_bench.py --all [--rows 10000] [--repeat 1]   # every registered resource
    .venv/bin/python bench/import_bench.py --resource corrections.supervisee [--resource …]
    .venv/bin/pip install django-import-export      # the comparison only; not a dependency of the project
    .venv/bin/python bench/import_bench.py [--rows 20000] [--format xlsx|csv] [--preview] [--repeat 3]
                                           [--skip-import-export]

With --all (or --resource) each resource gets a valid file of --rows rows built for it (bench/import_worlds.py:
the areas, people, firms, campaigns … it names are made first, in bulk, in scratch areas 990000–990001), which
is read, validated and written as an import job's commit does; the line says rows, seconds, rows/s and PASS or
FAIL against 5,000 rows/s, and whether the audit trail is complete: in every audited table the rows added equal
the insert events added (less the delete events), and every new event carries the importer's context.

Each side reads the file, validates every row and writes them all, as `manage.py import_records` and the
commit of an import job do. With --preview each side first makes the dry run the import page shows
(read and validate, nothing kept), then the import: the whole journey of a clerk on the page.
The deferred foreign-key checks are forced to run inside the timing, and the audit triggers fire on both
sides. Each side runs in its own transaction that is rolled back, so the development database is left as
it was (sequences aside). Results are recorded in docs/benchmarks.md.
"""

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.importing import audit_complete, audit_snapshot, ours, timed, write_file  # noqa: E402
from bureau.models import Area, Role, User  # noqa: E402
from legalaid.models import Consultation  # noqa: E402

HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "摘要", "解答内容"]
CHANNELS = ["窗口", "12348热线", "网络"]
TOPICS = ["劳动争议", "婚姻家庭", "合同纠纷", "房产土地", "道路交通事故"]
STREETS = ["990001001", "990001002"]


def make_file(folder, rows, fmt):
    start = date(2025, 1, 1)
    data = [
        [start + timedelta(days=i % 365), STREETS[i % 2], CHANNELS[i % 3], TOPICS[i % 5], 1 + i % 4,
         f"咨询摘要第{i}号：工资被拖欠三个月，询问如何申请劳动仲裁", "告知可申请劳动仲裁及所需材料"]
        for i in range(rows)
    ]
    return write_file(folder, "consultations", HEADERS, data, fmt)


def scratch_world():
    """A district, two streets and a clerk of the legal aid section, inside the rolled-back transaction."""
    city = Area.objects.create(code="990000", name="基准市", level=Area.Level.CITY)
    district = Area.objects.create(code="990001", name="基准区", level=Area.Level.DISTRICT, parent=city)
    for code in STREETS:
        Area.objects.create(code=code, name=f"基准街道{code[-1]}", level=Area.Level.STREET, parent=district)
    return User.objects.create(username="bench-import", role=Role.SECTION, section="legalaid",
                               area=district)


def consultations_written(user, written):
    assert Consultation.objects.filter(recorded_by=user).count() == written


def stock_import_export(path, preview):
    import tablib
    from import_export import fields, resources, widgets

    from lawyers.models import Specialty

    class LabelWidget(widgets.Widget):
        """import-export has no widget for a choice given by its label; this is the smallest one."""

        def __init__(self, choices):
            super().__init__()
            self.codes = {str(label): value for value, label in choices.choices}

        def clean(self, value, row=None, **kwargs):
            return self.codes[value]

    class ConsultationImportExportResource(resources.ModelResource):
        on = fields.Field("on", "日期", widgets.DateWidget())
        area = fields.Field("area", "街道", widgets.ForeignKeyWidget(Area, "code"))
        channel = fields.Field("channel", "渠道", LabelWidget(Consultation.Channel))
        topic = fields.Field("topic", "咨询事项", LabelWidget(Specialty))
        person_times = fields.Field("person_times", "人次", widgets.IntegerWidget())
        note = fields.Field("note", "摘要", widgets.CharWidget())
        answer = fields.Field("answer", "解答内容", widgets.CharWidget())

        class Meta:
            model = Consultation
            # stock: id identifies a row
            fields = ("id", "on", "area", "channel", "topic", "person_times", "note", "answer")

        def before_save_instance(self, instance, row, **kwargs):
            instance.recorded_by = kwargs["user"]

    def load():
        fmt = path.suffix.lstrip(".")
        content = path.read_bytes() if fmt == "xlsx" else path.read_text(encoding="utf-8-sig")
        return tablib.Dataset().load(content, format=fmt)

    def run(user):
        resource = ConsultationImportExportResource()
        if preview:
            result = resource.import_data(load(), dry_run=True, user=user)
            assert not result.has_errors() and not result.has_validation_errors(), _first_error(result)
        result = resource.import_data(load(), dry_run=False, user=user)
        assert not result.has_errors() and not result.has_validation_errors(), _first_error(result)
        return result.totals["new"]

    return run


def _first_error(result):
    for row in result.invalid_rows[:1]:
        return row.error_dict
    for number, errors in list(result.row_errors())[:1]:
        return number, [str(e.error) for e in errors]
    return result.base_errors[:1]


def vacuum():
    """The rolled-back rows are dead tuples: vacuum them, or each run slows the next."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) legalaid_consultation, legalaid_consultationevent, pghistory_context")


GOAL = 5_000  # rows per second, every resource (issue 18)


def bench_resource(name, folder, rows, fmt, repeat, profile=False):
    """(seconds, rows written, audit verdict) of the best of `repeat` imports of a valid file of `rows` rows."""
    from bench.import_worlds import SPECS, base_world
    from bureau.imports import get_resource

    spec, resource = SPECS[name], get_resource(name)
    path = Path(folder) / f"{name}.{fmt}"
    audit = {}

    def world():
        base = base_world()
        made = spec.world(base, rows) if spec.world else None
        write_file(folder, name, spec.headers, spec.rows(rows, base, made), fmt)
        audit["before"] = audit_snapshot()
        return base.users[spec.user or resource.function]

    def check(user, written):
        assert resource.model._default_manager.count() - audit["before"].rows(resource.model) == written
        audit["verdict"] = audit_complete(audit["before"], audit_snapshot(), user)
        audit["records"] = written

    run = as_job(ours(name, path, False))
    if profile:
        run = profiled(run)
    runs = []
    for _ in range(repeat):
        seconds, _written = timed(run, world, check)  # rows of the file: a record with children has several
        runs.append((seconds, rows, audit["records"], audit["verdict"]))
        vacuum_all()
    return min(runs)


def as_job(run):
    """`run` as an import job runs it (bureau.imports.services): within gc_frozen_for_job, whose thaw at the end is
    timed too."""
    from bureau.imports.resource import gc_frozen_for_job

    def run_as_job(user):
        with gc_frozen_for_job():
            return run(user)

    return run_as_job


def profiled(run):
    """`run` under cProfile, printing the costliest calls (--profile; BENCH_SORT=tottime, BENCH_TOP=60)."""
    import cProfile
    import pstats

    def run_profiled(user):
        profiler = cProfile.Profile()
        written = profiler.runcall(run, user)
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("BENCH_TOP", "30")))
        return written

    return run_profiled


def vacuum_all():
    """The rolled-back rows are dead tuples: vacuum them, or each run slows the next."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def machine():
    """The machine's state: it is shared, and a load of 8 on its 2 cores makes every figure several times slower."""
    return f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} CPUs"


def bench_all(names, rows, fmt, repeat, profile=False):
    print(f"{rows} rows per resource, {fmt}: read, validate, write (as an import job's commit); audit triggers on; "
          f"rolled back; best of {repeat}; goal {GOAL:,} rows/s; {machine()}")
    failed = []
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            try:
                seconds, written, records, audit = bench_resource(name, folder, rows, fmt, repeat, profile)
            except Exception as error:  # a resource whose file is refused: say why, go on with the others
                print(f"{name:32s} ERROR {type(error).__name__}: {str(error)[:300]}")
                failed.append(name)
                continue
            rate = written / seconds
            verdict = "PASS" if rate >= GOAL and audit.startswith("complete") else "FAIL"
            if verdict == "FAIL":
                failed.append(name)
            print(f"{name:32s} {written:7d} rows {seconds:7.2f} s {rate:8,.0f} rows/s  {verdict}  "
                  f"{records} records; audit {audit}", flush=True)
    print(f"{len(names) - len(failed)} of {len(names)} resources at {GOAL:,} rows/s or more with a complete audit"
          + (f"; below: {', '.join(failed)}" if failed else "") + f"; {machine()}")
    return not failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every registered import resource")
    parser.add_argument("--resource", action="append", default=[], help="this resource (repeatable)")
    parser.add_argument("--rows", type=int, default=None, help="20,000 for the comparison; 10,000 with --all")
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--preview", action="store_true", help="a dry run first, as the import page does")
    parser.add_argument("--repeat", type=int, default=None, help="runs of ours; the best counts (3; --all: 1)")
    parser.add_argument("--skip-import-export", action="store_true")
    parser.add_argument("--profile", action="store_true", help="with --resource: where the time goes (cProfile)")
    args = parser.parse_args()
    if args.all or args.resource:
        from bureau.imports import registered_resources

        names = [r.name for r in registered_resources()] if args.all else args.resource
        sys.exit(0 if bench_all(names, args.rows or 10_000, args.format, args.repeat or 1, args.profile) else 1)
    args.rows, args.repeat = args.rows or 20_000, args.repeat or 3
    with tempfile.TemporaryDirectory() as folder:
        path = make_file(folder, args.rows, args.format)
        steps = "preview (read, validate), then import (read, validate, write)" if args.preview else \
            "import (read, validate, write)"
        print(f"{args.rows} consultation rows, {args.format} ({path.stat().st_size // 1024} KiB): {steps}; "
              "audit triggers on; rolled back")
        # Best of a few runs: the machine is shared, and the slower runs measure the neighbours.
        vacuum()
        run = as_job(ours("legalaid.consultation", path, args.preview))
        seconds, written = min(timed(run, scratch_world, consultations_written) for _ in range(args.repeat))
        vacuum()
        ours_rate = written / seconds
        print(f"ours (bureau.imports)          {seconds:8.2f} s  {ours_rate:10,.0f} rows/s  (best of {args.repeat})")
        if args.skip_import_export:
            return
        try:
            import import_export
        except ImportError:
            print("django-import-export is not installed: .venv/bin/pip install django-import-export")
            return
        seconds, written = timed(stock_import_export(path, args.preview), scratch_world, consultations_written)
        vacuum()
        theirs_rate = written / seconds
        print(f"django-import-export {import_export.__version__:9s} {seconds:8.2f} s  {theirs_rate:10,.0f} rows/s  "
              "(one run)")
        print(f"ratio: ours is {ours_rate / theirs_rate:.1f}× as fast")


if __name__ == "__main__":
    main()

"""Import speed: our pipeline beside stock django-import-export, on the same 20,000-row consultation file.

    .venv/bin/pip install django-import-export      # the comparison only; not a dependency of the project
    .venv/bin/python bench/import_bench.py [--rows 20000] [--format xlsx|csv] [--preview] [--repeat 3]
                                           [--skip-import-export]

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

from bureau.models import Area, Role, User  # noqa: E402
from bench.importing import ours, timed, write_file  # noqa: E402
from legalaid.models import Consultation  # noqa: E402

HEADERS = ["日期", "街道", "渠道", "咨询事项", "人次", "摘要"]
CHANNELS = ["窗口", "12348热线", "网络"]
TOPICS = ["劳动争议", "婚姻家庭", "合同纠纷", "房产土地", "道路交通事故"]
STREETS = ["990001001", "990001002"]


def make_file(folder, rows, fmt):
    start = date(2025, 1, 1)
    data = [
        [start + timedelta(days=i % 365), STREETS[i % 2], CHANNELS[i % 3], TOPICS[i % 5], 1 + i % 4,
         f"咨询摘要第{i}号：工资被拖欠三个月，询问如何申请劳动仲裁"]
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

        class Meta:
            model = Consultation
            fields = ("id", "on", "area", "channel", "topic", "person_times", "note")  # stock: id identifies a row

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--preview", action="store_true", help="a dry run first, as the import page does")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours; the best counts")
    parser.add_argument("--skip-import-export", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = make_file(folder, args.rows, args.format)
        steps = "preview (read, validate), then import (read, validate, write)" if args.preview else \
            "import (read, validate, write)"
        print(f"{args.rows} consultation rows, {args.format} ({path.stat().st_size // 1024} KiB): {steps}; "
              "audit triggers on; rolled back")
        # Best of a few runs: the machine is shared, and the slower runs measure the neighbours.
        vacuum()
        run = ours("legalaid.consultation", path, args.preview)
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
        print(f"django-import-export {import_export.__version__:9s} {seconds:8.2f} s  {theirs_rate:10,.0f} rows/s  (one run)")
        print(f"ratio: ours is {ours_rate / theirs_rate:.1f}× as fast")


if __name__ == "__main__":
    main()

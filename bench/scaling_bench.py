"""How the portal's costs grow with the number of districts: every figure of docs/scaling.md from one command.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_scale30 \\
        .venv/bin/python bench/scaling_bench.py [--district 440303] [--year 2025] [--runs 10]
                                               [--audit-events-per-district 100000] [--explain]

The database is one filled by `manage.py generate_dataset` (with `--extra-districts N` for more than ten;
docs/scaling.md). For the database at hand the bench prints:

- the dataset: districts, streets, rows of the main tables, the database's size;
- the statistics API (`/api/v1/stats/`, every indicator) for the city and for one district, as the city
  bureau's account and the district's leader, through Django's test client (no cache on this path);
- the dashboards cold (their cached figures made stale before each run) and warm: the city's and the
  district's overview, the city's comparison of its districts and the city's legal-aid page (both compute
  each district in turn);
- the daily Celery beat task, `bureau.tasks.run_reminder_rules_task`, run in this process as the worker
  would (`run_rules(today)` under the task's audit context): the first run over the dataset (no to-do yet:
  every to-do written, audit triggers firing) and the next day's run (every to-do already there), the slowest
  rules named. Both runs are rolled back, so the bench leaves no to-dos behind and can be run again;
- the audit trail's search (bureau.audit.Trail) for the usual searches. The generator loads without triggers,
  so the trail is first topped up to --audit-events-per-district × districts events with bench/audit_bench.py's
  writer (its spread of users, tables and days; once: later runs find them there; 0 skips the top-up);
- with --explain, the work each of those requests gives PostgreSQL whatever the machine's load: its SELECTs
  again under EXPLAIN (ANALYZE, BUFFERS) — pages touched, time in the database, the access paths (table and
  index) that touched the most pages.

The cache is Redis database 14 under its own prefix, as in bench/stats_bench.py; nothing of the development
server is touched.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
os.environ.setdefault("REDIS_CACHE_DB", "14")
os.environ.setdefault("CACHE_PREFIX", "scaling-bench")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="scaling-bench-media-"))

import django  # noqa: E402

django.setup()

import pghistory  # noqa: E402
from audit_bench import event_count, fill, make_users  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from stats_bench import leader_of, percentile  # noqa: E402

from bureau import audit  # noqa: E402
from bureau.models import Area, Reminder, Role, User  # noqa: E402
from bureau.reminders import registered_rules, run_rule  # noqa: E402
from figures import dashboard  # noqa: E402
from figures.periods import parse_period  # noqa: E402

TABLES = [
    "bureau_area", "bureau_user", "legalaid_case", "legalaid_recipient", "legalaid_casestep", "legalaid_consultation",
    "lawyers_lawyer", "lawyers_servicelog", "mediation_case", "mediation_party", "corrections_supervisee",
    "corrections_ledgerentry", "corrections_supervisionevent", "corrections_attendance",
    "corrections_releasedperson",
]


class Rollback(Exception):
    pass


def line(label, seconds):
    ms = [s * 1000 for s in seconds]
    print(f"  {label:52s} median {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 95):8.1f} ms   "
          f"(n={len(ms)})", flush=True)


def timed(run, runs, before=None):
    times = []
    for _i in range(runs):
        if before:
            before()
        started = time.perf_counter()
        response = run()
        times.append(time.perf_counter() - started)
        if hasattr(response, "status_code"):
            assert response.status_code == 200, response.status_code
    return times


def dataset(city):
    districts = Area.objects.filter(parent=city, level=Area.Level.DISTRICT).count()
    streets = Area.objects.filter(parent__parent=city, level=Area.Level.STREET).count()
    print(f"dataset: {districts} districts, {streets} streets")
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        present = {row[0] for row in cursor.fetchall()}
        for table in TABLES:
            if table not in present:
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            n = cursor.fetchone()[0]
            total += n
            print(f"  {table:40s} {n:>12,}")
        trail = [m._meta.db_table for m in audit.event_models().values()] + [audit.CONTEXT_TABLE]
        cursor.execute("SELECT sum(greatest(reltuples, 0))::bigint FROM pg_class WHERE relkind = 'r' "
                       "AND relnamespace = 'public'::regnamespace AND NOT relname = ANY(%s)", [trail])
        everything = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(f"  {'(the tables above)':40s} {total:>12,}\n  {'every table but the trail (planner estimate)':40s} "
          f"{everything:>12,}\n  database size {size}", flush=True)
    return districts


def city_user(city):
    user = User.objects.filter(role=Role.CITY, area=city).order_by("pk").first()
    if user is None:
        user = User.objects.create(username="c440300_city", name="市司法局", role=Role.CITY, area=city)
    return user


def statistics_api(city_client, city, district_client, district, period, runs):
    url = reverse("api:stats")
    print(f"\nstatistics API {url}?period={period.key} (every indicator the caller sees):")
    for client, area, who in ((city_client, city, "city bureau"), (district_client, district, "district leader")):
        query = {"period": period.key, "area": area.code}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        assert response.status_code == 200, response.content[:300]
        indicators = response.json()["indicators"]
        line(f"{area.name} ({who}), {len(indicators)} indicators, {len(captured)} queries",
             timed(lambda: client.get(url, query), runs))


def dashboards(city_client, city, district_client, district, period, runs):
    print(f"\ndashboards, period {period.key} (cold: figures made stale before each run):")
    pages = [
        ("city overview", city_client, reverse("dashboard:overview"), city, runs),
        ("district overview", district_client, reverse("dashboard:overview"), district, runs),
        ("city comparison of districts", city_client, reverse("dashboard:comparison"), city, max(3, runs // 3)),
        ("city legal-aid page (each district)", city_client, reverse("dashboard:function", args=["legalaid"]), city,
         max(3, runs // 3)),
    ]
    for label, client, url, area, n in pages:
        query = {"period": period.key, "area": area.code}
        with CaptureQueriesContext(connection) as captured:
            dashboard.invalidate()
            assert client.get(url, query).status_code == 200
        line(f"{label}, cold ({len(captured)} queries)", timed(lambda: client.get(url, query), n,
                                                               before=dashboard.invalidate))
        client.get(url, query)
        line(f"{label}, warm", timed(lambda: client.get(url, query), n))


def reminder_runs(today):
    """The daily task twice — into an empty to-do table, then again the same day (nothing new) — in a
    transaction rolled back afterwards. Per rule: seconds of each run and to-dos written."""
    rules = sorted(registered_rules().items())
    first, second, created = {}, {}, {}
    try:
        with transaction.atomic(), pghistory.context(task="bureau.tasks.run_reminder_rules_task", task_id="bench"):
            Reminder.objects.all().delete()  # (a generated city has none; rolled back with the rest)
            for runs in (first, second):
                for kind, rule in rules:
                    started = time.perf_counter()
                    n = run_rule(rule, today)
                    runs[kind] = time.perf_counter() - started
                    created.setdefault(kind, n)
            raise Rollback
    except Rollback:
        pass
    return first, second, created


def reminders(today):
    print(f"\nthe daily beat task run_reminder_rules_task ({len(registered_rules())} rules, today {today}; "
          "rolled back afterwards):", flush=True)
    first, second, created = reminder_runs(today)
    print(f"  first run (no to-do yet): {sum(first.values()):8.1f} s, {sum(created.values()):,} to-dos written")
    print(f"  next run (all there):     {sum(second.values()):8.1f} s")
    print("  slowest rules (first run / next run, to-dos):")
    for kind in sorted(first, key=lambda k: -first[k])[:6]:
        print(f"    {kind:44s} {first[kind]:7.2f} s / {second[kind]:6.2f} s  {created[kind]:>8,}")


def trail(districts, per_district, runs):
    tables = [m._meta.db_table for m in audit.event_models().values()]
    if per_district:
        users = make_users()
        fill(per_district * districts, users)
        audit.ensure_indexes()
    with connection.cursor() as cursor:
        events = event_count(cursor, tables)
        cursor.execute(f"""SELECT metadata->>'user', count(*) FROM "{audit.CONTEXT_TABLE}"
                           WHERE metadata ? 'user' GROUP BY 1 ORDER BY 2 DESC LIMIT 1""")
        busy = cursor.fetchone()
    print(f"\naudit trail search (bureau.audit.Trail), {events:,} events in {len(tables)} event tables:")
    if not events:
        print("  (empty trail: nothing to search)")
        return
    now = timezone.now()
    searches = [("no filter", audit.Trail()),
                ("a week a year ago", audit.Trail(since=now - timedelta(days=372), until=now - timedelta(days=365))),
                ("record type bureau.Reminder", audit.Trail(model="bureau.Reminder"))]
    if busy:
        searches.append((f"the busiest user ({busy[1]:,} contexts)", audit.Trail(user=User.objects.get(pk=busy[0]))))
    for label, search in searches:
        line(f"{label}: the page's 200 keys", timed(lambda: search.keys(), runs))
        line(f"{label}: 200 entries read in full", timed(lambda: search.entries(), runs))


def plans(requests):
    """What the database does for each request, independent of the machine's load: its SELECTs run again under
    EXPLAIN (ANALYZE, BUFFERS) — the pages (8 kB buffers) they touch, the time PostgreSQL spent, and the access
    paths (table and index, or a sequential scan) that touched the most pages."""
    print("\nwork in PostgreSQL per request (its SELECTs under EXPLAIN ANALYZE, BUFFERS; cold: figures made stale):")
    for label, client, url, query in requests:
        dashboard.invalidate()
        with CaptureQueriesContext(connection) as captured:
            client.get(url, query)
        paths, pages, ms, n = Counter(), 0, 0.0, 0
        with connection.cursor() as cursor:
            for q in captured.captured_queries:
                if not q["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + q["sql"])
                row = cursor.fetchone()[0]
                result = (json.loads(row) if isinstance(row, str) else row)[0]
                plan = result["Plan"]
                pages += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
                ms += result.get("Execution Time", 0.0)
                n += 1
                _walk(plan, paths)
        print(f"  {label:40s} {n:>5} SELECTs {ms:>9.1f} ms {pages:>10,} pages   most pages: "
              + ", ".join(f"{path} {k:,}" for path, k in paths.most_common(4)), flush=True)


SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def _walk(node, paths):
    """Pages of each scan node (a bitmap heap scan with its index), by "table:index" or "table:seq"."""
    if node.get("Node Type") in SCANS:
        index = node.get("Index Name") or next(
            (c.get("Index Name") for c in node.get("Plans", []) if c.get("Index Name")), None) or "seq"
        paths[f"{node['Relation Name']}:{index}"] += node.get("Shared Hit Blocks", 0) + node.get(
            "Shared Read Blocks", 0)
        return
    for child in node.get("Plans", []):
        _walk(child, paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default="440303")
    parser.add_argument("--year", help="a period key (default: last year, the latest whole one)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--audit-events-per-district", type=int, default=100_000)
    parser.add_argument("--skip-reminders", action="store_true")
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    settings.DEBUG = False  # no query log in the measured runs
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    city = Area.objects.get(code="440300")
    district = Area.objects.get(code=args.district)
    period = parse_period(args.year or str(timezone.localdate().year - 1))
    print(f"database {connection.settings_dict['NAME']}, {timezone.localdate()}, load average "
          f"{os.getloadavg()[0]:.1f}, {args.runs} runs after a warm-up")
    districts = dataset(city)

    city_client, district_client = Client(), Client()
    city_client.force_login(city_user(city), backend="bureau.backends.ModelBackend")
    district_client.force_login(leader_of(district), backend="bureau.backends.ModelBackend")
    statistics_api(city_client, city, district_client, district, period, args.runs)
    dashboards(city_client, city, district_client, district, period, args.runs)
    if not args.skip_reminders:
        reminders(timezone.localdate())
    trail(districts, args.audit_events_per_district, max(3, args.runs // 3))
    if args.explain:
        on_city = {"period": period.key, "area": city.code}
        on_district = {"period": period.key, "area": district.code}
        overview = reverse("dashboard:overview")
        plans([("statistics API, city", city_client, reverse("api:stats"), on_city),
               ("statistics API, district", district_client, reverse("api:stats"), on_district),
               ("city overview", city_client, overview, on_city),
               ("district overview", district_client, overview, on_district),
               ("city comparison of districts", city_client, reverse("dashboard:comparison"), on_city),
               ("city legal-aid page", city_client, reverse("dashboard:function", args=["legalaid"]), on_city)])
    cache.clear()  # Redis database 14 of this benchmark only (the sessions too: not before the last request)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

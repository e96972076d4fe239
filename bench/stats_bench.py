"""Statistics speed on the city dataset: the API, one hand-written SQL aggregate, the dashboard, a report.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bureau_city \\
        .venv/bin/python bench/stats_bench.py [--district 440303] [--year 2025 (default: last year)] [--runs 30] [--explain]

The database is one filled by `manage.py generate_dataset` (docs/benchmarks.md). The benchmark signs in
as the district's leader (`d<code>_leader`, made by the generator, or created here) and measures:

- the statistics API for the district-year, through Django's test client (no cache in the way), both for
  everything a leader sees and for the legal-aid and corrections indicators alone;
- the same legal-aid and corrections indicators as ONE hand-written SQL statement (below), whose figures
  must equal the API's — any difference is printed;
- the ratio API / SQL (goal ≤ 2×);
- the district dashboard cold (its cached figures made stale before each run) and warm (goals: p95
  ≤ 300 ms and ≤ 50 ms);
- a district annual report, Word and Excel (goal ≤ 10 s).

--explain runs EXPLAIN (ANALYZE, BUFFERS) on every query the API made, slowest first. The cache is Redis
database 14 under its own prefix and report files go to a temporary folder, so nothing of the development
server is touched; the report row made for the measurement is deleted again.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
os.environ.setdefault("REDIS_CACHE_DB", "14")
os.environ.setdefault("CACHE_PREFIX", "stats-bench")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="stats-bench-media-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bureau.models import Area, Role, User  # noqa: E402
from figures.periods import parse_period  # noqa: E402

# The one statement: every legalaid.*, corrections.* and resettlement.* indicator of indicators.md for an
# area (its path prefix) and a period, each definition written out as the apps' stats.py read it.
SQL = """
WITH
la_case AS (
    SELECT c.* FROM legalaid_case c JOIN bureau_area a ON a.id = c.area_id WHERE a.path LIKE %(prefix)s
),
la AS (
    SELECT
        count(*) FILTER (WHERE received_on BETWEEN %(start)s AND %(end)s) AS applications_received,
        count(*) FILTER (WHERE decision = 'granted' AND decided_on BETWEEN %(start)s AND %(end)s) AS cases_accepted,
        count(*) FILTER (WHERE decision = 'granted' AND decided_on BETWEEN %(start)s AND %(end)s
                         AND matter_kind = 'criminal') AS cases_criminal,
        count(*) FILTER (WHERE decision = 'granted' AND decided_on BETWEEN %(start)s AND %(end)s
                         AND matter_kind = 'civil') AS cases_civil,
        count(*) FILTER (WHERE decision = 'granted' AND decided_on BETWEEN %(start)s AND %(end)s
                         AND matter_kind = 'administrative') AS cases_administrative,
        count(*) FILTER (WHERE decision = 'refused' AND decided_on BETWEEN %(start)s AND %(end)s) AS cases_refused,
        count(*) FILTER (WHERE closed_on BETWEEN %(start)s AND %(end)s) AS cases_closed,
        coalesce(sum(recovered_amount) FILTER (WHERE closed_on BETWEEN %(start)s AND %(end)s), 0)
            AS economic_loss_recovered,
        round(count(*) FILTER (WHERE decided_on BETWEEN %(start)s AND %(end)s AND decision_due_on IS NOT NULL
                               AND decided_on <= decision_due_on)::numeric
              / nullif(count(*) FILTER (WHERE decided_on BETWEEN %(start)s AND %(end)s
                                        AND decision_due_on IS NOT NULL), 0), 4) AS decided_on_time_rate
    FROM la_case
    WHERE received_on BETWEEN %(start)s AND %(end)s OR decided_on BETWEEN %(start)s AND %(end)s
       OR closed_on BETWEEN %(start)s AND %(end)s
),
la_recipients AS (
    SELECT
        count(*) AS recipients,
        count(*) FILTER (WHERE 'migrant_worker' = ANY (r.groups)) AS recipients_migrant_workers,
        count(*) FILTER (WHERE 'elderly' = ANY (r.groups)) AS recipients_elderly,
        count(*) FILTER (WHERE 'minor' = ANY (r.groups)) AS recipients_minors,
        count(*) FILTER (WHERE 'disabled' = ANY (r.groups)) AS recipients_disabled,
        count(*) FILTER (WHERE 'women' = ANY (r.groups) OR r.is_female) AS recipients_women
    FROM legalaid_recipient r JOIN la_case c ON c.id = r.case_id
    WHERE c.decision = 'granted' AND c.decided_on BETWEEN %(start)s AND %(end)s
),
la_consultations AS (
    SELECT coalesce(sum(x.person_times), 0) AS consultations
    FROM legalaid_consultation x JOIN bureau_area a ON a.id = x.area_id
    WHERE a.path LIKE %(prefix)s AND x."on" BETWEEN %(start)s AND %(end)s
),
la_hearings AS (
    SELECT count(DISTINCT h.id) AS hearing_evaluations, count(he.expert_id) AS evaluation_expert_times
    FROM legalaid_hearingevaluation h JOIN la_case c ON c.id = h.case_id
    LEFT JOIN legalaid_hearingevaluation_experts he ON he.hearingevaluation_id = h.id
    WHERE h.held_on BETWEEN %(start)s AND %(end)s
),
-- The ledger's flows, counted where the line belongs; a transfer between two streets of the area is internal.
co_flows AS (
    SELECT
        count(*) FILTER (WHERE l.kind = 'received') AS received,
        count(*) FILTER (WHERE l.kind = 'transferred_in') AS transferred_in,
        count(*) FILTER (WHERE l.kind = 'transferred_out') AS transferred_out,
        count(*) FILTER (WHERE l.kind = 'released') AS released,
        count(*) FILTER (WHERE l.kind = 'terminated') AS terminated
    FROM corrections_ledgerentry l JOIN bureau_area a ON a.id = l.area_id
    LEFT JOIN bureau_area cp ON cp.id = l.counterpart_id
    WHERE a.path LIKE %(prefix)s AND l."on" BETWEEN %(start)s AND %(end)s
      AND NOT (l.kind IN ('transferred_in', 'transferred_out') AND coalesce(cp.path LIKE %(prefix)s, false))
),
-- On the register at a day: the person's latest ledger line up to that day is an arrival in the area. Only
-- people with a line in the area at all can be, hence the semi-join before DISTINCT ON.
co_people AS (
    SELECT DISTINCT l.supervisee_id FROM corrections_ledgerentry l JOIN bureau_area a ON a.id = l.area_id
    WHERE a.path LIKE %(prefix)s AND l."on" <= %(end)s
),
co_latest_start AS (
    SELECT DISTINCT ON (l.supervisee_id) l.kind, l.area_id
    FROM corrections_ledgerentry l JOIN co_people p USING (supervisee_id)
    WHERE l."on" <= %(before)s ORDER BY l.supervisee_id, l."on" DESC, l.id DESC
),
co_latest_end AS (
    SELECT DISTINCT ON (l.supervisee_id) l.kind, l.area_id
    FROM corrections_ledgerentry l JOIN co_people p USING (supervisee_id)
    WHERE l."on" <= %(end)s ORDER BY l.supervisee_id, l."on" DESC, l.id DESC
),
co_register AS (
    SELECT
        (SELECT count(*) FROM co_latest_start s JOIN bureau_area a ON a.id = s.area_id
         WHERE s.kind IN ('received', 'transferred_in') AND a.path LIKE %(prefix)s) AS on_register_start,
        (SELECT count(*) FROM co_latest_end s JOIN bureau_area a ON a.id = s.area_id
         WHERE s.kind IN ('received', 'transferred_in') AND a.path LIKE %(prefix)s) AS on_register
),
co_events AS (
    SELECT
        count(*) FILTER (WHERE e.kind = 'talk') AS talks,
        count(*) FILTER (WHERE e.kind = 'info_check') AS information_checks,
        count(*) FILTER (WHERE e.kind = 'file_check') AS file_spot_checks
    FROM corrections_supervisionevent e JOIN bureau_area a ON a.id = e.area_id
    WHERE a.path LIKE %(prefix)s AND e."on" BETWEEN %(start)s AND %(end)s
),
co_decisions AS (
    SELECT
        count(*) FILTER (WHERE d.kind = 'praise') AS praises,
        count(*) FILTER (WHERE d.kind = 'reprimand') AS reprimands,
        count(*) FILTER (WHERE d.kind = 'warning') AS warnings
    FROM corrections_assessmentdecision d JOIN bureau_area a ON a.id = d.area_id
    WHERE a.path LIKE %(prefix)s AND d.decided_on BETWEEN %(start)s AND %(end)s
),
co_sessions AS (
    SELECT
        count(*) FILTER (WHERE s.kind = 'legal_moral') AS education_sessions,
        count(*) FILTER (WHERE s.kind = 'psych') AS psych_sessions
    FROM corrections_educationsession s JOIN bureau_area a ON a.id = s.area_id
    WHERE a.path LIKE %(prefix)s AND s.held_on BETWEEN %(start)s AND %(end)s
),
co_attendances AS (
    SELECT
        count(*) FILTER (WHERE s.kind = 'legal_moral') AS education_attendances,
        count(*) FILTER (WHERE s.kind = 'psych') AS psych_attendances
    FROM corrections_attendance t JOIN corrections_educationsession s ON s.id = t.session_id
    JOIN bureau_area a ON a.id = t.area_id
    WHERE a.path LIKE %(prefix)s AND s.held_on BETWEEN %(start)s AND %(end)s
),
co_meetings AS (
    SELECT
        (SELECT count(*) FROM corrections_riskmeeting m JOIN bureau_area a ON a.id = m.area_id
         WHERE a.path LIKE %(prefix)s AND m.held_on BETWEEN %(start)s AND %(end)s) AS risk_meetings,
        (SELECT count(*) FROM corrections_riskcase r JOIN bureau_area a ON a.id = r.area_id
         WHERE a.path LIKE %(prefix)s AND r.identified_on BETWEEN %(start)s AND %(end)s) AS risk_cases,
        (SELECT count(*) FROM corrections_deliberation m JOIN bureau_area a ON a.id = m.area_id
         WHERE a.path LIKE %(prefix)s AND m.held_on BETWEEN %(start)s AND %(end)s) AS deliberation_meetings,
        (SELECT count(*) FROM corrections_deliberatedcase c JOIN corrections_deliberation m ON m.id = c.deliberation_id
         JOIN bureau_area a ON a.id = c.area_id
         WHERE a.path LIKE %(prefix)s AND m.held_on BETWEEN %(start)s AND %(end)s) AS deliberated_cases,
        (SELECT count(*) FROM corrections_reviewmeeting m JOIN bureau_area a ON a.id = m.area_id
         WHERE a.path LIKE %(prefix)s AND m.held_on BETWEEN %(start)s AND %(end)s) AS assessment_meetings,
        (SELECT count(*) FROM corrections_monitoring m JOIN bureau_area a ON a.id = m.area_id
         WHERE a.path LIKE %(prefix)s AND m.renewal_of_id IS NULL
           AND m.approved_on BETWEEN %(start)s AND %(end)s) AS monitoring_approved,
        (SELECT count(*) FROM corrections_emergency m JOIN bureau_area a ON a.id = m.area_id
         WHERE a.path LIKE %(prefix)s AND m.occurred_on BETWEEN %(start)s AND %(end)s) AS emergencies,
        (SELECT count(*) FROM corrections_releasedperson p JOIN bureau_area a ON a.id = p.area_id
         WHERE a.path LIKE %(prefix)s AND p.released_on <= %(end)s AND p.listed_until > %(end)s
           AND (p.reoffended_on IS NULL OR p.reoffended_on > %(end)s)) AS resettlement_listed
)
SELECT * FROM la, la_recipients, la_consultations, la_hearings, co_flows, co_register, co_events, co_decisions,
              co_sessions, co_attendances, co_meetings
"""

RESETTLEMENT = {"resettlement_listed": "resettlement.listed"}
LEGALAID_COLUMNS = {
    "applications_received", "cases_accepted", "cases_criminal", "cases_civil", "cases_administrative",
    "cases_refused", "cases_closed", "economic_loss_recovered", "decided_on_time_rate", "recipients",
    "recipients_migrant_workers", "recipients_elderly", "recipients_minors", "recipients_disabled",
    "recipients_women", "consultations", "hearing_evaluations", "evaluation_expert_times",
}


def sql_figures(area, period):
    """{indicator code: value} from the one statement, and its time in seconds."""
    params = {"prefix": area.path + "%", "start": period.start, "end": period.end,
              "before": period.start - timedelta(days=1)}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        row = cursor.fetchone()
        names = [c.name for c in cursor.description]
    elapsed = time.perf_counter() - started
    figures = {}
    for name, value in zip(names, row):
        code = RESETTLEMENT.get(name) or (f"legalaid.{name}" if name in LEGALAID_COLUMNS else f"corrections.{name}")
        figures[code] = value
    return figures, elapsed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def line(label, seconds, goal=""):
    ms = [s * 1000 for s in seconds]
    print(f"  {label:44s} median {statistics.median(ms):8.1f} ms   p95 {percentile(ms, 95):8.1f} ms   "
          f"best {min(ms):8.1f} ms   (n={len(ms)}){'   goal ' + goal if goal else ''}")
    return statistics.median(ms)


def timed(run, runs, before=None):
    times = []
    for _i in range(runs):
        if before:
            before()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def leader_of(district):
    user = User.objects.filter(role=Role.LEADER, area=district).order_by("pk").first()
    if user is None:
        user = User.objects.create(username=f"d{district.code}_leader", name=f"{district.name}局领导",
                                   role=Role.LEADER, area=district)
    return user


def same(api_value, sql_value):
    if api_value is None or sql_value is None:
        return api_value is None and sql_value is None
    if isinstance(sql_value, Decimal) or isinstance(api_value, float):
        return Decimal(str(api_value)).quantize(Decimal("0.0001"), ROUND_HALF_UP) == Decimal(sql_value).quantize(
            Decimal("0.0001"), ROUND_HALF_UP)
    return api_value == sql_value


def row_counts():
    tables = ["legalaid_case", "legalaid_recipient", "legalaid_casestep", "legalaid_consultation",
              "lawyers_lawyer", "corrections_supervisee", "corrections_ledgerentry", "corrections_supervisionevent",
              "corrections_attendance", "corrections_releasedperson", "bureau_area"]
    with connection.cursor() as cursor:
        counts = []
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts.append((table, cursor.fetchone()[0]))
    print("dataset: " + ", ".join(f"{t} {n:,}" for t, n in counts))


def explain(queries):
    """EXPLAIN ANALYZE each captured query; print them slowest first with the plan of the slowest three."""
    results = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = [r[0] for r in cursor.fetchall()]
            total = next((float(r.split(":")[1].split()[0]) for r in plan if r.startswith("Execution Time")), 0.0)
            results.append((total, sql, plan))
    results.sort(key=lambda r: -r[0])
    print("\nEXPLAIN ANALYZE of the API's queries, slowest first:")
    for n, (total, sql, plan) in enumerate(results):
        print(f"  {total:8.2f} ms  {sql[:160]}")
        if n < 3:
            print("\n".join("      " + p for p in plan))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default="440303")
    parser.add_argument("--year", help="a period key (default: last year, the latest whole one)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every query the API makes")
    parser.add_argument("--skip-report", action="store_true")
    args = parser.parse_args()

    settings.DEBUG = False  # no query log in the measured runs
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    district = Area.objects.get(code=args.district)
    period = parse_period(args.year or str(timezone.localdate().year - 1))
    leader = leader_of(district)
    client = Client()
    client.force_login(leader, backend="bureau.backends.ModelBackend")
    print(f"{district.name} ({district.code}), period {period.key}, database {connection.settings_dict['NAME']}, "
          f"{args.runs} runs each after a warm-up")
    row_counts()

    sql_values, _seconds = sql_figures(district, period)
    codes = ",".join(sql_values)
    url = reverse("api-stats") if _named("api-stats") else "/api/v1/stats/"
    query = {"period": period.key, "area": district.code}
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:300]
    every = response.json()["indicators"]
    api_values = client.get(url, {**query, "codes": codes}).json()["indicators"]
    differences = [(code, api_values.get(code), value) for code, value in sql_values.items()
                   if not same(api_values.get(code), value)]
    print(f"figures: {len(sql_values)} indicators from the SQL statement, {len(every)} from the API for a leader")
    for code, api_value, sql_value in differences:
        print(f"  DIFFERENCE {code}: API {api_value!r}, SQL {sql_value!r}")
    if not differences:
        print("  the SQL statement's figures equal the API's")
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {**query, "codes": codes})
    with CaptureQueriesContext(connection) as captured_all:
        client.get(url, query)
    api_queries = list(captured.captured_queries)  # copied now: the next request resets the query log
    print(f"  queries per API request: {len(captured)} (these indicators), {len(captured_all)} (everything)")

    print("\nstatistics for the district-year:")
    client.get(url, query)
    api_all = line("API, every indicator a leader sees", timed(lambda: client.get(url, query), args.runs))
    api_same = line("API, the legal-aid and corrections indicators",
                    timed(lambda: client.get(url, {**query, "codes": codes}), args.runs))
    sql = line("one hand-written SQL statement", timed(lambda: sql_figures(district, period), args.runs))
    print(f"  ratio API / SQL: {api_same / sql:.2f}× (same indicators; goal ≤ 2×), "
          f"{api_all / sql:.2f}× (every indicator)")

    _dashboard(client, district, period, args.runs)
    if not args.skip_report:
        _report(leader, district, period)
    if args.explain:
        explain(api_queries)


def _named(name):
    try:
        reverse(name)
        return True
    except NoReverseMatch:
        return False


def _dashboard(client, district, period, runs):
    for name in ("bureau:dashboard", "dashboard:overview"):
        if _named(name):
            url = reverse(name)
            break
    else:
        print("\ndashboard: not available yet")
        return
    from figures import dashboard

    query = {"period": period.key, "area": district.code}
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    print(f"\ndistrict dashboard {url}?period={period.key}&area={district.code}:")
    line("cold (figures made stale before each run)", timed(lambda: client.get(url, query), runs,
                                                           before=dashboard.invalidate), "p95 ≤ 300 ms")
    client.get(url, query)
    line("warm (cached figures)", timed(lambda: client.get(url, query), runs), "p95 ≤ 50 ms")
    cache.clear()  # Redis database 14 of this benchmark only


def _report(leader, district, period):
    try:
        from figures.reports import report_build, report_request
    except ImportError:
        print("\nannual report: not available yet")
        return
    times = []
    for _i in range(3):
        with mock.patch("figures.reports._queue"):  # built here, in this process, not by a Celery worker
            report = report_request(user=leader, area=district, period=period)
        started = time.perf_counter()
        report = report_build(report=report)
        times.append(time.perf_counter() - started)
        assert report.status == report.Status.DONE, report.message
        report.docx.delete(save=False)
        report.xlsx.delete(save=False)
        report.delete()
    print(f"\nannual report (Word + Excel) of {district.name} {period.label}: best {min(times):.2f} s, "
          f"worst {max(times):.2f} s of 3   goal ≤ 10 s")


if __name__ == "__main__":
    main()

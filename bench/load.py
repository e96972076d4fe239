"""Load benchmark of the served portal (issue #18): 100 simulated people mixing the bureau's day.

Against a running portal (`make run` in another shell, as shipped: bin/run's gunicorn, DEBUG on, the demo data):

    .venv/bin/pip install -r bench/requirements.txt              (once; locust is not a runtime dependency)
    .venv/bin/python bench/load.py --users 100 --duration 60 --host http://127.0.0.1:8000
    .venv/bin/python bench/load.py --pages --host http://127.0.0.1:8000       (each page alone, median of N)
    .venv/bin/locust -f bench/load.py --headless -u 100 -r 20 -t 60s --host http://127.0.0.1:8000   (plain locust)

The people (demo logins, password Demo@2026; many simulated people share an account, each with its own session):
street clerks (今日工作, the register, a supervisee's page), the legal-aid section (case list, a case, the
consultations), leaders (dashboard, statistics API), API clients (a token, then list endpoints) and community legal
advisors (their workspace and service log). Everyone opens the home page and the to-do inbox now and then, and signs
out and in again now and then (about one click in 300), so sign-ins are measured while the others work. Between two
requests a person waits 0.5–1.0 s: 100 people then offer at most about 130 requests/s, and the served rate falls
below that only as the responses slow down.

The figures printed are those of the steady state: the statistics are reset once every person has signed in (the
ramp-up's sign-ins, 100 PBKDF2 hashes of 1,000,000 iterations queued in the first seconds, are printed on their own
line). "sign-in (POST)" is then the sign-ins of people signing out and in again while the others work.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = os.environ.get("DEMO_PASSWORD", "Demo@2026")
LOGIN_NAME = "登录"
STREETS = ["luohu_guiyuan", "luohu_huangbei", "luohu_dongmen", "luohu_cuizhu", "luohu_nanhu", "luohu_sungang",
           "luohu_donghu", "luohu_liantang", "luohu_dongxiao", "luohu_qingshuihe", "guangming_guangming",
           "guangming_gongming", "guangming_xinhu", "guangming_fenghuang", "guangming_yutang", "guangming_matian"]
THIS_YEAR = time.gmtime().tm_year
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
READY = {"settled": 0}   # people past their first sign-in (or refused it): the steady state starts when all are


def links(html, pattern):
    return sorted(set(re.findall(pattern, html)))


class Persona(FastHttpUser):
    abstract = True
    wait_time = between(0.5, 1.0)
    network_timeout = connection_timeout = 120.0  # the ramp-up's sign-ins queue behind each other's hashing
    accounts = []

    def context(self):
        return {"persona": type(self).__name__}


class Person(Persona):
    abstract = True

    def on_start(self):
        self.username = random.choice(self.accounts)
        try:
            self.sign_in()
        finally:
            READY["settled"] += 1

    def sign_in(self):
        # The form's GET is part of signing in as a person does it, but only the POST (the password check) is timed
        # under LOGIN_NAME.
        with self.client.get("/accounts/login/", name="/accounts/login/ [form]", catch_response=True) as r:
            match = CSRF_RE.search(r.text or "")
            if not match:
                r.failure("no CSRF token on the sign-in form")
                raise StopUser()
        data = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1)}
        with self.client.post("/accounts/login/", data=data, name=LOGIN_NAME, allow_redirects=False,
                              headers={"Referer": self.host + "/accounts/login/"}, catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"sign-in of {self.username} answered {r.status_code}")
                raise StopUser()

    def page(self, path, name=None, pattern=None):
        """GET a page; with `pattern`, the paths it links to that match (for the next click)."""
        with self.client.get(path, name=name or path, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
                return []
            return links(r.text, pattern) if pattern else []

    @task(1)
    def home(self):
        self.page("/")

    @task(1)
    def todos(self):
        self.page("/todos/")

    @task(1)
    def sign_out_and_in(self):
        if random.random() < 0.03:   # about one click in 300 is signing out and in again
            self.client.post("/accounts/logout/", name="/accounts/logout/", allow_redirects=False,
                             headers={"X-CSRFToken": self._csrf(), "Referer": self.host + "/"})
            self.client.cookiejar.clear()
            self.sign_in()

    def _csrf(self):
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""


class StreetClerk(Person):
    weight = 40
    accounts = STREETS

    @task(3)
    def today(self):
        self.page("/corrections/today/")

    @task(3)
    def register_then_person(self):
        people = self.page("/corrections/supervisees/", pattern=r'href="(/corrections/supervisees/\d+/)"')
        if people:
            self.page(random.choice(people), name="/corrections/supervisees/<pk>/")


class LegalAidSection(Person):
    weight = 20
    accounts = ["luohu_legalaid", "guangming_legalaid"]

    @task(3)
    def cases_then_case(self):
        cases = self.page("/legalaid/cases/", pattern=r'href="(/legalaid/cases/\d+/)"')
        if cases:
            self.page(random.choice(cases), name="/legalaid/cases/<pk>/")

    @task(2)
    def consultations(self):
        self.page("/legalaid/consultations/")


class Leader(Person):
    weight = 10
    accounts = ["luohu_leader", "guangming_leader"]

    @task(3)
    def dashboard(self):
        self.page("/dashboard/")

    @task(3)
    def stats_api(self):
        period = random.choice([str(THIS_YEAR - 1), f"{THIS_YEAR - 1}-H1", f"{THIS_YEAR - 1}-Q3"])
        self.page(f"/api/v1/stats/?period={period}", name="/api/v1/stats/?period=…")


class ApiClient(Persona):
    weight = 15
    # Each account lists what its function may read (another function's list is a 403).
    accounts = {
        "luohu_legalaid": ["/api/v1/legalaid/cases/", "/api/v1/legalaid/consultations/", "/api/v1/reminders/"],
        "guangming_legalaid": ["/api/v1/legalaid/cases/", "/api/v1/legalaid/consultations/", "/api/v1/reminders/"],
        "luohu_corrections": ["/api/v1/corrections/supervisees/", "/api/v1/reminders/"],
        "guangming_corrections": ["/api/v1/corrections/supervisees/", "/api/v1/reminders/"],
    }

    def on_start(self):
        self.username = random.choice(list(self.accounts))
        self.endpoints = self.accounts[self.username]
        try:
            with self.client.post("/api/v1/auth/token/", json={"username": self.username, "password": PASSWORD},
                                  name="/api/v1/auth/token/", catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"token for {self.username}: {r.status_code}")
                    raise StopUser()
                self.auth = {"Authorization": f"Token {r.json()['token']}"}
        finally:
            READY["settled"] += 1

    @task
    def list_endpoint(self):
        path = random.choice(self.endpoints)
        with self.client.get(path, headers=self.auth, name=path, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")


class Advisor(Person):
    weight = 15
    accounts = ["luohu_advisor", "guangming_advisor"]

    @task(3)
    def workspace(self):
        self.page("/lawyers/advisors/me/")

    @task(3)
    def service_log(self):
        self.page("/lawyers/advisors/logs/")


PERSONAS = [StreetClerk, LegalAidSection, Leader, ApiClient, Advisor]

# Which persona a request came from, for the per-persona lines: locust's stats are per name, so keep our own.
_samples = {}


@events.request.add_listener
def _record(request_type, name, response_time, exception, context, **kwargs):
    user = context.get("persona") if context else None
    _samples.setdefault(user, []).append((name, response_time, exception is not None))


# --- the wrapper ------------------------------------------------------------------------------------------------

def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary_line(label, samples, seconds):
    times = [t for _, t, _ in samples]
    errors = sum(1 for _, _, e in samples if e)
    return (f"{label:<18} {len(samples):>7} {len(samples) / seconds:>8.1f} {pct(times, 50):>7.0f} "
            f"{pct(times, 95):>7.0f} {pct(times, 99):>7.0f} {errors:>6}")


def run_load(host, users, spawn_rate, duration):
    import gevent
    from locust.env import Environment

    env = Environment(user_classes=PERSONAS, host=host, events=events)
    runner = env.create_local_runner()
    ramp = {}
    started = time.monotonic()
    runner.start(users, spawn_rate=spawn_rate)
    while READY["settled"] < users:
        gevent.sleep(0.1)
        if time.monotonic() - started > 900:
            runner.quit()
            sys.exit(f"only {READY['settled']} of {users} people got past signing in within 15 minutes")
    ramp["samples"] = {k: list(v) for k, v in _samples.items()}
    ramp["seconds"] = time.monotonic() - started
    _samples.clear()
    env.stats.reset_all()
    ramp["steady_from"] = time.monotonic()
    gevent.sleep(duration)
    seconds = time.monotonic() - ramp["steady_from"]
    samples = {k: list(v) for k, v in _samples.items()}
    runner.quit()

    ramp_logins = [t for v in ramp["samples"].values() for n, t, _ in v if n in (LOGIN_NAME, "/api/v1/auth/token/")]
    every = [s for v in samples.values() for s in v]
    logins = [s for s in every if s[0] == LOGIN_NAME]
    print(f"host {host}: {users} users (spawned at {spawn_rate}/s, all signed in after {ramp['seconds']:.1f} s), "
          f"steady state {seconds:.0f} s")
    print(f"ramp-up (everyone signing in at once) sign-ins and tokens: {len(ramp_logins)}, "
          f"p50 {pct(ramp_logins, 50):.0f} ms, p95 {pct(ramp_logins, 95):.0f} ms, "
          f"max {max(ramp_logins, default=0):.0f} ms")
    print(f"{'':<18} {'reqs':>7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    print(summary_line("ALL", every, seconds))
    for cls in PERSONAS:
        print(summary_line(cls.__name__, samples.get(cls.__name__, []), seconds))
    print(summary_line("sign-in (POST)", logins, seconds))
    names = sorted({s[0] for s in every})
    print("\nper request name:")
    for name in names:
        print(summary_line(name[:18], [s for s in every if s[0] == name], seconds) + f"  {name}")
    errors = env.stats.errors
    for err in list(errors.values())[:10]:
        print(f"error x{err.occurrences}: {err.method} {err.name}: {err.error}")
    return 0


# --- each page alone ----------------------------------------------------------------------------------------------

PAGES = [
    ("luohu_guiyuan", ["/", "/todos/", "/corrections/today/", "/corrections/supervisees/",
                       ("/corrections/supervisees/", r'href="(/corrections/supervisees/\d+/)"')]),
    ("luohu_legalaid", ["/legalaid/cases/", ("/legalaid/cases/", r'href="(/legalaid/cases/\d+/)"'),
                        "/legalaid/consultations/", "/api/v1/legalaid/cases/", "/api/v1/legalaid/consultations/",
                        "/api/v1/reminders/", "/", "/todos/"]),
    ("luohu_corrections", ["/api/v1/corrections/supervisees/"]),
    ("luohu_leader", ["/dashboard/", f"/api/v1/stats/?period={THIS_YEAR - 1}", "/"]),
    ("luohu_advisor", ["/lawyers/advisors/me/", "/lawyers/advisors/logs/"]),
]


def run_pages(host, repeat, limit_ms):
    """Each page alone, one request at a time, signed in with a session: median of `repeat` after one warm-up."""
    import requests

    over = 0
    print(f"{'median ms':>9} {'min ms':>7}  page (one request at a time, median of {repeat})")
    for username, paths in PAGES:
        s = requests.Session()
        form = s.get(host + "/accounts/login/")
        token = CSRF_RE.search(form.text).group(1)
        r = s.post(host + "/accounts/login/", data={"username": username, "password": PASSWORD,
                                                   "csrfmiddlewaretoken": token},
                   headers={"Referer": host + "/accounts/login/"}, allow_redirects=False)
        if r.status_code != 302:
            sys.exit(f"sign-in of {username} answered {r.status_code}")
        for path in paths:
            if isinstance(path, tuple):
                found = links(s.get(host + path[0]).text, path[1])
                if not found:
                    print(f"{'':>9} {'':>7}  {path[0]}<pk>: none listed for {username}")
                    continue
                path = found[0]
            s.get(host + path)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                r = s.get(host + path)
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    sys.exit(f"{path} answered {r.status_code} to {username}")
            median = statistics.median(times)
            flag = "  OVER" if median > limit_ms else ""
            over += median > limit_ms
            print(f"{median:>9.1f} {min(times):>7.1f}  {path} ({username}){flag}")
    print(f"{over} page(s) over {limit_ms} ms median")
    return 0


def count_queries(repeat=5):
    """Each page in this process through Django's test client (DATABASE_URL of the served database): its SQL
    queries, and of its median time how much was spent waiting for SQL — the rest is Python (views, templates)."""
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
    import django
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bureau.models import User

    print(f"{'queries':>7} {'ms':>7} {'cpu ms':>7} {'sql ms':>7}  page (in-process, median of {repeat}; cpu: this "
          f"process's own, which a loaded machine disturbs less than wall time)")
    for username, paths in PAGES:
        c = Client(HTTP_HOST="127.0.0.1")
        c.force_login(User.objects.get(username=username))
        for path in paths:
            if isinstance(path, tuple):
                found = links(c.get(path[0]).content.decode(), path[1])
                if not found:
                    continue
                path = found[0]
            c.get(path)
            runs = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as q:
                    t, cpu = time.perf_counter(), time.process_time()
                    r = c.get(path)
                    total, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - cpu) * 1000
                sql = sum(float(x["time"]) for x in q.captured_queries) * 1000
                runs.append((cpu, total, sql, len(q.captured_queries)))
            cpu, total, sql, n = sorted(runs)[len(runs) // 2]
            print(f"{n:>7} {total:>7.1f} {cpu:>7.1f} {sql:>7.1f}  {path} ({username}) {r.status_code}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds of steady state")
    parser.add_argument("--pages", action="store_true", help="time each page alone instead")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--limit-ms", type=float, default=30)
    parser.add_argument("--queries", action="store_true",
                        help="count each page's SQL queries in-process (DATABASE_URL of the served database)")
    args = parser.parse_args()
    if args.queries:
        return count_queries()
    if args.pages:
        return run_pages(args.host.rstrip("/"), args.repeat, args.limit_ms)
    return run_load(args.host.rstrip("/"), args.users, args.spawn_rate, args.duration)


if __name__ == "__main__":
    sys.exit(main())

"""Personas used by every test: the same people in the same places, so each test can prove jurisdiction.

    city 深圳市 440300
    └─ district 罗湖区 440303 ── leader, section (法律援助科)
       ├─ street A 桂园街道 440303001 ── clerk_a
       │  └─ community 桂园东社区 440303001001 ── advisor
       └─ street B 黄贝街道 440303002 ── clerk_b
    └─ district 光明区 440311 ── other_leader
    admin (system administrator, whole city)
"""

import os
from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

# Playwright's sync API runs an event loop in the test thread; Django must still allow its sync ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
import time_machine

# --- The clock is an input --------------------------------------------------------------------------------
# Every test runs on one day: DEFAULT_TODAY, or the day `TEST_TODAY=YYYY-MM-DD make test` names. The clock is
# moved there (10:00 in Shanghai) before any test runs, in every xdist worker, and ticks on from that instant,
# so timeouts and polling still work while `timezone.localdate()` says the same day for the whole run. A test
# that needs another day travels there itself (the `time_machine` fixture). Nothing may read the wall clock.
DEFAULT_TODAY = "2026-11-30"
TODAY = date.fromisoformat(os.environ.get("TEST_TODAY") or DEFAULT_TODAY)
SHANGHAI = ZoneInfo("Asia/Shanghai")
_clock = time_machine.travel(datetime.combine(TODAY, time(10), tzinfo=SHANGHAI), tick=True)
_clock.start()


def ten_oclock(day):
    """The instant the suite's clock is set to on `day` (for `time_machine.move_to`)."""
    return datetime.combine(day, time(10), tzinfo=SHANGHAI)

from bureau.models import Area, Role
from tests.factories import AreaFactory, UserFactory

PASSWORD = "pass-word-123"


def pytest_configure(config):
    from django.conf import settings

    # A fast hash: the suite signs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests use Redis database 15 and a key prefix of their own per run and xdist worker, never the dev
    # server's keys nor another run's (two checkouts may run their suites on one machine at once).
    from bureau.settings import redis_location

    settings.CACHES["default"]["LOCATION"] = redis_location(15, settings.REDIS_URL)
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{RUN}-{WORKER}"


def pytest_report_header(config):
    return f"clock: {TODAY.isoformat()} 10:00 Asia/Shanghai (TEST_TODAY={os.environ.get('TEST_TODAY', '')!s})"


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
# xdist gives the controller and its workers one id per run; a run without xdist makes its own.
RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or os.urandom(4).hex()


@pytest.fixture(autouse=True)
def _told_after_its_story(request):
    """A module whose tests tell a story on fixed dates (services called on 2026-11-10, …) declares
    `STORY_DAY = date(...)`: the day from which those dates are all in the past. On a run's day before it the
    clock moves to STORY_DAY for each of its tests, since the services refuse future dates; on any later day
    the tests run on the run's day, so that they still meet every later calendar. What such a test asserts
    about "today" it derives from `timezone.localdate()`."""
    story_day = getattr(request.module, "STORY_DAY", None)
    if story_day is None or TODAY >= story_day:
        yield
        return
    with time_machine.travel(ten_oclock(story_day), tick=True):
        yield


@pytest.fixture
def celery_worker(settings):
    """A real Celery worker (in a thread) on Redis databases 13/14 and a queue of this run and xdist worker, so
    neither a developer's running worker nor another run's takes its jobs. Yields the app."""
    from celery.contrib.testing.worker import start_worker

    from bureau.celery import app
    from bureau.settings import redis_location

    base, queue = settings.REDIS_URL, f"bureau-tests-{RUN[:8]}-{WORKER}"
    names = ["broker_url", "result_backend", "task_default_queue"]
    previous = {name: app.conf[name] for name in names}
    app.conf.update(
        broker_url=redis_location(13, base, celery=True),
        result_backend=redis_location(14, base, celery=True),
        task_default_queue=queue,
    )
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
            yield app
    finally:
        app.conf.update(**previous)


@pytest.fixture
def areas(db):
    city = AreaFactory(code="440300", name="深圳市", level=Area.Level.CITY)
    district = AreaFactory(code="440303", name="罗湖区", level=Area.Level.DISTRICT, parent=city)
    street_a = AreaFactory(code="440303001", name="桂园街道", level=Area.Level.STREET, parent=district)
    street_b = AreaFactory(code="440303002", name="黄贝街道", level=Area.Level.STREET, parent=district)
    community_a = AreaFactory(
        code="440303001001", name="桂园东社区", level=Area.Level.COMMUNITY, parent=street_a, is_demo=True
    )
    other_district = AreaFactory(code="440311", name="光明区", level=Area.Level.DISTRICT, parent=city)
    return SimpleNamespace(
        city=city, district=district, street_a=street_a, street_b=street_b, community_a=community_a,
        other_district=other_district,
    )


@pytest.fixture
def personas(areas):
    make = UserFactory
    return SimpleNamespace(
        clerk_a=make(username="clerk_a", name="桂园司法所 张敏", role=Role.STREET, area=areas.street_a),
        clerk_b=make(username="clerk_b", name="黄贝司法所 李强", role=Role.STREET, area=areas.street_b),
        leader=make(username="leader", name="罗湖区局 王局长", role=Role.LEADER, area=areas.district),
        section=make(username="section", name="法律援助科 赵丽", role=Role.SECTION,
                     section="legalaid", area=areas.district),
        advisor=make(username="advisor", name="法律顾问 刘律师", role=Role.ADVISOR, area=areas.community_a),
        other_leader=make(username="other_leader", name="光明区局 陈局长", role=Role.LEADER,
                          area=areas.other_district),
        admin=make(username="admin", name="系统管理员", role=Role.ADMIN, area=areas.city, is_staff=True,
                   is_superuser=True),
    )


@pytest.fixture
def client_for(client):
    """client_for(user) → the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user, backend="bureau.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def calendar_loaded(db):
    from bureau.management.commands.load_reference_data import load_calendar

    load_calendar()


# --- Browser tests: Debian's Chromium, never a downloaded browser ------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


def pytest_terminal_summary(terminalreporter):
    """The schema fuzz's counts (tests/test_schema_fuzz.py records them; with xdist they travel in the report)."""
    lines = [
        value for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call" for name, value in report.user_properties if name == "schema_fuzz"
    ]
    for persona, operations, cases, failures in sorted(lines):
        terminalreporter.write_line(f"schema fuzz ({persona}): {operations} operations, {cases} cases, "
                                    f"{failures} failing operations")

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
from types import SimpleNamespace

# Playwright's sync API runs an event loop in the test thread; Django must still allow its sync ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest

from bureau.models import Area, Function, Role
from tests.factories import AreaFactory, UserFactory

PASSWORD = "pass-word-123"


def pytest_configure(config):
    from django.conf import settings

    # A fast hash: the suite signs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests use Redis database 15 and their own key prefix per xdist worker, never the dev server's keys.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    settings.CACHES["default"]["LOCATION"] = settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[0] + "/15"
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{worker}"


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
                     section=Function.LEGALAID, area=areas.district),
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
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
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

"""The UI shell: home per role, navigation by role, breadcrumbs, calendar and area pages, no CDN."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from bureau.menu import menu_for
from bureau.models import Role
from tests.factories import ReminderFactory


def test_home_shows_the_todo_count_and_the_todos(client_for, personas, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET, title="核对桂园社区矫正档案")
    ReminderFactory(area=areas.street_b, role=Role.STREET, title="黄贝的待办")
    html = client_for(personas.clerk_a).get(reverse("home")).content.decode()
    assert re.search(r'id="todo-count"[^>]*>1<', html)
    assert re.search(r'id="home-todo-count">1<', html)
    assert "核对桂园社区矫正档案" in html and "黄贝的待办" not in html


def test_each_role_has_its_home(client_for, personas):
    leader = client_for(personas.leader).get(reverse("home")).content.decode()
    assert "只读" in leader and "罗湖区司法局" in leader
    advisor = client_for(personas.advisor).get(reverse("home")).content.decode()
    assert "社区法律顾问" in advisor and "桂园司法所" in advisor


def test_administrator_home_shows_locked_accounts_and_calendar_years(client, client_for, personas,
                                                                     calendar_loaded):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "clerk_b", "password": "wrong"})
    html = client_for(personas.admin).get(reverse("home")).content.decode()
    assert 'id="system-status"' in html
    assert re.search(r"被锁定的账号</span>\s*<a [^>]*>1<", html)
    assert "2020–2026" in html
    clerk = client_for(personas.clerk_a).get(reverse("home")).content.decode()
    assert 'id="system-status"' not in clerk


def test_navigation_shows_each_role_only_what_it_may_use(personas):
    def urls(user):
        return {item.url_name for _group, items in menu_for(user) for item in items}

    assert "bureau:audit_list" in urls(personas.admin) and "admin:index" in urls(personas.admin)
    assert "bureau:audit_list" not in urls(personas.clerk_a)
    assert "admin:index" not in urls(personas.leader)


def test_roles_map_to_functions(personas):
    assert personas.section.functions == {"legalaid"}
    assert personas.clerk_a.can_write("corrections")
    assert not personas.clerk_a.can_use("normative_docs")
    assert personas.leader.can_use("mediation") and not personas.leader.can_write("mediation")
    assert personas.advisor.functions == {"lawyers", "public_service"}  # advisors answer residents' questions
    assert personas.admin.can_write("normative_docs")


def test_breadcrumbs_lead_back_home(client_for, personas):
    html = client_for(personas.clerk_a).get(reverse("bureau:reminder_list")).content.decode()
    assert 'class="breadcrumb' in html and f'href="{reverse("home")}"' in html


def test_language_switch_to_english_and_back(client_for, personas):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html and "To-dos" in html
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("home")}, follow=True)
    assert "待办事项" in response.content.decode()


def test_calendar_page_shows_the_holidays_and_make_up_days(client_for, personas, calendar_loaded):
    html = client_for(personas.clerk_a).get(reverse("bureau:calendar_year", args=[2024])).content.decode()
    assert "2024年工作日历" in html and "春节" in html
    assert 'title="春节 调休上班"' in html and 'title="国庆节 放假"' in html
    # 366 days − 104 weekend days − 19 weekdays off + 8 make-up days = 251 working days in 2024
    assert "全年工作日 251 天" in html and "echarts" in html


def test_calendar_page_warns_when_a_year_is_not_loaded(client_for, personas):
    html = client_for(personas.clerk_a).get(reverse("bureau:calendar_year", args=[2030])).content.decode()
    assert "尚未录入2030年的节假日安排" in html


def test_area_list_shows_the_jurisdiction_tree(client_for, personas):
    html = client_for(personas.leader).get(reverse("bureau:area_list")).content.decode()
    assert "桂园街道" in html and "黄贝街道" in html and "光明区" not in html


@pytest.mark.parametrize("path", ["templates", "bureau", "static/css", "static/js"])
def test_nothing_loads_from_a_cdn(path):
    pattern = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[\w.-]+\.\w+/[\w./-]*\.(js|css)")
    for file in Path(settings.BASE_DIR, path).rglob("*"):
        if file.suffix in {".html", ".py", ".js", ".css"}:
            assert not pattern.search(file.read_text(encoding="utf-8")), file


def test_pages_reference_only_vendored_static_files(client_for, personas):
    html = client_for(personas.clerk_a).get(reverse("home")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert sources and all(s.startswith(settings.STATIC_URL) or s.startswith("/static/") for s in sources)


@pytest.mark.parametrize("username, office", [("clerk_a", "罗湖区司法局桂园司法所"), ("advisor", "罗湖区司法局桂园司法所"),
                                              ("leader", "罗湖区司法局"), ("admin", "深圳市司法局")])
def test_a_loaded_user_names_their_office_without_a_query(personas, django_assert_num_queries, username, office):
    """The user's area and those above it come with the user (bureau.models.USER_AREAS): the office's name, on
    every page, asks the database nothing more; the areas above are those the query finds."""
    from bureau.models import Area, User

    with django_assert_num_queries(1):
        user = User.objects.get(username=username)
        assert user.office_name == office
        ancestors = user.area.ancestors
    assert ancestors == list(Area.objects.filter(code__in=user.area.path.strip("/").split("/")[:-1]).order_by("path"))
    assert [a.pk for a in Area.objects.get(pk=user.area.pk).ancestors] == [a.pk for a in ancestors]  # by query

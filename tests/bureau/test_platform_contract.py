"""The platform contract: a function is declared once, in its own app, and bureau/ composes what was declared.

A new function app plugs in by its AppConfig and the modules it has (urls, api, stats, reminders, resources,
demo, dataset), so adding one changes no file of bureau/ but settings.py.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from bureau import functions
from bureau.menu import menu_for
from bureau.models import Report, Role, User
from bureau.roles import ALL_FUNCTIONS_ROLES

ROOT = Path(settings.BASE_DIR)
FUNCTION_APPS = {"legalaid", "mediation", "corrections", "lawyers", "normative_docs", "publicity", "public_service"}


def imported_modules(package):
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module


def test_the_platform_and_the_figures_import_no_function_app():
    for package in ["bureau", "figures"]:
        offending = [(str(path.relative_to(ROOT)), module) for path, module in imported_modules(package)
                     if module.split(".")[0] in FUNCTION_APPS]
        assert offending == []


def test_every_function_app_declares_its_function_in_its_app_config():
    declared = {config.label: config.function for config in apps.get_app_configs() if hasattr(config, "function")}
    assert set(declared) == set(functions.codes())
    for label, function in declared.items():
        assert function.code == label and function.label and function.section and function.heading
    assert functions.codes() == sorted(functions.codes(), key=lambda code: functions.get(code).order)


def test_the_choice_lists_come_from_the_registry():
    expected = [(f.code, f.label) for f in functions.all_functions()]
    assert list(User._meta.get_field("section").choices) == expected
    assert list(Report._meta.get_field("functions").base_field.choices) == expected


def test_who_works_in_what_comes_from_the_declarations(personas):
    for role in ALL_FUNCTIONS_ROLES:
        assert functions.for_role(role) == set(functions.codes())
    street = {f.code for f in functions.all_functions() if Role.STREET in f.roles}
    assert personas.clerk_a.functions == street and "legalaid" in street
    assert personas.advisor.functions == {f.code for f in functions.all_functions() if Role.ADVISOR in f.roles}
    assert personas.section.functions == {personas.section.section}


def test_the_navigation_follows_the_declared_order(personas):
    groups = [str(label) for label, _items in menu_for(personas.admin)]
    with_menus = [str(f.label) for f in functions.all_functions() if f.menu_items()]
    assert groups[1:] == with_menus


def test_each_app_is_served_under_its_prefix_and_its_api_routes_are_composed():
    assert reverse("legalaid:case_list").startswith("/legalaid/")
    assert reverse("corrections:worklist").startswith("/corrections/")
    assert reverse("dashboard:overview").startswith("/dashboard/")
    assert reverse("api:legalaid-case-list") == "/api/v1/legalaid/cases/"
    assert reverse("api:lawyer-list") == "/api/v1/lawyers/lawyers/"
    assert reverse("api:stats") == "/api/v1/stats/"


def test_a_role_s_home_page_is_the_one_its_function_declares(client_for, personas):
    assert functions.home_view(Role.ADVISOR) is not None
    assert functions.home_view(Role.STREET) is None
    response = client_for(personas.advisor).get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name != "bureau/home.html"


def test_a_function_may_declare_a_role_of_its_own(monkeypatch, areas):
    """人民调解员: a role the mediation app will declare — a choice of User.role, working only in its function,
    in a workspace of its own (no dashboards), without a line changed in bureau/."""
    from bureau import roles
    from bureau.permissions import has_workspace, sees_dashboards

    declared = dict(functions._declared())
    declared["publicity"] = functions.Function(code="publicity", label="普法", section="普法科", order=99,
                                               own_roles={"volunteer": "普法志愿者"})
    monkeypatch.setattr(functions, "_declared", lambda: declared)
    assert ("volunteer", "普法志愿者") in list(User._meta.get_field("role").choices)
    assert roles.label("volunteer") == "普法志愿者"
    volunteer = User(username="v", role="volunteer", area=areas.community_a)
    assert volunteer.functions == {"publicity"}
    assert has_workspace(volunteer) and not sees_dashboards(volunteer)
    assert "dashboard:overview" not in {i.url_name for _label, items in menu_for(volunteer) for i in items}

"""The bureau's functions (法律援助, 社区矫正 …): each app declares its own, the platform composes them.

An app says what it is once, in its AppConfig:

    class LegalaidConfig(AppConfig):
        name = "legalaid"
        verbose_name = _("法律援助")
        function = Function(
            code="legalaid", label=_("法律援助"), section="法律援助科", order=10,
            roles={Role.STREET},            # who works in it besides leadership, the city, the administrator
            report_heading="法律援助工作",    # and the section staff of this section
            menu="legalaid.menu.MENU",
        )

and the platform finds the rest in the app by name: `urls.py` is served under /<code>/, `api.py`'s
`register(router)` adds its routes under /api/v1/, `stats.py` its indicators and its report paragraph,
`reminders.py` its to-do rules, `resources.py` its imports. Nothing in bureau/ names an app: the `User.section`
choices, the navigation, the home page, the dashboards and the work report's chapters all come from here.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string

from .roles import ALL_FUNCTIONS_ROLES, Role


@dataclass(frozen=True)
class Function:
    code: str  # the app's label, the prefix of its URLs, indicator codes and to-do kinds
    label: str
    section: str  # the district bureau's section working in it: "法律援助科"
    order: int  # navigation, dashboards and the work report follow it
    roles: frozenset = frozenset()  # roles working in it besides those of ALL_FUNCTIONS_ROLES and its section
    report_heading: str = ""  # "法律援助工作": the work report's chapter (defaults to the label)
    menu: str | list = field(default_factory=list)  # [MenuItem…] or its dotted path (menus import models)
    home: dict = field(default_factory=dict)  # {role: dotted path of the view drawing that role's home page}
    # Roles of its own ({"mediator": _("人民调解员")}): people outside the bureau's offices who work only in this
    # function, in a workspace of their own (a `home`), with no dashboards.
    own_roles: dict = field(default_factory=dict)
    # Pages for the public, without an account ({"url name": _("what they are")}): `make run` prints them.
    public_pages: dict = field(default_factory=dict)

    def __str__(self):
        return str(self.label)

    @property
    def heading(self):
        return self.report_heading or str(self.label)

    def menu_items(self):
        return import_string(self.menu) if isinstance(self.menu, str) else self.menu


@cache
def _declared():
    found = [config.function for config in apps.get_app_configs() if isinstance(getattr(config, "function", None),
                                                                                Function)]
    return {f.code: f for f in sorted(found, key=lambda f: f.order)}


def all_functions():
    """Every function, in the order the bureau lists them."""
    return list(_declared().values())


def get(code):
    """The function of `code` ("legalaid"), or None."""
    return _declared().get(code)


def codes():
    return list(_declared())


def declared():
    """{code: Function} of every function (the mapping itself: read it, never change it)."""
    return _declared()


def choices():
    """[(code, label)]: the choices of every field naming a function (a callable, so that a new function app
    changes no migration of bureau)."""
    return [(f.code, f.label) for f in _declared().values()]


def label(code):
    function = get(code)
    return function.label if function else code


def for_role(role, section=""):
    """The codes of the functions a role works in (section staff: their own section)."""
    if role in ALL_FUNCTIONS_ROLES:
        return set(_declared())
    if role == Role.SECTION:
        return {section} if section in _declared() else set()
    return {code for code, f in _declared().items() if role in f.roles or role in f.own_roles}


def declared_roles():
    """{code: label} of the roles the function apps declare."""
    return {code: label for f in _declared().values() for code, label in f.own_roles.items()}


def home_view(role):
    """The view drawing `role`'s home page, when a function declares one (the advisor's workspace)."""
    for function in _declared().values():
        if role in function.home:
            return import_string(function.home[role])
    return None


def order_of(code):
    codes_ = list(_declared())
    return codes_.index(code) if code in codes_ else len(codes_)

"""Navigation: each app declares its entries; the navigation shows a user only what their role may use."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import functions
from .links import view_url
from .permissions import sees_dashboards
from .roles import Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str = "circle"
    function: str = ""  # the code of the function the entry needs (User.can_use)
    roles: frozenset = field(default=frozenset())  # empty: any role that passes `function`
    show: object = None  # a bureau.permissions predicate the user must pass, where roles will not say it
    in_user_menu: bool = False  # tools and settings go under the user's name, not in the bar
    secondary: bool = False  # under 更多 in the bar: the bar must fit 1440 px in English too

    def allowed(self, user):
        if self.roles and user.role not in self.roles and not user.is_superuser:
            return False
        if self.show is not None and not self.show(user):
            return False
        return not self.function or user.can_use(self.function)

    @property
    def url(self):
        return view_url(self.url_name)


CORE_MENU = [
    MenuItem(_("首页"), "home", "house"),
    MenuItem(_("待办事项"), "bureau:reminder_list", "check2-square"),
    MenuItem(_("统计"), "dashboard:overview", "bar-chart-line", show=sees_dashboards),
    MenuItem(_("辖区"), "bureau:area_list", "geo-alt", secondary=True),
    MenuItem(_("工作日历"), "bureau:calendar", "calendar3", secondary=True),
    MenuItem(_("审计日志"), "bureau:audit_list", "shield-check", roles=frozenset({Role.ADMIN}), in_user_menu=True),
    MenuItem(_("系统管理"), "admin:index", "gear", roles=frozenset({Role.ADMIN}), in_user_menu=True),
    MenuItem(_("数据导入"), "imports:resource_list", "upload", in_user_menu=True,
             roles=frozenset({Role.STREET, Role.SECTION, Role.ADVISOR, Role.ADMIN})),
    MenuItem(_("API 文档"), "api:docs", "braces", in_user_menu=True),
]


def menu_for(user):
    """[(group label, [MenuItem…])…]: the core first, then one group per function the user may use.

    Kept on the user instance (`User.kept`; read it, never change it): the navigation and the home page's quick
    links both ask for it, 150 entry checks each."""
    return user.kept("_menu", _menu_for)


def _menu_for(user):
    groups = [(_("平台基础"), [item for item in CORE_MENU if item.allowed(user)])]
    for function in functions.all_functions():
        groups.append((function.label, [item for item in function.menu_items() if item.allowed(user)]))
    return [(label, items) for label, items in groups if items]

"""Navigation: each app declares its entries; the navigation shows a user only what their role may use."""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import Function, Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str = "circle"
    function: Function | None = None  # the entry needs this function (User.can_use)
    roles: frozenset = field(default=frozenset())  # empty: any role that passes `function`
    in_user_menu: bool = False  # tools and settings go under the user's name, not in the bar

    def allowed(self, user):
        if self.roles and user.role not in self.roles and not user.is_superuser:
            return False
        return self.function is None or user.can_use(self.function)

    @property
    def url(self):
        return reverse(self.url_name)


CORE_MENU = [
    MenuItem(_("首页"), "home", "house"),
    MenuItem(_("待办事项"), "bureau:reminder_list", "check2-square"),
    MenuItem(_("统计"), "dashboard:overview", "bar-chart-line", roles=frozenset(Role) - {Role.ADVISOR}),
    MenuItem(_("辖区"), "bureau:area_list", "geo-alt"),
    MenuItem(_("工作日历"), "bureau:calendar", "calendar3"),
    MenuItem(_("审计日志"), "bureau:audit_list", "shield-check", roles=frozenset({Role.ADMIN}), in_user_menu=True),
    MenuItem(_("系统管理"), "admin:index", "gear", roles=frozenset({Role.ADMIN}), in_user_menu=True),
    MenuItem(_("数据导入"), "imports:resource_list", "upload", in_user_menu=True,
             roles=frozenset({Role.STREET, Role.SECTION, Role.ADVISOR, Role.ADMIN})),
    MenuItem(_("API 文档"), "api:docs", "braces", in_user_menu=True),
]


def _app_menu(config):
    menu = getattr(config, "menu", [])
    return import_string(menu) if isinstance(menu, str) else menu


def menu_for(user):
    """[(group label, [MenuItem…])…]: the core first, then one group per function the user may use."""
    groups = []
    for config in apps.get_app_configs():
        items = [item for item in _app_menu(config) if item.allowed(user)]
        if items:
            groups.append((config.verbose_name, items))
    return groups

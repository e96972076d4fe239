"""普法's navigation entries (a dotted path in PublicityConfig.menu: bureau.menu imports models)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import READ_ONLY_ROLES, Role

from .apps import FUNCTION
from .exam_menu import MENU as EXAM_MENU

WRITERS = frozenset(Role) - READ_ONLY_ROLES

MENU = [
    MenuItem(_("普法活动"), "publicity:activity_list", "megaphone", function=FUNCTION),
    MenuItem(_("登记普法活动"), "publicity:activity_create", "calendar-plus", function=FUNCTION, roles=WRITERS),
    MenuItem(_("普法媒体作品"), "publicity:mediaproduct_list", "camera-video", function=FUNCTION),
    MenuItem(_("法治文化阵地"), "publicity:position_list", "flag", function=FUNCTION),
    MenuItem(_("阵地分布图"), "publicity:position_map", "geo-alt", function=FUNCTION),
    *EXAM_MENU,
]

"""Public legal service's navigation entries (a dotted path in PublicServiceConfig.menu: bureau.menu imports
models)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import Role
from public_service.apps import FUNCTION

from .campaign_menu import MENU as CAMPAIGN_MENU

OFFICES = frozenset(Role) - {Role.ADVISOR}  # the network's registers are the offices'

MENU = [
    MenuItem(_("公共法律服务站点"), "public_service:site_list", "geo-alt", function=FUNCTION, roles=OFFICES),
    MenuItem(_("线下预约"), "public_service:booking_list", "calendar-check", function=FUNCTION, roles=OFFICES),
    MenuItem(_("线上法律咨询"), "public_service:question_list", "chat-dots", function=FUNCTION),
    MenuItem(_("法律课堂"), "public_service:class_list", "easel", function=FUNCTION, roles=OFFICES),
    *CAMPAIGN_MENU,
]

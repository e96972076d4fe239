"""Navigation entries of campaigns, vouchers and service records (appended by public_service/menu.py)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import Role
from public_service.apps import FUNCTION

OFFICES = frozenset(Role) - {Role.ADVISOR}  # advisors keep their own log (lawyers), not the sites' records

MENU = [
    MenuItem(_("站点服务记录"), "public_service:site_record_list", "journal-text", function=FUNCTION, roles=OFFICES),
    MenuItem(_("公益法律服务项目"), "public_service:campaign_list", "briefcase", function=FUNCTION, roles=OFFICES),
    MenuItem(_("法律服务券"), "public_service:voucher_list", "ticket-perforated", function=FUNCTION, roles=OFFICES),
]

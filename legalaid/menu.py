"""Legal aid's navigation entries (a dotted path in LegalaidConfig.menu: bureau.menu imports models)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import READ_ONLY_ROLES, Role
from legalaid.apps import FUNCTION

WRITERS = frozenset(Role) - READ_ONLY_ROLES  # the forms are not offered to those who only read

MENU = [
    MenuItem(_("案件"), "legalaid:case_list", "folder2-open", function=FUNCTION),
    MenuItem(_("登记申请"), "legalaid:case_create", "file-earmark-plus", function=FUNCTION, roles=WRITERS),
    MenuItem(_("法律咨询"), "legalaid:consultation_create", "chat-left-text", function=FUNCTION,
             roles=WRITERS),
    MenuItem(_("咨询记录"), "legalaid:consultation_list", "list-ul", function=FUNCTION),
    MenuItem(_("投诉"), "legalaid:complaint_list", "exclamation-diamond", function=FUNCTION),
]

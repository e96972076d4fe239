from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "legalaid"  # the code its records, URLs, indicators and to-dos are known by


class LegalaidConfig(AppConfig):
    name = "legalaid"
    verbose_name = _("法律援助")
    function = Function(
        code=FUNCTION,
        label=_("法律援助"),
        section="法律援助科",
        order=10,
        roles=frozenset({Role.STREET}),
        report_heading="法律援助工作",
        menu="legalaid.menu.MENU",  # a dotted path: menus import models, not loaded yet here
    )

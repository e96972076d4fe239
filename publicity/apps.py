from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "publicity"  # the code its records, URLs, indicators and to-dos are known by


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = _("普法")
    function = Function(
        code=FUNCTION,
        label=_("普法"),
        section="普法与依法治理科",
        order=60,
        roles=frozenset({Role.STREET}),
        report_heading="普法依法治理工作",
        menu="publicity.menu.MENU",  # a dotted path: menus import models, not loaded yet here
    )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "corrections"  # the code its records, URLs, indicators and to-dos are known by


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("社区矫正")
    function = Function(
        code=FUNCTION,
        label=_("社区矫正"),
        section="社区矫正科",
        order=30,
        roles=frozenset({Role.STREET}),
        report_heading="社区矫正和安置帮教工作",
        menu="corrections.menu.MENU",
    )

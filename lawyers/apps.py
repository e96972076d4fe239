from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "lawyers"  # the code its records, URLs, indicators and to-dos are known by


class LawyersConfig(AppConfig):
    name = "lawyers"
    verbose_name = _("律师工作")
    function = Function(
        code=FUNCTION,
        label=_("律师工作"),
        section="律师工作科",
        order=40,
        roles=frozenset({Role.STREET, Role.ADVISOR}),
        report_heading="律师和社区法律顾问工作",
        menu="lawyers.menu.MENU",
        home={Role.ADVISOR: "lawyers.advisor_views.advisor_home"},  # an advisor signs in to their workspace
    )

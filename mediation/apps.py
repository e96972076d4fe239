from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function
from bureau.roles import Role

FUNCTION = "mediation"  # the code its records, URLs, indicators and to-dos are known by
MEDIATOR = "mediator"  # its own role (人民调解员): a member of a committee, who sees that committee's records


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("人民调解")
    function = Function(
        code=FUNCTION,
        label=_("人民调解"),
        section="人民调解科",
        order=20,
        roles=frozenset({Role.STREET}),
        report_heading="人民调解工作",
        own_roles={MEDIATOR: _("人民调解员")},
        menu="mediation.menu.MENU",  # a dotted path: menus import models, not loaded yet here
        home={MEDIATOR: "mediation.views.mediator_home"},  # the mediator's own workspace
    )

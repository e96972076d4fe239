from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function

FUNCTION = "normative_docs"  # the code its records, URLs, indicators and to-dos are known by
UNIT = "unit"  # its own role (起草承办单位): a person of a drafting/handling unit, who sees that unit's records


class NormativeDocsConfig(AppConfig):
    name = "normative_docs"
    verbose_name = _("法治政府")
    function = Function(
        code=FUNCTION,
        label=_("法治政府"),
        section="法制科",
        order=50,
        roles=frozenset(),
        report_heading="法治政府建设工作",
        own_roles={UNIT: _("起草承办单位")},
        menu="normative_docs.menu.MENU",  # a dotted path: menus import models, not loaded yet here
        home={UNIT: "normative_docs.views.unit_home"},  # the drafting unit's own workspace
    )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from bureau.functions import Function

FUNCTION = "normative_docs"  # the code its records, URLs, indicators and to-dos are known by


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
    )

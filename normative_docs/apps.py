from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormativeDocsConfig(AppConfig):
    name = "normative_docs"
    verbose_name = _("法治政府")
    # Navigation entries (bureau.menu.MenuItem) are declared here when the function is built.
    menu = []

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "lawyers"
    verbose_name = _("律师工作")
    # Navigation entries (bureau.menu.MenuItem) are declared here when the function is built.
    menu = []

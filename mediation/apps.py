from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("人民调解")
    # Navigation entries (bureau.menu.MenuItem) are declared here when the function is built.
    menu = []

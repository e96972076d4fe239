from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("社区矫正")
    # Navigation entries (bureau.menu.MenuItem) are declared here when the function is built.
    menu = []

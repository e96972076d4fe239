from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "lawyers"
    verbose_name = _("律师工作")
    # A dotted path: bureau.menu imports models, which cannot be imported while app configs load.
    menu = "lawyers.menu.MENU"

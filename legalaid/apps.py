from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalaidConfig(AppConfig):
    name = "legalaid"
    verbose_name = _("法律援助")
    # A dotted path: bureau.menu imports models, which cannot be imported while app configs load.
    menu = "legalaid.menu.MENU"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("社区矫正")
    # A dotted path: bureau.menu imports models, which cannot be imported while app configs load.
    menu = "corrections.menu.MENU"

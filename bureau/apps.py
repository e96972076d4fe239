from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class BureauConfig(AppConfig):
    name = "bureau"
    verbose_name = _("平台基础")
    # Navigation entries of the core; each function app declares its own `menu` in its AppConfig.
    menu = "bureau.menu.CORE_MENU"

    def ready(self):
        # Each app registers its reminder rules in reminders.py and its indicators in stats.py.
        autodiscover_modules("reminders")
        autodiscover_modules("resources")  # import resources (bureau.imports)
        autodiscover_modules("stats")

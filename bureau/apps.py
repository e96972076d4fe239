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
        self._connect_stats_invalidation()

    @staticmethod
    def _connect_stats_invalidation():
        """A write to any record of a function app (or a to-do) makes the cached dashboard figures stale."""
        from django.conf import settings
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from .dashboard import invalidate

        watched = set(settings.PROJECT_APPS) - {"bureau"}

        def on_write(sender, **kwargs):
            if sender._meta.app_label in watched or sender._meta.label == "bureau.Reminder":
                transaction.on_commit(invalidate)

        post_save.connect(on_write, dispatch_uid="stats-invalidate-save", weak=False)
        post_delete.connect(on_write, dispatch_uid="stats-invalidate-delete", weak=False)

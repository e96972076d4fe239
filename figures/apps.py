from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """Where the figures are composed: the indicator registry, the dashboards, the statistics API and the
    generated work reports. Each function app owns its indicators (its stats.py); this app composes them."""

    name = "figures"
    verbose_name = _("统计")
    url_prefix = "dashboard/"

    def ready(self):
        autodiscover_modules("stats")  # each app's indicators, measures, stocks and report paragraph
        self._connect_invalidation()

    @staticmethod
    def _connect_invalidation():
        """A write to any record of a function app (or a to-do) makes the cached dashboard figures stale."""
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from bureau import functions
        from bureau.signals import records_written

        from .dashboard import invalidate

        def on_write(sender, **kwargs):
            if sender._meta.app_label in functions.codes() or sender._meta.label == "bureau.Reminder":
                transaction.on_commit(invalidate)

        def on_bulk_write(sender, **kwargs):
            transaction.on_commit(invalidate)

        post_save.connect(on_write, dispatch_uid="stats-invalidate-save", weak=False)
        post_delete.connect(on_write, dispatch_uid="stats-invalidate-delete", weak=False)
        records_written.connect(on_bulk_write, dispatch_uid="stats-invalidate-bulk", weak=False)

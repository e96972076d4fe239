from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class BureauConfig(AppConfig):
    name = "bureau"
    verbose_name = _("平台基础")

    def ready(self):
        # Each app registers its reminder rules in reminders.py and its import resources in resources.py.
        autodiscover_modules("reminders")
        autodiscover_modules("resources")
        # The audit trail's indexes on every app's event tables, present and future (bureau.audit).
        from .audit import ensure_indexes

        post_migrate.connect(ensure_indexes, sender=self, dispatch_uid="bureau.audit.ensure_indexes")
        # API tokens die with a password change or an axes lockout (bureau.signals).
        from .signals import connect_token_revocation

        connect_token_revocation()
        # django-tables2's per-cell costs, paid once (bureau.tables).
        from .tables import speed_up_tables2

        speed_up_tables2()
        # get_<field>_display() without translating every label of the field at each call (bureau.speedups).
        # Lazy strings read back from the cache without a new class each; the lists' date formats written directly;
        # text escaped without keep_lazy's look for lazy arguments (bureau.speedups).
        from .speedups import speed_up_choice_labels, speed_up_date_formats, speed_up_escape, speed_up_lazy_unpickling

        speed_up_choice_labels()
        speed_up_lazy_unpickling()
        speed_up_date_formats()
        speed_up_escape()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "lawyers"
    verbose_name = _("律师工作")
    menu = []  # bureau.menu.MenuItem entries, set in ready(): bureau's models cannot be imported earlier

    def ready(self):
        from bureau.menu import MenuItem
        from bureau.models import Function

        self.menu = [
            MenuItem(_("律师事务所"), "lawyers:lawfirm_list", "building", function=Function.LAWYERS),
            MenuItem(_("律师"), "lawyers:lawyer_list", "person-badge", function=Function.LAWYERS),
        ]

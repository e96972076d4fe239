from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bureau.dashboard import invalidate
from bureau.data.demo_users import DEMO_PASSWORD, DEMO_USERS
from bureau.models import Area, User
from bureau.reminders import run_rules


def app_demo_loaders():
    """Each project app may have a `demo.py` with `load(stdout)`; they run in INSTALLED_APPS order."""
    for label in settings.PROJECT_APPS:
        name = apps.get_app_config(label).name
        try:
            module = import_module(f"{name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.demo":
                raise
            continue
        yield label, module.load


class Command(BaseCommand):
    help = "Create the demo accounts and each function's demo records in both demo districts. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        areas = dict(Area.objects.values_list("code", "pk"))
        created = 0
        for username, name, role, section, area_code in DEMO_USERS:
            user, is_new = User.objects.get_or_create(
                username=username,
                defaults={"name": name, "role": role, "section": section, "area_id": areas[area_code],
                          "is_staff": role == "admin", "is_superuser": role == "admin"},
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created += 1
        self.stdout.write(f"demo data: {created} new accounts ({len(DEMO_USERS)} in all)")
        for label, load in app_demo_loaders():
            load(stdout=self.stdout)
        invalidate()  # the loaders bulk-insert, which sends no signals: cached dashboard figures are stale
        new_todos = sum(run_rules(timezone.localdate()).values())
        self.stdout.write(f"demo data: {new_todos} new to-dos")

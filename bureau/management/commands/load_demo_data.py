from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from bureau.composition import app_modules
from bureau.data.demo_users import DEMO_PASSWORD, demo_users
from bureau.models import Area, User
from bureau.reminders import run_rules
from bureau.signals import records_written


class Command(BaseCommand):
    help = "Create the demo accounts and each function's demo records in both demo districts. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        areas = dict(Area.objects.values_list("code", "pk"))
        created = 0
        accounts = demo_users()
        for username, name, role, section, area_code in accounts:
            user, is_new = User.objects.get_or_create(
                username=username,
                defaults={"name": name, "role": role, "section": section, "area_id": areas[area_code],
                          "is_staff": role == "admin", "is_superuser": role == "admin"},
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created += 1
        self.stdout.write(f"demo data: {created} new accounts ({len(accounts)} in all)")
        for _config, demo in app_modules("demo"):  # each app's demo.py: load(stdout), in INSTALLED_APPS order
            demo.load(stdout=self.stdout)
        records_written.send(sender=self.__class__, labels=[])  # the loaders bulk-insert: no model signals
        new_todos = sum(run_rules(timezone.localdate()).values())
        self.stdout.write(f"demo data: {new_todos} new to-dos")
        # The loaders COPY tens of thousands of rows; until the tables are analysed the planner takes them for empty
        # and joins a district's 8,000 consultations row by row (docs/benchmarks.md, "Load"), and until they are
        # vacuumed a list's count cannot read its index alone (no visibility map yet). Autovacuum would do both
        # eventually, when it is on; `make run` serves right away. (VACUUM cannot run in a transaction: a test's.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from bureau.models import Reminder
from bureau.reminders import registered_rules


class Command(BaseCommand):
    help = (
        "Run the daily reminder rules now (what Celery beat runs every morning) and print the to-dos each rule "
        "created and how many are open. Safe to run any number of times: a to-do is never created twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); today by default")
        parser.add_argument("--kind", action="append", default=[],
                            help="only the rules whose kind starts with this, e.g. corrections. (repeatable)")
        parser.add_argument("--celery", action="store_true",
                            help="queue the run to the Celery worker instead of running it here")

    def handle(self, *args, **options):
        from bureau.tasks import run_reminder_rules_task

        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD")
        kinds = [k for k in registered_rules() if not options["kind"] or k.startswith(tuple(options["kind"]))]
        if not kinds:
            raise CommandError("no reminder rule matches --kind")
        if options["celery"]:
            result = run_reminder_rules_task.delay(today.isoformat(), kinds)
            self.stdout.write(f"queued as task {result.id}")
            return
        created = run_reminder_rules_task(today.isoformat(), kinds)
        open_todos = Reminder.objects.open().filter(kind__in=kinds).values("kind").annotate(n=Count("pk"))
        open_counts = dict(open_todos.values_list("kind", "n"))
        self.stdout.write(f"Reminder rules as of {today:%Y-%m-%d}")
        for kind in sorted(created):
            self.stdout.write(f"  {kind:<36} new {created[kind]:>5}   open {open_counts.get(kind, 0):>6}")
        self.stdout.write(f"  {'total':<36} new {sum(created.values()):>5}   open {sum(open_counts.values()):>6}")

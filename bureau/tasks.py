from datetime import date

from celery import shared_task
from django.utils import timezone

from .reminders import run_rules


@shared_task(acks_late=True)
def run_reminder_rules_task(today: str | None = None):
    """The daily run of every app's reminder rules (idempotent: safe to run again after a crash)."""
    return run_rules(date.fromisoformat(today) if today else timezone.localdate())

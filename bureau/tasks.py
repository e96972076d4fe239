from datetime import date

from celery import shared_task
from django.utils import timezone

from .reminders import run_rules


@shared_task(acks_late=True)
def run_reminder_rules_task(today: str | None = None, kinds: list[str] | None = None):
    """The daily run of every app's reminder rules, or of those named (idempotent: safe to run again after a
    crash)."""
    return run_rules(date.fromisoformat(today) if today else timezone.localdate(), kinds=kinds)


@shared_task(acks_late=True)
def import_validate_task(job_id: int):
    """Validate a large uploaded file (bureau.imports). A job that is no longer validating is left alone."""
    from .imports.services import import_job_validate
    from .models import ImportJob

    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    return import_job_validate(job=job).status if job else None


@shared_task(acks_late=True)
def import_commit_task(job_id: int):
    """Write a confirmed import. Idempotent: a job already done (or not committing) writes nothing."""
    from .imports.services import import_job_commit
    from .models import ImportJob

    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    return import_job_commit(job=job).status if job else None

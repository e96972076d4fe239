"""The audit trail: who changed what, when, and from which request.

Every model of the project is declared with `@audited`, which installs django-pghistory's database
triggers. Because the triggers fire in PostgreSQL, `QuerySet.update()`, `bulk_create()` and imports are
recorded as surely as `save()`. The request (user, URL, method, address) or the Celery task is attached to
each event as its context. tests/bureau/test_audit.py fails if a project model is left untracked.
"""

import pghistory
import pghistory.core
import pghistory.middleware
import pghistory.models
from celery import signals
from django.conf import settings
from django.db import models

from .identifiers import ResidentIDField

REVEALED = "identifier.revealed"


def audited(model=None, /, **track_kwargs):
    """Class decorator: record inserts, updates and deletes of the model, and identifier reveals."""

    def decorate(model_class):
        trackers = [pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent()]
        if any(isinstance(f, ResidentIDField) for f in model_class._meta.local_fields):
            trackers.append(pghistory.ManualEvent(REVEALED))
        return pghistory.track(*trackers, **track_kwargs)(model_class)

    return decorate(model) if model is not None else decorate


def is_audited(model_class):
    return bool(pghistory.core.event_models(tracks_model=model_class))


def client_address(request):
    """The client's address. Behind PROXY_COUNT trusted proxies it is the entry the outermost of them
    appended to X-Forwarded-For, counted from the right: entries further left came from the client and
    could be forged."""
    proxies = settings.PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class AuditContextMiddleware(pghistory.middleware.HistoryMiddleware):
    def get_context(self, request):
        return {
            **super().get_context(request),
            "method": request.method,
            "ip": client_address(request),
        }


_task_contexts = {}


@signals.task_prerun.connect
def _enter_task_context(task_id=None, task=None, **kwargs):
    context = pghistory.context(task=task.name, task_id=task_id)
    context.__enter__()
    _task_contexts[task_id] = context


@signals.task_postrun.connect
def _exit_task_context(task_id=None, **kwargs):
    context = _task_contexts.pop(task_id, None)
    if context is not None:
        context.__exit__(None, None, None)


def audit_bulk_writes():
    """Call inside a transaction before a bulk write: every audit trigger still fires, but faster, and with
    the writer's context.

    Each trigger first reads the setting `pgtrigger.ignore`; while it is unset the read raises inside a
    plpgsql exception block — a subtransaction per trigger call, which cost 7 of 8 seconds for 20,000 rows
    when the triggers ran per row. Setting it to "ignore nothing" for the transaction skips that. The
    statement also goes through the cursor wrapper that attaches the audit context (who, from which request
    or task: pghistory sets it in front of every statement but SELECTs), so a COPY after it, which bypasses
    that wrapper, is recorded with its author (bureau.bulk).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL pgtrigger.ignore = '{}'")


def record_reveal(obj, *, field_name):
    """Write the audit event of a full identifier being shown (the caller's request is the context)."""
    with pghistory.context(revealed_field=field_name):
        return pghistory.create_event(obj, label=REVEALED)


class AuditEvent(pghistory.models.Events):
    """All events of all tracked models, with the request context as columns for searching."""

    user = pghistory.ProxyField(
        "pgh_context__user",
        models.ForeignKey("bureau.User", on_delete=models.DO_NOTHING, null=True, related_name="+"),
    )
    url = pghistory.ProxyField("pgh_context__url", models.TextField(null=True))
    ip = pghistory.ProxyField("pgh_context__ip", models.TextField(null=True))
    task = pghistory.ProxyField("pgh_context__task", models.TextField(null=True))

    class Meta:
        proxy = True
        app_label = "bureau"

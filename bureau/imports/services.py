"""The life of an import job: upload → validation (preview) → confirmation → all-or-nothing commit.

Small files run inside the request. A file of more than settings.IMPORT_ASYNC_ROWS rows runs in Celery
(`bureau.tasks.import_validate_task` / `import_commit_task`); its page polls the progress, which is kept in
the cache because the commit's own transaction hides every write until it ends.

The uploaded file holds ID numbers in clear, so it is deleted as soon as the job reaches an end
(imported, refused or failed). The preview keeps a few rows with ID numbers masked.
"""

import logging
from datetime import date

import pghistory
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from bureau.identifiers import mask_resident_id
from bureau.models import ImportJob
from bureau.signals import records_written

from .columns import ResidentIDColumn, cell_text
from .files import read_table
from .resource import gc_frozen_for_job, get_resource

logger = logging.getLogger(__name__)

Status = ImportJob.Status
ERRORS_KEPT = 1000  # the page lists this many; the count says how many there were
PREVIEW_ROWS = 10
PROGRESS_TTL = 6 * 3600


def import_job_create(*, user, resource, upload) -> ImportJob:
    """Store the upload and validate it (here, or in Celery for a large file).

    Raises ValidationError when the file cannot be read at all (wrong type, empty, too many rows).
    """
    if not resource.allowed(user):
        raise PermissionDenied(_("您没有导入此类数据的权限。"))
    table = read_table(upload, upload.name)
    upload.seek(0)
    job = ImportJob.objects.create(
        user=user, resource=resource.name, file=upload, filename=upload.name[-200:],
        language=get_language() or settings.LANGUAGE_CODE, total_rows=len(table.rows),
        preview=_preview(resource, table),
    )
    _move(job, Status.VALIDATING)
    if _in_background(job):
        transaction.on_commit(lambda: _queue("import_validate_task", job.pk))
        return job
    return import_job_validate(job=job, table=table)


def import_job_validate(*, job, table=None) -> ImportJob:
    """The dry run: every error of the file, nothing written. Does nothing unless the job is validating."""
    if job.status != Status.VALIDATING:
        return job
    resource = get_resource(job.resource)
    try:
        with gc_frozen_for_job():  # the file's cells and records out of the collector's passes while they live
            table = table or _read(job)
            with override(job.language):
                result = resource.validate(table, job.user, progress=_reporter(job, 0, 100))
    except Exception:
        logger.exception("import job %s: validation failed", job.pk)
        return _fail(job)
    job.preview = {**job.preview, **_counts(result)}
    _store_errors(job, result.errors)
    _store_warnings(job, result.warnings)
    job.processed_rows = job.total_rows
    _move(job, Status.VALID if result.is_valid else Status.INVALID)
    if not result.is_valid:
        _discard_file(job)
    return job


def import_job_confirm(*, job, by, identifiers_confirmed: bool = False) -> ImportJob:
    """确认导入: the uploader confirms a valid preview; the commit runs here or in Celery.

    A preview with warnings (ID numbers whose region code needs checking) is committed only when the
    uploader confirms them too (`identifiers_confirmed`); each record then carries the confirmation.
    """
    if by.pk != job.user_id:
        raise PermissionDenied(_("只有上传人可以确认导入。"))
    if not get_resource(job.resource).allowed(by):
        raise PermissionDenied(_("您没有导入此类数据的权限。"))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != Status.VALID:
            raise ValidationError(_("此文件已提交或未通过校验，不能再次导入。"), code="state")
        if job.warning_count and not identifiers_confirmed:
            raise ValidationError(_("文件中有%(n)d个身份证号码的地区代码需要核对。核对无误的，请勾选确认后再导入。") % {
                "n": job.warning_count}, code="region_unconfirmed")
        _move(job, Status.COMMITTING)
    if _in_background(job):
        transaction.on_commit(lambda: _queue("import_commit_task", job.pk))
        return job
    return import_job_commit(job=job)


def import_job_commit(*, job) -> ImportJob:
    """Validate again (the data may have changed since the preview) and write everything or nothing.

    Idempotent: the job row is locked and its status checked inside the same transaction that writes the
    records and marks the job done, so a task delivered twice writes once.
    """
    resource = get_resource(job.resource)
    try:
        # The file's cells, records and instances out of the collector's passes while the job keeps them alive.
        with gc_frozen_for_job():
            table = _read(job)
            with (transaction.atomic(), override(job.language),
                  pghistory.context(user=job.user_id, import_job=job.pk)):
                job = ImportJob.objects.select_for_update().select_related("user").get(pk=job.pk)
                if job.status != Status.COMMITTING:
                    return job
                result = resource.validate(table, job.user, progress=_reporter(job, 0, 50))
                if result.is_valid:
                    job.created_count = resource.save(result, job.user,
                                                      progress=_reporter(job, 50, 100, _records(result)))
                    job.processed_rows = job.total_rows
                    job.finished_at = timezone.now()
                    # bulk_create sends no model signals: say what was written (the dashboards' cache listens).
                    records_written.send(sender=ImportJob, labels=[resource.model._meta.label])
                else:
                    _store_errors(job, result.errors)
                _move(job, Status.DONE if result.is_valid else Status.INVALID)
    except Exception:
        logger.exception("import job %s: commit failed", job.pk)
        job.refresh_from_db()
        return _fail(job) if job.status == Status.COMMITTING else job
    _discard_file(job)
    return job


def import_job_progress(job) -> int:
    """Percent done of the running step (validation, or validation + writing for a commit)."""
    if not job.is_running:
        return 100
    return cache.get(_progress_key(job.pk), 0)


# --- Helpers ----------------------------------------------------------------------------------------


def _move(job, status):
    if not job.can_move_to(status):
        raise ValidationError(_("导入任务不能从“%(old)s”变为“%(new)s”。") % {
            "old": job.get_status_display(), "new": Status(status).label})
    job.status = status
    job.save()


def _fail(job):
    job.message = _("处理文件时出现系统错误，没有写入任何数据。请联系系统管理员。")
    job.finished_at = timezone.now()
    _move(job, Status.FAILED)
    _discard_file(job)
    return job


def _in_background(job):
    return job.total_rows > settings.IMPORT_ASYNC_ROWS


def _queue(task_name, job_id):
    """Hand the job to Celery; if the broker cannot be reached, the job fails now rather than wait forever."""
    from bureau import tasks

    cache.set(_progress_key(job_id), 0, PROGRESS_TTL)
    try:
        getattr(tasks, task_name).delay(job_id)
    except Exception:
        logger.exception("import job %s: could not queue %s", job_id, task_name)
        _fail(ImportJob.objects.get(pk=job_id))


def _read(job):
    with job.file.open("rb") as file:
        return read_table(file, job.file.name)


def _discard_file(job):
    if job.file:
        job.file.delete(save=False)
        job.save(update_fields=["file"])


def _progress_key(job_id):
    return f"imports:job:{job_id}:progress"


def _reporter(job, start, end, total=None):
    """progress(done) → the cache, as a percentage between `start` and `end`."""
    total = max(total or job.total_rows, 1)

    def report(done):
        cache.set(_progress_key(job.pk), start + (end - start) * min(done, total) // total, PROGRESS_TTL)

    return report


def _records(result):
    return len(result.records)


def _counts(result):
    return {"records": len(result.records), "children": sum(len(r.children) for r in result.records)}


def _store_errors(job, errors):
    job.error_count = len(errors)
    job.errors = [[e.row, e.column, e.message] for e in errors[:ERRORS_KEPT]]


def _store_warnings(job, warnings):
    job.warning_count = len(warnings)
    job.warnings = [[w.row, w.column, w.message] for w in warnings[:ERRORS_KEPT]]


def _preview(resource, table):
    """The header and the first rows as text, ID numbers masked: the page shows what will be imported."""
    masked = {c.header for c in resource.all_columns if isinstance(c, ResidentIDColumn)}
    headers = [cell_text(h) for h in table.headers]
    rows = []
    for row, cells in table.rows[:PREVIEW_ROWS]:
        texts = [_display(c) for c in cells] + [""] * (len(headers) - len(cells))
        rows.append([row] + [mask_resident_id(t) if h in masked else t for h, t in zip(headers, texts)])
    return {"headers": headers, "rows": rows}


def _display(value):
    if isinstance(value, date):
        return value.isoformat()[:10]
    return cell_text(value)

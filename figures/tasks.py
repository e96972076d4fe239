from celery import shared_task


@shared_task(acks_late=True)
def build_report_task(report_id: int):
    """Build a requested work report (figures.reports). Idempotent: a finished report is left alone."""
    from bureau.models import Report
    from .reports import report_build

    report = Report.objects.filter(pk=report_id).first()
    return report_build(report=report).status if report else None

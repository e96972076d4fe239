"""Generated work reports: the statistics section of the bureau's report, as Word and Excel, by a Celery job.

`report_request` records what a leader asked for and queues `build_report_task`; the task calls
`report_build`, which computes every function's indicators (the same `compute` as the dashboards and the API),
has each app write its paragraph (`@report_paragraph` in the app's stats.py), fills the Word template
(settings.REPORT_TEMPLATE, GB/T 9704 layout) and an Excel workbook of the tables, and stores the figures with
the report: what it says stays what the records said that day.
"""

import logging
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from docxtpl import DocxTemplate

from . import stats
from .formatting import as_number, excel_row_formats, figure, unit
from bureau import excel, functions
from bureau.models import Area, Report, office_of
from .periods import parse_period

logger = logging.getLogger(__name__)

CHINESE_ORDINALS = "一二三四五六七八九十"


def scope_word(area):
    """How a report names its whole area: 全市, 全区, or the street's name."""
    return {Area.Level.CITY: "全市", Area.Level.DISTRICT: "全区"}.get(area.level, area.name)


@transaction.atomic
def report_request(*, user, area, period) -> Report:
    """Record the request and queue its job (after commit, so the worker finds the row)."""
    if not Area.objects.visible_to(user).filter(pk=area.pk).exists():
        raise ValidationError(_("所选区域不在您的管辖范围内。"))
    functions = sorted(g.function for g in stats.groups_for(user))
    if not functions:
        raise ValidationError(_("您没有可统计的业务。"))
    if period.start > timezone.localdate():
        raise ValidationError(_("%(period)s尚未开始，无法生成报告。") % {"period": period.label})
    with override(settings.LANGUAGE_CODE):  # the document's words (its title, its 期间), whoever asks
        label = period.label
    report = Report.objects.create(requested_by=user, area=area, period=period.key, period_label=label,
                                   functions=functions)
    transaction.on_commit(lambda: _queue(report.pk))
    return report


def _queue(report_id):
    from .tasks import build_report_task

    try:
        build_report_task.delay(report_id)
    except Exception:
        logger.exception("report %s: could not queue the job", report_id)
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, message=_("任务队列暂时不可用，请稍后重新生成。"), finished_at=timezone.now()
        )


def _progress(report, percent, status=None):
    """Written at once (outside any transaction) so the page polling the report sees it move."""
    report.progress = percent
    fields = {"progress": percent}
    if status:
        report.status = fields["status"] = status
    Report.objects.filter(pk=report.pk).update(**fields)


def report_build(*, report) -> Report:
    """Build the report's files. Idempotent: a finished report is left as it is; a job redelivered after a
    crashed worker builds it again from the start."""
    report = Report.objects.select_related("area", "requested_by").get(pk=report.pk)
    if report.is_finished:
        return report
    try:
        with override(settings.LANGUAGE_CODE):
            return _build(report)
    except Exception:
        logger.exception("report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED, message=_("生成失败，请联系系统管理员。"), finished_at=timezone.now()
        )
        raise


def _build(report):
    """Figures of the period up to the day of the build (a running period stops at today), against the same
    days of last year (`Period.compared_on`), exactly as the dashboards show them on that day."""
    _progress(report, 5, Report.Status.RUNNING)
    comparison = parse_period(report.period).compared_on(timezone.localdate())
    groups = [g for g in stats.registered_groups() if g.function in report.functions]
    values, previous, sections = {}, {}, []
    for n, group in enumerate(groups):
        computed = group.compute(report.area, comparison.current)
        before = group.compute(report.area, comparison.previous)
        group_values = {i.code: computed[i.code] for i in group.indicators}
        values.update(group_values)
        previous.update({i.code: before[i.code] for i in group.indicators})
        writer = stats.paragraph_writer(group.function)
        scope = stats.ReportScope(scope_word(report.area), comparison.current,
                                  previous={i.code: before[i.code] for i in group.indicators})
        text = writer(group_values, scope) if writer else _generic_paragraph(group, group_values)
        sections.append({"heading": f"{CHINESE_ORDINALS[n]}、{functions.get(group.function).heading}", "text": text})
        _progress(report, 10 + int(60 * (n + 1) / len(groups)))

    report.docx.save(f"{report.pk}.docx", ContentFile(_word(report, sections, comparison)), save=False)
    _progress(report, 85)
    report.xlsx.save(f"{report.pk}.xlsx", ContentFile(_excel(report, groups, values, previous, comparison)),
                     save=False)
    report.figures = {
        "values": {code: _frozen(v) for code, v in values.items()},
        "previous": {code: _frozen(v) for code, v in previous.items()},
        "compared": {"current": comparison.current.key, "previous": comparison.previous.key,
                     "note": comparison.note},
        "sections": sections,
    }
    report.status, report.progress, report.finished_at = Report.Status.DONE, 100, timezone.now()
    report.save(update_fields=["docx", "xlsx", "figures", "status", "progress", "finished_at"])
    return report


def _frozen(value):
    return str(value) if isinstance(value, Decimal) else value


def _generic_paragraph(group, values):
    """For a function whose app writes no paragraph of its own: its figures, listed."""
    parts = [f"{i.name}{figure(i, values[i.code], separators=False)}{unit(i)}" for i in group.indicators
             if values[i.code] is not None]
    return "，".join(parts) + "。" if parts else _("本期无统计数据。")


def _word(report, sections, comparison):
    template = DocxTemplate(settings.REPORT_TEMPLATE)
    finished = timezone.localdate()
    until = ""
    if comparison.running:
        until = _("本期尚未结束，数据统计至%(y)d年%(m)d月%(d)d日；") % {
            "y": comparison.current.end.year, "m": comparison.current.end.month, "d": comparison.current.end.day}
    template.render({
        "title": report.title,
        "period_label": report.period_label,
        "introduction": _("现将%(scope)s%(period)s各项业务工作统计情况报告如下：") % {
            "scope": scope_word(report.area), "period": report.period_label},
        "sections": sections,
        "office": office_of(report.area),
        "date": f"{finished.year}年{finished.month}月{finished.day}日",
        "note": _("（%(until)s数据由区司法局综合业务平台于%(when)s自动生成，统计口径及%(compared)s见所附Excel表。）") % {
            "until": until, "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "compared": _("同比（%(now)s与%(then)s相比）") % {
                "now": comparison.current_label, "then": comparison.previous_label}},
    })
    _properties(template.docx.core_properties, report)
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _properties(properties, report):
    """The document's own properties, as Word's 文件属性 shows them: the office that issues it (not the library
    that wrote the template), its title, and when it was made."""
    now = timezone.now()
    properties.author = properties.last_modified_by = office_of(report.area)
    properties.title = report.title
    properties.subject = report.period_label
    properties.comments = ""
    properties.created = properties.modified = now
    properties.revision = 1


def _excel(report, groups, values, previous, comparison):
    book = excel.workbook()
    book.properties.creator = book.properties.lastModifiedBy = office_of(report.area)
    book.properties.title = report.title
    for group in groups:
        sheet = excel.sheet(book, functions.label(group.function), [
            _("指标代码"), _("指标名称"), _("单位"), comparison.current_label,
            _("上年同期（%(span)s）") % {"span": comparison.previous_label}, _("同比"), _("统计口径")],
            widths={"A": 36, "B": 24, "G": 60})
        for indicator in group.indicators:
            value, before = values[indicator.code], previous[indicator.code]
            change = stats.YearOnYear(indicator, value, before)
            sheet.append([indicator.code, str(indicator.name), indicator.unit,
                          as_number(value), as_number(before), change.cell, str(indicator.definition)])
            excel_row_formats(sheet, indicator, change, figure_columns=(4, 5), change_column=6)
    excel.sheet(book, _("说明"), [report.title], [
        [_("区域"), report.area.name, report.area.code],
        [_("统计期间"), report.period_label, report.period],
        [_("同比"), comparison.note],
        [_("生成时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
    ])
    return excel.as_bytes(book)

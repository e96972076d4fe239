"""The lists of 法治政府: sortable, and exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from bureau.tables import TodayTable
from bureau.templatetags.bureau_tags import days_left_text

from .models import Document, Litigation, Reconsideration, ReconsiderationStatus, Status, Unit

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
RIGHT = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
DOCUMENT_BADGES = {Status.SUBMITTED: "text-bg-warning", Status.RETURNED: "text-bg-danger",
                   Status.PASSED: "text-bg-info", Status.ISSUED: "text-bg-success"}
RECONSIDERATION_BADGES = {ReconsiderationStatus.RECEIVED: "text-bg-warning",
                          ReconsiderationStatus.ACCEPTED: "text-bg-info",
                          ReconsiderationStatus.REFUSED: "text-bg-secondary",
                          ReconsiderationStatus.CONCLUDED: "text-bg-success"}


def badge(css, text):
    return format_html('<span class="badge {}">{}</span>', css, text)


def clock(due, today):
    """A deadline with its days left (red when passed)."""
    return format_html('{}<br><small class="{}">{}</small>', due.isoformat(),
                       "text-danger fw-semibold" if due < today else "text-body-secondary", days_left_text(due, today))


class DocumentTable(TodayTable):
    """Needs the rows' `open_due` (the open round's due day) annotated by the list's query."""

    title = tables.Column(verbose_name=gettext_lazy("文件名称"), linkify=True)
    number = tables.Column(verbose_name=gettext_lazy("文号"), default="—", attrs=NOWRAP,
                           order_by=("number_prefix", "number_year", "number_seq"))
    kind = tables.Column(verbose_name=gettext_lazy("文件类别"), attrs=NOWRAP)
    topic = tables.Column(verbose_name=gettext_lazy("专题"), default="—", attrs=NOWRAP)
    unit = tables.Column(verbose_name=gettext_lazy("起草单位"), accessor="unit__name", order_by="unit__name")
    submitted_on = tables.DateColumn(verbose_name=gettext_lazy("首次报送"), format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(verbose_name=gettext_lazy("状态"), attrs=NOWRAP)
    deadline = tables.Column(verbose_name=gettext_lazy("期限"), empty_values=(), orderable=False, attrs=NOWRAP)

    class Meta:
        model = Document
        fields = ["title", "number", "kind", "topic", "unit", "submitted_on", "status", "deadline"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"document-{record.pk}"}

    def render_status(self, record):
        return badge(DOCUMENT_BADGES.get(record.status, "text-bg-secondary"), record.get_status_display())

    def _deadline(self, record):
        if record.status == Status.SUBMITTED and record.open_due:
            return gettext_lazy("审查"), record.open_due
        if record.status == Status.ISSUED and not record.filed_on and record.filing_due_on:
            return gettext_lazy("备案"), record.filing_due_on
        return None, None

    def render_deadline(self, record):
        what, due = self._deadline(record)
        if due is None:
            if record.status == Status.ISSUED and record.valid_until:
                return format_html('<small class="text-body-secondary">{} {}</small>',
                                   gettext_lazy("有效期至"), record.valid_until.isoformat())
            return "—"
        return format_html("{} {}", what, clock(due, self.today))

    def value_deadline(self, record):
        what, due = self._deadline(record)
        return f"{what} {due.isoformat()}" if due else ""


class ReconsiderationTable(TodayTable):
    number = tables.Column(verbose_name=gettext_lazy("案号"), linkify=True, attrs=NOWRAP)
    applicant = tables.Column(verbose_name=gettext_lazy("申请人"))
    respondent = tables.Column(verbose_name=gettext_lazy("被申请人"))
    matter = tables.Column(verbose_name=gettext_lazy("行政行为类别"), attrs=NOWRAP)
    received_on = tables.DateColumn(verbose_name=gettext_lazy("收到申请"), format="Y-m-d", attrs=NOWRAP)
    accepted_on = tables.DateColumn(verbose_name=gettext_lazy("受理日期"), format="Y-m-d", default="—", attrs=NOWRAP)
    status = tables.Column(verbose_name=gettext_lazy("状态"), attrs=NOWRAP)
    deadline = tables.Column(verbose_name=gettext_lazy("期限"), empty_values=(), orderable=False, attrs=NOWRAP)
    decision = tables.Column(verbose_name=gettext_lazy("审结方式"), default="—", attrs=NOWRAP)
    decided_on = tables.DateColumn(verbose_name=gettext_lazy("审结日期"), format="Y-m-d", default="—", attrs=NOWRAP)

    class Meta:
        model = Reconsideration
        fields = ["number", "applicant", "respondent", "matter", "received_on", "accepted_on", "status", "deadline",
                  "decision", "decided_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"reconsideration-{record.pk}"}

    def render_status(self, record):
        text = record.get_status_display()
        if record.is_extended and record.status == ReconsiderationStatus.ACCEPTED:
            return format_html("{} {}", badge(RECONSIDERATION_BADGES[record.status], text),
                               badge("text-bg-light border", gettext_lazy("已延期")))
        return badge(RECONSIDERATION_BADGES.get(record.status, "text-bg-secondary"), text)

    @staticmethod
    def _due(record):
        if record.status == ReconsiderationStatus.RECEIVED:
            return record.acceptance_due_on
        if record.status == ReconsiderationStatus.ACCEPTED:
            return record.decision_due_on
        return None

    def render_deadline(self, record):
        due = self._due(record)
        return clock(due, self.today) if due else "—"

    def value_deadline(self, record):
        due = self._due(record)
        return due.isoformat() if due else ""


class LitigationTable(tables.Table):
    """Needs the rows' `hearing_count` annotated by the list's query."""

    case_number = tables.Column(verbose_name=gettext_lazy("法院案号"), linkify=True, attrs=NOWRAP)
    court = tables.Column(verbose_name=gettext_lazy("审理法院"))
    instance = tables.Column(verbose_name=gettext_lazy("审级"), attrs=NOWRAP)
    plaintiff = tables.Column(verbose_name=gettext_lazy("原告（上诉人）"))
    defendant = tables.Column(verbose_name=gettext_lazy("被告"))
    received_on = tables.DateColumn(verbose_name=gettext_lazy("收到应诉通知"), format="Y-m-d", attrs=NOWRAP)
    hearing_count = tables.Column(verbose_name=gettext_lazy("开庭"), attrs=RIGHT)
    judgment = tables.Column(verbose_name=gettext_lazy("裁判结果"), default="—")
    concluded_on = tables.DateColumn(verbose_name=gettext_lazy("结案日期"), format="Y-m-d", default="—", attrs=NOWRAP)
    lost = tables.Column(verbose_name=gettext_lazy("败诉"), default="—", attrs=NOWRAP)

    class Meta:
        model = Litigation
        fields = ["case_number", "court", "instance", "plaintiff", "defendant", "received_on", "hearing_count",
                  "judgment", "concluded_on", "lost"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"litigation-{record.pk}"}

    def render_lost(self, value):
        return badge("text-bg-danger", gettext_lazy("败诉")) if value else gettext_lazy("否")

    def value_lost(self, value):
        return "" if value is None else (gettext_lazy("是") if value else gettext_lazy("否"))


class UnitTable(tables.Table):
    """Needs the rows' `document_count` and `member_count` annotated by the list's query."""

    name = tables.Column(verbose_name=gettext_lazy("单位名称"), linkify=True)
    kind = tables.Column(verbose_name=gettext_lazy("单位类型"), attrs=NOWRAP)
    area = tables.Column(verbose_name=gettext_lazy("所属区"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    is_active = tables.BooleanColumn(verbose_name=gettext_lazy("存续"))
    member_count = tables.Column(verbose_name=gettext_lazy("单位账号"), attrs=RIGHT)
    document_count = tables.Column(verbose_name=gettext_lazy("送审文件"), attrs=RIGHT)

    class Meta:
        model = Unit
        fields = ["name", "kind", "area", "is_active", "member_count", "document_count"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"unit-{record.pk}"}

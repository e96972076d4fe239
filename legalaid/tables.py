import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.tables import TodayTable, overdue_row
from bureau.templatetags.bureau_tags import due_text

from .models import Case, Complaint, Consultation
from .templatetags.legalaid_tags import clock, status_badge

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


def short_label(label):
    """Category labels end with the article they come from; the list shows the matter only."""
    return str(label).split("（")[0].split(" (")[0]


class CaseTable(TodayTable):
    number = tables.Column(linkify=True, verbose_name=_("编号"), attrs=NOWRAP)
    applicant_name = tables.Column(verbose_name=_("申请人"), order_by=("applicant_pinyin",), attrs=NOWRAP)
    area = tables.Column(verbose_name=_("街道"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    matter_kind = tables.Column(verbose_name=_("类别"), attrs=NOWRAP)
    category = tables.Column(verbose_name=_("援助事项"))
    source = tables.Column(verbose_name=_("来源"), attrs=NOWRAP)
    received_on = tables.DateColumn(verbose_name=_("收到日期"), format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    lawyer = tables.Column(verbose_name=_("承办律师"), accessor="lawyer__name", order_by="lawyer__name_pinyin",
                           default="—",
                           attrs=NOWRAP)
    clock = tables.Column(verbose_name=_("当前期限"), empty_values=(), orderable=False, attrs=NOWRAP)

    class Meta:
        model = Case
        fields = ["number", "applicant_name", "area", "matter_kind", "category", "source", "received_on", "status",
                  "lawyer", "clock"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"case-{record.pk}",
            "class": overdue_row,
        }


    def render_category(self, record):
        label = record.get_category_display()
        return format_html('<span title="{}">{}</span>', label, short_label(label))

    def value_category(self, record):
        return record.get_category_display()

    def render_status(self, record):
        return format_html('<span class="badge {}">{}</span>', status_badge(record.status),
                           record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()

    def render_clock(self, record):
        running = clock(record)
        if running is None:
            return "—"
        overdue = running.due_on < self.today
        return format_html(
            '{} {}<br><small class="{}">{}</small>',
            running.label, running.due_on.isoformat(), "text-danger fw-semibold" if overdue else "text-body-secondary",
            due_text(running, self.today),
        )

    def value_clock(self, record):
        running = clock(record)
        return f"{running.label} {running.due_on.isoformat()}" if running else ""


class ConsultationTable(tables.Table):
    on = tables.DateColumn(verbose_name=_("日期"), format="Y-m-d", attrs=NOWRAP)
    area = tables.Column(verbose_name=_("街道"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    channel = tables.Column(verbose_name=_("渠道"), attrs=NOWRAP)
    topic = tables.Column(verbose_name=_("咨询事项"))
    person_times = tables.Column(verbose_name=_("人次"), attrs={"td": {"class": "text-end"}})
    name = tables.Column(verbose_name=_("咨询人"), default="—", attrs=NOWRAP)
    phone = tables.Column(verbose_name=_("联系电话"), default="—", attrs=NOWRAP)
    note = tables.Column(verbose_name=_("摘要"), default="—")
    answer = tables.Column(verbose_name=_("解答内容"), default="—")
    recorded_by = tables.Column(verbose_name=_("记录人"), order_by="recorded_by__name")

    class Meta:
        model = Consultation
        fields = ["on", "area", "channel", "topic", "person_times", "name", "phone", "note", "answer", "recorded_by"]
        attrs = {"class": "table table-hover align-middle"}


class ComplaintTable(TodayTable):
    received_on = tables.DateColumn(verbose_name=_("收到日期"), format="Y-m-d", attrs=NOWRAP)
    complainant = tables.Column(verbose_name=_("投诉人"),
                                linkify=lambda record: record_url("legalaid:complaint_detail", record.pk))
    lawyer = tables.Column(verbose_name=_("被投诉律师"), accessor="lawyer__name", order_by="lawyer__name_pinyin")
    case = tables.Column(verbose_name=_("相关案件"), accessor="case__number", default="—",
                         linkify=lambda record: record.case.get_absolute_url() if record.case_id else None)
    area = tables.Column(verbose_name=_("街道"), accessor="area__name", order_by="area__code")
    due_on = tables.DateColumn(verbose_name=_("办结期限"), format="Y-m-d", attrs=NOWRAP)
    concluded_on = tables.Column(verbose_name=_("办理情况"), empty_values=(), order_by="concluded_on")

    class Meta:
        model = Complaint
        fields = ["received_on", "complainant", "lawyer", "case", "area", "due_on", "concluded_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"complaint-{record.pk}",
            "class": lambda record, table: "table-danger" if record.concluded_on is None
            and record.due_on < table.today else "",
        }


    def render_concluded_on(self, record):
        if record.concluded_on:
            return format_html('<span class="badge text-bg-success">{}</span> <small>{} {}</small>', _("已办结"),
                               record.concluded_on.isoformat(), record.get_finding_display())
        return format_html('<span class="badge text-bg-warning">{}</span>', _("办理中"))

    def value_concluded_on(self, record):
        if record.concluded_on:
            return f"{_('已办结')} {record.concluded_on.isoformat()} {record.get_finding_display()}"
        return _("办理中")

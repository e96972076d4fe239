"""The lists of lawyer supervision: sortable, exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bureau.tables import TodayTable
from bureau.templatetags.bureau_tags import days_left_text

from .models import (
    Complaint,
    ComplaintStatus,
    InspectionCampaign,
    Inspector,
    PlanStatus,
    RandomInspectionPlan,
    SupervisionVisit,
    Violation,
    ViolationStatus,
)

ATTRS = {"class": "table table-hover align-middle"}
NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
BADGES = {
    PlanStatus.PLANNED: "text-bg-info", PlanStatus.DRAWN: "text-bg-warning", PlanStatus.PUBLISHED: "text-bg-success",
    ComplaintStatus.RECEIVED: "text-bg-info", ComplaintStatus.ACCEPTED: "text-bg-warning",
    ComplaintStatus.NOT_ACCEPTED: "text-bg-secondary", ComplaintStatus.CONCLUDED: "text-bg-success",
    ViolationStatus.FOUND: "text-bg-info", ViolationStatus.RECTIFYING: "text-bg-warning",
    ViolationStatus.EVIDENCE: "text-bg-primary", ViolationStatus.CLOSED: "text-bg-success",
}


def status_badge(record):
    return format_html('<span class="badge {}">{}</span>', BADGES.get(record.status, "text-bg-light"),
                       record.get_status_display())


def complaint_clock(complaint):
    """The clock a complaint runs now: (label, due) — acceptance while awaiting it, conclusion while investigated."""
    if complaint.status == ComplaintStatus.RECEIVED:
        return _("受理审查期限"), complaint.acceptance_due_on
    if complaint.status == ComplaintStatus.ACCEPTED:
        return _("办结期限"), complaint.conclusion_due_on
    return None, None


def violation_clock(violation):
    """The rectification deadline while the subject is rectifying (no evidence yet), else None."""
    return violation.deadline if violation.status == ViolationStatus.RECTIFYING else None


def _due_cell(due, today):
    return format_html('{}<br><small class="{}">{}</small>', due.isoformat(),
                       "text-danger fw-semibold" if due < today else "text-body-secondary", days_left_text(due, today))


def _overdue_class(due, table):
    return "table-danger" if due and due < table.today else ""


class CampaignTable(tables.Table):
    title = tables.Column(verbose_name=_("年度检查考核"), empty_values=(), order_by=("-year", "kind"),
                          linkify=("lawyers:campaign_detail", {"pk": tables.A("pk")}))
    district = tables.Column(verbose_name=_("区"), accessor="district__name", order_by="district__code")
    started_on = tables.DateColumn(verbose_name=_("开始日期"), format="Y-m-d", attrs=NOWRAP)
    subjects = tables.Column(verbose_name=_("考核对象数"), order_by="subjects")
    graded = tables.Column(verbose_name=_("已评定"), order_by="graded")
    meeting_on = tables.DateColumn(verbose_name=_("反馈会日期"), format="Y-m-d", attrs=NOWRAP, default="—")

    class Meta:
        model = InspectionCampaign
        fields = ["title", "district", "started_on", "subjects", "graded", "meeting_on"]
        attrs = ATTRS
        row_attrs = {"id": lambda record: f"campaign-{record.pk}"}

    def render_title(self, record):
        return str(record)

    def value_title(self, record):
        return str(record)


class InspectorTable(tables.Table):
    name = tables.Column(verbose_name=_("姓名"), linkify=("lawyers:inspector_update", {"pk": tables.A("pk")}))
    unit = tables.Column(verbose_name=_("单位"))
    certificate_number = tables.Column(verbose_name=_("执法证号"), attrs=NOWRAP)
    district = tables.Column(verbose_name=_("区"), accessor="district__name", order_by="district__code")
    is_active = tables.BooleanColumn(verbose_name=_("在库"), yesno=(_("在库"), _("不在库")))

    class Meta:
        model = Inspector
        fields = ["name", "unit", "certificate_number", "district", "is_active"]
        attrs = ATTRS
        row_attrs = {"id": lambda record: f"inspector-{record.pk}"}


class PlanTable(tables.Table):
    title = tables.Column(verbose_name=_("抽查名称"), linkify=("lawyers:plan_detail", {"pk": tables.A("pk")}))
    year = tables.Column(verbose_name=_("年度"))
    district = tables.Column(verbose_name=_("区"), accessor="district__name", order_by="district__code")
    firms_to_draw = tables.Column(verbose_name=_("抽取律师事务所数"))
    inspectors_to_draw = tables.Column(verbose_name=_("抽取检查人员数"))
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    published_on = tables.DateColumn(verbose_name=_("公开日期"), format="Y-m-d", attrs=NOWRAP, default="—")

    class Meta:
        model = RandomInspectionPlan
        fields = ["title", "year", "district", "firms_to_draw", "inspectors_to_draw", "status", "published_on"]
        attrs = ATTRS
        row_attrs = {"id": lambda record: f"plan-{record.pk}"}

    def render_status(self, record):
        return status_badge(record)

    def value_status(self, record):
        return record.get_status_display()


class VisitTable(tables.Table):
    visited_on = tables.DateColumn(verbose_name=_("检查日期"), format="Y-m-d", attrs=NOWRAP,
                                   linkify=("lawyers:visit_detail", {"pk": tables.A("pk")}))
    firm = tables.Column(verbose_name=_("律师事务所"), accessor="firm__name", order_by="firm__name")
    items = tables.Column(verbose_name=_("检查事项"), orderable=False)
    visitors = tables.Column(verbose_name=_("检查人员"), default="—")
    district = tables.Column(verbose_name=_("区"), accessor="district__name", order_by="district__code")

    class Meta:
        model = SupervisionVisit
        fields = ["visited_on", "firm", "items", "visitors", "district"]
        attrs = ATTRS
        row_attrs = {"id": lambda record: f"visit-{record.pk}"}

    def render_items(self, record):
        return self.value_items(record)

    def value_items(self, record):
        return "、".join(str(label) for label in record.get_items_display())


class ComplaintTable(TodayTable):
    received_on = tables.DateColumn(verbose_name=_("收到日期"), format="Y-m-d", attrs=NOWRAP,
                                    linkify=("lawyers:complaint_detail", {"pk": tables.A("pk")}))
    complainant_name = tables.Column(verbose_name=_("投诉人"))
    respondent = tables.Column(verbose_name=_("被投诉人"), empty_values=(), order_by=("lawyer__name", "firm__name"))
    source = tables.Column(verbose_name=_("投诉来源"), attrs=NOWRAP)
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    clock = tables.Column(verbose_name=_("期限"), empty_values=(), orderable=False, attrs=NOWRAP)
    finding = tables.Column(verbose_name=_("调查结论"), default="—")

    class Meta:
        model = Complaint
        fields = ["received_on", "complainant_name", "respondent", "source", "status", "clock", "finding"]
        attrs = ATTRS
        row_attrs = {
            "id": lambda record: f"complaint-{record.pk}",
            "class": lambda record, table: _overdue_class(complaint_clock(record)[1], table),
        }

    def render_respondent(self, record):
        return self.value_respondent(record)

    def value_respondent(self, record):
        if record.lawyer_id and record.firm_id:
            return f"{record.lawyer.name}（{record.firm.name}）"
        return str(record.respondent)

    def render_source(self, record):
        if record.transferred_from_id:
            return f"{record.get_source_display()}（{record.transferred_from.name}）"
        return record.get_source_display()

    def render_status(self, record):
        return status_badge(record)

    def value_status(self, record):
        return record.get_status_display()

    def render_clock(self, record):
        label, due = complaint_clock(record)
        return format_html("{}：{}", label, _due_cell(due, self.today)) if due else "—"

    def value_clock(self, record):
        label, due = complaint_clock(record)
        return f"{label} {due.isoformat()}" if due else ""


class ViolationTable(TodayTable):
    found_on = tables.DateColumn(verbose_name=_("发现日期"), format="Y-m-d", attrs=NOWRAP,
                                 linkify=("lawyers:violation_detail", {"pk": tables.A("pk")}))
    subject = tables.Column(verbose_name=_("律师或律师事务所"), empty_values=(),
                            order_by=("lawyer__name", "firm__name"))
    kind = tables.Column(verbose_name=_("违规类型"), attrs=NOWRAP)
    found_by = tables.Column(verbose_name=_("发现途径"), attrs=NOWRAP)
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    deadline = tables.Column(verbose_name=_("整改期限"), attrs=NOWRAP)
    closed_on = tables.DateColumn(verbose_name=_("销号日期"), format="Y-m-d", attrs=NOWRAP, default="—")

    class Meta:
        model = Violation
        fields = ["found_on", "subject", "kind", "found_by", "status", "deadline", "closed_on"]
        attrs = ATTRS
        row_attrs = {
            "id": lambda record: f"violation-{record.pk}",
            "class": lambda record, table: _overdue_class(violation_clock(record), table),
        }

    def render_subject(self, record):
        return self.value_subject(record)

    def value_subject(self, record):
        if record.lawyer_id and record.firm_id:
            return f"{record.lawyer.name}（{record.firm.name}）"
        return str(record.subject)

    def render_found_by(self, record):
        if record.campaign_name:
            return f"{record.get_found_by_display()}（{record.campaign_name}）"
        return record.get_found_by_display()

    def render_status(self, record):
        return status_badge(record)

    def value_status(self, record):
        return record.get_status_display()

    def render_deadline(self, record):
        due = violation_clock(record)
        return _due_cell(due, self.today) if due else record.deadline.isoformat()

    def value_deadline(self, record):
        return record.deadline.isoformat() if record.deadline else ""

"""The lists of people's mediation: sortable, and exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from bureau.links import record_url
from bureau.tables import TodayTable, overdue_row
from bureau.templatetags.bureau_tags import days_left_text

from .models import Case, FoundDispute, Mediator, Organisation, RiskLevel, ScreeningRound, Status, Training

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
STATUS_BADGES = {Status.ACCEPTED: "text-bg-info", Status.MEDIATING: "text-bg-warning",
                 Status.CONCLUDED: "text-bg-secondary"}


RISK_BADGES = {RiskLevel.LOW: "text-bg-secondary", RiskLevel.MEDIUM: "text-bg-warning", RiskLevel.HIGH: "text-bg-danger"}


def risk_badge(dispute):
    return format_html('<span class="badge {}">{}</span>', RISK_BADGES.get(dispute.risk_level, "text-bg-light"),
                       dispute.get_risk_level_display())


def status_badge(case):
    css = "text-bg-success" if case.is_successful else STATUS_BADGES.get(case.status, "text-bg-light")
    label = case.get_outcome_display() if case.status == Status.CONCLUDED and case.outcome else case.get_status_display()
    return format_html('<span class="badge {}">{}</span>', css, label)


class CaseTable(TodayTable):
    number = tables.Column(linkify=True, verbose_name=gettext_lazy("编号"), attrs=NOWRAP)
    organisation = tables.Column(verbose_name=gettext_lazy("调解组织"), accessor="organisation__name",
                                 order_by="organisation__name_pinyin")
    dispute_type = tables.Column(verbose_name=gettext_lazy("纠纷类型"), attrs=NOWRAP)
    parties = tables.Column(verbose_name=gettext_lazy("当事人"), empty_values=(), orderable=False)
    accepted_on = tables.DateColumn(verbose_name=gettext_lazy("受理日期"), format="Y-m-d", attrs=NOWRAP)
    status = tables.Column(verbose_name=gettext_lazy("状态"), attrs=NOWRAP)
    deadline = tables.Column(verbose_name=gettext_lazy("调解期限"), empty_values=(), order_by="accepted_on",
                             attrs=NOWRAP)
    mediator = tables.Column(verbose_name=gettext_lazy("主持调解员"), accessor="mediator__name",
                             order_by="mediator__name_pinyin", attrs=NOWRAP)

    class Meta:
        model = Case
        fields = ["number", "organisation", "dispute_type", "parties", "accepted_on", "status", "deadline",
                  "mediator"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"case-{record.pk}",
            "class": overdue_row,
        }


    def value_parties(self, record):
        return "、".join(party.name for party in record.parties.all())

    def render_parties(self, record):
        return self.value_parties(record) or "—"

    def render_status(self, record):
        return status_badge(record)

    def value_status(self, record):
        return record.get_outcome_display() if record.outcome else record.get_status_display()

    def render_deadline(self, record):
        if not record.is_open:
            return format_html('<small class="text-body-secondary">{} {}</small>', _("已结束"),
                               record.concluded_on.isoformat() if record.concluded_on else "")
        due = record.concluded_due_on
        return format_html('{}<br><small class="{}">{}</small>', due.isoformat(),
                           "text-danger fw-semibold" if due < self.today else "text-body-secondary",
                           days_left_text(due, self.today))

    def value_deadline(self, record):
        return record.concluded_due_on.isoformat() if record.is_open else ""


class OrganisationTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("名称"), linkify=True, order_by=("name_pinyin",))
    kind = tables.Column(verbose_name=gettext_lazy("类型"))
    area = tables.Column(verbose_name=gettext_lazy("所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    founded_on = tables.DateColumn(verbose_name=gettext_lazy("成立日期"), format="Y-m-d", attrs=NOWRAP)
    filed_on = tables.Column(verbose_name=gettext_lazy("备案"), empty_values=(), order_by="filed_on", attrs=NOWRAP)
    devices = tables.Column(verbose_name=gettext_lazy("在线司法确认终端"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = Organisation
        fields = ["name", "kind", "area", "founded_on", "filed_on", "devices"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"organisation-{record.pk}"}

    def render_filed_on(self, record):
        if record.is_filed:
            return format_html('<span class="badge text-bg-success">{}</span> <small>{}</small>', _("已备案"),
                               record.filing_number)
        return format_html('<span class="badge text-bg-warning">{}</span>', _("未备案"))

    def value_filed_on(self, record):
        return f"{record.filed_on.isoformat()} {record.filing_number}" if record.is_filed else _("未备案")


class MediatorTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("姓名"), linkify=True, order_by=("name_pinyin",))
    organisation = tables.Column(verbose_name=gettext_lazy("调解组织"), accessor="organisation__name",
                                 order_by="organisation__name_pinyin")
    kind = tables.Column(verbose_name=gettext_lazy("专兼职"), attrs=NOWRAP)
    phone = tables.Column(verbose_name=gettext_lazy("联系电话"), default="—", attrs=NOWRAP)
    from_on = tables.DateColumn(verbose_name=gettext_lazy("任职日期"), format="Y-m-d", attrs=NOWRAP)
    to_on = tables.DateColumn(verbose_name=gettext_lazy("离任日期"), format="Y-m-d", default="—", attrs=NOWRAP)
    lawyer = tables.Column(verbose_name=gettext_lazy("社区法律顾问"), accessor="lawyer__name", default="—",
                           order_by="lawyer__name_pinyin")

    class Meta:
        model = Mediator
        fields = ["name", "organisation", "kind", "phone", "from_on", "to_on", "lawyer"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"mediator-{record.pk}"}


class ScreeningRoundTable(tables.Table):
    """Needs the rows' `disputes_found` and `high_risk` annotated by the list's query."""

    started_on = tables.DateColumn(verbose_name=gettext_lazy("开始日期"), format="Y-m-d", attrs=NOWRAP,
                                   linkify=True)
    ended_on = tables.DateColumn(verbose_name=gettext_lazy("结束日期"), format="Y-m-d", attrs=NOWRAP)
    title = tables.Column(verbose_name=gettext_lazy("排查主题"), default="—")
    area = tables.Column(verbose_name=gettext_lazy("排查区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    organisation = tables.Column(verbose_name=gettext_lazy("调解组织"), accessor="organisation__name",
                                 order_by="organisation__name_pinyin", default="—")
    disputes_found = tables.Column(verbose_name=gettext_lazy("发现纠纷"), attrs={"td": {"class": "text-end"}})
    high_risk = tables.Column(verbose_name=gettext_lazy("其中重大风险"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = ScreeningRound
        fields = ["started_on", "ended_on", "title", "area", "organisation", "disputes_found", "high_risk"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"round-{record.pk}"}

    def render_high_risk(self, value):
        return format_html('<span class="badge text-bg-danger">{}</span>', value) if value else value

    def value_high_risk(self, value):
        return value


class FoundDisputeTable(tables.Table):
    found_on = tables.DateColumn(verbose_name=gettext_lazy("发现日期"), format="Y-m-d", attrs=NOWRAP)
    area = tables.Column(verbose_name=gettext_lazy("所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    dispute_type = tables.Column(verbose_name=gettext_lazy("纠纷类型"), attrs=NOWRAP)
    risk_level = tables.Column(verbose_name=gettext_lazy("风险等级"), attrs=NOWRAP)
    description = tables.Column(verbose_name=gettext_lazy("纠纷情况"))
    parties = tables.Column(verbose_name=gettext_lazy("涉及当事人"), default="—")
    round = tables.Column(verbose_name=gettext_lazy("排查"), accessor="round__started_on", order_by="round__started_on",
                          linkify=lambda record: record_url("mediation:screening_round_detail", record.round_id),
                          attrs=NOWRAP)
    case = tables.Column(verbose_name=gettext_lazy("调解案件"), empty_values=(), order_by="case__number",
                         attrs=NOWRAP)

    class Meta:
        model = FoundDispute
        fields = ["found_on", "area", "dispute_type", "risk_level", "description", "parties", "round", "case"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"dispute-{record.pk}"}

    def __init__(self, *args, can_convert=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_convert = can_convert  # may accept cases (the button 转为调解案件)

    def render_risk_level(self, record):
        return risk_badge(record)

    def render_round(self, value):
        return value.isoformat()

    def render_case(self, record):
        if record.case_id:
            return format_html('<a href="{}">{}</a>', record.case.get_absolute_url(), record.case.number)
        if self.can_convert:
            return format_html('<a class="btn btn-sm btn-outline-primary" href="{}?found_dispute={}">{}</a>',
                               reverse("mediation:case_create"), record.pk, pgettext("button", "转为调解案件"))
        return "—"

    def value_case(self, record):
        return record.case.number if record.case_id else ""


class TrainingTable(tables.Table):
    """Needs the rows' `person_times` (`Training.attendance`) annotated by the list's query, to sort on it."""

    held_on = tables.DateColumn(verbose_name=gettext_lazy("培训日期"), format="Y-m-d", attrs=NOWRAP)
    title = tables.Column(verbose_name=gettext_lazy("培训主题"),
                          linkify=lambda record: record_url("mediation:training_detail", record.pk))
    area = tables.Column(verbose_name=gettext_lazy("举办单位所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    online = tables.Column(verbose_name=gettext_lazy("培训方式"), attrs=NOWRAP)
    attendees = tables.Column(verbose_name=gettext_lazy("现场参训人次"), attrs={"td": {"class": "text-end"}})
    stream_viewers = tables.Column(verbose_name=gettext_lazy("直播观看人次"), attrs={"td": {"class": "text-end"}})
    person_times = tables.Column(verbose_name=gettext_lazy("合计人次"), attrs={"td": {"class": "text-end fw-semibold"}})

    class Meta:
        model = Training
        fields = ["held_on", "title", "area", "online", "attendees", "stream_viewers", "person_times"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"training-{record.pk}"}

    def render_online(self, value):
        return _("线上") if value else _("线下")

    def value_online(self, value):
        return self.render_online(value)

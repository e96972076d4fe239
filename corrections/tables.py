import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bureau.links import record_url
from bureau.tables import TodayTable

from .models import EducationSession, Level, ReleasedPerson, Supervisee, TravelApproval

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
TABLE_ATTRS = {"class": "table table-hover align-middle"}

STATUS_BADGES = {
    Supervisee.Status.AWAITING_REPORT: "text-bg-warning",
    Supervisee.Status.ACTIVE: "text-bg-success",
    Supervisee.Status.RELEASED: "text-bg-secondary",
    Supervisee.Status.TERMINATED: "text-bg-dark",
    Supervisee.Status.TRANSFERRED_OUT: "text-bg-light border",
}
LEVEL_BADGES = {Level.STRICT: "text-bg-danger", Level.NORMAL: "text-bg-primary", Level.LENIENT: "text-bg-info"}


def badge(css, label):
    return format_html('<span class="badge {}">{}</span>', css, label)


class SuperviseeTable(TodayTable):
    """The register. Rows come annotated with `monitored` and `at_risk` (see views.register)."""

    name = tables.Column(verbose_name=_("姓名"), linkify=True, order_by=("name_pinyin",), attrs=NOWRAP)
    gender = tables.Column(verbose_name=_("性别"), attrs=NOWRAP)
    area = tables.Column(verbose_name=_("司法所"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    sentence_kind = tables.Column(verbose_name=_("矫正类别"), attrs=NOWRAP)
    crime = tables.Column(verbose_name=_("罪名"))
    level = tables.Column(verbose_name=_("管理等级"), attrs=NOWRAP)
    term_start = tables.DateColumn(verbose_name=_("起始日期"), format="Y-m-d", attrs=NOWRAP)
    term_end = tables.Column(verbose_name=_("期满日期"), attrs=NOWRAP)
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    flags = tables.Column(verbose_name=_("提示"), empty_values=(), orderable=False, attrs=NOWRAP)

    class Meta:
        model = Supervisee
        fields = ["name", "gender", "area", "sentence_kind", "crime", "level", "term_start", "term_end", "status",
                  "flags"]
        attrs = TABLE_ATTRS
        row_attrs = {"id": lambda record: f"supervisee-{record.pk}"}


    def render_level(self, record):
        return badge(LEVEL_BADGES[record.level], record.get_level_display())

    def value_level(self, record):
        return record.get_level_display()

    def render_status(self, record):
        return badge(STATUS_BADGES[record.status], record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()

    def render_term_end(self, record):
        days = record.days_left(self.today)
        if not record.is_on_register or days > 60:
            return f"{record.term_end:%Y-%m-%d}"
        css = "text-danger fw-semibold" if days <= 30 else "text-body-secondary"
        label = _("已期满") if days < 0 else ngettext("还剩%(n)d天", "还剩%(n)d天", days) % {"n": days}
        return format_html('{}<br><small class="{}">{}</small>', f"{record.term_end:%Y-%m-%d}", css, label)

    def value_term_end(self, record):
        return f"{record.term_end:%Y-%m-%d}"

    def _flags(self, record):
        flags = []
        if record.monitored:
            flags.append(("text-bg-warning", _("电子定位")))
        if record.at_risk:
            flags.append(("text-bg-danger", _("风险隐患")))
        if record.status == Supervisee.Status.AWAITING_REPORT and record.report_due_on < self.today:
            flags.append(("text-bg-danger", _("报到逾期")))
        return flags

    def render_flags(self, record):
        flags = self._flags(record)
        if not flags:
            return "—"
        return format_html_join(" ", '<span class="badge {}">{}</span>', flags)

    def value_flags(self, record):
        return "、".join(str(label) for _css, label in self._flags(record))


class TravelApprovalTable(TodayTable):
    supervisee = tables.Column(verbose_name=_("矫正对象"), accessor="supervisee__name",
                               order_by="supervisee__name_pinyin",
                               linkify=lambda record: record.supervisee.get_absolute_url(), attrs=NOWRAP)
    area = tables.Column(verbose_name=_("司法所"), accessor="supervisee__area__name",
                         order_by="supervisee__area__code", attrs=NOWRAP)
    destination = tables.Column(verbose_name=_("目的地"))
    reason = tables.Column(verbose_name=_("外出事由"))
    leave_on = tables.DateColumn(verbose_name=_("外出日期"), format="Y-m-d", attrs=NOWRAP)
    return_on = tables.DateColumn(verbose_name=_("返回日期"), format="Y-m-d", attrs=NOWRAP)
    days = tables.Column(verbose_name=_("天数"), empty_values=(), orderable=False, attrs={"td": {"class": "text-end"}})
    approver = tables.Column(verbose_name=_("审批机关"), attrs=NOWRAP)
    returned_on = tables.Column(verbose_name=_("销假"), empty_values=(), order_by="returned_on", attrs=NOWRAP)

    class Meta:
        model = TravelApproval
        fields = ["supervisee", "area", "destination", "reason", "leave_on", "return_on", "days", "approver",
                  "returned_on"]
        attrs = TABLE_ATTRS
        row_attrs = {
            "id": lambda record: f"travel-{record.pk}",
            "class": lambda record, table: "table-danger" if record.returned_on is None
            and record.return_on < table.today else "",
        }

    def __init__(self, *args, can_write=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_write = can_write

    def render_days(self, record):
        return record.days

    def render_returned_on(self, record):
        if record.returned_on:
            return format_html('<span class="badge text-bg-success">{}</span> <small>{}</small>', _("已销假"),
                               f"{record.returned_on:%Y-%m-%d}")
        state = badge("text-bg-danger" if record.return_on < self.today else "text-bg-warning", _("未销假"))
        if not self.can_write:
            return state
        url = reverse("corrections:supervisee_action", args=[record.supervisee_id, "travel_return"])
        return format_html(
            '{} <a class="btn btn-sm btn-outline-primary ms-1" href="{}?travel={}" hx-get="{}?travel={}" '
            'hx-target="#action-modal .modal-content" data-bs-toggle="modal" data-bs-target="#action-modal">{}</a>',
            state, url, record.pk, url, record.pk, _("登记销假"))

    def value_returned_on(self, record):
        return f"{record.returned_on:%Y-%m-%d}" if record.returned_on else _("未销假")


class EducationSessionTable(tables.Table):
    held_on = tables.DateColumn(verbose_name=_("日期"), format="Y-m-d", attrs=NOWRAP)
    kind = tables.Column(verbose_name=_("类别"), attrs=NOWRAP)
    title = tables.Column(verbose_name=_("主题"),
                          linkify=lambda record: record_url("corrections:session_detail", record.pk))
    area = tables.Column(verbose_name=_("组织单位"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    hours = tables.Column(verbose_name=_("时长（小时）"), attrs={"td": {"class": "text-end"}})
    online = tables.BooleanColumn(verbose_name=_("线上"), yesno=(_("线上"), _("线下")))
    attendee_count = tables.Column(verbose_name=_("参加人数"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = EducationSession
        fields = ["held_on", "kind", "title", "area", "hours", "online", "attendee_count"]
        attrs = TABLE_ATTRS


HANDOVER_BADGES = {
    ReleasedPerson.Handover.PENDING: "text-bg-warning",
    ReleasedPerson.Handover.RECEIVED: "text-bg-success",
    ReleasedPerson.Handover.SELF_REPORTED: "text-bg-success",
    ReleasedPerson.Handover.MISSED: "text-bg-danger",
}


class ReleasedPersonTable(tables.Table):
    name = tables.Column(verbose_name=_("姓名"), linkify=True, order_by=("name_pinyin",), attrs=NOWRAP)
    gender = tables.Column(verbose_name=_("性别"), attrs=NOWRAP)
    area = tables.Column(verbose_name=_("司法所"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    crime = tables.Column(verbose_name=_("罪名"))
    prison = tables.Column(verbose_name=_("释放单位"))
    released_on = tables.DateColumn(verbose_name=_("释放日期"), format="Y-m-d", attrs=NOWRAP)
    listed_until = tables.DateColumn(verbose_name=_("帮教期满"), format="Y-m-d", attrs=NOWRAP)
    handover = tables.Column(verbose_name=_("衔接情况"), attrs=NOWRAP)
    verification = tables.Column(verbose_name=_("核查情况"), attrs=NOWRAP)
    reoffended_on = tables.DateColumn(verbose_name=_("重新犯罪"), format="Y-m-d", default="—", attrs=NOWRAP)

    class Meta:
        model = ReleasedPerson
        fields = ["name", "gender", "area", "crime", "prison", "released_on", "listed_until", "handover",
                  "verification", "reoffended_on"]
        attrs = TABLE_ATTRS
        row_attrs = {"id": lambda record: f"released-{record.pk}"}

    def render_handover(self, record):
        return badge(HANDOVER_BADGES[record.handover], record.get_handover_display())

    def value_handover(self, record):
        return record.get_handover_display()

    def render_verification(self, record):
        if record.verification == ReleasedPerson.Verification.VERIFIED:
            return record.get_verification_display()
        return badge("text-bg-danger", record.get_verification_display())

    def value_verification(self, record):
        return record.get_verification_display()

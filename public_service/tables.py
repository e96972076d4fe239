"""The staff lists: sortable, exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from bureau.tables import TodayTable
from lawyers.models import ServicePoint

from .models import Booking, BookingStatus, LegalClass, Question

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
BOOKING_BADGES = {BookingStatus.BOOKED: "text-bg-info", BookingStatus.ATTENDED: "text-bg-success",
                  BookingStatus.ABSENT: "text-bg-warning", BookingStatus.CANCELLED: "text-bg-secondary"}


class SiteTable(tables.Table):
    name = tables.Column(verbose_name=_("站点"), linkify=lambda record: reverse("public_service:site_detail",
                                                                               args=[record.pk]))
    level = tables.Column(verbose_name=_("层级"), empty_values=(), order_by="kind", attrs=NOWRAP)
    area = tables.Column(verbose_name=_("所在区域"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    address = tables.Column(verbose_name=_("地址"))
    speciality = tables.Column(verbose_name=_("特色领域"), attrs=NOWRAP)
    services = tables.Column(verbose_name=_("服务项目"), orderable=False)
    advisors = tables.Column(verbose_name=_("派驻顾问"), attrs=NOWRAP)
    is_active = tables.BooleanColumn(verbose_name=_("运行中"), yesno=(_("是"), _("否")))

    class Meta:
        model = ServicePoint
        fields = ["name", "level", "area", "address", "speciality", "services", "advisors", "is_active"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"site-{record.pk}"}

    def render_level(self, record):
        return record.get_level_display()

    def value_level(self, record):
        return record.get_level_display()

    def render_services(self, record):
        return record.get_services_display() or "—"

    def value_services(self, record):
        return record.get_services_display()


class BookingTable(TodayTable):
    code = tables.Column(verbose_name=_("预约码"), linkify=True, attrs=NOWRAP)
    slot = tables.Column(verbose_name=_("时段"), accessor="slot__starts_at", attrs=NOWRAP)
    point = tables.Column(verbose_name=_("站点"), accessor="point__name", order_by="point__name")
    name = tables.Column(verbose_name=_("称呼"), attrs=NOWRAP)
    phone = tables.Column(verbose_name=_("手机号码"), accessor="masked_phone", order_by="phone", attrs=NOWRAP)
    matter = tables.Column(verbose_name=_("咨询事项"))
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)
    service_given = tables.Column(verbose_name=_("提供的服务"))

    class Meta:
        model = Booking
        fields = ["code", "slot", "point", "name", "phone", "matter", "status", "service_given"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"booking-{record.pk}"}

    def render_slot(self, record):
        return str(record.slot)

    def value_slot(self, record):
        return str(record.slot)

    def render_status(self, record):
        return format_html('<span class="badge {}">{}</span>', BOOKING_BADGES.get(record.status, ""),
                           record.get_status_display())


class QuestionTable(TodayTable):
    code = tables.Column(verbose_name=_("咨询码"), linkify=True, attrs=NOWRAP)
    asked_on = tables.DateColumn(verbose_name=_("提问日期"), format="Y-m-d", attrs=NOWRAP)
    street = tables.Column(verbose_name=_("街道"), accessor="street__name", order_by="street__code", attrs=NOWRAP)
    category = tables.Column(verbose_name=_("问题类别"), attrs=NOWRAP)
    text = tables.Column(verbose_name=_("问题描述"))
    lawyer = tables.Column(verbose_name=_("承办律师"), accessor="lawyer__name", order_by="lawyer__name", default="—",
                           attrs=NOWRAP)
    due_on = tables.DateColumn(verbose_name=_("答复期限"), format="Y-m-d", attrs=NOWRAP)
    answered_on = tables.DateColumn(verbose_name=_("答复日期"), format="Y-m-d", default="—", attrs=NOWRAP)

    class Meta:
        model = Question
        fields = ["code", "asked_on", "street", "category", "text", "lawyer", "due_on", "answered_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"question-{record.pk}",
            "class": lambda record, table: ("table-danger" if not record.is_answered and record.due_on < table.today
                                            else ""),
        }

    def render_text(self, value):
        return value if len(value) <= 40 else value[:40] + "…"


class LegalClassTable(tables.Table):
    title = tables.Column(verbose_name=_("主题"), linkify=True)
    kind = tables.Column(verbose_name=_("类别"), attrs=NOWRAP)
    starts_at = tables.DateTimeColumn(verbose_name=_("开始时间"), format="Y-m-d H:i", attrs=NOWRAP)
    area = tables.Column(verbose_name=_("区域"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    place = tables.Column(verbose_name=_("地点"))
    capacity = tables.Column(verbose_name=_("名额"), attrs=NOWRAP)
    signed_up = tables.Column(verbose_name=_("报名"), attrs=NOWRAP)
    attendees = tables.Column(verbose_name=_("参加人数"), default="—", attrs=NOWRAP)
    status = tables.Column(verbose_name=_("状态"), attrs=NOWRAP)

    class Meta:
        model = LegalClass
        fields = ["title", "kind", "starts_at", "area", "place", "capacity", "signed_up", "attendees", "status"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"class-{record.pk}"}

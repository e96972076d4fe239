import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .models import LawFirm, Lawyer


class LawFirmTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("名称"))
    credit_code = tables.Column(verbose_name=_("统一社会信用代码"), attrs={"td": {"class": "font-monospace"}})
    area = tables.Column(verbose_name=_("所在街道"), accessor="area__name", order_by="area__code")
    director = tables.Column(verbose_name=_("负责人"), default="—")
    phone = tables.Column(verbose_name=_("电话"), default="—")
    lawyer_count = tables.Column(verbose_name=_("律师人数"), attrs={"td": {"class": "text-end"}})
    status = tables.TemplateColumn(template_name="lawyers/_status.html", verbose_name=_("状态"))

    class Meta:
        model = LawFirm
        fields = ["name", "credit_code", "area", "director", "phone", "lawyer_count", "status"]
        order_by = "name"
        attrs = {"class": "table table-hover align-middle"}


class LawyerTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("姓名"))
    certificate_number = tables.Column(verbose_name=_("执业证号"), attrs={"td": {"class": "font-monospace"}})
    kind = tables.Column(verbose_name=_("类别"))
    firm = tables.Column(verbose_name=_("执业机构"), linkify=True, order_by="firm__name", default="—")
    area = tables.Column(verbose_name=_("执业地区"), accessor="area__name", order_by="area__code")
    years = tables.Column(verbose_name=_("执业年限"), accessor="practice_start", order_by="-practice_start",
                          attrs={"td": {"class": "text-end"}})
    specialties = tables.Column(verbose_name=_("业务专长"), orderable=False, default="—",
                                empty_values=(None, "", []))
    legal_aid_available = tables.BooleanColumn(verbose_name=_("承办法律援助"))
    status = tables.TemplateColumn(template_name="lawyers/_status.html", verbose_name=_("状态"))

    class Meta:
        model = Lawyer
        fields = ["name", "certificate_number", "kind", "firm", "area", "years", "specialties",
                  "legal_aid_available", "status"]
        order_by = "name"
        attrs = {"class": "table table-hover align-middle"}

    def render_years(self, record):
        return _("%(n)d年") % {"n": record.years_of_practice()}

    def value_years(self, record):
        return record.years_of_practice()

    def render_specialties(self, record):
        return format_html_join(" ", '<span class="badge text-bg-light border fw-normal">{}</span>',
                                ((label,) for label in record.get_specialties_display()))

    def value_specialties(self, record):
        return "、".join(str(label) for label in record.get_specialties_display())

    def value_legal_aid_available(self, value):
        return _("是") if value else _("否")

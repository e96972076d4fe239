import django_tables2 as tables
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url

from .models import KIND_RULES, LawFirm, Lawyer, Posting, ServiceLog, ServicePoint


class LawFirmTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("名称"), order_by=("name_pinyin",))
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
    name = tables.Column(linkify=True, verbose_name=_("姓名"), order_by=("name_pinyin",))
    certificate_number = tables.Column(verbose_name=_("执业证号"), attrs={"td": {"class": "font-monospace"}})
    kind = tables.Column(verbose_name=_("类别"))
    firm = tables.Column(verbose_name=_("执业机构"), linkify=True, order_by="firm__name_pinyin", default="—")
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


# --- Community legal advisors -------------------------------------------------------------------------------

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


class ServiceLogTable(tables.Table):
    on = tables.DateColumn(verbose_name=_("服务日期"), format="Y-m-d", attrs=NOWRAP)
    lawyer = tables.Column(verbose_name=_("法律顾问"), accessor="lawyer__name", order_by="lawyer__name_pinyin",
                           linkify=lambda record: record_url("lawyers:advisor_detail", record.lawyer_id),
                           attrs=NOWRAP)
    street = tables.Column(verbose_name=_("街道"), accessor="area__parent__name", order_by="area__code", attrs=NOWRAP)
    area = tables.Column(verbose_name=_("社区"), accessor="area__name", order_by="area__code", attrs=NOWRAP)
    point = tables.Column(verbose_name=_("服务站点"), accessor="point__name", default="—")
    kind = tables.Column(verbose_name=_("服务类别"), attrs=NOWRAP)
    count = tables.Column(verbose_name=_("数量"), attrs={"td": {"class": "text-end text-nowrap"}})
    resolved = tables.BooleanColumn(verbose_name=_("化解成功"), null=True)
    hours = tables.Column(verbose_name=_("时长（小时）"), attrs={"td": {"class": "text-end"}})
    notes = tables.Column(verbose_name=_("摘要"), default="—")
    attachment_count = tables.Column(verbose_name=_("附件"), attrs={"td": {"class": "text-end"}})
    edit = tables.Column(verbose_name="", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = ServiceLog
        fields = ["on", "lawyer", "street", "area", "point", "kind", "count", "resolved", "hours", "notes",
                  "attachment_count", "edit"]
        order_by = "-on"
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"log-{record.pk}"}

    def _words(self):
        """The view button's label, escaped, and each kind's unit, translated once per table: a lazy label is
        translated anew each time it is shown, and every row showed two (and the phone's card one more)."""
        words = self.__dict__.get("_shown_words")
        if words is None:
            words = self._shown_words = (conditional_escape(_("查看")),
                                         {kind.value: str(rule.count_unit) for kind, rule in KIND_RULES.items()})
        return words

    def count_text(self, record):
        """record.count_text, its unit translated once per table."""
        return f"{record.count} {self._words()[1][record.kind]}"

    def render_edit(self, record):
        """The entry's page, as a button (a template per row was a tenth of the list's time)."""
        href = escape(record_url("lawyers:servicelog_update", record.pk))
        return mark_safe(f'<a class="btn btn-outline-primary btn-sm" href="{href}" aria-label="{self._words()[0]}">'
                         '<i class="bi bi-eye"></i></a>')

    def render_count(self, record):
        return self.count_text(record)

    def value_count(self, record):
        return record.count

    def render_resolved(self, record, value):
        if record.kind != "dispute":
            return "—"
        return format_html('<i class="bi {}"></i>', "bi-check-circle text-success" if value else "bi-dash-circle")

    def value_resolved(self, record, value):
        if record.kind != "dispute":
            return ""
        return _("是") if value else _("否")


class PostingTable(tables.Table):
    lawyer = tables.Column(verbose_name=_("法律顾问"), accessor="lawyer__name", order_by="lawyer__name_pinyin",
                           linkify=lambda record: record_url("lawyers:advisor_detail", record.lawyer_id))
    firm = tables.Column(verbose_name=_("执业机构"), accessor="lawyer__firm__name", default="—")
    street = tables.Column(verbose_name=_("街道"), accessor="area__parent__name", order_by="area__code", default="—")
    area = tables.Column(verbose_name=_("服务社区"), accessor="area__name", order_by="area__code")
    point = tables.Column(verbose_name=_("服务站点"), accessor="point__name", default="—")
    start_on = tables.DateColumn(verbose_name=_("起始日期"), format="Y-m-d", attrs=NOWRAP)
    end_on = tables.DateColumn(verbose_name=_("截止日期"), format="Y-m-d", attrs=NOWRAP)
    contract_number = tables.Column(verbose_name=_("合同编号"), default="—")
    edit = tables.TemplateColumn(template_name="lawyers/_posting_edit.html", verbose_name="", orderable=False,
                                 exclude_from_export=True)

    class Meta:
        model = Posting
        fields = ["lawyer", "firm", "street", "area", "point", "start_on", "end_on", "contract_number", "edit"]
        order_by = "-start_on"
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"posting-{record.pk}"}


class ServicePointTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("名称"))
    kind = tables.Column(verbose_name=_("类型"))
    area = tables.Column(verbose_name=_("所在区域"), accessor="area__name", order_by="area__code")
    opening_hours = tables.Column(verbose_name=_("开放时间"), default="—")
    phone = tables.Column(verbose_name=_("电话"), default="—")
    advisor_count = tables.Column(verbose_name=_("在岗法律顾问"), attrs={"td": {"class": "text-end"}})
    is_active = tables.BooleanColumn(verbose_name=_("运行中"))

    class Meta:
        model = ServicePoint
        fields = ["name", "kind", "area", "opening_hours", "phone", "advisor_count", "is_active"]
        attrs = {"class": "table table-hover align-middle"}

    def value_is_active(self, value):
        return _("是") if value else _("否")


class AdvisorTable(tables.Table):
    name = tables.Column(verbose_name=_("姓名"), order_by=("name_pinyin",),
                         linkify=lambda record: record_url("lawyers:advisor_detail", record.pk))
    certificate_number = tables.Column(verbose_name=_("执业证号"), attrs={"td": {"class": "font-monospace"}})
    firm = tables.Column(verbose_name=_("执业机构"), accessor="firm__name", order_by="firm__name_pinyin", default="—")
    posting_count = tables.Column(verbose_name=_("派驻（在期）"), attrs={"td": {"class": "text-end"}})
    month_entries = tables.Column(verbose_name=_("本月服务记录"), attrs={"td": {"class": "text-end"}})
    last_entry = tables.DateColumn(verbose_name=_("最近服务"), format="Y-m-d", default="—")
    has_account = tables.BooleanColumn(verbose_name=_("已关联账号"), accessor="user_id", orderable=False)

    class Meta:
        model = Lawyer
        fields = ["name", "certificate_number", "firm", "posting_count", "month_entries", "last_entry", "has_account"]
        order_by = "name"
        attrs = {"class": "table table-hover align-middle"}

    def value_has_account(self, value):
        return _("是") if value else _("否")

"""The lists of 普法: sortable, and exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Form, MediaProduct, Position, Target, Theme

NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
THEMES, FORMS, TARGETS = dict(Theme.choices), dict(Form.choices), dict(Target.choices)


def row_url(record):
    if record["source"] == "advisor":
        return reverse("lawyers:servicelog_update", args=[record["record"]])
    return reverse("publicity:activity_detail", args=[record["record"]])


class ActivityTable(tables.Table):
    """Rows of publicity.models.activity_rows: the activities and the advisors' 普法 entries (dicts)."""

    row_held_on = tables.DateColumn(verbose_name=gettext_lazy("活动日期"), format="Y-m-d", attrs=NOWRAP)
    row_title = tables.Column(verbose_name=gettext_lazy("活动名称"), linkify=row_url)
    source = tables.Column(verbose_name=gettext_lazy("来源"), attrs=NOWRAP)
    row_theme = tables.Column(verbose_name=gettext_lazy("主题"), attrs=NOWRAP, default="—")
    row_form = tables.Column(verbose_name=gettext_lazy("形式"), attrs=NOWRAP, default="—")
    row_target = tables.Column(verbose_name=gettext_lazy("“四进”对象"), attrs=NOWRAP, default="—")
    row_organiser = tables.Column(verbose_name=gettext_lazy("主办单位"))
    area_name = tables.Column(verbose_name=gettext_lazy("所属区域"), order_by="area_path", attrs=NOWRAP)
    row_place = tables.Column(verbose_name=gettext_lazy("活动地点"))
    row_audience = tables.Column(verbose_name=gettext_lazy("受众人次"), attrs=NUMBER)

    class Meta:
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"{record['source']}-{record['record']}"}
        order_by = ("-row_held_on",)

    def render_source(self, value):
        if value == "advisor":
            return format_html('<span class="badge text-bg-info">{}</span>', _("来源：社区法律顾问"))
        return _("本平台登记")

    def value_source(self, value):
        return _("社区法律顾问") if value == "advisor" else _("本平台登记")

    def render_row_theme(self, value):
        return THEMES.get(value, value)

    def render_row_form(self, value):
        return FORMS.get(value, value)

    def render_row_target(self, value):
        return TARGETS.get(value, value)

    def render_row_organiser(self, value, record):
        if record["source"] == "advisor":
            return _("%(name)s（社区法律顾问）") % {"name": value}
        return value


class MediaProductTable(tables.Table):
    published_on = tables.DateColumn(verbose_name=gettext_lazy("发布日期"), format="Y-m-d", attrs=NOWRAP)
    title = tables.Column(verbose_name=gettext_lazy("标题"), linkify=True)
    kind = tables.Column(verbose_name=gettext_lazy("类别"), attrs=NOWRAP)
    channel = tables.Column(verbose_name=gettext_lazy("发布平台"), attrs=NOWRAP)
    area = tables.Column(verbose_name=gettext_lazy("发布单位所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    views = tables.Column(verbose_name=gettext_lazy("浏览（观看）量"), attrs=NUMBER)
    training_attendance = tables.Column(verbose_name=gettext_lazy("计入培训参训人次"), attrs=NUMBER)

    class Meta:
        model = MediaProduct
        fields = ["published_on", "title", "kind", "channel", "area", "views", "training_attendance"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"media-{record.pk}"}


class PositionTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("名称"), linkify=True)
    kind = tables.Column(verbose_name=gettext_lazy("类型"))
    level = tables.Column(verbose_name=gettext_lazy("级别"), attrs=NOWRAP)
    area = tables.Column(verbose_name=gettext_lazy("所在区域"), accessor="area__name", order_by="area__path",
                         attrs=NOWRAP)
    awarded_on = tables.DateColumn(verbose_name=gettext_lazy("命名日期"), format="Y-m-d", attrs=NOWRAP)
    reviewed_until = tables.DateColumn(verbose_name=gettext_lazy("复核有效期至"), format="Y-m-d", attrs=NOWRAP,
                                       default="—")
    revoked_on = tables.DateColumn(verbose_name=gettext_lazy("撤销命名日期"), format="Y-m-d", attrs=NOWRAP,
                                   default="—")

    class Meta:
        model = Position
        fields = ["name", "kind", "level", "area", "awarded_on", "reviewed_until", "revoked_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"position-{record.pk}"}

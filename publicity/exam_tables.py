"""The lists of the law exam and 谁执法谁普法: sortable, and exported to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy

from bureau.links import record_url

from .models import Evaluation, EvaluationIndex, Exam, ExamUnit, Participant, Responsibility

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


def percent(value):
    return "—" if value is None else f"{value * 100:.2f}%"


class RateColumn(tables.Column):
    """A rate shown as a percentage (two decimals); exported the same way."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, attrs=NUMBER, **kwargs)

    def render(self, value):
        return percent(value)

    def value(self, value):
        return percent(value)


class ExamTable(tables.Table):
    """Needs `ExamQuerySet.with_counts()`."""

    year = tables.Column(verbose_name=gettext_lazy("年度"), attrs=NOWRAP)
    name = tables.Column(verbose_name=gettext_lazy("考试名称"),
                         linkify=lambda record: record_url("publicity:exam_detail", record.pk))
    area = tables.Column(verbose_name=gettext_lazy("所属区"), accessor="area__name", order_by="area__path")
    held_from = tables.DateColumn(verbose_name=gettext_lazy("考试开始日期"), format="Y-m-d", attrs=NOWRAP)
    held_to = tables.DateColumn(verbose_name=gettext_lazy("考试结束日期"), format="Y-m-d", attrs=NOWRAP)
    eligible_total = tables.Column(verbose_name=gettext_lazy("应参考人数"), attrs=NUMBER)
    participant_count = tables.Column(verbose_name=gettext_lazy("参考人数"), attrs=NUMBER)
    passed_count = tables.Column(verbose_name=gettext_lazy("合格人数"), attrs=NUMBER)
    excellent_count = tables.Column(verbose_name=gettext_lazy("优秀人数"), attrs=NUMBER)

    class Meta:
        model = Exam
        fields = ["year", "name", "area", "held_from", "held_to", "eligible_total", "participant_count",
                  "passed_count", "excellent_count"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"exam-{record.pk}"}


class ExamUnitTable(tables.Table):
    """Needs `ExamUnitQuerySet.with_counts()`."""

    unit = tables.Column(verbose_name=gettext_lazy("单位"), accessor="unit__name", order_by="unit__name")
    eligible = tables.Column(verbose_name=gettext_lazy("应参考人数"), attrs=NUMBER)
    participants = tables.Column(verbose_name=gettext_lazy("参考人数"), attrs=NUMBER)
    passed = tables.Column(verbose_name=gettext_lazy("合格人数"), attrs=NUMBER)
    excellent = tables.Column(verbose_name=gettext_lazy("优秀人数"), attrs=NUMBER)
    participation_rate = RateColumn(verbose_name=gettext_lazy("参考率"))
    excellent_rate = RateColumn(verbose_name=gettext_lazy("优秀率"))

    class Meta:
        model = ExamUnit
        fields = ["unit", "eligible", "participants", "passed", "excellent", "participation_rate", "excellent_rate"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"unit-{record.unit_id}",
            "class": lambda record: "table-warning" if record.participation_rate is not None
            and record.participation_rate < record.exam.participation_threshold else "",
        }


class ParticipantTable(tables.Table):
    name = tables.Column(verbose_name=gettext_lazy("姓名"))
    staff_number = tables.Column(verbose_name=gettext_lazy("工号"))
    id_number = tables.Column(verbose_name=gettext_lazy("身份证号"), orderable=False)
    unit = tables.Column(verbose_name=gettext_lazy("单位"), accessor="unit__name", order_by="unit__name")
    score = tables.Column(verbose_name=gettext_lazy("成绩"), attrs=NUMBER)
    taken_on = tables.DateColumn(verbose_name=gettext_lazy("考试时间"), format="Y-m-d", attrs=NOWRAP)

    class Meta:
        model = Participant
        fields = ["name", "staff_number", "id_number", "unit", "score", "taken_on"]
        attrs = {"class": "table table-hover align-middle"}

    def render_id_number(self, value):
        return value.masked if value else "—"

    def value_id_number(self, value):
        return value.masked if value else ""


class ResponsibilityTable(tables.Table):
    """Needs `report_count` annotated."""

    year = tables.Column(verbose_name=gettext_lazy("年度"), attrs=NOWRAP)
    unit = tables.Column(verbose_name=gettext_lazy("责任单位"), accessor="unit__name", order_by="unit__name")
    content = tables.Column(verbose_name=gettext_lazy("普法责任"),
                            linkify=lambda record: record_url("publicity:responsibility_detail", record.pk))
    audience = tables.Column(verbose_name=gettext_lazy("普法对象"))
    report_count = tables.Column(verbose_name=gettext_lazy("履职报告"), attrs=NUMBER)

    class Meta:
        model = Responsibility
        fields = ["year", "unit", "content", "audience", "report_count"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"responsibility-{record.pk}"}


class EvaluationTable(tables.Table):
    """Needs `EvaluationQuerySet.ranked()`."""

    rank = tables.Column(verbose_name=gettext_lazy("名次"), attrs=NUMBER)
    year = tables.Column(verbose_name=gettext_lazy("年度"), attrs=NOWRAP)
    unit = tables.Column(verbose_name=gettext_lazy("被评议单位"), accessor="unit__name", order_by="unit__name",
                         linkify=lambda record: record_url("publicity:evaluation_detail", record.pk))
    total = tables.Column(verbose_name=gettext_lazy("总分"), attrs=NUMBER)
    evaluated_on = tables.DateColumn(verbose_name=gettext_lazy("评议日期"), format="Y-m-d", attrs=NOWRAP)

    class Meta:
        model = Evaluation
        fields = ["rank", "year", "unit", "total", "evaluated_on"]
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {"id": lambda record: f"evaluation-{record.pk}"}


class EvaluationIndexTable(tables.Table):
    year = tables.Column(verbose_name=gettext_lazy("年度"), attrs=NOWRAP)
    order = tables.Column(verbose_name=gettext_lazy("排序"), attrs=NUMBER)
    name = tables.Column(verbose_name=gettext_lazy("评议指标"))
    max_score = tables.Column(verbose_name=gettext_lazy("分值"), attrs=NUMBER)
    description = tables.Column(verbose_name=gettext_lazy("评分标准"))

    class Meta:
        model = EvaluationIndex
        fields = ["year", "order", "name", "max_score", "description"]
        attrs = {"class": "table table-hover align-middle"}

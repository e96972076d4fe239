"""The lists of major decisions, enforcement supervision, counsel, 述法 and the assessment: sortable, and exported
to Excel (`?_export=xlsx`) as shown."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import (
    AssessmentRound,
    CounselEngagement,
    EnforcementOfficer,
    EnforcementTraining,
    FileReview,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    ShufaReport,
)

ATTRS = {"class": "table table-hover align-middle"}
NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}


class MajorDecisionTable(tables.Table):
    title = tables.Column(linkify=True)
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("承办单位"))
    steps_done = tables.Column(verbose_name=_("已完成程序"), attrs=NOWRAP)

    class Meta:
        model = MajorDecision
        fields = ["year", "title", "unit", "hearing", "catalogued_on", "steps_done", "status", "done_on"]
        attrs = ATTRS

    def render_steps_done(self, record, value):
        return f"{value}/{len(record.required_steps)}"

    def value_steps_done(self, record, value):
        return value


class FileReviewTable(tables.Table):
    title = tables.Column(linkify=True)
    file_count = tables.Column(verbose_name=_("评查案卷"), attrs=NOWRAP)
    open_count = tables.Column(verbose_name=_("待整改"), attrs=NOWRAP)

    class Meta:
        model = FileReview
        fields = ["title", "started_on", "ended_on", "file_count", "open_count"]
        attrs = ATTRS


class ReviewedFileTable(tables.Table):
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("执法单位"))
    grade = tables.Column(verbose_name=_("评查结果"), orderable=False, empty_values=())
    action = tables.TemplateColumn(
        template_name="normative_docs/rol/_rectify_button.html", verbose_name="", orderable=False,
        exclude_from_export=True)

    class Meta:
        model = ReviewedFile
        fields = ["unit", "file_number", "case_title", "reviewed_on", "score", "grade", "problems", "rectify_by",
                  "rectified_on", "action"]
        attrs = ATTRS

    def render_grade(self, record):
        return record.grade


class EnforcementTrainingTable(tables.Table):
    class Meta:
        model = EnforcementTraining
        fields = ["title", "held_on", "hours", "attendances"]
        attrs = ATTRS


class OfficerTable(tables.Table):
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("所在单位"))

    class Meta:
        model = EnforcementOfficer
        fields = ["name", "certificate_number", "unit", "valid_until", "revoked_on"]
        attrs = ATTRS


class EngagementTable(tables.Table):
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("聘请单位"), linkify=(
        "normative_docs:engagement_detail", {"pk": tables.A("pk")}))
    firm = tables.Column(accessor="firm__name", order_by="firm__name", verbose_name=_("律师事务所"))
    people = tables.Column(verbose_name=_("顾问律师"), attrs=NOWRAP)

    class Meta:
        model = CounselEngagement
        fields = ["unit", "firm", "people", "started_on", "ended_on", "fee", "evaluation"]
        attrs = ATTRS


class LegalAffairTable(tables.Table):
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("委托单位"))

    class Meta:
        model = LegalAffair
        fields = ["handled_on", "kind", "title", "unit", "handler", "amount"]
        attrs = ATTRS


class ShufaTable(tables.Table):
    unit = tables.Column(accessor="unit__name", order_by="unit__name", verbose_name=_("述法单位"))

    class Meta:
        model = ShufaReport
        fields = ["year", "unit", "leader_name", "leader_title", "form", "reported_on"]
        attrs = ATTRS


class RoundTable(tables.Table):
    title = tables.Column(linkify=True)
    units = tables.Column(verbose_name=_("被考评单位"), attrs=NOWRAP)
    items = tables.Column(verbose_name=_("考评项目"), attrs=NOWRAP)

    class Meta:
        model = AssessmentRound
        fields = ["year", "title", "units", "items", "status", "closed_on"]
        attrs = ATTRS

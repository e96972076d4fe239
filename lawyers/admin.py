from django import forms
from django.contrib import admin

from bureau.admin import ClockRuleAdmin, ConfirmsIdentifiersAdmin, ReadOnlyAdmin
from bureau.forms import ProtectedIdentifierFormMixin

from .models import (
    Appraisal,
    AppraisalResult,
    AppraisalWeight,
    Attachment,
    Complaint,
    ComplaintClockRule,
    Draw,
    InspectionCampaign,
    InspectionResult,
    Inspector,
    LawFirm,
    Lawyer,
    Posting,
    RandomInspectionPlan,
    ServiceLog,
    ServicePoint,
    Specialty,
    SupervisionVisit,
    Violation,
)


@admin.register(LawFirm)
class LawFirmAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "area", "director", "phone", "status"]
    list_filter = ["status", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    search_fields = ["name", "credit_code", "director"]
    autocomplete_fields = ["area"]


class LawyerAdminForm(ProtectedIdentifierFormMixin, forms.ModelForm):
    specialties = forms.MultipleChoiceField(
        label=Lawyer._meta.get_field("specialties").verbose_name, choices=Specialty.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )

    class Meta:
        model = Lawyer
        fields = "__all__"


@admin.register(Lawyer)
class LawyerAdmin(ConfirmsIdentifiersAdmin, admin.ModelAdmin):
    form = LawyerAdminForm
    list_display = ["name", "certificate_number", "kind", "firm", "area", "practice_start",
                    "legal_aid_available", "status"]
    list_filter = ["status", "kind", "legal_aid_available", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["firm", "area"]
    search_fields = ["name", "certificate_number", "firm__name"]
    autocomplete_fields = ["firm", "area", "user"]


# --- Community legal advisors -------------------------------------------------------------------------------


@admin.register(ServicePoint)
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "opening_hours", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["area"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["area"]


@admin.register(Posting)
class PostingAdmin(ReadOnlyAdmin):
    list_display = ["lawyer", "area", "point", "start_on", "end_on", "contract_number"]
    list_select_related = ["lawyer", "area", "point"]
    search_fields = ["lawyer__name", "lawyer__certificate_number", "area__name", "contract_number"]
    date_hierarchy = "start_on"


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "file", "size"]
    readonly_fields = fields


@admin.register(ServiceLog)
class ServiceLogAdmin(ReadOnlyAdmin):
    list_display = ["on", "lawyer", "area", "kind", "count", "resolved", "hours"]
    list_filter = ["kind", "resolved"]
    list_select_related = ["lawyer", "area"]
    search_fields = ["lawyer__name", "area__name", "notes"]
    date_hierarchy = "on"
    inlines = [AttachmentInline]


@admin.register(AppraisalWeight)
class AppraisalWeightAdmin(admin.ModelAdmin):
    list_display = ["district", "kind", "points", "resolved_points"]
    list_filter = ["district"]


class AppraisalResultInline(admin.TabularInline):
    model = AppraisalResult
    extra = 0
    can_delete = False
    fields = ["rank", "lawyer", "points", "entries", "hours"]
    readonly_fields = fields


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    """Reopening a month (deleting its appraisal) is the administrator's alone: it unlocks the month's entries."""

    list_display = ["district", "month", "closed_by", "closed_at"]
    list_filter = ["district"]
    readonly_fields = ["district", "month", "closed_by", "closed_at"]
    inlines = [AppraisalResultInline]

    def has_add_permission(self, request):
        return False  # a month is closed on the appraisal page, through lawyers.services.appraisal_close


# --- Supervision ----------------------------------------------------------------------------------------------
# The records are written through lawyers.supervision (its checks, clocks and to-dos): the admin shows them
# read-only. The complaint clocks are the administrator's to set, with their legal source.


admin.site.register(ComplaintClockRule, ClockRuleAdmin)


@admin.register(Inspector)
class InspectorAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "certificate_number", "district", "is_active"]
    list_filter = ["is_active", "district"]
    search_fields = ["name", "unit", "certificate_number"]


class InspectionResultInline(admin.TabularInline):
    model = InspectionResult
    extra = 0
    can_delete = False
    fields = ["firm", "lawyer", "materials_received_on", "grade", "graded_on"]
    readonly_fields = fields


@admin.register(InspectionCampaign)
class InspectionCampaignAdmin(ReadOnlyAdmin):
    list_display = ["year", "kind", "district", "started_on", "meeting_on"]
    list_filter = ["kind", "district", "year"]
    inlines = [InspectionResultInline]


class DrawInline(admin.TabularInline):
    model = Draw
    extra = 0
    can_delete = False
    fields = ["drawn_at", "drawn_by", "seed", "algorithm", "firms_drawn", "inspectors_drawn", "reason"]
    readonly_fields = fields


@admin.register(RandomInspectionPlan)
class RandomInspectionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "district", "firms_to_draw", "inspectors_to_draw", "status", "published_on"]
    list_filter = ["status", "district", "year"]
    search_fields = ["title"]
    inlines = [DrawInline]


@admin.register(SupervisionVisit)
class SupervisionVisitAdmin(ReadOnlyAdmin):
    list_display = ["visited_on", "firm", "district", "visitors"]
    list_filter = ["district"]
    list_select_related = ["firm", "district"]
    search_fields = ["firm__name", "findings"]
    date_hierarchy = "visited_on"


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["received_on", "complainant_name", "lawyer", "firm", "source", "status", "acceptance_due_on",
                    "conclusion_due_on", "concluded_on"]
    list_filter = ["status", "source", "district"]
    list_select_related = ["lawyer", "firm"]
    search_fields = ["complainant_name", "lawyer__name", "firm__name"]
    date_hierarchy = "received_on"


@admin.register(Violation)
class ViolationAdmin(ReadOnlyAdmin):
    list_display = ["found_on", "kind", "found_by", "lawyer", "firm", "deadline", "status", "closed_on"]
    list_filter = ["status", "kind", "found_by", "district"]
    list_select_related = ["lawyer", "firm"]
    search_fields = ["lawyer__name", "firm__name", "description"]
    date_hierarchy = "found_on"

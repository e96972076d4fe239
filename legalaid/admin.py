"""The administrator's view of legal aid. Cases are registered and moved on the pages (through the services),
so here their lifecycle is read-only; the statutory clocks and the expert pool are configured here."""

from django import forms
from django.contrib import admin

from bureau.admin import ClockRuleAdmin, ConfirmsIdentifiersAdmin
from bureau.forms import ProtectedIdentifierFormMixin

from .models import Case, ClockRule, Complaint, Consultation, Expert, Recipient, RecipientGroup

LIFECYCLE_FIELDS = [
    "number", "status", "material_requested_on", "material_request_note", "complete_on", "decision_due_on",
    "decision", "decided_on", "decision_reasons", "assignment_due_on", "lawyer", "suggested_lawyer",
    "suggestion_reason", "override_reason", "assigned_on", "started_on", "closed_on", "outcome", "recovered_amount",
    "archived_on", "terminated_on", "termination_ground", "created_by", "created_at",
]


class RecipientAdminForm(ProtectedIdentifierFormMixin, forms.ModelForm):
    groups = forms.MultipleChoiceField(label=Recipient._meta.get_field("groups").verbose_name,
                                       choices=RecipientGroup.choices, widget=forms.CheckboxSelectMultiple,
                                       required=False)

    class Meta:
        model = Recipient
        fields = ["name", "id_number", "is_female", "birth_date", "groups", "phone"]


class RecipientInline(admin.StackedInline):
    model = Recipient
    form = RecipientAdminForm
    extra = 0


class CaseAdminForm(ProtectedIdentifierFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = "__all__"


@admin.register(Case)
class CaseAdmin(ConfirmsIdentifiersAdmin, admin.ModelAdmin):
    form = CaseAdminForm
    inlines = [RecipientInline]
    list_display = ["number", "applicant_name", "area", "matter_kind", "source", "received_on", "status", "lawyer"]
    list_filter = ["status", "matter_kind", "source", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area", "lawyer"]
    search_fields = ["number", "applicant_name"]
    date_hierarchy = "received_on"
    readonly_fields = LIFECYCLE_FIELDS
    autocomplete_fields = ["area"]

    def has_add_permission(self, request):
        return False  # an application is registered on its page: it needs a number and its clock


admin.site.register(ClockRule, ClockRuleAdmin)


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "area", "is_active"]
    list_filter = ["is_active", ("area", admin.RelatedOnlyFieldListFilter)]
    list_editable = ["is_active"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["area"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["on", "area", "channel", "topic", "person_times", "recorded_by"]
    list_filter = ["channel", "topic", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area", "recorded_by"]
    date_hierarchy = "on"
    autocomplete_fields = ["area"]
    readonly_fields = ["recorded_by"]

    def has_add_permission(self, request):
        return False  # logged on the quick form, which records who logged it


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["received_on", "complainant", "lawyer", "area", "due_on", "concluded_on", "finding"]
    list_filter = ["finding", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area", "lawyer"]
    search_fields = ["complainant", "lawyer__name"]
    date_hierarchy = "received_on"
    readonly_fields = ["case", "lawyer", "due_on", "concluded_on", "finding", "handling"]

    def has_add_permission(self, request):
        return False  # received and concluded on the pages, which keep the clock and its to-do

"""The administrator's view of mediation. Cases are accepted and moved through the services (the pages, the API,
the import), so here their lifecycle is read-only and no case is added; organisations, mediators and trainings
are reference data the administrator may correct. ID numbers are never echoed (ProtectedIdentifierFormMixin)."""

from django import forms
from django.contrib import admin

from bureau.admin import ConfirmsIdentifiersAdmin, ViewOnly
from bureau.forms import ProtectedIdentifierFormMixin

from .models import Case, Extension, FoundDispute, Mediator, Organisation, Party, ScreeningRound, Training

LIFECYCLE_FIELDS = [
    "number", "organisation", "area", "status", "mediation_started_on", "extended_to", "concluded_on", "outcome",
    "failure_reason", "agreement_form", "agreement_signed_on", "performance", "performed_on",
    "confirmation_applied_on", "confirmation_online", "confirmation_court", "confirmation_ruled_on",
    "confirmation_result", "escalation_risk", "escalation_flagged_on", "escalation_prevented", "created_by",
    "created_at",
]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "form", "sector", "area", "founded_on", "closed_on", "filed_on", "devices"]
    list_filter = ["kind", "form", "sector", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    search_fields = ["name", "filing_number", "place"]
    autocomplete_fields = ["area"]


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "from_on", "to_on", "lawyer", "user"]
    list_filter = ["kind", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation", "lawyer", "user"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation", "lawyer", "user"]
    readonly_fields = ["area"]  # the organisation's


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["held_on", "title", "area", "online", "attendees", "stream_viewers"]
    list_filter = ["online", ("area", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "held_on"
    autocomplete_fields = ["area"]


class FoundDisputeInline(ViewOnly, admin.TabularInline):
    model = FoundDispute
    fields = ["found_on", "area", "dispute_type", "risk_level", "description", "case"]
    extra = 0


@admin.register(ScreeningRound)
class ScreeningRoundAdmin(admin.ModelAdmin):
    list_display = ["started_on", "ended_on", "title", "area", "organisation"]
    list_select_related = ["area", "organisation"]
    date_hierarchy = "started_on"
    inlines = [FoundDisputeInline]
    readonly_fields = ["area", "organisation", "created_by"]

    def has_add_permission(self, request):
        return False  # recorded through the services, which check the area


class PartyAdminForm(ProtectedIdentifierFormMixin, forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "id_number", "phone", "address"]


class PartyInline(admin.StackedInline):
    model = Party
    form = PartyAdminForm
    extra = 0


class ExtensionInline(ViewOnly, admin.TabularInline):
    model = Extension
    fields = ["agreed_on", "previous_due_on", "extended_to", "note", "by"]
    extra = 0


@admin.register(Case)
class CaseAdmin(ConfirmsIdentifiersAdmin, admin.ModelAdmin):
    inlines = [PartyInline, ExtensionInline]
    list_display = ["number", "organisation", "dispute_type", "source", "accepted_on", "status", "outcome"]
    list_filter = ["status", "outcome", "dispute_type", "source", "escalation_risk",
                   ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["number", "organisation__name"]
    date_hierarchy = "accepted_on"
    readonly_fields = LIFECYCLE_FIELDS
    autocomplete_fields = ["mediator", "co_mediators"]

    def has_add_permission(self, request):
        return False  # a case is accepted through the services: it needs a number, its mediators and its clock

"""The administrator's view of 法治政府. Texts, reconsiderations and lawsuits move through the services (their
checks, clocks and to-dos), so here they are read-only; units are reference data the administrator may correct;
the clocks are the administrator's to set, with their legal source."""

from django.contrib import admin

from bureau.admin import ClockRuleAdmin, ReadOnlyAdmin

from .models import ClockRule, Document, Hearing, Litigation, Reconsideration, ReviewRound, Unit, UnitMember


admin.site.register(ClockRule, ClockRuleAdmin)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "is_active"]
    list_filter = ["kind", "is_active", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    autocomplete_fields = ["area"]


@admin.register(UnitMember)
class UnitMemberAdmin(admin.ModelAdmin):
    list_display = ["unit", "user"]
    list_select_related = ["unit", "user"]
    search_fields = ["unit__name", "user__username", "user__name"]
    autocomplete_fields = ["unit", "user"]


class ReviewRoundInline(admin.TabularInline):
    model = ReviewRound
    extra = 0
    can_delete = False
    fields = readonly_fields = ["number", "submitted_on", "due_on", "concluded_on", "result", "opinions"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "unit", "status", "submitted_on", "number", "issued_on", "filed_on",
                    "valid_until"]
    list_filter = ["kind", "status", "topic", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["unit"]
    search_fields = ["title", "number"]
    inlines = [ReviewRoundInline]


@admin.register(Reconsideration)
class ReconsiderationAdmin(ReadOnlyAdmin):
    list_display = ["number", "applicant", "respondent", "status", "received_on", "accepted_on", "decided_on",
                    "decision"]
    list_filter = ["status", "decision", "matter", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["number", "applicant", "respondent"]


class HearingInline(admin.TabularInline):
    model = Hearing
    extra = 0
    can_delete = False
    fields = readonly_fields = ["held_on", "head_appeared", "head_name", "head_title"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Litigation)
class LitigationAdmin(ReadOnlyAdmin):
    list_display = ["case_number", "court", "instance", "plaintiff", "defendant", "received_on", "concluded_on",
                    "judgment", "lost"]
    list_filter = ["instance", "judgment", "lost", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["case_number", "plaintiff", "defendant"]
    inlines = [HearingInline]

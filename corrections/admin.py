"""The administrator's view of community corrections.

The administrator sets the supervision levels' intervals, which the daily risk checks read. The register
itself is written only through corrections.services (every move a ledger entry, every event closing its
to-dos), so here it is read-only: the person, their ledger and the resettlement list, ID numbers masked
(seeing a full number is the audited reveal on the person's page). The rest is not registered at all.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bureau.admin import ReadOnlyAdmin, ViewOnly

from .models import LedgerEntry, LevelPolicy, ReleasedPerson, Supervisee


@admin.register(LevelPolicy)
class LevelPolicyAdmin(admin.ModelAdmin):
    list_display = ["level", "talk_interval_days", "check_interval_days", "no_contact_days"]
    list_editable = ["talk_interval_days", "check_interval_days", "no_contact_days"]
    fields = ["level", "talk_interval_days", "check_interval_days", "no_contact_days"]
    readonly_fields = ["level"]

    def has_add_permission(self, request):
        return False  # one row per level, seeded by migration 0002; the risk checks know no other level

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description=_("身份证号码"))
def masked_id_number(obj):
    return obj.id_number.masked if obj.id_number else ""


class LedgerInline(ViewOnly, admin.TabularInline):
    model = LedgerEntry
    fields = ["on", "kind", "area", "counterpart", "counterpart_name", "termination_reason", "certificate_on"]
    extra = 0


@admin.register(Supervisee)
class SuperviseeAdmin(ReadOnlyAdmin):
    list_display = ["name", masked_id_number, "sentence_kind", "area", "level", "status", "term_start", "term_end"]
    list_filter = ["status", "sentence_kind", "level", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    search_fields = ["name"]
    date_hierarchy = "term_end"
    fields = ["name", "gender", masked_id_number, "phone", "address", "sentence_kind", "crime", "court",
              "judgment_on", "term_start", "term_end", "report_due_on", "reported_on", "area", "level", "team",
              "prohibitions", "status", "created_at"]
    readonly_fields = [masked_id_number]
    inlines = [LedgerInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["on", "kind", "supervisee", "area", "counterpart", "counterpart_name", "termination_reason"]
    list_filter = ["kind", "termination_reason", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["supervisee", "area", "counterpart"]
    search_fields = ["supervisee__name"]
    date_hierarchy = "on"


@admin.register(ReleasedPerson)
class ReleasedPersonAdmin(ReadOnlyAdmin):
    list_display = ["name", masked_id_number, "released_on", "listed_until", "area", "handover", "verification",
                    "reoffended_on"]
    list_filter = ["handover", "verification", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    search_fields = ["name"]
    date_hierarchy = "released_on"
    fields = ["name", "gender", masked_id_number, "address", "crime", "prison", "released_on", "listed_until", "area",
              "handover", "handed_over_on", "verification", "reoffended_on"]
    readonly_fields = [masked_id_number]

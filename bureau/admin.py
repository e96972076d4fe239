from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _

from .forms import ProtectedIdentifierFormMixin, identifiers_confirmed
from .models import Area, CalendarDay, IdentifierConfirmation, IssuedPaper, PaperTemplate, Reminder, User
from .services import identifiers_confirm


class ViewOnly:
    """For records that change only through their app's services: the admin shows them, never writes them.
    Mixed into a ModelAdmin or an inline (the inline's permission hooks also take `obj`, hence the default)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ViewOnly, admin.ModelAdmin):
    pass


class ConfirmsIdentifiersAdmin:
    """For admin pages whose forms (ProtectedIdentifierFormMixin) edit ID numbers: the confirmation of a
    region warning (the checkbox under the box) is recorded with the record, as on the pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        identifiers_confirm(objects=[obj], by=request.user, confirmed=identifiers_confirmed(form),
                            previous=getattr(form, "stored_identifiers", None))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline in formset.forms:
            if inline.instance.pk and inline.has_changed() and inline not in formset.deleted_forms:
                identifiers_confirm(objects=[inline.instance], by=request.user,
                                    confirmed=identifiers_confirmed(inline),
                                    previous=getattr(inline, "stored_identifiers", None))

admin.site.site_header = _("区司法局综合业务平台 · 系统管理")
admin.site.site_title = _("系统管理")
admin.site.index_title = _("用户、基础数据与节假日")


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "is_demo"]
    list_filter = ["level", "is_demo"]
    search_fields = ["code", "name"]
    ordering = ["path"]

    def get_readonly_fields(self, request, obj=None):
        # Moving an area would move everything recorded under it: that is a data migration, not an edit.
        return ["code", "level", "parent"] if obj else []


class UserAdminForm(ProtectedIdentifierFormMixin, UserChangeForm):
    pass


@admin.register(User)
class UserAdmin(ConfirmsIdentifiersAdmin, DjangoUserAdmin):
    form = UserAdminForm
    list_display = ["username", "name", "role", "section", "area", "is_active", "last_login"]
    list_filter = ["role", "section", "is_active"]
    search_fields = ["username", "name", "phone"]
    autocomplete_fields = ["area"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("个人信息"), {"fields": ["name", "phone", "email", "id_number"]}),
        (_("角色与管辖"), {"fields": ["role", "section", "area"]}),
        (_("权限"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("时间"), {"fields": ["last_login", "date_joined", "password_changed_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "name", "role", "section", "area",
                                                "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "password_changed_at"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind"]
    list_filter = ["kind", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "area", "assignee", "due_on", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["title"]
    date_hierarchy = "due_on"
    readonly_fields = [f.name for f in Reminder._meta.fields if f.name not in {"note"}]

    def has_add_permission(self, request):
        return False  # to-dos come from reminder rules


@admin.register(IdentifierConfirmation)
class IdentifierConfirmationAdmin(ReadOnlyAdmin):
    """Who confirmed which ID number's region warning, for which record (written only by identifiers_confirm)."""

    list_display = ["confirmed_at", "content_type", "object_id", "field_name", "masked_number", "confirmed_by"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "confirmed_by"]
    exclude = ["id_number"]
    readonly_fields = ["masked_number"]

    @admin.display(description=_("身份证号码"))
    def masked_number(self, obj):
        return obj.id_number.masked if obj.id_number else ""


class ClockRuleAdmin(admin.ModelAdmin):
    """A function's statutory time limits (bureau.models.ClockRule): days and their kind editable, the set fixed —
    the services know each clock by its code. Each app registers its own table with it."""

    list_display = ["code", "days", "day_kind", "legal_source"]
    list_editable = ["days", "day_kind"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PaperTemplate)
class PaperTemplateAdmin(admin.ModelAdmin):
    """An office's own template for a paper (bureau.papers): checked on upload (PaperTemplate.clean renders it
    with the paper's sample fields); the newest active one replaces the built-in template. Papers already
    issued keep their file; a used template cannot be deleted (deactivate it instead)."""

    list_display = ["code", "uploaded_at", "active", "note"]
    list_filter = ["code", "active"]
    fields = ["code", "file", "active", "note", "fields_help"]
    readonly_fields = ["fields_help"]

    @admin.display(description=_("可用字段"))
    def fields_help(self, obj):
        from .papers import all_papers, base_sample

        return "；".join(f"{paper.label}：" + "、".join("{{ %s }}" % name for name in base_sample(paper))
                        for paper in all_papers() if obj is None or not obj.code or paper.code == obj.code)


@admin.register(IssuedPaper)
class IssuedPaperAdmin(ReadOnlyAdmin):
    """Papers as issued (bureau.papers.paper_issue): kept, never edited."""

    list_display = ["issued_at", "label", "number", "version", "content_type", "object_id", "area", "issued_by"]
    list_filter = ["code"]
    list_select_related = ["content_type", "area", "issued_by"]
    search_fields = ["number"]

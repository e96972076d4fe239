from django import forms
from django.contrib import admin

from bureau.forms import ProtectedIdentifierFormMixin

from .models import LawFirm, Lawyer, Specialty


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
class LawyerAdmin(admin.ModelAdmin):
    form = LawyerAdminForm
    list_display = ["name", "certificate_number", "kind", "firm", "area", "practice_start",
                    "legal_aid_available", "status"]
    list_filter = ["status", "kind", "legal_aid_available", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["firm", "area"]
    search_fields = ["name", "certificate_number", "firm__name"]
    autocomplete_fields = ["firm", "area"]

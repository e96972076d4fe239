from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.forms import ProtectedIdentifierFormMixin
from bureau.models import Area

from .filters import visible_streets
from .models import LawFirm, Lawyer, Specialty

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def pairs(*names):
    """Fields two to a row on wide screens, in the given order."""
    return [Row(*(Column(name, css_class="col-md-6") for name in names[i:i + 2])) for i in range(0, len(names), 2)]


class RegistryForm(forms.ModelForm):
    """Limits the street (and firm) choices to the user's jurisdiction; a street clerk's street comes preset."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        streets = visible_streets(user)
        self.fields["area"].queryset = streets
        self.fields["area"].empty_label = _("请选择街道")
        if not self.instance.pk and "area" not in self.initial and user.area and \
                user.area.level == Area.Level.STREET:
            self.initial["area"] = user.area.pk
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.get_layout()

    def get_layout(self):
        return Layout(*pairs(*self._meta.fields))


class LawFirmForm(RegistryForm):
    class Meta:
        model = LawFirm
        fields = ["name", "credit_code", "area", "director", "address", "phone", "founded_on"]
        widgets = {"founded_on": DATE_INPUT}
        help_texts = {"credit_code": _("18位，见执业许可证；最后一位为校验码。")}
        error_messages = {"credit_code": {"unique": _("该统一社会信用代码已登记，请勿重复录入。")}}

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class LawyerForm(ProtectedIdentifierFormMixin, RegistryForm):
    specialties = forms.MultipleChoiceField(
        label=_("业务专长"), choices=Specialty.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Lawyer
        fields = ["name", "certificate_number", "id_number", "kind", "firm", "area", "practice_start",
                  "specialties", "legal_aid_available", "phone"]
        widgets = {"practice_start": DATE_INPUT}
        help_texts = {"certificate_number": _("17位数字，见律师执业证。")}
        error_messages = {"certificate_number": {"unique": _("该执业证号已登记，请勿重复录入。")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["firm"].queryset = LawFirm.objects.visible_to(user).order_by("name")
        self.fields["firm"].empty_label = _("（无）")
        self.fields["certificate_number"].widget.attrs.update({"inputmode": "numeric", "maxlength": 17})

    def get_layout(self):
        return Layout(
            *pairs("name", "certificate_number", "id_number", "kind", "firm", "area", "practice_start", "phone"),
            InlineCheckboxes("specialties"),
            "legal_aid_available",
        )

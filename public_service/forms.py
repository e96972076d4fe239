"""Forms of the staff pages and of the residents' pages. They validate the input's shape; the rules are the
services' (public_service.services)."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT, offer_areas
from bureau.models import Area
from lawyers.models import Lawyer, ServicePoint, SiteLevel, SiteService, Status

from .models import LegalClass, OpeningHours, QuestionCategory

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# --- Staff ----------------------------------------------------------------------------------------------------


class SiteForm(VersionedFormMixin, forms.ModelForm):
    services = forms.MultipleChoiceField(label=_("服务项目"), choices=SiteService.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ServicePoint
        fields = ["address", "phone", "speciality", "services", "latitude", "longitude", "opened_on", "closed_on"]
        widgets = {"opened_on": DATE_INPUT, "closed_on": DATE_INPUT}


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "start", "end", "slot_minutes", "slot_limit"]
        widgets = {"start": TIME_INPUT, "end": TIME_INPUT}


OpeningHoursFormSet = formset_factory(OpeningHoursForm, extra=2, can_delete=True)


class DutyForm(forms.Form):
    on = forms.DateField(label=_("值班日期"), widget=DATE_INPUT)
    lawyer = forms.ModelChoiceField(label=_("值班律师"), queryset=Lawyer.objects.none())
    note = forms.CharField(label=_("备注"), max_length=100, required=False)

    def __init__(self, *args, point=None, **kwargs):
        super().__init__(*args, **kwargs)
        district = point.area.district if point else None
        lawyers = Lawyer.objects.filter(status=Status.PRACTISING).order_by("name")
        if district:
            lawyers = lawyers.filter(firm__area__path__startswith=district.path) | lawyers.filter(
                postings__area__path__startswith=district.path)
        self.fields["lawyer"].queryset = lawyers.distinct()


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(label=_("到场情况"), choices=[("1", _("到场")), ("0", _("未到"))],
                                      coerce=lambda v: v == "1", widget=forms.RadioSelect)
    service_given = forms.CharField(label=_("提供的服务"), max_length=300, required=False,
                                    help_text=_("到场时填写，如：解答劳动合同问题，代写起诉状一份。"))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000)


class LegalClassForm(forms.ModelForm):
    class Meta:
        model = LegalClass
        fields = ["kind", "title", "area", "point", "place", "speaker", "starts_at", "capacity", "description"]
        widgets = {"starts_at": DATETIME_INPUT, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.STREET]).order_by("code"), empty_label=_("请选择区或街道"))
        self.fields["point"].queryset = ServicePoint.objects.visible_to(user).order_by("area__code", "name")
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M"]


class HoldForm(forms.Form):
    held_on = forms.DateField(label=_("举办日期"), widget=DATE_INPUT)
    attendees = forms.IntegerField(label=_("参加人数"), min_value=0, max_value=10000)


class ConfirmForm(forms.Form):
    pass


# --- Residents -------------------------------------------------------------------------------------------------


class SiteSearchForm(forms.Form):
    street = forms.ModelChoiceField(label=_("街道"), queryset=Area.objects.none(), required=False,
                                    empty_label=_("全部街道"))
    level = forms.ChoiceField(label=_("层级"), choices=[("", _("全部层级")), *SiteLevel.choices], required=False)
    service = forms.ChoiceField(label=_("服务"), choices=[("", _("全部服务")), *SiteService.choices], required=False)

    def __init__(self, *args, streets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = streets
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class PhoneForm(forms.Form):
    agree = forms.BooleanField(label=_("我已阅读并同意《个人信息保护告知》"), required=True,
                               error_messages={"required": _("请先阅读并同意个人信息保护告知。")})
    phone = forms.CharField(label=_("手机号码"), max_length=11, min_length=11,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))


class CodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=6, min_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class BookingForm(forms.Form):
    slot = forms.DateTimeField(widget=forms.HiddenInput, input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M"])
    name = forms.CharField(label=_("称呼"), max_length=30)
    matter = forms.CharField(label=_("咨询事项"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    street = forms.ModelChoiceField(label=_("所在街道"), queryset=Area.objects.none(), empty_label=_("请选择街道"))
    category = forms.ChoiceField(label=_("问题类别"), choices=QuestionCategory.choices)
    text = forms.CharField(label=_("问题描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, streets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = streets


class SignupForm(forms.Form):
    name = forms.CharField(label=_("称呼"), max_length=30)


from datetime import timedelta
from decimal import Decimal

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT, ProtectedIdentifierFormMixin, offer_areas
from bureau.models import Area, Role, User
from bureau.permissions import is_administrator, is_advisor

from .filters import visible_advisors, visible_communities
from .models import (KIND_RULES, Attachment, LawFirm, Lawyer, Posting, ServiceKind, ServiceLog, ServicePoint,
                     Specialty, validate_attachment)
from .services import lawyer_of, lawyers_to_post

def pairs(*names):
    """Fields two to a row on wide screens, in the given order."""
    return [Row(*(Column(name, css_class="col-md-6") for name in names[i:i + 2])) for i in range(0, len(names), 2)]


class RegistryForm(VersionedFormMixin, forms.ModelForm):
    """Limits the street (and firm) choices to the user's jurisdiction; a street clerk's street comes preset."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        offer_areas(self, user)
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


# --- Community legal advisors -------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (photos from the phone's camera roll); each checked on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(upload, initial) for upload in files]
        for upload in cleaned:
            validate_attachment(upload)
        return cleaned


def place_choices(postings):
    """(value, label) of the places of some postings: a point as “p<id>”, a community as “a<id>”, once each."""
    choices = {}
    for posting in postings:
        if posting.point_id:
            choices.setdefault(f"p{posting.point_id}", f"{posting.point.name}（{posting.area.name}）")
        else:
            choices.setdefault(f"a{posting.area_id}", posting.area.name)
    return list(choices.items())


class ServiceLogForm(VersionedFormMixin, forms.Form):
    """The phone form: the advisor's places are offered as buttons with the usual one chosen, today's date and
    a count of 1 are filled in, so choosing the kind and pressing 保存 is enough."""

    lawyer = forms.ModelChoiceField(label=_("法律顾问"), queryset=Lawyer.objects.none(), empty_label=_("请选择"))
    place = forms.ChoiceField(label=_("服务地点"), widget=forms.RadioSelect(attrs={"class": "btn-check"}))
    kind = forms.ChoiceField(label=_("服务类别"), choices=ServiceKind.choices,
                             widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                             error_messages={"required": _("请选择服务类别。")})
    count = forms.IntegerField(label=_("数量"), min_value=1, max_value=5000, initial=1,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    resolved = forms.BooleanField(label=_("化解成功"), required=False)
    hours = forms.DecimalField(label=_("时长（小时）"), min_value=Decimal("0.5"), max_value=24, decimal_places=1,
                               initial=Decimal("1.0"),
                               widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}))
    on = forms.DateField(label=_("服务日期"), widget=DATE_INPUT, initial=timezone.localdate)
    notes = forms.CharField(label=_("摘要"), max_length=300, required=False, widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": _("如：调解邻里噪音纠纷，双方达成口头协议")}))
    attachments = MultipleFileField(label=_("照片或附件"), required=False,
                                    help_text=_("JPG、PNG、PDF、docx、xlsx，每个不超过 10 MB。"))
    remove = forms.ModelMultipleChoiceField(label=_("删除附件"), queryset=Attachment.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, instance=None, **kwargs):
        self.user, self.instance = user, instance
        super().__init__(*args, **kwargs)
        self.own_lawyer = lawyer_of(user) if is_advisor(user) else None
        if self.own_lawyer:
            del self.fields["lawyer"]
            postings = self.own_lawyer.postings.overlapping(
                timezone.localdate() - timedelta(days=62), timezone.localdate()).select_related("area", "point")
            self.fields["place"].choices = place_choices(postings)
        else:
            self.fields["lawyer"].queryset = visible_advisors(user)
            self.fields["place"].widget = forms.Select()
            points = ServicePoint.objects.visible_to(user).select_related("area").order_by("area__code", "name")
            self.fields["place"].choices = [("", _("请选择社区或站点"))] + [
                (f"a{area.pk}", area.name) for area in visible_communities(user)
            ] + [(f"p{point.pk}", f"{point.name}（{point.area.name}）") for point in points]
        if instance is not None:
            place = f"p{instance.point_id}" if instance.point_id else f"a{instance.area_id}"
            if place not in dict(self.fields["place"].choices):
                self.fields["place"].choices += [(place, str(instance.point or instance.area))]
            self.initial.update(lawyer=instance.lawyer_id, place=place, kind=instance.kind, count=instance.count,
                                resolved=instance.resolved, hours=instance.hours, on=instance.on,
                                notes=instance.notes)
            self.fields["remove"].queryset = instance.attachments.all()
        else:
            del self.fields["remove"]
            choices = [value for value, _label in self.fields["place"].choices if value]
            if len(choices) >= 1 and self.own_lawyer:
                self.initial.setdefault("place", self._usual_place(choices))

    def _usual_place(self, choices):
        """The place of the advisor's latest entry if still offered, else their first posting's."""
        latest = self.own_lawyer.service_logs.order_by("-on", "-id").values_list("area_id", "point_id").first()
        if latest:
            value = f"p{latest[1]}" if latest[1] else f"a{latest[0]}"
            if value in choices:
                return value
        return choices[0]

    def clean(self):
        data = super().clean()
        place = data.get("place")
        if place:
            if place.startswith("p"):
                point = ServicePoint.objects.select_related("area").get(pk=int(place[1:]))
                data["point"], data["area"] = point, point.area
            else:
                data["point"], data["area"] = None, Area.objects.get(pk=int(place[1:]))
        if data.get("kind") != ServiceKind.DISPUTE:
            data["resolved"] = False
        return data

    def log(self):
        """The entry as the form describes it (unsaved): new, or the instance with its new values."""
        data = self.cleaned_data
        log = self.instance or ServiceLog()
        log.lawyer = self.own_lawyer or data["lawyer"]
        for name in ("area", "point", "kind", "count", "resolved", "hours", "on", "notes"):
            setattr(log, name, data[name])
        return log


class PostingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Posting
        fields = ["lawyer", "area", "point", "start_on", "end_on", "contract_number", "note"]
        widgets = {"start_on": DATE_INPUT, "end_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers_to_post(user).select_related("firm").order_by("name")
        self.fields["lawyer"].label_from_instance = (
            lambda lawyer: f"{lawyer.name}（{lawyer.firm or lawyer.get_kind_display()}）")
        self.fields["area"].queryset = visible_communities(user)
        self.fields["area"].required = False
        self.fields["area"].help_text = _("派驻到站点时可不填，取站点所在区域。")
        self.fields["point"].queryset = ServicePoint.objects.visible_to(user).active().order_by("area__code", "name")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*pairs("lawyer", "contract_number", "area", "point", "start_on", "end_on"), "note")


class ServicePointForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ServicePoint
        fields = ["name", "kind", "area", "address", "phone", "opening_hours", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.visible_to(user).exclude(level=Area.Level.CITY).order_by("code")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*pairs("name", "kind", "area", "phone"), "address", "opening_hours", "is_active")


class WeightsForm(forms.Form):
    """One row per service kind: points per unit (and, for disputes, per dispute resolved)."""

    def __init__(self, *args, weights, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ServiceKind:
            rule = KIND_RULES[kind]
            points, resolved = weights[kind]
            self.fields[f"points_{kind.value}"] = forms.DecimalField(
                label=kind.label, min_value=0, max_digits=5, decimal_places=1, initial=points,
                help_text=_("每%(unit)s") % {"unit": rule.unit})
            if kind == ServiceKind.DISPUTE:
                self.fields["resolved_points"] = forms.DecimalField(
                    label=_("化解成功另加"), min_value=0, max_digits=5, decimal_places=1, initial=resolved,
                    help_text=_("每件"))

    def weights(self):
        data = self.cleaned_data
        return {kind: (data[f"points_{kind.value}"], data["resolved_points"] if kind == ServiceKind.DISPUTE
                       else Decimal("0")) for kind in ServiceKind}


class AppraisalCloseForm(forms.Form):
    comment = forms.CharField(label=_("评比意见"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AdvisorAccountForm(forms.Form):
    user = forms.ModelChoiceField(label=_("登录账号"), queryset=None, required=False, empty_label=_("（不关联）"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = User.objects.filter(role=Role.ADVISOR, is_active=True).order_by("username")
        if not is_administrator(user):
            accounts = accounts.filter(area__path__startswith=user.area.path)
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda account: f"{account.username}（{account}）"

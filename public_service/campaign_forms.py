"""Forms of the campaign, voucher and site-record pages. They parse; every write goes through
public_service.campaign_services (which refuses with the same words as the API and the import)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT, offer_areas
from bureau.models import Area
from lawyers.models import LawFirm, Lawyer, ServicePoint
from lawyers.models.registry import validate_credit_code

from .models import Beneficiary, Campaign, Output, SiteRecord
from .models.campaigns import CAMPAIGN_LEVELS


class CampaignForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "kind", "organisers", "area", "start_on", "end_on", "voucher_value", "description",
                  "firms", "lawyers"]
        widgets = {"start_on": DATE_INPUT, "end_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 3}),
                   "firms": forms.SelectMultiple(attrs={"size": 6}), "lawyers": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(level__in=CAMPAIGN_LEVELS).order_by("path"),
                    empty_label=_("请选择区或街道"))
        self.fields["firms"].queryset = LawFirm.objects.visible_to(user).practising()
        self.fields["lawyers"].queryset = Lawyer.objects.visible_to(user).practising().select_related("firm")
        if user.area and user.area.level == Area.Level.DISTRICT:
            self.initial.setdefault("area", user.area.pk)


class StartForm(forms.Form):
    confirm = forms.BooleanField(label=_("确认启动项目（启动后可登记服务成果、服务对象和发放服务券）"))

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    on = forms.DateField(label=_("结束登记日期"), widget=DATE_INPUT)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", min(timezone.localdate(), campaign.end_on) if campaign else None)


class OutputForm(forms.ModelForm):
    class Meta:
        model = Output
        fields = ["kind", "count", "on", "note"]
        widgets = {"on": DATE_INPUT}

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())


class BeneficiaryForm(forms.ModelForm):
    class Meta:
        model = Beneficiary
        fields = ["kind", "name", "count", "on"]
        widgets = {"on": DATE_INPUT}

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())


class IssueForm(forms.Form):
    enterprise = forms.CharField(label=_("企业名称"), max_length=100)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    count = forms.IntegerField(label=_("发放张数"), min_value=1, max_value=500, initial=1)
    value = forms.DecimalField(label=_("每张面值（元）"), max_digits=9, decimal_places=2, min_value=0.01,
                               required=False, help_text=_("不填为项目的服务券面值。"))
    issued_on = forms.DateField(label=_("发放日期"), widget=DATE_INPUT)
    expires_on = forms.DateField(label=_("有效期至"), widget=DATE_INPUT)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("issued_on", timezone.localdate())
        if campaign:
            self.initial.setdefault("expires_on", campaign.end_on)
            self.initial.setdefault("value", campaign.voucher_value)

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class SettleForm(forms.Form):
    firm = forms.ModelChoiceField(label=_("律师事务所"), queryset=LawFirm.objects.none(), empty_label=_("请选择"))
    on = forms.DateField(label=_("结算日期"), widget=DATE_INPUT)
    reference = forms.CharField(label=_("结算凭证号"), max_length=50, required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = campaign.firms.all() if campaign else LawFirm.objects.none()
        self.initial.setdefault("on", timezone.localdate())


class RedeemForm(forms.Form):
    firm = forms.ModelChoiceField(label=_("服务律师事务所"), queryset=LawFirm.objects.none(), empty_label=_("请选择"))
    on = forms.DateField(label=_("使用日期"), widget=DATE_INPUT)
    service = forms.CharField(label=_("服务内容"), max_length=200)

    def __init__(self, *args, voucher=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = voucher.campaign.firms.all() if voucher else LawFirm.objects.none()
        self.initial.setdefault("on", timezone.localdate())


class VoidForm(forms.Form):
    confirm = forms.BooleanField(label=_("确认作废该服务券（作废后不能使用）"))

    def __init__(self, *args, voucher=None, **kwargs):
        super().__init__(*args, **kwargs)


class SiteRecordForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SiteRecord
        fields = ["point", "on", "staff", "staff_kind", "lawyer", "consultations", "documents", "opinions",
                  "other_services", "note"]
        widgets = {"on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = ServicePoint.objects.visible_to(user).select_related("area")
        self.fields["point"].empty_label = _("请选择服务站点")
        self.fields["lawyer"].queryset = Lawyer.objects.visible_to(user).practising().select_related("firm")
        self.initial.setdefault("on", timezone.localdate())


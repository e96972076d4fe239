"""Forms of the mediation pages. They parse and check input; every write goes through mediation.services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import DATE_INPUT

from .models import (
    AgreementForm,
    Case,
    ConfirmationResult,
    Mediator,
    Organisation,
    Outcome,
    Party,
    Performance,
)

# --- Registering a case -----------------------------------------------------------------------------------


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["organisation", "mediator", "co_mediators", "accepted_on", "source", "referred_by", "dispute_type",
                  "amount_involved", "summary"]
        widgets = {"accepted_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3}),
                   "co_mediators": forms.SelectMultiple(attrs={"size": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        organisations = Organisation.objects.visible_to(user).active_on(today)
        mediators = Mediator.objects.visible_to(user).active_on(today).select_related("organisation")
        self.fields["organisation"].queryset = organisations
        self.fields["mediator"].queryset = mediators
        self.fields["co_mediators"].queryset = mediators
        self.fields["co_mediators"].required = False
        self.fields["mediator"].label_from_instance = lambda m: f"{m.name}（{m.organisation.name}）"
        self.fields["co_mediators"].label_from_instance = self.fields["mediator"].label_from_instance
        self.initial.setdefault("accepted_on", today)
        mine = Mediator.objects.filter(user=user).active_on(today).first() if user.is_authenticated else None
        if mine:  # a mediator registers for their own committee, presiding themselves
            self.initial.setdefault("organisation", mine.organisation_id)
            self.initial.setdefault("mediator", mine.pk)
        elif organisations.count() == 1:
            self.initial.setdefault("organisation", organisations.first().pk)


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["kind", "name", "id_number", "phone", "address"]


PartyFormSet = forms.formset_factory(PartyForm, extra=2)


def parties_from(formset):
    """The parties entered in the rows filled in (a row left blank, with its default kind, is ignored)."""
    return [form.save(commit=False) for form in formset if form.has_changed() and form.cleaned_data.get("name")]


# --- Case actions -----------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """The date of the step (defaults to today; the service refuses a future date)."""

    on = forms.DateField(label=_("办理日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


class ExtendForm(ActionForm):
    on = forms.DateField(label=_("当事人同意日期"), widget=DATE_INPUT, initial=timezone.localdate)
    extended_to = forms.DateField(label=_("延长至"), widget=DATE_INPUT)
    note = forms.CharField(label=_("说明"), max_length=200,
                           help_text=_("延长调解期限的原因及当事人同意的情况。"))


class ConcludeForm(ActionForm):
    on = forms.DateField(label=_("调解结束日期"), widget=DATE_INPUT, initial=timezone.localdate)
    outcome = forms.ChoiceField(label=_("调解结果"), choices=Outcome.choices, widget=forms.RadioSelect)
    agreement_form = forms.ChoiceField(label=_("协议形式"), choices=[("", "—"), *AgreementForm.choices],
                                       required=False)
    agreement_signed_on = forms.DateField(label=_("协议签订日期"), widget=DATE_INPUT, required=False,
                                          help_text=_("书面协议填写；自签订之日起30日内可申请司法确认。"))
    agreement_content = forms.CharField(label=_("协议内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    failure_reason = forms.CharField(label=_("调解不成功的原因"), max_length=200, required=False)


class PerformanceForm(ActionForm):
    on = forms.DateField(label=_("履行日期"), widget=DATE_INPUT, initial=timezone.localdate)
    performance = forms.ChoiceField(label=_("履行情况"), widget=forms.RadioSelect, choices=[
        (p.value, p.label) for p in (Performance.PERFORMED, Performance.PARTLY, Performance.NOT_PERFORMED)])


class ConfirmationApplyForm(ActionForm):
    on = forms.DateField(label=_("申请司法确认日期"), widget=DATE_INPUT, initial=timezone.localdate)
    court = forms.CharField(label=_("受理法院"), max_length=100)
    online = forms.BooleanField(label=_("在线申请司法确认"), required=False)


class ConfirmationRulingForm(ActionForm):
    on = forms.DateField(label=_("裁定日期"), widget=DATE_INPUT, initial=timezone.localdate)
    result = forms.ChoiceField(label=_("确认结果"), choices=ConfirmationResult.choices, widget=forms.RadioSelect)


class EscalationFlagForm(ActionForm):
    on = forms.DateField(label=_("发现激化风险日期"), widget=DATE_INPUT, initial=timezone.localdate)
    measures = forms.CharField(label=_("防止激化措施"), widget=forms.Textarea(attrs={"rows": 3}))


class EscalationOutcomeForm(ActionForm):
    on = None
    prevented = forms.TypedChoiceField(label=_("防止激化结果"), widget=forms.RadioSelect,
                                       coerce=lambda value: value == "1",
                                       choices=[("1", _("成功防止激化")), ("0", _("未能防止激化"))])


# --- Organisations and mediators --------------------------------------------------------------------------


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "form", "sector", "area", "place", "founded_on", "filed_on", "filing_number",
                  "devices", "devices_installed_on"]
        widgets = {"founded_on": DATE_INPUT, "filed_on": DATE_INPUT, "devices_installed_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from bureau.models import Area

        self.fields["area"].queryset = Area.objects.visible_to(user).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.STREET, Area.Level.COMMUNITY]).order_by("path")
        if user.own_street:
            self.initial.setdefault("area", user.own_street.pk)


class OrganisationFileForm(forms.Form):
    on = forms.DateField(label=_("备案日期"), widget=DATE_INPUT, initial=timezone.localdate)
    filing_number = forms.CharField(label=_("备案编号"), max_length=50)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)


class OrganisationDevicesForm(forms.Form):
    count = forms.IntegerField(label=_("在线司法确认终端（台）"), min_value=0)
    on = forms.DateField(label=_("终端安装日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.initial.setdefault("count", organisation.devices)


class MediatorForm(forms.ModelForm):
    class Meta:
        model = Mediator
        fields = ["organisation", "name", "kind", "phone", "from_on", "lawyer", "user"]
        widgets = {"from_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from bureau.models import User
        from lawyers.models import Lawyer

        from .apps import MEDIATOR

        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).filter(closed_on__isnull=True)
        self.fields["lawyer"].queryset = Lawyer.objects.visible_to(user)
        self.fields["user"].queryset = User.objects.filter(role=MEDIATOR, area__path__startswith=user.area.path)
        self.initial.setdefault("from_on", timezone.localdate())

"""Forms of the mediation pages. They parse and check input; every write goes through mediation.services."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import DATE_INPUT, offer_areas
from bureau.models import Area

from .models import (
    AgreementForm,
    Case,
    ConfirmationResult,
    Form,
    FoundDispute,
    Kind,
    Mediator,
    Organisation,
    Outcome,
    Party,
    Performance,
    ScreeningRound,
    Source,
    Training,
    organisations_of,
)
from .permissions import is_mediator

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

    def start_from(self, dispute, organisations):
        """The case of a dispute found by screening: its type and description, taken up on the mediators' own
        initiative, in the organisation that obviously takes it (`obvious_organisation`) unless chosen already."""
        self.initial.update({"dispute_type": dispute.dispute_type, "summary": dispute.description,
                             "source": Source.INITIATIVE})
        organisation = obvious_organisation(dispute, organisations)
        if organisation is not None and not self.initial.get("mediator"):
            self.initial["organisation"] = organisation.pk


# The committees that take the disputes of their own community or street (not an enterprise's or a trade's).
LOCAL_KINDS = {Kind.VILLAGE, Kind.COMMUNITY, Kind.STREET}


def obvious_organisation(dispute, organisations):
    """The organisation a found dispute goes to when there is no choice to make: the one that screened it, else
    the only committee of the dispute's community, else the only committee of its street. None otherwise."""
    organisation = dispute.round.organisation
    if organisation is not None:
        return organisation if organisations.filter(pk=organisation.pk).exists() else None
    committees = organisations.filter(form=Form.COMMITTEE, kind__in=LOCAL_KINDS)
    areas = [dispute.area] + ([dispute.area.parent] if dispute.area.level == Area.Level.COMMUNITY else [])
    for area in areas:
        found = list(committees.filter(area=area)[:2])
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


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


class OrganisationCloseForm(forms.Form):
    on = forms.DateField(label=_("撤销日期"), widget=DATE_INPUT, initial=timezone.localdate,
                         help_text=_("尚有未结束调解案件的组织不能撤销。"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)


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


class MediatorLeaveForm(forms.Form):
    on = forms.DateField(label=_("离任日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, mediator=None, **kwargs):
        super().__init__(*args, **kwargs)


class TrainingForm(forms.ModelForm):
    """A training held by the district (人民调解科) or a street office."""

    class Meta:
        model = Training
        fields = ["title", "area", "held_on", "online", "attendees", "stream_viewers", "note"]
        widgets = {"held_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, areas=Area.objects.visible_to(user).filter(
            level__in=[Area.Level.DISTRICT, Area.Level.STREET]).order_by("path"), empty_label=_("请选择举办单位"))
        self.initial.setdefault("held_on", timezone.localdate())


# --- Screening --------------------------------------------------------------------------------------------


def screening_areas(user):
    """The streets and communities a user may screen: an office's own area; a mediator's, those of the
    organisations they serve in now."""
    areas = Area.objects.filter(level__in=[Area.Level.STREET, Area.Level.COMMUNITY]).order_by("path")
    if not is_mediator(user):
        return areas.filter(pk__in=Area.objects.visible_to(user))
    paths = Organisation.objects.filter(pk__in=organisations_of(user)).values_list("area__path", flat=True)
    within = Q()
    for path in paths:
        within |= Q(path__startswith=path)
    return areas.filter(within) if within else areas.none()


class ScreeningRoundForm(forms.ModelForm):
    class Meta:
        model = ScreeningRound
        fields = ["area", "organisation", "started_on", "ended_on", "title"]
        widgets = {"started_on": DATE_INPUT, "ended_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        organisations = Organisation.objects.visible_to(user).active_on(today)
        self.fields["organisation"].queryset = organisations
        if is_mediator(user):  # a mediator records the screening of their own organisation, in its area
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
            self.fields["organisation"].help_text = ""
            mine = organisations.first()
            if mine is not None:
                self.initial.setdefault("organisation", mine.pk)
                self.initial.setdefault("area", mine.area_id)
        offer_areas(self, user, areas=screening_areas(user), empty_label=_("请选择排查区域"))
        self.initial.setdefault("started_on", today)
        self.initial.setdefault("ended_on", today)


class FoundDisputeForm(forms.ModelForm):
    """A dispute found by a round (`instance.round` set): in the round's area or one of its communities."""

    class Meta:
        model = FoundDispute
        fields = ["found_on", "area", "dispute_type", "risk_level", "parties", "description"]
        widgets = {"found_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.instance.round.area
        self.fields["area"].queryset = Area.objects.within(area).order_by("path")
        self.fields["area"].required = False
        self.fields["area"].empty_label = None
        self.initial.setdefault("area", area.pk)
        self.initial.setdefault("found_on", min(timezone.localdate(), self.instance.round.ended_on))

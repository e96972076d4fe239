"""Forms of the lawyer supervision pages. They parse input; every write goes through lawyers.supervision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT, offer_areas
from bureau.models import Area

from .models import (
    Complaint,
    Finding,
    Handling,
    InspectionCampaign,
    InspectionKind,
    InspectionResult,
    Inspector,
    LawFirm,
    Lawyer,
    RandomInspectionPlan,
    RandomInspectionResult,
    RandomOutcome,
    ReplyWay,
    SupervisionVisit,
    Violation,
    ViolationKind,
    VisitItem,
)
from .models.supervision import KIND_OF_LAWYER

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def districts_of(user):
    return Area.objects.visible_to(user).filter(level=Area.Level.DISTRICT).order_by("code")


class DistrictForm(VersionedFormMixin, forms.ModelForm):
    """A record of a district: the user's own district comes preset (the only choice of a district's section)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        districts = districts_of(user)
        offer_areas(self, user, field="district", areas=districts, empty_label=_("请选择区"))
        if "district" not in self.initial and len(districts) == 1:
            self.initial["district"] = districts[0].pk


def firms_of(user):
    return LawFirm.objects.visible_to(user).order_by("name")


def lawyers_of(user):
    return Lawyer.objects.visible_to(user).select_related("firm").order_by("name")


def lawyer_label(lawyer):
    return f"{lawyer.name}（{lawyer.certificate_number}）"


# --- Annual inspection --------------------------------------------------------------------------------------


class CampaignForm(DistrictForm):
    class Meta:
        model = InspectionCampaign
        fields = ["district", "year", "kind", "started_on"]
        widgets = {"started_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("year", today.year - 1 if today.month < 7 else today.year)
        self.initial.setdefault("started_on", today)


class InspectionResultForm(VersionedFormMixin, forms.ModelForm):
    """A subject's result: a firm of a firms' campaign, a public or corporate lawyer of the others; the grades
    the campaign's kind admits."""

    class Meta:
        model = InspectionResult
        fields = ["firm", "lawyer", "materials_received_on", "findings", "grade", "graded_on"]
        widgets = {"materials_received_on": DATE_INPUT, "graded_on": DATE_INPUT, "findings": TEXTAREA}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign
        registry_firms = LawFirm.objects.in_area(campaign.district).order_by("name")
        if campaign.kind == InspectionKind.FIRM:
            del self.fields["lawyer"]
            self.fields["firm"].queryset = registry_firms
            self.fields["firm"].required = True
        else:
            del self.fields["firm"]
            lawyer = self.fields["lawyer"]
            lawyer.queryset = Lawyer.objects.in_area(campaign.district).filter(
                kind=KIND_OF_LAWYER[campaign.kind]).order_by("name")
            lawyer.label_from_instance = lawyer_label
            lawyer.label = campaign.get_kind_display()
            lawyer.required = True
        if self.instance.pk:  # the subject of a recorded result stays
            subject = "firm" if "firm" in self.fields else "lawyer"
            self.fields[subject].disabled = True
        self.fields["grade"].choices = [("", "—"), *((g.value, g.label) for g in campaign.grades)]


class MeetingForm(forms.Form):
    on = forms.DateField(label=_("反馈会日期"), widget=DATE_INPUT, initial=timezone.localdate)
    notes = forms.CharField(label=_("反馈会情况"), widget=TEXTAREA,
                            help_text=_("通报的问题和部署的整改要求。"))

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)


class ProblemForm(forms.Form):
    """A problem the meeting assigned for rectification (it becomes a violation found by the annual inspection)."""

    result = forms.ModelChoiceField(label=_("考核对象"), queryset=InspectionResult.objects.none())
    kind = forms.ChoiceField(label=_("违规类型"), choices=ViolationKind.choices)
    description = forms.CharField(label=_("问题"), widget=TEXTAREA)
    deadline = forms.DateField(label=_("整改期限"), widget=DATE_INPUT, required=False,
                               help_text=_("填写则视为反馈会当日下发整改通知。"))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = campaign.results.select_related("firm", "lawyer").order_by("id")
        self.fields["result"].label_from_instance = lambda result: str(result.subject)


# --- Inspectors and 双随机一公开 ------------------------------------------------------------------------------


class InspectorForm(DistrictForm):
    class Meta:
        model = Inspector
        fields = ["district", "name", "unit", "certificate_number", "is_active"]

    def _get_validation_exclusions(self):
        """The pool's one-certificate-per-district rule is left to the service (inspector_save), which names the
        number and the field; the form's default would be a sentence about the constraint's fields."""
        return super()._get_validation_exclusions() | {"certificate_number"}


class PlanForm(DistrictForm):
    class Meta:
        model = RandomInspectionPlan
        fields = ["district", "title", "year", "firms_to_draw", "inspectors_to_draw"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.initial.setdefault("year", year)
        self.initial.setdefault("title", _("%(year)d年律师事务所“双随机、一公开”抽查") % {"year": year})


class DrawForm(forms.Form):
    """The first draw: nothing to fill in, the system draws (the hidden box makes the form's POST non-empty)."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="1")

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)


class RedrawForm(DrawForm):
    reason = forms.CharField(label=_("重新抽取理由"), max_length=200,
                             help_text=_("重新抽取是一次新的抽取，原抽取结果保留在记录中。"))


class RandomResultForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = RandomInspectionResult
        fields = ["firm", "inspected_on", "outcome", "findings"]
        widgets = {"inspected_on": DATE_INPUT, "findings": TEXTAREA, "outcome": forms.RadioSelect}

    def __init__(self, *args, plan, drawn, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["firm"].queryset = LawFirm.objects.filter(pk__in=drawn).order_by("name")
        self.fields["outcome"].choices = RandomOutcome.choices
        self.initial.setdefault("inspected_on", timezone.localdate())


class PublishForm(forms.Form):
    on = forms.DateField(label=_("公开日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)


# --- Visits -------------------------------------------------------------------------------------------------


class VisitForm(DistrictForm):
    items = forms.MultipleChoiceField(label=_("检查事项"), choices=VisitItem.choices,
                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = SupervisionVisit
        fields = ["district", "firm", "visited_on", "items", "visitors", "findings"]
        widgets = {"visited_on": DATE_INPUT, "findings": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms_of(self.user)
        self.initial.setdefault("visited_on", timezone.localdate())


# --- Complaints -----------------------------------------------------------------------------------------------


class ComplaintForm(DistrictForm):
    class Meta:
        model = Complaint
        fields = ["district", "source", "transferred_from", "received_on", "complainant_name", "complainant_phone",
                  "lawyer", "firm", "summary"]
        widgets = {"received_on": DATE_INPUT, "summary": TEXTAREA}
        help_texts = {"firm": _("只填律师的，取其执业机构。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lawyer"].queryset = lawyers_of(self.user)
        self.fields["lawyer"].label_from_instance = lawyer_label
        self.fields["firm"].queryset = firms_of(self.user)
        # Any district may transfer a complaint, not only those the user sees.
        self.fields["transferred_from"].queryset = Area.objects.filter(level=Area.Level.DISTRICT).order_by("code")
        self.initial.setdefault("received_on", timezone.localdate())


class ComplaintActionForm(forms.Form):
    on = forms.DateField(label=_("受理日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)


class RejectForm(ComplaintActionForm):
    on = forms.DateField(label=_("不予受理决定日期"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(label=_("不予受理理由"), max_length=200)


class InvestigateForm(forms.Form):
    notes = forms.CharField(label=_("调查情况"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None:
            self.initial.setdefault("notes", complaint.investigation_notes)


class ConcludeForm(InvestigateForm):
    finding = forms.ChoiceField(label=_("调查结论"), choices=Finding.choices, widget=forms.RadioSelect)
    handling = forms.ChoiceField(label=_("处理结果"), choices=Handling.choices,
                                 help_text=_("投诉不成立的，处理结果为“不予处理”。"))
    replied_on = forms.DateField(label=_("答复日期"), widget=DATE_INPUT, initial=timezone.localdate)
    reply_way = forms.ChoiceField(label=_("答复方式"), choices=ReplyWay.choices)
    concluded_on = forms.DateField(label=_("办结日期"), widget=DATE_INPUT, initial=timezone.localdate)

    field_order = ["finding", "handling", "notes", "replied_on", "reply_way", "concluded_on"]


# --- Violations -----------------------------------------------------------------------------------------------


class ViolationForm(DistrictForm):
    """A violation found by a random inspection, a visit, a complaint or a special campaign (the annual
    inspection's come from its meeting's problems); the page it is opened from fills in its source."""

    class Meta:
        model = Violation
        fields = ["district", "kind", "found_by", "campaign_name", "random_result", "visit", "complaint", "lawyer",
                  "firm", "description", "found_on"]
        widgets = {"found_on": DATE_INPUT, "description": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        self.fields["lawyer"].queryset = lawyers_of(user)
        self.fields["lawyer"].label_from_instance = lawyer_label
        self.fields["firm"].queryset = firms_of(user)
        self.fields["visit"].queryset = SupervisionVisit.objects.visible_to(user).select_related("firm")
        self.fields["complaint"].queryset = Complaint.objects.visible_to(user).select_related("lawyer", "firm")
        self.fields["random_result"].queryset = RandomInspectionResult.objects.visible_to(user).select_related(
            "plan", "firm")
        self.initial.setdefault("found_on", timezone.localdate())


class ViolationActionForm(forms.Form):
    on = forms.DateField(label=_("整改通知日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, violation=None, **kwargs):
        super().__init__(*args, **kwargs)


class NotifyForm(ViolationActionForm):
    deadline = forms.DateField(label=_("整改期限"), widget=DATE_INPUT)


class EvidenceForm(ViolationActionForm):
    on = forms.DateField(label=_("整改材料提交日期"), widget=DATE_INPUT, initial=timezone.localdate)
    note = forms.CharField(label=_("整改情况"), widget=TEXTAREA)


class RecheckForm(ViolationActionForm):
    on = forms.DateField(label=_("复查日期"), widget=DATE_INPUT, initial=timezone.localdate)
    passed = forms.TypedChoiceField(label=_("复查结果"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
                                    choices=[("yes", _("通过，销号")), ("no", _("未通过，继续整改"))])
    note = forms.CharField(label=_("复查意见"), widget=TEXTAREA, required=False)
    new_deadline = forms.DateField(label=_("新的整改期限"), widget=DATE_INPUT, required=False,
                                   help_text=_("复查未通过的填写。"))


class ExtendForm(ViolationActionForm):
    on = forms.DateField(label=_("延期日期"), widget=DATE_INPUT, initial=timezone.localdate)
    deadline = forms.DateField(label=_("新的整改期限"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("延期理由"), max_length=200)

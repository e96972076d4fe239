"""Forms of the legal-aid pages. They parse and check input; every write goes through legalaid.services."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.access import add_service_error
from bureau.forms import DATE_INPUT, offer_areas
from bureau.identifiers import ResidentID
from bureau.models import Area
from lawyers.models import Lawyer

from . import services
from .models import (
    MATTER_CATEGORIES,
    Case,
    Complaint,
    Consultation,
    ExemptionGround,
    FileEvaluation,
    FollowUp,
    Outcome,
    Recipient,
    RecipientGroup,
    TerminationGround,
)

# --- Applications -----------------------------------------------------------------------------------------


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["area", "source", "received_on", "notifying_authority", "matter_kind", "category",
                  "max_penalty_life_or_death", "applicant_name", "applicant_id_number", "applicant_phone",
                  "applicant_address", "applicant_hukou", "exemption_ground", "financial_status",
                  "monthly_income_per_person", "financial_note", "summary", "material"]
        widgets = {"received_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "notifying_authority": _("通知辩护、通知代理案件必填，例如“罗湖区人民法院”。"),
            "exemption_ground": _("属于以下情形的，免予核查经济困难状况。"),
            "applicant_id_number": _("18位，最后一位为校验码（可为X）。通知辩护、通知代理案件未提供的可暂缺。"),
            "applicant_hukou": _("例如“广东省深圳市罗湖区”或“湖南省衡阳市衡南县”。"),
            "financial_status": _("未选择免予核查情形的申请必填（法律援助法第四十一条）。"),
            "financial_note": _("选择“其他经济困难情形”时必填。"),
            "material": _("申请表及证明材料的扫描件（PDF或图片）。"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user)
        self.initial.setdefault("received_on", timezone.localdate())
        self.fields["exemption_ground"].choices = [("", _("（不适用，需核查经济困难状况）")), *ExemptionGround.choices]
        self.fields["source"].widget.attrs["data-notice-sources"] = "notice_defence notice_agency"
        self.fields["financial_status"].choices = [("", _("请选择")), *self.fields["financial_status"].choices[1:]]
        # The 援助事项 each 案件类别 admits (models.MATTER_CATEGORIES): the page's script narrows the select to them;
        # the model refuses any other with its own words.
        self.fields["category"].widget.attrs["data-matter-categories"] = json.dumps(
            {kind: [str(c) for c in categories] for kind, categories in MATTER_CATEGORIES.items()})

    def applicant_as_recipient(self):
        """The applicant as the one recipient, when no recipient was entered (申请人即受援人)."""
        data = self.cleaned_data
        return with_id_details(Recipient(name=data["applicant_name"], id_number=data.get("applicant_id_number") or None,
                                         phone=data.get("applicant_phone", "")))


def with_id_details(recipient):
    """Birth date and sex follow from a resident ID number (GB 11643), so a clerk need not type them."""
    if recipient.id_number:
        number = ResidentID(recipient.id_number)
        recipient.birth_date = recipient.birth_date or number.birth_date
        recipient.is_female = number.is_female
    return recipient


class RecipientForm(forms.ModelForm):
    groups = forms.MultipleChoiceField(label=_("人群类别"), choices=RecipientGroup.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    class Meta:
        model = Recipient
        fields = ["name", "id_number", "is_female", "birth_date", "phone", "groups"]
        widgets = {"birth_date": DATE_INPUT}
        help_texts = {"id_number": _("填写身份证号码的，出生日期和性别按号码登记。")}

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("id_number")
        if number and cleaned.get("is_female") and not ResidentID(number).is_female:
            self.add_error("is_female", _("身份证号码显示为男性，请核对。"))
        return cleaned


RecipientFormSet = forms.formset_factory(RecipientForm, extra=1)


def recipients_from(formset):
    """The recipients entered in the rows that were filled in (blank rows are ignored)."""
    return [with_id_details(form.save(commit=False)) for form in formset if form.has_changed()]


# --- Case actions -----------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """The date of the step (defaults to today; the service refuses a future date)."""

    on = forms.DateField(label=_("办理日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


def reasons_field(required, label=_("理由")):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class RequestMaterialForm(ActionForm):
    note = forms.CharField(label=_("需补充的材料"), max_length=200,
                           help_text=_("补充材料只能通知一次，审查期限自材料齐全之日起重新计算。"))


class GrantForm(ActionForm):
    reasons = reasons_field(False, _("决定理由"))


class RefuseForm(ActionForm):
    reasons = reasons_field(True, _("不予法律援助的理由"))


class ObjectForm(ActionForm):
    reason = reasons_field(True, _("异议理由"))


class ObjectionUpholdForm(ActionForm):
    reasons = reasons_field(False, _("审查意见"))


class ObjectionRejectForm(ActionForm):
    reasons = reasons_field(True, _("审查意见"))


class AssignForm(ActionForm):
    lawyer = forms.ModelChoiceField(label=_("承办律师"), queryset=Lawyer.objects.none(), widget=forms.RadioSelect,
                                    empty_label=None)
    override_reason = forms.CharField(
        label=_("未采纳建议的理由"), max_length=200, required=False,
        help_text=_("指派的律师不是系统建议的律师时必须填写，并记入案件进程。"),
    )

    def __init__(self, *args, case, ranking, **kwargs):
        """`ranking`: assignment.ranked(case, today), best first; the best is preselected."""
        super().__init__(*args, case=case, **kwargs)
        self.ranking = ranking  # the lawyers offered; which one may be assigned is the service's rule
        self.fields["lawyer"].queryset = Lawyer.objects.all()
        if ranking:
            self.initial.setdefault("lawyer", ranking[0].lawyer.pk)

    def options(self):
        """(suggestion, checked) for each eligible lawyer, best first."""
        chosen = str(self["lawyer"].value() or "")
        return [(s, str(s.lawyer.pk) == chosen) for s in self.ranking]


class CloseForm(ActionForm):
    outcome = forms.ChoiceField(label=_("结案结果"), choices=[("", _("请选择")), *Outcome.choices])
    recovered_amount = forms.DecimalField(label=_("挽回经济损失（元）"), min_value=0, max_digits=14, decimal_places=2,
                                          initial=0)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["outcome"].choices = [("", _("请选择")), *case.outcome_choices]  # the service's rule


class TerminateForm(ActionForm):
    ground = forms.ChoiceField(label=_("终止情形"), choices=[("", _("请选择")), *TerminationGround.choices],
                               help_text=_("法律援助法第四十八条。"))
    note = reasons_field(False, _("说明"))


# --- Quality ----------------------------------------------------------------------------------------------


class FileEvaluationForm(forms.ModelForm):
    class Meta:
        model = FileEvaluation
        fields = ["evaluated_on", "first_reviewer", "first_score", "second_reviewer", "second_score", "findings"]
        widgets = {"evaluated_on": DATE_INPUT, "findings": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"first_score": _("满分100分。"), "second_score": _("满分100分。")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, instance=FileEvaluation(case=case), **kwargs)
        self.initial.setdefault("evaluated_on", timezone.localdate())


class HearingEvaluationForm(ActionForm):
    court = forms.CharField(label=_("法院"), max_length=100)
    count = forms.IntegerField(label=_("抽取专家人数"), min_value=1, max_value=9, initial=3,
                               help_text=_("从本区专家库中随机抽取；抽取结果和随机种子一并记录，可供复核。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("评估日期")


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["called_on", "satisfaction", "note"]
        widgets = {"called_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, instance=FollowUp(case=case), **kwargs)
        self.initial.setdefault("called_on", timezone.localdate())


# --- Consultations ----------------------------------------------------------------------------------------


class ConsultationForm(forms.Form):
    channel = forms.ChoiceField(label=_("渠道"), choices=Consultation.Channel.choices,
                                widget=forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}),
                                initial=Consultation.Channel.WINDOW)
    topic = forms.ChoiceField(label=_("咨询事项"),
                              choices=[("", _("请选择")), *Consultation._meta.get_field("topic").choices],
                              widget=forms.Select(attrs={"autofocus": True}))
    person_times = forms.IntegerField(label=_("人次"), min_value=1, max_value=500, initial=1)
    name = forms.CharField(label=_("咨询人"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    note = forms.CharField(label=_("摘要"), max_length=200, required=False)
    answer = forms.CharField(label=_("解答内容"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("请填写解答内容。")},
                             help_text=_("给出的法律意见、告知的途径或引导办理的事项。"))
    on = forms.DateField(label=_("日期"), widget=DATE_INPUT, initial=timezone.localdate)
    area = forms.ModelChoiceField(label=_("街道"), queryset=Area.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user)


# --- Complaints -------------------------------------------------------------------------------------------


class ComplaintForm(forms.ModelForm):
    """The case is looked up by its number among all cases and the lawyer taken as given: which of them the clerk
    may name is the service's rule (services.complaint_receive), the same for the page and the API."""

    case_number = forms.CharField(label=_("相关案件编号"), max_length=40, required=False,
                                  help_text=_("例如 罗法援〔2026〕0001号；填写后可不选律师，默认为该案承办律师。"))

    class Meta:
        model = Complaint
        fields = ["area", "complainant", "received_on", "case_number", "lawyer", "content"]
        widgets = {"received_on": DATE_INPUT, "content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user)
        self.initial.setdefault("received_on", timezone.localdate())
        field = self.fields["lawyer"]
        field.queryset = Lawyer.objects.all()  # offered: the district's; refused by the service: any other
        field.choices = [("", _("请选择")),
                         *((lawyer.pk, str(lawyer)) for lawyer in services.complaint_lawyers(user).order_by("name"))]
        field.required = False

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        if not number:
            return None
        case = Case.objects.select_related("lawyer").filter(number=number).first()
        if case is None:
            raise forms.ValidationError(services.case_not_found(number))
        return case

    def clean(self):
        cleaned = super().clean()
        case = cleaned.get("case_number")
        if case and not cleaned.get("lawyer"):
            cleaned["lawyer"] = case.lawyer
        if not cleaned.get("lawyer") and "lawyer" not in self.errors:
            self.add_error("lawyer", _("请选择被投诉律师。"))
        return cleaned

    def _post_clean(self):
        self.instance.case = self.cleaned_data.get("case_number")  # not a model field of the form
        super()._post_clean()

    def add_service_error(self, error):
        """The service's refusal, next to the box it concerns (the service names the case `case`)."""
        if hasattr(error, "error_dict") and "case" in error.error_dict:
            error = ValidationError({"case_number" if field == "case" else field: errors
                                     for field, errors in error.error_dict.items()})
        add_service_error(self, error)


class ComplaintConcludeForm(forms.Form):
    finding = forms.ChoiceField(label=_("调查结论"), choices=[("", _("请选择")), *Complaint.Finding.choices])
    handling = forms.CharField(label=_("处理情况"), widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("办结日期"), widget=DATE_INPUT, initial=timezone.localdate)

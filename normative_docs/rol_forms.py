"""Forms of major decisions, enforcement supervision, counsel, 述法 and the assessment. They only parse: every
rule is in normative_docs.rol_services, whose refusals the views show next to the field they name."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import DATE_INPUT
from bureau.models import Area

from .models import (
    AssessmentCategory,
    AssessmentEvidence,
    AssessmentItem,
    AssessmentRound,
    CounselEngagement,
    EnforcementOfficer,
    EnforcementTraining,
    Evaluation,
    FileReview,
    LegalAffair,
    MajorDecision,
    ReviewedFile,
    ShufaReport,
    Step,
    Unit,
)
from .rol_services import SOURCES


def _districts(form, user, field="area"):
    form.fields[field].queryset = Area.objects.visible_to(user).filter(level=Area.Level.DISTRICT).order_by("path")
    form.fields[field].empty_label = None


def _units(form, user, field="unit", area=None):
    units = Unit.objects.visible_to(user).active().select_related("area")
    form.fields[field].queryset = units.filter(area=area) if area is not None else units


def _today(form, *fields):
    for field in fields:
        form.initial.setdefault(field, timezone.localdate())


class OnForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.pop("subject", None)
        super().__init__(*args, **kwargs)
        _today(self, "on")


# --- Major decisions --------------------------------------------------------------------------------------


class MajorDecisionForm(forms.ModelForm):
    class Meta:
        model = MajorDecision
        fields = ["year", "title", "unit", "hearing", "catalogued_on", "note"]
        widgets = {"catalogued_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user)
        _today(self, "catalogued_on")
        self.initial.setdefault("year", timezone.localdate().year)


class DecisionStepForm(forms.Form):
    step = forms.ChoiceField(label=_("法定程序"))
    on = forms.DateField(label=_("完成日期"), widget=DATE_INPUT)
    note = forms.CharField(label=_("情况说明"), max_length=300, required=False)

    def __init__(self, *args, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        steps = subject.required_steps if subject else list(Step)
        self.fields["step"].choices = [(s.value, s.label) for s in steps]
        _today(self, "on")


class WithdrawForm(OnForm):
    reason = forms.CharField(label=_("调出原因"), max_length=300)


# --- Enforcement supervision ------------------------------------------------------------------------------


class FileReviewForm(forms.ModelForm):
    class Meta:
        model = FileReview
        fields = ["area", "title", "started_on", "ended_on"]
        widgets = {"started_on": DATE_INPUT, "ended_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)
        _today(self, "started_on")


class ReviewedFileForm(forms.ModelForm):
    class Meta:
        model = ReviewedFile
        fields = ["unit", "file_number", "case_title", "score", "reviewed_on", "problems", "rectify_by"]
        widgets = {"reviewed_on": DATE_INPUT, "rectify_by": DATE_INPUT, "problems": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user, area=self.instance.review.area)
        _today(self, "reviewed_on")


class EnforcementTrainingForm(forms.ModelForm):
    class Meta:
        model = EnforcementTraining
        fields = ["area", "title", "held_on", "hours", "attendances", "units"]
        widgets = {"held_on": DATE_INPUT, "units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)
        _units(self, user, "units")
        _today(self, "held_on")


class OfficerForm(forms.ModelForm):
    class Meta:
        model = EnforcementOfficer
        fields = ["unit", "name", "certificate_number", "valid_until"]
        widgets = {"valid_until": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user)

    def validate_unique(self):
        """The service says it in its own words (执法证号…已登记)."""


class RenewForm(forms.Form):
    """换证 (a later last valid day) or 注销 (the day the certificate was revoked)."""

    valid_until = forms.DateField(label=_("新的有效期至"), required=False, widget=DATE_INPUT)
    revoked_on = forms.DateField(label=_("注销日期"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject

    def clean(self):
        data = super().clean()
        if not data.get("valid_until") and not data.get("revoked_on"):
            raise forms.ValidationError(_("请填写新的有效期或注销日期。"))
        return data


# --- Counsel, legal affairs, 述法 ------------------------------------------------------------------------------


class EngagementForm(forms.ModelForm):
    lawyers = forms.ModelMultipleChoiceField(label=_("顾问律师"), queryset=None,
                                             widget=forms.SelectMultiple(attrs={"size": 6}))

    class Meta:
        model = CounselEngagement
        fields = ["unit", "firm", "lawyers", "started_on", "ended_on", "fee"]
        widgets = {"started_on": DATE_INPUT, "ended_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        from lawyers.models import LawFirm, Lawyer

        super().__init__(*args, **kwargs)
        _units(self, user)
        self.fields["firm"].queryset = LawFirm.objects.practising().order_by("name")
        self.fields["lawyers"].queryset = Lawyer.objects.practising().filter(firm__isnull=False).select_related(
            "firm").order_by("firm__name", "name")
        self.fields["lawyers"].label_from_instance = lambda lawyer: f"{lawyer.name}（{lawyer.firm.name}）"
        _today(self, "started_on")


class EvaluateForm(OnForm):
    evaluation = forms.ChoiceField(label=_("期满评价"), choices=Evaluation.choices)


class LegalAffairForm(forms.ModelForm):
    class Meta:
        model = LegalAffair
        fields = ["unit", "kind", "title", "handler", "engagement", "handled_on", "amount"]
        widgets = {"handled_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user)
        self.fields["engagement"].queryset = CounselEngagement.objects.visible_to(user).select_related(
            "unit", "firm")
        _today(self, "handled_on")


class ShufaForm(forms.ModelForm):
    class Meta:
        model = ShufaReport
        fields = ["unit", "year", "leader_name", "leader_title", "form", "reported_on"]
        widgets = {"reported_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user)
        _today(self, "reported_on")
        self.initial.setdefault("year", timezone.localdate().year)


# --- The assessment ---------------------------------------------------------------------------------------


class RoundForm(forms.ModelForm):
    class Meta:
        model = AssessmentRound
        fields = ["area", "year", "title"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)
        self.fields["title"].required = False
        self.initial.setdefault("year", timezone.localdate().year)

    def _get_validation_exclusions(self):
        """One round a district and year: the service says it in its own words (…年度已有法治建设考评)."""
        return super()._get_validation_exclusions() | {"area"}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = AssessmentCategory
        fields = ["name", "weight"]

    def validate_unique(self):
        """The service refuses a second category of the same name."""


def source_choices():
    from figures.stats import all_indicators

    return [("", _("人工评分")), *((code, source.label) for code, source in SOURCES.items()),
            *((f"indicator:{i.code}", _("指标：%(n)s") % {"n": i.name}) for i in all_indicators() if i.is_rate)]


class ItemForm(forms.ModelForm):
    source = forms.ChoiceField(label=_("自动取数"), required=False, choices=source_choices,
                               help_text=_("留空为人工评分；选择数据来源则由系统按年度数据计算得分。"))

    class Meta:
        model = AssessmentItem
        fields = ["category", "name", "max_score", "guidance", "source", "deduction"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = round.categories.all()
        self.fields["category"].empty_label = None


class CopyFrameworkForm(forms.Form):
    """复制考评框架: the round whose categories and items to copy (by default last year's), and its units."""

    source = forms.ModelChoiceField(label=_("复制自"), queryset=None, empty_label=None)
    with_units = forms.BooleanField(label=_("同时复制被考评单位"), required=False)

    def __init__(self, *args, subject, user, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = AssessmentRound.objects.visible_to(user).filter(area=subject.area).exclude(pk=subject.pk)
        self.fields["source"].queryset = rounds.order_by("-year")
        last_year = rounds.filter(year=subject.year - 1).first()
        if last_year is not None:
            self.initial.setdefault("source", last_year.pk)


class RoundUnitsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label=_("被考评单位"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (Unit.objects.visible_to(user).active().filter(area=round.area)
                                         .exclude(pk__in=round.assessed.values("unit")))


class ScoresForm(forms.Form):
    """One unit's scores: a score and a comment per item typed by hand (items scored by a source are shown,
    not typed)."""

    def __init__(self, *args, items, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if not item.source]
        for item in self.items:
            current = scores.get(item.pk)
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.category.name}｜{item.name}（{_('满分')}{item.max_score}）", required=False,
                min_value=0, max_digits=5, decimal_places=1, help_text=item.guidance,
                initial=current.score if current else None)
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("评分意见"), required=False, max_length=500, initial=current.comment if current else "")

    def scores(self):
        return {item: (self.cleaned_data[f"item_{item.pk}"], self.cleaned_data[f"comment_{item.pk}"])
                for item in self.items}


class EvidenceForm(forms.ModelForm):
    upload = forms.FileField(label=_("佐证材料"), required=False,
                             help_text=_("JPG、PNG、PDF、Word（docx）或 Excel（xlsx），不超过 10 MB。"))

    class Meta:
        model = AssessmentEvidence
        fields = ["unit", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user).filter(assessments__round=round)
        self.fields["unit"].empty_label = None

"""Forms of the law exam and 谁执法谁普法: they only parse; the services (exam_services) check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bureau.concurrency import VersionedFormMixin
from bureau.forms import DATE_INPUT
from bureau.models import Area
from lawyers.forms import MultipleFileField
from normative_docs.models import Unit

from .models import DutyReport, Evaluation, EvaluationIndex, Exam, Responsibility


def _districts(form, user, field="area"):
    """The districts of the user's jurisdiction, their own preselected."""
    form.fields[field].queryset = Area.objects.visible_to(user).filter(level=Area.Level.DISTRICT)
    form.fields[field].empty_label = None
    if user.area.level == Area.Level.DISTRICT and field not in form.initial:
        form.initial[field] = user.area_id


def _units(form, user, field="unit", area=None):
    units = Unit.objects.visible_to(user).active().select_related("area")
    form.fields[field].queryset = units.filter(area=area) if area is not None else units


class ExamForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Exam
        fields = ["area", "year", "name", "held_from", "held_to", "pass_score", "excellent_score",
                  "participation_threshold", "note"]
        widgets = {"held_from": DATE_INPUT, "held_to": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)
        if self.instance.pk:
            for name in ("area", "year"):
                self.fields[name].disabled = True


class ExamUnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    eligible = forms.IntegerField(label=_("应参考人数"), min_value=1)

    def __init__(self, *args, user, exam, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user, area=exam.area)


class EvaluationIndexForm(forms.ModelForm):
    class Meta:
        model = EvaluationIndex
        fields = ["area", "year", "order", "name", "max_score", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)


class ResponsibilityForm(forms.ModelForm):
    class Meta:
        model = Responsibility
        fields = ["area", "year", "unit", "content", "audience", "basis"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _districts(self, user)
        _units(self, user)


class DutyReportForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("照片或附件"), required=False,
        help_text=_("可选多个文件：JPG、PNG 照片或 PDF、Word（docx）、Excel（xlsx），每个不超过 10 MB。"))

    class Meta:
        model = DutyReport
        fields = ["reported_on", "text"]
        widgets = {"reported_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 4})}


class EvaluationForm(forms.ModelForm):
    """The evaluation with one score box per index of the district's system for the year (`indexes`)."""

    class Meta:
        model = Evaluation
        fields = ["unit", "evaluated_on", "comment"]
        widgets = {"evaluated_on": DATE_INPUT, "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, area, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        _units(self, user, area=area)
        self.indexes = indexes
        for index in indexes:
            self.fields[f"index_{index.pk}"] = forms.DecimalField(
                label=str(index), min_value=0, max_value=index.max_score, decimal_places=1,
                help_text=index.description)

    def scores(self):
        return {index: self.cleaned_data[f"index_{index.pk}"] for index in self.indexes}

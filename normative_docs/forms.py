"""Forms of the 法治政府 pages. They parse and check input; every write goes through normative_docs.services."""

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import DATE_INPUT
from bureau.models import Area, User

from .apps import UNIT
from .models import (
    Assessment,
    Decision,
    Document,
    Hearing,
    Judgment,
    Litigation,
    Material,
    Reconsideration,
    Status,
    Unit,
    UnitMember,
    required_materials,
)
from .permissions import is_unit_user

# --- Attachments: the draft and its materials, checked by their first bytes, not only by their name ------------

ATTACHMENT_TYPES = {
    ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".doc": (b"\xd0\xcf\x11\xe0",),
    ".wps": (b"\xd0\xcf\x11\xe0",), ".ofd": (b"PK\x03\x04",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENTS_PER_ROUND = 10


def validate_attachment(upload):
    """By the name's extension and the file's first bytes (a renamed program is refused), and by size."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("“%(name)s”的格式不支持，只能上传 PDF、OFD、Word（doc、docx、wps）、Excel（xlsx）或 JPG、PNG 文件。")
            % {"name": upload.name}, code="type")
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("“%(name)s”超过 20 MB，请压缩后再上传。") % {"name": upload.name}, code="size")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(ATTACHMENT_TYPES[suffix]):
        raise ValidationError(_("“%(name)s”的内容与扩展名不符，请上传原始文件。") % {"name": upload.name},
                              code="content")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each checked on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(
            attrs={"accept": ",".join(ATTACHMENT_TYPES)}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(upload, initial) for upload in files]
        if len(cleaned) > ATTACHMENTS_PER_ROUND:
            raise ValidationError(_("每次最多上传%(n)d个附件。") % {"n": ATTACHMENTS_PER_ROUND})
        for upload in cleaned:
            validate_attachment(upload)
        return cleaned


def attachments_field():
    return MultipleFileField(label=_("附件"), help_text=_(
        "送审稿、起草说明等材料的电子文件：PDF、OFD、Word、Excel 或图片，每个不超过 20 MB。"))


def materials_field():
    return forms.MultipleChoiceField(
        label=_("报送材料"), choices=Material.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("行政规范性文件须报送：送审稿、起草说明、制定依据、征求意见及采纳情况、公平竞争审查意见；其他文件须报送送审稿。"))


def district_of(user):
    """The one district a user's records belong to, or None (an administrator chooses)."""
    area = user.area
    if area is None:
        return None
    return area if area.level == Area.Level.DISTRICT else area.district


def offer_districts(form, user, field="area"):
    districts = Area.objects.visible_to(user).filter(level=Area.Level.DISTRICT).order_by("path")
    if not districts.exists():  # a street's or a unit's user: their own district
        own = district_of(user)
        districts = Area.objects.filter(pk=own.pk) if own else Area.objects.none()
    form.fields[field].queryset = districts
    form.fields[field].empty_label = _("请选择区")
    if districts.count() == 1:
        form.initial.setdefault(field, districts.first().pk)


class ServiceChecked:
    """A ModelForm whose uniqueness and constraints the service checks (and names in its own words: the same on
    a page, in the API and in an import); the form checks only the fields themselves."""

    def _post_clean(self):
        self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        try:
            self.instance.full_clean(exclude=self._get_validation_exclusions(), validate_unique=False,
                                     validate_constraints=False)
        except ValidationError as error:
            self._update_errors(error)


# --- Documents ----------------------------------------------------------------------------------------------


class DocumentForm(ServiceChecked, forms.ModelForm):
    materials = materials_field()
    attachments = attachments_field()

    class Meta:
        model = Document
        fields = ["unit", "kind", "topic", "title", "submitted_on", "materials"]
        widgets = {"submitted_on": DATE_INPUT}
        labels = {"submitted_on": _("报送日期")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.visible_to(user).active().select_related("area")
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("请选择单位")
        self.fields["topic"].help_text = _("可选：如疫情防控期间指挥部的对外发文，选择“疫情防控”。")
        self.initial.setdefault("submitted_on", timezone.localdate())
        if is_unit_user(user) or units.count() == 1:
            first = units.first()
            if first is not None:
                self.initial.setdefault("unit", first.pk)

    def clean_materials(self):
        return sorted(self.cleaned_data.get("materials") or [])


class ResubmitForm(forms.Form):
    on = forms.DateField(label=_("重新报送日期"), widget=DATE_INPUT, initial=timezone.localdate)
    materials = materials_field()
    note = forms.CharField(label=_("修改说明"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("按审查意见修改的情况。"))
    attachments = attachments_field()

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("materials", list(document.materials))
        required = ", ".join(str(Material(m).label) for m in required_materials(document.kind))
        self.fields["materials"].help_text = _("须报送：%(m)s。") % {"m": required}


class AttachmentsForm(forms.Form):
    """补充附件: files added to the round awaiting review."""

    attachments = attachments_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].widget.attrs.update({"class": "form-control form-control-sm w-auto",
                                                        "required": True})

    def clean_attachments(self):
        if not self.cleaned_data["attachments"]:
            raise ValidationError(_("请选择要补充的附件。"), code="required")
        return self.cleaned_data["attachments"]


class ActionForm(forms.Form):
    """The date of the step (defaults to today; the service refuses a future date)."""

    on = forms.DateField(label=_("办理日期"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, record=None, **kwargs):
        self.record = record
        super().__init__(*args, **kwargs)


class ReviewForm(ActionForm):
    on = forms.DateField(label=_("审查完成日期"), widget=DATE_INPUT, initial=timezone.localdate)
    result = forms.ChoiceField(label=_("审查结果"), widget=forms.RadioSelect, choices=[
        ("passed", _("审查通过")), ("returned", _("退回修改"))])
    opinions = forms.CharField(label=_("审查意见"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("退回修改的，须写明修改意见。"))


class IssueForm(ActionForm):
    on = None
    number = forms.CharField(label=_("文号"), max_length=40,
                             help_text=_("如“深罗规〔2026〕1号”：发文机关代字、〔年份〕和序号。"))
    issued_on = forms.DateField(label=_("印发日期"), widget=DATE_INPUT, initial=timezone.localdate)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE_INPUT, required=False,
                                  help_text=_("不填为印发之日起5年。"))


class FileForm(ActionForm):
    on = None
    filed_on = forms.DateField(label=_("报送备案日期"), widget=DATE_INPUT, initial=timezone.localdate)
    filing_number = forms.CharField(label=_("备案登记号"), max_length=50, required=False)


class AssessForm(ActionForm):
    on = forms.DateField(label=_("评估日期"), widget=DATE_INPUT, initial=timezone.localdate)
    conclusion = forms.ChoiceField(label=_("评估结论"), choices=Assessment.choices, widget=forms.RadioSelect)
    valid_until = forms.DateField(label=_("新的有效期至"), widget=DATE_INPUT, required=False,
                                  help_text=_("评估继续有效的填写，自评估之日起不超过5年。"))


class CloseForm(ActionForm):
    on = forms.DateField(label=_("修改、废止或失效日期"), widget=DATE_INPUT, initial=timezone.localdate)
    outcome = forms.ChoiceField(label=_("清理结果"), widget=forms.RadioSelect, choices=[
        (Status.AMENDED, _("已修改")), (Status.REPEALED, _("已废止")), (Status.EXPIRED, _("已失效"))])


# --- Reconsideration ---------------------------------------------------------------------------------------


class ReconsiderationForm(ServiceChecked, forms.ModelForm):
    class Meta:
        model = Reconsideration
        fields = ["area", "applicant", "respondent", "respondent_unit", "matter", "channel", "received_on", "known_on",
                  "rights_told", "delay_reason", "summary"]
        widgets = {"received_on": DATE_INPUT, "known_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_districts(self, user)
        self.fields["respondent_unit"].queryset = Unit.objects.visible_to(user).select_related("area")
        self.fields["respondent_unit"].help_text = _("被申请人是本区单位的，请选择。")
        self.initial.setdefault("received_on", timezone.localdate())


class AcceptForm(ActionForm):
    on = forms.DateField(label=_("受理日期"), widget=DATE_INPUT, initial=timezone.localdate)
    simple_procedure = forms.BooleanField(label=_("适用简易程序"), required=False,
                                          help_text=_("简易程序自受理之日起30日内作出决定。"))


class RefuseForm(ActionForm):
    on = forms.DateField(label=_("不予受理日期"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(label=_("不予受理理由"), max_length=200)


class ExtendForm(ActionForm):
    on = forms.DateField(label=_("延期批准日期"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(label=_("延期理由"), max_length=200,
                             help_text=_("情况复杂的，经行政复议机构负责人批准，可延长一次，最多30日。"))


class DecideForm(ActionForm):
    on = forms.DateField(label=_("审结日期"), widget=DATE_INPUT, initial=timezone.localdate)
    decision = forms.ChoiceField(label=_("审结方式"), choices=Decision.choices)


# --- Litigation -------------------------------------------------------------------------------------------


class LitigationForm(ServiceChecked, forms.ModelForm):
    class Meta:
        model = Litigation
        fields = ["area", "court", "case_number", "instance", "plaintiff", "defendant", "defendant_unit", "matter",
                  "received_on"]
        widgets = {"received_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_districts(self, user)
        self.fields["defendant_unit"].queryset = Unit.objects.visible_to(user).select_related("area")
        self.initial.setdefault("received_on", timezone.localdate())


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["held_on", "head_appeared", "head_name", "head_title"]
        widgets = {"held_on": DATE_INPUT}

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("held_on", timezone.localdate())

    def _post_clean(self):
        """The model's own checks are the service's (hearing_record)."""


class ConcludeForm(ActionForm):
    on = forms.DateField(label=_("判决或裁定日期"), widget=DATE_INPUT, initial=timezone.localdate)
    judgment = forms.ChoiceField(label=_("裁判结果"), choices=Judgment.choices)


# --- Units ------------------------------------------------------------------------------------------------


class UnitForm(ServiceChecked, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["area", "name", "kind"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_districts(self, user)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("登录账号"), queryset=User.objects.none(), empty_label=_("请选择账号"),
                                  help_text=_("角色为“起草承办单位”、尚未关联单位的本区账号。"))

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        if record is not None:
            self.fields["user"].queryset = User.objects.filter(role=UNIT, area=record.area_id, is_active=True).exclude(
                pk__in=UnitMember.objects.values("user")).order_by("username")

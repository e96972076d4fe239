"""Forms of the corrections pages. They parse and check input; every write goes through corrections.services."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.forms import DATE_INPUT, identifiers_confirmed, offer_areas
from bureau.models import Area

from .models import (
    MONITORING_MONTHS,
    AssessmentDecision,
    EducationSession,
    Emergency,
    LedgerEntry,
    Level,
    Monitoring,
    ReleasedPerson,
    ResettlementHelp,
    RiskCase,
    RiskMeeting,
    Supervisee,
    SupervisionEvent,
)

CHOOSE = ("", _("请选择"))


def date_field(label, required=True, **kwargs):
    return forms.DateField(label=label, widget=DATE_INPUT, required=required, **kwargs)


def text_area(label, required=True, rows=3, **kwargs):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def offices_for(user):
    """Who may organise a session or a meeting: the user's streets, or the district bureau itself."""
    return Area.objects.visible_to(user).filter(level__in=[Area.Level.DISTRICT, Area.Level.STREET]).order_by("path")


def on_register_for(user):
    return Supervisee.objects.visible_to(user).on_register().select_related("area").order_by("area__code", "name")


class PersonChoiceField(forms.ModelChoiceField):
    """A person in a meeting's rows: the name and the office, as a clerk tells two namesakes apart."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.area.name}）"


class PersonForm(forms.Form):
    """A quick form about one person (`subject`: a Supervisee or a ReleasedPerson) for a signed-in `user`."""

    def __init__(self, *args, subject, user, **kwargs):
        self.subject, self.user = subject, user
        super().__init__(*args, **kwargs)


class PeopleField(forms.ModelMultipleChoiceField):
    with_office = False  # a district user's list spans several offices: say which

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.area.name}）" if self.with_office else obj.name


# --- The person and the register --------------------------------------------------------------------------


class SuperviseeForm(forms.ModelForm):
    """The legal documents have arrived: enter the person. If they have already reported, say when."""

    reported_on = date_field(_("报到日期"), required=False,
                             help_text=_("已到司法所报到的，填写报到日期，登记后即列入在册；未报到的留空。"))
    transferred_from = forms.CharField(
        label=_("外地迁入"), max_length=100, required=False,
        help_text=_("由外地（本系统以外）执行地变更迁入的，填写原执行地，例如“广州市天河区司法局”。"),
    )

    class Meta:
        model = Supervisee
        fields = ["name", "gender", "id_number", "phone", "address", "sentence_kind", "crime", "court", "judgment_on",
                  "term_start", "term_end", "area", "level", "team", "prohibitions", "photo"]
        widgets = {"judgment_on": DATE_INPUT, "term_start": DATE_INPUT, "term_end": DATE_INPUT,
                   "prohibitions": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"id_number": _("18位，最后一位为校验码（可为X）。")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, empty_label=_("请选择司法所"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("transferred_from") and not cleaned.get("reported_on"):
            self.add_error("reported_on", _("外地迁入的，请填写报到（迁入）日期。"))
        return cleaned

    def register_fields(self):
        return {**{name: self.cleaned_data[name] for name in self.Meta.fields},
                "id_number_confirmed": identifiers_confirmed(self)}


class ReceiveForm(PersonForm):
    on = date_field(_("报到日期"), initial=timezone.localdate)
    transferred_from = forms.CharField(label=_("外地迁入"), max_length=100, required=False,
                                       help_text=_("由本系统以外的执行地变更迁入的，填写原执行地；正常报到的留空。"))


class EventForm(PersonForm):
    """A talk, a check, a visit, a report or a file spot check; the kind comes from the button pressed."""

    on = date_field(_("日期"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("方式"), choices=[CHOOSE, *SupervisionEvent.Method.choices], required=False)
    is_random = forms.BooleanField(label=_("随机抽查"), required=False,
                                   help_text=_("系统随机抽取或不预先通知的核查。"))
    summary = text_area(_("情况摘要"), required=False, max_length=500)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != SupervisionEvent.Kind.INFO_CHECK:
            del self.fields["is_random"]
        if kind == SupervisionEvent.Kind.FILE_CHECK:
            del self.fields["method"]
        else:
            self.initial.setdefault("method", SupervisionEvent.Method.ONLINE if kind == SupervisionEvent.Kind.INFO_CHECK
                                    else SupervisionEvent.Method.IN_PERSON)


class TravelForm(PersonForm):
    destination = forms.CharField(label=_("目的地"), max_length=100)
    reason = forms.CharField(label=_("外出事由"), max_length=200)
    leave_on = date_field(_("外出日期"))
    return_on = date_field(_("返回日期"), help_text=_("7日以内由司法所批准，超过7日的须报区司法局批准。"))
    approved_on = date_field(_("批准日期"), initial=timezone.localdate)


class TravelReturnForm(PersonForm):
    travel = forms.ModelChoiceField(label=_("外出审批"), queryset=None, empty_label=None)
    returned_on = date_field(_("销假日期"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.fields["travel"].queryset = supervisee.travels.filter(returned_on__isnull=True).order_by("leave_on")


class LevelForm(PersonForm):
    level = forms.ChoiceField(label=_("新的管理等级"), choices=[CHOOSE, *Level.choices])
    on = date_field(_("调整日期"), initial=timezone.localdate)
    reason = forms.CharField(label=_("调整理由"), max_length=200)


class StreetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.name} · {obj.name}" if obj.parent_id else obj.name


class TransferForm(PersonForm):
    to_area = StreetChoiceField(label=_("迁入本系统内的司法所"), required=False, queryset=None,
                                empty_label=_("（迁往外地的不选）"))
    to_place = forms.CharField(label=_("或：迁往外地执行地"), max_length=100, required=False,
                               help_text=_("迁往本系统以外的，填写新执行地，例如“广州市天河区司法局”。"))
    on = date_field(_("变更日期"), initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.fields["to_area"].queryset = (Area.objects.streets().exclude(pk=supervisee.area_id)
                                           .select_related("parent"))


class ReleaseForm(PersonForm):
    on = date_field(_("解除日期"))
    certificate_on = date_field(_("解除矫正证明书日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.initial.setdefault("on", supervisee.term_end)
        self.initial.setdefault("certificate_on", supervisee.term_end)


class TerminateForm(PersonForm):
    reason = forms.ChoiceField(label=_("终止原因"), choices=[CHOOSE, *LedgerEntry.TerminationReason.choices])
    on = date_field(_("终止日期"), initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), max_length=300, required=False,
                           help_text=_("例如撤销缓刑的裁定书文号、收监执行决定书文号或死亡证明。"))


class MonitoringForm(PersonForm):
    ground = forms.ChoiceField(label=_("法定情形"), choices=[CHOOSE, *Monitoring.Ground.choices],
                               help_text=_("社区矫正法第二十九条：只有下列情形之一的，方可使用电子定位装置。"))
    starts_on = date_field(_("起始日期"), initial=timezone.localdate)
    ends_on = date_field(_("截止日期"), help_text=_("每次不超过三个月。"))
    approved_on = date_field(_("批准日期"), initial=timezone.localdate)
    assessment = text_area(_("评估意见"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("ends_on", today + relativedelta(months=MONITORING_MONTHS, days=-1))


class MonitoringRenewForm(MonitoringForm):
    renewal_of = forms.ModelChoiceField(label=_("续期的电子定位"), queryset=None, empty_label=None)
    field_order = ["renewal_of", "ground", "starts_on", "ends_on", "approved_on", "assessment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        latest = supervisee.monitorings.filter(renewal__isnull=True, ended_on__isnull=True).order_by("-ends_on")
        self.fields["renewal_of"].queryset = latest
        # Not required here: the service refuses a renewal without an assessment, in its own words.
        self.fields["assessment"].help_text = _("续期须重新评估，写明评估结论。")
        current = latest.first()
        if current:
            self.initial.setdefault("renewal_of", current.pk)
            self.initial.setdefault("ground", current.ground)
            next_day = current.ends_on + timedelta(days=1)
            self.initial["starts_on"] = next_day
            self.initial["ends_on"] = next_day + relativedelta(months=MONITORING_MONTHS, days=-1)


class MonitoringEndForm(PersonForm):
    monitoring = forms.ModelChoiceField(label=_("电子定位"), queryset=None, empty_label=None)
    on = date_field(_("解除日期"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.fields["monitoring"].queryset = supervisee.monitorings.filter(ended_on__isnull=True).order_by("-starts_on")


class RiskCaseForm(PersonForm):
    identified_on = date_field(_("发现日期"), initial=timezone.localdate)
    grade = forms.ChoiceField(label=_("风险等级"), choices=RiskCase.Grade.choices, initial=RiskCase.Grade.MEDIUM)
    description = text_area(_("风险隐患"), max_length=500, rows=2)
    control_measures = text_area(_("管控措施"))
    owner = forms.CharField(label=_("责任人"), max_length=50)
    meeting = forms.ModelChoiceField(label=_("研判会议"), queryset=None, required=False,
                                     empty_label=_("（非会议研判发现的不选）"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The meetings of the last half year: a risk found longer ago is not "found at a meeting" any more.
        recent = timezone.localdate() - timedelta(days=183)
        self.fields["meeting"].queryset = RiskMeeting.objects.visible_to(self.user).filter(
            held_on__gte=recent).order_by("-held_on")


class RiskCaseCloseForm(PersonForm):
    risk_case = forms.ModelChoiceField(label=_("风险隐患"), queryset=None, empty_label=None)
    on = date_field(_("化解日期"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.fields["risk_case"].queryset = supervisee.risk_cases.open().order_by("identified_on")


class EmergencyForm(PersonForm):
    kind = forms.ChoiceField(label=_("类别"), choices=[CHOOSE, *Emergency.Kind.choices])
    occurred_on = date_field(_("发生日期"), initial=timezone.localdate)
    description = text_area(_("事件经过"), max_length=500)
    first_step = text_area(_("已采取的处置措施"), required=False, max_length=500, rows=2)


class EmergencyStepForm(PersonForm):
    emergency = forms.ModelChoiceField(label=_("突发事件"), queryset=None, empty_label=None)
    on = date_field(_("处置日期"), initial=timezone.localdate)
    action = text_area(_("处置措施"), max_length=500, rows=2)
    close = forms.BooleanField(label=_("处置完毕"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        supervisee = self.subject
        self.fields["emergency"].queryset = supervisee.emergencies.open().order_by("occurred_on")


# --- Group records ----------------------------------------------------------------------------------------


class OfficeChoiceMixin:
    def set_offices(self, user):
        offer_areas(self, user, areas=offices_for(user), empty_label=_("请选择组织单位"))


class SessionForm(OfficeChoiceMixin, forms.Form):
    """A session and who attended: the people on the register of the organising office, ticked at once."""

    kind = forms.ChoiceField(label=_("类别"), choices=[CHOOSE, *EducationSession.Kind.choices])
    title = forms.CharField(label=_("主题"), max_length=200)
    held_on = date_field(_("日期"), initial=timezone.localdate)
    hours = forms.DecimalField(label=_("时长（小时）"), min_value=0.5, max_value=24, decimal_places=1, initial=2)
    online = forms.BooleanField(label=_("线上"), required=False)
    area = forms.ModelChoiceField(label=_("组织单位"), queryset=None)
    attendees = PeopleField(
        label=_("参加人员"), queryset=None, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("请选择参加人员。")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_offices(user)
        # Choosing another office reloads the list of people below (htmx swaps #attendees).
        self.fields["area"].widget.attrs.update({
            "hx-get": reverse("corrections:session_create"), "hx-trigger": "change", "hx-target": "#attendees",
            "hx-select": "#attendees", "hx-swap": "outerHTML",
        })
        self.fields["attendees"].with_office = user.own_street is None
        people = on_register_for(user)
        area = self.chosen_area()
        if area is not None:
            people = people.filter(area__path__startswith=area.path)
        self.fields["attendees"].queryset = people

    def chosen_area(self):
        value = self.data.get("area") if self.is_bound else self.initial.get("area")
        if not value:
            return None
        try:
            return self.fields["area"].queryset.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            return None


class MeetingForm(OfficeChoiceMixin, forms.Form):
    held_on = date_field(_("会议日期"), initial=timezone.localdate)
    area = forms.ModelChoiceField(label=_("组织单位"), queryset=None)
    participants = forms.CharField(label=_("参会人员"), max_length=300, required=False)
    summary = text_area(_("会议纪要"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_offices(user)


class PersonRowForm(forms.Form):
    """One row of a meeting: a person on the register the user supervises."""

    supervisee = PersonChoiceField(label=_("矫正对象"), queryset=Supervisee.objects.none(), empty_label=_("请选择"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = people


class DecisionForm(PersonRowForm):
    kind = forms.ChoiceField(label=_("决定"), choices=[CHOOSE, *AssessmentDecision.Kind.choices])
    reason = forms.CharField(label=_("事实和理由"), max_length=500)


class DeliberatedCaseForm(PersonRowForm):
    question = forms.CharField(label=_("合议事项"), max_length=300)
    decision = forms.CharField(label=_("合议结论"), max_length=500)


class RowFormSet(forms.BaseFormSet):
    """Blank rows are ignored; at least one filled row is required."""

    def __init__(self, *args, people, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "people": self.people}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
                         use_required_attribute=False, people=self.people, renderer=self.renderer)
        self.add_fields(form, None)
        return form

    def clean(self):
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("请至少填写一行。"))

    def rows(self, *names):
        return [tuple(form.cleaned_data[name] for name in names) for form in self.forms if form.has_changed()]


DecisionFormSet = forms.formset_factory(DecisionForm, formset=RowFormSet, extra=2)
DeliberatedCaseFormSet = forms.formset_factory(DeliberatedCaseForm, formset=RowFormSet, extra=2)


# --- Resettlement -----------------------------------------------------------------------------------------


class ReleasedPersonForm(forms.ModelForm):
    class Meta:
        model = ReleasedPerson
        fields = ["name", "gender", "id_number", "address", "crime", "prison", "released_on", "area", "verification"]
        widgets = {"released_on": DATE_INPUT}
        help_texts = {"id_number": _("无法核实身份的可以不填，并在“核查情况”中注明。")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_areas(self, user, empty_label=_("请选择司法所"))

    def register_fields(self):
        return {**{name: self.cleaned_data[name] for name in self.Meta.fields},
                "id_number_confirmed": identifiers_confirmed(self)}


class HandoverForm(PersonForm):
    handover = forms.ChoiceField(label=_("衔接情况"), choices=[
        CHOOSE, *[(v, label) for v, label in ReleasedPerson.Handover.choices if v != ReleasedPerson.Handover.PENDING]])
    on = date_field(_("衔接日期"), initial=timezone.localdate)


class HelpForm(PersonForm):
    kind = forms.ChoiceField(label=_("帮扶类别"), choices=[CHOOSE, *ResettlementHelp.Kind.choices])
    on = date_field(_("日期"), initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class FollowUpForm(PersonForm):
    on = date_field(_("回访日期"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("方式"), choices=SupervisionEvent.Method.choices,
                               initial=SupervisionEvent.Method.IN_PERSON)
    note = forms.CharField(label=_("情况"), max_length=300)


class VerificationForm(PersonForm):
    verification = forms.ChoiceField(label=_("核查情况"), choices=ReleasedPerson.Verification.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("verification", self.subject.verification)


class ReoffendedForm(PersonForm):
    on = date_field(_("重新犯罪日期"))

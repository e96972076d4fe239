"""/api/v1/corrections/: every record type of community corrections and resettlement, with the pages' rules.

Visibility is `visible_to(request.user)` (a record outside the caller's area is a 404), lists take the pages'
FilterSets, read-only roles cannot write (bureau.permissions), and every write goes through
corrections.services: a refused write answers 400 with the Chinese reason and writes nothing. A person's
moves on the register are actions (`POST …/supervisees/{id}/transfer/` …). ID numbers are only ever
returned masked.
"""

import keyword

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from bureau.api import MaskedIDField, id_number_confirmed_field
from bureau.models import Area
from bureau.api import FunctionViewSet
from corrections.apps import FUNCTION

from . import services
from .filters import (
    EducationSessionFilterSet,
    ReleasedPersonFilterSet,
    SuperviseeFilterSet,
    SupervisionEventFilterSet,
    TravelApprovalFilterSet,
)
from .models import (
    AssessmentDecision,
    Attendance,
    DeliberatedCase,
    Deliberation,
    EducationSession,
    Emergency,
    EmergencyStep,
    LedgerEntry,
    Level,
    LevelChange,
    Monitoring,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    ReviewMeeting,
    RiskCase,
    RiskMeeting,
    Supervisee,
    SupervisionEvent,
    TravelApproval,
)

# --- Fields -----------------------------------------------------------------------------------------------


class AreaCodeField(serializers.SlugRelatedField):
    """An area by its national code: one of the caller's (streets only, unless `any_level`)."""

    def __init__(self, any_level=False, **kwargs):
        self.any_level = any_level
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Area.objects.none()
        areas = Area.objects.visible_to(request.user)
        return areas if self.any_level else areas.filter(level=Area.Level.STREET)


class StreetAnywhereField(serializers.SlugRelatedField):
    """The street office a person moves to: any street of the portal, in the caller's district or not."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Area.objects.filter(level=Area.Level.STREET), **kwargs)


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A record named by id in a payload; one the caller cannot see is refused as if it did not exist."""

    def __init__(self, model=None, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user)


class CodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", read_only=True, **kwargs)


# --- Viewsets ---------------------------------------------------------------------------------------------


class CorrectionsViewSet(FunctionViewSet):
    function = FUNCTION


class ReadCreateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        CorrectionsViewSet):
    pass


def _action(name, payload_class, service, target, response_class):
    """`POST …/{id}/<name>/`: validate the payload, call the service on the record, answer with the record.

    The answer reads the record back without the area filter: an act may take it out of the caller's area
    (a transfer to another office), and the caller is still shown what they just did.
    """

    def act(self, request, pk=None):
        record = self.get_object()
        payload = payload_class(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        service(**{target: record}, by=request.user, **payload.validated_data)
        return Response(response_class(self.queryset.all().get(pk=record.pk),
                                       context=self.get_serializer_context()).data)

    act.__name__ = name.replace("-", "_") + ("_" if keyword.iskeyword(name) else "")  # `return` → return_
    act.__doc__ = service.__doc__
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(
        extend_schema(request=payload_class, responses=response_class)(act)
    )


def _today():
    return timezone.localdate()


class OnSerializer(serializers.Serializer):
    on = serializers.DateField(default=_today, help_text="the date of the act; today if omitted")


# --- Supervised persons and the register ------------------------------------------------------------------


class LevelChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelChange
        fields = ["level", "on", "reason"]


class SuperviseeSerializer(serializers.ModelSerializer):
    id_number = MaskedIDField()
    id_number_confirmed = id_number_confirmed_field()
    area = AreaCodeField()
    level_changes = LevelChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Supervisee
        fields = [
            "id", "name", "gender", "id_number", "phone", "address", "sentence_kind", "crime", "court",
            "judgment_on", "term_start", "term_end", "report_due_on", "reported_on", "area", "level", "team",
            "prohibitions", "status", "level_changes", "id_number_confirmed",
        ]
        read_only_fields = ["report_due_on", "reported_on", "status"]

    def create(self, validated):
        return services.supervisee_register(by=self.context["request"].user, **validated)


class ReceiveSerializer(OnSerializer):
    transferred_from = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="the place of execution outside the portal the person comes from (迁入); empty for 接收")


class TransferSerializer(OnSerializer):
    to_area = StreetAnywhereField(required=False, allow_null=True, default=None,
                                  help_text="code of the street office of the portal taking the person over")
    to_place = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text="a place of execution outside the portal")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReleaseSerializer(OnSerializer):
    certificate_on = serializers.DateField()


class TerminateSerializer(OnSerializer):
    reason = serializers.ChoiceField(choices=LedgerEntry.TerminationReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SetLevelSerializer(OnSerializer):
    level = serializers.ChoiceField(choices=Level.choices)
    reason = serializers.CharField()


class SuperviseeViewSet(ReadCreateViewSet):
    queryset = Supervisee.objects.select_related("area").prefetch_related("level_changes")
    serializer_class = SuperviseeSerializer
    filterset_class = SuperviseeFilterSet
    ordering_fields = ["name", "term_end", "reported_on"]

    receive = _action("receive", ReceiveSerializer, services.supervisee_receive, "supervisee", SuperviseeSerializer)
    transfer = _action("transfer", TransferSerializer, services.supervisee_transfer, "supervisee",
                       SuperviseeSerializer)
    release = _action("release", ReleaseSerializer, services.supervisee_release, "supervisee", SuperviseeSerializer)
    terminate = _action("terminate", TerminateSerializer, services.supervisee_terminate, "supervisee",
                        SuperviseeSerializer)
    set_level = _action("set-level", SetLevelSerializer, services.supervisee_set_level, "supervisee",
                        SuperviseeSerializer)


class LedgerEntrySerializer(serializers.ModelSerializer):
    area = CodeField()
    counterpart = CodeField()

    class Meta:
        model = LedgerEntry
        fields = ["id", "supervisee", "kind", "on", "area", "counterpart", "counterpart_name", "termination_reason",
                  "certificate_on", "note"]
        read_only_fields = fields


class SuperviseeRecordFilterSet(django_filters.FilterSet):
    """By person id; a plain number, so an id outside the caller's area just finds nothing."""

    supervisee = django_filters.NumberFilter(field_name="supervisee_id", label=_("社区矫正对象"))


class LedgerEntryFilterSet(SuperviseeRecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=LedgerEntry.Kind.choices)
    on_after = django_filters.DateFilter(field_name="on", lookup_expr="gte")
    on_before = django_filters.DateFilter(field_name="on", lookup_expr="lte")


class LedgerEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CorrectionsViewSet):
    """The register (矫正台账): read-only, written by the person's moves."""

    queryset = LedgerEntry.objects.select_related("area", "counterpart")
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet


# --- Supervision ------------------------------------------------------------------------------------------


class SupervisionEventSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)
    area = CodeField()
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = SupervisionEvent
        fields = ["id", "supervisee", "supervisee_name", "kind", "on", "method", "is_random", "summary", "area",
                  "recorded_by"]

    def create(self, validated):
        return services.event_record(by=self.context["request"].user, **validated)


class SupervisionEventAPIFilterSet(SupervisionEventFilterSet, SuperviseeRecordFilterSet):
    pass


class SupervisionEventViewSet(ReadCreateViewSet):
    """Talks, information checks, field visits, reports and file spot checks; recording one closes its to-dos."""

    queryset = SupervisionEvent.objects.select_related("supervisee", "area", "recorded_by")
    serializer_class = SupervisionEventSerializer
    filterset_class = SupervisionEventAPIFilterSet


class TravelApprovalSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)
    days = serializers.IntegerField(read_only=True)
    return_report_due_on = serializers.DateField(read_only=True)
    approved_by = serializers.StringRelatedField()
    area = CodeField()

    class Meta:
        model = TravelApproval
        fields = ["id", "supervisee", "supervisee_name", "destination", "reason", "leave_on", "return_on", "days",
                  "approver", "approved_on", "approved_by", "return_report_due_on", "returned_on", "area"]

    def create(self, validated):
        return services.travel_approve(by=self.context["request"].user, **validated)


class TravelReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField(default=_today)


class TravelApprovalAPIFilterSet(TravelApprovalFilterSet, SuperviseeRecordFilterSet):
    pass


class TravelApprovalViewSet(ReadCreateViewSet):
    """外出审批: up to 7 days by the street office, longer only by the district bureau; `return` is 销假."""

    queryset = TravelApproval.objects.select_related("supervisee", "approved_by", "area")
    serializer_class = TravelApprovalSerializer
    filterset_class = TravelApprovalAPIFilterSet

    return_ = _action("return", TravelReturnSerializer, services.travel_return, "travel", TravelApprovalSerializer)


class AttendanceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="supervisee.name")

    class Meta:
        model = Attendance
        fields = ["supervisee", "name"]
        read_only_fields = fields


class EducationSessionSerializer(serializers.ModelSerializer):
    area = AreaCodeField(any_level=True)
    attendees = VisibleField(Supervisee, many=True, write_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = EducationSession
        fields = ["id", "kind", "title", "held_on", "hours", "online", "area", "attendees", "attendance"]

    def create(self, validated):
        return services.session_record(by=self.context["request"].user, **validated)


class EducationSessionViewSet(ReadCreateViewSet):
    """Group sessions (online legal and moral education, psychological lectures …) with their attendance."""

    queryset = EducationSession.objects.select_related("area").prefetch_related("attendance__supervisee")
    serializer_class = EducationSessionSerializer
    filterset_class = EducationSessionFilterSet


class MeetingFilterSet(django_filters.FilterSet):
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")


# --- Assessment -------------------------------------------------------------------------------------------


class DecisionSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)

    class Meta:
        model = AssessmentDecision
        fields = ["supervisee", "supervisee_name", "kind", "reason", "decided_on"]


class ReviewMeetingSerializer(serializers.ModelSerializer):
    area = AreaCodeField(any_level=True)
    decisions = DecisionSerializer(many=True)

    class Meta:
        model = ReviewMeeting
        fields = ["id", "held_on", "area", "participants", "summary", "decisions"]

    def create(self, validated):
        decisions = [(d["supervisee"], d["kind"], d["reason"]) for d in validated.pop("decisions")]
        return services.review_meeting_record(by=self.context["request"].user, decisions=decisions, **validated)


class ReviewMeetingViewSet(ReadCreateViewSet):
    """奖惩评审会议 with their decisions (表扬, 训诫, 警告 …), recorded at once."""

    queryset = ReviewMeeting.objects.select_related("area").prefetch_related("decisions__supervisee")
    serializer_class = ReviewMeetingSerializer
    filterset_class = MeetingFilterSet


class MonitoringSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)
    renewal_of = VisibleField(Monitoring, required=False, allow_null=True, default=None)
    approved_by = serializers.StringRelatedField()
    area = CodeField()

    class Meta:
        model = Monitoring
        fields = ["id", "supervisee", "supervisee_name", "ground", "starts_on", "ends_on", "renewal_of",
                  "assessment", "approved_on", "approved_by", "ended_on", "area"]

    def create(self, validated):
        return services.monitoring_approve(by=self.context["request"].user, **validated)


class MonitoringViewSet(ReadCreateViewSet):
    """电子定位: a statutory ground, at most three months a period; a renewal (`renewal_of`) needs an assessment."""

    queryset = Monitoring.objects.select_related("supervisee", "approved_by", "area")
    serializer_class = MonitoringSerializer
    filterset_class = SuperviseeRecordFilterSet

    end = _action("end", OnSerializer, services.monitoring_end, "monitoring", MonitoringSerializer)


# --- Risk -------------------------------------------------------------------------------------------------


class RiskMeetingSerializer(serializers.ModelSerializer):
    area = AreaCodeField(any_level=True)

    class Meta:
        model = RiskMeeting
        fields = ["id", "held_on", "area", "participants", "summary"]

    def create(self, validated):
        return services.risk_meeting_record(by=self.context["request"].user, **validated)


class RiskMeetingViewSet(ReadCreateViewSet):
    """风险研判会议."""

    queryset = RiskMeeting.objects.select_related("area")
    serializer_class = RiskMeetingSerializer
    filterset_class = MeetingFilterSet


class RiskCaseSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)
    meeting = VisibleField(RiskMeeting, required=False, allow_null=True, default=None)
    area = CodeField()

    class Meta:
        model = RiskCase
        fields = ["id", "supervisee", "supervisee_name", "meeting", "identified_on", "grade", "description",
                  "control_measures", "owner", "closed_on", "area"]
        read_only_fields = ["closed_on"]

    def create(self, validated):
        return services.risk_case_record(by=self.context["request"].user, **validated)


class RiskCaseFilterSet(SuperviseeRecordFilterSet):
    grade = django_filters.ChoiceFilter(choices=RiskCase.Grade.choices)
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("未化解"))


class RiskCaseViewSet(ReadCreateViewSet):
    """风险隐患案件 with their control measures and owner; `close` records the risk as resolved."""

    queryset = RiskCase.objects.select_related("supervisee", "area")
    serializer_class = RiskCaseSerializer
    filterset_class = RiskCaseFilterSet

    close = _action("close", OnSerializer, services.risk_case_close, "risk_case", RiskCaseSerializer)


class DeliberatedCaseSerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)

    class Meta:
        model = DeliberatedCase
        fields = ["supervisee", "supervisee_name", "question", "decision"]


class DeliberationSerializer(serializers.ModelSerializer):
    area = AreaCodeField(any_level=True)
    cases = DeliberatedCaseSerializer(many=True)

    class Meta:
        model = Deliberation
        fields = ["id", "held_on", "area", "participants", "summary", "cases"]

    def create(self, validated):
        cases = [(c["supervisee"], c["question"], c["decision"]) for c in validated.pop("cases")]
        return services.deliberation_record(by=self.context["request"].user, cases=cases, **validated)


class DeliberationViewSet(ReadCreateViewSet):
    """重大疑难案件合议 with the cases decided."""

    queryset = Deliberation.objects.select_related("area").prefetch_related("cases__supervisee")
    serializer_class = DeliberationSerializer
    filterset_class = MeetingFilterSet


class EmergencyStepSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = EmergencyStep
        fields = ["on", "action", "recorded_by"]


class EmergencySerializer(serializers.ModelSerializer):
    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)
    first_step = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")
    steps = EmergencyStepSerializer(many=True, read_only=True)
    area = CodeField()

    class Meta:
        model = Emergency
        fields = ["id", "supervisee", "supervisee_name", "kind", "occurred_on", "description", "first_step",
                  "steps", "closed_on", "area"]
        read_only_fields = ["closed_on"]

    def create(self, validated):
        return services.emergency_record(by=self.context["request"].user, **validated)


class EmergencyStepPayload(OnSerializer):
    action = serializers.CharField(max_length=500)
    close = serializers.BooleanField(default=False, help_text="the emergency is handled with this step")


class EmergencyFilterSet(SuperviseeRecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=Emergency.Kind.choices)
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("处置中"))


class EmergencyViewSet(ReadCreateViewSet):
    """突发事件 and the steps taken (`steps` adds one, and may close the emergency)."""

    queryset = Emergency.objects.select_related("supervisee", "area").prefetch_related("steps__recorded_by")
    serializer_class = EmergencySerializer
    filterset_class = EmergencyFilterSet

    steps = _action("steps", EmergencyStepPayload, services.emergency_add_step, "emergency", EmergencySerializer)


# --- Resettlement -----------------------------------------------------------------------------------------


class ResettlementHelpSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResettlementHelp
        fields = ["kind", "on", "note"]


class ResettlementFollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResettlementFollowUp
        fields = ["on", "method", "note"]


class ReleasedPersonSerializer(serializers.ModelSerializer):
    id_number = MaskedIDField(required=False, allow_null=True)
    id_number_confirmed = id_number_confirmed_field()
    area = AreaCodeField()
    help = ResettlementHelpSerializer(many=True, read_only=True)
    follow_ups = ResettlementFollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = ReleasedPerson
        fields = ["id", "name", "gender", "id_number", "address", "crime", "prison", "released_on", "listed_until",
                  "area", "handover", "handed_over_on", "verification", "reoffended_on", "help", "follow_ups",
                  "id_number_confirmed"]
        read_only_fields = ["handover", "handed_over_on", "reoffended_on"]

    def create(self, validated):
        return services.released_person_register(by=self.context["request"].user, **validated)


class HandOverSerializer(OnSerializer):
    handover = serializers.ChoiceField(choices=[c for c in ReleasedPerson.Handover.choices
                                                if c[0] != ReleasedPerson.Handover.PENDING])


class HelpPayload(OnSerializer):
    kind = serializers.ChoiceField(choices=ResettlementHelp.Kind.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class FollowUpPayload(OnSerializer):
    method = serializers.ChoiceField(choices=SupervisionEvent.Method.choices)
    note = serializers.CharField(max_length=300)


class ReleasedPersonViewSet(ReadCreateViewSet):
    """安置帮教: released prisoners listed for five years, their hand-over, help and follow-ups."""

    queryset = ReleasedPerson.objects.select_related("area").prefetch_related("help", "follow_ups")
    serializer_class = ReleasedPersonSerializer
    filterset_class = ReleasedPersonFilterSet

    hand_over = _action("hand-over", HandOverSerializer, services.released_person_hand_over, "person",
                        ReleasedPersonSerializer)
    reoffended = _action("reoffended", OnSerializer, services.released_person_reoffended, "person",
                         ReleasedPersonSerializer)
    help = _action("help", HelpPayload, services.resettlement_help_record, "person", ReleasedPersonSerializer)
    follow_up = _action("follow-up", FollowUpPayload, services.resettlement_follow_up_record, "person",
                        ReleasedPersonSerializer)


def register(router):
    router.register("corrections/supervisees", SuperviseeViewSet, basename="corrections-supervisee")
    router.register("corrections/ledger", LedgerEntryViewSet, basename="corrections-ledgerentry")
    router.register("corrections/events", SupervisionEventViewSet, basename="corrections-event")
    router.register("corrections/travels", TravelApprovalViewSet, basename="corrections-travel")
    router.register("corrections/sessions", EducationSessionViewSet, basename="corrections-session")
    router.register("corrections/review-meetings", ReviewMeetingViewSet, basename="corrections-reviewmeeting")
    router.register("corrections/monitorings", MonitoringViewSet, basename="corrections-monitoring")
    router.register("corrections/risk-meetings", RiskMeetingViewSet, basename="corrections-riskmeeting")
    router.register("corrections/risk-cases", RiskCaseViewSet, basename="corrections-riskcase")
    router.register("corrections/deliberations", DeliberationViewSet, basename="corrections-deliberation")
    router.register("corrections/emergencies", EmergencyViewSet, basename="corrections-emergency")
    router.register("corrections/released-persons", ReleasedPersonViewSet, basename="corrections-releasedperson")

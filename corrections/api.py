"""/api/v1/corrections/: every record type of community corrections and resettlement, with the pages' rules.

Visibility is `visible_to(request.user)` (a record outside the caller's area is a 404), lists take the pages'
FilterSets, read-only roles cannot write (bureau.permissions), and every write goes through
corrections.services: a refused write answers 400 with the Chinese reason and writes nothing. A person's
moves on the register are actions (`POST …/supervisees/{id}/transfer/` …). ID numbers are only ever
returned masked.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bureau.api import (
    AreaCodeField,
    MaskedIDField,
    OnSerializer,
    ReadCreateViewSet,
    ReadViewSet,
    VisibleField,
    id_number_confirmed_field,
    service_action,
)
from bureau.api_lists import PageRows, Pagination, PlannedListSerializer, list_filter_backends
from bureau.filters import date_range
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


class _BySerializer:
    """`create` is the service `service(by=<the caller>, **payload)`: the API writes as the pages do."""

    service = None  # staticmethod(services.<entity>_<verb>)

    def create(self, validated):
        return self.service(by=self.context["request"].user, **validated)


class AboutPersonSerializer(serializers.ModelSerializer):
    """A row about one person: named by id (a person the caller cannot see does not exist), read back with the
    name."""

    supervisee = VisibleField(Supervisee)
    supervisee_name = serializers.CharField(source="supervisee.name", read_only=True)


class PersonRecordSerializer(_BySerializer, AboutPersonSerializer):
    """A record about one person, written by its service; it belongs to the person's office (read-only)."""

    area = AreaCodeField(read_only=True)


class MeetingSerializer(_BySerializer, serializers.ModelSerializer):
    """A meeting an office held (a street, or the district bureau), with its rows — `rows` names the nested
    field and the service's argument, `row_values` what the service takes of each row — recorded at once."""

    area = AreaCodeField(levels=None)
    rows, row_values = "", ()

    def create(self, validated):
        if self.rows:
            validated[self.rows] = [tuple(row[name] for name in self.row_values) for row in validated[self.rows]]
        return super().create(validated)


class SuperviseeRecordFilterSet(django_filters.FilterSet):
    """By person id; a plain number, so an id outside the caller's area just finds nothing."""

    supervisee = django_filters.NumberFilter(field_name="supervisee_id", label=_("社区矫正对象"))


# --- Supervised persons and the register ------------------------------------------------------------------


class LevelChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = LevelChange
        fields = ["level", "on", "reason"]


class SuperviseeListSerializer(PlannedListSerializer):
    """The register's list (`GET /api/v1/corrections/supervisees/`), written by bureau.api_lists' planned writers
    (tests/corrections/test_api_supervisee_list.py compares it with DRF's); each person's level changes are loaded
    here for the page in one query, in the model's order (the prefetch made a queryset per person), so the viewset's
    list leaves its prefetch out."""

    level_changes = PageRows(LevelChange, "supervisee", only=["supervisee_id", "level", "on", "reason"])

    def related(self, people):
        return {"level_changes": self.level_changes.of([person.pk for person in people])}


class SuperviseeSerializer(_BySerializer, serializers.ModelSerializer):
    id_number = MaskedIDField()
    id_number_confirmed = id_number_confirmed_field()
    area = AreaCodeField()
    level_changes = LevelChangeSerializer(many=True, read_only=True)
    service = staticmethod(services.supervisee_register)

    class Meta:
        model = Supervisee
        fields = [
            "id", "name", "gender", "id_number", "phone", "address", "sentence_kind", "crime", "court",
            "judgment_on", "term_start", "term_end", "report_due_on", "reported_on", "area", "level", "team",
            "prohibitions", "status", "level_changes", "id_number_confirmed",
        ]
        read_only_fields = ["report_due_on", "reported_on", "status"]
        validators = []  # one open registration per ID number: the service's check (and the database's index)
        list_serializer_class = SuperviseeListSerializer


class ReceiveSerializer(OnSerializer):
    transferred_from = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="the place of execution outside the portal the person comes from (迁入); empty for 接收")


class TransferSerializer(OnSerializer):
    to_area = AreaCodeField(anywhere=True, required=False, allow_null=True, default=None,
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


def _person_action(name, service, payload):
    return service_action(name, service, payload=payload, target="supervisee", response=SuperviseeSerializer)


class SuperviseeViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Supervisee.objects.select_related("area").prefetch_related("level_changes")
    serializer_class = SuperviseeSerializer
    filterset_class = SuperviseeFilterSet
    ordering_fields = ["name", "term_end", "reported_on"]
    filter_backends, pagination_class = list_filter_backends(), Pagination  # bureau.api_lists

    def get_queryset(self):
        people = super().get_queryset()
        return people.prefetch_related(None) if self.action == "list" else people  # SuperviseeListSerializer's

    receive = _person_action("receive", services.supervisee_receive, ReceiveSerializer)
    transfer = _person_action("transfer", services.supervisee_transfer, TransferSerializer)
    release = _person_action("release", services.supervisee_release, ReleaseSerializer)
    terminate = _person_action("terminate", services.supervisee_terminate, TerminateSerializer)
    set_level = _person_action("set-level", services.supervisee_set_level, SetLevelSerializer)


class LedgerEntrySerializer(serializers.ModelSerializer):
    area = AreaCodeField(read_only=True)
    counterpart = AreaCodeField(read_only=True)

    class Meta:
        model = LedgerEntry
        fields = ["id", "supervisee", "kind", "on", "area", "counterpart", "counterpart_name", "termination_reason",
                  "certificate_on", "note"]
        read_only_fields = fields


class LedgerEntryFilterSet(SuperviseeRecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=LedgerEntry.Kind.choices)
    on = date_range(_("日期"), "on")  # on_after, on_before


class LedgerEntryViewSet(ReadViewSet):
    """The register (矫正台账): read-only, written by the person's moves."""

    function = FUNCTION
    queryset = LedgerEntry.objects.select_related("area", "counterpart")
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet


# --- Supervision ------------------------------------------------------------------------------------------


class SupervisionEventSerializer(PersonRecordSerializer):
    recorded_by = serializers.StringRelatedField()
    service = staticmethod(services.event_record)

    class Meta:
        model = SupervisionEvent
        fields = ["id", "supervisee", "supervisee_name", "kind", "on", "method", "is_random", "summary", "area",
                  "recorded_by"]


class SupervisionEventAPIFilterSet(SupervisionEventFilterSet, SuperviseeRecordFilterSet):
    pass


class SupervisionEventViewSet(ReadCreateViewSet):
    """Talks, information checks, field visits, reports and file spot checks; recording one closes its to-dos."""

    function = FUNCTION
    queryset = SupervisionEvent.objects.select_related("supervisee", "area", "recorded_by")
    serializer_class = SupervisionEventSerializer
    filterset_class = SupervisionEventAPIFilterSet


class TravelApprovalSerializer(PersonRecordSerializer):
    days = serializers.IntegerField(read_only=True)
    return_report_due_on = serializers.DateField(read_only=True)
    approved_by = serializers.StringRelatedField()
    service = staticmethod(services.travel_approve)

    class Meta:
        model = TravelApproval
        fields = ["id", "supervisee", "supervisee_name", "destination", "reason", "leave_on", "return_on", "days",
                  "approver", "approved_on", "approved_by", "return_report_due_on", "returned_on", "area"]


class TravelReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField(default=timezone.localdate)


class TravelApprovalAPIFilterSet(TravelApprovalFilterSet, SuperviseeRecordFilterSet):
    pass


class TravelApprovalViewSet(ReadCreateViewSet):
    """外出审批: up to 7 days by the street office, longer only by the district bureau; `return` is 销假."""

    function = FUNCTION
    queryset = TravelApproval.objects.select_related("supervisee", "approved_by", "area")
    serializer_class = TravelApprovalSerializer
    filterset_class = TravelApprovalAPIFilterSet

    return_ = service_action("return", services.travel_return, payload=TravelReturnSerializer, target="travel",
                             response=TravelApprovalSerializer)


class AttendanceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="supervisee.name")

    class Meta:
        model = Attendance
        fields = ["supervisee", "name"]
        read_only_fields = fields


class EducationSessionSerializer(_BySerializer, serializers.ModelSerializer):
    area = AreaCodeField(levels=None)
    attendees = VisibleField(Supervisee, many=True, write_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)
    service = staticmethod(services.session_record)

    class Meta:
        model = EducationSession
        fields = ["id", "kind", "title", "held_on", "hours", "online", "area", "attendees", "attendance"]


class EducationSessionViewSet(ReadCreateViewSet):
    """Group sessions (online legal and moral education, psychological lectures …) with their attendance."""

    function = FUNCTION
    queryset = EducationSession.objects.select_related("area").prefetch_related("attendance__supervisee")
    serializer_class = EducationSessionSerializer
    filterset_class = EducationSessionFilterSet


class MeetingFilterSet(django_filters.FilterSet):
    held = date_range(_("会议日期"), "held_on")  # held_after, held_before


class MeetingViewSet(ReadCreateViewSet):
    function = FUNCTION
    filterset_class = MeetingFilterSet


# --- Assessment -------------------------------------------------------------------------------------------


class DecisionSerializer(AboutPersonSerializer):
    class Meta:
        model = AssessmentDecision
        fields = ["supervisee", "supervisee_name", "kind", "reason", "decided_on"]


class ReviewMeetingSerializer(MeetingSerializer):
    decisions = DecisionSerializer(many=True)
    service = staticmethod(services.review_meeting_record)
    rows, row_values = "decisions", ("supervisee", "kind", "reason")

    class Meta:
        model = ReviewMeeting
        fields = ["id", "held_on", "area", "participants", "summary", "decisions"]


class ReviewMeetingViewSet(MeetingViewSet):
    """奖惩评审会议 with their decisions (表扬, 训诫, 警告 …), recorded at once."""

    queryset = ReviewMeeting.objects.select_related("area").prefetch_related("decisions__supervisee")
    serializer_class = ReviewMeetingSerializer


class MonitoringSerializer(PersonRecordSerializer):
    renewal_of = VisibleField(Monitoring, required=False, allow_null=True, default=None)
    approved_by = serializers.StringRelatedField()
    service = staticmethod(services.monitoring_approve)

    class Meta:
        model = Monitoring
        fields = ["id", "supervisee", "supervisee_name", "ground", "starts_on", "ends_on", "renewal_of",
                  "assessment", "approved_on", "approved_by", "ended_on", "area"]


class MonitoringViewSet(ReadCreateViewSet):
    """电子定位: a statutory ground, at most three months a period; a renewal (`renewal_of`) needs an assessment."""

    function = FUNCTION
    queryset = Monitoring.objects.select_related("supervisee", "approved_by", "area")
    serializer_class = MonitoringSerializer
    filterset_class = SuperviseeRecordFilterSet

    end = service_action("end", services.monitoring_end, payload=OnSerializer, target="monitoring",
                         response=MonitoringSerializer)


# --- Risk -------------------------------------------------------------------------------------------------


class RiskMeetingSerializer(MeetingSerializer):
    service = staticmethod(services.risk_meeting_record)

    class Meta:
        model = RiskMeeting
        fields = ["id", "held_on", "area", "participants", "summary"]


class RiskMeetingViewSet(MeetingViewSet):
    """风险研判会议."""

    queryset = RiskMeeting.objects.select_related("area")
    serializer_class = RiskMeetingSerializer


class RiskCaseSerializer(PersonRecordSerializer):
    meeting = VisibleField(RiskMeeting, required=False, allow_null=True, default=None)
    service = staticmethod(services.risk_case_record)

    class Meta:
        model = RiskCase
        fields = ["id", "supervisee", "supervisee_name", "meeting", "identified_on", "grade", "description",
                  "control_measures", "owner", "closed_on", "area"]
        read_only_fields = ["closed_on"]


class RiskCaseFilterSet(SuperviseeRecordFilterSet):
    grade = django_filters.ChoiceFilter(choices=RiskCase.Grade.choices)
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("未化解"))


class RiskCaseViewSet(ReadCreateViewSet):
    """风险隐患案件 with their control measures and owner; `close` records the risk as resolved."""

    function = FUNCTION
    queryset = RiskCase.objects.select_related("supervisee", "area")
    serializer_class = RiskCaseSerializer
    filterset_class = RiskCaseFilterSet

    close = service_action("close", services.risk_case_close, payload=OnSerializer, target="risk_case",
                           response=RiskCaseSerializer)


class DeliberatedCaseSerializer(AboutPersonSerializer):
    class Meta:
        model = DeliberatedCase
        fields = ["supervisee", "supervisee_name", "question", "decision"]


class DeliberationSerializer(MeetingSerializer):
    cases = DeliberatedCaseSerializer(many=True)
    service = staticmethod(services.deliberation_record)
    rows, row_values = "cases", ("supervisee", "question", "decision")

    class Meta:
        model = Deliberation
        fields = ["id", "held_on", "area", "participants", "summary", "cases"]


class DeliberationViewSet(MeetingViewSet):
    """重大疑难案件合议 with the cases decided."""

    queryset = Deliberation.objects.select_related("area").prefetch_related("cases__supervisee")
    serializer_class = DeliberationSerializer


class EmergencyStepSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = EmergencyStep
        fields = ["on", "action", "recorded_by"]


class EmergencySerializer(PersonRecordSerializer):
    first_step = serializers.CharField(write_only=True, required=False, allow_blank=True, default="")
    steps = EmergencyStepSerializer(many=True, read_only=True)
    service = staticmethod(services.emergency_record)

    class Meta:
        model = Emergency
        fields = ["id", "supervisee", "supervisee_name", "kind", "occurred_on", "description", "first_step",
                  "steps", "closed_on", "area"]
        read_only_fields = ["closed_on"]


class EmergencyStepPayload(OnSerializer):
    action = serializers.CharField(max_length=500)
    close = serializers.BooleanField(default=False, help_text="the emergency is handled with this step")


class EmergencyFilterSet(SuperviseeRecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=Emergency.Kind.choices)
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("处置中"))


class EmergencyViewSet(ReadCreateViewSet):
    """突发事件 and the steps taken (`steps` adds one, and may close the emergency)."""

    function = FUNCTION
    queryset = Emergency.objects.select_related("supervisee", "area").prefetch_related("steps__recorded_by")
    serializer_class = EmergencySerializer
    filterset_class = EmergencyFilterSet

    steps = service_action("steps", services.emergency_add_step, payload=EmergencyStepPayload, target="emergency",
                           response=EmergencySerializer)


# --- Resettlement -----------------------------------------------------------------------------------------


class ResettlementHelpSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResettlementHelp
        fields = ["kind", "on", "note"]


class ResettlementFollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResettlementFollowUp
        fields = ["on", "method", "note"]


class ReleasedPersonSerializer(_BySerializer, serializers.ModelSerializer):
    id_number = MaskedIDField(required=False, allow_null=True)
    id_number_confirmed = id_number_confirmed_field()
    area = AreaCodeField()
    help = ResettlementHelpSerializer(many=True, read_only=True)
    follow_ups = ResettlementFollowUpSerializer(many=True, read_only=True)
    service = staticmethod(services.released_person_register)

    class Meta:
        model = ReleasedPerson
        fields = ["id", "name", "gender", "id_number", "address", "crime", "prison", "released_on", "listed_until",
                  "area", "handover", "handed_over_on", "verification", "reoffended_on", "help", "follow_ups",
                  "id_number_confirmed"]
        read_only_fields = ["handover", "handed_over_on", "reoffended_on"]
        validators = []  # one registration per release: the service's check (and the database's constraint)


class HandOverSerializer(OnSerializer):
    handover = serializers.ChoiceField(choices=[c for c in ReleasedPerson.Handover.choices
                                                if c[0] != ReleasedPerson.Handover.PENDING])


class HelpPayload(OnSerializer):
    kind = serializers.ChoiceField(choices=ResettlementHelp.Kind.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class FollowUpPayload(OnSerializer):
    method = serializers.ChoiceField(choices=SupervisionEvent.Method.choices)
    note = serializers.CharField(max_length=300)


def _released_action(name, service, payload):
    return service_action(name, service, payload=payload, target="person", response=ReleasedPersonSerializer)


class ReleasedPersonViewSet(ReadCreateViewSet):
    """安置帮教: released prisoners listed for five years, their hand-over, help and follow-ups."""

    function = FUNCTION
    queryset = ReleasedPerson.objects.select_related("area").prefetch_related("help", "follow_ups")
    serializer_class = ReleasedPersonSerializer
    filterset_class = ReleasedPersonFilterSet

    hand_over = _released_action("hand-over", services.released_person_hand_over, HandOverSerializer)
    reoffended = _released_action("reoffended", services.released_person_reoffended, OnSerializer)
    help = _released_action("help", services.resettlement_help_record, HelpPayload)
    follow_up = _released_action("follow-up", services.resettlement_follow_up_record, FollowUpPayload)


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

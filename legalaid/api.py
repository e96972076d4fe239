"""/api/v1/legalaid/: every record type, with the pages' visibility, permissions and FilterSets.

Case moves are actions (`POST /api/v1/legalaid/cases/{id}/decide/` …) that call the same services as the
pages; a refused move answers 400 with the Chinese reason and changes nothing. ID numbers are only ever
returned masked.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from bureau.api import (
    AreaCodeField,
    FunctionViewSet,
    MaskedIDField,
    OnSerializer,
    ReadCreateViewSet,
    ReadViewSet,
    id_number_confirmed_field,
    service_action,
)
from bureau.api_lists import PageRows, Pagination, PlannedListSerializer, list_filter_backends
from lawyers.models import Lawyer
from legalaid.apps import FUNCTION

from . import assignment, services
from .filters import CaseFilterSet, ComplaintFilterSet, ConsultationFilterSet
from .models import (Case, CaseStep, ClockRule, Complaint, Consultation, Expert, FileEvaluation, FollowUp,
                     HearingEvaluation, Outcome, Recipient, TerminationGround)


# --- Cases ------------------------------------------------------------------------------------------------


class RecipientSerializer(serializers.ModelSerializer):
    id_number = MaskedIDField(required=False, allow_null=True)

    class Meta:
        model = Recipient
        fields = ["id", "name", "id_number", "is_female", "birth_date", "groups", "phone"]


class CaseStepSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = CaseStep
        fields = ["on", "action", "status", "by", "note", "at"]


# A step's own fields, and of who recorded it what str(user) reads (bureau.models.User.__str__: the name, else the
# username): a user's twenty fields, three of them moments to parse, were made for every step of the page.
STEP_FIELDS = [*(field.name for field in CaseStep._meta.concrete_fields), "by__name", "by__username"]


class CaseListSerializer(PlannedListSerializer):
    """The list of cases (`GET /api/v1/legalaid/cases/`): the same JSON as DRF's serializer (tests/legalaid/
    test_api_case_list.py compares the two over the demo's cases), written by bureau.api_lists' planned writers.
    DRF built the fields for every request, and resolved each field's source and checked for callables for every
    field of every row; the recipients' and steps' prefetch made a queryset per case: together most of the list's
    CPU.

    The recipients and the steps (with who recorded them) are loaded here, one query each for the page, in their
    models' order; the viewset's list therefore leaves its prefetch out."""

    recipients = PageRows(Recipient, "case")
    steps = PageRows(CaseStep, "case", only=STEP_FIELDS, select_related=["by"])

    def related(self, cases):
        ids = [case.pk for case in cases]
        return {"recipients": self.recipients.of(ids), "steps": self.steps.of(ids)}


class CaseSerializer(serializers.ModelSerializer):
    area = AreaCodeField()
    applicant_id_number = MaskedIDField(required=False, allow_null=True)
    recipients = RecipientSerializer(many=True)
    lawyer = serializers.PrimaryKeyRelatedField(read_only=True)
    steps = CaseStepSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    id_number_confirmed = id_number_confirmed_field()

    class Meta:
        model = Case
        fields = [
            "id", "number", "area", "source", "received_on", "matter_kind", "category",
            "max_penalty_life_or_death", "summary", "notifying_authority", "applicant_name",
            "applicant_id_number", "applicant_phone", "applicant_address", "applicant_hukou", "exemption_ground",
            "financial_status", "monthly_income_per_person", "financial_note", "recipients", "status",
            "material_requested_on", "material_request_note", "complete_on", "decision_due_on", "decision",
            "decided_on", "decision_reasons", "assignment_due_on", "lawyer", "suggested_lawyer",
            "suggestion_reason", "override_reason", "assigned_on", "started_on", "closed_on", "outcome",
            "recovered_amount", "archived_on", "terminated_on", "termination_ground", "overdue", "steps",
            "id_number_confirmed",
        ]
        read_only_fields = [f for f in fields if f not in {
            "area", "source", "received_on", "matter_kind", "category", "max_penalty_life_or_death", "summary",
            "notifying_authority", "applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
            "applicant_hukou", "exemption_ground", "financial_status", "monthly_income_per_person", "financial_note",
            "recipients", "id_number_confirmed"}]
        list_serializer_class = CaseListSerializer

    def get_overdue(self, case) -> bool:
        return case.is_overdue()

    def create(self, validated):
        people = [Recipient(**r) for r in validated.pop("recipients")]
        confirmed = validated.pop("id_number_confirmed", False)
        return services.case_receive(case=Case(**validated), recipients=people, by=self.context["request"].user,
                                     id_number_confirmed=confirmed)


class DecideSerializer(OnSerializer):
    grant = serializers.BooleanField()
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(OnSerializer):
    note = serializers.CharField()


class ReasonSerializer(OnSerializer):
    reason = serializers.CharField()


class ObjectionDecideSerializer(OnSerializer):
    upheld = serializers.BooleanField()
    reasons = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(OnSerializer):
    lawyer = serializers.PrimaryKeyRelatedField(queryset=Lawyer.objects.all())
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class CloseSerializer(OnSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    recovered_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class TerminateSerializer(OnSerializer):
    ground = serializers.ChoiceField(choices=TerminationGround.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SuggestionSerializer(serializers.Serializer):
    lawyer = serializers.IntegerField(source="lawyer.pk")
    name = serializers.CharField(source="lawyer.name")
    score = serializers.IntegerField()
    load = serializers.IntegerField()
    reason = serializers.CharField()


def _case_move(name, payload, service):
    """`POST …/cases/{id}/<name>/`: the service moves the case; the answer is the case."""
    return service_action(name, service, payload=payload, target="case")


class CaseViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Case.objects.select_related("area").prefetch_related("recipients", "steps__by")
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    ordering_fields = ["received_on", "decision_due_on", "assignment_due_on", "number"]
    filter_backends, pagination_class = list_filter_backends(), Pagination  # bureau.api_lists

    def get_queryset(self):
        cases = super().get_queryset()
        return cases.prefetch_related(None) if self.action == "list" else cases  # CaseListSerializer loads them

    request_material = _case_move("request-material", NoteSerializer, services.case_request_material)
    supply_material = _case_move("supply-material", OnSerializer, services.case_supply_material)
    decide = _case_move("decide", DecideSerializer, services.case_decide)
    raise_objection = _case_move("raise-objection", ReasonSerializer, services.case_object)
    decide_objection = _case_move("decide-objection", ObjectionDecideSerializer, services.case_objection_decide)
    assign = _case_move("assign", AssignSerializer, services.case_assign)
    start = _case_move("start", OnSerializer, services.case_start)
    close = _case_move("close", CloseSerializer, services.case_close)
    archive = _case_move("archive", OnSerializer, services.case_archive)
    terminate = _case_move("terminate", TerminateSerializer, services.case_terminate)

    @extend_schema(responses=SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def suggestions(self, request, pk=None):
        """Eligible lawyers, best first, each with the reason (专长；在办；上次指派)."""
        ranked = assignment.ranked(self.get_object(), timezone.localdate())
        return Response(SuggestionSerializer(ranked, many=True).data)


# --- The other record types ---------------------------------------------------------------------------------


class ConsultationSerializer(serializers.ModelSerializer):
    area = AreaCodeField()
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = Consultation
        list_serializer_class = PlannedListSerializer  # tests/legalaid/test_api_lists.py
        fields = ["id", "area", "on", "channel", "topic", "person_times", "name", "phone", "note", "answer",
                  "recorded_by"]
        # The model's defaults, said here: the service takes every field (without them a POST leaving them out
        # was a TypeError, a 500).
        extra_kwargs = {"answer": {"required": True, "allow_blank": False},
                        "channel": {"default": Consultation.Channel.WINDOW}, "on": {"default": timezone.localdate}}

    def create(self, validated):
        return services.consultation_record(by=self.context["request"].user, **validated)


class ConsultationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Consultation.objects.select_related("area", "recorded_by")
    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilterSet
    filter_backends, pagination_class = list_filter_backends(), Pagination  # bureau.api_lists


class ComplaintSerializer(serializers.ModelSerializer):
    area = AreaCodeField()

    class Meta:
        model = Complaint
        fields = ["id", "area", "case", "lawyer", "complainant", "received_on", "content", "due_on",
                  "concluded_on", "finding", "handling"]
        read_only_fields = ["due_on", "concluded_on", "finding", "handling"]

    def create(self, validated):
        return services.complaint_receive(complaint=Complaint(**validated), by=self.context["request"].user)


class ConcludeSerializer(OnSerializer):
    finding = serializers.ChoiceField(choices=Complaint.Finding.choices)
    handling = serializers.CharField()


class ComplaintViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Complaint.objects.select_related("area", "lawyer")
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilterSet

    conclude = service_action("conclude", services.complaint_conclude, payload=ConcludeSerializer,
                              target="complaint")


class FileEvaluationSerializer(serializers.ModelSerializer):
    score = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True)

    class Meta:
        model = FileEvaluation
        fields = ["id", "case", "evaluated_on", "first_reviewer", "first_score", "second_reviewer",
                  "second_score", "score", "findings"]

    def create(self, validated):
        return services.file_evaluation_record(evaluation=FileEvaluation(**validated),
                                               by=self.context["request"].user)


class FileEvaluationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = FileEvaluation.objects.all()
    serializer_class = FileEvaluationSerializer
    filterset_fields = ["case"]


class HearingEvaluationSerializer(serializers.ModelSerializer):
    experts = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    count = serializers.IntegerField(write_only=True, default=3, min_value=1, max_value=9)

    class Meta:
        model = HearingEvaluation
        fields = ["id", "case", "held_on", "court", "seed", "pool", "experts", "score", "findings", "count"]
        read_only_fields = ["seed", "pool", "experts", "score", "findings"]

    def create(self, validated):
        return services.hearing_evaluation_create(**validated, by=self.context["request"].user)


class HearingEvaluationViewSet(ReadCreateViewSet):
    """Creating one draws the experts at random; `seed` and `pool` let anyone re-check the draw."""

    function = FUNCTION
    queryset = HearingEvaluation.objects.prefetch_related("experts")
    serializer_class = HearingEvaluationSerializer
    filterset_fields = ["case"]


class FollowUpSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = FollowUp
        fields = ["id", "case", "called_on", "satisfaction", "note", "by"]

    def create(self, validated):
        return services.follow_up_record(follow_up=FollowUp(**validated), by=self.context["request"].user)


class FollowUpViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = FollowUp.objects.select_related("by")
    serializer_class = FollowUpSerializer
    filterset_fields = ["case"]


class ExpertSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Expert
        fields = ["id", "name", "title", "area", "is_active"]


class ExpertViewSet(ReadViewSet):
    function = FUNCTION
    queryset = Expert.objects.select_related("area")
    serializer_class = ExpertSerializer
    filterset_fields = ["is_active"]


class ClockRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClockRule
        fields = ["code", "days", "day_kind", "legal_source"]


class ClockRuleViewSet(mixins.ListModelMixin, FunctionViewSet):
    """The statutory clocks in force (the administrator edits them in the admin)."""

    function = FUNCTION
    queryset = ClockRule.objects.all()
    serializer_class = ClockRuleSerializer

    def get_queryset(self):
        return self.queryset.all()  # the city's rules, not an area's records


def register(router):
    router.register("legalaid/cases", CaseViewSet, basename="legalaid-case")
    router.register("legalaid/consultations", ConsultationViewSet, basename="legalaid-consultation")
    router.register("legalaid/complaints", ComplaintViewSet, basename="legalaid-complaint")
    router.register("legalaid/file-evaluations", FileEvaluationViewSet, basename="legalaid-fileevaluation")
    router.register("legalaid/hearing-evaluations", HearingEvaluationViewSet, basename="legalaid-hearingevaluation")
    router.register("legalaid/follow-ups", FollowUpViewSet, basename="legalaid-followup")
    router.register("legalaid/experts", ExpertViewSet, basename="legalaid-expert")
    router.register("legalaid/clock-rules", ClockRuleViewSet, basename="legalaid-clockrule")

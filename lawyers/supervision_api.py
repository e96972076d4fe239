"""/api/v1/lawyers/…: lawyer supervision (律师执业监管) — campaigns/ and inspection-results/, inspectors/, plans/
with their draws/ and random-results/, visits/, complaints/ and violations/.

The pages' visibility (another district's record is a 404), access (lawyers.permissions.SUPERVISION: the
district's lawyers section writes, leadership and the city read), FilterSets (lawyers.supervision_filters) and
services: creating a record calls its service, and each move is an action (`POST …/plans/{id}/draw/`) answering
the record, or 400 with the service's Chinese reason and nothing written. `…/draws/{id}/verify/` (and
`…/plans/{id}/verify/` for the current draw) recomputes a draw and answers {"matches": true, …}."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from bureau.api import (
    AreaCodeField,
    OnSerializer,
    ReadCreateViewSet,
    ReadViewSet,
    ReadWriteViewSet,
    VisibleField,
    service_action,
)
from bureau.models import Area
from bureau.permissions import AccessPermission, access_of, signed_in

from . import supervision
from .models import (
    DRAW_ALGORITHMS,
    Complaint,
    Draw,
    Finding,
    Handling,
    InspectionCampaign,
    InspectionResult,
    Inspector,
    LawFirm,
    Lawyer,
    RandomInspectionPlan,
    RandomInspectionResult,
    ReplyWay,
    SupervisionVisit,
    Violation,
    ViolationKind,
    VisitItem,
)
from .permissions import SUPERVISION
from .supervision_filters import (
    CampaignFilterSet,
    ComplaintFilterSet,
    InspectorFilterSet,
    PlanFilterSet,
    ViolationFilterSet,
    VisitFilterSet,
)

DISTRICT = (Area.Level.DISTRICT,)


def _by(serializer):
    return serializer.context["request"].user


def district_field(**kwargs):
    return AreaCodeField(levels=DISTRICT, help_text="the district's code (440303)", error_messages={
        "does_not_exist": gettext_lazy("区代码“{value}”不存在或不在您的辖区内。")}, **kwargs)


class SupervisionViewSet:
    access = SUPERVISION


class ReadsOnly(AccessPermission):
    """An action that changes nothing (verify): reading the view's records is enough, whatever the method."""

    def has_permission(self, request, view):
        access = access_of(view)
        if access.allows(request.user, write=False):
            return True
        if signed_in(request.user):
            self.message = access.read_refused
        return False


# --- Annual inspection --------------------------------------------------------------------------------------


class CampaignSerializer(serializers.ModelSerializer):
    district = district_field()

    class Meta:
        model = InspectionCampaign
        fields = ["id", "district", "year", "kind", "started_on", "meeting_on", "meeting_notes"]
        read_only_fields = ["meeting_on", "meeting_notes"]
        validators = []  # once per district, year and kind: the service says so in its words

    def create(self, validated):
        return supervision.campaign_create(campaign=InspectionCampaign(**validated), by=_by(self))


class MeetingSerializer(OnSerializer):
    notes = serializers.CharField()


class CampaignViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = InspectionCampaign.objects.select_related("district").order_by("-year", "district", "kind")
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    ordering_fields = ["year", "started_on"]

    meeting = service_action("meeting", supervision.campaign_record_meeting, payload=MeetingSerializer,
                             target="campaign")


class InspectionResultSerializer(serializers.ModelSerializer):
    campaign = VisibleField(InspectionCampaign)
    firm = VisibleField(LawFirm, required=False, allow_null=True)
    lawyer = VisibleField(Lawyer, required=False, allow_null=True)
    violations = serializers.PrimaryKeyRelatedField(many=True, read_only=True,
                                                    help_text="the problems assigned at the meeting")

    class Meta:
        model = InspectionResult
        fields = ["id", "campaign", "firm", "lawyer", "materials_received_on", "findings", "grade", "graded_on",
                  "violations"]
        validators = []  # one result per subject: the model's constraint, refused by the service's full_clean

    def create(self, validated):
        return supervision.inspection_result_save(result=InspectionResult(**validated), by=_by(self))

    def update(self, instance, validated):
        for name in ("campaign", "firm", "lawyer"):  # the subject of a recorded result stays
            validated.pop(name, None)
        for name, value in validated.items():
            setattr(instance, name, value)
        return supervision.inspection_result_save(result=instance, by=_by(self))


class ProblemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ViolationKind.choices)
    description = serializers.CharField()
    deadline = serializers.DateField(required=False, allow_null=True, default=None,
                                     help_text="with a deadline, the notice is issued at the meeting")


class InspectionResultViewSet(SupervisionViewSet, ReadWriteViewSet):
    queryset = InspectionResult.objects.select_related("campaign").prefetch_related("violations").order_by("id")
    serializer_class = InspectionResultSerializer
    filterset_fields = ["campaign", "grade"]

    problem = service_action("problem", supervision.problem_assign, payload=ProblemSerializer, target="result")


# --- Inspectors, plans, draws -----------------------------------------------------------------------------------


class InspectorSerializer(serializers.ModelSerializer):
    district = district_field()

    class Meta:
        model = Inspector
        fields = ["id", "district", "name", "unit", "certificate_number", "is_active"]
        validators = []  # one certificate number per district: the service names it

    def create(self, validated):
        return supervision.inspector_save(inspector=Inspector(**validated), by=_by(self))

    def update(self, instance, validated):
        for name, value in validated.items():
            setattr(instance, name, value)
        return supervision.inspector_save(inspector=instance, by=_by(self))


class InspectorViewSet(SupervisionViewSet, ReadWriteViewSet):
    queryset = Inspector.objects.select_related("district").order_by("district", "name", "pk")
    serializer_class = InspectorSerializer
    filterset_class = InspectorFilterSet
    ordering_fields = ["name", "certificate_number"]


class DrawSerializer(serializers.ModelSerializer):
    drawn_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Draw
        fields = ["id", "plan", "seed", "algorithm", "firm_pool", "inspector_pool", "firms_drawn", "inspectors_drawn",
                  "drawn_at", "drawn_by", "replaces", "reason"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    district = district_field()
    current_draw = serializers.SerializerMethodField()

    class Meta:
        model = RandomInspectionPlan
        fields = ["id", "district", "title", "year", "firms_to_draw", "inspectors_to_draw", "status",
                  "published_on", "current_draw"]
        read_only_fields = ["status", "published_on"]

    @extend_schema(responses=DrawSerializer(allow_null=True))
    def get_current_draw(self, plan) -> dict | None:
        draws = sorted(plan.draws.all(), key=lambda d: (d.drawn_at, d.pk))  # prefetched: no query per plan
        return DrawSerializer(draws[-1]).data if draws else None

    def create(self, validated):
        return supervision.plan_create(plan=RandomInspectionPlan(**validated), by=_by(self))


class NothingSerializer(serializers.Serializer):
    """No payload: the system draws."""


class RedrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, help_text="why the plan is drawn again (kept with the draw)")


VerifySerializer = inline_serializer("DrawVerification", {
    "matches": serializers.BooleanField(),
    "draw": serializers.IntegerField(),
    "algorithm": serializers.CharField(),
    "seed": serializers.CharField(),
    "firms_drawn": serializers.ListField(child=serializers.IntegerField()),
    "firms_recomputed": serializers.ListField(child=serializers.IntegerField()),
    "inspectors_drawn": serializers.ListField(child=serializers.IntegerField()),
    "inspectors_recomputed": serializers.ListField(child=serializers.IntegerField()),
})


def verification(draw, user):
    """The verify action's answer: whether the stored draw is what its seed, pools and algorithm give."""
    matches = supervision.draw_verify(draw=draw, by=user)
    firms, inspectors = draw.recompute() if draw.algorithm in DRAW_ALGORITHMS else ([], [])
    return {"matches": matches, "draw": draw.pk, "algorithm": draw.algorithm, "seed": draw.seed,
            "firms_drawn": draw.firms_drawn, "firms_recomputed": firms,
            "inspectors_drawn": draw.inspectors_drawn, "inspectors_recomputed": inspectors}


class PlanViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = (RandomInspectionPlan.objects.select_related("district").prefetch_related("draws__drawn_by")
                .order_by("-year", "-id"))
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    ordering_fields = ["year", "published_on"]

    draw = service_action("draw", supervision.plan_draw, payload=NothingSerializer, target="plan")
    redraw = service_action("redraw", supervision.plan_draw, payload=RedrawSerializer, target="plan")
    publish = service_action("publish", supervision.plan_publish, payload=OnSerializer, target="plan")

    @extend_schema(request=None, responses=VerifySerializer)
    @action(detail=True, methods=["get", "post"], permission_classes=[ReadsOnly])
    def verify(self, request, pk=None):
        """Recompute the plan's current draw from its stored seed and pools (read-only)."""
        draw = self.get_object().current_draw
        if draw is None:
            raise NotFound(_("该计划尚未抽取。"))
        return Response(verification(draw, request.user))


class DrawViewSet(SupervisionViewSet, ReadViewSet):
    """Every draw, a re-draw naming the one it replaces; read-only."""

    queryset = Draw.objects.select_related("drawn_by").order_by("-drawn_at", "-id")
    serializer_class = DrawSerializer
    filterset_fields = ["plan"]

    @extend_schema(request=None, responses=VerifySerializer)
    @action(detail=True, methods=["get", "post"], permission_classes=[ReadsOnly])
    def verify(self, request, pk=None):
        """Recompute this draw from its stored seed and pools (read-only)."""
        return Response(verification(self.get_object(), request.user))


class RandomResultSerializer(serializers.ModelSerializer):
    plan = VisibleField(RandomInspectionPlan)
    firm = VisibleField(LawFirm)

    class Meta:
        model = RandomInspectionResult
        fields = ["id", "plan", "firm", "inspected_on", "outcome", "findings"]
        validators = []

    def create(self, validated):
        return supervision.random_result_record(result=RandomInspectionResult(**validated), by=_by(self))


class RandomResultViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = RandomInspectionResult.objects.order_by("plan", "id")
    serializer_class = RandomResultSerializer
    filterset_fields = ["plan", "outcome"]


# --- Visits --------------------------------------------------------------------------------------------------


class VisitSerializer(serializers.ModelSerializer):
    district = district_field()
    firm = VisibleField(LawFirm)
    items = serializers.ListField(child=serializers.ChoiceField(choices=VisitItem.choices), allow_empty=False)

    class Meta:
        model = SupervisionVisit
        fields = ["id", "district", "firm", "visited_on", "items", "visitors", "findings"]

    def create(self, validated):
        return supervision.visit_record(visit=SupervisionVisit(**validated), by=_by(self))


class VisitViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = SupervisionVisit.objects.select_related("district").order_by("-visited_on", "-id")
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    ordering_fields = ["visited_on"]


# --- Complaints ------------------------------------------------------------------------------------------------


class LawyerComplaintSerializer(serializers.ModelSerializer):
    district = district_field()
    lawyer = VisibleField(Lawyer, required=False, allow_null=True)
    firm = VisibleField(LawFirm, required=False, allow_null=True)
    transferred_from = AreaCodeField(levels=DISTRICT, anywhere=True, required=False, allow_null=True,
                                     help_text="他区移交: the transferring district's code")

    class Meta:
        model = Complaint
        fields = ["id", "district", "lawyer", "firm", "source", "transferred_from", "complainant_name",
                  "complainant_phone", "summary", "received_on", "acceptance_due_on", "accepted_on",
                  "not_accepted_on", "not_accepted_reason", "conclusion_due_on", "investigation_notes", "finding",
                  "handling", "replied_on", "reply_way", "concluded_on", "status"]
        read_only_fields = ["acceptance_due_on", "accepted_on", "not_accepted_on", "not_accepted_reason",
                            "conclusion_due_on", "investigation_notes", "finding", "handling", "replied_on",
                            "reply_way", "concluded_on", "status"]

    def create(self, validated):
        return supervision.complaint_register(complaint=Complaint(**validated), by=_by(self))


class RejectSerializer(OnSerializer):
    reason = serializers.CharField(max_length=200)


class InvestigateSerializer(serializers.Serializer):
    notes = serializers.CharField()


class ConcludeSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=Finding.choices)
    handling = serializers.ChoiceField(choices=Handling.choices)
    replied_on = serializers.DateField()
    reply_way = serializers.ChoiceField(choices=ReplyWay.choices)
    concluded_on = serializers.DateField()
    notes = serializers.CharField(required=False, help_text="the investigation notes, if not recorded before")


class ComplaintViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = Complaint.objects.select_related("district", "transferred_from").order_by("-received_on", "-id")
    serializer_class = LawyerComplaintSerializer
    filterset_class = ComplaintFilterSet
    ordering_fields = ["received_on", "acceptance_due_on", "conclusion_due_on"]

    accept = service_action("accept", supervision.complaint_accept, payload=OnSerializer, target="complaint")
    reject = service_action("reject", supervision.complaint_reject, payload=RejectSerializer, target="complaint")
    investigate = service_action("investigate", supervision.complaint_investigate, payload=InvestigateSerializer,
                                 target="complaint")
    conclude = service_action("conclude", supervision.complaint_conclude, payload=ConcludeSerializer,
                              target="complaint")


# --- Violations --------------------------------------------------------------------------------------------------


class LawyerViolationSerializer(serializers.ModelSerializer):
    district = district_field()
    inspection_result = VisibleField(InspectionResult, required=False, allow_null=True)
    random_result = VisibleField(RandomInspectionResult, required=False, allow_null=True)
    visit = VisibleField(SupervisionVisit, required=False, allow_null=True)
    complaint = VisibleField(Complaint, required=False, allow_null=True)
    lawyer = VisibleField(Lawyer, required=False, allow_null=True)
    firm = VisibleField(LawFirm, required=False, allow_null=True)

    class Meta:
        model = Violation
        fields = ["id", "district", "kind", "found_by", "campaign_name", "inspection_result", "random_result",
                  "visit", "complaint", "lawyer", "firm", "description", "found_on", "notice_on", "deadline",
                  "extended_on", "extension_reason", "evidence_on", "evidence_note", "rechecked_on",
                  "recheck_passed", "recheck_note", "closed_on", "status"]
        read_only_fields = ["notice_on", "deadline", "extended_on", "extension_reason", "evidence_on",
                            "evidence_note", "rechecked_on", "recheck_passed", "recheck_note", "closed_on", "status"]

    def create(self, validated):
        return supervision.violation_register(violation=Violation(**validated), by=_by(self))


class NotifySerializer(OnSerializer):
    deadline = serializers.DateField()


class EvidenceSerializer(OnSerializer):
    note = serializers.CharField()


class RecheckSerializer(OnSerializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    new_deadline = serializers.DateField(required=False, allow_null=True, default=None,
                                         help_text="when the re-check fails: the new deadline")


class ExtendSerializer(OnSerializer):
    deadline = serializers.DateField()
    reason = serializers.CharField(max_length=200)


class ViolationViewSet(SupervisionViewSet, ReadCreateViewSet):
    queryset = Violation.objects.select_related("district").order_by("-found_on", "-id")
    serializer_class = LawyerViolationSerializer
    filterset_class = ViolationFilterSet
    ordering_fields = ["found_on", "deadline", "closed_on"]

    notify = service_action("notify", supervision.violation_notify, payload=NotifySerializer, target="violation")
    evidence = service_action("evidence", supervision.violation_submit_evidence, payload=EvidenceSerializer,
                              target="violation")
    recheck = service_action("recheck", supervision.violation_recheck, payload=RecheckSerializer,
                             target="violation")
    extend = service_action("extend", supervision.violation_extend, payload=ExtendSerializer, target="violation")


def register(router):
    router.register("lawyers/campaigns", CampaignViewSet, basename="lawyers-campaign")
    router.register("lawyers/inspection-results", InspectionResultViewSet, basename="lawyers-inspectionresult")
    router.register("lawyers/inspectors", InspectorViewSet, basename="lawyers-inspector")
    router.register("lawyers/plans", PlanViewSet, basename="lawyers-plan")
    router.register("lawyers/draws", DrawViewSet, basename="lawyers-draw")
    router.register("lawyers/random-results", RandomResultViewSet, basename="lawyers-randomresult")
    router.register("lawyers/visits", VisitViewSet, basename="lawyers-visit")
    router.register("lawyers/complaints", ComplaintViewSet, basename="lawyers-complaint")
    router.register("lawyers/violations", ViolationViewSet, basename="lawyers-violation")

"""/api/v1/normative_docs/…: major decisions, enforcement supervision, counsel, legal affairs, 述法 and the
assessment, with the pages' visibility (a unit user sees its own unit's records), FilterSets and services
(normative_docs.rol_services); a refused write answers 400 with the Chinese reason and changes nothing. The
section writes; a unit user and the read-only roles read (rol_common.SECTION)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from bureau.api import AreaCodeField, OnSerializer, ReadCreateViewSet, VisibleField, service_action
from bureau.models import Area

from . import rol_filters as filters
from . import rol_services as services
from .models import (
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
from .views.rol_common import SECTION

DISTRICT = (Area.Level.DISTRICT,)


def _by(serializer):
    return serializer.context["request"].user


class SectionViewSet(ReadCreateViewSet):
    access = SECTION


# --- Major decisions --------------------------------------------------------------------------------------


class MajorDecisionSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)
    steps = serializers.SerializerMethodField()

    class Meta:
        model = MajorDecision
        fields = ["id", "year", "title", "unit", "hearing", "catalogued_on", "status", "done_on", "withdrawn_on",
                  "note", "steps"]
        read_only_fields = ["status", "done_on", "withdrawn_on"]

    def get_steps(self, obj) -> dict:
        return {s.step: s.done_on.isoformat() for s in obj.steps.all()}

    def create(self, validated):
        return services.major_decision_catalogue(decision=MajorDecision(**validated), by=_by(self))


class StepSerializer(OnSerializer):
    step = serializers.ChoiceField(choices=Step.choices)
    note = serializers.CharField(max_length=300, required=False, default="")


class WithdrawSerializer(OnSerializer):
    reason = serializers.CharField(max_length=300)


class MajorDecisionViewSet(SectionViewSet):
    queryset = MajorDecision.objects.select_related("unit").prefetch_related("steps")
    serializer_class = MajorDecisionSerializer
    filterset_class = filters.MajorDecisionFilterSet
    ordering_fields = ["catalogued_on", "year"]

    step = service_action("step", services.major_decision_step_record, payload=StepSerializer, target="decision")
    complete = service_action("complete", services.major_decision_complete, payload=OnSerializer, target="decision")
    withdraw = service_action("withdraw", services.major_decision_withdraw, payload=WithdrawSerializer,
                              target="decision")


# --- Enforcement supervision ------------------------------------------------------------------------------


class FileReviewSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)

    class Meta:
        model = FileReview
        fields = ["id", "area", "title", "started_on", "ended_on"]

    def create(self, validated):
        return services.file_review_start(review=FileReview(**validated), by=_by(self))


class FileReviewViewSet(SectionViewSet):
    queryset = FileReview.objects.select_related("area")
    serializer_class = FileReviewSerializer
    filterset_class = filters.FileReviewFilterSet


class ReviewedFileSerializer(serializers.ModelSerializer):
    review = VisibleField(FileReview)
    unit = VisibleField(Unit)

    class Meta:
        model = ReviewedFile
        fields = ["id", "review", "unit", "file_number", "case_title", "score", "reviewed_on", "problems",
                  "rectify_by", "rectified_on"]
        read_only_fields = ["rectified_on"]

    def create(self, validated):
        return services.reviewed_file_record(file=ReviewedFile(**validated), by=_by(self))


class ReviewedFileViewSet(SectionViewSet):
    queryset = ReviewedFile.objects.select_related("unit")
    serializer_class = ReviewedFileSerializer
    filterset_class = filters.ReviewedFileFilterSet

    rectify = service_action("rectify", services.reviewed_file_rectify, payload=OnSerializer, target="file")


class EnforcementTrainingSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    units = VisibleField(Unit, many=True, required=False)

    class Meta:
        model = EnforcementTraining
        fields = ["id", "area", "title", "held_on", "hours", "attendances", "units"]

    def create(self, validated):
        units = validated.pop("units", [])
        return services.enforcement_training_record(training=EnforcementTraining(**validated), units=units,
                                                    by=_by(self))


class EnforcementTrainingViewSet(SectionViewSet):
    queryset = EnforcementTraining.objects.prefetch_related("units")
    serializer_class = EnforcementTrainingSerializer
    filterset_class = filters.EnforcementTrainingFilterSet


class OfficerSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)
    certificate_number = serializers.CharField(max_length=30)  # uniqueness: the service's own words

    class Meta:
        model = EnforcementOfficer
        fields = ["id", "unit", "name", "certificate_number", "valid_until", "revoked_on"]
        read_only_fields = ["revoked_on"]

    def create(self, validated):
        return services.officer_register(officer=EnforcementOfficer(**validated), by=_by(self))


class OfficerViewSet(SectionViewSet):
    queryset = EnforcementOfficer.objects.select_related("unit")
    serializer_class = OfficerSerializer
    filterset_class = filters.OfficerFilterSet


# --- Counsel, legal affairs, 述法 ------------------------------------------------------------------------------


class PractisingField(serializers.PrimaryKeyRelatedField):
    """A firm or lawyer of the city's registry (lawyers.LawFirm / Lawyer), practising: counsel may come from
    any district."""

    def __init__(self, model_name, **kwargs):
        self.model_name = model_name
        super().__init__(**kwargs)

    def get_queryset(self):
        from django.apps import apps

        return apps.get_model("lawyers", self.model_name).objects.practising()


class EngagementSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)
    firm = PractisingField("LawFirm")
    lawyers = PractisingField("Lawyer", many=True)

    class Meta:
        model = CounselEngagement
        fields = ["id", "unit", "firm", "lawyers", "started_on", "ended_on", "fee", "evaluation", "evaluated_on"]
        read_only_fields = ["evaluation", "evaluated_on"]

    def create(self, validated):
        lawyers = validated.pop("lawyers")
        return services.engagement_register(engagement=CounselEngagement(**validated), lawyers=lawyers, by=_by(self))


class EvaluateSerializer(OnSerializer):
    evaluation = serializers.ChoiceField(choices=Evaluation.choices)


class EngagementViewSet(SectionViewSet):
    queryset = CounselEngagement.objects.prefetch_related("lawyers")
    serializer_class = EngagementSerializer
    filterset_class = filters.EngagementFilterSet

    evaluate = service_action("evaluate", services.engagement_evaluate, payload=EvaluateSerializer,
                              target="engagement")


class LegalAffairSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)
    engagement = VisibleField(CounselEngagement, required=False, allow_null=True)

    class Meta:
        model = LegalAffair
        fields = ["id", "unit", "kind", "title", "handler", "engagement", "handled_on", "amount"]

    def create(self, validated):
        return services.legal_affair_record(affair=LegalAffair(**validated), by=_by(self))


class LegalAffairViewSet(SectionViewSet):
    queryset = LegalAffair.objects.all()
    serializer_class = LegalAffairSerializer
    filterset_class = filters.LegalAffairFilterSet


class ShufaSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)

    class Meta:
        model = ShufaReport
        fields = ["id", "unit", "year", "leader_name", "leader_title", "form", "reported_on"]

    def create(self, validated):
        return services.shufa_record(report=ShufaReport(**validated), by=_by(self))


class ShufaViewSet(SectionViewSet):
    queryset = ShufaReport.objects.all()
    serializer_class = ShufaSerializer
    filterset_class = filters.ShufaFilterSet


# --- The assessment ---------------------------------------------------------------------------------------


class RoundSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)

    class Meta:
        model = AssessmentRound
        fields = ["id", "area", "year", "title", "status", "closed_on"]
        read_only_fields = ["status", "closed_on"]
        validators = []  # one round a year: the service's own words

    def create(self, validated):
        return services.round_create(round=AssessmentRound(**validated), by=_by(self))


class ScoreLineSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    comment = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class ScoresSerializer(serializers.Serializer):
    unit = VisibleField(Unit)
    scores = ScoreLineSerializer(many=True)


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.name")
    points = serializers.ListField(child=serializers.DecimalField(max_digits=7, decimal_places=2))
    total = serializers.DecimalField(max_digits=7, decimal_places=2)
    scored = serializers.IntegerField()


class RoundViewSet(SectionViewSet):
    queryset = AssessmentRound.objects.select_related("area")
    serializer_class = RoundSerializer
    filterset_class = filters.RoundFilterSet

    @extend_schema(request=ScoresSerializer, responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """One unit's scores ({unit, scores: [{item, score, comment}]}); answers the ranking."""
        round_ = self.get_object()
        data = ScoresSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        items = {i.pk: i for i in AssessmentItem.objects.filter(category__round=round_).select_related("category")}
        lines = data.validated_data["scores"]
        unknown = [line["item"] for line in lines if line["item"] not in items]
        if unknown:
            raise serializers.ValidationError({"scores": _("考评项目%(i)s不属于本次考评。") % {"i": unknown}})
        services.scores_enter(round=round_, unit=data.validated_data["unit"], by=request.user, scores={
            items[line["item"]]: (line["score"], line["comment"]) for line in lines})
        return self.ranking(request, pk)

    @extend_schema(responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        """The units' points by category, totals and dense ranks (a unit user: its own row)."""
        round_ = self.get_object()
        _categories, rows = round_.results()
        own = set(Unit.objects.visible_to(request.user).values_list("pk", flat=True))
        return Response(RankingRowSerializer([row for row in rows if row.unit.pk in own], many=True).data)


def register(router):
    router.register("normative_docs/decisions", MajorDecisionViewSet, basename="normative_docs-decision")
    router.register("normative_docs/file-reviews", FileReviewViewSet, basename="normative_docs-filereview")
    router.register("normative_docs/reviewed-files", ReviewedFileViewSet, basename="normative_docs-reviewedfile")
    router.register("normative_docs/enforcement-trainings", EnforcementTrainingViewSet,
                    basename="normative_docs-enforcementtraining")
    router.register("normative_docs/officers", OfficerViewSet, basename="normative_docs-officer")
    router.register("normative_docs/counsel", EngagementViewSet, basename="normative_docs-engagement")
    router.register("normative_docs/legal-affairs", LegalAffairViewSet, basename="normative_docs-legalaffair")
    router.register("normative_docs/shufa", ShufaViewSet, basename="normative_docs-shufa")
    router.register("normative_docs/assessment-rounds", RoundViewSet, basename="normative_docs-round")

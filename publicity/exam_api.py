"""API of the law exam and 谁执法谁普法 evaluation (publicity/api.py calls register): /api/v1/publicity/exams/,
exam-units/ (with counts and rates), participants/ (ID numbers masked), evaluation-indexes/, responsibilities/,
evaluations/ (ranked). The pages' FilterSets and visibility; every write goes through exam_services. Results
come in through the import (publicity.participant), not one by one."""

from rest_framework import serializers

from bureau.api import AreaCodeField, MaskedIDField, ReadCreateViewSet, ReadViewSet, VisibleField
from bureau.models import Area
from normative_docs.models import Unit

from . import exam_filters as filters
from . import exam_services as services
from .apps import FUNCTION
from .models import Evaluation, EvaluationIndex, Exam, ExamUnit, Participant, Responsibility

DISTRICT = (Area.Level.DISTRICT,)


def _by(serializer):
    return serializer.context["request"].user


class ExamSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    eligible_total = serializers.IntegerField(read_only=True)
    participant_count = serializers.IntegerField(read_only=True)
    passed_count = serializers.IntegerField(read_only=True)
    excellent_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Exam
        fields = ["id", "area", "year", "name", "held_from", "held_to", "pass_score", "excellent_score",
                  "participation_threshold", "note", "eligible_total", "participant_count", "passed_count",
                  "excellent_count"]
        validators = []  # exam_create refuses a second exam of the year in its own words

    def create(self, validated):
        exam = services.exam_create(exam=Exam(**validated), by=_by(self))
        return Exam.objects.with_counts().get(pk=exam.pk)


class ExamViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Exam.objects.select_related("area").with_counts()
    serializer_class = ExamSerializer
    filterset_class = filters.ExamFilterSet


class ExamUnitSerializer(serializers.ModelSerializer):
    exam = VisibleField(Exam)
    unit = VisibleField(Unit)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    participants = serializers.IntegerField(read_only=True)
    passed = serializers.IntegerField(read_only=True)
    excellent = serializers.IntegerField(read_only=True)
    participation_rate = serializers.DecimalField(max_digits=6, decimal_places=4, read_only=True)
    excellent_rate = serializers.DecimalField(max_digits=6, decimal_places=4, read_only=True)

    class Meta:
        model = ExamUnit
        fields = ["id", "exam", "unit", "unit_name", "eligible", "participants", "passed", "excellent",
                  "participation_rate", "excellent_rate"]
        validators = []  # a unit already listed has its count changed (exam_unit_set)

    def create(self, validated):
        row = services.exam_unit_set(exam=validated["exam"], unit=validated["unit"], eligible=validated["eligible"],
                                     by=_by(self))
        return ExamUnit.objects.with_counts().select_related("unit").get(pk=row.pk)


class ExamUnitFilterSet(filters.ExamUnitFilterSet):
    class Meta(filters.ExamUnitFilterSet.Meta):
        fields = [*filters.ExamUnitFilterSet.Meta.fields, "exam"]


class ExamUnitViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = ExamUnit.objects.select_related("unit", "exam").with_counts()
    serializer_class = ExamUnitSerializer
    filterset_class = ExamUnitFilterSet


class ParticipantSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    id_number = MaskedIDField(read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "exam", "unit", "unit_name", "name", "staff_number", "id_number", "score", "taken_on"]


class ParticipantViewSet(ReadViewSet):
    function = FUNCTION
    queryset = Participant.objects.select_related("unit")
    serializer_class = ParticipantSerializer
    filterset_class = filters.ParticipantFilterSet


class EvaluationIndexSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)

    class Meta:
        model = EvaluationIndex
        fields = ["id", "area", "year", "order", "name", "max_score", "description"]
        validators = []

    def create(self, validated):
        return services.evaluation_index_add(index=EvaluationIndex(**validated), by=_by(self))


class EvaluationIndexViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = EvaluationIndex.objects.select_related("area")
    serializer_class = EvaluationIndexSerializer
    filterset_class = filters.EvaluationIndexFilterSet


class ResponsibilitySerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    unit = VisibleField(Unit)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Responsibility
        fields = ["id", "area", "year", "unit", "unit_name", "content", "audience", "basis"]

    def create(self, validated):
        return services.responsibility_add(responsibility=Responsibility(**validated), by=_by(self))


class ResponsibilityViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Responsibility.objects.select_related("area", "unit")
    serializer_class = ResponsibilitySerializer
    filterset_class = filters.ResponsibilityFilterSet


class ScoreSerializer(serializers.Serializer):
    index = VisibleField(EvaluationIndex)
    score = serializers.DecimalField(max_digits=5, decimal_places=1)


class EvaluationSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    unit = VisibleField(Unit)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    rank = serializers.IntegerField(read_only=True)
    scores = ScoreSerializer(many=True)

    class Meta:
        model = Evaluation
        fields = ["id", "area", "year", "unit", "unit_name", "evaluated_on", "scores", "total", "rank", "comment"]
        read_only_fields = ["total"]
        validators = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["scores"] = [{"index": s.index_id, "score": str(s.score)} for s in instance.scores.all()]
        return data

    def create(self, validated):
        scores = {row["index"]: row["score"] for row in validated.pop("scores")}
        evaluation = services.evaluation_record(evaluation=Evaluation(**validated), scores=scores, by=_by(self))
        return Evaluation.objects.ranked().prefetch_related("scores").get(pk=evaluation.pk)


class EvaluationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Evaluation.objects.select_related("area", "unit").prefetch_related("scores").ranked()
    serializer_class = EvaluationSerializer
    filterset_class = filters.EvaluationFilterSet


def register(router):
    router.register("publicity/exams", ExamViewSet, basename="publicity-exam")
    router.register("publicity/exam-units", ExamUnitViewSet, basename="publicity-examunit")
    router.register("publicity/participants", ParticipantViewSet, basename="publicity-participant")
    router.register("publicity/evaluation-indexes", EvaluationIndexViewSet, basename="publicity-evaluationindex")
    router.register("publicity/responsibilities", ResponsibilityViewSet, basename="publicity-responsibility")
    router.register("publicity/evaluations", EvaluationViewSet, basename="publicity-evaluation")

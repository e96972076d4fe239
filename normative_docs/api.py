"""/api/v1/normative_docs/: units, documents (with their review rounds), reconsiderations and litigations (with
their hearings), with the pages' visibility (a unit user: their own unit's records), permissions and FilterSets
(normative_docs.filters).

Every write goes through normative_docs.services: creating a document submits it (`document_submit`), and its
moves are actions (`POST …/documents/{id}/review/`, `resubmit`, `issue`, `file`, `assess`, `close`; on a
reconsideration `accept`, `refuse`, `extend`, `decide`; on a lawsuit `hearings`, `conclude`); a refused move
answers 400 with the Chinese reason and changes nothing. The new parts' endpoints come from extra_api.py.
"""

from rest_framework import serializers

from bureau.api import AreaCodeField, OnSerializer, ReadCreateViewSet, VisibleField, service_action
from bureau.models import Area

from . import extra_api, filters, services
from .apps import FUNCTION
from .models import (
    Assessment,
    Decision,
    Document,
    Hearing,
    Judgment,
    Litigation,
    Material,
    Reconsideration,
    ReviewRound,
    Status,
    Unit,
)

DISTRICT = (Area.Level.DISTRICT,)


def _by(serializer):
    return serializer.context["request"].user


# --- Units ------------------------------------------------------------------------------------------------


class UnitSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)

    class Meta:
        model = Unit
        fields = ["id", "area", "name", "kind", "is_active"]
        read_only_fields = ["is_active"]
        validators = []  # the service says it (本区已有名为…的单位)

    def create(self, validated):
        return services.unit_register(unit=Unit(**validated), by=_by(self))


class UnitViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Unit.objects.select_related("area")
    serializer_class = UnitSerializer
    ordering_fields = ["name"]
    filterset_class = filters.UnitFilterSet


# --- Documents --------------------------------------------------------------------------------------------


class ReviewRoundSerializer(serializers.ModelSerializer):
    submitted_by = serializers.StringRelatedField()
    reviewed_by = serializers.StringRelatedField()

    class Meta:
        model = ReviewRound
        fields = ["number", "submitted_on", "due_on", "submitted_by", "note", "concluded_on", "result", "opinions",
                  "reviewed_by"]


DOCUMENT_WRITABLE = {"unit", "kind", "topic", "title", "materials", "submitted_on"}


class DocumentSerializer(serializers.ModelSerializer):
    unit = VisibleField(Unit)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    materials = serializers.ListField(child=serializers.ChoiceField(choices=Material.choices), required=False)
    rounds = ReviewRoundSerializer(many=True, read_only=True)
    submitted_by = serializers.StringRelatedField()

    class Meta:
        model = Document
        fields = ["id", "area", "unit", "kind", "topic", "title", "materials", "status", "submitted_on",
                  "submitted_by", "reviewed_on", "number", "issued_on", "valid_until", "filing_due_on", "filed_on",
                  "filing_number", "assessed_on", "assessment", "closed_on", "rounds"]
        read_only_fields = [f for f in fields if f not in DOCUMENT_WRITABLE]

    def create(self, validated):
        return services.document_submit(document=Document(**validated), by=_by(self))


class ReviewSerializer(OnSerializer):
    passed = serializers.BooleanField()
    opinions = serializers.CharField(required=False, allow_blank=True, default="")


class ResubmitSerializer(OnSerializer):
    materials = serializers.ListField(child=serializers.ChoiceField(choices=Material.choices), required=False,
                                      default=None, help_text="the materials sent now; those of before if omitted")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class IssueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, help_text="e.g. 深罗规〔2026〕1号")
    issued_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class FileSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    filing_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)


class AssessSerializer(OnSerializer):
    conclusion = serializers.ChoiceField(choices=Assessment.choices)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


class CloseSerializer(OnSerializer):
    outcome = serializers.ChoiceField(choices=[(s.value, s.label) for s in (Status.AMENDED, Status.REPEALED,
                                                                            Status.EXPIRED)])


class DocumentViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Document.objects.select_related("area", "unit", "submitted_by").prefetch_related(
        "rounds__submitted_by", "rounds__reviewed_by")
    serializer_class = DocumentSerializer
    ordering_fields = ["submitted_on", "issued_on", "title"]
    filterset_class = filters.DocumentFilterSet

    review = service_action("review", services.document_review, payload=ReviewSerializer, target="document")
    resubmit = service_action("resubmit", services.document_resubmit, payload=ResubmitSerializer,
                              target="document")
    issue = service_action("issue", services.document_issue, payload=IssueSerializer, target="document")
    file = service_action("file", services.document_file, payload=FileSerializer, target="document")
    assess = service_action("assess", services.document_assess, payload=AssessSerializer, target="document")
    close = service_action("close", services.document_close, payload=CloseSerializer, target="document")


# --- Reconsideration --------------------------------------------------------------------------------------

RECONSIDERATION_WRITABLE = {"area", "applicant", "respondent", "respondent_unit", "matter", "channel", "summary",
                            "received_on", "known_on", "rights_told", "delay_reason"}


class ReconsiderationSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    respondent_unit = VisibleField(Unit, required=False, allow_null=True)
    application_deadline = serializers.DateField(read_only=True)

    class Meta:
        model = Reconsideration
        fields = ["id", "number", "area", "applicant", "respondent", "respondent_unit", "matter", "channel",
                  "summary", "received_on", "known_on", "rights_told", "delay_reason", "application_deadline",
                  "acceptance_due_on", "status", "accepted_on", "simple_procedure",
                  "decision_due_on", "extended_on", "extension_reason", "refused_on", "refusal_reason",
                  "decided_on", "decision"]
        read_only_fields = [f for f in fields if f not in RECONSIDERATION_WRITABLE]

    def create(self, validated):
        return services.reconsideration_receive(case=Reconsideration(**validated), by=_by(self))


class AcceptSerializer(OnSerializer):
    simple_procedure = serializers.BooleanField(required=False, default=False)


class RefuseSerializer(OnSerializer):
    reason = serializers.CharField(max_length=200)


class ExtendSerializer(OnSerializer):
    reason = serializers.CharField(max_length=200)


class DecideSerializer(OnSerializer):
    decision = serializers.ChoiceField(choices=Decision.choices)


class ReconsiderationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Reconsideration.objects.select_related("area")
    serializer_class = ReconsiderationSerializer
    ordering_fields = ["received_on", "number", "decided_on"]
    filterset_class = filters.ReconsiderationFilterSet

    accept = service_action("accept", services.reconsideration_accept, payload=AcceptSerializer, target="case")
    refuse = service_action("refuse", services.reconsideration_refuse, payload=RefuseSerializer, target="case")
    extend = service_action("extend", services.reconsideration_extend, payload=ExtendSerializer, target="case")
    decide = service_action("decide", services.reconsideration_decide, payload=DecideSerializer, target="case")


# --- Litigation -------------------------------------------------------------------------------------------

LITIGATION_WRITABLE = {"area", "case_number", "court", "instance", "plaintiff", "defendant", "defendant_unit",
                       "matter", "received_on"}


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "held_on", "head_appeared", "head_name", "head_title"]


class LitigationSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT)
    defendant_unit = VisibleField(Unit, required=False, allow_null=True)
    hearings = HearingSerializer(many=True, read_only=True)

    class Meta:
        model = Litigation
        fields = ["id", "area", "court", "case_number", "instance", "plaintiff", "defendant", "defendant_unit",
                  "matter", "received_on", "hearings", "concluded_on", "judgment", "lost"]
        read_only_fields = [f for f in fields if f not in LITIGATION_WRITABLE]
        validators = []  # the service says it (…案号…已登记)

    def create(self, validated):
        return services.litigation_register(case=Litigation(**validated), by=_by(self))


class HearingPayload(serializers.Serializer):
    held_on = serializers.DateField()
    head_appeared = serializers.BooleanField(required=False, default=False)
    head_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    head_title = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)


def hearing_add(*, case, by, **values):
    return services.hearing_record(hearing=Hearing(case=case, **values), by=by)


hearing_add.__doc__ = services.hearing_record.__doc__


class ConcludeSerializer(OnSerializer):
    judgment = serializers.ChoiceField(choices=Judgment.choices)


class LitigationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Litigation.objects.select_related("area").prefetch_related("hearings")
    serializer_class = LitigationSerializer
    ordering_fields = ["received_on", "concluded_on"]
    filterset_class = filters.LitigationFilterSet

    hearings = service_action("hearings", hearing_add, payload=HearingPayload, target="case")
    conclude = service_action("conclude", services.litigation_conclude, payload=ConcludeSerializer, target="case")


def register(router):
    router.register("normative_docs/units", UnitViewSet, basename="normative_docs-unit")
    router.register("normative_docs/documents", DocumentViewSet, basename="normative_docs-document")
    router.register("normative_docs/reconsiderations", ReconsiderationViewSet,
                    basename="normative_docs-reconsideration")
    router.register("normative_docs/litigations", LitigationViewSet, basename="normative_docs-litigation")
    extra_api.register(router)

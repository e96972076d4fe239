"""/api/v1/mediation/: organisations, mediators, trainings, screening and cases, with the pages' visibility
(a street sees its area, a mediator only their own committee), permissions and FilterSets (mediation.filters).

Every write goes through mediation.services: creating a case accepts it with its parties (`case_accept`), and
its moves are actions (`POST /api/v1/mediation/cases/{id}/start/` …); a refused move answers 400 with the
Chinese reason and changes nothing. Parties' ID numbers are only ever returned masked.
"""

import django_filters
from rest_framework import serializers

from bureau.api import (
    AreaCodeField,
    MaskedIDField,
    OnSerializer,
    ReadCreateViewSet,
    VisibleField,
    id_number_confirmed_field,
    service_action,
)
from bureau.filters import visible_streets
from bureau.models import Area

from . import filters, services
from .apps import FUNCTION
from .models import (
    AgreementForm,
    Case,
    ConfirmationResult,
    Extension,
    FoundDispute,
    Mediator,
    Organisation,
    Outcome,
    Party,
    Performance,
    ScreeningRound,
    Training,
)


def _by(serializer):
    return serializer.context["request"].user


def _street_filter():
    """The pages' `street` filter, named by the field it reads (`area`) so the schema types it."""
    return django_filters.ModelChoiceFilter(field_name="area", queryset=visible_streets, method="filter_street")


def _visible_rounds(request):
    return ScreeningRound.objects.visible_to(request.user) if request else ScreeningRound.objects.none()


class CaseFilterSet(filters.CaseFilterSet):
    street = _street_filter()


class OrganisationFilterSet(filters.OrganisationFilterSet):
    street = _street_filter()


class MediatorFilterSet(filters.MediatorFilterSet):
    street = _street_filter()


class TrainingFilterSet(filters.TrainingFilterSet):
    street = _street_filter()


class ScreeningRoundFilterSet(filters.ScreeningRoundFilterSet):
    street = _street_filter()


class FoundDisputeFilterSet(filters.FoundDisputeFilterSet):
    street = _street_filter()
    round = django_filters.ModelChoiceFilter(queryset=_visible_rounds)

    class Meta(filters.FoundDisputeFilterSet.Meta):
        fields = [*filters.FoundDisputeFilterSet.Meta.fields, "round"]


ALL_LEVELS = (Area.Level.DISTRICT, Area.Level.STREET, Area.Level.COMMUNITY)
LOCAL_LEVELS = (Area.Level.STREET, Area.Level.COMMUNITY)


# --- Organisations ----------------------------------------------------------------------------------------


class OrganisationSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=ALL_LEVELS)
    filing_due_on = serializers.DateField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "form", "sector", "area", "place", "founded_on", "closed_on", "filed_on",
                  "filing_number", "filing_due_on", "devices", "devices_installed_on"]
        read_only_fields = ["closed_on"]

    def create(self, validated):
        return services.organisation_register(organisation=Organisation(**validated), by=_by(self))


class FileSerializer(serializers.Serializer):
    filed_on = serializers.DateField()
    filing_number = serializers.CharField(max_length=50)


class DevicesSerializer(OnSerializer):
    count = serializers.IntegerField(min_value=0)


class OrganisationViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Organisation.objects.select_related("area")
    serializer_class = OrganisationSerializer
    ordering_fields = ["name", "founded_on"]
    filterset_class = OrganisationFilterSet

    file = service_action("file", services.organisation_file, payload=FileSerializer, target="organisation")
    devices = service_action("devices", services.organisation_devices_install, payload=DevicesSerializer,
                             target="organisation")
    close = service_action("close", services.organisation_close, payload=OnSerializer, target="organisation")


# --- Mediators and trainings ------------------------------------------------------------------------------


class MediatorSerializer(serializers.ModelSerializer):
    organisation = VisibleField(Organisation)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_advisor = serializers.BooleanField(read_only=True)

    class Meta:
        model = Mediator
        fields = ["id", "organisation", "area", "name", "kind", "phone", "from_on", "to_on", "lawyer", "user",
                  "is_advisor"]
        read_only_fields = ["to_on"]

    def create(self, validated):
        return services.mediator_appoint(mediator=Mediator(**validated), by=_by(self))


class MediatorViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Mediator.objects.select_related("area")
    serializer_class = MediatorSerializer
    ordering_fields = ["name", "from_on"]
    filterset_class = MediatorFilterSet

    leave = service_action("leave", services.mediator_leave, payload=OnSerializer, target="mediator")


class TrainingSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=ALL_LEVELS)
    attendance = serializers.IntegerField(read_only=True)

    class Meta:
        model = Training
        fields = ["id", "area", "title", "held_on", "online", "attendees", "stream_viewers", "attendance", "note"]

    def create(self, validated):
        return services.training_record(training=Training(**validated), by=_by(self))


class TrainingViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Training.objects.select_related("area")
    serializer_class = TrainingSerializer
    ordering_fields = ["held_on"]
    filterset_class = TrainingFilterSet


# --- Screening --------------------------------------------------------------------------------------------


class ScreeningRoundSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=LOCAL_LEVELS)
    organisation = VisibleField(Organisation, required=False, allow_null=True)
    created_by = serializers.StringRelatedField()

    class Meta:
        model = ScreeningRound
        fields = ["id", "area", "organisation", "started_on", "ended_on", "title", "created_by"]

    def create(self, validated):
        return services.screening_round_record(round=ScreeningRound(**validated), by=_by(self))


class ScreeningRoundViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = ScreeningRound.objects.select_related("area", "created_by")
    serializer_class = ScreeningRoundSerializer
    ordering_fields = ["started_on"]
    filterset_class = ScreeningRoundFilterSet


class FoundDisputeSerializer(serializers.ModelSerializer):
    round = VisibleField(ScreeningRound)
    area = AreaCodeField(levels=LOCAL_LEVELS, required=False, help_text="the round's area if omitted")

    class Meta:
        model = FoundDispute
        fields = ["id", "round", "area", "found_on", "dispute_type", "risk_level", "description", "parties", "case"]
        read_only_fields = ["case"]

    def create(self, validated):
        return services.dispute_record(dispute=FoundDispute(**validated), by=_by(self))


class FoundDisputeViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = FoundDispute.objects.select_related("area")
    serializer_class = FoundDisputeSerializer
    ordering_fields = ["found_on"]
    filterset_class = FoundDisputeFilterSet


# --- Cases ------------------------------------------------------------------------------------------------


class MediationPartySerializer(serializers.ModelSerializer):
    id_number = MaskedIDField(required=False, allow_null=True)

    class Meta:
        model = Party
        fields = ["id", "kind", "name", "id_number", "phone", "address"]


class ExtensionSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = Extension
        fields = ["agreed_on", "previous_due_on", "extended_to", "note", "by"]


CASE_WRITABLE = {"organisation", "source", "referred_by", "dispute_type", "summary", "amount_involved", "accepted_on",
                 "mediator", "co_mediators", "found_dispute", "parties", "id_number_confirmed"}


class MediationCaseSerializer(serializers.ModelSerializer):
    organisation = VisibleField(Organisation)
    mediator = VisibleField(Mediator)
    co_mediators = VisibleField(Mediator, many=True, required=False)
    found_dispute = VisibleField(FoundDispute, required=False, allow_null=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parties = MediationPartySerializer(many=True)
    extensions = ExtensionSerializer(many=True, read_only=True)
    concluded_due_on = serializers.DateField(read_only=True)
    confirmation_due_on = serializers.DateField(read_only=True)
    overdue = serializers.SerializerMethodField()
    id_number_confirmed = id_number_confirmed_field()

    class Meta:
        model = Case
        fields = [
            "id", "number", "organisation", "area", "source", "referred_by", "dispute_type", "summary",
            "amount_involved", "accepted_on", "mediator", "co_mediators", "found_dispute", "parties", "status",
            "mediation_started_on", "extended_to", "concluded_due_on", "overdue", "extensions", "concluded_on",
            "outcome", "failure_reason", "agreement_form", "agreement_signed_on", "agreement_content",
            "performance", "performed_on", "confirmation_due_on", "confirmation_applied_on",
            "confirmation_online", "confirmation_court", "confirmation_ruled_on", "confirmation_result",
            "escalation_risk", "escalation_flagged_on", "escalation_measures", "escalation_prevented",
            "id_number_confirmed",
        ]
        read_only_fields = [f for f in fields if f not in CASE_WRITABLE]

    def get_overdue(self, case) -> bool:
        return case.is_overdue()

    def create(self, validated):
        parties = [Party(**p) for p in validated.pop("parties")]
        return services.case_accept(
            case=Case(**{k: v for k, v in validated.items()
                         if k not in {"co_mediators", "found_dispute", "id_number_confirmed"}}),
            parties=parties, by=_by(self), co_mediators=validated.get("co_mediators", ()),
            found_dispute=validated.get("found_dispute"),
            id_number_confirmed=validated.get("id_number_confirmed", False),
        )


class ExtendSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    extended_to = serializers.DateField()
    note = serializers.CharField(max_length=200)


class MediationConcludeSerializer(OnSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    failure_reason = serializers.CharField(required=False, allow_blank=True, default="")
    agreement_form = serializers.ChoiceField(choices=AgreementForm.choices, required=False, allow_blank=True,
                                             default="")
    agreement_signed_on = serializers.DateField(required=False, allow_null=True, default=None)
    agreement_content = serializers.CharField(required=False, allow_blank=True, default="")


class PerformanceSerializer(OnSerializer):
    performance = serializers.ChoiceField(choices=[c for c in Performance.choices if c[0] != Performance.PENDING])


class ApplyConfirmationSerializer(serializers.Serializer):
    applied_on = serializers.DateField()
    online = serializers.BooleanField()
    court = serializers.CharField(max_length=100)


class ConfirmationRulingSerializer(serializers.Serializer):
    ruled_on = serializers.DateField()
    result = serializers.ChoiceField(choices=ConfirmationResult.choices)


class FlagEscalationSerializer(OnSerializer):
    measures = serializers.CharField()


class EscalationOutcomeSerializer(serializers.Serializer):
    prevented = serializers.BooleanField()


def _case_move(name, payload, service):
    """`POST …/cases/{id}/<name>/`: the service moves the case; the answer is the case."""
    return service_action(name, service, payload=payload, target="case")


class CaseViewSet(ReadCreateViewSet):
    function = FUNCTION
    queryset = Case.objects.select_related("area", "found_dispute").prefetch_related(
        "parties", "co_mediators", "extensions__by")
    serializer_class = MediationCaseSerializer
    ordering_fields = ["accepted_on", "number"]
    filterset_class = CaseFilterSet

    start = _case_move("start", OnSerializer, services.case_start)
    extend = _case_move("extend", ExtendSerializer, services.case_extend)
    conclude = _case_move("conclude", MediationConcludeSerializer, services.case_conclude)
    performance = _case_move("performance", PerformanceSerializer, services.case_record_performance)
    apply_confirmation = _case_move("apply-confirmation", ApplyConfirmationSerializer,
                                    services.case_apply_confirmation)
    confirmation_ruling = _case_move("confirmation-ruling", ConfirmationRulingSerializer,
                                     services.case_record_confirmation_ruling)
    flag_escalation = _case_move("flag-escalation", FlagEscalationSerializer, services.case_flag_escalation)
    escalation_outcome = _case_move("escalation-outcome", EscalationOutcomeSerializer,
                                    services.case_record_escalation_outcome)


def register(router):
    router.register("mediation/organisations", OrganisationViewSet, basename="mediation-organisation")
    router.register("mediation/mediators", MediatorViewSet, basename="mediation-mediator")
    router.register("mediation/trainings", TrainingViewSet, basename="mediation-training")
    router.register("mediation/screening-rounds", ScreeningRoundViewSet, basename="mediation-screeninground")
    router.register("mediation/found-disputes", FoundDisputeViewSet, basename="mediation-founddispute")
    router.register("mediation/cases", CaseViewSet, basename="mediation-case")

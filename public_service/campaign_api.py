"""API of campaigns, vouchers and service records (public_service/api.py calls register).

/api/v1/public_service/campaigns/ (create, change, and the moves start/close, with outputs/beneficiaries and
voucher issue and settle as actions), /vouchers/ (redeem, void), /site-records/. The pages' FilterSets; the
pages' visibility (another district's campaign is a 404); every write through campaign_services, a refusal a
400 with the Chinese reason.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from bureau.api import AreaCodeField, OnSerializer, ReadViewSet, ReadWriteViewSet, VisibleField, service_action
from lawyers.models import LawFirm, Lawyer, ServicePoint

from . import campaign_services as services
from .apps import FUNCTION
from .campaign_filters import CampaignFilterSet, SiteRecordFilterSet, VoucherFilterSet
from .models import Beneficiary, Campaign, Output, Settlement, SiteRecord, Voucher
from .models.campaigns import CAMPAIGN_LEVELS


@extend_schema_field(OpenApiTypes.INT)
class FirmField(VisibleField):
    """A law firm by id, among those the caller may see (the service checks it takes part in the campaign)."""

    def __init__(self, **kwargs):
        super().__init__(model=LawFirm, **kwargs)


def _by(serializer):
    return serializer.context["request"].user


class ServiceCampaignSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=CAMPAIGN_LEVELS)
    firms = VisibleField(model=LawFirm, many=True, required=False)
    lawyers = VisibleField(model=Lawyer, many=True, required=False)

    class Meta:
        model = Campaign
        fields = ["id", "name", "kind", "organisers", "area", "start_on", "end_on", "status", "description",
                  "voucher_value", "closed_on", "firms", "lawyers"]
        read_only_fields = ["status", "closed_on"]

    def create(self, validated):
        firms, lawyers = validated.pop("firms", []), validated.pop("lawyers", [])
        return services.campaign_create(campaign=Campaign(**validated), firms=firms, lawyers=lawyers, by=_by(self))

    def update(self, instance, validated):
        firms, lawyers = validated.pop("firms", None), validated.pop("lawyers", None)
        for field, value in validated.items():
            setattr(instance, field, value)
        return services.campaign_update(campaign=instance, firms=firms, lawyers=lawyers, by=_by(self))


class CampaignOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Output
        fields = ["id", "kind", "count", "on", "note"]


class CampaignBeneficiarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Beneficiary
        fields = ["id", "kind", "name", "count", "on"]


class VoucherIssueSerializer(serializers.Serializer):
    enterprise = serializers.CharField(max_length=100)
    credit_code = serializers.CharField(max_length=18)
    count = serializers.IntegerField(min_value=1, max_value=services.MAX_VOUCHERS_AT_ONCE, default=1)
    value = serializers.DecimalField(max_digits=9, decimal_places=2, required=False, allow_null=True)
    issued_on = serializers.DateField()
    expires_on = serializers.DateField()


class VoucherSettleSerializer(OnSerializer):
    firm = FirmField()
    reference = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class VoucherSettlementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Settlement
        fields = ["id", "campaign", "firm", "settled_on", "vouchers", "amount", "reference"]


class VoucherSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()

    class Meta:
        model = Voucher
        fields = ["id", "campaign", "code", "enterprise", "credit_code", "value", "issued_on", "expires_on",
                  "status", "state", "redeemed_on", "firm", "service", "settlement"]
        read_only_fields = fields

    def get_state(self, obj) -> str:
        return obj.state_on()


class CampaignViewSet(ReadWriteViewSet):
    function = FUNCTION
    queryset = Campaign.objects.select_related("area").prefetch_related("firms", "lawyers")
    serializer_class = ServiceCampaignSerializer
    filterset_class = CampaignFilterSet
    ordering_fields = ["start_on", "name"]

    start = service_action("start", services.campaign_start, payload=serializers.Serializer, target="campaign")
    close = service_action("close", services.campaign_close, payload=OnSerializer, target="campaign")

    def _record(self, request, serializer_class, service, field):
        campaign = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        record = service(**{field: serializer_class.Meta.model(campaign=campaign, **data.validated_data)},
                         by=request.user)
        return Response(serializer_class(record).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], serializer_class=CampaignOutputSerializer)
    def outputs(self, request, pk=None):
        """An output of the campaign on a day (output_record)."""
        return self._record(request, CampaignOutputSerializer, services.output_record, "output")

    @action(detail=True, methods=["post"], serializer_class=CampaignBeneficiarySerializer)
    def beneficiaries(self, request, pk=None):
        """Beneficiaries of the campaign on a day (beneficiary_record)."""
        return self._record(request, CampaignBeneficiarySerializer, services.beneficiary_record, "beneficiary")

    @action(detail=True, methods=["post"], serializer_class=VoucherIssueSerializer)
    def issue(self, request, pk=None):
        campaign = self.get_object()
        data = VoucherIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vouchers = services.voucher_issue(campaign=campaign, by=request.user, **data.validated_data)
        return Response(VoucherSerializer(vouchers, many=True).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], serializer_class=VoucherSettleSerializer)
    def settle(self, request, pk=None):
        campaign = self.get_object()
        data = VoucherSettleSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        settlement = services.settlement_create(campaign=campaign, by=request.user, **data.validated_data)
        return Response(VoucherSettlementSerializer(settlement).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def ledger(self, request, pk=None):
        """issued = redeemed + outstanding + expired + void; redeemed = settled + unsettled (count, amount)."""
        return Response(Voucher.objects.filter(campaign=self.get_object()).ledger())


class VoucherRedeemSerializer(OnSerializer):
    firm = FirmField()
    service = serializers.CharField(max_length=200)


class VoucherViewSet(ReadViewSet):
    function = FUNCTION
    queryset = Voucher.objects.select_related("campaign")
    serializer_class = VoucherSerializer
    filterset_class = VoucherFilterSet
    ordering_fields = ["issued_on", "code", "redeemed_on"]

    redeem = service_action("redeem", services.voucher_redeem, payload=VoucherRedeemSerializer, target="voucher")
    void = service_action("void", services.voucher_void, payload=serializers.Serializer, target="voucher")


class SiteRecordSerializer(serializers.ModelSerializer):
    point = VisibleField(model=ServicePoint)
    lawyer = VisibleField(model=Lawyer, required=False, allow_null=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SiteRecord
        fields = ["id", "point", "area", "on", "staff", "staff_kind", "lawyer", "consultations", "documents",
                  "opinions", "other_services", "note"]
        validators = []  # one record per site, person and day: the service says so in its own words

    def validate(self, attrs):
        return attrs  # the model's rules are the service's (one message for the page, the API and the import)

    def create(self, validated):
        return services.site_record_create(record=SiteRecord(**validated), by=_by(self))

    def update(self, instance, validated):
        for field, value in validated.items():
            setattr(instance, field, value)
        return services.site_record_update(record=instance, by=_by(self))


class SiteRecordViewSet(ReadWriteViewSet):
    function = FUNCTION
    queryset = SiteRecord.objects.select_related("point", "area")
    serializer_class = SiteRecordSerializer
    filterset_class = SiteRecordFilterSet
    ordering_fields = ["on"]


def register(router):
    router.register("public_service/campaigns", CampaignViewSet, basename="public_service-campaign")
    router.register("public_service/vouchers", VoucherViewSet, basename="public_service-voucher")
    router.register("public_service/site-records", SiteRecordViewSet, basename="public_service-siterecord")


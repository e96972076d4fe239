"""/api/v1/lawyers/…: the registry (firms/, lawyers/) and community legal advisors (points/, postings/,
service-logs/, appraisals/), with the pages' FilterSets, visibility and services."""

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.validators import UniqueValidator

from bureau.api import AreaCodeField, ReadCreateViewSet, ReadWriteViewSet, VisibleField, id_number_confirmed_field
from bureau.identifiers import mask_resident_id, validate_resident_id
from bureau.models import Area
from bureau.permissions import is_advisor
from bureau.services import identifiers_confirm

from . import appraisal, services, supervision_api
from .permissions import ADVISOR_OFFICE, ADVISORS, REGISTRY
from .filters import (AppraisalFilterSet, LawFirmFilterSet, LawyerFilterSet, PostingFilterSet, ServiceLogFilterSet,
                      ServicePointFilterSet)
from .models import (Appraisal, AppraisalResult, Attachment, LawFirm, Lawyer, Posting, ServiceLog, ServicePoint,
                     validate_credit_code)


class RegistrySerializer(serializers.ModelSerializer):
    """The street is given by its code and must be in the caller's jurisdiction; the model's own
    cross-field rules (`clean()`) run as they do on the pages."""

    area = AreaCodeField(error_messages={"does_not_exist": _("街道代码“{value}”不存在或不在您的辖区内。")})

    def validate(self, attrs):
        record = copy(self.instance) if self.instance else self.Meta.model()
        for name, value in attrs.items():
            setattr(record, name, value)
        try:
            record.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)
        return attrs


class CreditCodeField(serializers.CharField):
    def to_internal_value(self, data):
        return super().to_internal_value(data).upper()


class LawFirmSerializer(RegistrySerializer):
    credit_code = CreditCodeField(
        label=LawFirm._meta.get_field("credit_code").verbose_name, max_length=18,
        validators=[validate_credit_code, UniqueValidator(
            queryset=LawFirm.objects.all(), message=_("该统一社会信用代码已登记，请勿重复录入。"))],
    )
    lawyer_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = LawFirm
        fields = ["id", "name", "credit_code", "area", "address", "phone", "director", "founded_on", "status",
                  "lawyer_count"]
        read_only_fields = ["status"]


class LawyerSerializer(RegistrySerializer):
    firm = VisibleField(
        model=LawFirm, allow_null=True, required=False,
        error_messages={"does_not_exist": _("律师事务所（编号{pk_value}）不存在或不在您的辖区内。")},
    )
    firm_name = serializers.CharField(source="firm.name", read_only=True, default=None)
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, allow_null=True,
                                      label=Lawyer._meta.get_field("id_number").verbose_name)
    id_number_masked = serializers.SerializerMethodField()
    id_number_confirmed = id_number_confirmed_field()
    years_of_practice = serializers.SerializerMethodField()

    class Meta:
        model = Lawyer
        fields = ["id", "name", "certificate_number", "id_number", "id_number_masked", "kind", "firm", "firm_name",
                  "area", "practice_start", "years_of_practice", "specialties", "legal_aid_available", "phone",
                  "status", "id_number_confirmed"]
        read_only_fields = ["status"]
        extra_kwargs = {"certificate_number": {"validators": [
            *Lawyer._meta.get_field("certificate_number").validators,
            UniqueValidator(queryset=Lawyer.objects.all(), message=_("该执业证号已登记，请勿重复录入。")),
        ]}}

    def get_id_number_masked(self, obj) -> str | None:
        return mask_resident_id(obj.id_number) or None

    def get_years_of_practice(self, obj) -> int:
        return obj.years_of_practice()

    def validate_id_number(self, value):
        """The full number is never sent back; an empty value on update keeps the stored one."""
        if not value:
            return self.instance.id_number if self.instance else None
        return validate_resident_id(value)

    @transaction.atomic
    def save(self, **kwargs):
        """The registry has no service of its own: the confirmation of a region warning is recorded here."""
        confirmed = self.validated_data.pop("id_number_confirmed", False)
        previous = {"id_number": self.instance.id_number} if self.instance else None
        lawyer = super().save(**kwargs)
        identifiers_confirm(objects=[lawyer], by=self.context["request"].user, confirmed=confirmed,
                            previous=previous)
        return lawyer


class LawFirmViewSet(ReadWriteViewSet):
    """Law firms in the caller's jurisdiction (filters as on the page: name, area code, status)."""

    access = REGISTRY
    queryset = LawFirm.objects.select_related("area").annotate(lawyer_count=Count("lawyers")).order_by("name", "pk")
    serializer_class = LawFirmSerializer
    filterset_class = LawFirmFilterSet
    ordering_fields = ["name", "credit_code", "founded_on"]


class LawyerViewSet(ReadWriteViewSet):
    """Lawyers in the caller's jurisdiction (filters as on the page: q, firm, kind, specialty,
    legal_aid_available, status, area code)."""

    access = REGISTRY
    queryset = Lawyer.objects.select_related("firm", "area").order_by("name", "pk")
    serializer_class = LawyerSerializer
    filterset_class = LawyerFilterSet
    ordering_fields = ["name", "certificate_number", "practice_start"]


# --- Community legal advisors: /api/v1/lawyers/points/, postings/, service-logs/, appraisals/ ------------------


# The areas and records a payload names are looked up anywhere: whether the caller may use them is the
# services' rule (lawyers.services), so the API refuses them with the pages' and the import's message.
COMMUNITY = (Area.Level.COMMUNITY,)


class ServiceWriteSerializer(serializers.ModelSerializer):
    """Creates and changes its record through a service, `create_with` (`update_with` for a change, if another)
    called as service(<target>=record, by=caller)."""

    target = ""
    create_with = update_with = None

    def create(self, validated):
        return self._write(self.create_with, self.Meta.model(**validated))

    def update(self, instance, validated):
        for name, value in validated.items():
            setattr(instance, name, value)
        return self._write(self.update_with or self.create_with, instance)

    def _write(self, service, record):
        return service(**{self.target: record}, by=self.context["request"].user)


class ServicePointSerializer(ServiceWriteSerializer):
    area = AreaCodeField(levels=(Area.Level.DISTRICT, Area.Level.STREET, Area.Level.COMMUNITY), anywhere=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = ServicePoint
        fields = ["id", "name", "kind", "area", "area_name", "address", "phone", "opening_hours", "is_active"]

    target, create_with = "point", staticmethod(services.point_save)


class PostingSerializer(ServiceWriteSerializer):
    lawyer = serializers.PrimaryKeyRelatedField(queryset=Lawyer.objects.all())
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True)
    area = AreaCodeField(levels=COMMUNITY, anywhere=True, required=False)
    point = serializers.PrimaryKeyRelatedField(queryset=ServicePoint.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Posting
        fields = ["id", "lawyer", "lawyer_name", "area", "point", "start_on", "end_on", "contract_number", "note"]

    target, create_with = "posting", staticmethod(services.posting_save)


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "size", "url"]

    def get_url(self, attachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.get_absolute_url())


class ServiceLogSerializer(ServiceWriteSerializer):
    lawyer = serializers.PrimaryKeyRelatedField(queryset=Lawyer.objects.all(), required=False,
                                                help_text="an advisor's own entries need not name it")
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True)
    area = AreaCodeField(levels=COMMUNITY, anywhere=True, required=False)
    point = serializers.PrimaryKeyRelatedField(queryset=ServicePoint.objects.all(), required=False, allow_null=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = ServiceLog
        fields = ["id", "lawyer", "lawyer_name", "area", "point", "on", "kind", "count", "resolved", "hours", "notes",
                  "attachments", "recorded_by", "recorded_at"]
        read_only_fields = ["recorded_by", "recorded_at"]

    target = "log"
    create_with, update_with = staticmethod(services.service_log_create), staticmethod(services.service_log_update)

    def validate(self, attrs):
        user = self.context["request"].user
        if "lawyer" not in attrs and not self.instance:
            own = services.lawyer_of(user) if is_advisor(user) else None
            if own is None:
                raise serializers.ValidationError({"lawyer": _("请填写法律顾问。")})
            attrs["lawyer"] = own
        if attrs.get("point") and "area" not in attrs:
            attrs["area"] = attrs["point"].area
        return attrs


class AppraisalResultSerializer(serializers.ModelSerializer):
    lawyer_name = serializers.CharField(source="lawyer.name", read_only=True)

    class Meta:
        model = AppraisalResult
        fields = ["rank", "lawyer", "lawyer_name", "points", "entries", "hours", "breakdown"]


class AppraisalSerializer(serializers.ModelSerializer):
    district = AreaCodeField(levels=(Area.Level.DISTRICT,), anywhere=True)
    month = serializers.DateField(help_text="any day of the month; stored as its first day")
    closed_by = serializers.StringRelatedField()
    results = AppraisalResultSerializer(many=True, read_only=True, source="visible_results")

    class Meta:
        model = Appraisal
        fields = ["id", "district", "month", "comment", "closed_by", "closed_at", "results"]
        read_only_fields = ["closed_by", "closed_at"]
        validators = []  # a month closed twice is refused by the service, with its own message

    def create(self, validated):
        record = services.appraisal_close(district=validated["district"], month=validated["month"],
                                          comment=validated.get("comment", ""), by=self.context["request"].user)
        record.visible_results = list(record.results.select_related("lawyer").order_by("rank", "lawyer__name"))
        return record


class RankingLineSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    lawyer = serializers.IntegerField(source="lawyer_id")
    lawyer_name = serializers.CharField(source="name")
    places = serializers.ListField(child=serializers.CharField())
    points = serializers.DecimalField(max_digits=8, decimal_places=1)
    entries = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=7, decimal_places=1)
    breakdown = serializers.DictField(child=serializers.ListField())


# Writes of points, postings and appraisals need can_manage_advisors; entries are the exception (ADVISORS):
# advisors write their own.


class ServicePointViewSet(ReadWriteViewSet):
    """Public legal service points in the caller's area (an advisor: those of their postings)."""

    access = ADVISOR_OFFICE
    queryset = ServicePoint.objects.select_related("area").order_by("area__code", "pk")
    serializer_class = ServicePointSerializer
    filterset_class = ServicePointFilterSet


class PostingViewSet(ReadWriteViewSet):
    """Postings of advisors to the caller's communities (an advisor: their own)."""

    access = ADVISOR_OFFICE
    queryset = Posting.objects.select_related("lawyer", "area", "point").order_by("-start_on", "pk")
    serializer_class = PostingSerializer
    filterset_class = PostingFilterSet


class ServiceLogViewSet(mixins.DestroyModelMixin, ReadWriteViewSet):
    """Service log entries (filters as on the page: lawyer, street, area, kind, month). An advisor reads and
    writes only their own; an entry of an appraised month is refused (400) on every write."""

    access = ADVISORS
    queryset = (ServiceLog.objects.select_related("lawyer", "area", "point", "recorded_by")
                .prefetch_related("attachments").order_by("-on", "-id"))
    serializer_class = ServiceLogSerializer
    filterset_class = ServiceLogFilterSet
    ordering_fields = ["on"]

    def perform_destroy(self, instance):
        services.service_log_delete(log=instance, by=self.request.user)


class AppraisalViewSet(ReadCreateViewSet):
    """Closed months with their published ranking (an advisor: only their own line). POST closes a month;
    `ranking/?district=&month=2026-03` is the month's ranking as it stands."""

    access = ADVISOR_OFFICE
    queryset = Appraisal.objects.select_related("district", "closed_by").order_by("-month", "pk")
    serializer_class = AppraisalSerializer
    filterset_class = AppraisalFilterSet

    def get_queryset(self):
        results = (AppraisalResult.objects.visible_to(self.request.user).select_related("lawyer")
                   .order_by("rank", "lawyer__name"))
        return super().get_queryset().prefetch_related(Prefetch("results", results, to_attr="visible_results"))

    @extend_schema(parameters=[OpenApiParameter("district", str), OpenApiParameter("month", str)],
                   responses=RankingLineSerializer(many=True))
    @action(detail=False, filter_backends=[], pagination_class=None)
    def ranking(self, request):
        districts = appraisal.appraisal_districts(request.user)
        district = appraisal.chosen_district(districts, request.query_params.get("district"))
        asked = request.query_params.get("month")
        month = appraisal.parse_month(asked, services.last_month())
        if asked and appraisal.parse_month(asked, None) is None:
            raise serializers.ValidationError({"month": [_("月份应写作“2026-03”（1900年至2999年）。")]})
        lines = appraisal.ranking(district, month)
        for line in lines:
            line.breakdown = {kind: [units, points] for kind, (units, points) in line.breakdown.items()}
        return Response(RankingLineSerializer(lines, many=True).data)


def register(router):
    router.register("lawyers/firms", LawFirmViewSet, basename="lawfirm")
    router.register("lawyers/lawyers", LawyerViewSet, basename="lawyer")
    router.register("lawyers/points", ServicePointViewSet, basename="lawyers-servicepoint")
    router.register("lawyers/postings", PostingViewSet, basename="lawyers-posting")
    router.register("lawyers/service-logs", ServiceLogViewSet, basename="lawyers-servicelog")
    router.register("lawyers/appraisals", AppraisalViewSet, basename="lawyers-appraisal")
    supervision_api.register(router)

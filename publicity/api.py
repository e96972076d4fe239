"""普法's API (/api/v1/publicity/…): the activities (with their materials), the district's whole list of
activities including the advisors' 普法 entries (`activities/combined/`, read-only), media products and
法治文化阵地 (with 复核 and 撤销命名 as service actions). Same FilterSets, same services as the pages."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from bureau.api import AreaCodeField, ReadWriteViewSet, service_action
from bureau.filters import visible_streets
from bureau.models import Area

from . import exam_api, filters, services
from .apps import FUNCTION
from .models import Activity, MaterialKind, MediaProduct, Position, activity_rows
from .permissions import POSITIONS_REGISTER
from .views.activities import visible_entries

DISTRICT_OR_STREET = (Area.Level.DISTRICT, Area.Level.STREET)
LOCAL_LEVELS = (Area.Level.STREET, Area.Level.COMMUNITY)


def _by(serializer):
    return serializer.context["request"].user


def _street_filter():
    return django_filters.ModelChoiceFilter(field_name="area", queryset=visible_streets, method="filter_street")


class ActivityFilterSet(filters.ActivityFilterSet):
    street = _street_filter()


class MediaProductFilterSet(filters.MediaProductFilterSet):
    street = _street_filter()


class PositionFilterSet(filters.PositionFilterSet):
    street = _street_filter()


# --- Activities -------------------------------------------------------------------------------------------


class MaterialSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)


class ActivitySerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT_OR_STREET)
    materials = MaterialSerializer(many=True, required=False)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = ["id", "title", "theme", "form", "target", "organiser_kind", "organiser", "area", "place",
                  "held_on", "audience", "materials", "photos", "note"]

    def get_photos(self, activity) -> list[str]:
        return [photo.get_absolute_url() for photo in activity.photos.all()]

    def validate_materials(self, value):
        kinds = [m["kind"] for m in value]
        if len(kinds) != len(set(kinds)):
            raise serializers.ValidationError("每种资料只能填写一次。")
        return value

    @staticmethod
    def _materials(validated):
        rows = validated.pop("materials", None)
        return None if rows is None else {m["kind"]: m["quantity"] for m in rows}

    def create(self, validated):
        materials = self._materials(validated) or {}
        return services.activity_record(activity=Activity(**validated), materials=materials, by=_by(self))

    def update(self, activity, validated):
        materials = self._materials(validated)
        for field, value in validated.items():
            setattr(activity, field, value)
        return services.activity_update(activity=activity, materials=materials, by=_by(self))


class ActivityRowSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="activity（本平台登记）或 advisor（社区法律顾问服务记录）")
    record = serializers.IntegerField(help_text="活动或服务记录的 id")
    held_on = serializers.DateField(source="row_held_on")
    title = serializers.CharField(source="row_title")
    theme = serializers.CharField(source="row_theme")
    form = serializers.CharField(source="row_form")
    target = serializers.CharField(source="row_target")
    organiser = serializers.CharField(source="row_organiser")
    area = serializers.CharField(source="area_name")
    place = serializers.CharField(source="row_place")
    audience = serializers.IntegerField(source="row_audience")


class ActivityViewSet(ReadWriteViewSet):
    function = FUNCTION
    queryset = Activity.objects.select_related("area").prefetch_related("materials", "photos")
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet

    @extend_schema(responses=ActivityRowSerializer(many=True))  # a page of rows (the schema said one row)
    @action(detail=False, serializer_class=ActivityRowSerializer)
    def combined(self, request):
        """The district's activities and the advisors' 普法 entries, each once, newest first."""
        filterset = self.filterset_class(request.GET, queryset=Activity.objects.visible_to(request.user),
                                         request=request)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        rows = activity_rows(filterset.qs, filterset.advisor_entries(visible_entries(request.user)))
        rows = rows.order_by("-row_held_on", "source", "-record")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ActivityRowSerializer(page, many=True).data)


# --- Media ------------------------------------------------------------------------------------------------


class MediaProductSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=DISTRICT_OR_STREET)

    class Meta:
        model = MediaProduct
        fields = ["id", "kind", "style", "title", "channel", "area", "published_on", "views", "url",
                  "training_attendance", "training_note", "note"]

    def create(self, validated):
        return services.mediaproduct_record(product=MediaProduct(**validated), by=_by(self))

    def update(self, product, validated):
        for field, value in validated.items():
            setattr(product, field, value)
        return services.mediaproduct_update(product=product, by=_by(self))


class MediaProductViewSet(ReadWriteViewSet):
    function = FUNCTION
    queryset = MediaProduct.objects.select_related("area")
    serializer_class = MediaProductSerializer
    filterset_class = MediaProductFilterSet


# --- Positions --------------------------------------------------------------------------------------------


class PositionSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=LOCAL_LEVELS)

    class Meta:
        model = Position
        fields = ["id", "name", "kind", "level", "area", "address", "awarded_on", "reviewed_until", "revoked_on",
                  "longitude", "latitude", "note"]
        read_only_fields = ["revoked_on"]

    def create(self, validated):
        return services.position_record(position=Position(**validated), by=_by(self))

    def update(self, position, validated):
        for field, value in validated.items():
            setattr(position, field, value)
        return services.position_update(position=position, by=_by(self))


class ReviewPayload(serializers.Serializer):
    reviewed_until = serializers.DateField()


class RevokePayload(serializers.Serializer):
    on = serializers.DateField()


class PositionViewSet(ReadWriteViewSet):
    access = POSITIONS_REGISTER  # the function's readers read; only the section writes
    queryset = Position.objects.select_related("area")
    serializer_class = PositionSerializer
    filterset_class = PositionFilterSet

    review = service_action("review", services.position_review, payload=ReviewPayload, target="position")
    revoke = service_action("revoke", services.position_revoke, payload=RevokePayload, target="position")


def register(router):
    router.register("publicity/activities", ActivityViewSet, basename="publicity-activity")
    router.register("publicity/media", MediaProductViewSet, basename="publicity-mediaproduct")
    router.register("publicity/positions", PositionViewSet, basename="publicity-position")
    exam_api.register(router)


"""/api/v1/public_service/: sites, bookings, online questions and classes for the staff (no resident API), with
the pages' visibility and FilterSets (public_service.filters). Writes are services: answering a question
(`POST …/questions/{id}/answer/`), recording attendance (`POST …/bookings/{id}/attend/`), recording a class held
(`POST …/classes/{id}/hold/`); a refusal answers 400 with the Chinese reason. Phones are returned masked."""

import django_filters
from rest_framework import serializers

from bureau.api import AreaCodeField, ReadCreateViewSet, ReadViewSet, VisibleField, service_action
from bureau.filters import visible_streets
from bureau.models import Area
from lawyers.models import ServicePoint

from . import campaign_api, filters, services
from .apps import FUNCTION
from .models import Booking, LegalClass, OpeningHours, Question
from .permissions import NETWORK_OFFICE


def _by(serializer):
    return serializer.context["request"].user


class OpeningHoursSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "start", "end", "slot_minutes", "slot_limit"]


class SiteSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    level = serializers.CharField(read_only=True)
    hours = OpeningHoursSerializer(many=True, read_only=True)

    class Meta:
        model = ServicePoint
        fields = ["id", "name", "kind", "level", "area", "address", "phone", "speciality", "services", "latitude",
                  "longitude", "opened_on", "closed_on", "is_active", "hours"]


class SiteFilterSet(filters.SiteFilterSet):
    street = django_filters.ModelChoiceFilter(field_name="area", queryset=visible_streets, method="filter_street")


class SiteViewSet(ReadViewSet):
    access = NETWORK_OFFICE
    queryset = ServicePoint.objects.select_related("area").prefetch_related("hours").order_by("area__code", "name")
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet


class BookingSerializer(serializers.ModelSerializer):
    point = serializers.PrimaryKeyRelatedField(read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    phone = serializers.CharField(source="masked_phone", read_only=True)

    class Meta:
        model = Booking
        fields = ["id", "code", "point", "on", "starts_at", "name", "phone", "matter", "status", "service_given",
                  "created_at"]


class AttendSerializer(serializers.Serializer):
    attended = serializers.BooleanField()
    service_given = serializers.CharField(required=False, allow_blank=True, default="")


class BookingFilterSet(filters.BookingFilterSet):
    street = django_filters.ModelChoiceFilter(field_name="point", queryset=visible_streets, method="filter_street")
    point = django_filters.ModelChoiceFilter(queryset=filters.visible_points)


class BookingViewSet(ReadViewSet):
    access = NETWORK_OFFICE
    queryset = Booking.objects.select_related("slot").order_by("on", "slot__starts_at", "id")
    serializer_class = BookingSerializer
    filterset_class = BookingFilterSet
    attend = service_action("attend", services.booking_attend, payload=AttendSerializer, target="booking")


class QuestionSerializer(serializers.ModelSerializer):
    street = serializers.SlugRelatedField(slug_field="code", read_only=True)
    lawyer = serializers.StringRelatedField()
    answered_by = serializers.StringRelatedField()

    class Meta:
        model = Question
        fields = ["id", "code", "street", "category", "text", "asked_at", "asked_on", "due_on", "lawyer", "answer",
                  "answered_at", "answered_on", "answered_by"]


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class QuestionFilterSet(filters.QuestionFilterSet):
    street = django_filters.ModelChoiceFilter(field_name="street", queryset=visible_streets, method="filter_street")


class QuestionViewSet(ReadViewSet):
    function = FUNCTION
    queryset = Question.objects.select_related("street", "lawyer", "answered_by")
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilterSet
    answer = service_action("answer", services.question_answer, payload=AnswerSerializer, target="question")


class LegalClassSerializer(serializers.ModelSerializer):
    area = AreaCodeField(levels=(Area.Level.DISTRICT, Area.Level.STREET))
    point = VisibleField(ServicePoint, required=False, allow_null=True)
    signed_up = serializers.IntegerField(source="signups.count", read_only=True)

    class Meta:
        model = LegalClass
        fields = ["id", "kind", "title", "area", "point", "place", "speaker", "starts_at", "capacity", "description",
                  "status", "held_on", "attendees", "signed_up"]
        read_only_fields = ["status", "held_on", "attendees"]

    def create(self, validated):
        return services.class_create(legal_class=LegalClass(**validated), by=_by(self))


class HoldSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    attendees = serializers.IntegerField(min_value=0)


class LegalClassFilterSet(filters.LegalClassFilterSet):
    street = django_filters.ModelChoiceFilter(field_name="area", queryset=visible_streets, method="filter_street")


class LegalClassViewSet(ReadCreateViewSet):
    access = NETWORK_OFFICE
    queryset = LegalClass.objects.select_related("area").prefetch_related("signups").order_by("-starts_at")
    serializer_class = LegalClassSerializer
    filterset_class = LegalClassFilterSet
    hold = service_action("hold", services.class_hold, payload=HoldSerializer, target="legal_class")


def register(router):
    router.register("public_service/sites", SiteViewSet, basename="public_service-site")
    router.register("public_service/bookings", BookingViewSet, basename="public_service-booking")
    router.register("public_service/questions", QuestionViewSet, basename="public_service-question")
    router.register("public_service/classes", LegalClassViewSet, basename="public_service-class")
    campaign_api.register(router)

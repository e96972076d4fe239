
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services, stats
from .filters import ReminderFilterSet
from .formatting import as_number
from .models import Area, CalendarDay, Reminder, User
from .periods import parse_period
from .permissions import ReadOnlyOrAdministrator


@extend_schema_field(OpenApiTypes.STR)
class MaskedIDField(serializers.Field):
    """Writes a full ID number, reads it back masked (the full number is an audited page action).

    Every app's serializers use this one field for a ResidentIDField.
    """

    def to_representation(self, value):
        return value.masked if value else None

    def to_internal_value(self, data):
        from .identifiers import validate_resident_id

        try:
            return validate_resident_id(data) if data else None
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None


def id_number_confirmed_field():
    """`id_number_confirmed: true` — the caller checked ID numbers whose region code the code table does not
    know for the birth year (bureau.identifiers); without it such a number is a 400 naming the warning."""
    return serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="true once the ID numbers' region-code warnings have been checked against the card",
    )


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Area
        fields = ["code", "name", "level", "parent", "is_demo"]


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Areas of the caller's jurisdiction, by national code."""

    serializer_class = AreaSerializer
    lookup_field = "code"
    filterset_fields = ["level", "parent__code"]

    def get_queryset(self):
        return Area.objects.visible_to(self.request.user).select_related("parent")


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name"]

    def validate(self, attrs):
        CalendarDay(**{**({"date": self.instance.date, "kind": self.instance.kind} if self.instance else {}),
                       **attrs}).clean()
        return attrs


class CalendarDayViewSet(viewsets.ModelViewSet):
    """Public holidays and make-up working days; the administrator edits them."""

    serializer_class = CalendarDaySerializer
    permission_classes = [ReadOnlyOrAdministrator]
    queryset = CalendarDay.objects.all()
    filterset_fields = {"date": ["year", "gte", "lte"], "kind": ["exact"]}


class ReminderSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    subject_type = serializers.SerializerMethodField()

    class Meta:
        model = Reminder
        fields = ["id", "kind", "title", "area", "role", "assignee", "subject_type", "object_id", "due_on",
                  "state", "created_at", "done_at", "note"]
        read_only_fields = fields

    def get_subject_type(self, obj) -> str | None:
        return obj.content_type.model_class()._meta.label if obj.content_type_id else None


class ReminderCompleteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ReminderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """To-dos in the caller's jurisdiction; `?scope=mine&state=open` is the caller's own inbox."""

    serializer_class = ReminderSerializer
    filterset_class = ReminderFilterSet
    ordering_fields = ["due_on", "created_at"]

    def get_queryset(self):
        return Reminder.objects.visible_to(self.request.user).select_related(
            "area", "assignee", "content_type"
        ).order_by("due_on", "id")

    @extend_schema(request=ReminderCompleteSerializer, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        payload = ReminderCompleteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            reminder = services.reminder_complete(
                reminder=self.get_object(), by=request.user, note=payload.validated_data.get("note", "")
            )
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(reminder).data)


class MeSerializer(serializers.ModelSerializer):
    area = AreaSerializer(read_only=True)
    functions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "name", "role", "section", "area", "functions"]

    def get_functions(self, obj) -> list[str]:
        return sorted(obj.functions)


class MeViewSet(viewsets.GenericViewSet):
    """The signed-in user: role, area and the functions they may use."""

    serializer_class = MeSerializer
    queryset = User.objects.none()  # for the schema; `list` answers with request.user

    def list(self, request):
        return Response(self.get_serializer(request.user).data)


# --- Statistics -------------------------------------------------------------------------------------------


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    definition = serializers.CharField()


class StatsView(APIView):
    """`GET /api/v1/stats/?period=2020&area=<code>[&codes=a,b]` — the indicators the caller may see.

    `period`: 2020, 2020-H1, 2020-Q3, 2020-07 or 2020-03-01..2020-09-30. `area` defaults to the caller's own.
    Amounts are 元 with two decimals, rates fractions with four; a rate with nothing to divide is null.
    """

    @extend_schema(parameters=[
        OpenApiParameter("period", str, required=True), OpenApiParameter("area", str),
        OpenApiParameter("codes", str, description="comma-separated indicator codes"),
    ], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        try:
            period = parse_period(request.query_params.get("period", ""))
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        area = self._area(request)
        codes = [c.strip() for c in request.query_params.get("codes", "").split(",") if c.strip()]
        try:
            values = stats.compute(user=request.user, area=area, period=period, codes=codes)
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({
            "period": period.key,
            "area": {"code": area.code, "name": area.name},
            "indicators": {code: as_number(v) for code, v in values.items()},
        })

    def _area(self, request):
        visible = Area.objects.visible_to(request.user)
        code = request.query_params.get("area")
        if code:
            return get_object_or_404(visible, code=code)
        if request.user.area_id:
            return request.user.area
        return get_object_or_404(visible.filter(parent__isnull=True).order_by("code")[:1])


class IndicatorListView(APIView):
    """`GET /api/v1/stats/indicators/` — code, Chinese name, unit and definition of every indicator."""

    @extend_schema(responses=IndicatorSerializer(many=True))
    def get(self, request):
        return Response(IndicatorSerializer(stats.indicators_for(request.user), many=True).data)

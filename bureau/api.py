"""/api/v1/: the platform's own endpoints (areas, calendar, to-dos, me) and the toolbox every app's api.py
builds on (FunctionViewSet, AreaCodeField, VisibleField, OnSerializer, service_action, MaskedIDField)."""

import keyword

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.response import Response

from . import services
from .api_lists import Pagination, PlannedListSerializer, list_filter_backends
from .authentication import expired_before
from .concurrency import VersionedViewMixin
from .filters import CalendarDayFilterSet, ReminderFilterSet
from .models import Area, CalendarDay, Reminder, User
from .permissions import REFERENCE_DATA, AccessPermission

# --- Tokens that expire (issue 18, part 8; the authentication class is bureau.authentication) --------------


class ObtainExpiringToken(ObtainAuthToken):
    """`POST /api/v1/auth/token/` (username, password): the user's live token, or a new one when it expired."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        Token.objects.filter(user=user, created__lt=expired_before()).delete()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


obtain_expiring_token = ObtainExpiringToken.as_view()


@extend_schema_field(OpenApiTypes.STR)
class MaskedIDField(serializers.Field):
    """Writes a full ID number, reads it back masked (the full number is an audited page action).

    Every app's serializers use this one field for a ResidentIDField.
    """

    reads_blank_as_null = True  # no number reads back as null (bureau.schema documents it so)

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
    lookup_value_regex = r"\d+"  # national codes are digits; anything else (a NUL byte …) is a 404 before the database
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
    access = REFERENCE_DATA
    permission_classes = [AccessPermission]
    queryset = CalendarDay.objects.all()
    filterset_class = CalendarDayFilterSet


class ReminderSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    subject_type = serializers.SerializerMethodField()

    class Meta:
        model = Reminder
        fields = ["id", "kind", "title", "area", "role", "assignee", "subject_type", "object_id", "due_on",
                  "state", "created_at", "done_at", "note"]
        read_only_fields = fields
        list_serializer_class = PlannedListSerializer  # bureau.api_lists; tests/bureau/test_api_lists.py

    def get_subject_type(self, obj) -> str | None:
        return obj.content_type.model_class()._meta.label if obj.content_type_id else None


class ReminderCompleteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ReminderDismissSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, help_text="忽略理由（必填，将被记录）")


class ReminderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """To-dos in the caller's jurisdiction and functions; `?scope=mine&state=open` is the caller's own inbox.
    Completing is refused (409) while the to-do's rule still asks for it; dismissing needs a reason; a
    read-only role reads and is refused both (403)."""

    serializer_class = ReminderSerializer
    filterset_class = ReminderFilterSet
    filter_backends, pagination_class = list_filter_backends(), Pagination  # bureau.api_lists
    ordering_fields = ["due_on", "created_at"]

    def get_queryset(self):
        return Reminder.objects.visible_to(self.request.user).select_related(
            "area", "assignee", "content_type"
        ).order_by("due_on", "id")

    def _act(self, request, payload_class, write):
        payload = payload_class(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            reminder = write(self.get_object(), payload.validated_data.get("note", ""))
        except PermissionDenied as refusal:
            return Response({"detail": str(refusal)}, status=status.HTTP_403_FORBIDDEN)
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(reminder).data)

    @extend_schema(request=ReminderCompleteSerializer, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._act(request, ReminderCompleteSerializer, lambda reminder, note: services.reminder_complete(
            reminder=reminder, by=request.user, note=note))

    @extend_schema(request=ReminderDismissSerializer, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self._act(request, ReminderDismissSerializer, lambda reminder, note: services.reminder_dismiss(
            reminder=reminder, by=request.user, reason=note))


class MeSerializer(serializers.ModelSerializer):
    area = AreaSerializer(read_only=True)
    functions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "name", "role", "section", "area", "functions"]

    def get_functions(self, obj) -> list[str]:
        return sorted(obj.functions)


class MeView(generics.GenericAPIView):
    """The signed-in user: role, area and the functions they may use (one object: a view, not a viewset's list,
    which the schema documented as a page of users)."""

    serializer_class = MeSerializer

    def get(self, request):
        return Response(self.get_serializer(request.user).data)


# --- Statistics -------------------------------------------------------------------------------------------


# --- The apps' toolbox: one base viewset, the area and record fields, services exposed as actions ------------


class FunctionViewSet(VersionedViewMixin, viewsets.GenericViewSet):
    """A function's records: `queryset` holds the joins the serializer needs and `visible_to` limits it to the
    caller's jurisdiction (a record outside it is a 404); reading needs the view's `function` (or `access`),
    any write its write access (bureau.permissions.AccessPermission). A versioned record carries its ETag and
    `version`; a write honours If-Match (bureau.concurrency)."""

    function = ""
    access = None
    permission_classes = [AccessPermission]

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, FunctionViewSet):
    pass


class ReadCreateViewSet(mixins.CreateModelMixin, ReadViewSet):
    pass


class ReadWriteViewSet(mixins.UpdateModelMixin, ReadCreateViewSet):
    """List, read, create and change (no delete: records are closed by a service, never removed)."""


@extend_schema_field(OpenApiTypes.STR)  # a code, also in a plain Serializer (no model tells the schema)
class AreaCodeField(serializers.SlugRelatedField):
    """An area by its national code, of the caller's jurisdiction: a street unless `levels` says otherwise
    (`levels=None`: any level); `anywhere=True` takes any area of the portal (the office a person moves to)."""

    def __init__(self, levels=(Area.Level.STREET,), anywhere=False, **kwargs):
        self.levels, self.anywhere = levels, anywhere
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None and not self.anywhere:
            return Area.objects.none()
        areas = Area.objects.all() if self.anywhere else Area.objects.visible_to(request.user)
        return areas.filter(level__in=self.levels) if self.levels else areas

    def to_internal_value(self, data):
        if "\x00" in str(data):  # PostgreSQL refuses a NUL in a text parameter (a 500); no code has one
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)  # an id, also where no model tells the schema (a plain Serializer)
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A record named by id in a payload; one the caller cannot see is refused as if it did not exist."""

    def __init__(self, model=None, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        return self.model.objects.visible_to(request.user)


def _today():
    return timezone.localdate()


class OnSerializer(serializers.Serializer):
    """The payload of an act done on a day: `on`, today if omitted."""

    on = serializers.DateField(default=_today, help_text="the date of the act; today if omitted")


def service_action(name, service, *, payload, target, response=None):
    """`POST …/{id}/<name>/`: validate `payload`, call `service(<target>=record, by=user, **payload)`, answer
    with the record (serialized by `response`, by default the viewset's serializer).

    The answer reads the record back without the area filter: an act may take it out of the caller's area
    (a transfer to another office), and the caller is still shown what they just did."""

    def act(self, request, pk=None):
        record = self.get_object()
        data = payload(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        service(**{target: record}, by=request.user, **data.validated_data)
        answer = response or self.get_serializer_class()
        return Response(answer(self.queryset.all().get(pk=record.pk), context=self.get_serializer_context()).data)

    act.__name__ = name.replace("-", "_") + ("_" if keyword.iskeyword(name) else "")  # `return` → return_
    act.__doc__ = service.__doc__
    # extend_schema goes on top of @action: underneath, @action replaces the kwargs it wrote its schema into and
    # the action documented the whole record as its body (issue 18, part 10).
    return extend_schema(request=_payload_component(payload), responses=response)(
        action(detail=True, methods=["post"], url_path=name, url_name=name)(act)
    )


def _payload_component(payload):
    """The payload as the schema names it: nothing for an empty one; a plain Serializer prefixed with its app
    (legalaid's and corrections' TerminateSerializer are two components, not one name for both)."""
    if payload is serializers.Serializer:
        return None
    if not hasattr(payload, "Meta") and payload.__module__.split(".")[0] != __name__.split(".")[0]:
        app = payload.__module__.split(".")[0].title().replace("_", "")
        extend_schema_serializer(component_name=app + payload.__name__.removesuffix("Serializer"))(payload)
    return payload

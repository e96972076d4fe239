"""The OpenAPI schema's generator (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): drf-spectacular's, told what the
answers really hold (issue 18, part 10; tests/test_schema_fuzz.py checks every answer against it).

DRF drops `allow_blank` and `allow_null` from a ModelSerializer field it makes read-only, so the schema said a
choice that may be blank (a case's outcome before it closes) is always one of its values, and a relation that
may be empty (a to-do's assignee) is never null, while the answers hold "" and null. Here a read-only field
is documented as its model field allows: blank where the column may be blank, null where it may be null
(or where a relation on the way to it may be).
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .concurrency import VersionedViewMixin, is_versioned

WRITES = ("PUT", "PATCH", "DELETE", "POST")
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
STALE = {
    "409": "该记录已被他人修改：请求体中的 version 不是记录的当前版本（the body's `version` is not the record's)",
    "412": "该记录已被他人修改：If-Match 不是记录的当前版本（If-Match names another version）",
}


class AutoSchema(SpectacularAutoSchema):
    """Also says what optimistic concurrency adds (bureau.concurrency.VersionedViewMixin) to one record of a
    versioned model: its answers carry `ETag`, a write may send `If-Match`, and a stale write is answered 409 or
    412 — answers the schema must name, or a client generated from it takes them for errors of its own."""

    def _versioned_record(self):
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        return isinstance(self.view, VersionedViewMixin) and getattr(self.view, "detail", False) \
            and is_versioned(model)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._versioned_record():
            if self.method in WRITES:
                parameters.append(OpenApiParameter(
                    "If-Match", str, OpenApiParameter.HEADER,
                    description='the ETag of the version read ("<version>"): the write is refused with 412 if the '
                                "record has changed since"))
            if self.method in ("GET", "PUT", "PATCH"):
                parameters.append(OpenApiParameter(
                    "ETag", str, OpenApiParameter.HEADER, response=["200"],
                    description='the record\'s version, "<version>": send it back as If-Match'))
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response" and self.method in WRITES and self._versioned_record():
            for code, description in STALE.items():
                responses.setdefault(code, {"description": description,
                                            "content": {"application/json": {"schema": DETAIL}}})
        return responses

    def _map_basic_serializer(self, serializer, direction):
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        if model is not None:
            for field in serializer.fields.values():
                if field.read_only or (direction == "response" and getattr(field, "reads_blank_as_null", False)):
                    _as_the_model_allows(field, model)
        return super()._map_basic_serializer(serializer, direction)


def _as_the_model_allows(field, model):
    """Mark a field's schema nullable / blank as the column (and the relations to it) allow. The serializer is
    one the generator made for itself: nothing that reads or writes data sees these attributes."""
    if field.source == "*" or isinstance(field, (serializers.SerializerMethodField, serializers.BaseSerializer)):
        return
    null, model_field = False, None
    for part in field.source.split("."):
        if model is None:
            return
        try:
            model_field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return
        null = null or model_field.null
        model = model_field.related_model if model_field.is_relation else None
    blank = getattr(model_field, "blank", False)  # a reverse relation has no blank
    if null or (getattr(field, "reads_blank_as_null", False) and blank):
        field.allow_null = True
    if blank and isinstance(field, (serializers.CharField, serializers.ChoiceField)):
        field.allow_blank = True

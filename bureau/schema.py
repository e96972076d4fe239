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
from rest_framework import serializers


class AutoSchema(SpectacularAutoSchema):
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

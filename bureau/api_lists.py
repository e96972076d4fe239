"""API lists written by planned field writers: the JSON DRF's ModelSerializer writes for a page of records, without
its per-request and per-row costs (docs/benchmarks.md, "Load").

DRF builds a serializer's fields anew for every request (a deepcopy of the declared ones, the model's fields mapped
again), and for every field of every row resolves the source, checks for a callable and dispatches the value to the
field. `PlannedListSerializer` works out, once per process and serializer class, one function per field that reads
the value from the record and writes what DRF writes (`writer`); the fields it cannot read more directly are read
the way DRF does. A nested list (`Child(many=True)`) is read from lists the subclass loads for the whole page
(`PlannedListSerializer.related`), one query each, instead of a prefetch that makes a queryset per record.

A serializer takes it with `Meta.list_serializer_class`; a test of each list compares its JSON with DRF's generic
ListSerializer's over real records (tests/legalaid/test_api_case_list.py, tests/bureau/test_api_lists.py).
"""

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models.manager import BaseManager
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import ISO_8601, serializers
from rest_framework.fields import Field
from rest_framework.pagination import PageNumberPagination
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from .related import CompiledRows

# DRF's representation of these fields is the value the model already holds (a str, a bool, an int, a valid
# choice); exact types only: a subclass may represent it otherwise.
_AS_IS = (serializers.CharField, serializers.ChoiceField, serializers.BooleanField, serializers.IntegerField)


def _model_attribute(field):
    """The attribute of the serializer's model that `field` reads as DRF would by a plain getattr (a model field's
    name: neither a method DRF would call, nor a dotted or whole-record source), else None."""
    if len(field.source_attrs) != 1 or type(field).get_attribute not in (Field.get_attribute,
                                                                         serializers.RelatedField.get_attribute):
        return None
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:  # a property or method of the model
        return None
    return model_field if model_field.concrete and not model_field.many_to_many else None


def writer(field, nested=False):
    """(name, read) for one readable field of a serializer: `read(record, related)` gives what DRF's own
    `field.to_representation(field.get_attribute(record))` gives (None for None), without its per-record
    lookups; `related` holds the page's nested lists by source, and the list's child serializer ("self": a method
    field's `self`, with the request's context)."""
    name, source = field.field_name, field.source
    if isinstance(field, serializers.ListSerializer):
        child = writers(field.child, nested=True)
        return name, lambda record, related: [write(child, row, related) for row in related[source][record.pk]]
    if isinstance(field, serializers.SerializerMethodField):
        if nested:
            raise TypeError(f"{name}: a nested serializer's method field is not written here")
        method = getattr(type(field.parent), field.method_name)  # unbound: the planned writers keep no request
        return name, lambda record, related: method(related["self"], record)
    model_field = _model_attribute(field)
    if model_field is not None:
        if isinstance(field, serializers.PrimaryKeyRelatedField) and field.pk_field is None:
            attname = model_field.attname  # the id: never a query
            return name, lambda record, related: getattr(record, attname)
        if isinstance(field, serializers.StringRelatedField):
            def read(record, related):
                value = getattr(record, source)
                return None if value is None else str(value)
            return name, read
        if isinstance(field, serializers.SlugRelatedField) and "__" not in field.slug_field:
            slug = field.slug_field

            def read(record, related):
                value = getattr(record, source)
                return None if value is None else getattr(value, slug)
            return name, read
        if type(field) in _AS_IS and not model_field.is_relation:
            return name, lambda record, related: getattr(record, source)
        if type(field) is serializers.DateField and getattr(field, "format", api_settings.DATE_FORMAT).lower() == \
                ISO_8601:
            def read(record, related):
                value = getattr(record, source)
                return None if value is None else value.isoformat()
            return name, read
        if not isinstance(field, serializers.RelatedField):
            represent = field.to_representation

            def read(record, related):
                value = getattr(record, source)
                return None if value is None else represent(value)
            return name, read
    return name, _as_drf_reads(field)


def _as_drf_reads(field):
    """DRF's own reading of one field (serializers.Serializer.to_representation), for what is not read more
    directly above."""
    attribute, represent = field.get_attribute, field.to_representation

    def read(record, related):
        value = attribute(record)
        if (value.pk if isinstance(value, PKOnlyObject) else value) is None:
            return None
        return represent(value)
    return read


def writers(serializer, nested=False):
    return [writer(field, nested) for field in serializer._readable_fields]


def write(plan, record, related):
    return {name: read(record, related) for name, read in plan}


class Lists(dict):
    """Rows by the record they belong to; a record without any has an empty list."""

    def __missing__(self, key):
        return []


class PageRows(CompiledRows):
    """The rows of a related model for a page of records (`model.<fk>` one of the page's ids), in the model's order
    within each record (ordered by the foreign key's id where the model orders by the record first), grouped by
    record (Lists): one query whose SQL is compiled once per process and connection, `<fk> = ANY(ids)`
    for any number of ids (`filter(<fk>__in=ids)` compiled its SQL anew for every page, half the time of loading a
    page's level changes). Rows are built as Django builds them (bureau.related.CompiledRows); `only` names the
    fields to load (all when empty)."""

    def __init__(self, model, fk, only=(), select_related=()):
        super().__init__(model)
        self.fk, self.only, self.select_related = fk, only, select_related
        self.attname = model._meta.get_field(fk).attname

    def queryset(self):
        rows = self.model._default_manager.filter(**{f"{self.attname}__in": [self.MARK]})
        if self.select_related:
            rows = rows.select_related(*self.select_related)
        if self.only:
            rows = rows.only(*self.only)
        ordering = self.model._meta.ordering
        if ordering and ordering[0] in (self.fk, self.attname):  # the same order within a record, without a join
            rows = rows.order_by(self.attname, *ordering[1:])
        return rows

    def rewrite(self, sql, params, mark):
        """`<fk> IN (%s)` becomes `<fk> = ANY(%s)`: one array parameter for any number of ids."""
        pieces = sql.split("%s")
        before, after = pieces[mark], pieces[mark + 1]
        assert len(pieces) == len(params) + 1 and before.endswith(" IN (") and after.startswith(")"), sql
        pieces[mark], pieces[mark + 1] = before.removesuffix(" IN (") + " = ANY(", after
        return "%s".join(pieces)

    def of(self, ids):
        found = Lists()
        if not ids:
            return found  # as filter(<fk>__in=[]): no query
        for obj in self.rows(list(ids)):
            found.setdefault(getattr(obj, self.attname), []).append(obj)
        return found


class PlannedListSerializer(serializers.ListSerializer):
    """A page of records written by the child serializer's planned writers: the same JSON as DRF's ListSerializer.

    The writers are planned once per process and child serializer class, from a child made without context (the
    planned functions keep no request; a method field is called on this request's child). A child with a nested
    list (`many=True`) needs a subclass whose `related(records)` loads it for the page ({source: Lists}, by
    PageRows); the viewset's list then leaves that prefetch out."""

    _plans = {}

    def to_representation(self, data):
        records = list(data.all() if isinstance(data, BaseManager) else data)  # as DRF's: a queryset's cache kept
        key = (type(self), type(self.child))
        plan = self._plans.get(key)
        if plan is None:  # the fields never change: DRF makes them anew for every serializer
            plan = self._plans[key] = writers(type(self.child)())
        related = {"self": self.child, **self.related(records)}
        return [write(plan, record, related) for record in records]

    def related(self, records):
        """{source: Lists} of the child's nested lists for `records`, each loaded in one query."""
        return {}


# --- What a list request costs besides its rows --------------------------------------------------------------


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend that leaves a request without query parameters (the plain list) as it is: the
    FilterSet's form and its deep copy of every filter were made, validated and applied to no effect (~0.5 ms a
    list). Only for a view whose FilterSet given no data filters nothing — no filter or method that applies a
    default (an unticked checkbox's False must mean "no filter"): tests/bureau/test_api_lists.py checks every
    view that uses it."""

    def filter_queryset(self, request, queryset, view):
        if not request.query_params:
            return queryset
        return super().filter_queryset(request, queryset, view)


def list_filter_backends():
    """The settings' filter backends with FilterBackend for DjangoFilterBackend: a view's `filter_backends`."""
    return [FilterBackend if backend is DjangoFilterBackend else backend for backend in
            api_settings.DEFAULT_FILTER_BACKENDS]


class _Paginator(Paginator):
    """Django's Paginator, whose first page is read before the count: a first page shorter than a page is all
    there is, and its length the count (the COUNT query is left out); otherwise the count is asked as before."""

    def page(self, number):
        if self.orphans or str(number) != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[:self.per_page])
        if len(rows) < self.per_page:
            if not rows and not self.allow_empty_first_page:
                return super().page(number)
            self.count = len(rows)
        return self._get_page(rows, 1, self)


class Pagination(PageNumberPagination):
    """The API's pagination (the settings' PageNumberPagination), without the COUNT of a list that fits on its
    first page (_Paginator): the same page, count and links."""

    django_paginator_class = _Paginator

"""Every table of the project, its rows written by `{% table_rows %}` with each column planned once
(bureau.tables.cell_renderer, row_attributes), against the package's own template with the package's own
BoundRow._get_and_render_with: the <tbody> must be the same, in both languages.

The records are made for each table from its model's fields (records are not saved: a primary key is enough for
links and for the queries some cells make): two filled in, with different choices, true and false, and one with
every nullable field and relation empty. A cell reading an attribute the list's view annotates gets one made up.
The one table over dicts (publicity's activities) has rows of its own here."""

import importlib
import os
import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

import django_tables2 as tables
import pytest
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.test import RequestFactory
from django.utils import translation
from django_tables2 import rows as package_rows

from bureau import tables as bureau_tables
from bureau.identifiers import ResidentID, ResidentIDField
from tests.bureau.test_table_rows import rendered, tbody
from tests.factories import resident_id

PROJECT_APPS = ("bureau", "lawyers", "legalaid", "mediation", "corrections", "normative_docs", "public_service",
                "publicity", "figures")
# Tables whose records are not a model's: rows given here.
ACTIVITY_ROWS = [
    {"source": "advisor", "record": 7, "row_held_on": date(2026, 5, 1), "row_title": "以案释法 <进社区> & 讲座",
     "row_theme": "constitution", "row_form": "lecture", "row_target": "community", "row_organiser": "刘律师",
     "area_name": "桂园东社区", "row_place": "社区 & 活动室", "row_audience": 1234},
    {"source": "platform", "record": 8, "row_held_on": None, "row_title": "", "row_theme": None, "row_form": "",
     "row_target": "not-a-choice", "row_organiser": "区司法局", "area_name": None, "row_place": None,
     "row_audience": 0},
]
WITHOUT_MODEL = {"publicity.tables.ActivityTable": ACTIVITY_ROWS}
# What an annotation the records lack is made up as: a count, else a day, else a text.
MADE_UP = (2, date(2026, 5, 20), "注 <记> & 备")


def project_tables():
    """Every django_tables2.Table subclass the apps define, found by importing each app's *tables.py."""
    for label in PROJECT_APPS:
        config = apps.get_app_config(label)
        for name in sorted(os.listdir(config.path)):
            if name.endswith("tables.py"):
                importlib.import_module(f"{config.name}.{name[:-3]}")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {f"{cls.__module__}.{cls.__qualname__}": cls for cls in subclasses(tables.Table)
             if cls.__module__.split(".")[0] in PROJECT_APPS and cls.base_columns}
    return dict(sorted(found.items()))


TABLES = project_tables()


def field_value(field, n, sparse):
    """A value for `field` in the n-th record: text needing escaping, numbers and dates a language formats
    differently, each record another choice; None or empty for whatever may be empty in a sparse record."""
    if sparse and (field.null or (field.blank and isinstance(field, (models.CharField, models.TextField)))):
        return None if field.null else ""
    if isinstance(field, ArrayField):
        choices = field.base_field.flatchoices
        return [choice for choice, _label in choices[n % len(choices):][:2]] if choices else ["甲 <x>", "乙 & 丙"]
    if field.flatchoices:
        return field.flatchoices[n % len(field.flatchoices)][0]
    if isinstance(field, models.BooleanField):
        return n % 2 == 0
    if isinstance(field, models.DateTimeField):
        return datetime(2026, 5, n + 1, 17, 30, tzinfo=UTC)
    if isinstance(field, models.DateField):
        return date(2026, 5, n + 1)
    if isinstance(field, models.TimeField):
        return time(9, 30 + n)
    if isinstance(field, models.DurationField):
        return timedelta(hours=n + 1)
    if isinstance(field, models.DecimalField):
        return Decimal("1234.50") + n
    if isinstance(field, models.FloatField):
        return 1234.5 + n
    if isinstance(field, models.IntegerField):
        return 1234 + n
    if isinstance(field, models.UUIDField):
        return UUID(int=n + 1)
    if isinstance(field, (models.FileField, models.JSONField)):
        return field.get_default()
    if isinstance(field, ResidentIDField):  # as read from the database
        return ResidentID(resident_id(sequence=f"{n + 123}"))
    if isinstance(field, (models.CharField, models.TextField)):
        return f'核对 <b>&"{field.name}"</b> {n}'
    return field.get_default()


def make_record(model, n, sparse, depth=0):
    record = model()
    for field in model._meta.concrete_fields:
        if field.primary_key:
            setattr(record, field.attname, 100 * depth + n + 1 if not isinstance(field, models.UUIDField)
                    else UUID(int=100 * depth + n + 1))
        elif field.is_relation:
            if (sparse and field.null) or depth >= 3:
                setattr(record, field.attname, None)
            else:
                setattr(record, field.name, make_record(field.related_model, n, False, depth + 1))
        else:
            setattr(record, field.attname, field_value(field, n, sparse))
    return record


@pytest.fixture
def request_of(personas):
    request = RequestFactory().get("/")
    request.user = personas.admin
    return request


def both(table_class, records, request, monkeypatch):
    """(ours, the package's): the tbody through {% table_rows %} and through the package's template and cell."""
    ours = tbody(rendered(table_class(records, request=request, order_by=()),
                          "django_tables2/bootstrap5-responsive.html", request))
    with monkeypatch.context() as patch:
        patch.setattr(package_rows.BoundRow, "_get_and_render_with", bureau_tables.package_get_and_render_with)
        theirs = tbody(rendered(table_class(records, request=request, order_by=()),
                                "django_tables2/bootstrap5.html", request))
    return ours, theirs


def records_for(name, table_class, request, monkeypatch):
    """Records the table can show: made from its model, attributes its cells read made up where missing."""
    if name in WITHOUT_MODEL:
        return WITHOUT_MODEL[name]
    model = table_class._meta.model
    records = [make_record(model, 0, False), make_record(model, 1, False), make_record(model, 2, True)]
    made_up = {}  # attribute → which of MADE_UP it has
    shown = []
    for record in records:
        for _attempt in range(30):
            try:
                both(table_class, [record], request, monkeypatch)
                shown.append(record)
                break
            except AttributeError as error:
                missing = re.search(rf"'{type(record).__name__}' object has no attribute '(\w+)'", str(error))
                if missing and missing.group(1) not in vars(record):  # an annotation of the list's view
                    made_up[missing.group(1)] = 0
                elif made_up and made_up[list(made_up)[-1]] + 1 < len(MADE_UP):  # the wrong kind of value
                    made_up[list(made_up)[-1]] += 1
                else:
                    raise
                for each in records:
                    for attribute, kind in made_up.items():
                        setattr(each, attribute, MADE_UP[kind])
    return shown


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_writes_the_packages_rows(name, language, request_of, monkeypatch):
    table_class = TABLES[name]
    with translation.override(language):
        records = records_for(name, table_class, request_of, monkeypatch)
        ours, theirs = both(table_class, records, request_of, monkeypatch)
    assert ours == theirs
    assert ours.count("<tr ") == len(records) == (2 if name in WITHOUT_MODEL else 3)


def test_every_table_is_compared_and_its_columns_planned(request_of):
    """The tables found are all the project's (a new module of tables would be found by its name), and each
    column of each goes through the planned path, not the package's fallback."""
    assert len(TABLES) >= 50 and "corrections.tables.SuperviseeTable" in TABLES
    assert "publicity.tables.ActivityTable" in TABLES
    for name, table_class in TABLES.items():
        table = table_class([], request=request_of)
        unplanned = [column.name for column in table.columns if bureau_tables.cell_renderer(column) is None]
        assert unplanned == [], name
        assert bureau_tables.row_attributes(table) is not None, name


def test_the_tag_falls_back_on_the_package_for_a_column_it_does_not_plan(request_of, monkeypatch):
    """A link whose <a> attributes are computed per cell goes through row.get_cell, and row_attrs nesting a dict
    through row.attrs: still the package's markup."""

    class Computed(tables.Table):
        name = tables.Column(linkify=lambda record: f"/r/{record['id']}/",
                             attrs={"a": {"title": lambda record: f"<{record['name']}>"}})
        other = tables.Column(default="—")

        class Meta:
            row_attrs = {"data-x": {"y": "z"}, "id": lambda record: record["id"]}

    rows = [{"id": 1, "name": "甲 & 乙"}, {"id": 2, "name": "", "other": "<b>"}]
    assert bureau_tables.cell_renderer(Computed(rows).columns["name"]) is None
    ours, theirs = both(Computed, rows, request_of, monkeypatch)
    assert ours == theirs and 'title="&lt;甲 &amp; 乙&gt;"' in ours


def test_static_row_attributes_still_alternate(request_of, monkeypatch):
    class Static(tables.Table):
        name = tables.Column()

        class Meta:
            row_attrs = {"class": "small", "data-kind": "<plain & \"simple\">"}

    rows = [{"name": n} for n in "abc"]
    ours, theirs = both(Static, rows, request_of, monkeypatch)
    assert ours == theirs
    assert re.findall(r'class="small (\w+)"', ours) == ["even", "odd", "even"]
    assert 'data-kind="&lt;plain &amp; &quot;simple&quot;&gt;"' in ours


class Related:
    """What a many-to-many column is given: a manager with exists() and all()."""

    def __init__(self, *items):
        self.items = items

    def exists(self):
        return bool(self.items)

    def all(self):
        return self.items


class Row(dict):
    def get_absolute_url(self):
        return f"/rows/{self['pk']}/?a=1&b=<2>"


class EveryKindTable(tables.Table):
    """The kinds of cell no table of the project has (yet): a link column's text when its accessor finds nothing
    (the package's issue #257), links with attributes of their own, to a view name and to get_absolute_url, a
    many-to-many column, a default that is a callable, a template column, a render method taking every argument
    and one taking an argument it is never given."""

    text_link = tables.LinkColumn("bureau:reminder_detail", args=[tables.A("pk")], text="打开 & 看")
    own_a = tables.Column(accessor="name", linkify=True, attrs={"a": {"class": "link-dark", "data-x": "<y>"}})
    by_view = tables.Column(accessor="name", linkify=("bureau:reminder_detail", [tables.A("pk")]))
    by_callable = tables.Column(accessor="name", linkify=lambda record, value: f"/v/{value}/" if value else None)
    many = tables.ManyToManyColumn(default="无")
    called_default = tables.Column(accessor="missing", default=lambda: "默认 <值>")
    template = tables.TemplateColumn("{{ record.name }} / {{ value|default:'空' }}", accessor="name")
    everything = tables.Column(accessor="name", empty_values=())
    never = tables.Column(accessor="name")
    flag = tables.BooleanColumn(accessor="flag")
    number = tables.Column(accessor="amount", localize=True)

    class Meta:
        row_attrs = {"data-name": lambda record: record["name"], "data-pk": lambda table, record: record["pk"]}

    def render_everything(self, value, record, column, bound_column, bound_row, table):
        return f"{value}|{record['pk']}|{column is bound_column.column}|{bound_row.row_counter}|{table is self}"

    def render_never(self, value, nonsense):
        return "not called"


def test_every_kind_of_cell_writes_the_packages_markup(request_of, monkeypatch):
    rows = [Row(pk=1, name="甲 <1> & 乙", many=Related("x <1>", "y"), flag=True, amount=Decimal("1234.5")),
            Row(pk=2, name="", many=Related(), flag=False, amount=None),
            Row(pk=3, name=None, many=Related("z"), flag=None, amount=7)]
    for language in ("zh-hans", "en"):
        with translation.override(language):
            ours, theirs = both(EveryKindTable, rows, request_of, monkeypatch)
        assert ours == theirs
    assert ours.count(">打开 &amp; 看</a>") == 3 and 'class="link-dark" data-x="&lt;y&gt;" href=' in ours
    assert "默认 &lt;值&gt;" in ours and "x &lt;1&gt;, y" in ours
    assert '<tr data-name="甲 &lt;1&gt; &amp; 乙" data-pk="1" class="even">' in ours
    assert all(bureau_tables.cell_renderer(column) for column in EveryKindTable(rows).columns)

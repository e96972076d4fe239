"""The project's table template writes its rows in Python (bureau.templatetags.bureau_tables) and django-tables2's
per-cell costs are paid once (bureau.tables.speed_up_tables2): the markup must stay the package's, cell for cell."""

import re
from datetime import date

import django_tables2 as tables
import pytest
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html
from django_tables2 import A, RequestConfig, utils

from bureau.models import Reminder, Role
from bureau.tables import ReminderTable
from tests.factories import ReminderFactory


def tbody(html):
    """The <tbody> of a rendered table, whitespace between tags dropped (the two templates indent differently)."""
    body = re.search(r"<tbody.*?</tbody>", html, re.S).group(0)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)  # a new mask on each render
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", body)).strip()


def rendered(table, template_name, request):
    return get_template(template_name).render({"table": table, "request": request}, request)


class SampleTable(tables.Table):
    """Every kind of cell the lists have: a linked name, a date, a number localised or not, a whole number, a render_
    method returning safe HTML, a row attribute from a callable, a column's td attributes, text needing escaping."""

    title = tables.Column(linkify=True)
    due_on = tables.DateColumn()
    plain = tables.Column(empty_values=(), localize=False)
    localised = tables.Column(empty_values=(), localize=True)
    whole = tables.Column(empty_values=())
    badge = tables.Column(empty_values=(), attrs={"td": {"class": "text-nowrap"}})
    escaped = tables.Column(empty_values=())
    # attributes computed for each cell from its record and value (most columns' are the same on every row)
    computed = tables.Column(accessor="title", attrs={"td": {"data-pk": lambda record: record.pk,
                                                             "title": lambda value: f"《{value}》"}})

    class Meta:
        model = Reminder
        fields = ["title", "due_on"]
        row_attrs = {"id": lambda record: f"r-{record.pk}", "data-state": lambda record: record.state}

    def render_plain(self, record):
        return 1234567.5

    def render_localised(self, record):
        return 1234567.5

    def render_whole(self, record):
        return 1234567 if record.pk % 2 else -7

    def render_badge(self, record, value):
        return format_html('<span class="badge">{}</span>', record.get_state_display())

    def render_escaped(self):
        return "<b>A & B</b>"


@pytest.fixture
def request_of(personas):
    request = RequestFactory().get("/todos/")
    request.user = personas.clerk_a
    return request


@pytest.mark.parametrize("table_class", [SampleTable, ReminderTable])
def test_the_rows_are_the_packages_markup(table_class, request_of, areas, personas):
    for n in range(3):
        ReminderFactory(area=areas.street_a, role=Role.STREET, title=f"核对 <{n}> & 签收", due_on=date(2026, 5, n + 1))
    # A table counts its rows as it renders them (odd, even): a fresh one for each template.
    ours = tbody(rendered(table_class(Reminder.objects.order_by("pk"), request=request_of),
                          "django_tables2/bootstrap5-responsive.html", request_of))
    package = tbody(rendered(table_class(Reminder.objects.order_by("pk"), request=request_of),
                             "django_tables2/bootstrap5.html", request_of))
    assert ours == package
    assert ours.count("<tr ") == 3
    assert "核对 &lt;0&gt; &amp; 签收" in ours
    if table_class is SampleTable:
        assert ours.count('title="《核对 &lt;') == 3 and len(set(re.findall(r'data-pk="(\d+)"', ours))) == 3


@pytest.mark.parametrize("grouped", [False, True])
def test_whole_numbers_are_written_as_the_package_writes_them(grouped, settings, request_of, areas):
    """An int is written as str() writes it while numbers are not grouped, and as Django's localize when they are."""
    settings.USE_THOUSAND_SEPARATOR = grouped
    for n in range(2):
        ReminderFactory(area=areas.street_a, role=Role.STREET)
    with translation.override("en"):
        ours = tbody(rendered(SampleTable(Reminder.objects.order_by("pk"), request=request_of),
                              "django_tables2/bootstrap5-responsive.html", request_of))
        package = tbody(rendered(SampleTable(Reminder.objects.order_by("pk"), request=request_of),
                                 "django_tables2/bootstrap5.html", request_of))
    assert ours == package
    assert ("<td >1,234,567</td>" if grouped else "<td >1234567</td>") in ours and "<td >-7</td>" in ours


def test_text_from_a_render_method_is_escaped_and_safe_html_is_not(request_of, areas):
    ReminderFactory(area=areas.street_a, role=Role.STREET)
    ours = tbody(rendered(SampleTable(Reminder.objects.all(), request=request_of),
                          "django_tables2/bootstrap5-responsive.html", request_of))
    assert "<td >&lt;b&gt;A &amp; B&lt;/b&gt;</td>" in ours
    assert '<td class="text-nowrap"><span class="badge">待办</span></td>' in ours


def test_an_empty_table_shows_its_empty_text(request_of):
    table = SampleTable(Reminder.objects.none(), request=request_of, empty_text="没有待办")
    ours = tbody(rendered(table, "django_tables2/bootstrap5-responsive.html", request_of))
    assert ours == tbody(rendered(table, "django_tables2/bootstrap5.html", request_of))
    assert '<td colspan="8">没有待办</td>' in ours


def test_the_arguments_a_render_method_takes_are_read_once_per_function():
    table = SampleTable([])
    other = SampleTable([])
    assert utils.signature(table.render_badge) == (("record", "value"), None)
    assert utils.signature(other.render_badge) == (("record", "value"), None)  # another instance: same answer
    assert utils.signature(lambda record, **kwargs: None) == (("record",), "kwargs")
    # Bound to each table: the right instance is called.
    assert utils.call_with_appropriate(other.render_escaped, {"record": None}) == "<b>A & B</b>"


class DatesTable(tables.Table):
    day = tables.DateColumn(format="Y-m-d")
    short = tables.DateColumn(accessor="day")
    long = tables.DateColumn(accessor="day", short=False)
    moment = tables.DateTimeColumn(format="Y-m-d H:i")
    moment_long = tables.DateTimeColumn(accessor="moment", short=False)
    empty = tables.DateColumn(format="Y-m-d", default="未填")
    own = tables.DateColumn(accessor="day")  # a template of its own is kept

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["own"].column.template_code = '{{ value|date:"Y年n月j日" }} <b>{{ record.label }}</b>'


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_columns_write_what_their_template_would(language, monkeypatch, request_of):
    from datetime import UTC, datetime

    from django.utils import translation

    rows = [{"day": date(2026, 2, 28), "moment": datetime(2026, 2, 28, 17, 30, tzinfo=UTC), "empty": None,
             "label": "<x>"},
            {"day": None, "moment": None, "empty": "", "label": "&"}]
    with translation.override(language):
        ours = tbody(rendered(DatesTable(rows, request=request_of), "django_tables2/bootstrap5.html", request_of))
        monkeypatch.setattr(tables.DateColumn, "render", tables.TemplateColumn.render)
        monkeypatch.setattr(tables.DateTimeColumn, "render", tables.TemplateColumn.render)
        theirs = tbody(rendered(DatesTable(rows, request=request_of), "django_tables2/bootstrap5.html", request_of))
    assert ours == theirs
    assert "2026-03-01 01:30" in ours and "未填" in ours and "2026年2月28日 <b>&lt;x&gt;</b>" in ours


class CellsTable(tables.Table):
    """Every way a cell finds its value: a choice field (its label), one through a relation, one through a relation
    that is empty on some rows, a plain relation's field, a property, a method, an accessor that is not there, a
    link column with text, and a row's own render method."""

    state = tables.Column()
    level = tables.Column(accessor="area__level")
    role = tables.Column(accessor="assignee__role", default="—")
    area_name = tables.Column(accessor="area__name")
    assignee_name = tables.Column(accessor="assignee__username")
    overdue = tables.Column(accessor="is_open")
    offer = tables.Column(accessor="offer", empty_values=())
    missing = tables.Column(accessor="not_a_field__nor_attribute", default="无")
    link = tables.LinkColumn("bureau:reminder_detail", args=[A("pk")], text="打开", empty_values=())
    rendered = tables.Column(accessor="title")

    def render_rendered(self, value, record):
        return f"{value}（{record.get_state_display()}）"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_cell_finds_what_the_package_would(language, monkeypatch, request_of, areas, personas):
    from django.utils import translation
    from django_tables2 import rows as package_rows

    from bureau import tables as bureau_tables

    ReminderFactory(area=areas.street_a, role=Role.STREET, title="核对<名单>", assignee=personas.clerk_a)
    ReminderFactory(area=areas.district, role=Role.SECTION, state=Reminder.State.DONE)
    ReminderFactory(area=areas.street_b, role="", title="")
    records = list(Reminder.objects.select_related("area", "assignee").order_by("pk"))
    with translation.override(language):
        ours = tbody(rendered(CellsTable(records, request=request_of), "django_tables2/bootstrap5.html", request_of))
        monkeypatch.setattr(package_rows.BoundRow, "_get_and_render_with", bureau_tables.package_get_and_render_with)
        theirs = tbody(rendered(CellsTable(records, request=request_of), "django_tables2/bootstrap5.html",
                                request_of))
    assert bureau_tables.package_get_and_render_with.__module__ == "django_tables2.rows"
    assert ours == theirs
    assert ours.count("<tr ") == 3 and "打开" in ours and "无" in ours and "—" in ours


def head_and_pages(html):
    """The <thead> and the package's page links of a rendered table, whitespace between tags dropped."""
    found = [re.search(r"<thead.*?</thead>", html, re.S), re.search(r'<nav aria-label="Table navigation">.*?</nav>',
                                                                     html, re.S)]
    parts = [match.group(0) if match else "" for match in found]
    return [re.sub(r"\s+>", ">", re.sub(r">\s+<", "><", re.sub(r"\s+", " ", part))).strip() for part in parts]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("query", ["", "page=2", "page=3&sort=-due_on", "page=2&sort=title&q=<a>&x=1&x=2&page=9",
                                   "per_page=100", "sort=area"])
def test_the_header_and_page_links_are_the_packages(language, query, areas, personas):
    """bureau_tables' table_head and table_pagination write what the package's table.thead and pagination blocks
    write: the sorting link of each column that sorts, previous, the pages around this one, next."""
    for n in range(60):
        ReminderFactory(area=areas.street_a, role=Role.STREET, title=f"核对 {n}", assignee=personas.clerk_a)
    request = RequestFactory().get("/todos/?" + query)
    request.user = personas.clerk_a
    with translation.override(language):
        table = ReminderTable(Reminder.objects.order_by("pk"), request=request)
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        ours = head_and_pages(rendered(table, "django_tables2/bootstrap5-responsive.html", request))
        theirs = head_and_pages(rendered(table, "django_tables2/bootstrap5.html", request))
    assert ours == theirs
    assert ours[0].count("<th ") == len(table.columns) and ('href="?' in ours[0])
    assert (ours[1] != "") == ("per_page=100" not in query)  # one page of 100: no page links


def test_a_path_resolves_as_the_packages_accessor_does(areas, monkeypatch):
    """bureau.tables._resolve against django_tables2's Accessor.resolve: attributes along a model's path, a null
    relation, a method (called), a dict, a missing name (raised, or None when quiet) and an attribute whose
    property raises something else (raised, or None when quiet)."""
    from django_tables2.utils import Accessor

    from bureau.models import Area
    from bureau.tables import _resolve

    def broken(self):
        raise KeyError("no")

    monkeypatch.setattr(Area, "broken", property(broken), raising=False)
    street = Area.objects.get(pk=areas.street_a.pk)
    district = Area.objects.get(pk=areas.district.pk)
    records = [street, district, {"name": "字典", "parent": None}]
    paths = ["name", "parent__name", "parent__parent__code", "get_level_display", "parent__get_level_display",
             "nothing", "parent__nothing", "broken", "parent__broken", "pk"]
    for record in records:
        for path in paths:
            accessor = Accessor(path)
            for quiet in (False, True):
                try:
                    expected = ("value", accessor.resolve(record, quiet=quiet))
                except Exception as error:  # noqa: BLE001
                    expected = ("raises", type(error))
                try:
                    found = ("value", _resolve(accessor, tuple(accessor.bits), record, quiet=quiet))
                except Exception as error:  # noqa: BLE001
                    found = ("raises", type(error))
                assert found == expected, (record, path, quiet)

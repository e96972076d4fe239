import inspect
import re
from functools import lru_cache, partialmethod
from typing import NamedTuple

import django_tables2 as tables
from django.db import models
from django.middleware.csrf import get_token
from django.template import Template, defaultfilters
from django.template.base import template_localtime
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_tables2.columns.base import LinkTransform
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import Accessor, AttributeDict

from .links import record_url
from .models import Reminder
from .speedups import fixed_date


def speed_up_tables2():
    """What django-tables2 3.0 pays on every cell of every list page, paid once instead (docs/benchmarks.md,
    "Load"): it asks `inspect.signature` which arguments each render_/value_ method and row_attrs callable takes
    (a third of a register page's time), a TemplateColumn with `template_code` compiles its template anew, a date
    column renders a template, and each cell parses its accessor and looks up its model field. Django's own such
    costs are bureau.speedups'. Called once from BureauConfig.ready()."""
    from django_tables2 import rows, utils
    from django_tables2.columns import templatecolumn

    original = utils.signature

    @lru_cache(maxsize=4096)
    def names(function, bound):
        args, keywords = original(function)
        return (args[1:] if bound else args), keywords

    def signature(fn):
        # A bound method is a new object at each access: key on its function (the names are the same, less self).
        if inspect.ismethod(fn):
            return names(fn.__func__, True)
        if inspect.isfunction(fn):
            return names(fn, False)
        return original(fn)

    utils.signature = signature

    # TemplateColumn.render calls Template(self.template_code) and nothing else of the name; a compiled template
    # is immutable and rendered with a fresh context each time.
    templatecolumn.Template = lru_cache(maxsize=512)(Template)

    # A date column is a TemplateColumn of `{{ value|date:"…"|default:default }}`: a template rendered in the page's
    # context for every date of a list (the register's start dates were a fifth of its table). The same filters,
    # called directly.
    for column_class in (tables.DateColumn, tables.DateTimeColumn):
        column_class.render = _render_date

    # BoundRow._get_and_render_with, for every cell: the column's accessor parsed and its model field looked up
    # (a walk through the models' _meta) anew, and the record resolved twice. The same steps, the field looked up
    # once per column and kind of record (tests/bureau/test_table_rows.py compares them cell for cell).
    global package_get_and_render_with
    if rows.BoundRow._get_and_render_with is not _get_and_render_with:
        package_get_and_render_with = rows.BoundRow._get_and_render_with  # kept for the tests' comparison
    rows.BoundRow._get_and_render_with = _get_and_render_with


package_get_and_render_with = None


class CellPlan(NamedTuple):
    """What the package works out for every cell, worked out once per bound column (one table's render) and kind of
    record (`_cell_plan`)."""

    kind: type  # the record's class
    accessor: tables.A
    choices: bool  # the accessor's field has choices: the cell shows get_<field>_display()
    many: bool  # a ManyToManyColumn
    bits: tuple  # the accessor's parts
    head: object  # the accessor of the parts before the last (None when there is one part)
    head_bits: tuple  # and those parts
    display_name: str  # get_<last part>_display


def _cell_plan(bound_column, record):
    plan = bound_column.__dict__.get("_bureau_plan")
    if plan is None or plan.kind is not type(record):
        accessor = tables.A(bound_column.accessor)
        field = accessor.get_field(record)  # from the record's class: the same for every record of it
        bits = tuple(accessor.bits)
        plan = bound_column.__dict__["_bureau_plan"] = CellPlan(
            type(record), accessor, bool(getattr(field, "choices", ())),
            isinstance(bound_column.column, tables.ManyToManyColumn), bits,
            tables.A(accessor.rpartition(accessor.SEPARATOR)[0]) if len(bits) > 1 else None, bits[:-1],
            f"get_{bits[-1]}_display" if bits else "")
    return plan


_subscriptable = {}


def _resolve(accessor, bits, record, quiet=False):
    """`accessor.resolve(record, quiet=quiet)` (django-tables2's) along `bits`, for a path of model attributes: the
    package tries `record[bit]` first at every step, which on a model raises a TypeError to catch before its
    getattr. A model without `__getitem__` goes to getattr at once; anything else (a dict, a list, a callable met
    on the way, a failed lookup) is resolved by the package from the start, as it would be."""
    current = record
    for bit in bits:
        kind = type(current)
        subscriptable = _subscriptable.get(kind)
        if subscriptable is None:
            subscriptable = _subscriptable[kind] = not issubclass(kind, models.Model) or hasattr(kind, "__getitem__")
        if subscriptable:
            return accessor.resolve(record, quiet=quiet)
        try:
            current = getattr(current, bit)
        except (TypeError, AttributeError):
            return accessor.resolve(record, quiet=quiet)
        except Exception:
            if quiet:  # as the package: anything raised on the way is None when quiet
                return None
            raise
        if callable(current):
            return accessor.resolve(record, quiet=quiet)
        if current is None:
            break
    return current


NO_VALUE = object()  # a cell rendered without a value: its link text shown, or a label nobody reads


def _cell_value(plan, record, text_fallback, label_unread=None):
    """The value a cell shows, found as BoundRow._get_and_render_with finds it: a field with choices gives its label
    (get_<field>_display()), anything else the accessor resolved. NO_VALUE when the accessor fails on a column that
    shows its link text instead (the package's issue #257: a column that is not a field), or when `label_unread`
    says the label would only be looked up to be tested for emptiness."""
    remainder = plan.bits[-1] if plan.bits else ""
    if plan.choices:
        # accessor.penultimate(record): the path before the last part, resolved quietly
        penultimate = _resolve(plan.head, plan.head_bits, record, quiet=True) if plan.head is not None else record
        if isinstance(penultimate, models.Model):
            display = getattr(penultimate, plan.display_name, None)
            if display:
                if label_unread is not None and label_unread(record, penultimate, remainder):
                    return NO_VALUE
                return display()
    if remainder:
        try:
            return _resolve(plan.accessor, plan.bits, record)
        except Exception:  # noqa: BLE001 (a column that is not a field, as the package allows: its issue #257)
            return NO_VALUE if text_fallback else None
    return None


def _get_and_render_with(self, bound_column, render_func, default):
    """django_tables2.rows.BoundRow._get_and_render_with (3.0.1), with the per-column steps planned once."""
    plan = _cell_plan(bound_column, self.record)
    column = bound_column.column
    value = _cell_value(plan, self.record, isinstance(column, BaseLinkColumn) and column.text is not None)
    if value is NO_VALUE:
        return render_func(bound_column)
    if value in column.empty_values or (plan.many and not value.exists()):
        return default
    return render_func(bound_column, value)


PER_CELL = ("value", "record", "bound_row")


def _planned_call(function, fixed, given=PER_CELL):
    """`call_with_appropriate(function, {**given, **fixed})` as a function of (value, record, row), `given` naming
    those of the three the package passes: which arguments `function` takes is read once, and the call passes just
    those, without a dict built and filtered for every cell."""
    from django_tables2 import utils

    names, catch_all = utils.signature(function)
    if catch_all:
        if given == PER_CELL:
            return lambda value, record, row: function(value=value, record=record, bound_row=row, **fixed)
        given = {name: PER_CELL.index(name) for name in given}
        return lambda *values: function(**{name: values[i] for name, i in given.items()}, **fixed)
    if not set(names) <= set(given) | set(fixed):  # an argument it is never given: the package returns None
        return lambda value, record, row: None
    static = {name: fixed[name] for name in names if name in fixed}
    takes = tuple(name in names for name in PER_CELL)
    if not static:
        if takes == (True, False, False):
            return lambda value, record, row: function(value=value)
        if takes == (False, True, False):
            return lambda value, record, row: function(record=record)
        if takes == (True, True, False):
            return lambda value, record, row: function(value=value, record=record)
        if takes == (False, False, False):
            return lambda value, record, row: function()
    wanted = [(name, i) for i, name in enumerate(PER_CELL) if takes[i]]
    return lambda *values: function(**{name: values[i] for name, i in wanted}, **static)


def _planned_link(bound_column, fixed):
    """The column's LinkTransform as a function of (content, value, record, row), or None when it has none; False
    when its `<a>` attributes are computed per cell (the package's own call is kept then)."""
    link = bound_column.link
    if link is None:
        return None
    attrs = link.attrs or {}
    if type(link) is not LinkTransform or "href" in attrs or any(callable(value) or isinstance(value, dict)
                                                                  for value in attrs.values()):
        return False
    before = AttributeDict(attrs).as_html()  # what get_attrs gives before the href it adds last
    before = mark_safe(f"{before} ") if before else ""
    if link.url and callable(link.url):
        href = _planned_call(link.url, fixed)
    elif link.reverse_args.get("viewname", None) is not None:
        href = lambda value, record, row: link.call_reverse(record=record)  # noqa: E731
    else:
        accessor = Accessor(link.accessor if link.accessor is not None else bound_column.name)

        def href(value, record, row):
            context = accessor.resolve(record)
            if not hasattr(context, "get_absolute_url"):
                if hasattr(record, "get_absolute_url"):
                    context = record
                else:
                    raise TypeError(f"for linkify=True, '{context}' must have a method get_absolute_url")
            return context.get_absolute_url()

    def linked(content, value, record, row):
        url = href(value, record, row)
        if url is None:
            return content
        return format_html('<a {}href="{}">{}</a>', before, url, content)

    return linked


def _takes(function, name):
    from django_tables2 import utils

    names, catch_all = utils.signature(function)
    return bool(catch_all) or name in names


def cell_renderer(bound_column):
    """What `row.get_cell(name)` gives for this column, as a function of the row, planned once per table render:
    the same steps as BoundRow._get_and_render_with and _call_render (choices' labels, empty values and the
    default, the text of a link column whose accessor fails, many-to-many columns, the render method called with
    the arguments it takes, the link), without finding the column among all of them, building the six render
    arguments and filtering them by the function's signature, and composing the link's attributes, for every
    cell. None when the column is of a kind not planned for (its cells then go through `row.get_cell`)."""
    table = bound_column._table
    column = bound_column.column
    fixed = {"column": column, "bound_column": bound_column, "table": table}
    link = _planned_link(bound_column, fixed)
    if link is False:
        return None
    render = _planned_call(bound_column.render, fixed)
    if link is not None:
        plain = render
        render = lambda value, record, row: link(plain(value, record, row), value, record, row)  # noqa: E731
    empty_values = column.empty_values
    text_fallback = isinstance(column, BaseLinkColumn) and column.text is not None
    fixed_default = not callable(column._default)
    default = bound_column.default if fixed_default else None
    # A choice's label is looked up (and translated) only to be tested for emptiness when neither the render
    # method nor the link is given the value (a render_ method reading the record): the choices whose label is
    # not empty are known once, and a value among them needs no label.
    label_unused = not (_takes(bound_column.render, "value") or (
        bound_column.link is not None and callable(bound_column.link.url) and _takes(bound_column.link.url, "value")))
    shown_choices = {}

    def shown(record, penultimate, remainder):
        key = type(penultimate)
        if key not in shown_choices:
            field = tables.A(bound_column.accessor).get_field(record)
            # Django's own get_<field>_display (or bureau.speedups'), not a model's method of that name
            plain = (isinstance(inspect.getattr_static(key, f"get_{remainder}_display", None), partialmethod)
                     and getattr(field, "attname", None) == remainder and not field.is_relation)
            shown_choices[key] = frozenset(
                value for value, label in field.flatchoices
                if force_str(label, strings_only=True) not in empty_values) if plain else frozenset()
        return shown_choices[key]

    def label_unread(record, penultimate, remainder):
        raw = getattr(penultimate, remainder)
        return type(raw) in (str, int) and raw in shown(record, penultimate, remainder)

    def cell(row):
        record = row._record
        plan = _cell_plan(bound_column, record)
        value = _cell_value(plan, record, text_fallback, label_unread if label_unused else None)
        if value is NO_VALUE:
            return render(None, record, row)
        if value in empty_values or (plan.many and not value.exists()):
            return default if fixed_default else bound_column.default
        return render(value, record, row)

    return cell


def row_attributes(table):
    """A function of a BoundRow giving its `row.attrs.as_html()`: the attributes from `row_attrs` computed once for
    the table when none is a callable (only the even/odd class alternating), else each callable called with the
    arguments it takes. None when `row_attrs` nests dicts (the package's own property then)."""
    row_attrs = table.row_attrs or {}
    if any(isinstance(value, dict) for value in row_attrs.values()):
        return None
    fixed = {"table": table}
    planned = {}
    for key, value in row_attrs.items():
        planned[key] = (True, _planned_call(value, fixed, ("record",))) if callable(value) else (False, value)

    def html(attrs, parity):
        if attrs.get("class"):
            attrs["class"] += " " + parity
        else:
            attrs["class"] = parity
        # AttributeDict(attrs).as_html(), joined here: its format_html_join was a tenth of a list's rows.
        return mark_safe(" ".join(
            f'{conditional_escape(key)}="{conditional_escape(value)}"'
            for key, value in ((key, value() if callable(value) else value) for key, value in attrs.items())
            if key not in AttributeDict.blacklist and value is not None))

    if not any(computed for computed, _value in planned.values()):
        static = {parity: html(dict(row_attrs), parity) for parity in ("even", "odd")}
        return lambda row: static["odd" if row.row_counter % 2 else "even"]

    def attributes(row):
        attrs = {key: function(None, row._record, row) if computed else function
                 for key, (computed, function) in planned.items()}
        if any(isinstance(value, dict) for value in attrs.values()):
            return row.attrs.as_html()
        return html(attrs, "odd" if row.row_counter % 2 else "even")

    return attributes


DATE_TEMPLATE = re.compile(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}')


def _render_date(self, value, bound_column, **kwargs):
    match = DATE_TEMPLATE.fullmatch(self.template_code or "")
    if match is None:  # a template of its own
        return tables.TemplateColumn.render(self, value=value, bound_column=bound_column, **kwargs)
    fixed = fixed_date(value, match.group(1))
    if fixed is not None:
        return SafeString(fixed)  # digits and hyphens: nothing to localise or escape
    shown = defaultfilters.date(template_localtime(value), match.group(1)) or bound_column.default
    return conditional_escape(localize(shown))


class TodayTable(tables.Table):
    """A table whose rows are read against today (days left, overdue rows in red): `table.today`, read once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()


def overdue_row(record, table):
    """`row_attrs` class of a record with `is_overdue(today)`: red when it is."""
    return "table-danger" if record.is_overdue(table.today) else ""


class ReminderTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("事项"))
    function = tables.Column(verbose_name=_("业务"), accessor="function", orderable=False, default=_("平台基础"))
    area = tables.Column(verbose_name=_("责任单位"), accessor="area__name", order_by="area__code")
    assignee = tables.Column(verbose_name=_("责任人"), default="—")
    due_on = tables.DateColumn(verbose_name=_("办理期限"), format="Y-m-d")
    state = tables.Column(verbose_name=_("状态"))
    actions = tables.Column(verbose_name="", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = Reminder
        fields = ["title", "function", "area", "assignee", "due_on", "state"]
        order_by = "due_on"
        attrs = {"class": "table table-hover align-middle"}
        row_attrs = {
            "id": lambda record: f"reminder-{record.pk}",
            "class": lambda record: "table-danger" if record.is_overdue() else "",
        }

    def render_function(self, value):
        return value.label if value else _("平台基础")

    def _escaped(self, label):
        """A rule's label (a lazy translation), translated and escaped once per table render."""
        labels = self.__dict__.setdefault("_escaped_labels", {})
        found = labels.get(id(label))
        if found is None or found[0] is not label:
            found = labels[id(label)] = (label, conditional_escape(label))
        return found[1]

    def _action_words(self, request):
        """What every row's 办结 form and 忽略 link share, escaped once per table render: one masked CSRF token
        for the page (masking draws 32 random letters), the page to come back to, the three labels."""
        if not hasattr(self, "_action_shared"):
            self._action_shared = tuple(conditional_escape(text) for text in (
                get_token(request), request.get_full_path(), _("已按要求办理的，点此核对并办结"), _("办结"),
                _("忽略…")))
        return self._action_shared

    def render_actions(self, record):
        """The page that satisfies the to-do, and 办结/忽略 for those who may act on it (no query per row).
        Written in Python, as templates/bureau/_reminder_actions.html would (tests compare the two): a template
        rendered for each row was a fifth of the inbox's time."""
        if not record.is_open:
            return format_html('<span class="text-body-secondary small">{}</span>',
                               date_format(template_localtime(record.done_at), "Y-m-d H:i")
                               if record.done_at else "")
        request = getattr(self, "request", None)
        offer = record.offer(load=False)
        parts = ['<div class="d-flex flex-wrap gap-1">\n']
        if offer:
            parts.append(f'<a class="btn btn-sm btn-primary" href="{conditional_escape(offer[1])}">'
                         f'{self._escaped(offer[0])}</a>')
        parts.append("\n")
        if request is not None and record.may_act(request.user):
            token, back, title, complete_label, dismiss_label = self._action_words(request)
            complete = conditional_escape(record_url("bureau:reminder_complete", record.pk))
            parts.append(
                f'<form method="post" action="{complete}" class="d-inline"\n      hx-post="{complete}" '
                f'hx-target="#reminder-{record.pk}" hx-swap="outerHTML">\n  <input type="hidden" '
                f'name="csrfmiddlewaretoken" value="{token}"><input type="hidden" name="next" value="{back}">\n  '
                f'<button type="submit" class="btn btn-sm btn-outline-success" title="{title}">{complete_label}'
                f'</button>\n</form>\n<a class="btn btn-sm btn-outline-secondary" '
                f'href="{conditional_escape(record_url("bureau:reminder_detail", record.pk))}#dismiss">'
                f'{dismiss_label}</a>')
        parts.append("\n</div>")
        return mark_safe("".join(parts))

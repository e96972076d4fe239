"""The header, rows and page links of a django-tables2 table, written in Python (the project's table template,
templates/django_tables2/bootstrap5-responsive.html).

The package's template renders each cell through half a dozen template lookups and tags; on a list of 25 rows and
ten columns that was a third of the page's time (docs/benchmarks.md, "Load"). This writes the same markup as the
package's `table.tbody` block: `<tr>` with the row's attributes, `<td>` with the column's, the cell as {{ cell }}
would show it, localised as the column says; the empty text when there is no row. The header and the page links are
the package's `table.thead` and `pagination` blocks, a sorting or page address per column or page
(tests/bureau/test_table_rows.py compares them with the package's template).
"""

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_tables2.rows import BoundRow
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import AttributeDict

from bureau.links import steady_addresses
from bureau.tables import cell_renderer, row_attributes

register = template.Library()


def _fixed_td(column):
    """A column's <td> attributes as HTML when they are the same on every row (no callable computes them from
    the record, as django-tables2 allows), else None: BoundColumn.attrs builds them anew for every cell."""
    attrs = {**column._table.attrs, **column.column.attrs}
    td = attrs.get("td", attrs.get("cell", {}))
    if any(callable(value) or isinstance(value, dict) for value in td.values()):
        return None
    return column.attrs["td"].as_html()


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    # Each column planned once for the table (bureau.tables.cell_renderer); one not planned for goes through the
    # package's row.get_cell.
    columns = [(column, _fixed_td(column), cell_renderer(column), column.localize) for column in table.columns]
    attributes = row_attributes(table)
    autoescape = context.autoescape
    with steady_addresses():  # every row's links in the same URLconf and language (bureau.links)
        rows = _rows(table, columns, attributes, autoescape, context)
    if not rows and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text)
    return mark_safe("\n".join(rows))


def _rows(table, columns, attributes, autoescape, context):
    # An int is shown as str() shows it when numbers are not grouped (Django's number_format does the same after
    # reading the language and three formats).
    plain_ints = not settings.USE_THOUSAND_SEPARATOR
    rows = []
    for row in table.paginated_rows:
        cells = []
        for column, td, render, localize in columns:
            # What BoundRow.items() does: the cell, and the record and value a callable attribute is given.
            cell = column.current_value = row.get_cell(column.name) if render is None else render(row)
            column.current_record = row._record
            if td is None:
                td = column.attrs["td"].as_html()
            if localize is not None:
                cell = str(formats.localize(cell, use_l10n=localize))
            # As {{ cell }} shows it: dates and numbers in the active language's format, escaped unless safe (text
            # is neither localised nor a time to convert: escaped at once).
            if type(cell) is SafeString and autoescape:
                cells.append(f"<td {td}>{cell}</td>")
            elif type(cell) is str and autoescape:
                cells.append(f"<td {td}>{escape(cell)}</td>")
            elif type(cell) is int and plain_ints:
                cells.append(f"<td {td}>{cell}</td>")
            else:
                cells.append(f"<td {td}>{render_value_in_context(cell, context)}</td>")
        attrs = row.attrs.as_html() if attributes is None or type(row) is not BoundRow else attributes(row)
        rows.append(f"<tr {attrs}>{''.join(cells)}</tr>")
    return rows


def _query(request, key, value):
    """django-tables2's {% querystring_replace key=value %}: this address's parameters with `key` replaced."""
    params = dict(request.GET)
    params[key] = value
    return escape("?" + urlencode(params, doseq=True))


@register.simple_tag(takes_context=True)
def table_head(context, table):
    """The package's `table.thead` block: a header per column, a sorting link on those that sort."""
    if not table.show_header:
        return ""
    request = context["request"]
    cells = []
    for column in table.columns:
        header = render_value_in_context(column.header, context)
        if column.orderable:
            order = _query(request, table.prefixed_order_by_field, column.order_by_alias.next)
            header = f'<a href="{order}">{header}</a>'
        cells.append(f'<th {column.attrs["th"].as_html()} scope="col">\n{header}\n</th>')
    attrs = table.attrs.get("thead")  # as {{ table.attrs.thead.as_html }}: a plain dict shows nothing
    attrs = attrs.as_html() if isinstance(attrs, AttributeDict) else ""
    return mark_safe(f'<thead {attrs}>\n<tr>\n'
                     + "\n".join(cells) + "\n</tr>\n</thead>")


@register.simple_tag(takes_context=True)
def table_pagination(context, table):
    """The package's `pagination` block: previous, the pages around this one, next."""
    page = getattr(table, "page", None)
    if not page or table.paginator.num_pages <= 1:
        return ""
    request, field = context["request"], table.prefixed_page_field
    items = []
    if page.has_previous():
        items.append(f'<li class="previous page-item"><a href="{_query(request, field, page.previous_page_number())}" '
                     f'class="page-link">\n<span aria-hidden="true">&laquo;</span>\n{escape(gettext("previous"))}'
                     '\n</a></li>')
    if page.has_previous() or page.has_next():
        for number in table_page_range(page, table.paginator):
            active = " active" if page.number == number else ""
            href = f' href="{_query(request, field, number)}"' if number != "..." else ""
            items.append(f'<li class="page-item{active}"><a class="page-link"{href}>\n'
                         f'{render_value_in_context(number, context)}\n</a></li>')
    if page.has_next():
        items.append(f'<li class="next page-item"><a href="{_query(request, field, page.next_page_number())}" '
                     f'class="page-link">\n{escape(gettext("next"))}\n<span aria-hidden="true">&raquo;</span>'
                     '\n</a></li>')
    return mark_safe('<nav aria-label="Table navigation">\n<ul class="pagination justify-content-center">\n'
                     + "\n".join(items) + "\n</ul>\n</nav>")

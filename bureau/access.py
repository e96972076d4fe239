"""The pages' side of bureau.permissions, shared by every app: a decorator, one mixin and the list view.

    @access_required(function_access(FUNCTION))           # or @function_required(FUNCTION)
    def case_detail(request, pk): …

    class CaseListView(AccessListView):
        function = FUNCTION                                 # or access = REGISTRY

Any POST is a write: it needs the Access's write as well as its read.
"""

from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.utils import timezone
from django_filters.views import FilterView
from django_tables2 import A, DateColumn, DateTimeColumn, SingleTableMixin
from django_tables2.export import ExportMixin

from . import excel
from .permissions import access_of, function_access


def access_required(access, write=False):
    """Decorator: signed in, then `access` allows the user (to write, with `write` or on a POST)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            access.check(request.user, write=write or request.method == "POST")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def function_required(function, write=False):
    """Signed in and may use `function` (the code its AppConfig declares); to write, may write it."""
    return access_required(function_access(function), write=write)


class AccessMixin(LoginRequiredMixin):
    """Class-based views: set `access` (a bureau.permissions.Access) or `function`; `writes = True` when every
    request changes records. The template gets `can_write`."""

    access = None
    function = ""
    writes = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            access_of(self).check(request.user, write=self.writes or request.method == "POST")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_write=access_of(self).write(self.request.user), **kwargs)


MAX_PER_PAGE = 100


class CappedPaginator(Paginator):
    """A page of at most MAX_PER_PAGE rows and at least one, whatever `?per_page=` asks: the page-size choice
    offers 25/50/100, and a hand-made `?per_page=100000` must not render a whole register. `count`, when the
    view has already counted the rows (ExportableListView.list_figures), is not asked again."""

    def __init__(self, object_list, per_page, *args, count=None, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), MAX_PER_PAGE), *args, **kwargs)
        if count is not None:
            self.count = count  # Paginator.count is a cached_property: this is its value


class ExportableListView(ExportMixin, SingleTableMixin, FilterView):
    """A sortable, filtered list with its Excel export (`?_export=xlsx`).

    The export is the filtered, sorted list — every row, not one page — written by bureau.excel (real dates
    and numbers, formulas neutralised) and named after the list: `export_name` (else the model's plural
    name) and today's date, 法律援助案件_2026-11-30.xlsx. Views declare nothing more."""

    table_pagination = {"per_page": 25}
    paginator_class = CappedPaginator
    export_formats = ["xlsx"]
    export_name = ""
    # Figures over the filtered list shown above it, {name: aggregate} (the consultations' person-times): read in
    # one query with the rows' count, which the paginator would otherwise ask for with a scan of its own.
    list_totals = {}

    def get_table_pagination(self, table):
        pagination = super().get_table_pagination(table)
        if pagination and isinstance(self.object_list, QuerySet):
            count = self.counted_with_figures()
            if count is not None:
                pagination = {**(pagination if isinstance(pagination, dict) else {}), "count": count}
        return pagination

    def counted_with_figures(self):
        """The filtered rows' count when a query the page makes anyway reads it (the paginator then asks nothing),
        else None: here with `list_totals`; a view whose figures are read otherwise counts with them."""
        if not self.list_totals:
            return None
        figures = self.object_list.aggregate(_rows=Count("pk"), **self.list_totals)
        self._list_figures = figures
        return figures.pop("_rows")

    def list_figures(self):
        """{name: value} of `list_totals` over the filtered list (read with the page's count when there is one)."""
        if not hasattr(self, "_list_figures"):
            self._list_figures = self.object_list.aggregate(**self.list_totals) if self.list_totals else {}
        return self._list_figures

    def get_export_title(self):
        return str(self.export_name or self.object_list.model._meta.verbose_name_plural)

    def create_export(self, export_format):
        table = self.get_table(**self.get_table_kwargs())
        columns = [column for column in table.columns.iterall()
                   if not (column.column.exclude_from_export or column.name in self.exclude_columns)]
        title = self.get_export_title()
        book = excel.workbook()
        excel.sheet(book, title, [column.header for column in columns],
                    ([export_value(row, column) for column in columns] for row in table.rows))
        return excel.download(book, f"{title}_{timezone.localdate():%Y-%m-%d}")


def export_value(row, bound_column):
    """A cell of the export: what the table exports for it (`value_*`/`render_*`, choice labels, the text of
    a template or link column), except that a date column gives its date itself rather than the text
    django-tables2 makes of it, so that Excel gets a date."""
    value = row.get_cell_value(bound_column.name)
    column = bound_column.column
    if isinstance(value, str) and isinstance(column, (DateColumn, DateTimeColumn)) \
            and bound_column.value == column.value:  # no value_/render_ method of the table in between
        raw = A(bound_column.accessor).resolve(row.record, quiet=True)
        if isinstance(raw, date):
            return raw
    return value


class AccessListView(AccessMixin, ExportableListView):
    pass


def add_service_error(form, error):
    """Show a service's refusal on the form: next to the field it names, if the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

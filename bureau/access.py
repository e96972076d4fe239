"""The pages' side of bureau.permissions, shared by every app: a decorator, one mixin and the list view.

    @access_required(function_access(FUNCTION))           # or @function_required(FUNCTION)
    def case_detail(request, pk): …

    class CaseListView(AccessListView):
        function = FUNCTION                                 # or access = REGISTRY

Any POST is a write: it needs the Access's write as well as its read.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

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


class ExportableListView(ExportMixin, SingleTableMixin, FilterView):
    """A sortable, filtered list with its Excel export (`?_export=xlsx`)."""

    table_pagination = {"per_page": 25}
    export_formats = ["xlsx"]


class AccessListView(AccessMixin, ExportableListView):
    pass


def add_service_error(form, error):
    """Show a service's refusal on the form: next to the field it names, if the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

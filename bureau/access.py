"""Access to a function's pages, shared by every function app: who may use it, who may write, list views.

Read-only roles (leadership, the city bureau) use a function but never write; any POST is a write.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from .models import Function


def check_function_access(user, function, write=False):
    label = Function(function).label
    if not user.can_use(function):
        raise PermissionDenied(_("您的角色不能使用%(function)s功能。") % {"function": label})
    if write and not user.can_write(function):
        raise PermissionDenied(_("您的角色只能查看%(function)s信息，不能登记或办理。") % {"function": label})


def checked_view(check):
    """Decorator: signed in, then `check(request)` (which raises PermissionDenied) before the view runs."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def function_required(function, write=False):
    """Signed in and may use `function`; `write`, or any POST, also needs write access."""
    return checked_view(lambda request: check_function_access(
        request.user, function, write=write or request.method == "POST"))


class CheckedAccessMixin(LoginRequiredMixin):
    """For class-based views: signed in, then `check_access(user)` (raising PermissionDenied)."""

    def check_access(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_access(request.user)
        return super().dispatch(request, *args, **kwargs)


class FunctionAccessMixin(CheckedAccessMixin):
    """Set `function`; the template gets `can_write`."""

    function = None

    def check_access(self, user):
        check_function_access(user, self.function)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_write=self.request.user.can_write(self.function), **kwargs)


class ExportableListView(ExportMixin, SingleTableMixin, FilterView):
    """A sortable, filtered list with its Excel export (`?_export=xlsx`)."""

    table_pagination = {"per_page": 25}
    export_formats = ["xlsx"]


class FunctionListView(FunctionAccessMixin, ExportableListView):
    pass


def add_service_error(form, error):
    """Show a service's refusal on the form: next to the field it names, if the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

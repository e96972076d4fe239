"""What every corrections page shares: access to the function, the quick-form machinery, list views."""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_htmx.http import HttpResponseClientRedirect
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from bureau.models import Function


def check_access(user, write=False):
    if not user.can_use(Function.CORRECTIONS):
        raise PermissionDenied(_("您的角色不能使用社区矫正功能。"))
    if write and not user.can_write(Function.CORRECTIONS):
        raise PermissionDenied(_("您的角色只能查看社区矫正信息，不能登记或办理。"))


def corrections_required(write=False):
    """Signed in and may use corrections; `write`, or any POST, also needs write access."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_access(request.user, write=write or request.method == "POST")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CorrectionsAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            check_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_write=self.request.user.can_write(Function.CORRECTIONS), **kwargs)


class CorrectionsListView(CorrectionsAccessMixin, ExportMixin, SingleTableMixin, FilterView):
    table_pagination = {"per_page": 50}
    export_formats = ["xlsx"]


def add_service_error(form, error):
    """Show a service's refusal on the form: next to the field it names, if the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def next_url(request, default):
    """Where to go after a quick form: back to the page it was opened from (the work list), or `default`."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def done(request, url):
    """After a successful write: to `url` (htmx: the page reloads there, which closes the modal)."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@dataclass(frozen=True)
class Action:
    """A quick form about one person: its button label, form, and the call of the service (→ a message)."""

    label: str
    form: object
    perform: object
    icon: str = "pencil-square"
    danger: bool = False


def run_action(request, subject, action_name, action, *, crumbs):
    """GET: the form (prefilled from the query string); POST: the service, its refusal shown on the form."""
    initial = {key: value for key, value in request.GET.items() if key != "next"}
    form = action.form(request.POST or None, initial=initial, subject=subject, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            message = action.perform(subject, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            subject.refresh_from_db()  # a service may have set fields before refusing; nothing was saved
        else:
            messages.success(request, message)
            return done(request, next_url(request, subject.get_absolute_url()))
    template = "corrections/_action_form.html" if request.htmx else "corrections/action.html"
    return render(request, template, {
        "subject": subject, "form": form, "action": action_name, "label": action.label, "danger": action.danger,
        "crumbs": crumbs, "cancel_url": next_url(request, subject.get_absolute_url()),
    })

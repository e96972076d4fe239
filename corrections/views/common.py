"""What every corrections page shares: access to the function, the quick-form machinery, list views."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from bureau.access import (
    AccessMixin,
    AccessListView,
    add_service_error,
    function_required,
)
from corrections.apps import FUNCTION


def corrections_required(write=False):
    return function_required(FUNCTION, write=write)


class CorrectionsAccessMixin(AccessMixin):
    function = FUNCTION


class CorrectionsListView(AccessListView):
    function = FUNCTION
    table_pagination = {"per_page": 50}  # a street office's whole register on one page


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

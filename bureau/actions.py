"""One way to offer a service as a page action: a button opening a small form (an htmx modal, or a page of its
own without JavaScript) that calls the service and shows its refusal on the form.

    TALK = Action(_("个别谈话"), TalkForm, lambda person, by, data: services.talk_record(...) and _("已登记。"))

    def person_action(request, pk, action):
        person = get_object_or_404(Supervisee.objects.visible_to(request.user), pk=pk)
        return run_action(request, person, ACTIONS[action], title=person.name, crumbs=[…])

The API offers the same services with bureau.api.service_action.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from .access import add_service_error


@dataclass(frozen=True)
class Action:
    """A button: its label, its form, and `perform(subject, by, data) -> message` calling the service (`data`
    is the form's cleaned_data, or the form itself with `takes_form`)."""

    label: str
    form: type
    perform: Callable
    icon: str = "pencil-square"
    danger: bool = False
    takes_form: bool = False
    body: str = ""  # a template drawing the form's fields, when the plain crispy layout will not do


def done(request, url):
    """After a successful write: to `url` (htmx: the page reloads there, which also closes the modal)."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def next_url(request, default):
    """Where to go after a form: back to the page it was opened from (`?next=`, same site only), or `default`."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def run_action(request, subject, action, *, title, crumbs, form_kwargs=None, refused=None, **context):
    """GET: the form; POST: the service, its refusal shown on the form. `refused` (a message) is a move the
    subject's state does not allow now: GET goes back with it, POST shows it. `title` names the subject in
    the form's heading; `crumbs` are the breadcrumbs [(url, text)] before the action's label."""
    back = next_url(request, subject.get_absolute_url())
    if refused and request.method != "POST":
        messages.error(request, refused)
        return redirect(back)
    form = action.form(request.POST or None, **(form_kwargs or {}))
    if request.method == "POST":
        if refused:
            form.add_error(None, refused)
        elif form.is_valid():
            try:
                message = action.perform(subject, request.user, form if action.takes_form else form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
                subject.refresh_from_db()  # a service may have set fields before refusing; nothing was saved
            else:
                messages.success(request, message)
                return done(request, back)
    template = "partials/_action_form.html" if request.htmx else "partials/action.html"
    return render(request, template, {
        "subject": subject, "form": form, "action": action, "label": action.label, "title": title,
        "crumbs": crumbs, "cancel_url": back, **context,
    })

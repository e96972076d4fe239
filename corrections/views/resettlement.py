"""Resettlement (安置帮教): the list of released persons, registering one, their page and its quick forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import add_service_error, function_required
from bureau.actions import Action
from corrections.apps import FUNCTION

from .. import services
from ..filters import ReleasedPersonFilterSet
from ..forms import FollowUpForm, HandoverForm, HelpForm, ReleasedPersonForm, ReoffendedForm, VerificationForm
from ..models import ReleasedPerson
from ..tables import ReleasedPersonTable
from .common import CorrectionsListView, person_action


class ReleasedPersonListView(CorrectionsListView):
    model = ReleasedPerson
    table_class = ReleasedPersonTable
    filterset_class = ReleasedPersonFilterSet
    template_name = "corrections/releasedperson_list.html"
    export_name = "安置帮教对象"

    def get_queryset(self):
        return ReleasedPerson.objects.visible_to(self.request.user).select_related("area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listed"] = ReleasedPerson.objects.visible_to(self.request.user).listed_on(
            timezone.localdate()).count()
        return context


@function_required(FUNCTION, write=True)
def releasedperson_create(request):
    form = ReleasedPersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.released_person_register(by=request.user, **form.register_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记%(name)s，帮教期至%(day)s。") % {
                "name": person.name, "day": f"{person.listed_until:%Y-%m-%d}"})
            return redirect(person)
    return render(request, "corrections/releasedperson_form.html", {"form": form})


def handover(person, by, data):
    services.released_person_hand_over(person=person, handover=data["handover"], on=data["on"], by=by)
    return _("已登记衔接情况：%(state)s。") % {"state": person.get_handover_display()}


def help_given(person, by, data):
    services.resettlement_help_record(person=person, kind=data["kind"], on=data["on"], note=data["note"], by=by)
    return _("已登记帮扶。")


def follow_up(person, by, data):
    services.resettlement_follow_up_record(person=person, on=data["on"], method=data["method"], note=data["note"],
                                           by=by)
    return _("已登记回访。")


def verify(person, by, data):
    services.released_person_verify(person=person, verification=data["verification"], by=by)
    return _("已更新核查情况：%(state)s。") % {"state": person.get_verification_display()}


def reoffended(person, by, data):
    services.released_person_reoffended(person=person, on=data["on"], by=by)
    return _("已登记重新犯罪，自该日起不再列入安置帮教。")


ACTIONS = {
    "handover": Action(gettext_lazy("登记衔接"), HandoverForm, handover, "arrow-left-right"),
    "help": Action(gettext_lazy("登记帮扶"), HelpForm, help_given, "hand-thumbs-up"),
    "follow_up": Action(gettext_lazy("登记回访"), FollowUpForm, follow_up, "telephone"),
    "verify": Action(gettext_lazy("更新核查情况"), VerificationForm, verify, "person-check"),
    "reoffended": Action(gettext_lazy("登记重新犯罪"), ReoffendedForm, reoffended, "exclamation-octagon", danger=True),
}


def person_of(request, pk):
    return get_object_or_404(ReleasedPerson.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION)
def releasedperson_detail(request, pk):
    person = person_of(request, pk)
    today = timezone.localdate()
    actions = []
    if request.user.can_write(FUNCTION):
        actions = [(name, action) for name, action in ACTIONS.items()
                   if not (name == "reoffended" and person.reoffended_on)]
    return render(request, "corrections/releasedperson_detail.html", {
        "person": person,
        "help": list(person.help.all()),
        "follow_ups": list(person.follow_ups.all()),
        "listed": person.is_listed_on(today),
        "actions": actions,
    })


@function_required(FUNCTION, write=True)
def releasedperson_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    person = person_of(request, pk)
    crumbs = [(reverse("corrections:releasedperson_list"), _("安置帮教")), (person.get_absolute_url(), person.name)]
    return person_action(request, person, ACTIONS[action], crumbs=crumbs)

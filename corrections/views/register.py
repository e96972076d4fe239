"""The register (社区矫正对象 list) and entering a new person."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau.access import add_service_error, function_required
from corrections.apps import FUNCTION

from .. import services
from ..filters import SuperviseeFilterSet
from ..forms import SuperviseeForm
from ..models import Monitoring, RiskCase, Supervisee
from ..tables import SuperviseeTable
from .common import CorrectionsListView


def with_flags(queryset, today):
    """Each person with `monitored` (electronic monitoring running today) and `at_risk` (an open risk case)."""
    return queryset.annotate(
        monitored=Exists(Monitoring.objects.current(today).filter(supervisee=OuterRef("pk"))),
        at_risk=Exists(RiskCase.objects.open().filter(supervisee=OuterRef("pk"))),
    )


NOT_LISTED = ("id_number", "phone", "address", "court", "judgment_on", "team", "prohibitions", "photo", "created_at")


class SuperviseeListView(CorrectionsListView):
    model = Supervisee
    table_class = SuperviseeTable
    filterset_class = SuperviseeFilterSet
    template_name = "corrections/supervisee_list.html"
    export_name = "社区矫正对象"

    def get_queryset(self):
        # The register's columns, its export's and its flags': the ID number (decrypted as it loads), the contacts and
        # the longer texts are read on the person's page.
        visible = Supervisee.objects.visible_to(self.request.user).defer(*NOT_LISTED)
        return with_flags(visible.select_related("area"), timezone.localdate())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = Supervisee.objects.visible_to(self.request.user).register_counts()
        return context


@function_required(FUNCTION, write=True)
def supervisee_create(request):
    """Enter the person (supervisee_register) and, if they have already reported in, receive them at once."""
    form = SuperviseeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                # received at once: the receipt opens the person's to-dos (no report-in to-do opened and closed)
                person = services.supervisee_register(by=request.user, refresh_todos=not data["reported_on"],
                                                      **form.register_fields())
                if data["reported_on"]:
                    person = services.supervisee_receive(supervisee=person, on=data["reported_on"], by=request.user,
                                                         transferred_from=data["transferred_from"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if person.is_on_register:
                messages.success(request, _("已登记%(name)s，列入在册。") % {"name": person.name})
            else:
                messages.success(request, _("已登记%(name)s，应于%(day)s前报到。") % {
                    "name": person.name, "day": f"{person.report_due_on:%Y-%m-%d}"})
            return redirect(person)
    return render(request, "corrections/supervisee_form.html", {"form": form})

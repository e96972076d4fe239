"""矛盾纠纷排查: the rounds of screening, the disputes they found (each may become a case: views.cases).
Every record starts from `visible_to(user)` (a mediator: their own committee's); every write is a service of
mediation.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bureau.access import AccessListView, add_service_error, function_required
from bureau.permissions import can_write

from .. import services
from ..apps import FUNCTION
from ..filters import FoundDisputeFilterSet, ScreeningRoundFilterSet
from ..forms import FoundDisputeForm, ScreeningRoundForm
from ..models import FoundDispute, RiskLevel, ScreeningRound
from ..tables import FoundDisputeTable, ScreeningRoundTable

# --- Screening (矛盾纠纷排查) ------------------------------------------------------------------------------


class ScreeningRoundListView(AccessListView):
    function = FUNCTION
    model = ScreeningRound
    table_class = ScreeningRoundTable
    filterset_class = ScreeningRoundFilterSet
    template_name = "mediation/screening_round_list.html"
    export_name = "矛盾纠纷排查"

    def get_queryset(self):
        return (ScreeningRound.objects.visible_to(self.request.user).select_related("area", "organisation")
                .annotate(disputes_found=Count("disputes"),
                          high_risk=Count("disputes", filter=Q(disputes__risk_level=RiskLevel.HIGH))))


def screening_round_of(request, pk):
    return get_object_or_404(ScreeningRound.objects.visible_to(request.user)
                             .select_related("area", "organisation", "created_by"), pk=pk)


@function_required(FUNCTION)
def screening_round_detail(request, pk):
    """The round and the disputes it found, each with its risk and its case (or the button to accept one)."""
    screening = screening_round_of(request, pk)
    writes = can_write(request.user, FUNCTION)
    disputes = FoundDispute.objects.visible_to(request.user).filter(round=screening).select_related("area", "case")
    table = FoundDisputeTable(disputes, can_convert=writes, exclude=["round"], orderable=False)
    return render(request, "mediation/screening_round_detail.html", {
        "round": screening, "table": table, "can_write": writes,
        "counts": disputes.aggregate(total=Count("pk"), high=Count("pk", filter=Q(risk_level=RiskLevel.HIGH)),
                                     cases=Count("pk", filter=Q(case__isnull=False))),
    })


@function_required(FUNCTION, write=True)
def screening_round_create(request):
    """A round of screening: an office's in its area, a mediator's by their own organisation."""
    form = ScreeningRoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.screening_round_record(round=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记矛盾纠纷排查。请登记排查发现的纠纷。"))
            return redirect("mediation:screening_round_detail", screening.pk)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记矛盾纠纷排查"), "back": reverse("mediation:screening_round_list"),
        "back_label": _("矛盾纠纷排查")})


@function_required(FUNCTION, write=True)
def found_dispute_create(request, pk):
    """登记排查发现的纠纷, on a round of screening the user sees."""
    screening = screening_round_of(request, pk)
    form = FoundDisputeForm(request.POST or None, instance=FoundDispute(round=screening))
    back = reverse("mediation:screening_round_detail", args=[screening.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_record(dispute=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记排查发现的纠纷。"))
            return redirect(back)
    return render(request, "mediation/form.html", {
        "form": form, "title": _("登记排查发现的纠纷"), "back": back, "back_label": str(screening)})


class FoundDisputeListView(AccessListView):
    function = FUNCTION
    model = FoundDispute
    table_class = FoundDisputeTable
    filterset_class = FoundDisputeFilterSet
    template_name = "mediation/found_dispute_list.html"
    export_name = "排查发现的纠纷"

    def get_queryset(self):
        return FoundDispute.objects.visible_to(self.request.user).select_related("area", "round", "case")

    def get_table_kwargs(self):
        return {"can_convert": can_write(self.request.user, FUNCTION)}

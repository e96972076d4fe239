"""政府法律顾问 (engagements and their evaluation), the legal affairs handled, and 述法."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import access_required, function_required
from bureau.actions import Action, run_action

from .. import rol_services as services
from ..apps import FUNCTION
from ..models import CounselEngagement, CounselLawyer, LegalAffair, ShufaReport
from ..permissions import section_writes
from ..rol_filters import EngagementFilterSet, LegalAffairFilterSet, ShufaFilterSet
from ..rol_forms import EngagementForm, EvaluateForm, LegalAffairForm, ShufaForm
from ..rol_tables import EngagementTable, LegalAffairTable, ShufaTable
from .rol_common import SECTION, RolListView, create_page


class EngagementListView(RolListView):
    model = CounselEngagement
    table_class = EngagementTable
    filterset_class = EngagementFilterSet
    title = gettext_lazy("政府法律顾问")
    create_url = reverse_lazy("normative_docs:engagement_create")

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "firm").annotate(people=Count("lawyers"))


@access_required(SECTION, write=True)
def engagement_create(request):
    form = EngagementForm(request.POST or None, user=request.user)
    return create_page(
        request, form, lambda f: services.engagement_register(engagement=f.save(commit=False),
                                                              lawyers=f.cleaned_data["lawyers"], by=request.user),
        title=_("登记法律顾问聘请"), back=reverse("normative_docs:engagement_list"), back_label=_("政府法律顾问"),
        success=lambda e: _("已登记%(u)s聘请%(f)s。") % {"u": e.unit, "f": e.firm})


def engagement_of(request, pk):
    return get_object_or_404(CounselEngagement.objects.visible_to(request.user).select_related("unit", "firm"),
                             pk=pk)


@access_required(SECTION)
def engagement_detail(request, pk):
    from lawyers.models import Lawyer

    engagement = engagement_of(request, pk)
    return render(request, "normative_docs/rol/engagement_detail.html", {
        "engagement": engagement,
        "lawyers": Lawyer.objects.filter(pk__in=CounselLawyer.objects.filter(engagement=engagement).values("lawyer"))
        .order_by("name"),
        "affairs": engagement.affairs.select_related("unit").order_by("-handled_on")[:20],
        "affair_count": engagement.affairs.count(),
        "can_evaluate": section_writes(request.user) and not engagement.evaluation,
    })


def evaluate(engagement, by, data):
    services.engagement_evaluate(engagement=engagement, evaluation=data["evaluation"], on=data["on"], by=by)
    return _("已登记期满评价。")


EVALUATE = Action(gettext_lazy("期满评价"), EvaluateForm, evaluate, icon="star")


@function_required(FUNCTION, write=True)
def engagement_evaluate(request, pk):
    engagement = engagement_of(request, pk)
    SECTION.check(request.user, write=True)
    refused = _("该聘请已于%(d)s评价。") % {"d": engagement.evaluated_on} if engagement.evaluation else None
    crumbs = [(reverse("normative_docs:engagement_list"), _("政府法律顾问")),
              (engagement.get_absolute_url(), str(engagement))]
    return run_action(request, engagement, EVALUATE, title=str(engagement), crumbs=crumbs, refused=refused)


class LegalAffairListView(RolListView):
    model = LegalAffair
    table_class = LegalAffairTable
    filterset_class = LegalAffairFilterSet
    title = gettext_lazy("承办法律事务")
    create_url = reverse_lazy("normative_docs:legal_affair_create")
    related = ("unit",)


@access_required(SECTION, write=True)
def legal_affair_create(request):
    form = LegalAffairForm(request.POST or None, user=request.user)
    back = reverse("normative_docs:legal_affair_list")

    def save(f):
        affair = services.legal_affair_record(affair=f.save(commit=False), by=request.user)
        affair.get_absolute_url = lambda: back
        return affair

    return create_page(request, form, save, title=_("登记法律事务"), back=back, back_label=_("承办法律事务"),
                       success=lambda a: _("已登记法律事务“%(t)s”。") % {"t": a.title})


class ShufaListView(RolListView):
    model = ShufaReport
    table_class = ShufaTable
    filterset_class = ShufaFilterSet
    title = gettext_lazy("述法")
    create_url = reverse_lazy("normative_docs:shufa_create")
    related = ("unit",)


@access_required(SECTION, write=True)
def shufa_create(request):
    form = ShufaForm(request.POST or None, user=request.user)
    back = reverse("normative_docs:shufa_list")

    def save(f):
        report = services.shufa_record(report=f.save(commit=False), by=request.user)
        report.get_absolute_url = lambda: back
        return report

    return create_page(request, form, save, title=_("登记述法"), back=back, back_label=_("述法"),
                       success=lambda r: _("已登记%(n)s的%(y)s年度述法。") % {"n": r.leader_name, "y": r.year})

"""The drafting and handling units of a district (the 法制科's register): the list, registering one, its page
with its accounts and texts, and linking an account of the role 起草承办单位 to it."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, function_required
from bureau.actions import Action, run_action

from .. import services
from ..apps import FUNCTION
from ..filters import UnitFilterSet
from ..forms import MemberForm, UnitForm
from ..models import Document, Litigation, Reconsideration, Unit
from ..permissions import section_writes
from ..tables import UnitTable
from .cases import create_page


class UnitListView(AccessListView):
    function = FUNCTION
    model = Unit
    table_class = UnitTable
    filterset_class = UnitFilterSet
    template_name = "normative_docs/unit_list.html"
    export_name = "起草承办单位"

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).select_related("area").annotate(
            member_count=Count("members", distinct=True), document_count=Count("documents", distinct=True))

    def get_context_data(self, **kwargs):
        return super().get_context_data(section_writes=section_writes(self.request.user), **kwargs)


def unit_of(request, pk):
    return get_object_or_404(Unit.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION)
def unit_detail(request, pk):
    unit = unit_of(request, pk)
    user = request.user
    return render(request, "normative_docs/unit_detail.html", {
        "unit": unit,
        "members": unit.members.select_related("user").order_by("user__username"),
        "documents": Document.objects.visible_to(user).filter(unit=unit).order_by("-submitted_on", "-id")[:20],
        "reconsiderations": Reconsideration.objects.visible_to(user).filter(respondent_unit=unit).count(),
        "litigations": Litigation.objects.visible_to(user).filter(defendant_unit=unit).count(),
        "actions": [("member", UNIT_ACTIONS["member"])] if section_writes(user) else [],
    })


@function_required(FUNCTION, write=True)
def unit_create(request):
    form = UnitForm(request.POST or None, user=request.user)
    return create_page(request, form, services.unit_register, "unit",
                       lambda unit: _("已登记单位：%(n)s。") % {"n": unit.name},
                       _("登记起草承办单位"), "normative_docs:unit_list")


def member(unit, by, data):
    services.unit_member_add(unit=unit, user=data["user"], by=by)
    return _("账号 %(u)s 已关联本单位。") % {"u": data["user"]}


UNIT_ACTIONS = {"member": Action(gettext_lazy("关联单位账号"), MemberForm, member, icon="person-plus")}


@function_required(FUNCTION, write=True)
def unit_action(request, pk, action):
    if action not in UNIT_ACTIONS:
        raise Http404
    unit = unit_of(request, pk)
    refused = None if section_writes(request.user) else _("起草承办单位的账号由法制科关联。")
    crumbs = [(reverse("normative_docs:unit_list"), _("起草承办单位")), (unit.get_absolute_url(), unit.name)]
    return run_action(request, unit, UNIT_ACTIONS[action], title=unit.name, crumbs=crumbs,
                      form_kwargs={"record": unit}, refused=refused)

"""The registry pages. Reading is open to the lawyers function and to legal aid (which assigns from it);
changing it needs the lawyers function with write access."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_tables2 import RequestConfig

from bureau.access import AccessMixin, ExportableListView
from bureau.concurrency import SaveRefusalMixin

from .permissions import REGISTRY, can_edit_registry

from .filters import LawFirmFilterSet, LawyerFilterSet
from .forms import LawFirmForm, LawyerForm
from .models import LawFirm, Lawyer
from .tables import LawFirmTable, LawyerTable


class RegistryAccessMixin(AccessMixin):
    access = REGISTRY

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=can_edit_registry(self.request.user), **kwargs)


class RegistryListView(RegistryAccessMixin, ExportableListView):
    pass


class RegistryEditMixin(SaveRefusalMixin, RegistryAccessMixin):
    writes = True
    saved_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.errors:  # not refused at save time (SaveRefusalMixin: changed meanwhile, a duplicate)
            messages.success(self.request, self.saved_message % {"name": self.object})
        return response


# --- Law firms --------------------------------------------------------------------------------------------


def law_firms(user):
    return LawFirm.objects.visible_to(user).select_related("area")


class LawFirmListView(RegistryListView):
    model = LawFirm
    table_class = LawFirmTable
    filterset_class = LawFirmFilterSet
    template_name = "lawyers/lawfirm_list.html"
    export_name = "律师事务所"

    def get_queryset(self):
        return law_firms(self.request.user).annotate(lawyer_count=Count("lawyers"))


class LawFirmDetailView(RegistryAccessMixin, DetailView):
    template_name = "lawyers/lawfirm_detail.html"
    context_object_name = "firm"

    def get_object(self, queryset=None):
        return get_object_or_404(law_firms(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        lawyers = lawyers_of(self.request.user).filter(firm=self.object)
        table = LawyerTable(lawyers, exclude=["firm", "area"], prefix="l-")
        RequestConfig(self.request, paginate=False).configure(table)
        return super().get_context_data(table=table, **kwargs)


class LawFirmCreateView(RegistryEditMixin, CreateView):
    model = LawFirm
    form_class = LawFirmForm
    template_name = "lawyers/lawfirm_form.html"

    saved_message = gettext_lazy("已登记律师事务所“%(name)s”。")


class LawFirmUpdateView(RegistryEditMixin, UpdateView):
    form_class = LawFirmForm
    template_name = "lawyers/lawfirm_form.html"
    context_object_name = "firm"

    saved_message = gettext_lazy("已保存律师事务所“%(name)s”。")

    def get_queryset(self):
        return law_firms(self.request.user)


# --- Lawyers ----------------------------------------------------------------------------------------------


def lawyers_of(user):
    return Lawyer.objects.visible_to(user).select_related("firm", "area")


class LawyerListView(RegistryListView):
    model = Lawyer
    table_class = LawyerTable
    filterset_class = LawyerFilterSet
    template_name = "lawyers/lawyer_list.html"
    export_name = "律师"

    def get_queryset(self):
        return lawyers_of(self.request.user)


class LawyerDetailView(RegistryAccessMixin, DetailView):
    template_name = "lawyers/lawyer_detail.html"
    context_object_name = "lawyer"

    def get_object(self, queryset=None):
        return get_object_or_404(lawyers_of(self.request.user), pk=self.kwargs["pk"])


class LawyerCreateView(RegistryEditMixin, CreateView):
    model = Lawyer
    form_class = LawyerForm
    template_name = "lawyers/lawyer_form.html"

    saved_message = gettext_lazy("已登记律师“%(name)s”。")

    def get_initial(self):
        """“新增律师” on a firm's page opens the form with that firm and its street."""
        initial = super().get_initial()
        firm_pk = self.request.GET.get("firm", "")
        firm = LawFirm.objects.visible_to(self.request.user).filter(pk=firm_pk).first() if firm_pk.isdigit() else None
        if firm:
            initial.update(firm=firm.pk, area=firm.area_id)
        return initial


class LawyerUpdateView(RegistryEditMixin, UpdateView):
    form_class = LawyerForm
    template_name = "lawyers/lawyer_form.html"
    context_object_name = "lawyer"

    saved_message = gettext_lazy("已保存律师“%(name)s”。")

    def get_queryset(self):
        return lawyers_of(self.request.user)

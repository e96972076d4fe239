"""普法媒体作品 pages: list (with its Excel), detail, create and edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bureau.access import AccessListView, add_service_error, function_required
from bureau.permissions import can_write

from .. import services
from ..apps import FUNCTION
from ..filters import MediaProductFilterSet
from ..forms import MediaProductForm
from ..models import MediaKind, MediaProduct
from ..tables import MediaProductTable


class MediaProductListView(AccessListView):
    function = FUNCTION
    model = MediaProduct
    table_class = MediaProductTable
    filterset_class = MediaProductFilterSet
    template_name = "publicity/mediaproduct_list.html"
    export_name = "普法媒体作品"

    def get_queryset(self):
        return MediaProduct.objects.visible_to(self.request.user).select_related("area")

    def get_context_data(self, **kwargs):
        totals = self.object_list.aggregate(
            n=Count("pk"), views=Sum("views"),
            **{kind: Count("pk", filter=Q(kind=kind)) for kind in MediaKind.values})
        return super().get_context_data(totals=totals, kinds=MediaKind.choices, **kwargs)


def product_of(request, pk):
    return get_object_or_404(MediaProduct.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION)
def mediaproduct_detail(request, pk):
    return render(request, "publicity/mediaproduct_detail.html", {
        "product": product_of(request, pk), "can_write": can_write(request.user, FUNCTION)})


def _form(request, form, title, product=None):
    if request.method == "POST" and form.is_valid():
        try:
            if product is None:
                product = services.mediaproduct_record(product=form.save(commit=False), by=request.user)
            else:
                product = services.mediaproduct_update(product=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存“%(title)s”。") % {"title": product.title})
            return redirect(product.get_absolute_url())
    back = product.get_absolute_url() if product else reverse("publicity:mediaproduct_list")
    return render(request, "publicity/form.html", {
        "form": form, "title": title, "back": back, "back_label": product.title if product else _("普法媒体作品")})


@function_required(FUNCTION, write=True)
def mediaproduct_create(request):
    return _form(request, MediaProductForm(request.POST or None, user=request.user), _("登记普法媒体作品"))


@function_required(FUNCTION, write=True)
def mediaproduct_update(request, pk):
    product = product_of(request, pk)
    return _form(request, MediaProductForm(request.POST or None, instance=product, user=request.user),
                 _("修改普法媒体作品"), product)

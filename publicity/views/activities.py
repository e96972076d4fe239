"""普法活动 pages: the district's list (the activities and, read beside them, the advisors' 普法 log entries),
detail, create, edit, delete and the photos. Every record starts from `visible_to(user)`; every write is a
service of publicity.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bureau.access import AccessListView, add_service_error, function_required
from bureau.permissions import can_write

from .. import services
from ..apps import FUNCTION
from ..filters import ActivityFilterSet
from ..forms import ActivityForm
from ..models import Activity, Photo, activity_rows, advisor_publicity_entries
from ..tables import ActivityTable


def visible_entries(user):
    """The advisors' 普法 entries the user may see (lawyers' own visibility rule)."""
    return advisor_publicity_entries().visible_to(user)


class ActivityListView(AccessListView):
    function = FUNCTION
    model = Activity
    table_class = ActivityTable
    filterset_class = ActivityFilterSet
    template_name = "publicity/activity_list.html"
    export_name = "普法活动"

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user)

    def entries(self):
        return self.filterset.advisor_entries(visible_entries(self.request.user))

    def get_table_data(self):
        return activity_rows(self.object_list, self.entries())

    def get_context_data(self, **kwargs):
        mine = self.object_list.aggregate(n=Count("pk"), audience=Sum("audience"))
        theirs = self.entries().aggregate(n=Count("pk"), audience=Sum("count"))
        totals = {"activities": mine["n"] + theirs["n"], "advisor": theirs["n"],
                  "audience": (mine["audience"] or 0) + (theirs["audience"] or 0)}
        return super().get_context_data(totals=totals, **kwargs)


def activity_of(request, pk):
    return get_object_or_404(Activity.objects.visible_to(request.user).select_related("area", "recorded_by"), pk=pk)


@function_required(FUNCTION)
def activity_detail(request, pk):
    activity = activity_of(request, pk)
    return render(request, "publicity/activity_detail.html", {
        "activity": activity, "materials": activity.materials.all(), "photos": activity.photos.all(),
        "can_write": can_write(request.user, FUNCTION)})


def _save(request, form, activity=None):
    data = form.cleaned_data
    if activity is None:
        return services.activity_record(activity=form.save(commit=False), materials=form.materials(),
                                        photos=data["photos"], by=request.user)
    return services.activity_update(activity=form.save(commit=False), materials=form.materials(),
                                    photos=data["photos"], remove=data.get("remove") or (), by=request.user)


def _form_page(request, form, title, activity=None):
    back = activity.get_absolute_url() if activity else reverse("publicity:activity_list")
    return render(request, "publicity/form.html", {
        "form": form, "title": title, "back": back, "back_label": activity.title if activity else _("普法活动"),
        "multipart": True})


@function_required(FUNCTION, write=True)
def activity_create(request):
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = _save(request, form)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已登记普法活动“%(title)s”。") % {"title": activity.title})
            return redirect(activity.get_absolute_url())
    return _form_page(request, form, _("登记普法活动"))


@function_required(FUNCTION, write=True)
def activity_update(request, pk):
    activity = activity_of(request, pk)
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = _save(request, form, activity)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(activity.get_absolute_url())
    return _form_page(request, form, _("修改普法活动"), activity)


@function_required(FUNCTION, write=True)
def activity_delete(request, pk):
    activity = activity_of(request, pk)
    if request.method == "POST":
        try:
            services.activity_delete(activity=activity, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(activity.get_absolute_url())
        messages.success(request, _("已删除普法活动“%(title)s”。") % {"title": activity.title})
        return redirect("publicity:activity_list")
    return render(request, "publicity/confirm_delete.html", {"object": activity, "back": activity.get_absolute_url()})


@function_required(FUNCTION)
def photo_download(request, pk):
    photo = get_object_or_404(Photo.objects.visible_to(request.user), pk=pk)
    return FileResponse(photo.file.open("rb"), filename=photo.name, as_attachment=not photo.is_image)

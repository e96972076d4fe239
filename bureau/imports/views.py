"""Pages of the import pipeline: the list, the template, upload, preview, progress and confirmation."""


from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bureau import excel
from bureau.models import ImportJob

from . import services
from .files import SUFFIXES, template_workbook
from .resource import get_resource, resources_for


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("文件"), help_text=gettext_lazy("Excel（.xlsx）或 CSV 文件，第一行为模板的列名。"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(SUFFIXES))}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise ValidationError(_("文件不能超过 %(n)d MB。") % {"n": settings.IMPORT_MAX_BYTES // (1024 * 1024)})
        return upload


def _writable_resource(user, name):
    """The resource by name: 404 if there is none, 403 if the user may not write its function."""
    try:
        resource = get_resource(name)
    except LookupError:
        raise Http404
    if not resource.allowed(user):
        raise PermissionDenied(_("您没有导入此类数据的权限。"))
    return resource


def _job(request, pk):
    return get_object_or_404(ImportJob.objects.visible_to(request.user).select_related("user"), pk=pk)


@login_required
def resource_list(request):
    jobs = ImportJob.objects.filter(user=request.user)[:10]
    return render(request, "bureau/import_list.html", {
        "resources": resources_for(request.user), "jobs": jobs,
    })


@login_required
def resource_template(request, resource):
    resource = _writable_resource(request.user, resource)
    return excel.download(template_workbook(resource), _("%(label)s导入模板") % {"label": resource.label})


@login_required
def importjob_create(request, resource):
    resource = _writable_resource(request.user, resource)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(user=request.user, resource=resource, upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(job)
    jobs = ImportJob.objects.filter(user=request.user, resource=resource.name)[:5]
    return render(request, "bureau/import_upload.html", {"resource": resource, "form": form, "jobs": jobs})


@login_required
def importjob_detail(request, pk):
    job = _job(request, pk)
    resource = _writable_resource(request.user, job.resource)
    return render(request, "bureau/import_job.html", {
        "job": job, "resource": resource, "progress": services.import_job_progress(job),
    })


@login_required
def importjob_progress(request, pk):
    """The progress bar, polled by htmx every second; when the job has finished the page reloads."""
    job = _job(request, pk)
    if not job.is_running:
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    return render(request, "bureau/_import_progress.html", {
        "job": job, "progress": services.import_job_progress(job),
    })


@require_POST
@login_required
def importjob_commit(request, pk):
    job = _job(request, pk)
    _writable_resource(request.user, job.resource)
    try:
        job = services.import_job_confirm(job=job, by=request.user,
                                          identifiers_confirmed=request.POST.get("identifiers_confirmed") == "1")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if job.status == ImportJob.Status.DONE:
            messages.success(request, _("已导入%(n)d条记录。") % {"n": job.created_count})
    return redirect(job)

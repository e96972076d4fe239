"""行政执法监督: 案卷评查 campaigns and their files (with rectification), trainings, the roster of officers."""

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import access_required, function_required
from bureau.actions import Action, run_action

from .. import rol_services as services
from ..apps import FUNCTION
from ..models import EnforcementOfficer, EnforcementTraining, FileReview, ReviewedFile
from ..permissions import section_writes
from ..rol_filters import EnforcementTrainingFilterSet, FileReviewFilterSet, OfficerFilterSet
from ..rol_forms import EnforcementTrainingForm, FileReviewForm, OfficerForm, OnForm, RenewForm, ReviewedFileForm
from ..rol_tables import EnforcementTrainingTable, FileReviewTable, OfficerTable, ReviewedFileTable
from .rol_common import SECTION, RolListView, create_page


class FileReviewListView(RolListView):
    model = FileReview
    table_class = FileReviewTable
    filterset_class = FileReviewFilterSet
    title = gettext_lazy("行政执法案卷评查")
    create_url = reverse_lazy("normative_docs:file_review_create")

    def get_queryset(self):
        files = ReviewedFile.objects.visible_to(self.request.user)
        return super().get_queryset().annotate(
            file_count=Count("files", filter=Q(files__in=files)),
            open_count=Count("files", filter=Q(files__in=files.open_rectifications())))


@access_required(SECTION, write=True)
def file_review_create(request):
    form = FileReviewForm(request.POST or None, user=request.user)
    return create_page(
        request, form, lambda f: services.file_review_start(review=f.save(commit=False), by=request.user),
        title=_("登记案卷评查活动"), back=reverse("normative_docs:file_review_list"), back_label=_("行政执法案卷评查"),
        success=lambda r: _("已登记评查活动，请登记抽查的案卷。"))


def file_review_of(request, pk):
    return get_object_or_404(FileReview.objects.visible_to(request.user).select_related("area"), pk=pk)


@access_required(SECTION)
def file_review_detail(request, pk):
    review = file_review_of(request, pk)
    files = ReviewedFile.objects.visible_to(request.user).filter(review=review).select_related("unit")
    table = ReviewedFileTable(files, orderable=False, exclude=[] if section_writes(request.user) else ["action"])
    return render(request, "normative_docs/rol/file_review_detail.html", {
        "review": review, "table": table, "section_writes": section_writes(request.user),
        "counts": files.aggregate(n=Count("pk"), units=Count("unit", distinct=True), average=Avg("score"),
                                  open=Count("pk", filter=Q(rectify_by__isnull=False, rectified_on__isnull=True)),
                                  problems=Count("pk", filter=~Q(problems=""))),
    })


@function_required(FUNCTION, write=True)
def reviewed_file_create(request, pk):
    review = file_review_of(request, pk)
    SECTION.check(request.user, write=True)
    form = ReviewedFileForm(request.POST or None, user=request.user, instance=ReviewedFile(review=review))
    return create_page(
        request, form, lambda f: services.reviewed_file_record(file=f.save(commit=False), by=request.user),
        title=_("登记评查案卷"), back=review.get_absolute_url(), back_label=review.title,
        success=lambda f: _("已登记案卷%(n)s。") % {"n": f.file_number})


def rectify(file, by, data):
    services.reviewed_file_rectify(file=file, on=data["on"], by=by)
    return _("已登记整改完成。")


RECTIFY = Action(gettext_lazy("整改完成"), OnForm, rectify, icon="check2-circle")


@function_required(FUNCTION, write=True)
def reviewed_file_rectify(request, pk):
    file = get_object_or_404(ReviewedFile.objects.visible_to(request.user).select_related("review", "unit"), pk=pk)
    SECTION.check(request.user, write=True)
    file.get_absolute_url = file.review.get_absolute_url
    refused = (_("该案卷已于%(d)s整改完毕。") % {"d": file.rectified_on} if file.rectified_on else
               None if file.rectify_by else _("该案卷评查未发现问题，无需整改。"))
    crumbs = [(reverse("normative_docs:file_review_list"), _("行政执法案卷评查")),
              (file.review.get_absolute_url(), file.review.title)]
    return run_action(request, file, RECTIFY, title=str(file), crumbs=crumbs, refused=refused)


class EnforcementTrainingListView(RolListView):
    model = EnforcementTraining
    table_class = EnforcementTrainingTable
    filterset_class = EnforcementTrainingFilterSet
    title = gettext_lazy("行政执法培训")
    create_url = reverse_lazy("normative_docs:enforcement_training_create")


@access_required(SECTION, write=True)
def enforcement_training_create(request):
    form = EnforcementTrainingForm(request.POST or None, user=request.user)
    back = reverse("normative_docs:enforcement_training_list")

    def save(f):
        training = services.enforcement_training_record(training=f.save(commit=False), units=f.cleaned_data["units"],
                                                         by=request.user)
        training.get_absolute_url = lambda: back
        return training

    return create_page(request, form, save, title=_("登记行政执法培训"), back=back, back_label=_("行政执法培训"),
                       success=lambda t: _("已登记培训“%(t)s”，%(n)s人次。") % {"t": t.title, "n": t.attendances})


class OfficerListView(RolListView):
    model = EnforcementOfficer
    table_class = OfficerTable
    filterset_class = OfficerFilterSet
    title = gettext_lazy("行政执法人员")
    create_url = reverse_lazy("normative_docs:officer_create")
    related = ("unit",)


def renew(officer, by, data):
    services.officer_renew(officer=officer, valid_until=data["valid_until"], revoked_on=data["revoked_on"], by=by)
    if officer.revoked_on:
        return _("已登记注销：%(o)s。") % {"o": officer}
    return _("已换证：%(o)s，有效期至%(d)s。") % {"o": officer, "d": officer.valid_until.isoformat()}


RENEW = Action(gettext_lazy("换证或注销"), RenewForm, renew, icon="person-vcard")


@access_required(SECTION, write=True)
def officer_renew(request, pk):
    """The certificate-expiry to-do's page: a renewed certificate's new last day, or its revocation."""
    officer = get_object_or_404(EnforcementOfficer.objects.visible_to(request.user).select_related("unit"), pk=pk)
    crumbs = [(reverse("normative_docs:officer_list"), _("行政执法人员"))]
    return run_action(request, officer, RENEW, title=str(officer), crumbs=crumbs, form_kwargs={"subject": officer})


@access_required(SECTION, write=True)
def officer_create(request):
    form = OfficerForm(request.POST or None, user=request.user)
    back = reverse("normative_docs:officer_list")

    def save(f):
        officer = services.officer_register(officer=f.save(commit=False), by=request.user)
        officer.get_absolute_url = lambda: back
        return officer

    return create_page(request, form, save, title=_("登记行政执法人员"), back=back, back_label=_("行政执法人员"),
                       success=lambda o: _("已登记执法人员%(n)s。") % {"n": o})

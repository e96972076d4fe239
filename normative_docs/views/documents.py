"""Texts sent for legality review: the list, submitting a draft with its materials and files, the page of one
text with its rounds of review (each kept, with its opinions and files), and its steps as actions — review,
resubmission, issue with its number, filing, assessment and the end of validity. Every record starts from
`visible_to(user)` (a unit user: their own unit's), so anything outside it is a 404; every write is a service
of normative_docs.services."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bureau.access import AccessListView, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.models import Reminder
from bureau.permissions import can_write
from bureau.templatetags.bureau_tags import days_left_text

from .. import services
from ..apps import FUNCTION
from ..filters import DocumentFilterSet
from ..forms import AssessForm, AttachmentsForm, CloseForm, DocumentForm, FileForm, IssueForm, ResubmitForm, ReviewForm
from ..models import Document, DocumentAttachment, Material, ReviewRound, Status
from ..permissions import section_writes
from ..tables import DocumentTable


def open_due():
    """The due day of a document's open round of review (a subquery)."""
    return Subquery(ReviewRound.objects.filter(document=OuterRef("pk"), concluded_on__isnull=True)
                    .order_by("-number").values("due_on")[:1])


class DocumentListView(AccessListView):
    function = FUNCTION
    model = Document
    table_class = DocumentTable
    filterset_class = DocumentFilterSet
    template_name = "normative_docs/document_list.html"
    export_name = "送审文件"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).select_related("unit").annotate(open_due=open_due())


def document_of(request, pk, *, rounds=True):
    """The document, or a 404 when the user does not see it; with its rounds for a page (never for a write: a
    service locks the rounds it reads, which a prefetched queryset with outer joins cannot be)."""
    documents = Document.objects.visible_to(request.user).select_related("unit", "area", "submitted_by")
    if rounds:
        documents = documents.prefetch_related(Prefetch(
            "rounds", ReviewRound.objects.select_related("submitted_by", "reviewed_by").order_by("number")))
    return get_object_or_404(documents, pk=pk)


def document_actions(document, user):
    """The steps the section may take now, in the services' rules (the services refuse anything else)."""
    if not section_writes(user):
        return []
    names = []
    if document.status == Status.SUBMITTED:
        names.append("review")
    if document.status == Status.PASSED and document.is_normative:
        names.append("issue")
    if document.status == Status.ISSUED:
        if not document.filed_on:
            names.append("file")
        names += ["assess", "close"]
    return names


def may_resubmit(document, user):
    return document.status == Status.RETURNED and can_write(user, FUNCTION)


def may_change_files(review_round, user):
    """Files are added to or withdrawn from the round awaiting review (services._awaiting_review)."""
    return review_round is not None and can_write(user, FUNCTION)


@function_required(FUNCTION)
def document_detail(request, pk):
    document = document_of(request, pk)
    today = timezone.localdate()
    rounds = list(document.rounds.all())
    files = {}
    for attachment in document.attachments.order_by("round_number", "id"):
        files.setdefault(attachment.round_number, []).append(attachment)
    for review_round in rounds:
        review_round.files = files.get(review_round.number, [])
        if review_round.concluded_on is None:
            review_round.due_text = days_left_text(review_round.due_on, today)
            review_round.overdue = review_round.due_on < today
    current = next((r for r in rounds if r.concluded_on is None), None)
    filing_open = document.status == Status.ISSUED and not document.filed_on and document.filing_due_on
    materials = [(m.value, m.label, m.value in document.materials) for m in Material]
    return render(request, "normative_docs/document_detail.html", {
        "document": document, "today": today, "rounds": rounds, "current": current, "materials": materials,
        "missing": [Material(m).label for m in document.missing_materials()],
        "filing_open": filing_open,
        "filing_text": days_left_text(document.filing_due_on, today) if filing_open else "",
        "actions": [(name, DOCUMENT_ACTIONS[name]) for name in document_actions(document, request.user)],
        "may_resubmit": may_resubmit(document, request.user),
        "may_change_files": may_change_files(current, request.user), "files_form": AttachmentsForm(),
        "todos": document_todos(document, rounds) if section_writes(request.user) else [],
    })


def document_todos(document, rounds):
    """The open to-dos about the document (filing, assessment) and about its rounds (the review clock)."""
    of_document = Q(content_type=ContentType.objects.get_for_model(Document), object_id=document.pk)
    of_rounds = Q(content_type=ContentType.objects.get_for_model(ReviewRound), object_id__in=[r.pk for r in rounds])
    return Reminder.objects.open().filter(of_document | of_rounds).order_by("due_on")


def _store_files(document, review_round, uploads, by):
    if uploads:
        services.document_attachments_add(document=document, round_number=review_round.number, uploads=uploads,
                                          by=by)


@function_required(FUNCTION, write=True)
def document_create(request):
    """提交草案: the text, its kind and topic, the materials checklist and their files; round 1 starts."""
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                document = services.document_submit(document=form.save(commit=False), by=request.user)
                _store_files(document, document.rounds.get(), form.cleaned_data["attachments"], request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            due = document.rounds.get().due_on
            messages.success(request, _("已提交《%(title)s》，法制科审查期限至 %(due)s。") % {
                "title": document.title, "due": due.isoformat()})
            return redirect(document)
    return render(request, "normative_docs/document_form.html", {"form": form})


@function_required(FUNCTION, write=True)
def document_resubmit(request, pk):
    """The revised draft sent back after a return: a new round with its own clock; the earlier ones stay."""
    document = document_of(request, pk, rounds=False)
    if not may_resubmit(document, request.user):
        messages.error(request, _("当前状态为“%(current)s”，不能“%(action)s”。") % {
            "current": document.get_status_display(), "action": _("重新报送")})
        return redirect(document)
    form = ResubmitForm(request.POST or None, request.FILES or None, document=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                review_round = services.document_resubmit(document=document, on=data["on"], by=request.user,
                                                          materials=data["materials"], note=data["note"])
                _store_files(document, review_round, data["attachments"], request.user)
        except ValidationError as error:
            add_service_error(form, error)
            document.refresh_from_db()
        else:
            messages.success(request, _("已重新报送（第%(n)d轮），法制科审查期限至 %(due)s。") % {
                "n": review_round.number, "due": review_round.due_on.isoformat()})
            return redirect(document)
    return render(request, "normative_docs/document_resubmit.html", {
        "document": document, "form": form,
        "last_return": document.rounds.filter(result=ReviewRound.Result.RETURNED).order_by("number").last()})


@function_required(FUNCTION, write=True)
@require_POST
def document_files_add(request, pk):
    """补充附件: files forgotten with the draft, added to the round awaiting review."""
    document = document_of(request, pk, rounds=False)
    form = AttachmentsForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect(document)
    last = document.rounds.order_by("-number").first()
    try:
        added = services.document_attachments_add(document=document, round_number=last.number,
                                                  uploads=form.cleaned_data["attachments"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已在第%(n)d轮补充%(count)d个附件。") % {"n": last.number, "count": len(added)})
    return redirect(document)


@function_required(FUNCTION, write=True)
@require_POST
def document_attachment_withdraw(request, pk):
    """撤回 a file of the round awaiting review; a 404 for anyone who does not see its document."""
    attachment = get_object_or_404(DocumentAttachment.objects.visible_to(request.user).select_related("document"),
                                   pk=pk)
    try:
        services.document_attachment_withdraw(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已撤回附件“%(name)s”。") % {"name": attachment.original_name})
    return redirect(attachment.document)


@function_required(FUNCTION)
def document_attachment(request, pk):
    """A file of a draft, to those who see its document (visible_to: a unit user their own unit's); anyone else
    gets a 404. Served from storage through this view, never by its storage URL."""
    attachment = get_object_or_404(DocumentAttachment.objects.visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


def review(document, by, data):
    passed = data["result"] == "passed"
    services.document_review(document=document, on=data["on"], passed=passed, opinions=data["opinions"], by=by)
    if passed:
        return _("审查通过。") if not document.is_normative else _("审查通过，可以印发登记文号。")
    return _("已退回修改，审查意见已告知起草单位。")


def issue(document, by, data):
    services.document_issue(document=document, number=data["number"], issued_on=data["issued_on"],
                            valid_until=data["valid_until"], by=by)
    return _("已印发，文号 %(n)s；报送备案期限至 %(due)s。") % {"n": document.number,
                                                     "due": document.filing_due_on.isoformat()}


def file(document, by, data):
    services.document_file(document=document, filed_on=data["filed_on"], filing_number=data["filing_number"],
                           by=by)
    return _("已登记报送备案。")


def assess(document, by, data):
    services.document_assess(document=document, on=data["on"], conclusion=data["conclusion"],
                             valid_until=data["valid_until"], by=by)
    return _("已登记评估结论：%(c)s。") % {"c": document.get_assessment_display()}


def close(document, by, data):
    services.document_close(document=document, outcome=data["outcome"], on=data["on"], by=by)
    return _("已登记：%(s)s。") % {"s": document.get_status_display()}


DOCUMENT_ACTIONS = {
    "review": Action(gettext_lazy("审查"), ReviewForm, review, icon="clipboard-check"),
    "issue": Action(gettext_lazy("印发登记"), IssueForm, issue, icon="file-earmark-check"),
    "file": Action(gettext_lazy("报送备案"), FileForm, file, icon="send-check"),
    "assess": Action(gettext_lazy("评估"), AssessForm, assess, icon="clipboard-data"),
    "close": Action(gettext_lazy("修改、废止或失效"), CloseForm, close, icon="archive", danger=True),
}


@function_required(FUNCTION, write=True)
def document_action(request, pk, action):
    if action not in DOCUMENT_ACTIONS:
        raise Http404
    document = document_of(request, pk, rounds=False)
    refused = None
    if action not in document_actions(document, request.user):
        refused = (_("当前状态为“%(current)s”，不能“%(action)s”。") % {
            "current": document.get_status_display(), "action": DOCUMENT_ACTIONS[action].label}
            if section_writes(request.user) else
            _("起草承办单位只能报送和修改本单位的送审文件，审查、印发、备案和复议应诉由法制科办理。"))
    crumbs = [(reverse("normative_docs:document_list"), _("送审文件")), (document.get_absolute_url(), document.title)]
    return run_action(request, document, DOCUMENT_ACTIONS[action], title=document.title, crumbs=crumbs,
                      form_kwargs={"record": document}, refused=refused)

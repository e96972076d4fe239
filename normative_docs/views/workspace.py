"""The drafting unit's own workspace (its home page, NormativeDocsConfig.home): the unit it signs in for, the big
button to submit a draft, what awaits it (drafts returned for revision), its texts under review with their
clocks, its latest texts, and the reconsiderations and lawsuits against it. The offices land on the list."""

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from bureau.access import function_required
from bureau.templatetags.bureau_tags import days_left_text

from ..apps import FUNCTION
from ..models import Document, Litigation, Reconsideration, ReconsiderationStatus, ReviewRound, Status, Unit
from ..permissions import is_unit_user
from .documents import open_due


@function_required(FUNCTION)
def unit_home(request):
    user = request.user
    if not is_unit_user(user):
        return redirect("normative_docs:document_list")
    today = timezone.localdate()
    units = list(Unit.objects.visible_to(user).order_by("name"))
    documents = Document.objects.visible_to(user).select_related("unit")
    returned = list(documents.filter(status=Status.RETURNED).order_by("submitted_on", "id"))
    last_opinions = dict(ReviewRound.objects.filter(document__in=[d.pk for d in returned],
                                                    result=ReviewRound.Result.RETURNED)
                         .order_by("document", "number").values_list("document", "opinions"))
    for document in returned:
        document.opinions = last_opinions.get(document.pk, "")
    under_review = list(documents.filter(status=Status.SUBMITTED).annotate(due=open_due()).order_by("due", "id"))
    for document in under_review:
        document.due_text = days_left_text(document.due, today) if document.due else ""
    recent = list(documents.exclude(status__in=[Status.SUBMITTED, Status.RETURNED])
                  .order_by("-submitted_on", "-id")[:10])
    reconsiderations = list(Reconsideration.objects.visible_to(user).filter(
        status__in=[ReconsiderationStatus.RECEIVED, ReconsiderationStatus.ACCEPTED]).order_by("received_on"))
    litigations = list(Litigation.objects.visible_to(user).filter(Q(concluded_on__isnull=True))
                       .order_by("received_on"))
    return render(request, "normative_docs/unit_home.html", {
        "today": today, "units": units, "returned": returned, "under_review": under_review, "recent": recent,
        "reconsiderations": reconsiderations, "litigations": litigations,
        "open_cases": len(reconsiderations) + len(litigations),
        "issued_this_year": documents.filter(issued_on__year=today.year).count(),
    })

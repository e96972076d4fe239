"""A case's page reads its relations through Relation (SQL compiled once, corrections.views.person): the page must
be the one Django's prefetch_related gave, for the demo's cases (every status, with and without objections,
evaluations, follow-ups and complaints) and a case without recipients."""

import re

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from bureau.models import User
from legalaid import views
from legalaid.models import Case, CaseStep, Complaint, FollowUp, HearingEvaluation, Recipient
from tests.legalaid.test_demo import demo_world, loaded  # noqa: F401 (fixtures: the demo's cases)

TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": |nonce=)"[^"]*"')  # new each request


def prefetched(user, pk):
    """load_case as it was: Django's prefetch_related, each query compiled on every request."""
    return get_object_or_404(
        Case.objects.visible_to(user)
        .select_related("area", "lawyer__firm", "suggested_lawyer", "created_by")
        .prefetch_related(
            "recipients", "objections", "file_evaluations",
            Prefetch("steps", CaseStep.objects.select_related("by")),
            Prefetch("hearing_evaluations", HearingEvaluation.objects.prefetch_related("experts")),
            Prefetch("follow_ups", FollowUp.objects.select_related("by")),
            Prefetch("complaints", Complaint.objects.select_related("lawyer")),
        ),
        pk=pk,
    )


def both_ways(client, case, monkeypatch):
    url = reverse("legalaid:case_detail", args=[case.pk])
    ours = client.get(url)
    with monkeypatch.context() as patched:
        patched.setattr(views, "load_case", prefetched)
        theirs = client.get(url)
    assert ours.status_code == theirs.status_code == 200
    return TOKENS.sub("", ours.content.decode()), TOKENS.sub("", theirs.content.decode())


def test_the_demo_cases_as_prefetch_related_showed_them(loaded, client_for, monkeypatch,  # noqa: F811
                                                          django_assert_max_num_queries):
    user = User.objects.get(username="luohu_legalaid")
    cases = Case.objects.visible_to(user).order_by("pk")
    Recipient.objects.filter(case=cases[0]).delete()  # an older record may have none
    shown = {name: False for name in ("objections", "file_evaluations", "hearing_evaluations", "follow_ups",
                                      "complaints")}
    client = client_for(user)
    for case in cases:
        ours, theirs = both_ways(client, case, monkeypatch)
        assert ours == theirs, case.number
        for name in shown:
            shown[name] = shown[name] or getattr(case, name).exists()
    assert all(shown.values()), shown
    busy = cases.filter(hearing_evaluations__isnull=False, follow_ups__isnull=False).first() or cases.first()
    # Session, user and area (3), the case (1), seven relations and the experts (8), the to-do count (1), the
    # applicant's ID confirmation (1), the session re-save (3)
    with django_assert_max_num_queries(17):
        client.get(reverse("legalaid:case_detail", args=[busy.pk]))


def test_a_case_outside_the_jurisdiction_is_still_a_404(loaded, client_for):  # noqa: F811
    guangming = Case.objects.filter(area__code__startswith="440311").first()
    response = client_for(User.objects.get(username="luohu_legalaid")).get(
        reverse("legalaid:case_detail", args=[guangming.pk]))
    assert response.status_code == 404

"""What the corrections pages share beyond bureau.access and bureau.actions: the lists' page size and the quick
forms about one person."""

from bureau.access import AccessListView
from bureau.actions import run_action
from corrections.apps import FUNCTION


class CorrectionsListView(AccessListView):
    function = FUNCTION
    table_pagination = {"per_page": 50}  # a street office's whole register on one page


def person_action(request, subject, action, *, crumbs):
    """A quick form about one person (a Supervisee or a ReleasedPerson), prefilled from the query string (the work
    list's link names the travel to report back from); its heading names the person and their office."""
    initial = {key: value for key, value in request.GET.items() if key != "next"}
    return run_action(request, subject, action, title=f"{subject.name} · {subject.area.name}", crumbs=crumbs,
                      form_kwargs={"initial": initial, "subject": subject, "user": request.user})

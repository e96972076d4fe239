"""What legal aid offers the search box (bureau.search): cases by number or applicant, and the people aided."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import Case, Recipient

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Case, label=_("法律援助案件"),
        numbers=("number",), names=("applicant_name",), phones=("applicant_phone",), ids=("applicant_id_number",),
        title=lambda case: f"{case.number} {case.applicant_name}",
        describe=lambda case: f"{case.get_category_display()} · {case.get_status_display()} · {case.area.name}",
        related=("area",), more="legalaid:case_list",
    ),
    SearchSource(
        function=FUNCTION, model=Recipient, label=_("受援人"),
        names=("name",), phones=("phone",), ids=("id_number",),
        describe=lambda person: f"{person.case.number} · {person.case.get_status_display()}",
        url=lambda person: person.case.get_absolute_url(), related=("case",),
    ),
]

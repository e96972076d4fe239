"""What people's mediation offers the search box (bureau.search): cases by number, their parties, mediators and
committees. Each starts from visible_to, so a mediator finds only what belongs to their own committees."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import Case, Mediator, Organisation, Party

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Case, label=_("调解案件"), numbers=("number",),
        describe=lambda case: f"{case.get_dispute_type_display()} · {case.get_status_display()} · "
                              f"{case.organisation.name}",
        related=("organisation",), more="mediation:case_list",
    ),
    SearchSource(
        function=FUNCTION, model=Party, label=_("当事人"), names=("name",), phones=("phone",), ids=("id_number",),
        describe=lambda party: f"{party.case.number} · {party.case.get_dispute_type_display()}",
        url=lambda party: party.case.get_absolute_url(), related=("case",), more="mediation:case_list",
    ),
    SearchSource(
        function=FUNCTION, model=Mediator, label=_("人民调解员"), names=("name",), phones=("phone",),
        describe=lambda mediator: mediator.organisation.name, related=("organisation",),
        more="mediation:mediator_list",
    ),
    SearchSource(
        function=FUNCTION, model=Organisation, label=_("人民调解组织"), names=("name",),
        numbers=("filing_number",), describe=lambda org: org.get_kind_display(), more="mediation:organisation_list",
    ),
]

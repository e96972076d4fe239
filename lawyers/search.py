"""What the lawyers function offers the search box (bureau.search): the registry (lawyers by name, licence
number, phone or ID number; firms) to those who may read it, and complaints to those who supervise practice.
An advisor reads neither (their own pages are their log): the same Access objects as the pages decide."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import Complaint, LawFirm, Lawyer
from .permissions import REGISTRY, SUPERVISION

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Lawyer, label=_("律师"), names=("name",), numbers=("certificate_number",),
        phones=("phone",), ids=("id_number",), allowed=REGISTRY.read,
        describe=lambda lawyer: f"{lawyer.certificate_number} · {lawyer.firm.name if lawyer.firm else ''}",
        related=("firm",), more="lawyers:lawyer_list",
    ),
    SearchSource(
        function=FUNCTION, model=LawFirm, label=_("律师事务所"), names=("name",), phones=("phone",),
        allowed=REGISTRY.read, describe=lambda firm: firm.area.name, related=("area",), more="lawyers:lawfirm_list",
    ),
    SearchSource(
        function=FUNCTION, model=Complaint, label=_("律师投诉"), names=("complainant_name",),
        phones=("complainant_phone",), allowed=SUPERVISION.read,
        title=lambda complaint: f"{complaint.complainant_name} · {complaint.received_on:%Y-%m-%d}",
        describe=lambda complaint: complaint.lawyer.name if complaint.lawyer else "", related=("lawyer",),
    ),
]

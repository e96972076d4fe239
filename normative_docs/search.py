"""What 法治政府 offers the search box (bureau.search): normative documents by 文号 or title, administrative
reconsiderations by case number or applicant. Both start from visible_to (the units a user reviews for)."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import Document, Reconsideration

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Document, label=_("规范性文件"), names=("title",), numbers=("number",),
        title=lambda document: f"{document.number} {document.title}" if document.number else document.title,
        describe=lambda document: document.get_status_display(), more="normative_docs:document_list",
    ),
    SearchSource(
        function=FUNCTION, model=Reconsideration, label=_("行政复议案件"), names=("applicant",),
        numbers=("number",), title=lambda case: f"{case.number} {case.applicant}",
        describe=lambda case: case.get_status_display(), more="normative_docs:reconsideration_list",
    ),
]

"""What corrections offers the search box (bureau.search): supervisees and people released from prison."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import ReleasedPerson, Supervisee

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Supervisee, label=_("社区矫正对象"),
        names=("name",), phones=("phone",), ids=("id_number",),
        describe=lambda person: f"{person.get_sentence_kind_display()} · {person.get_status_display()} · "
                                f"{person.area.name}",
        related=("area",), more="corrections:supervisee_list",
    ),
    SearchSource(
        function=FUNCTION, model=ReleasedPerson, label=_("刑满释放人员"),
        names=("name",), ids=("id_number",),
        describe=lambda person: person.area.name, related=("area",), more="corrections:releasedperson_list",
    ),
]

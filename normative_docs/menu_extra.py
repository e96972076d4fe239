"""Navigation entries of major decisions, enforcement supervision, counsel, 述法 and the 法治建设 assessment
(appended by normative_docs/menu.py)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import Role
from normative_docs.apps import FUNCTION, UNIT

OFFICES = frozenset(Role)  # the bureau's own roles; a unit user finds its assessment in the list of rounds

ENTRIES = [
    MenuItem(_("重大行政决策"), "normative_docs:decision_list", "diagram-3", function=FUNCTION, roles=OFFICES),
    MenuItem(_("执法案卷评查"), "normative_docs:file_review_list", "clipboard-check", function=FUNCTION,
             roles=OFFICES),
    MenuItem(_("行政执法培训"), "normative_docs:enforcement_training_list", "mortarboard", function=FUNCTION,
             roles=OFFICES),
    MenuItem(_("行政执法人员"), "normative_docs:officer_list", "person-vcard", function=FUNCTION, roles=OFFICES),
    MenuItem(_("政府法律顾问"), "normative_docs:engagement_list", "briefcase", function=FUNCTION, roles=OFFICES),
    MenuItem(_("承办法律事务"), "normative_docs:legal_affair_list", "journal-text", function=FUNCTION, roles=OFFICES),
    MenuItem(_("述法"), "normative_docs:shufa_list", "mic", function=FUNCTION, roles=OFFICES),
    MenuItem(_("法治建设考评"), "normative_docs:round_list", "award", function=FUNCTION, roles=OFFICES | {UNIT}),
]

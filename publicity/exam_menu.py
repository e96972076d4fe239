"""Navigation entries of the law exam and 谁执法谁普法 evaluation (appended by publicity/menu.py)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import Role

from .apps import FUNCTION

# District records: the street offices (the function's other role) have nothing to see here.
DISTRICT = frozenset(Role) - {Role.STREET, Role.ADVISOR}

MENU = [
    MenuItem(_("学法考试"), "publicity:exam_list", "pencil-square", function=FUNCTION, roles=DISTRICT),
    MenuItem(_("普法责任清单"), "publicity:responsibility_list", "list-check", function=FUNCTION, roles=DISTRICT),
    MenuItem(_("履职评议"), "publicity:evaluation_list", "trophy", function=FUNCTION, roles=DISTRICT),
    MenuItem(_("评议指标"), "publicity:evaluation_index_list", "sliders", function=FUNCTION, roles=DISTRICT),
]

"""People's mediation's navigation entries (a dotted path in MediationConfig.menu: bureau.menu imports models)."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import READ_ONLY_ROLES, Role
from mediation.apps import FUNCTION, MEDIATOR

WRITERS = frozenset(Role) - READ_ONLY_ROLES  # the forms are not offered to those who only read
OFFICES = frozenset(Role)  # the bureau's own roles: not the mediators, who keep no trainings

MENU = [
    MenuItem(_("调解案件"), "mediation:case_list", "people", function=FUNCTION),
    MenuItem(_("登记调解案件"), "mediation:case_create", "file-earmark-plus", function=FUNCTION,
             roles=WRITERS | {MEDIATOR}),
    MenuItem(_("调解组织"), "mediation:organisation_list", "building", function=FUNCTION),
    MenuItem(_("调解员"), "mediation:mediator_list", "person-badge", function=FUNCTION),
    MenuItem(_("矛盾纠纷排查"), "mediation:screening_round_list", "search", function=FUNCTION),
    MenuItem(_("调解员培训"), "mediation:training_list", "mortarboard", function=FUNCTION, roles=OFFICES),
]

"""The roles of the portal's users. A module without models, so an app's AppConfig can name roles.

`Role` holds the platform's own roles. A function app may add roles of its own (人民调解员 for mediation) in
its declaration (`Function.own_roles`); every choice list of roles comes from `choices()`, a callable, so a
new role changes no migration of bureau.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("局领导")
    SECTION = "section", _("科室工作人员")
    STREET = "street", _("司法所工作人员")
    ADVISOR = "advisor", _("社区法律顾问")
    CITY = "city", _("市司法局")
    ADMIN = "admin", _("系统管理员")


# Leadership and the city bureau read every function and change none.
READ_ONLY_ROLES = frozenset({Role.LEADER, Role.CITY})
# They, the administrator and the section staff (in their own section) use functions by office, not by role.
ALL_FUNCTIONS_ROLES = frozenset({Role.LEADER, Role.CITY, Role.ADMIN})
WRITERS = frozenset(Role) - READ_ONLY_ROLES


def choices():
    """[(code, label)]: the platform's roles, then those the function apps declare."""
    from .functions import declared_roles

    return [*Role.choices, *declared_roles().items()]


def label(code):
    return dict(choices()).get(code, code)

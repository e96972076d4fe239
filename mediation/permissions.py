"""Who may do what in mediation, built from bureau.permissions' predicates (no role test of its own).

A mediator (人民调解员, the role this function declares) works in a workspace of their own and sees only the
records of the organisations they serve in (`mediation.models.organisations_of`); every queryset of the app
overrides `visible_to` for them with `is_mediator`.
"""

from bureau.permissions import can_use, has_workspace, is_advisor

from .apps import FUNCTION


def is_mediator(user):
    """A person of this function's own role: someone with a workspace of their own who is not a community legal
    advisor and works in mediation — the only such role is 人民调解员."""
    return has_workspace(user) and not is_advisor(user) and can_use(user, FUNCTION)

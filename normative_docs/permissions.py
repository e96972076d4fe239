"""Who may do what in 法治政府, built from bureau.permissions' predicates (no role test of its own elsewhere).

A person of a drafting or handling unit (起草承办单位, the role this function declares) submits drafts for
legality review and sees only their own unit's documents and the reconsideration and litigation cases against
it (`normative_docs.models.units_of`); every queryset of the app overrides `visible_to` for them with
`is_unit_user`. The 法制科 (the section of this function) reviews, issues, files and keeps the ledgers.
"""

from bureau.permissions import can_write, signed_in

from .apps import FUNCTION, UNIT


def is_unit_user(user):
    """起草承办单位, the role this function declares (an administrator never counts as one)."""
    return signed_in(user) and user.role == UNIT and not user.sees_everything


def section_writes(user):
    """Reviews, issues, filings and the ledgers are the section's: a unit user submits and reads only."""
    return can_write(user, FUNCTION) and not is_unit_user(user)

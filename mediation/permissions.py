"""Who may do what in mediation, built from bureau.permissions' predicates (no role test of its own).

A mediator (人民调解员, the role this function declares) works in a workspace of their own and sees only the
records of the organisations they serve in (`mediation.models.organisations_of`); every queryset of the app
overrides `visible_to` for them with `is_mediator`.
"""

from django.utils.translation import gettext_lazy as _

from bureau.permissions import Access, can_write, signed_in

from .apps import FUNCTION, MEDIATOR


def is_mediator(user):
    """人民调解员, the role this function declares (an administrator never counts as one)."""
    return signed_in(user) and user.role == MEDIATOR and not user.sees_everything


def office_writes(user):
    """Organisations and mediators are the offices' records: a mediator reads them only."""
    return can_write(user, FUNCTION) and not is_mediator(user)


def _not_mediator(user):
    return not is_mediator(user)


# Checked after the function's own access (function_required): what a mediator may not do, with the words why.
ORGANISATIONS_OFFICE = Access(_not_mediator, _not_mediator, _("调解组织由司法所登记。"), _("调解组织由司法所登记。"))
MEDIATORS_OFFICE = Access(_not_mediator, _not_mediator, _("调解员由司法所登记。"), _("调解员由司法所登记。"))
# Trainings too: a mediator attends them and keeps none (TrainingQuerySet.visible_to).
TRAININGS_OFFICE = Access(_not_mediator, _not_mediator, _("调解员培训由人民调解科和司法所登记。"),
                          _("调解员培训由人民调解科和司法所登记。"))
WORKSPACE = Access(is_mediator, is_mediator, _("工作台供人民调解员使用；请在“调解案件”中查看辖区案件。"),
                   _("工作台供人民调解员使用；请在“调解案件”中查看辖区案件。"))

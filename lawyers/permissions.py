"""Who may do what in the lawyers function: the registry and the community legal advisors' pages and API.

Built from bureau.permissions' predicates; views, the API and templates use these, never a role test of
their own.
"""

from django.utils.translation import gettext_lazy as _

from bureau.permissions import (
    Access,
    can_use,
    can_write,
    is_administrator,
    is_advisor,
    is_read_only,
    is_section,
    signed_in,
)
from lawyers.apps import FUNCTION


def can_view_registry(user):
    """The bureau and the street offices read the registry (legal aid assigns from it); the advisors it lists
    do not need it."""
    return signed_in(user) and not is_advisor(user) and (can_use(user, FUNCTION) or can_use(user, "legalaid"))


def can_edit_registry(user):
    return signed_in(user) and not is_advisor(user) and (is_administrator(user) or can_write(user, FUNCTION))


def can_manage_advisors(user):
    """Points, postings and entries for others: office staff who may change the lawyers function."""
    return can_write(user, FUNCTION) and not is_advisor(user)


def can_appraise(user):
    """Weights and closing a month are the district's: its lawyers section (律师工作科) and the administrator."""
    return can_manage_advisors(user) and (is_administrator(user) or is_section(user))


REGISTRY = Access(
    read=can_view_registry, write=can_edit_registry,
    read_refused=_("您的角色不能查看律师事务所和律师名录。"),
    write_refused=_("您的角色只能查看律师事务所和律师名录，不能新增或修改。"),
)
# The advisors' pages: an advisor writes their own log; the office manages points, postings and appraisals.
ADVISORS = Access(
    read=lambda user: can_use(user, FUNCTION), write=lambda user: can_write(user, FUNCTION),
    read_refused=_("您的角色不能使用社区法律顾问功能。"),
    write_refused=_("您的角色只能查看，不能登记或修改法律顾问派驻和服务站点。"),
)
# The monthly appraisal: read where the function is used (the districts: appraisal.appraisal_districts); its
# weights set and a month closed by the district's lawyers section.
APPRAISAL = Access(
    read=lambda user: can_use(user, FUNCTION), write=can_appraise,
    read_refused=_("您的角色不能使用社区法律顾问功能。"),
    write_refused=_("只有区司法局律师工作科可以设置分值和完成月评比。"),
)
ADVISOR_OFFICE = Access(
    read=lambda user: can_use(user, FUNCTION), write=can_manage_advisors,
    read_refused=_("您的角色不能使用社区法律顾问功能。"),
    write_refused=_("您的角色只能查看，不能登记或修改法律顾问派驻和服务站点。"),
)


# --- Supervision (律师执业监管: inspections, complaints, violations) -------------------------------------------


def can_read_supervision(user):
    """The district's lawyers section, leadership, the city and the administrator; not street offices (nothing
    of supervision is theirs) nor advisors."""
    return can_use(user, FUNCTION) and (is_administrator(user) or is_section(user) or is_read_only(user))


def can_supervise(user):
    """Writes are the district lawyers section's (律师工作科) and the administrator's."""
    return can_write(user, FUNCTION) and (is_administrator(user) or is_section(user))


SUPERVISION = Access(
    read=can_read_supervision, write=can_supervise,
    read_refused=_("您的角色不能查看律师执业监管工作。"),
    write_refused=_("只有区司法局律师工作科可以登记律师执业监管工作。"),
)

# Records whose pages another Access guards than the function's (bureau.permissions.record_visible): the registry
# is read by legal aid too, which assigns from it.
RECORD_ACCESS = {"lawfirm": REGISTRY, "lawyer": REGISTRY}

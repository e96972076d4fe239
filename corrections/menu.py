"""Corrections' navigation entries (a dotted path in CorrectionsConfig.menu: bureau.menu imports models).

The daily work list comes first: it is where a street office clerk starts the day.
"""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import READ_ONLY_ROLES, Role
from corrections.apps import FUNCTION

WRITERS = frozenset(Role) - READ_ONLY_ROLES  # the forms are not offered to those who only read

MENU = [
    MenuItem(_("今日工作"), "corrections:worklist", "list-check", function=FUNCTION),
    MenuItem(_("矫正对象"), "corrections:supervisee_list", "people", function=FUNCTION),
    MenuItem(_("登记矫正对象"), "corrections:supervisee_create", "person-plus", function=FUNCTION,
             roles=WRITERS),
    MenuItem(_("外出审批"), "corrections:travel_list", "signpost", function=FUNCTION),
    MenuItem(_("教育活动"), "corrections:session_list", "easel", function=FUNCTION),
    MenuItem(_("评审与研判会议"), "corrections:meeting_list", "people-fill", function=FUNCTION),
    MenuItem(_("安置帮教"), "corrections:releasedperson_list", "house-heart", function=FUNCTION),
]

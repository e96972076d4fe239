"""The lawyers function's navigation (a dotted path in LawyersConfig.menu: bureau.menu imports models).

Advisors get their own two entries; the registry and the offices' pages are not theirs to browse."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import Role
from lawyers.apps import FUNCTION
from lawyers.permissions import can_read_supervision

ADVISOR = frozenset({Role.ADVISOR})
OFFICES = frozenset(Role) - ADVISOR
DISTRICT_AND_ABOVE = frozenset({Role.LEADER, Role.SECTION, Role.CITY, Role.ADMIN})
SUPERVISION = {"function": FUNCTION, "show": can_read_supervision}  # the section writes; leadership, the city read

MENU = [
    MenuItem(_("我的工作台"), "lawyers:advisor_home", "phone", function=FUNCTION, roles=ADVISOR),
    MenuItem(_("记录服务"), "lawyers:servicelog_create", "plus-circle", function=FUNCTION, roles=ADVISOR),
    MenuItem(_("我的服务记录"), "lawyers:servicelog_list", "journal-text", function=FUNCTION, roles=ADVISOR),
    MenuItem(_("律师事务所"), "lawyers:lawfirm_list", "building", function=FUNCTION, roles=OFFICES),
    MenuItem(_("律师"), "lawyers:lawyer_list", "person-badge", function=FUNCTION, roles=OFFICES),
    MenuItem(_("社区法律顾问"), "lawyers:advisor_list", "people", function=FUNCTION, roles=OFFICES),
    MenuItem(_("顾问服务记录"), "lawyers:servicelog_list", "journal-text", function=FUNCTION, roles=OFFICES),
    MenuItem(_("顾问派驻"), "lawyers:posting_list", "pin-map", function=FUNCTION, roles=OFFICES),
    MenuItem(_("公共法律服务站点"), "lawyers:servicepoint_list", "signpost-2", function=FUNCTION,
             roles=OFFICES),
    MenuItem(_("顾问月评比"), "lawyers:appraisal_current", "trophy", function=FUNCTION,
             roles=DISTRICT_AND_ABOVE),
    MenuItem(_("年度检查考核"), "lawyers:campaign_list", "clipboard-data", **SUPERVISION),
    MenuItem(_("执法检查人员库"), "lawyers:inspector_list", "person-vcard", **SUPERVISION),
    MenuItem(_("双随机一公开"), "lawyers:plan_list", "shuffle", **SUPERVISION),
    MenuItem(_("督导检查"), "lawyers:visit_list", "binoculars", **SUPERVISION),
    MenuItem(_("律师投诉"), "lawyers:complaint_list", "megaphone", **SUPERVISION),
    MenuItem(_("违规行为与整改"), "lawyers:violation_list", "exclamation-octagon", **SUPERVISION),
]

"""法治政府's navigation entries (a dotted path in NormativeDocsConfig.menu: bureau.menu imports models); the new
parts' entries (major decisions, enforcement, counsel, 述法, the assessment) come from menu_extra.py."""

from django.utils.translation import gettext_lazy as _

from bureau.menu import MenuItem
from bureau.models import READ_ONLY_ROLES, Role

from .apps import FUNCTION, UNIT
from .menu_extra import ENTRIES

OFFICES = frozenset(Role)  # the bureau's own roles: not the drafting units
SECTION_WRITERS = OFFICES - READ_ONLY_ROLES  # the ledgers' forms, not offered to those who only read

MENU = [
    MenuItem(_("送审文件"), "normative_docs:document_list", "file-earmark-text", function=FUNCTION),
    MenuItem(_("提交草案"), "normative_docs:document_create", "file-earmark-plus", function=FUNCTION,
             roles=SECTION_WRITERS | {UNIT}),
    MenuItem(_("行政复议"), "normative_docs:reconsideration_list", "journal-text", function=FUNCTION),
    MenuItem(_("行政应诉"), "normative_docs:litigation_list", "bank", function=FUNCTION),
    MenuItem(_("起草承办单位"), "normative_docs:unit_list", "building", function=FUNCTION, roles=OFFICES),
    *ENTRIES,
]

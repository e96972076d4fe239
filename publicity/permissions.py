"""Who may do what in 普法, beyond the function's own access (function_required(FUNCTION)).

Street offices record the activities and media of their street; the 法治文化阵地 are named by the province,
the city or the district, so the district's section (普法与依法治理科) keeps their register and the street
offices read it.
"""

from django.utils.translation import gettext_lazy as _

from bureau.permissions import Access, can_use, can_write, is_street_office

from .apps import FUNCTION


def _reads(user):
    return can_use(user, FUNCTION)


def positions_write(user):
    return can_write(user, FUNCTION) and not is_street_office(user)


POSITIONS_REGISTER = Access(_reads, positions_write, write_refused=_("法治文化阵地由普法与依法治理科登记。"))

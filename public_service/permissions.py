"""Who may do what in public legal service, built from bureau.permissions' predicates.

The function's staff (the 公共法律服务科, the street offices, leadership reading) use every staff page through
`function_required(FUNCTION)`. An advisor (社区法律顾问, a role of the function) answers the online questions of
the streets they are posted in (Question.objects.visible_to) and reads the sites they serve; the network's
registers (hours, roster, classes) are the offices'. Residents use no account: their pages check the verified
phone in their session (public_service.views.resident).
"""

from django.utils.translation import gettext_lazy as _

from bureau.permissions import Access, can_use, can_write, is_advisor

from .apps import FUNCTION


def office_reads(user):
    return can_use(user, FUNCTION) and not is_advisor(user)


def office_writes(user):
    return can_write(user, FUNCTION) and not is_advisor(user)


NETWORK_OFFICE = Access(office_reads, office_writes, _("站点、预约和法律课堂由公共法律服务科和司法所管理。"),
                        _("站点、预约和法律课堂由公共法律服务科和司法所管理。"))

"""Who may do what in community corrections, beyond using and writing the function (bureau.permissions).

Built from bureau.permissions' predicates; services, views and templates use these, never a role test of
their own.
"""

from bureau.permissions import is_street_office


def approves_as_bureau(user):
    """The district bureau's approvals: 电子定位 (社区矫正法 第二十九条) and travel beyond STREET_TRAVEL_DAYS. A
    street office (司法所) approves neither; the corrections section, leadership and the administrator do."""
    return not is_street_office(user)


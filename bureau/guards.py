"""The checks every service makes before it writes, with the message a clerk reads.

Services call these, so a page, the API and an import refuse the same thing with the same words:

    guards.not_in_future(on, _("报到日期"))
    guards.in_jurisdiction(by, area, streets_only=True)
    case = guards.visible(by, complaint.case, _("投诉涉及的案件"))
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .workdays import after_today


def _refuse(message, field):
    raise ValidationError({field: message} if field else message)


def not_in_future(day, label=None, *, field=None):
    """`day` (a date or None) is not after today: "报到日期不能晚于今天。". (workdays.after_today: the active time
    zone is read only for a day near today — an import checks a date on each of tens of thousands of rows.)"""
    if day and after_today(day):
        _refuse(_("%(what)s不能晚于今天。") % {"what": label or _("日期")}, field)


def not_before(day, earliest, label=None, *, field=None):
    """`day` is not before `earliest`: "结案日期不能早于2026-03-01。"."""
    if day and earliest and day < earliest:
        _refuse(_("%(what)s不能早于%(date)s。") % {"what": label or _("日期"), "date": earliest}, field)


def in_jurisdiction(by, area, what=None, *, streets_only=False, field=None):
    """`area` is within `by`'s jurisdiction (and a street, with `streets_only`). Named by `what` ("服务社区"), the
    refusal says which area: "服务社区“东门社区”不在您的管辖范围内。"; else "所选单位不在您的管辖范围内。"."""
    from .models import Area

    if not Area.objects.visible_to(by).filter(pk=area.pk).exists():
        if what:
            _refuse(_("%(what)s“%(area)s”不在您的管辖范围内。") % {"what": what, "area": area.name}, field)
        _refuse(_("所选单位不在您的管辖范围内。"), field)
    if streets_only and area.level != Area.Level.STREET:
        _refuse(_("请选择街道司法所。"), field)


def visible(by, records, what, *, field=None):
    """The record (or every record of a list) another one refers to — the case of a complaint, the lawyer of
    an assignment, the people of a meeting — is one `by` may see by its model's `visible_to`, checked in one
    query: "投诉涉及的案件不存在或不在您的管辖范围内。". Returns what it was given."""
    rows = [r for r in (records if isinstance(records, (list, tuple, set)) else [records]) if r is not None]
    if rows:
        model = type(rows[0])
        seen = set(model.objects.visible_to(by).filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True))
        if any(r.pk not in seen for r in rows):
            _refuse(_("%(what)s不存在或不在您的管辖范围内。") % {"what": what}, field)
    return records


def within(area, outer, what, *, field=None):
    """A record's `area` lies in `outer` (the district of the place it serves): a lawyer on duty at a site, an
    account linked to an organisation. No query — areas carry their path: "值班律师不在本区。"."""
    if area is None or outer is None or not area.path.startswith(outer.path):
        _refuse(_("%(what)s不在%(area)s范围内。") % {"what": what, "area": outer.name if outer else ""}, field)

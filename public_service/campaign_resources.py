"""The monthly sheet of site service records (站点服务记录), imported with the project's pipeline
(bureau.imports): one row per site, staff member and day, checked by the service's own query-free rules
(campaign_services.site_record_check) for the whole file before anything is written; a row repeating another
of the file, or a record already entered, refuses the file with the row named.

Duty lawyers are named in 服务人员 only: the sheet has no lawyer column, so it cannot name an advisor posted to
the site (their services are in their own log). Registered at start-up by campaign_stats' import of it
(public_service has no resources.py for bureau's autodiscovery yet).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.imports import (
    ChoiceColumn,
    DateColumn,
    ForeignKeyColumn,
    ImportResource,
    IntegerColumn,
    RowError,
    TextColumn,
    register,
)
from lawyers.models import ServicePoint

from . import campaign_services as services
from .apps import FUNCTION
from .models import SiteRecord, StaffKind


class SiteColumn(ForeignKeyColumn):
    def __init__(self):
        super().__init__("服务站点", "point", ServicePoint, lookups=("name",), what=gettext_lazy("服务站点"),
                         required=True, help=gettext_lazy("站点名称，须在您的管辖范围内。"))

    def queryset(self, user):
        return ServicePoint.objects.visible_to(user)


@register
class SiteRecordResource(ImportResource):
    model = SiteRecord
    name = "public_service.site_record"
    label = gettext_lazy("站点服务记录")
    function = FUNCTION
    instructions = gettext_lazy(
        "每行为一个站点、一名服务人员、一天的服务数量，各项数量至少填写一项。派驻站点的社区法律顾问请在"
        "“法律顾问服务记录”中登记，不在此表填写，以免重复统计。同一站点、人员、日期只能有一行，已登记的不能重复导入。")
    columns = [
        SiteColumn(),
        DateColumn("服务日期", "on", required=True),
        TextColumn("服务人员", "staff", required=True),
        ChoiceColumn("人员类别", "staff_kind", StaffKind, help=gettext_lazy("不填为“工作人员”。")),
        IntegerColumn("法律咨询（人次）", "consultations"),
        IntegerColumn("代写文书（份）", "documents"),
        IntegerColumn("出具法律意见（份）", "opinions"),
        IntegerColumn("其他服务（件）", "other_services"),
        TextColumn("备注", "note"),
    ]

    def instantiate(self, record, user):
        values = record.values
        return SiteRecord(**values, area_id=values["point"].area_id, recorded_by=user)

    def build(self, records, user, errors):
        objects = super().build(records, user, errors)
        keys = {}
        for record in records:
            if record.bad or record.obj is None:
                continue
            try:
                services.site_record_check(record.obj)
            except ValidationError as error:
                errors.extend(RowError(record.row, "", m) for m in error.messages)
                record.bad = True
                continue
            key = (record.obj.point_id, record.obj.staff, record.obj.on)
            if key in keys:
                errors.append(RowError(record.row, "服务人员", _("与第%(row)d行重复（同一站点、人员、日期）。") % {
                    "row": keys[key].row}))
                record.bad = True
            else:
                keys[key] = record
        if keys:
            days = [key[2] for key in keys]
            existing = SiteRecord.objects.filter(
                Q(point__in={key[0] for key in keys}), Q(on__range=(min(days), max(days)))
            ).values_list("point", "staff", "on")
            for key in set(existing) & set(keys):
                record = keys[key]
                errors.append(RowError(record.row, "服务人员", _("%(staff)s在%(date)s于该站点的服务记录已登记。") % {
                    "staff": key[1], "date": key[2]}))
                record.bad = True
        return objects

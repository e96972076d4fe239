"""Imports of the law-firm and lawyer registry, of the advisors' service log, and of lawyer supervision's annual
inspection results and complaints (bureau.imports)."""

from copy import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.audit import audit_bulk_writes
from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    ForeignKeyColumn,
    ImportResource,
    IntegerColumn,
    MultipleChoiceColumn,
    PhoneColumn,
    ResidentIDColumn,
    RowError,
    TextColumn,
    gc_paused,
    register,
)
from bureau.models import Area, Role
from lawyers.apps import FUNCTION

from . import supervision
from .filters import visible_advisors, visible_communities
from .models import (
    Complaint,
    ComplaintSource,
    Grade,
    InspectionCampaign,
    InspectionKind,
    InspectionResult,
    LawFirm,
    Lawyer,
    ServiceKind,
    ServiceLog,
    ServicePoint,
    Specialty,
    Status,
)
from .permissions import can_supervise
from .services import service_logs_refusals, todos_close_for_logs


class CodeColumn(TextColumn):
    """A registration code: spaces dropped, letters upper-case, as the registry stores it."""

    def parse(self, value):
        return str(value).replace(" ", "").upper()


class FirmColumn(ForeignKeyColumn):
    """A law firm of the user's jurisdiction, by its unified social credit code."""

    def __init__(self, header, field, **kwargs):
        super().__init__(header, field, LawFirm, lookups=("credit_code",), what=gettext_lazy("律师事务所"),
                         **kwargs)

    def parse(self, value):
        return str(value).replace(" ", "").upper()

    def queryset(self, user):
        return LawFirm.objects.visible_to(user).select_related("area")


class RegistryResource(ImportResource):
    """The registry is kept by the bureau and the street offices, not by the advisors it lists."""

    function = FUNCTION
    roles = frozenset({Role.SECTION, Role.STREET, Role.ADMIN})


@register
class LawFirmResource(RegistryResource):
    model = LawFirm
    name = "lawyers.lawfirm"
    label = gettext_lazy("律师事务所")
    columns = [
        TextColumn("名称", "name", required=True),
        CodeColumn("统一社会信用代码", "credit_code", required=True, help=gettext_lazy("18位，系统校验其校验码。")),
        AreaColumn(required=True, help=gettext_lazy("律师事务所所在街道，须在您的管辖范围内。")),
        TextColumn("地址", "address"),
        PhoneColumn("电话", "phone"),
        TextColumn("负责人", "director"),
        DateColumn("成立日期", "founded_on"),
        ChoiceColumn("状态", "status", Status, help=gettext_lazy("不填为“执业”。")),
    ]


@register
class LawyerResource(RegistryResource):
    model = Lawyer
    name = "lawyers.lawyer"
    label = gettext_lazy("律师")
    columns = [
        TextColumn("姓名", "name", required=True),
        ResidentIDColumn("身份证号码", "id_number"),
        CodeColumn("执业证号", "certificate_number", required=True, help=gettext_lazy("17位数字。")),
        ChoiceColumn("类别", "kind", Lawyer.Kind, help=gettext_lazy("不填为“专职律师”。")),
        FirmColumn("执业机构", "firm", help=gettext_lazy(
            "律师事务所的统一社会信用代码，事务所须已在系统中登记；专职、兼职律师必填。")),
        AreaColumn(help=gettext_lazy("不填时取执业机构所在街道；公职、公司律师填其单位所在街道。")),
        DateColumn("首次执业日期", "practice_start", required=True),
        MultipleChoiceColumn("业务专长", "specialties", Specialty),
        BooleanColumn("承办法律援助案件", "legal_aid_available", help=gettext_lazy("不填为“是”。")),
        PhoneColumn("电话", "phone"),
        ChoiceColumn("状态", "status", Status, help=gettext_lazy("不填为“执业”。")),
    ]

    def clean_record(self, record, user):
        values = record.values
        if "area" not in values:
            if "firm" not in values:
                raise ValidationError({"area": _("未填写执业机构时，街道为必填项。")})
            values["area"] = values["firm"].area


# --- Community legal advisors' service log -------------------------------------------------------------------


class AdvisorColumn(ForeignKeyColumn):
    """An advisor the user may see (an advisor: themselves), by practice certificate number."""

    def __init__(self, header, field, **kwargs):
        super().__init__(header, field, Lawyer, lookups=("certificate_number",), what=gettext_lazy("法律顾问"),
                         **kwargs)
        self.as_text = True

    def parse(self, value):
        return str(value).replace(" ", "")

    def queryset(self, user):
        return visible_advisors(user)


class CommunityColumn(ForeignKeyColumn):
    """A community by its 12-digit code or its name (“桂园东社区” or “桂园东”), among those the user may file
    entries under."""

    def __init__(self, header="社区", field="area", **kwargs):
        super().__init__(header, field, Area, lookups=("code", "name"), what=gettext_lazy("社区"), **kwargs)

    def resolve(self, texts, user):
        names = set(texts) | {f"{text}社区" for text in texts}
        visible = list(visible_communities(user).filter(Q(code__in=texts) | Q(name__in=names)))
        resolved = {}
        for text in texts:
            found = [a for a in visible if text in (a.code, a.name) or a.name == f"{text}社区"]
            if len(found) == 1:
                resolved[text] = found[0]
            elif found:
                resolved[text] = ValidationError(_("有多个名为“%(value)s”的社区，请填写行政区划代码。") % {"value": text})
            else:
                resolved[text] = ValidationError(_("未找到社区“%(value)s”，或不在您的管辖范围内。") % {"value": text})
        return resolved

    def describe(self):
        return _("社区的行政区划代码或名称")


class PointColumn(ForeignKeyColumn):
    def __init__(self, header, field, **kwargs):
        super().__init__(header, field, ServicePoint, lookups=("name",), what=gettext_lazy("服务站点"), **kwargs)

    def queryset(self, user):
        return ServicePoint.objects.visible_to(user)


@register
class ServiceLogResource(ImportResource):
    """Service log entries collected by street offices: one row per entry. Each is checked like an entry made on
    the page: the advisor was posted to the community that day, the month is not appraised yet."""

    model = ServiceLog
    name = "lawyers.servicelog"
    label = gettext_lazy("法律顾问服务记录")
    function = FUNCTION
    instructions = gettext_lazy(
        "每行一条服务记录。“数量”按服务类别填写：法律咨询、线上法律服务填人次，审查法律文书、出具法律意见填份数，"
        "走访企业、企业法治体检填企业家数，参与受理矛盾纠纷填件数，普法宣传、讲座、群体性事件填参加或涉及人数。"
        "法律顾问须在服务日期当天派驻到该社区；已完成月评比的月份不能导入。"
    )
    columns = [
        DateColumn("服务日期", "on", required=True),
        AdvisorColumn("执业证号", "lawyer", required=True, help=gettext_lazy("法律顾问的律师执业证号（17位）。")),
        CommunityColumn(required=True),
        PointColumn("服务站点", "point", help=gettext_lazy("在公共法律服务站点服务时填写站点名称，须在该社区内。")),
        ChoiceColumn("服务类别", "kind", ServiceKind, required=True),
        IntegerColumn("数量", "count", help=gettext_lazy("不填为1。")),
        BooleanColumn("化解成功", "resolved", help=gettext_lazy("仅参与受理矛盾纠纷填写，不填为“否”。")),
        DecimalColumn("时长（小时）", "hours", help=gettext_lazy("0.5至24，不填为1。")),
        TextColumn("摘要", "notes"),
    ]

    def build(self, records, user, errors):
        """Then the service's rules, for the whole file at once (services.service_logs_refusals: a few queries,
        none per row), each refusal in the column of the field it names."""
        objects = super().build(records, user, errors)
        good = [record for record in records if not record.bad]
        headers = {column.field: column.header for column in self.columns}
        for record, refusal in zip(good, service_logs_refusals([record.obj for record in good], user)):
            if refusal is None:
                continue
            named = refusal.message_dict.items() if hasattr(refusal, "error_dict") else [("", refusal.messages)]
            errors.extend(RowError(record.row, headers.get(field, ""), message)
                          for field, messages in named for message in messages)
            record.bad = True
        return objects

    def instantiate(self, record, user):
        return self.instances(ServiceLog)({**record.values, "recorded_by": user})

    def save(self, validation, user, progress=None):
        with transaction.atomic():
            created = super().save(validation, user, progress)
            todos_close_for_logs(validation.objects, user)
        return created


# --- Lawyer supervision: annual inspection results and complaints ------------------------------------------------


class SupervisionResource(ImportResource):
    """Supervision records are written by the district's lawyers section through lawyers.supervision, by the rules
    of the services that write one record on the pages, applied to the whole file: validating a file asks the
    service why each row may not be written (`refusals`: a few queries for the file, each refusal named to its
    row), and saving writes them all through the service's bulk function in one transaction (all or nothing)."""

    function = FUNCTION

    def allowed(self, user):
        return super().allowed(user) and can_supervise(user)

    def refusals(self, objects, user):
        raise NotImplementedError

    def write(self, objects, user):
        raise NotImplementedError

    def build(self, records, user, errors):
        objects = super().build(records, user, errors)
        headers = {column.field: column.header for column in self.columns if column.field}
        good = [record for record in records if not record.bad]
        for record, refusal in zip(good, self.refusals([record.obj for record in good], user)):
            if refusal is not None:
                errors.extend(_supervision_row_errors(record.row, refusal, headers))
                record.bad = True
        return objects

    def save(self, validation, user, progress=None):
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        with gc_paused(), transaction.atomic():
            audit_bulk_writes()
            self.write(validation.objects, user)
        if progress:
            progress(len(validation.records))
        return len(validation.records)


def _supervision_row_errors(row, error, headers):
    if not hasattr(error, "error_dict"):
        return [RowError(row, "", message) for message in error.messages]
    return [RowError(row, headers.get(field, ""), message)
            for field, field_errors in error.error_dict.items() for e in field_errors for message in e.messages]


class SupervisedFirmColumn(ForeignKeyColumn):
    """A law firm of the user's jurisdiction, by its name or unified social credit code."""

    def __init__(self, header, field="firm", **kwargs):
        super().__init__(header, field, LawFirm, lookups=("name", "credit_code"), what=gettext_lazy("律师事务所"),
                         **kwargs)

    def queryset(self, user):
        return LawFirm.objects.visible_to(user)


class SupervisedLawyerColumn(ForeignKeyColumn):
    """A lawyer of the user's jurisdiction, by practice certificate number."""

    def __init__(self, header, field="lawyer", **kwargs):
        super().__init__(header, field, Lawyer, lookups=("certificate_number",), what=gettext_lazy("律师"),
                         **kwargs)

    def parse(self, value):
        return str(value).replace(" ", "")

    def queryset(self, user):
        return Lawyer.objects.visible_to(user).select_related("firm")


class DistrictColumn(ForeignKeyColumn):
    """A district by its 6-digit code or its name (“罗湖区”); `anywhere`: any district of the portal."""

    kind = gettext_lazy("区")

    def __init__(self, header, field, *, anywhere=False, **kwargs):
        super().__init__(header, field, Area, lookups=("code", "name"), what=gettext_lazy("区"), **kwargs)
        self.anywhere = anywhere

    def queryset(self, user):
        areas = Area.objects.all() if self.anywhere else Area.objects.visible_to(user)
        return areas.filter(level=Area.Level.DISTRICT)

    def describe(self):
        return _("区的行政区划代码或名称")


@register
class InspectionResultResource(SupervisionResource):
    """年度检查考核结果: one row per firm (律师事务所 campaigns) or per public or corporate lawyer, in the campaign of
    the given year and kind, which must be registered first. A subject already recorded in the campaign has its
    result changed by the row; after the campaign's follow-up meeting nothing may be changed."""

    model = InspectionResult
    name = "lawyers.inspection_result"
    label = gettext_lazy("年度检查考核结果")
    instructions = gettext_lazy(
        "每行一个考核对象。考核年度和考核对象确定所属的年度检查考核，须已在系统中新建；律师事务所填写名称或统一社会信用代码，"
        "公职律师、公司律师填写执业证号。律师事务所的考核等次为合格、基本合格、不合格，律师的为称职、基本称职、不称职；"
        "填写考核等次的须填写评定日期。已登记的考核对象，导入后其结果被更新；反馈会召开后不能再导入。")
    columns = [
        IntegerColumn("考核年度", "year", required=True),
        ChoiceColumn("考核对象", "kind", InspectionKind, required=True),
        SupervisedFirmColumn("律师事务所", help=gettext_lazy("律师事务所年度检查考核填写：名称或统一社会信用代码。")),
        SupervisedLawyerColumn("律师执业证号", help=gettext_lazy("公职律师、公司律师年度检查考核填写。")),
        DateColumn("材料收到日期", "materials_received_on"),
        TextColumn("考核意见", "findings"),
        ChoiceColumn("考核等次", "grade", Grade),
        DateColumn("评定日期", "graded_on"),
    ]

    def build(self, records, user, errors):
        """The campaigns of the file (one query) and the results already recorded in them (one query)."""
        keys = {(r.values["year"], r.values["kind"]) for r in records if "year" in r.values and "kind" in r.values}
        condition = Q(pk__in=[])
        for year, kind in keys:
            condition |= Q(year=year, kind=kind)
        campaigns = {}
        for campaign in InspectionCampaign.objects.visible_to(user).filter(condition).select_related("district"):
            campaigns.setdefault((campaign.year, campaign.kind), []).append(campaign)
        existing = {(r.campaign_id, r.firm_id, r.lawyer_id): r for r in
                    InspectionResult.objects.filter(campaign__in=[c for cs in campaigns.values() for c in cs])}
        seen = {}
        for record in records:
            if record.bad:
                continue
            values = record.values
            year, kind = values.pop("year"), values.pop("kind")
            found = campaigns.get((year, kind), [])
            if len(found) != 1:
                label = InspectionKind(kind).label
                errors.append(RowError(record.row, "考核年度", _(
                    "未找到%(year)d年度%(kind)s年度检查考核，请先新建。") % {"year": year, "kind": label} if not found
                    else _("您可见的多个区都有%(year)d年度%(kind)s年度检查考核，请用区的账号导入。") % {
                        "year": year, "kind": label}))
                record.bad = True
                continue
            campaign = values["campaign"] = found[0]
            key = (campaign.pk, getattr(values.get("firm"), "pk", None), getattr(values.get("lawyer"), "pk", None))
            if key in seen:
                errors.append(RowError(record.row, "", _("与第%(row)d行重复。") % {"row": seen[key]}))
                record.bad = True
                continue
            seen[key] = record.row
            record.existing = existing.get(key)
        return super().build(records, user, errors)

    def instantiate(self, record, user):
        result = copy(getattr(record, "existing", None)) or InspectionResult()
        for name, value in record.values.items():
            setattr(result, name, value)
        return result

    def refusals(self, objects, user):
        return supervision.inspection_results_refusals(objects, user)

    def write(self, objects, user):
        return supervision.inspection_results_save(results=objects, by=user)


@register
class ComplaintResource(SupervisionResource):
    """律师投诉: one row per complaint, registered as on the page (its acceptance clock starts from 收到日期)."""

    model = Complaint
    name = "lawyers.complaint"
    label = gettext_lazy("律师投诉")
    instructions = gettext_lazy(
        "每行一件投诉，导入后为“待受理”，受理审查期限自收到日期起算。被投诉律师填写执业证号，被投诉律师事务所填写名称或"
        "统一社会信用代码，至少填写一项；只填律师的，取其执业机构。投诉来源为“他区移交”的须填写移交区。"
        "区不填时为您所在的区。")
    columns = [
        DistrictColumn("区", "district", help=gettext_lazy("不填为您所在的区。")),
        ChoiceColumn("投诉来源", "source", ComplaintSource, required=True),
        DistrictColumn("移交区", "transferred_from", anywhere=True,
                       help=gettext_lazy("投诉来源为“他区移交”时填写移交的区。")),
        DateColumn("收到日期", "received_on", required=True),
        TextColumn("投诉人", "complainant_name", required=True),
        PhoneColumn("投诉人电话", "complainant_phone"),
        SupervisedLawyerColumn("被投诉律师执业证号"),
        SupervisedFirmColumn("被投诉律师事务所"),
        TextColumn("投诉事项", "summary", required=True),
    ]

    def clean_record(self, record, user):
        if "district" not in record.values:
            if user.area is None or user.area.level != Area.Level.DISTRICT:
                raise ValidationError({"district": _("请填写区。")})
            record.values["district"] = user.area

    def refusals(self, objects, user):
        return supervision.complaints_refusals(objects, user)

    def write(self, objects, user):
        return supervision.complaints_register(complaints=objects, by=user)

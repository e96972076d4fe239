"""Imports of the law-firm and lawyer registry and of the advisors' service log (bureau.imports)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    register,
)
from bureau.models import Area, Role
from lawyers.apps import FUNCTION

from .filters import visible_advisors, visible_communities
from .models import LawFirm, Lawyer, ServiceKind, ServiceLog, ServicePoint, Specialty, Status
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
        return ServiceLog(**record.values, recorded_by=user)

    def save(self, validation, user, progress=None):
        with transaction.atomic():
            created = super().save(validation, user, progress)
            todos_close_for_logs(validation.objects, user)
        return created

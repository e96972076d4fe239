"""Imports of the law-firm and lawyer registry (bureau.imports)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    ForeignKeyColumn,
    ImportResource,
    MultipleChoiceColumn,
    PhoneColumn,
    ResidentIDColumn,
    TextColumn,
    register,
)
from bureau.models import Function

from .models import LawFirm, Lawyer, Specialty, Status


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


@register
class LawFirmResource(ImportResource):
    model = LawFirm
    name = "lawyers.lawfirm"
    label = gettext_lazy("律师事务所")
    function = Function.LAWYERS
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
class LawyerResource(ImportResource):
    model = Lawyer
    name = "lawyers.lawyer"
    label = gettext_lazy("律师")
    function = Function.LAWYERS
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

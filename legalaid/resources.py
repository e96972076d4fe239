"""Imports of legal aid: consultations, and applications with their recipients (bureau.imports)."""

from collections import defaultdict
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    ImportResource,
    IntegerColumn,
    MultipleChoiceColumn,
    PhoneColumn,
    ResidentIDColumn,
    TextColumn,
    register,
)
from bureau.identifiers import ResidentID
from bureau.models import Function
from bureau.reminders import reminders_refresh
from bureau.workdays import DayKind, WorkingCalendar
from lawyers.models import Specialty

from .models import (
    Case,
    CaseStep,
    Category,
    ClockRule,
    Consultation,
    ExemptionGround,
    MatterKind,
    Recipient,
    RecipientGroup,
    Source,
    Status,
)
from .services import case_numbers_next


@register
class ConsultationResource(ImportResource):
    model = Consultation
    name = "legalaid.consultation"
    label = gettext_lazy("法律咨询")
    function = Function.LEGALAID
    columns = [
        DateColumn("日期", "on", required=True),
        AreaColumn(required=True),
        ChoiceColumn("渠道", "channel", Consultation.Channel, help=gettext_lazy("不填为“窗口”。")),
        ChoiceColumn("咨询事项", "topic", Specialty, required=True),
        IntegerColumn("人次", "person_times", help=gettext_lazy("1至500，不填为1。")),
        TextColumn("摘要", "note"),
    ]

    def instantiate(self, record, user):
        return Consultation(**record.values, recorded_by=user)


@register
class CaseResource(ImportResource):
    """Applications, one row per recipient: rows with the same 申请序号 are one application."""

    model = Case
    name = "legalaid.case"
    label = gettext_lazy("法律援助申请")
    function = Function.LEGALAID
    group_by = "申请序号"
    group_help = gettext_lazy("本文件内区分申请的序号，如 1、2、3。一个申请有几名受援人就填几行，序号相同。")
    instructions = gettext_lazy(
        "每行一名受援人。同一申请的各行填写相同的“申请序号”，申请的各列（收到日期至通知机关）只需在第一行填写，"
        "后续行可留空，若填写须与第一行一致。受援人就是申请人本人时，受援人各列可留空。"
        "导入的申请为“待审查”状态，系统生成编号，审查决定期限自收到日期起计算。"
    )
    columns = [
        DateColumn("收到日期", "received_on", required=True),
        AreaColumn(required=True, help=gettext_lazy("申请人住所地或案件所在街道，须在您的管辖范围内。")),
        ChoiceColumn("来源", "source", Source, required=True),
        ChoiceColumn("案件类别", "matter_kind", MatterKind, required=True),
        ChoiceColumn("援助事项", "category", Category, required=True),
        BooleanColumn("可能判处无期徒刑、死刑", "max_penalty_life_or_death", help=gettext_lazy("不填为“否”。")),
        TextColumn("申请人", "applicant_name", required=True),
        ResidentIDColumn("申请人身份证号码", "applicant_id_number"),
        PhoneColumn("联系电话", "applicant_phone"),
        ChoiceColumn("免予核查情形", "exemption_ground", ExemptionGround),
        TextColumn("案情摘要", "summary"),
        TextColumn("通知机关", "notifying_authority", help=gettext_lazy("通知辩护、通知代理案件必填。")),
    ]
    child_model = Recipient
    child_fk = "case"
    child_columns = [
        TextColumn("受援人姓名", "name", help=gettext_lazy("不填时受援人即申请人。")),
        ResidentIDColumn("受援人身份证号码", "id_number"),
        MultipleChoiceColumn("人群类别", "groups", RecipientGroup),
        PhoneColumn("受援人联系电话", "phone"),
    ]

    def instantiate(self, record, user):
        received_on = record.values["received_on"]
        return Case(**record.values, status=Status.RECEIVED, complete_on=received_on, created_by=user)

    def instantiate_child(self, child, record, user):
        values = dict(child.values)
        if not values:  # the applicant is the recipient
            case = record.obj
            values = {"name": case.applicant_name, "id_number": case.applicant_id_number,
                      "phone": case.applicant_phone}
        elif "name" not in values:
            raise ValidationError({"name": _("此项为必填项。")})
        if values.get("id_number"):
            number = ResidentID(values["id_number"])
            values["is_female"], values["birth_date"] = number.is_female, number.birth_date
        return Recipient(**values)

    def prepare(self, records, user):
        """The decision clock and the numbers of all applications at once, as `case_receive` sets them:
        one working-day calendar for the whole span, one numbering per district and year."""
        cases = [record.obj for record in records]
        rule = ClockRule.objects.get(code=ClockRule.Code.DECISION)
        if rule.day_kind == DayKind.WORKING:
            dates = [case.complete_on for case in cases]
            calendar = WorkingCalendar(min(dates) - timedelta(days=1), max(dates) + timedelta(days=2 * rule.days + 30))
            for case in cases:
                case.decision_due_on = calendar.add_working_days(case.complete_on, rule.days)
        else:
            for case in cases:
                case.decision_due_on = case.complete_on + timedelta(days=rule.days)
        districts = {area.pk: area.district for area in {case.area for case in cases}}  # a query per street
        batches = defaultdict(list)
        for case in cases:  # numbered in the order of the file
            batches[districts[case.area_id], case.received_on.year].append(case)
        for (district, year), batch in batches.items():
            for case, number in zip(batch, case_numbers_next(district=district, year=year, count=len(batch))):
                case.number = number

    def save(self, validation, user, progress=None):
        """Applications, recipients, the timeline step of each and the decision to-dos, in one transaction."""
        with transaction.atomic():
            created = super().save(validation, user, progress)
            CaseStep.objects.bulk_create([
                CaseStep(case=record.obj, action=_("收到申请"), status=Status.RECEIVED,
                         on=record.obj.received_on, by=user, note=_("批量导入"))
                for record in validation.records
            ])
            imported = Case.objects.filter(pk__in=[record.obj.pk for record in validation.records])
            reminders_refresh(records=imported)  # their to-dos only, never the city's
        return created

"""Imports of legal aid: consultations, and applications with their recipients (bureau.imports).

An imported row is written as the page writes it: a case is received by `legalaid.lifecycle.receive`, the
step `case_receive` also takes (a notice accepted that day with its assignment clock, an application awaiting
its decision), numbered by `case_numbers_next`, and its to-dos opened by `reminders_refresh` for the imported
cases only; a consultation is checked as `consultation_record` checks it (a street in the user's jurisdiction,
a date not after today, the model's validation)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import bulk
from bureau.identifiers import ResidentID
from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    ImportResource,
    IntegerColumn,
    MultipleChoiceColumn,
    PhoneColumn,
    ResidentIDColumn,
    TextColumn,
    register,
)
from bureau.reminders import reminders_refresh
from lawyers.models import Specialty
from legalaid.apps import FUNCTION

from . import lifecycle
from .models import (
    Case,
    Category,
    Consultation,
    ExemptionGround,
    FinancialStatus,
    MatterKind,
    Recipient,
    RecipientGroup,
    Source,
)
from .services import case_numbers_next, consultation_check


@register
class ConsultationResource(ImportResource):
    model = Consultation
    name = "legalaid.consultation"
    label = gettext_lazy("法律咨询")
    function = FUNCTION
    columns = [
        DateColumn("日期", "on", required=True),
        AreaColumn(required=True),
        ChoiceColumn("渠道", "channel", Consultation.Channel, help=gettext_lazy("不填为“窗口”。")),
        ChoiceColumn("咨询事项", "topic", Specialty, required=True),
        IntegerColumn("人次", "person_times", help=gettext_lazy("1至500，不填为1。")),
        TextColumn("咨询人", "name"),
        PhoneColumn("联系电话", "phone"),
        TextColumn("摘要", "note"),
        TextColumn("解答内容", "answer", required=True),
    ]

    def instantiate(self, record, user):
        consultation = self.instances(Consultation)({**record.values, "recorded_by": user})
        consultation_check(consultation)
        return consultation


@register
class CaseResource(ImportResource):
    """Applications, one row per recipient: rows with the same 申请序号 are one application."""

    model = Case
    name = "legalaid.case"
    label = gettext_lazy("法律援助申请")
    function = FUNCTION
    group_by = "申请序号"
    group_help = gettext_lazy("本文件内区分申请的序号，如 1、2、3。一个申请有几名受援人就填几行，序号相同。")
    instructions = gettext_lazy(
        "每行一名受援人。同一申请的各行填写相同的“申请序号”，申请的各列（收到日期至通知机关）只需在第一行填写，"
        "后续行可留空，若填写须与第一行一致。受援人就是申请人本人时，受援人各列可留空。"
        "导入的申请与在页面登记的相同：申请为“待审查”状态，审查决定期限自收到日期起计算；通知辩护、通知代理案件"
        "于收到当日受理，指派期限自收到日期起计算。系统生成编号。"
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
        TextColumn("住址", "applicant_address"),
        TextColumn("户籍所在地", "applicant_hukou"),
        ChoiceColumn("免予核查情形", "exemption_ground", ExemptionGround),
        ChoiceColumn("经济困难状况", "financial_status", FinancialStatus,
                     help=gettext_lazy("未填免予核查情形的申请必填。")),
        DecimalColumn("家庭月人均收入（元）", "monthly_income_per_person"),
        TextColumn("经济状况说明", "financial_note"),
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
        return self.instances(Case)({**record.values, "created_by": user})

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
        return self.instances(Recipient)(values)

    def prepare(self, records, user):
        """Receive all cases at once, as `case_receive` receives one (legalaid.lifecycle.receive): one
        working-day calendar for the whole span, one numbering per district and year, no query per row."""
        cases = [record.obj for record in records]
        dates = [case.received_on for case in cases]
        clocks = lifecycle.Clocks(min(dates), max(dates))
        for record in records:
            record.step = lifecycle.receive(record.obj, clocks, by=user, note=str(lifecycle.IMPORT_NOTE))
        districts = {area.pk: area.district for area in {case.area for case in cases}}  # a query per street
        batches = defaultdict(list)
        for case in cases:  # numbered in the order of the file
            batches[districts[case.area_id], case.received_on.year].append(case)
        for (district, year), batch in batches.items():
            for case, number in zip(batch, case_numbers_next(district=district, year=year, count=len(batch))):
                case.number = number

    def save(self, validation, user, progress=None):
        """Cases, recipients, the receipt step of each and their own to-dos, in one transaction."""
        with transaction.atomic():
            created = super().save(validation, user, progress)
            steps = [record.step for record in validation.records]
            for step in steps:
                step.case_id = step.case.pk  # the case got its key from bulk.insert after the step was made
            bulk.insert(steps)
            # Their to-dos only, never the city's; the cases are new, so none is there to cancel (fresh).
            imported = bulk.among(Case, [record.obj for record in validation.records])
            reminders_refresh(records=imported, fresh=True)
        return created

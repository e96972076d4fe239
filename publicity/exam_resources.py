"""The import of the law exam's results from the exam platform's Excel (imported by publicity/resources.py).

One row per participant: 姓名, 身份证号 and/or 工号, 单位, 成绩, 考试时间. The exam of a row is the one of the
unit's district in the year of its 考试时间 (`exam_services.exam_for`); the row is then checked by
`exam_services.participant_check`, as a result entered by hand: the unit on the exam's list, the day within the
exam and not after today, an identifier. A person appears once per exam (no repeat in the file, none already
imported, one query per identifier column). A file with one refused row writes nothing; a valid one is written
by COPY and refreshes the low-participation to-dos of its exams' units only.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.imports import (
    DateColumn,
    DecimalColumn,
    ForeignKeyColumn,
    ImportResource,
    ResidentIDColumn,
    RowError,
    TextColumn,
    register,
)
from bureau.models import Role
from bureau.reminders import reminders_refresh
from normative_docs.models import Unit

from . import exam_services
from .apps import FUNCTION
from .models import Exam, ExamUnit, Participant

TENTH = 10  # scores are kept to one decimal


class UnitColumn(ForeignKeyColumn):
    """A unit by its name, among the active units the importer may see."""

    def __init__(self):
        super().__init__("单位", "unit", Unit, lookups=("name",), what=gettext_lazy("单位"), required=True,
                         help=gettext_lazy("单位全称，须已列入本区当年学法考试的参考单位名单。"))

    def queryset(self, user):
        return Unit.objects.visible_to(user).active().select_related("area")


@register
class ParticipantResource(ImportResource):
    model = Participant
    name = "publicity.participant"
    label = gettext_lazy("学法考试成绩")
    function = FUNCTION
    roles = frozenset({Role.SECTION})  # the district's section keeps the exam; a street office has none to import
    instructions = gettext_lazy(
        "每行一名参考人员，即考试平台导出的成绩表。身份证号和工号至少填写一项；单位须已列入本区当年学法考试的参考单位"
        "名单；考试时间须在该考试的考试期间内。同一人在同一次考试中只能导入一次。合格、优秀按考试设置的分数线计算。")
    columns = [
        TextColumn("姓名", "name", required=True),
        ResidentIDColumn("身份证号", "id_number"),
        TextColumn("工号", "staff_number"),
        UnitColumn(),
        DecimalColumn("成绩", "score", required=True, help=gettext_lazy("0至100分，最多一位小数。")),
        DateColumn("考试时间", "taken_on", required=True),
    ]

    def build(self, records, user, errors):
        """Find each row's exam (one query for the exams, one for their unit lists, one per identifier column for
        those already imported), then check and build the rows."""
        days = [r.values["taken_on"] for r in records if not r.bad and "taken_on" in r.values]
        exams = list(Exam.objects.visible_to(user).filter(year__in={day.year for day in days}))
        listed = {}
        for exam_id, unit_id in ExamUnit.objects.filter(exam__in=exams).values_list("exam", "unit"):
            listed.setdefault(exam_id, set()).add(unit_id)
        self.listed = listed
        for record in records:
            if record.bad:
                continue
            unit, day = record.values["unit"], record.values["taken_on"]
            exam = exam_services.exam_for(unit.area_id, day, exams)
            if exam is None:
                errors.append(RowError(record.row, "考试时间", _("%(area)s尚未登记%(year)s年度的学法考试。") % {
                    "area": unit.area.name, "year": day.year}))
                record.bad = True
                continue
            record.values["exam"] = exam
        self._check_repeats(records, errors)
        return super().build(records, user, errors)

    def _check_repeats(self, records, errors):
        for field, header in (("staff_number", "工号"), ("id_number", "身份证号")):
            first_row = {}
            for record in records:
                value = record.values.get(field)
                if record.bad or not value:
                    continue
                key = (record.values["exam"].pk, str(value))
                if key in first_row:
                    errors.append(RowError(record.row, header, _("与第%(row)d行重复。") % {"row": first_row[key].row}))
                    record.bad = True
                else:
                    first_row[key] = record
            if not first_row:
                continue
            exams = {exam for exam, _value in first_row}
            values = list({value for _exam, value in first_row})
            taken = Participant.objects.filter(exam__in=exams, **{f"{field}__in": values}).values_list("exam", field)
            for exam, value in taken:
                record = first_row.get((exam, str(value)))
                if record is not None:
                    errors.append(RowError(record.row, header, _("“%(value)s”已导入本次考试的成绩。") % {
                        "value": getattr(value, "masked", value)}))
                    record.bad = True

    def clean_record(self, record, user):
        score = record.values["score"]
        if score * TENTH != int(score * TENTH):
            raise ValidationError({"score": _("成绩最多保留一位小数。")})

    def instantiate(self, record, user):
        participant = self.instances(Participant)(record.values)
        exam = record.values["exam"]
        exam_services.participant_check(participant, exam, self.listed.get(exam.pk, set()))
        return participant

    def save(self, validation, user, progress=None):
        with transaction.atomic():
            created = super().save(validation, user, progress)
            exams = {obj.exam_id for obj in validation.objects}
            reminders_refresh(records=ExamUnit.objects.filter(exam__in=exams))
        return created

"""Writes of the law exam and 谁执法谁普法 evaluation: every page, the API, the import and the demo call these.

The exam and the evaluation are the district section's records (普法与依法治理科): each service checks that the
district is in the writer's jurisdiction and every unit named belongs to it (`bureau.guards`), that dates are not
after today where they record something done, and refuses with a message in Chinese before writing anything.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.services import reminders_close_for

from .exam_reminders import PARTICIPATION_LOW
from .models import (
    DutyAttachment,
    DutyReport,
    Evaluation,
    EvaluationIndex,
    EvaluationScore,
    Exam,
    ExamUnit,
    Participant,
    Responsibility,
)

EXAM = gettext_lazy("学法考试")
UNIT = gettext_lazy("单位")
RESPONSIBILITY = gettext_lazy("责任清单事项")


def _district(by, area, field="area"):
    guards.in_jurisdiction(by, area, _("所属区"), field=field)
    if area.level != Area.Level.DISTRICT:
        raise ValidationError({field: _("请选择区。")})


def _unit(by, unit, area, field="unit"):
    """A unit of the district `area`, that `by` may see."""
    guards.visible(by, unit, UNIT, field=field)
    if unit.area_id != area.pk:
        raise ValidationError({field: _("单位“%(unit)s”不属于%(area)s。") % {"unit": unit, "area": area.name}})
    if not unit.is_active:
        raise ValidationError({field: _("单位“%(unit)s”已撤销。") % {"unit": unit}})


def _exam(by, exam):
    return guards.visible(by, exam, EXAM, field="exam")


def _refresh_exam_todos(exam):
    """Open or cancel the low-participation to-dos of this exam's units only."""
    reminders_refresh(records=ExamUnit.objects.filter(exam=exam))


# --- The exam ---------------------------------------------------------------------------------------------


@transaction.atomic
def exam_create(*, exam: Exam, by) -> Exam:
    """A district's exam of a year; its thresholds default to 60 (合格) and 90 (优秀)."""
    _district(by, exam.area)
    if exam.year and Exam.objects.filter(area=exam.area, year=exam.year).exists():
        raise ValidationError({"year": _("%(area)s%(year)s年度的学法考试已登记。") % {
            "area": exam.area.name, "year": exam.year}})
    exam.created_by = by
    exam.full_clean()
    exam.save()
    return exam


@transaction.atomic
def exam_update(*, exam: Exam, by) -> Exam:
    """Dates, name and thresholds; a changed threshold counts the participants again at once (nothing stored)."""
    stored = _exam(by, Exam.objects.get(pk=exam.pk))
    if exam.area_id != stored.area_id or exam.year != stored.year:
        raise ValidationError(_("考试的所属区和年度不能修改。"))
    if exam.participants.filter(taken_on__lt=exam.held_from).exists() or \
            exam.participants.filter(taken_on__gt=exam.held_to).exists():
        raise ValidationError({"held_from": _("已导入的考试时间不在修改后的考试期间内。")})
    exam.full_clean()
    exam.save()
    _refresh_exam_todos(exam)
    return exam


@transaction.atomic
def exam_unit_set(*, exam: Exam, unit, eligible: int, by) -> ExamUnit:
    """Put a unit on the exam's list with its eligible count, or change the count."""
    _exam(by, exam)
    _unit(by, unit, exam.area)
    if eligible is None or eligible < 1:
        raise ValidationError({"eligible": _("应参考人数应为正整数。")})
    row, _created = ExamUnit.objects.update_or_create(exam=exam, unit=unit, defaults={"eligible": eligible})
    reminders_refresh(records=row)
    return row


@transaction.atomic
def exam_unit_remove(*, exam_unit: ExamUnit, by) -> None:
    """Take a unit off the list; refused once results of the unit were imported."""
    guards.visible(by, exam_unit, UNIT)
    if Participant.objects.filter(exam=exam_unit.exam_id, unit=exam_unit.unit_id).exists():
        raise ValidationError(_("该单位已有参考人员成绩，不能移出名单。"))
    reminders_close_for(obj=exam_unit, kind=PARTICIPATION_LOW, by=by, note=_("单位已移出考试名单"))
    exam_unit.delete()


def participant_check(participant: Participant, exam: Exam, listed_units) -> None:
    """The query-free rules of one participant, for the import (the whole file) and `participant_record`: the
    exam's unit list (`listed_units`: the ids of its units), the day within the exam's period and not after
    today, one of the two identifiers."""
    errors = {}
    if participant.unit_id not in listed_units:
        errors["unit"] = _("单位“%(unit)s”不在“%(exam)s”的参考单位名单中。") % {
            "unit": participant.unit, "exam": exam.name}
    day = participant.taken_on
    if day and not (exam.held_from <= day <= exam.held_to):
        errors["taken_on"] = _("考试时间应在%(start)s至%(end)s之间。") % {"start": exam.held_from, "end": exam.held_to}
    if errors:
        raise ValidationError(errors)
    guards.not_in_future(day, _("考试时间"), field="taken_on")


@transaction.atomic
def participant_record(*, participant: Participant, by) -> Participant:
    """One result entered by hand (a make-up sitting): the same rules as a row of the import."""
    exam = _exam(by, participant.exam)
    participant_check(participant, exam, set(exam.units.values_list("unit", flat=True)))
    participant.full_clean()
    participant.save()
    _refresh_exam_todos(exam)
    return participant


def exam_for(district, day, exams):
    """The exam of `district` for the year of `day` (one a year), among `exams` (already read: no query); whether
    the day is within its period is `participant_check`'s rule."""
    for exam in exams:
        if exam.area_id == district and exam.year == day.year:
            return exam
    return None


# --- 谁执法谁普法 -----------------------------------------------------------------------------------------


@transaction.atomic
def evaluation_index_add(*, index: EvaluationIndex, by) -> EvaluationIndex:
    """An index of the district's evaluation system for a year."""
    _district(by, index.area)
    if Evaluation.objects.filter(area=index.area, year=index.year).exists():
        raise ValidationError(_("%(year)s年度已有评议结果，不能再修改评议指标。") % {"year": index.year})
    if EvaluationIndex.objects.filter(area=index.area, year=index.year, name=index.name).exists():
        raise ValidationError({"name": _("该年度已有名为“%(name)s”的评议指标。") % {"name": index.name}})
    index.full_clean()
    index.save()
    return index


@transaction.atomic
def responsibility_add(*, responsibility: Responsibility, by) -> Responsibility:
    """An item of a department's responsibility list for the year."""
    _district(by, responsibility.area)
    _unit(by, responsibility.unit, responsibility.area)
    responsibility.created_by = by
    responsibility.full_clean()
    responsibility.save()
    return responsibility


@transaction.atomic
def duty_report(*, report: DutyReport, attachments=(), by) -> DutyReport:
    """The work done against one item, with its photos or documents (each checked by its content)."""
    guards.visible(by, report.responsibility, RESPONSIBILITY, field="responsibility")
    guards.not_in_future(report.reported_on, _("报送日期"), field="reported_on")
    if report.reported_on and report.reported_on.year < report.responsibility.year:
        raise ValidationError({"reported_on": _("报送日期不能早于清单年度。")})
    if not (report.text or "").strip():
        raise ValidationError({"text": _("请填写履职情况。")})
    report.created_by = by
    report.full_clean()
    report.save()
    for upload in attachments:
        attachment = DutyAttachment(report=report, file=upload, name=upload.name[:200], size=upload.size)
        attachment.full_clean()
        attachment.save()
    return report


@transaction.atomic
def evaluation_record(*, evaluation: Evaluation, scores: dict, by) -> Evaluation:
    """A department's evaluation for the year: a score for every index of its district's system of that year,
    none above the index's maximum; the total is their sum. A unit is evaluated once a year."""
    _district(by, evaluation.area)
    _unit(by, evaluation.unit, evaluation.area)
    guards.not_in_future(evaluation.evaluated_on, _("评议日期"), field="evaluated_on")
    if Evaluation.objects.filter(unit=evaluation.unit, year=evaluation.year).exclude(pk=evaluation.pk).exists():
        raise ValidationError({"unit": _("%(unit)s%(year)s年度已评议。") % {
            "unit": evaluation.unit, "year": evaluation.year}})
    indexes = list(EvaluationIndex.objects.filter(area=evaluation.area, year=evaluation.year))
    if not indexes:
        raise ValidationError({"year": _("%(year)s年度尚未设置评议指标。") % {"year": evaluation.year}})
    given = {getattr(index, "pk", index): score for index, score in scores.items()}
    unknown = set(given) - {i.pk for i in indexes}
    if unknown:
        raise ValidationError(_("评分中有不属于该年度评议指标体系的指标。"))
    rows = []
    for index in indexes:
        score = given.get(index.pk)
        if score is None or score == "":
            raise ValidationError({f"index_{index.pk}": _("请填写“%(index)s”的得分。") % {"index": index.name}})
        score = Decimal(str(score))
        if score < 0 or score > index.max_score:
            raise ValidationError({f"index_{index.pk}": _("“%(index)s”的得分应在0至%(max)s分之间。") % {
                "index": index.name, "max": index.max_score}})
        rows.append(EvaluationScore(index=index, score=score))
    evaluation.total = sum((r.score for r in rows), Decimal("0"))
    evaluation.created_by = evaluation.created_by or by
    evaluation.full_clean()
    evaluation.save()
    EvaluationScore.objects.filter(evaluation=evaluation).delete()
    for row in rows:
        row.evaluation = evaluation
    EvaluationScore.objects.bulk_create(rows)
    return evaluation


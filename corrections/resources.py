"""Imports of community corrections (bureau.imports): persons under correction and their supervision events.

Both go through `corrections.services` when they are written — a person is registered (and received when a
report-in date is given), an event is recorded and closes the to-dos it answers — so an import leaves the
register, the ledger and the to-dos exactly as the pages would. The to-dos a new person's clocks make due are
opened once for the file's people (`services.todos_refresh`, the same rules over the same records as the page's
write: a few queries, not a few per row), never over the city. The preview checks the same rules first, for the whole
file, so that a file the services would refuse shows every refused row and writes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.identifiers import ResidentID, mask_resident_id, validate_resident_id
from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    ForeignKeyColumn,
    ImportResource,
    PhoneColumn,
    ResidentIDColumn,
    RowError,
    TextColumn,
    gc_paused,
    register,
)
from corrections.apps import FUNCTION

from . import services
from .models import Gender, LedgerEntry, Level, SentenceKind, Supervisee, SupervisionEvent
from .models.register import check_gender


@register
class SuperviseeResource(ImportResource):
    """社区矫正对象: registered as the office registers them; received (接收, or 迁入 from a place of execution
    outside the portal) when the report-in date is given."""

    model = Supervisee
    name = "corrections.supervisee"
    label = gettext_lazy("社区矫正对象")
    function = FUNCTION
    instructions = gettext_lazy(
        "每行一名社区矫正对象。填写报到日期的，导入后即为“在册”并记入矫正台账（接收）；同时填写迁入前执行地的，"
        "记为从外地迁入。未填写报到日期的为“待报到”，应在判决（决定）生效之日起10日内报到。"
        "同一身份证号码已在册或待报到的，不能重复导入。"
    )
    columns = [
        TextColumn("姓名", "name", required=True),
        ChoiceColumn("性别", "gender", Gender, help=gettext_lazy("不填时按身份证号码确定。")),
        ResidentIDColumn("身份证号码", "id_number", required=True),
        PhoneColumn("联系电话", "phone"),
        TextColumn("居住地", "address"),
        ChoiceColumn("矫正类别", "sentence_kind", SentenceKind, required=True),
        TextColumn("罪名", "crime", required=True),
        TextColumn("决定机关", "court", required=True),
        DateColumn("判决（决定）生效日期", "judgment_on", required=True),
        DateColumn("矫正起始日期", "term_start", required=True, not_after_today=False),
        DateColumn("矫正期满日期", "term_end", required=True, not_after_today=False),
        AreaColumn("执行地街道", help=gettext_lazy("执行地司法所所在街道的代码或名称，须在您的管辖范围内。"),
                   required=True),
        ChoiceColumn("管理等级", "level", Level, help=gettext_lazy("不填为“普管”。")),
        TextColumn("矫正小组", "team", help=gettext_lazy("矫正小组成员，用顿号分隔。")),
        TextColumn("禁止令", "prohibitions"),
        DateColumn("报到日期", "reported_on", help=gettext_lazy("已报到的填写；不填为待报到。")),
        TextColumn("迁入前执行地", "transferred_from", help=gettext_lazy(
            "从外地执行地迁入的，填写原执行地（如 广东省东莞市东城街道司法所），并填写报到日期。")),
    ]

    def clean_record(self, record, user):
        values = record.values
        number = ResidentID(values["id_number"])
        check_gender(values.setdefault("gender", Gender.FEMALE if number.is_female else Gender.MALE), number)
        reported_on = values.get("reported_on")
        counterpart_name = LedgerEntry._meta.get_field("counterpart_name")
        if len(values.get("transferred_from", "")) > counterpart_name.max_length:
            raise ValidationError({"transferred_from": _("不能超过%(n)d个字。") % {"n": counterpart_name.max_length}})
        if values.get("transferred_from") and not reported_on:
            raise ValidationError({"reported_on": _("从外地迁入的须填写报到日期。")})
        if reported_on and reported_on < values["judgment_on"]:
            raise ValidationError({"reported_on": _("报到日期不能早于判决（决定）生效日期。")})

    def instantiate(self, record, user):
        fields = {k: v for k, v in record.values.items() if k not in ("reported_on", "transferred_from")}
        return self.instances(Supervisee)(fields)

    def build(self, records, user, errors):
        """The services' rule across the file: one open registration (在册 or 待报到) per ID number."""
        objects = super().build(records, user, errors)
        first_row = {}
        for record in records:
            if record.bad:
                continue
            number = record.values["id_number"]
            if number in first_row:
                errors.append(RowError(record.row, "身份证号码", _("与第%(row)d行重复。") % {"row": first_row[number]}))
                record.bad = True
            else:
                first_row[number] = record.row
        open_numbers = set(Supervisee.objects.open_with_numbers(first_row).values_list("id_number", flat=True))
        for record in records:
            if not record.bad and record.values["id_number"] in open_numbers:
                errors.append(RowError(record.row, "身份证号码",
                                       _("该身份证号码的社区矫正对象已在册或待报到，不能重复登记。")))
                record.bad = True
        return objects

    def save(self, validation, user, progress=None):
        """The whole file through services.supervisees_enter (register, and receive those with a report-in date),
        in one transaction: the services' rules for the whole file at once, the rows by COPY; then the new people's
        clocks (report-in, talks, checks) on the offices' work lists."""
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        # The intakes too are made with the collector paused: with the file's records alive, the collections their
        # tens of thousands of objects set off each went over all of them, a tenth of the import.
        with gc_paused():
            intakes = []
            for record in validation.records:
                fields = dict(record.values)
                reported_on, transferred_from = fields.pop("reported_on", None), fields.pop("transferred_from", "")
                # The importer confirmed the preview's warnings (import_job_confirm); the service records them.
                intakes.append(services.Intake(fields, reported_on, transferred_from, bool(record.warnings)))
            with transaction.atomic():
                services.supervisees_enter(intakes=intakes, by=user)
        if progress:
            progress(len(intakes))
        return len(intakes)


class SuperviseeColumn(ForeignKeyColumn, ResidentIDColumn):
    """A person under correction by ID number, among those the importer may see (their jurisdiction).

    A ResidentIDColumn too, so the preview masks it. When the number has several registrations (a person
    back under correction), the open one is meant.
    """

    kind = gettext_lazy("18位居民身份证号码（单元格设为文本）")

    def __init__(self, header, field, **kwargs):
        super().__init__(header, field, Supervisee, lookups=("id_number",), what=gettext_lazy("社区矫正对象"),
                         **kwargs)

    def parse(self, value):
        return validate_resident_id(str(value))

    def queryset(self, user):
        return Supervisee.objects.visible_to(user)

    def pick(self, text, candidates):
        if not candidates:
            return ValidationError(_("未找到身份证号码为%(number)s的社区矫正对象，或其不在您的管辖范围内。") % {
                "number": mask_resident_id(text)})
        open_ones = [p for p in candidates if not p.is_closed]
        return (open_ones or sorted(candidates, key=lambda p: (p.reported_on or p.judgment_on, p.pk)))[-1]


@register
class SupervisionEventResource(ImportResource):
    """Talks, information checks, field visits, reports and file spot checks, each about one person."""

    model = SupervisionEvent
    name = "corrections.supervisionevent"
    label = gettext_lazy("监督管理记录")
    function = FUNCTION
    instructions = gettext_lazy(
        "每行一条谈话教育、信息化核查、实地走访、报告或档案抽查记录。社区矫正对象按身份证号码查找，须在您的管辖"
        "范围内且目前在册，日期不能早于其报到日期。导入的记录同登记一样办结相应的待办事项。"
    )
    columns = [
        SuperviseeColumn("身份证号码", "supervisee", required=True),
        TextColumn("姓名", "name", help=gettext_lazy("填写时须与身份证号码对应的社区矫正对象一致，用于核对。")),
        ChoiceColumn("类别", "kind", SupervisionEvent.Kind, required=True),
        DateColumn("日期", "on", required=True),
        ChoiceColumn("方式", "method", SupervisionEvent.Method),
        BooleanColumn("随机抽查", "is_random", help=gettext_lazy("信息化核查是否为随机抽查，不填为“否”。")),
        TextColumn("情况摘要", "summary"),
    ]

    def clean_record(self, record, user):
        values = record.values
        person = values["supervisee"]
        name = values.pop("name", "")
        if name and name != person.name:
            raise ValidationError({"name": _("姓名与身份证号码对应的社区矫正对象（%(name)s）不一致。") % {
                "name": person.name}})
        try:  # the rule event_record applies, with its message
            services.check_on_register(person, values["on"])
        except ValidationError as error:
            raise ValidationError({"on" if person.is_on_register else "supervisee": error.messages})

    def instantiate(self, record, user):
        person = record.values["supervisee"]
        return self.instances(SupervisionEvent)({**record.values, "area_id": person.area_id, "recorded_by": user})

    def save(self, validation, user, progress=None):
        """The whole file through services.events_record, which also closes the to-dos the events answer; one
        transaction."""
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        with gc_paused(), transaction.atomic():
            services.events_record(events=[record.values for record in validation.records], by=user)
        if progress:
            progress(len(validation.records))
        return len(validation.records)

"""Imports of 法治政府 (bureau.imports): the reconsideration ledger and the litigation ledger, historic cases
included; the ledger of normative documents already issued (已发布规范性文件台账), the roster of enforcement
officers (执法人员) and the year's catalogue of major decisions (重大行政决策目录).

A row is a whole case as it went: received, then accepted or refused, extended, decided (a lawsuit: registered,
heard once or twice, concluded). The rows go through normative_docs.ledgers, which applies the rules of the
pages' services (`reconsideration_receive`, `_accept`/`_refuse`, `_extend`, `_decide`; `litigation_register`,
`hearing_record`, `litigation_conclude`; `document_register_issued`, `officer_register`,
`major_decision_catalogue`) to the whole file at once, so the dates, clocks, numbers and refusals are the
services'. Every refusal is named to its row and column before anything is written; only a file without a
single problem is then written, in one transaction, in the order the cases were received (their numbers,
罗复〔2025〕0001号 …, follow it). These are the 法制科's ledgers: a unit user (起草承办单位) does not import them.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.audit import audit_bulk_writes
from bureau.imports import (
    AreaColumn,
    BooleanColumn,
    ChoiceColumn,
    DateColumn,
    ForeignKeyColumn,
    ImportResource,
    IntegerColumn,
    RowError,
    TextColumn,
    gc_paused,
    register,
)
from bureau.models import Area

from . import ledgers
from .apps import FUNCTION
from .models import (
    Channel,
    Decision,
    Document,
    EnforcementOfficer,
    Hearing,
    Instance,
    Judgment,
    Litigation,
    MajorDecision,
    Matter,
    Reconsideration,
    Status,
    Unit,
)
from .permissions import is_unit_user


class DistrictColumn(AreaColumn):
    """The district (区) by its 6-digit code or its name, within the user's jurisdiction; the importer's own
    district when the cell is left empty."""

    kind = gettext_lazy("区")

    def __init__(self):
        super().__init__("所属区", "area", help=gettext_lazy("不填为您所在的区；填写行政区划代码或名称。"))
        self.level = Area.Level.DISTRICT

    def resolve(self, texts, user):
        areas = list(Area.objects.filter(level=self.level).filter(Q(code__in=texts) | Q(name__in=texts)))
        resolved = {}
        for text in texts:
            found = [a for a in areas if text in (a.code, a.name)]
            resolved[text] = (self.in_jurisdiction(found[0], user) if found else
                              ValidationError(_("未找到区“%(value)s”。") % {"value": text}))
        return resolved

    def describe(self):
        return _("区的行政区划代码或名称")


class UnitColumn(ForeignKeyColumn):
    """A unit of the district by its name, among those the importer sees."""

    def __init__(self, header, field, required=False):
        help = (gettext_lazy("本区已登记的单位名称。") if required else
                gettext_lazy("本区已登记的起草承办单位名称；不是本区单位的不填。"))
        super().__init__(header, field, Unit, lookups=("name",), what=gettext_lazy("单位"), required=required,
                         help=help)

    def queryset(self, user):
        return Unit.objects.visible_to(user).select_related("area")


class LedgerResource(ImportResource):
    """A ledger written through the bulk functions of normative_docs.ledgers, which apply the one-record services'
    rules to the whole file: validating asks why each row may not be written (`refusals`, a few queries for the
    file), saving writes every row in one transaction, in the order the cases were received (their numbers follow
    it). `entry` turns a row's values into what the bulk function takes."""

    function = FUNCTION
    # The services' field names of a refusal → the column that holds the value.
    service_fields: dict = {}

    def allowed(self, user):
        return super().allowed(user) and not is_unit_user(user)

    def entry(self, values, user):
        raise NotImplementedError

    def refusals(self, entries, user):
        raise NotImplementedError

    def write(self, entries, user):
        raise NotImplementedError

    def _headers(self, refusal=None):
        headers = {c.field: c.header for c in self.columns if c.field}
        return {**headers, **{k: headers.get(v, "") for k, v in self.service_fields.items()}}

    @staticmethod
    def _order(records):
        return sorted(records, key=lambda record: (record.values.get("received_on"), record.row))

    def _named(self, row, error):
        headers = self._headers(error)  # the step that refused may have named its own columns
        if hasattr(error, "error_dict"):
            return [RowError(row, headers.get(name, ""), message)
                    for name, messages in error.message_dict.items() for message in messages]
        return [RowError(row, "", message) for message in error.messages]

    def build(self, records, user, errors):
        """The model's checks (ImportResource.build), then the services' rules for every good row at once."""
        objects = super().build(records, user, errors)
        good, entries = [], []
        for record in self._order([r for r in records if not r.bad]):
            try:
                entries.append(self.entry(record.values, user))
            except ValidationError as error:
                errors.extend(self._named(record.row, error))
                record.bad = True
            else:
                good.append(record)
        if entries:
            for record, refusal in zip(good, self.refusals(entries, user)):
                if refusal is not None:
                    errors.extend(self._named(record.row, refusal))
                    record.bad = True
        return objects

    def save(self, validation, user, progress=None):
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        # The entries too are made with the collector paused: with the file's records alive, the collections their
        # tens of thousands of objects set off each went over all of them, a tenth of the import.
        with gc_paused():
            entries = [self.entry(record.values, user) for record in self._order(validation.records)]
            with transaction.atomic():
                audit_bulk_writes()
                self.write(entries, user)
        if progress:
            progress(len(entries))
        return len(entries)


def _district(values, user, unit_field):
    area = values.get("area")
    if area is None and values.get(unit_field) is not None:
        area = values[unit_field].area
    if area is None and user.area is not None:
        area = user.area if user.area.level == Area.Level.DISTRICT else user.area.district
    if area is None:
        raise ValidationError({"area": _("请填写所属区。")})
    return area


# Labels of a row's own check, translated only when it refuses the row.
STEPS_AFTER_ACCEPTANCE = (("extended_on", gettext_lazy("延期批准日期")), ("decided_on", gettext_lazy("审结日期")))


@register
class ReconsiderationResource(LedgerResource):
    model = Reconsideration
    name = "normative_docs.reconsideration"
    label = gettext_lazy("行政复议案件")
    instructions = gettext_lazy(
        "每行一件行政复议申请，可为往年已审结的案件：填写收到申请日期；已受理的填写受理日期，不予受理的填写不予受理日期"
        "和理由；经批准延期的填写延期批准日期和理由；已审结的填写审结日期和审结方式。各日期须符合法定顺序，案号按收到"
        "申请的年份自动编号。")
    service_fields = {"case": "applicant"}
    columns = [
        DistrictColumn(),
        TextColumn("申请人", "applicant", required=True),
        TextColumn("被申请人", "respondent", required=True),
        UnitColumn("被申请人单位", "respondent_unit"),
        ChoiceColumn("行政行为类别", "matter", Matter, required=True),
        ChoiceColumn("申请方式", "channel", Channel, help=gettext_lazy("不填为“公共法律服务中心复议窗口”。")),
        TextColumn("复议请求", "summary"),
        DateColumn("收到申请日期", "received_on", required=True),
        DateColumn("受理日期", "accepted_on"),
        BooleanColumn("适用简易程序", "simple_procedure"),
        DateColumn("不予受理日期", "refused_on"),
        TextColumn("不予受理理由", "refusal_reason"),
        DateColumn("延期批准日期", "extended_on"),
        TextColumn("延期理由", "extension_reason"),
        DateColumn("审结日期", "decided_on"),
        ChoiceColumn("审结方式", "decision", Decision),
    ]

    def clean_record(self, record, user):
        v = record.values
        if v.get("accepted_on") and v.get("refused_on"):
            raise ValidationError({"refused_on": _("已受理的案件不能同时填写不予受理日期。")})
        if v.get("refusal_reason") and not v.get("refused_on"):
            raise ValidationError({"refused_on": _("填写了不予受理理由的，请填写不予受理日期。")})
        for field, label in STEPS_AFTER_ACCEPTANCE:
            if v.get(field) and not v.get("accepted_on"):
                raise ValidationError({"accepted_on": _("填写了%(what)s的，请填写受理日期。") % {"what": label}})
        if v.get("extension_reason") and not v.get("extended_on"):
            raise ValidationError({"extended_on": _("填写了延期理由的，请填写延期批准日期。")})
        if bool(v.get("decided_on")) != bool(v.get("decision")):
            field = "decision" if v.get("decided_on") else "decided_on"
            raise ValidationError({field: _("审结日期和审结方式须同时填写。")})

    def instantiate(self, record, user):
        v = record.values
        fields = ("applicant", "respondent", "matter", "received_on")
        return self.instances(Reconsideration)({k: v[k] for k in fields if k in v})

    def entry(self, values, user):
        v = values
        case = self.instances(Reconsideration)({
            "area": _district(v, user, "respondent_unit"), "applicant": v["applicant"], "respondent": v["respondent"],
            "respondent_unit": v.get("respondent_unit"), "matter": v["matter"],
            "channel": v.get("channel", Channel.WINDOW), "summary": v.get("summary", ""),
            "received_on": v["received_on"]})
        return ledgers.ReconsiderationHistory(
            case, accepted_on=v.get("accepted_on"), simple_procedure=v.get("simple_procedure", False),
            refused_on=None if v.get("accepted_on") else v.get("refused_on"),
            refusal_reason=v.get("refusal_reason", ""), extended_on=v.get("extended_on"),
            extension_reason=v.get("extension_reason", ""), decided_on=v.get("decided_on"),
            decision=v.get("decision", ""))

    def refusals(self, entries, user):
        return ledgers.reconsiderations_refusals(entries, user)

    def write(self, entries, user):
        return ledgers.reconsiderations_enter(histories=entries, by=user)


HEARING_FIELDS = {
    1: ("hearing1_on", "hearing1_head", "hearing1_name", "hearing1_title"),
    2: ("hearing2_on", "hearing2_head", "hearing2_name", "hearing2_title"),
}
ORDINAL = {1: "第一次", 2: "第二次"}


def _hearing_columns(n):
    on, head, name, title = HEARING_FIELDS[n]
    return [DateColumn(f"{ORDINAL[n]}开庭日期", on),
            BooleanColumn(f"{ORDINAL[n]}负责人出庭应诉", head),
            TextColumn(f"{ORDINAL[n]}出庭负责人", name),
            TextColumn(f"{ORDINAL[n]}出庭负责人职务", title)]


@register
class LitigationResource(LedgerResource):
    model = Litigation
    name = "normative_docs.litigation"
    label = gettext_lazy("行政应诉案件")
    instructions = gettext_lazy(
        "每行一件行政诉讼案件（一审、二审、再审各为一行），可为往年已结案的案件。最多填写两次开庭；负责人出庭应诉的须"
        "填写出庭负责人。已结案的填写判决或裁定日期和裁判结果，是否败诉按裁判结果自动判断。同一法院的案号不能重复。")
    columns = [
        DistrictColumn(),
        TextColumn("审理法院", "court", required=True),
        TextColumn("法院案号", "case_number", required=True),
        ChoiceColumn("审级", "instance", Instance, help=gettext_lazy("不填为“一审”。")),
        TextColumn("原告（上诉人）", "plaintiff", required=True),
        TextColumn("被告", "defendant", required=True),
        UnitColumn("被告单位", "defendant_unit"),
        ChoiceColumn("行政行为类别", "matter", Matter, required=True),
        DateColumn("收到应诉通知日期", "received_on", required=True),
        *_hearing_columns(1),
        *_hearing_columns(2),
        DateColumn("判决或裁定日期", "concluded_on"),
        ChoiceColumn("裁判结果", "judgment", Judgment),
    ]

    def _headers(self, refusal=None):
        headers = super()._headers()
        n = getattr(refusal, "hearing", None)
        if n:  # a refusal about a hearing names the columns of that hearing
            on, _head, name, _title = HEARING_FIELDS[n]
            return {**headers, "held_on": headers[on], "head_name": headers[name]}
        return headers

    def build(self, records, user, errors):
        """Court and case number: none repeated in the file (the services refuse one already registered)."""
        first = {}
        for record in records:
            key = (record.values.get("court"), record.values.get("case_number"))
            if record.bad or None in key:
                continue
            if key in first:
                errors.append(RowError(record.row, "法院案号", _("与第%(row)d行重复。") % {"row": first[key]}))
                record.bad = True
            else:
                first[key] = record.row
        return super().build(records, user, errors)

    def clean_record(self, record, user):
        v = record.values
        for n, (on, head, name, _title) in HEARING_FIELDS.items():
            if (v.get(head) or v.get(name)) and not v.get(on):
                raise ValidationError({on: _("请填写开庭日期。")})
        if v.get("hearing2_on") and not v.get("hearing1_on"):
            raise ValidationError({"hearing1_on": _("请先填写第一次开庭。")})
        if bool(v.get("concluded_on")) != bool(v.get("judgment")):
            field = "judgment" if v.get("concluded_on") else "concluded_on"
            raise ValidationError({field: _("判决或裁定日期和裁判结果须同时填写。")})

    def instantiate(self, record, user):
        fields = {"court", "case_number", "plaintiff", "defendant", "matter", "received_on"}
        return self.instances(Litigation)({k: v for k, v in record.values.items() if k in fields})

    def entry(self, values, user):
        v = values
        case = Litigation(
            area=_district(v, user, "defendant_unit"), court=v["court"], case_number=v["case_number"],
            instance=v.get("instance", Instance.FIRST), plaintiff=v["plaintiff"], defendant=v["defendant"],
            defendant_unit=v.get("defendant_unit"), matter=v["matter"], received_on=v["received_on"])
        hearings = [Hearing(held_on=v[on], head_appeared=v.get(head, False), head_name=v.get(name, ""),
                            head_title=v.get(title, ""))
                    for on, head, name, title in HEARING_FIELDS.values() if v.get(on)]
        return ledgers.LitigationHistory(case, hearings, v.get("concluded_on"), v.get("judgment", ""))

    def refusals(self, entries, user):
        return ledgers.litigations_refusals(entries, user)

    def write(self, entries, user):
        return ledgers.litigations_enter(histories=entries, by=user)


# --- Registers the section keeps: documents already issued, officers, the decisions catalogue ---------------


class RegisterResource(LedgerResource):
    """A register written row by row through one service (`write`), in the file's order (or `order_key`'s)."""

    order_key = None

    def _order(self, records):
        if self.order_key is None:
            return sorted(records, key=lambda record: record.row)
        return sorted(records, key=lambda record: (record.values.get(self.order_key) or date.min, record.row))


class IssuedStatus(models.TextChoices):
    """The states an issued document can be in (normative_docs.Status, the same codes)."""

    ISSUED = Status.ISSUED.value, Status.ISSUED.label
    AMENDED = Status.AMENDED.value, Status.AMENDED.label
    REPEALED = Status.REPEALED.value, Status.REPEALED.label
    EXPIRED = Status.EXPIRED.value, Status.EXPIRED.label


@register
class IssuedDocumentResource(RegisterResource):
    model = Document
    name = "normative_docs.issued_document"
    label = gettext_lazy("已发布规范性文件台账")
    instructions = gettext_lazy(
        "每行一件已印发的行政规范性文件（平台启用前的存量文件）。文号形如“深罗规〔2026〕1号”，年份须与印发日期的年份"
        "一致，同一发文机关同一年度的文号不能重复（与系统中已有的文件也不能重复）；有效期不填为5年，且不得超过5年。"
        "已报送备案的填写报送备案日期；已修改、废止或失效的填写状态和日期。")
    order_key = "issued_on"
    columns = [
        UnitColumn("制定机关（起草单位）", "unit", required=True),
        TextColumn("文件名称", "title", required=True),
        TextColumn("文号", "number", required=True),
        DateColumn("印发日期", "issued_on", required=True),
        DateColumn("有效期至", "valid_until", not_after_today=False, help=gettext_lazy("不填为印发之日起5年。")),
        DateColumn("报送备案日期", "filed_on"),
        TextColumn("备案登记号", "filing_number"),
        ChoiceColumn("状态", "status", IssuedStatus, help=gettext_lazy("不填为“已印发”（现行有效）。")),
        DateColumn("修改、废止或失效日期", "closed_on"),
    ]

    def clean_record(self, record, user):
        v = record.values
        if v.get("closed_on") and v.get("status", Status.ISSUED) == Status.ISSUED:
            raise ValidationError({"status": _("填写了修改、废止或失效日期的，请选择状态。")})

    def instantiate(self, record, user):
        return self.instances(Document)({k: v for k, v in record.values.items() if k in ("unit", "title", "issued_on")})

    def entry(self, values, user):
        v = values
        document = Document(unit=v["unit"], title=v["title"], number=v["number"], issued_on=v["issued_on"],
                            valid_until=v.get("valid_until"), filed_on=v.get("filed_on"),
                            filing_number=v.get("filing_number", ""))
        document.status, document.closed_on = v.get("status", Status.ISSUED), v.get("closed_on")
        return document

    def refusals(self, entries, user):
        return ledgers.documents_refusals(entries, user)

    def write(self, entries, user):
        return ledgers.documents_register_issued(documents=entries, by=user)


@register
class OfficerResource(RegisterResource):
    model = EnforcementOfficer
    name = "normative_docs.officer"
    label = gettext_lazy("行政执法人员")
    instructions = gettext_lazy(
        "每行一名持证行政执法人员：所在单位为本区已登记的单位，执法证号在全市唯一（文件内和系统中都不能重复）。")
    columns = [
        UnitColumn("所在单位", "unit", required=True),
        TextColumn("姓名", "name", required=True),
        TextColumn("执法证号", "certificate_number", required=True),
        DateColumn("有效期至", "valid_until", required=True, not_after_today=False),
    ]

    def entry(self, values, user):
        return EnforcementOfficer(**values)

    def refusals(self, entries, user):
        return ledgers.officers_refusals(entries, user)

    def write(self, entries, user):
        return ledgers.officers_register(officers=entries, by=user)


@register
class MajorDecisionResource(RegisterResource):
    model = MajorDecision
    name = "normative_docs.major_decision"
    label = gettext_lazy("重大行政决策目录")
    instructions = gettext_lazy(
        "每行一项列入年度重大行政决策目录的事项：承办单位为本区已登记的单位；列入听证目录的填“是”。列入目录日期"
        "不填为目录年度的1月1日（明年的目录为今天）。同一年度目录的决策事项不能重复。")
    columns = [
        IntegerColumn("目录年度", "year", required=True),
        TextColumn("决策事项", "title", required=True),
        UnitColumn("承办单位", "unit", required=True),
        BooleanColumn("列入听证目录", "hearing"),
        DateColumn("列入目录日期", "catalogued_on"),
    ]

    def instantiate(self, record, user):
        return self.instances(MajorDecision)({k: v for k, v in record.values.items() if k in ("year", "title", "unit")})

    def entry(self, values, user):
        v = values
        catalogued_on = v.get("catalogued_on") or min(date(v["year"], 1, 1), timezone.localdate())
        return MajorDecision(year=v["year"], title=v["title"], unit=v["unit"], hearing=v.get("hearing", False),
                             catalogued_on=catalogued_on)

    def refusals(self, entries, user):
        return ledgers.major_decisions_refusals(entries, user)

    def write(self, entries, user):
        return ledgers.major_decisions_catalogue(decisions=entries, by=user)

"""The 法制科's ledgers written many records at once (imports): the same rules as the one-record services of
services.py and rol_services.py — `reconsideration_receive` … `_decide`, `litigation_register`, `hearing_record`,
`litigation_conclude`, `document_register_issued`, `officer_register`, `major_decision_catalogue` — applied to a
whole list in a few queries however long it is.

For each ledger, `…_refusals(entries, by)` says why each entry may not be written (None: it may), so an import
names every refused row before anything is written; the writer (`reconsiderations_enter` …) raises the first
refusal, or writes them all with COPY (bureau.bulk: one audit event per row, by the statement-level triggers),
numbers them in the order given, and opens their to-dos once. A case of the reconsideration or litigation ledger
is written in the state its steps leave it in (one insert, where the page writes each step), its clocks computed
on one working calendar (bureau.workdays.Clocks).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import bulk, guards, numbering
from bureau.concurrency import refusing_duplicates
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.signals import records_written
from bureau.workdays import Clocks

from . import services
from .models import (
    ENDED_STATUSES,
    ClockRule,
    DecisionStatus,
    Document,
    EnforcementOfficer,
    Kind,
    Litigation,
    MajorDecision,
    Reconsideration,
    Status,
    Unit,
    format_number,
    parse_number,
)
from .reminders import DOCUMENT_KINDS, RECONSIDERATION_KINDS
from .rol_reminders import CERTIFICATE_EXPIRY
from .services import UNIT, _check_date, _district_of, _section_only, reconsideration_number_prefix


class _Seen:
    """What `by` may see among the areas and units a list names: one query each (guards.in_jurisdiction and
    guards.visible ask once per record)."""

    def __init__(self, by, areas=(), units=()):
        self.by = by
        areas, units = {a.pk: a for a in areas if a is not None}, {u.pk: u for u in units if u is not None}
        self.areas = set(Area.objects.visible_to(by).filter(pk__in=areas).values_list("pk", flat=True))
        self.units = set(Unit.objects.visible_to(by).filter(pk__in=units).values_list("pk", flat=True))

    def area(self, area, label, field):
        if area.pk not in self.areas:
            guards.in_jurisdiction(self.by, area, label, field=field)  # raises, in its own words

    def unit(self, unit, field):
        if unit.pk not in self.units:
            raise ValidationError({field: _("%(what)s不存在或不在您的管辖范围内。") % {"what": UNIT}})


DISTRICT = gettext_lazy("所属区")  # translated only when a district is refused, not for each row


def _clocks(days):
    days = [d for d in days if d]
    return Clocks(ClockRule, min(days), max(days)) if days else None


# --- 行政复议 ---------------------------------------------------------------------------------------------------


@dataclass
class ReconsiderationHistory:
    """A reconsideration case as it went: received (`case`, unsaved), then accepted or refused, extended, decided."""

    case: Reconsideration
    accepted_on: date | None = None
    simple_procedure: bool = False
    refused_on: date | None = None
    refusal_reason: str = ""
    extended_on: date | None = None
    extension_reason: str = ""
    decided_on: date | None = None
    decision: str = ""


def _replay_reconsideration(h, by, seen, clocks):
    """Each step's rules, the very functions its service applies (services.reconsideration_…_rules), on the
    unsaved case: it ends in the state they leave."""
    case = h.case
    seen.area(case.area, DISTRICT, "area")  # reconsideration_receive
    services.reconsideration_received_rules(case, by, visible=seen.unit, due_on=clocks.due_on)
    bulk.full_clean_without_queries(case, exclude=["number"])
    if h.accepted_on:  # reconsideration_accept
        services.reconsideration_accepted_rules(case, h.accepted_on, h.simple_procedure, due_on=clocks.due_on,
                                                lock=False)
    elif h.refused_on:  # reconsideration_refuse
        services.reconsideration_refused_rules(case, h.refused_on, h.refusal_reason, lock=False)
    if h.extended_on:  # reconsideration_extend
        services.reconsideration_extended_rules(case, h.extended_on, h.extension_reason, due_on=clocks.due_on,
                                                lock=False)
    if h.decided_on:  # reconsideration_decide
        services.reconsideration_decided_rules(case, h.decided_on, h.decision, lock=False)


def reconsiderations_refusals(histories, by, *, clocks=None):
    histories = list(histories)
    _section_only(by)
    seen = _Seen(by, [h.case.area for h in histories], [h.case.respondent_unit for h in histories])
    clocks = clocks or _clocks([d for h in histories for d in (h.case.received_on, h.accepted_on)])
    return bulk.refusals(histories, lambda h: _replay_reconsideration(h, by, seen, clocks))


@transaction.atomic
def reconsiderations_enter(*, histories, by) -> list[Reconsideration]:
    """The cases of `histories` in the state their steps leave them, numbered per district and year of receipt
    in the order given, their to-dos opened."""
    histories = list(histories)
    bulk.raise_first(reconsiderations_refusals(histories, by))
    cases = [h.case for h in histories]
    batches = {}
    for case in cases:
        batches.setdefault((case.area, case.received_on.year), []).append(case)
    for (district, year), batch in batches.items():
        numbers = numbering.next_numbers(Reconsideration.objects.all(), reconsideration_number_prefix(district, year),
                                         count=len(batch))
        for case, number in zip(batch, numbers):
            case.number = number
    bulk.insert(cases)
    reminders_refresh(RECONSIDERATION_KINDS, records=bulk.among(Reconsideration, cases), fresh=True)
    return cases


# --- 行政应诉 ---------------------------------------------------------------------------------------------------


@dataclass
class LitigationHistory:
    """A lawsuit as it went: registered (`case`, unsaved), its hearings (unsaved, in order), its judgment."""

    case: Litigation
    hearings: list = field(default_factory=list)
    concluded_on: date | None = None
    judgment: str = ""


def _replay_litigation(h, by, seen, registered, in_list):
    """Each step's rules, the very functions its service applies (services.litigation_…_rules, hearing_rules),
    on the unsaved case and hearings."""
    case = h.case

    def taken(court, number):  # registered before, or earlier in the list
        key = (court, number)
        if key in registered or key in in_list:
            return True
        in_list.add(key)
        return False

    seen.area(case.area, DISTRICT, "area")  # litigation_register
    services.litigation_registered_rules(case, by, visible=seen.unit, taken=taken)
    bulk.full_clean_without_queries(case)
    for n, hearing in enumerate(h.hearings, 1):  # hearing_record
        hearing.case = case
        try:
            services.hearing_rules(hearing, case)
            bulk.full_clean_without_queries(hearing, exclude=["case"])
        except ValidationError as error:
            error.hearing = n  # which hearing the refusal is about (an import names its columns)
            raise
    if h.concluded_on:  # litigation_conclude
        services.litigation_concluded_rules(case, h.concluded_on, h.judgment,
                                            last_hearing=max((g.held_on for g in h.hearings), default=None))


def litigations_refusals(histories, by):
    """Why each lawsuit may not be registered; a refusal about a hearing carries `hearing` (1, 2 …)."""
    histories = list(histories)
    _section_only(by)
    seen = _Seen(by, [h.case.area for h in histories], [h.case.defendant_unit for h in histories])
    keys = {(h.case.court, h.case.case_number) for h in histories}
    registered = set(Litigation.objects.filter(court__in={k[0] for k in keys}, case_number__in={k[1] for k in keys})
                     .values_list("court", "case_number"))
    in_list = set()
    return bulk.refusals(histories, lambda h: _replay_litigation(h, by, seen, registered, in_list))


@transaction.atomic
def litigations_enter(*, histories, by) -> list[Litigation]:
    histories = list(histories)
    bulk.raise_first(litigations_refusals(histories, by))
    cases = bulk.insert([h.case for h in histories])
    hearings = []
    for h in histories:
        for hearing in h.hearings:
            hearing.case = h.case
            hearings.append(hearing)
    bulk.insert(hearings)
    return cases


# --- Registers: documents already issued, enforcement officers, the catalogue of major decisions ---------------


def documents_refusals(documents, by):
    """Why each document (carrying `status`, `closed_on` besides its fields) may not enter the ledger of issued
    documents, by document_register_issued's rules (the number's format, year and uniqueness per issuer and year
    — in the list too —, validity, filing, end)."""
    documents = list(documents)
    _section_only(by)
    seen = _Seen(by, units=[d.unit for d in documents])
    parsed = {}
    for document in documents:
        try:
            parsed[id(document)] = parse_number(document.number)
        except ValidationError:
            pass
    keys = set(parsed.values())
    taken = {}
    if keys:
        condition = Q(number_prefix__in={k[0] for k in keys}, number_year__in={k[1] for k in keys},
                      number_seq__in={k[2] for k in keys})
        taken = {(p, y, s): title for p, y, s, title in Document.objects.filter(condition).values_list(
            "number_prefix", "number_year", "number_seq", "title") if (p, y, s) in keys}
    clocks = _clocks([d.issued_on for d in documents])

    def check(document):
        seen.unit(document.unit, "unit")
        document.title = (document.title or "").strip()
        if not document.title:
            raise ValidationError({"title": _("请填写文件名称。")})
        _check_date(document.issued_on, label=gettext_lazy("印发日期"), field="issued_on")
        prefix, year, seq = parse_number(document.number)  # _numbered
        if year != document.issued_on.year:
            raise ValidationError({"number": _("文号年份%(y)s应与印发日期的年份%(iy)s一致。") % {
                "y": year, "iy": document.issued_on.year}})
        text = format_number(prefix, year, seq)
        if (prefix, year, seq) in taken:
            raise ValidationError({"number": _("文号%(n)s已被《%(t)s》使用，同一发文机关同一年度的文号不能重复。") % {
                "n": text, "t": taken[prefix, year, seq]}})
        longest = Document.default_valid_until(document.issued_on)
        valid_until = document.valid_until or longest
        if valid_until <= document.issued_on:
            raise ValidationError({"valid_until": _("有效期至应晚于印发日期。")})
        if valid_until > longest:
            raise ValidationError({"valid_until": _("行政规范性文件的有效期不得超过5年（最迟至%(d)s）。") % {
                "d": longest}})
        document.number, document.number_prefix, document.number_year, document.number_seq = text, prefix, year, seq
        document.valid_until = valid_until
        document.filing_due_on = clocks.due_on(ClockRule.Code.FILING, document.issued_on)
        if document.filed_on is not None:
            _check_date(document.filed_on, not_before=document.issued_on, label=gettext_lazy("报送备案日期"),
                        field="filed_on")
        status = document.status or Status.ISSUED
        if status not in (Status.ISSUED, *ENDED_STATUSES):
            raise ValidationError({"status": _("状态应为已印发、已修改、已废止或已失效。")})
        if status == Status.ISSUED:
            document.closed_on = None
        else:
            _check_date(document.closed_on, not_before=document.issued_on, label=_("修改、废止或失效日期"),
                        field="closed_on")
            if status == Status.EXPIRED and document.closed_on <= document.valid_until:
                raise ValidationError({"closed_on": _("该文件有效期至%(d)s，届满后才能登记失效。") % {
                    "d": document.valid_until}})
        document.area, document.kind, document.status = document.unit.area, Kind.NORMATIVE, status
        document.materials, document.submitted_by = [], by
        document.submitted_on = document.reviewed_on = document.issued_on
        document.filing_number = (document.filing_number or "").strip()
        taken[prefix, year, seq] = document.title  # a number once in the list

    return bulk.refusals(documents, check)


# A few numbers are locked as document_issue locks one, so that a clerk issuing one of them at this moment is
# refused after the other's commit in the words naming the document that holds it; a file's thousands are not
# (they would exhaust PostgreSQL's lock table): the unique constraint refuses a clash, in _save_numbered's words.
_LOCKED_NUMBERS = 50


@transaction.atomic
def documents_register_issued(*, documents, by) -> list[Document]:
    """document_register_issued for many documents (each carrying its `status` and `closed_on`)."""
    documents = list(documents)
    numbers = set()
    for document in documents:
        try:
            numbers.add(format_number(*parse_number(document.number)))
        except ValidationError:
            pass  # refused below, in the rules' words
    if len(numbers) <= _LOCKED_NUMBERS:
        with connection.cursor() as cursor:
            for text in sorted(numbers):
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"normative_docs:{text}"])
    bulk.raise_first(documents_refusals(documents, by))
    try:
        with transaction.atomic():
            bulk.insert(documents)
    except IntegrityError:
        named = _("文号%(n)s已被使用，同一发文机关同一年度的文号不能重复。") % {"n": documents[0].number}
        raise ValidationError({"number": named if len(documents) == 1
                               else _("文号已被使用，同一发文机关同一年度的文号不能重复。")}) from None
    reminders_refresh(DOCUMENT_KINDS, records=bulk.among(Document, documents), fresh=True)
    records_written.send(sender=Document, labels=[Document._meta.label])
    return documents


def officers_refusals(officers, by):
    """Why each officer (new, or registered again by officer_register) may not be registered: the one statement
    of officer_register's rules (执法证号 unique in the city)."""
    officers = list(officers)
    _section_only(by)
    seen = _Seen(by, units=[o.unit for o in officers])
    numbers = {(o.certificate_number or "").strip().upper() for o in officers}
    registered = dict(EnforcementOfficer.objects.filter(certificate_number__in=numbers)
                      .values_list("certificate_number", "pk"))  # an officer registered again keeps their number

    def check(officer):
        if officer.unit_id is None:
            raise ValidationError({"unit": _("请选择单位。")})
        seen.unit(officer.unit, "unit")
        officer.name = (officer.name or "").strip()
        officer.certificate_number = (officer.certificate_number or "").strip().upper()
        if not officer.name:
            raise ValidationError({"name": _("请填写姓名。")})
        if not officer.certificate_number:
            raise ValidationError({"certificate_number": _("请填写执法证号。")})
        if not officer.valid_until:
            raise ValidationError({"valid_until": _("请填写执法证有效期。")})
        holder = registered.get(officer.certificate_number)
        if holder is not None and (officer.pk is None or holder != officer.pk):
            raise ValidationError({"certificate_number": _("执法证号%(n)s已登记。") % {
                "n": officer.certificate_number}})
        registered[officer.certificate_number] = officer.pk or 0  # a number once in the list
        bulk.full_clean_without_queries(officer, exclude=["certificate_number"])

    return bulk.refusals(officers, check)


@transaction.atomic
def officers_register(*, officers, by) -> list[EnforcementOfficer]:
    officers = list(officers)
    bulk.raise_first(officers_refusals(officers, by))
    bulk.insert(officers)
    reminders_refresh([CERTIFICATE_EXPIRY], records=bulk.among(EnforcementOfficer, officers), fresh=True)
    records_written.send(sender=EnforcementOfficer, labels=[EnforcementOfficer._meta.label])
    return officers


def major_decisions_refusals(decisions, by):
    """Why each decision may not enter the catalogue, by major_decision_catalogue's rules."""
    decisions = list(decisions)
    _section_only(by)
    units = [d.unit for d in decisions if d.unit_id]
    seen = _Seen(by, areas=[u.area for u in units], units=units)
    catalogued = set(MajorDecision.objects.filter(
        area__in={u.area_id for u in units}, year__in={d.year for d in decisions},
        title__in={(d.title or "").strip() for d in decisions}).values_list("area", "year", "title"))

    def check(decision):
        if decision.unit_id is None:
            raise ValidationError({"unit": _("请选择所属区。")})
        seen.area(decision.unit.area, DISTRICT, "unit")
        decision.area = _district_of(decision.unit.area)
        seen.unit(decision.unit, "unit")
        decision.title = (decision.title or "").strip()
        if not decision.title:
            raise ValidationError({"title": _("请填写决策事项。")})
        _check_date(decision.catalogued_on, label=_("列入目录日期"), field="catalogued_on")
        if decision.year not in (decision.catalogued_on.year, decision.catalogued_on.year + 1):
            raise ValidationError({"year": _("目录年度应为列入目录日期的当年或次年。")})
        key = (decision.area.pk, decision.year, decision.title)
        if key in catalogued:
            raise ValidationError({"title": _("%(y)s年度目录已有“%(t)s”。") % {"y": decision.year,
                                                                          "t": decision.title}})
        catalogued.add(key)
        decision.status, decision.created_by = DecisionStatus.CATALOGUED, by
        bulk.full_clean_without_queries(decision)

    return bulk.refusals(decisions, check)


@transaction.atomic
def major_decisions_catalogue(*, decisions, by) -> list[MajorDecision]:
    decisions = list(decisions)
    bulk.raise_first(major_decisions_refusals(decisions, by))
    with refusing_duplicates(MajorDecision):  # as a Versioned save words a unique clash
        bulk.insert(decisions)
    records_written.send(sender=MajorDecision, labels=[MajorDecision._meta.label])
    return decisions

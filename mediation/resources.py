"""Imports of people's mediation (bureau.imports): organisations, mediators, and cases with one or two parties.

An imported row is checked by the same rules as the page's write, for the whole file before anything is written:
`services.organisation_register_check`, `mediator_appoint_check` and `case_accept_check` are the query-free part
of `organisation_register`, `mediator_appoint` and `case_accept`, which call them for one record; the parts
that need the database (jurisdiction, the organisation and mediator of each row) are resolved once for the whole
file. Cases are numbered by `services.case_numbers_next` per district and year, and the to-dos of the imported
records only are opened (`reminders_refresh`). A file with one refused row writes nothing.

The offices' records (organisations, mediators) are not importable by a mediator (人民调解员), as the services
refuse them; a mediator may import the cases of their own committee.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import bulk
from bureau.audit import audit_bulk_writes
from bureau.imports import (
    AreaColumn,
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    ForeignKeyColumn,
    ImportResource,
    IntegerColumn,
    PhoneColumn,
    ResidentIDColumn,
    RowError,
    TextColumn,
    gc_paused,
    register,
)
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.services import identifiers_confirm

from . import services
from .apps import FUNCTION
from .models import Case, DisputeType, Form, Kind, Mediator, Organisation, Party, Sector, Source
from .permissions import is_mediator


class OrganisationAreaColumn(AreaColumn):
    """The area an organisation sits in: a community, a street or the district, by code or name, within the
    user's jurisdiction (which level fits which kind of organisation is the model's rule)."""

    kind = gettext_lazy("社区、街道或区")
    LEVELS = (Area.Level.DISTRICT, Area.Level.STREET, Area.Level.COMMUNITY)

    def __init__(self):
        super().__init__("所在区域", "area", required=True, help=gettext_lazy(
            "村、社区调解委员会填社区，街道调解委员会和调解室填街道；填写行政区划代码或名称，须在您的管辖范围内。"))

    def resolve(self, texts, user):
        areas = list(Area.objects.filter(level__in=self.LEVELS).filter(Q(code__in=texts) | Q(name__in=texts)))
        resolved = {}
        for text in texts:
            by_code = [a for a in areas if a.code == text]
            candidates = by_code or [a for a in areas if a.name == text]
            visible = [a for a in candidates if self.visible(a, user)]
            if len(visible) == 1:
                resolved[text] = visible[0]
            elif visible:
                resolved[text] = ValidationError(
                    _("有多个名为“%(value)s”的区域，请填写行政区划代码。") % {"value": text})
            elif candidates:
                resolved[text] = self.in_jurisdiction(candidates[0], user)
            else:
                resolved[text] = ValidationError(_("未找到区域“%(value)s”。") % {"value": text})
        return resolved

    def describe(self):
        return _("社区、街道或区的行政区划代码或名称")


class OrganisationColumn(ForeignKeyColumn):
    """An organisation by its name or filing number, among those the importer may act for."""

    def __init__(self, header="调解组织", field="organisation", **kwargs):
        super().__init__(header, field, Organisation, lookups=("name", "filing_number"),
                         what=gettext_lazy("调解组织"), required=True, **kwargs)

    def queryset(self, user):
        return Organisation.objects.visible_to(user).select_related("area")


class OfficeResource(ImportResource):
    """Organisations and mediators are the offices' records: a mediator does not import them."""

    function = FUNCTION

    def allowed(self, user):
        return super().allowed(user) and not is_mediator(user)


@register
class OrganisationResource(OfficeResource):
    model = Organisation
    name = "mediation.organisation"
    label = gettext_lazy("人民调解组织")
    instructions = gettext_lazy(
        "每行一个人民调解委员会或调解室。未填写备案日期和备案编号的，导入后为“未备案”，由司法所跟进备案。"
        "备案日期和备案编号须同时填写；备案编号不能与已登记的重复。")
    columns = [
        TextColumn("名称", "name", required=True),
        ChoiceColumn("类型", "kind", Kind, required=True),
        ChoiceColumn("组织形式", "form", Form, help=gettext_lazy("不填为“人民调解委员会”。")),
        ChoiceColumn("行业领域", "sector", Sector, help=gettext_lazy("行业性专业性调解组织必填。")),
        OrganisationAreaColumn(),
        TextColumn("地址或小区", "place"),
        DateColumn("成立日期", "founded_on", required=True),
        DateColumn("备案日期", "filed_on"),
        TextColumn("备案编号", "filing_number"),
        IntegerColumn("在线司法确认终端（台）", "devices"),
        DateColumn("终端安装日期", "devices_installed_on"),
    ]

    def clean_record(self, record, user):
        services.organisation_register_check(Organisation(**record.values))

    def build(self, records, user, errors):
        """Filing numbers: none repeated in the file, none already registered (one query)."""
        objects = super().build(records, user, errors)
        first_row = {}
        for record in records:
            number = record.values.get("filing_number")
            if record.bad or not number:
                continue
            if number in first_row:
                errors.append(RowError(record.row, "备案编号", _("与第%(row)d行重复。") % {"row": first_row[number]}))
                record.bad = True
            else:
                first_row[number] = record
        taken = set(Organisation.objects.filter(filing_number__any_of=first_row)
                    .values_list("filing_number", flat=True))
        for number in taken:
            errors.append(RowError(first_row[number].row, "备案编号",
                                   _("系统中已有备案编号为“%(value)s”的调解组织。") % {"value": number}))
            first_row[number].bad = True
        return objects

    def save(self, validation, user, progress=None):
        with transaction.atomic():
            created = super().save(validation, user, progress)
            # Not yet filed: the street office's to-do, as organisation_register opens it.
            reminders_refresh(records=bulk.among(Organisation, validation.objects), fresh=True)
        return created


@register
class MediatorResource(OfficeResource):
    model = Mediator
    name = "mediation.mediator"
    label = gettext_lazy("人民调解员")
    instructions = gettext_lazy(
        "每行一名调解员在一个调解组织的任职。调解组织按名称或备案编号查找，须在您的管辖范围内，且在任职日期未撤销。"
        "社区法律顾问兼任调解员、调解员登录账号请在页面登记。")
    columns = [
        OrganisationColumn(),
        TextColumn("姓名", "name", required=True),
        ChoiceColumn("专兼职", "kind", Mediator.Kind, help=gettext_lazy("不填为“兼职”。")),
        PhoneColumn("联系电话", "phone"),
        DateColumn("任职日期", "from_on", required=True),
    ]

    def clean_record(self, record, user):
        services.mediator_appoint_check(Mediator(**record.values))

    def instantiate(self, record, user):
        return Mediator(**record.values, area=record.values["organisation"].area)


# --- Cases ------------------------------------------------------------------------------------------------

ORDINALS = {1: "一", 2: "二"}
PARTY_FIELDS = ("kind", "name", "id_number", "phone", "address")


class PartyColumnMixin:
    """A column of a party's field on the case's row (`party1_name` …): bound to the Party model's field, so
    its length, validators and the ID number's region warning are the party's."""

    def __init__(self, header, n, party_field, **kwargs):
        super().__init__(header, f"party{n}_{party_field}", **kwargs)
        self.party_field = party_field

    def bind(self, model):
        field, self.field = self.field, self.party_field
        try:
            return super().bind(Party)
        finally:
            self.field = field


class PartyText(PartyColumnMixin, TextColumn):
    pass


class PartyPhone(PartyColumnMixin, PhoneColumn):
    pass


class PartyID(PartyColumnMixin, ResidentIDColumn):
    pass


class PartyKind(PartyColumnMixin, ChoiceColumn):
    def __init__(self, header, n, party_field, **kwargs):
        ChoiceColumn.__init__(self, header, f"party{n}_{party_field}", Party.Kind, **kwargs)
        self.party_field = party_field


def party_columns(n):
    o = ORDINALS[n]
    return [
        PartyText(f"当事人{o}姓名", n, "name", required=n == 1,
                  help=gettext_lazy("姓名或单位名称。") if n == 1 else gettext_lazy("只有一名当事人的可留空。")),
        PartyKind(f"当事人{o}类型", n, "kind", help=gettext_lazy("不填为“自然人”。")),
        PartyID(f"当事人{o}身份证号码", n, "id_number"),
        PartyPhone(f"当事人{o}联系电话", n, "phone"),
        PartyText(f"当事人{o}住所", n, "address"),
    ]


PARTY_COLUMNS = {n: [(f"party{n}_{f}", f) for f in PARTY_FIELDS] for n in ORDINALS}  # the keys, made once


def _party_values(values, n):
    return {f: values[key] for key, f in PARTY_COLUMNS[n] if key in values}


@register
class CaseResource(ImportResource):
    """Cases as `case_accept` accepts them, one row each with its one or two parties."""

    model = Case
    name = "mediation.case"
    label = gettext_lazy("人民调解案件")
    function = FUNCTION
    instructions = gettext_lazy(
        "每行一件调解案件，可登记一至两名当事人（当事人一必填）。调解组织按名称或备案编号查找，须在您的管辖范围内；"
        "主持调解员按姓名在该调解组织的调解员中查找，须在受理日期在任。导入的案件与在页面受理的相同：状态为“已受理”，"
        "调解期限自受理日期起一个月，系统生成编号。")
    columns = [
        OrganisationColumn(),
        DateColumn("受理日期", "accepted_on", required=True),
        ChoiceColumn("案件来源", "source", Source, required=True),
        TextColumn("委托移送单位", "referred_by", help=gettext_lazy("委托移送的案件必填。")),
        ChoiceColumn("纠纷类型", "dispute_type", DisputeType, required=True),
        TextColumn("主持调解员", "mediator", required=True,
                   help=gettext_lazy("该调解组织调解员的姓名。")),
        DecimalColumn("涉案金额（元）", "amount_involved"),
        TextColumn("纠纷简要情况", "summary"),
        *party_columns(1),
        *party_columns(2),
    ]

    def bind_mediators(self, records, errors):
        """主持调解员: a name among the mediators of the row's organisation serving on its acceptance date, for
        the whole file in one query."""
        rows = [r for r in records if not r.bad]
        organisations = {r.values["organisation"].pk for r in rows}
        names = {r.values["mediator"] for r in rows}
        serving = defaultdict(list)
        for mediator in Mediator.objects.filter(organisation__in=organisations, name__in=names):
            serving[mediator.organisation_id, mediator.name].append(mediator)
        for record in rows:
            organisation, name = record.values["organisation"], record.values["mediator"]
            candidates = serving[organisation.pk, name]
            active = [m for m in candidates if m.is_active_on(record.values["accepted_on"])]
            if len(active) == 1 or (candidates and not active):
                # One serving that day; or none, which case_accept_check refuses in its own words.
                record.values["mediator"] = (active or candidates)[0]
                continue
            message = (_("%(org)s有多名调解员名为“%(name)s”，请在页面受理。") if active else
                       _("%(org)s没有名为“%(name)s”的调解员。")) % {"org": organisation.name, "name": name}
            errors.append(RowError(record.row, "主持调解员", message))
            record.bad = True

    def build(self, records, user, errors):
        self.bind_mediators(records, errors)
        return super().build(records, user, errors)

    def instantiate(self, record, user):
        case = self.instances(Case)({k: v for k, v in record.values.items() if not k.startswith("party")})
        # The rules case_accept applies (the row's organisation and mediator are already the importer's).
        services.case_accept_check(case=case, parties=record.parties, by=user)
        return case

    def clean_record(self, record, user):
        """The row's parties (record.parties), each checked by its model's rules."""
        values = record.values
        if "party2_name" not in values and any(key in values for key, _f in PARTY_COLUMNS[2]):
            raise ValidationError({"party2_name": _("填写了当事人二的信息，请填写其姓名。")})
        record.parties = []
        for n in (1, 2):
            party = _party_values(values, n)
            if not party:
                continue
            party = self.instances(Party)(party)
            try:
                party.clean()
            except ValidationError as error:
                raise ValidationError({f"party{n}_{f}": m for f, m in error.message_dict.items()}) from None
            record.parties.append(party)

    def prepare(self, records, user):
        """Number the cases of the file in its order, per district and year, as case_accept numbers one."""
        cases = [record.obj for record in records]
        districts = {area.pk: area.district or area for area in {case.area for case in cases}}
        batches = defaultdict(list)
        for case in cases:
            batches[districts[case.area_id], case.accepted_on.year].append(case)
        for (district, year), batch in batches.items():
            for case, number in zip(batch, services.case_numbers_next(district=district, year=year,
                                                                       count=len(batch))):
                case.number = number

    def save(self, validation, user, progress=None):
        """Cases, their parties, the confirmed ID warnings and the cases' own to-dos, in one transaction."""
        if not validation.is_valid:
            raise ValueError("a file with errors is never saved")
        records = validation.records
        with gc_paused(), transaction.atomic():
            audit_bulk_writes()
            self.prepare(records, user)
            cases = [record.obj for record in records]
            bulk.insert(cases)
            if progress:
                progress(len(cases))
            parties, case_of = [], Party._meta.get_field("case")
            for record in records:
                for party in record.parties:
                    # What `party.case = case` does, without the descriptor's checks of 40,000 assignments.
                    party.case_id = record.obj.pk
                    case_of.set_cached_value(party, record.obj)
                    parties.append(party)
            bulk.insert(parties)
            # The importer confirmed the preview's warnings (import_job_confirm); recorded with each party.
            warned = [party for record in records if record.warnings for party in record.parties]
            identifiers_confirm(objects=warned, by=user, confirmed=True)
            # The imported cases by one array parameter: a list of 20,000 bound one by one cost 0.1 s per rule.
            reminders_refresh(records=bulk.among(Case, cases), fresh=True)
        return len(cases)

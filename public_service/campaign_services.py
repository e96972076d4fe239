"""Every write of campaigns, 法律服务券 and site service records. Each is atomic, checks the move
(CAMPAIGN_TRANSITIONS), the dates (not in the future, within the campaign's period) and the jurisdiction of
every record it refers to (bureau.guards), and raises ValidationError in Chinese, changing nothing.

The voucher rules: a voucher is issued only by a 法律服务券 campaign being carried out; it is redeemed once,
not before it was issued nor after it expires, at a firm taking part in its campaign; a settlement pays one
firm for all it redeemed up to the settlement day and that was not yet settled. Rows are locked while they
change, so two clerks redeeming the same voucher (or settling the same firm) cannot both succeed.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau import guards, numbering
from bureau.models import Area
from lawyers.models import LawFirm, Posting

from .apps import FUNCTION
from .models import (
    Beneficiary,
    Campaign,
    CampaignStatus,
    Output,
    Settlement,
    SiteRecord,
    Voucher,
    VoucherStatus,
)

CAMPAIGN = gettext_lazy("公益法律服务项目")
FIRMS = gettext_lazy("参与律师事务所")
LAWYERS = gettext_lazy("参与律师")
SITE = gettext_lazy("服务站点")
MAX_VOUCHERS_AT_ONCE = 500


# --- Helpers ----------------------------------------------------------------------------------------------


def _writer(by):
    if not by.can_write(FUNCTION):
        raise ValidationError(_("您没有登记公共法律服务的权限。"))


def _check_date(on, *, not_before=None, label=None, field=None):
    guards.not_in_future(on, label, field=field)
    guards.not_before(on, not_before, label, field=field)


def _locked(record):
    return type(record).objects.select_for_update().get(pk=record.pk)


def _campaign(by, campaign):
    """The campaign as stored now (a caller may hold an older copy), once `by` may see it."""
    _writer(by)
    guards.visible(by, campaign, CAMPAIGN, field="campaign")
    return Campaign.objects.get(pk=campaign.pk)


def _move(campaign, to, action):
    if not campaign.can_move_to(to):
        raise ValidationError(_("项目当前状态为“%(current)s”，不能“%(action)s”。") % {
            "current": campaign.get_status_display(), "action": action})


def _in_period(campaign, on, label, field):
    """A campaign's record is dated within its period, and not in the future."""
    guards.not_in_future(on, label, field=field)
    if on and not (campaign.start_on <= on <= campaign.end_on):
        raise ValidationError({field: _("%(what)s应在项目期间（%(start)s至%(end)s）内。") % {
            "what": label, "start": campaign.start_on, "end": campaign.end_on}})


def _carried_out(campaign, what):
    if campaign.status == CampaignStatus.DRAFT:
        raise ValidationError(_("项目尚在筹备中，请先启动项目再登记%(what)s。") % {"what": what})


def _participants(by, campaign, lawyers, firms):
    lawyers, firms = list(lawyers or []), list(firms or [])
    guards.visible(by, lawyers, LAWYERS, field="lawyers")
    guards.visible(by, firms, FIRMS, field="firms")
    campaign.lawyers.set(lawyers)
    campaign.firms.set(firms)


# --- Campaigns --------------------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(*, campaign: Campaign, lawyers=(), firms=(), by) -> Campaign:
    """A campaign in `by`'s jurisdiction (the district, or one of its streets), in preparation (筹备中)."""
    _writer(by)
    guards.in_jurisdiction(by, campaign.area, _("实施区域"), field="area")
    campaign.status = CampaignStatus.DRAFT
    campaign.created_by = by
    campaign.full_clean(exclude=["created_by"])
    campaign.save()
    _participants(by, campaign, lawyers, firms)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, lawyers=None, firms=None, by) -> Campaign:
    """Change a campaign's particulars and participants; a closed campaign is no longer changed. Vouchers
    already redeemed at a firm keep it among the participants."""
    _campaign(by, campaign)
    stored = _locked(campaign)
    if stored.status == CampaignStatus.CLOSED:
        raise ValidationError(_("项目已结束，不能再修改。"))
    guards.in_jurisdiction(by, campaign.area, _("实施区域"), field="area")
    if stored.kind != campaign.kind and stored.vouchers.exists():
        raise ValidationError({"kind": _("项目已发放服务券，不能更改项目类型。")})
    first_record = _first_record_on(campaign)
    if first_record and (campaign.start_on > first_record[0] or campaign.end_on < first_record[1]):
        raise ValidationError({"start_on": _("项目期间须包含已登记的服务记录日期（%(start)s至%(end)s）。") % {
            "start": first_record[0], "end": first_record[1]}})
    campaign.status = stored.status
    campaign.full_clean(exclude=["created_by"])
    campaign.save()
    if firms is not None:
        used = set(campaign.vouchers.filter(firm__isnull=False).values_list("firm", flat=True))
        missing = used - {firm.pk for firm in firms}
        if missing:
            names = "、".join(LawFirm.objects.filter(pk__in=missing).values_list("name", flat=True))
            raise ValidationError({"firms": _("%(names)s已承接本项目的服务券，不能移出参与律师事务所。") % {
                "names": names}})
    _participants(by, campaign, campaign.lawyers.all() if lawyers is None else lawyers,
                  campaign.firms.all() if firms is None else firms)
    return campaign


def _first_record_on(campaign):
    """(earliest, latest) day of the campaign's dated records, or None."""
    days = []
    for queryset, field in ((campaign.beneficiaries, "on"), (campaign.outputs, "on"), (campaign.vouchers, "issued_on"),
                            (campaign.vouchers, "redeemed_on")):
        days += [d for d in queryset.values_list(field, flat=True) if d]
    return (min(days), max(days)) if days else None


@transaction.atomic
def campaign_start(*, campaign: Campaign, by) -> Campaign:
    """筹备中 → 实施中."""
    _campaign(by, campaign)
    campaign = _locked(campaign)
    _move(campaign, CampaignStatus.ACTIVE, _("启动"))
    campaign.status = CampaignStatus.ACTIVE
    campaign.save(update_fields=["status"])
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign, on: date, by) -> Campaign:
    """实施中 → 已结束, on a day not before the campaign started. Vouchers still outstanding can no longer be
    redeemed; those redeemed can still be settled."""
    _campaign(by, campaign)
    campaign = _locked(campaign)
    _move(campaign, CampaignStatus.CLOSED, _("结束"))
    _check_date(on, not_before=campaign.start_on, label=_("结束登记日期"), field="on")
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_on = on
    campaign.save(update_fields=["status", "closed_on"])
    return campaign


@transaction.atomic
def beneficiary_record(*, beneficiary: Beneficiary, by) -> Beneficiary:
    campaign = _campaign(by, beneficiary.campaign)
    _carried_out(campaign, _("服务对象"))
    _in_period(campaign, beneficiary.on, _("服务日期"), "on")
    beneficiary.recorded_by = by
    beneficiary.full_clean(exclude=["recorded_by"])
    beneficiary.save()
    return beneficiary


@transaction.atomic
def output_record(*, output: Output, by) -> Output:
    campaign = _campaign(by, output.campaign)
    _carried_out(campaign, _("服务成果"))
    _in_period(campaign, output.on, _("日期"), "on")
    output.recorded_by = by
    output.full_clean(exclude=["recorded_by"])
    output.save()
    return output


# --- 法律服务券 ---------------------------------------------------------------------------------------------


def _district_of(area):
    return area if area.level == Area.Level.DISTRICT else Area.objects.get(pk=area.parent_id)


def voucher_codes_next(campaign, year, count):
    """罗服务券〔2026〕0001号 …: numbered per district and year (call inside the transaction)."""
    prefix = numbering.number_prefix(_district_of(campaign.area), "服务券", year)
    return numbering.next_numbers(Voucher.objects.all(), prefix, count=count, field="code")


@transaction.atomic
def voucher_issue(*, campaign: Campaign, enterprise: str, credit_code: str, issued_on: date, expires_on: date,
                  count: int = 1, value: Decimal | None = None, by) -> list[Voucher]:
    """Issue `count` vouchers of `value` (the campaign's face value if omitted) to one enterprise."""
    _campaign(by, campaign)
    campaign = _locked(campaign)
    if not campaign.is_voucher_campaign:
        raise ValidationError(_("只有“法律服务券”项目可以发放服务券。"))
    if campaign.status != CampaignStatus.ACTIVE:
        raise ValidationError(_("项目当前状态为“%(status)s”，不能发放服务券。") % {
            "status": campaign.get_status_display()})
    _in_period(campaign, issued_on, _("发放日期"), "issued_on")
    if not 1 <= count <= MAX_VOUCHERS_AT_ONCE:
        raise ValidationError({"count": _("每次发放张数应在1至%(n)d张之间。") % {"n": MAX_VOUCHERS_AT_ONCE}})
    value = value if value is not None else campaign.voucher_value
    vouchers = []
    for code in voucher_codes_next(campaign, issued_on.year, count):
        voucher = Voucher(campaign=campaign, code=code, enterprise=(enterprise or "").strip(),
                          credit_code=credit_code or "", value=value, issued_on=issued_on, expires_on=expires_on,
                          issued_by=by)
        voucher.full_clean(exclude=["issued_by", "code"])
        vouchers.append(voucher)
    return Voucher.objects.bulk_create(vouchers)


@transaction.atomic
def voucher_redeem(*, voucher: Voucher, firm: LawFirm, on: date, service: str, by) -> Voucher:
    """The enterprise used the voucher at `firm` on `on` for `service`."""
    campaign = _campaign(by, voucher.campaign)
    voucher = _locked(voucher)
    if voucher.status == VoucherStatus.REDEEMED:
        raise ValidationError(_("服务券%(code)s已于%(date)s在%(firm)s使用，不能重复使用。") % {
            "code": voucher.code, "date": voucher.redeemed_on, "firm": voucher.firm})
    if voucher.status == VoucherStatus.VOID:
        raise ValidationError(_("服务券%(code)s已作废。") % {"code": voucher.code})
    if campaign.status != CampaignStatus.ACTIVE:
        raise ValidationError(_("项目当前状态为“%(status)s”，服务券不能再使用。") % {
            "status": campaign.get_status_display()})
    _check_date(on, not_before=voucher.issued_on, label=_("使用日期"), field="on")
    if on > voucher.expires_on:
        raise ValidationError({"on": _("服务券%(code)s已于%(date)s过期，不能使用。") % {
            "code": voucher.code, "date": voucher.expires_on}})
    if firm is None or not campaign.firms.filter(pk=firm.pk).exists():
        raise ValidationError({"firm": _("%(firm)s不是本项目的参与律师事务所。") % {
            "firm": firm or _("所选律师事务所")}})
    if not (service or "").strip():
        raise ValidationError({"service": _("请填写服务内容。")})
    voucher.status = VoucherStatus.REDEEMED
    voucher.redeemed_on, voucher.firm, voucher.service = on, firm, service.strip()
    voucher.save(update_fields=["status", "redeemed_on", "firm", "service"])
    return voucher


@transaction.atomic
def voucher_void(*, voucher: Voucher, by) -> Voucher:
    """作废 a voucher not yet used (lost, issued in error)."""
    _campaign(by, voucher.campaign)
    voucher = _locked(voucher)
    if voucher.status != VoucherStatus.ISSUED:
        raise ValidationError(_("服务券%(code)s当前状态为“%(status)s”，不能作废。") % {
            "code": voucher.code, "status": voucher.get_status_display()})
    voucher.status = VoucherStatus.VOID
    voucher.save(update_fields=["status"])
    return voucher


@transaction.atomic
def settlement_create(*, campaign: Campaign, firm: LawFirm, on: date, reference: str = "", by) -> Settlement:
    """Settle to `firm` every voucher of the campaign it redeemed up to `on` and not yet settled."""
    _campaign(by, campaign)
    _check_date(on, label=_("结算日期"), field="on")
    if not campaign.is_voucher_campaign:
        raise ValidationError(_("只有“法律服务券”项目有服务券结算。"))
    if firm is None or not campaign.firms.filter(pk=firm.pk).exists():
        raise ValidationError({"firm": _("%(firm)s不是本项目的参与律师事务所。") % {
            "firm": firm or _("所选律师事务所")}})
    due = Voucher.objects.select_for_update().filter(
        campaign=campaign, firm=firm, status=VoucherStatus.REDEEMED, settlement__isnull=True, redeemed_on__lte=on)
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("%(firm)s截至%(date)s没有待结算的服务券。") % {"firm": firm, "date": on})
    amount = Voucher.objects.filter(pk__in=ids).aggregate(s=Sum("value"))["s"]
    settlement = Settlement.objects.create(campaign=campaign, firm=firm, settled_on=on, vouchers=len(ids),
                                           amount=amount, reference=(reference or "").strip(), settled_by=by)
    Voucher.objects.filter(pk__in=ids).update(settlement=settlement)
    return settlement


# --- Site service records ---------------------------------------------------------------------------------


def site_record_check(record: SiteRecord, posted_lawyers=()) -> None:
    """The rules of one record that need no query (the import checks a whole file with them). `posted_lawyers`
    are the ids of the lawyers posted to the record's site on its day."""
    _check_date(record.on, label=_("服务日期"), field="on")
    record.clean()
    if record.lawyer_id and record.lawyer_id in posted_lawyers:
        raise ValidationError({"lawyer": _(
            "该律师是派驻本站点的法律顾问，其服务请在法律顾问服务记录中登记，以免重复统计。")})


def posted_lawyers(point, on):
    return set(Posting.objects.filter(point=point).active_on(on).values_list("lawyer", flat=True))


def _site_record_save(record, by):
    _writer(by)
    guards.visible(by, record.point, SITE, field="point")
    if record.lawyer_id:
        guards.visible(by, record.lawyer, _("律师"), field="lawyer")
    record.area_id = record.point.area_id
    site_record_check(record, posted_lawyers(record.point, record.on) if record.lawyer_id else ())
    duplicate = SiteRecord.objects.filter(point=record.point, staff=record.staff, on=record.on).exclude(pk=record.pk)
    if duplicate.exists():
        raise ValidationError({"staff": _("%(staff)s在%(date)s于该站点的服务记录已登记，请修改原记录。") % {
            "staff": record.staff, "date": record.on}})
    record.full_clean(exclude=["recorded_by", "area"], validate_unique=False)
    record.save()
    return record


@transaction.atomic
def site_record_create(*, record: SiteRecord, by) -> SiteRecord:
    record.recorded_by = by
    return _site_record_save(record, by)


@transaction.atomic
def site_record_update(*, record: SiteRecord, by) -> SiteRecord:
    guards.visible(by, SiteRecord.objects.get(pk=record.pk), _("站点服务记录"))
    return _site_record_save(record, by)


"""Campaign, voucher and site-record pages (public_service/campaign_urls.py). Every record starts from
`visible_to(user)` (another district's campaign or voucher is a 404); every write is a service of
public_service.campaign_services, the moves offered as bureau.actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, add_service_error, function_required
from bureau.actions import Action, run_action
from bureau.permissions import can_write

from . import campaign_services as services
from .apps import FUNCTION
from .campaign_filters import CampaignFilterSet, SiteRecordFilterSet, VoucherFilterSet
from .campaign_forms import (
    BeneficiaryForm,
    CampaignForm,
    CloseForm,
    IssueForm,
    OutputForm,
    RedeemForm,
    SettleForm,
    SiteRecordForm,
    StartForm,
    VoidForm,
)
from .campaign_tables import CampaignTable, SiteRecordTable, VoucherTable, voucher_state
from .models import (
    OUTPUT_UNITS,
    Beneficiary,
    BeneficiaryKind,
    Booking,
    BookingStatus,
    Campaign,
    CampaignStatus,
    Output,
    OutputKind,
    SiteRecord,
    Voucher,
    VoucherStatus,
)

# --- Campaigns --------------------------------------------------------------------------------------------


class CampaignListView(AccessListView):
    function = FUNCTION
    model = Campaign
    table_class = CampaignTable
    filterset_class = CampaignFilterSet
    template_name = "public_service/campaigns/campaign_list.html"
    export_name = "公益法律服务项目"

    def get_queryset(self):
        return Campaign.objects.visible_to(self.request.user).select_related("area")


def campaign_of(request, pk):
    return get_object_or_404(Campaign.objects.visible_to(request.user).select_related("area", "created_by"), pk=pk)


def _ledger(campaign):
    vouchers = Voucher.objects.filter(campaign=campaign)
    return vouchers.ledger()


@function_required(FUNCTION)
def campaign_detail(request, pk):
    campaign = campaign_of(request, pk)
    writes = can_write(request.user, FUNCTION)
    outputs = {row["kind"]: row["n"] for row in campaign.outputs.values("kind").annotate(n=Sum("count"))}
    beneficiaries = {row["kind"]: row["n"] for row in campaign.beneficiaries.values("kind").annotate(n=Sum("count"))}
    return render(request, "public_service/campaigns/campaign_detail.html", {
        "campaign": campaign, "writes": writes,
        "actions": [(name, action) for name, action in CAMPAIGN_ACTIONS.items()
                    if writes and campaign_refusal(campaign, name) is None],
        "outputs": [(label, outputs.get(value, 0), OUTPUT_UNITS[OutputKind(value)])
                    for value, label in OutputKind.choices],
        "beneficiaries": [(label, beneficiaries.get(value, 0)) for value, label in BeneficiaryKind.choices],
        "firms": campaign.firms.order_by("name"), "lawyers": campaign.lawyers.select_related("firm").order_by("name"),
        "recent_outputs": campaign.outputs.order_by("-on", "-id")[:10],
        "recent_beneficiaries": campaign.beneficiaries.order_by("-on", "-id")[:10],
        "ledger": _ledger(campaign) if campaign.is_voucher_campaign else None,
    })


@function_required(FUNCTION)
def campaign_ledger(request, pk):
    """The voucher ledger of a campaign: issued = redeemed + outstanding + expired + void, redeemed = settled +
    unsettled, in count and amount; by firm; and the settlements."""
    campaign = campaign_of(request, pk)
    ledger = _ledger(campaign)
    by_firm = (Voucher.objects.filter(campaign=campaign, status=VoucherStatus.REDEEMED)
               .values("firm__name").annotate(
                   redeemed=Count("pk"), amount=Sum("value"),
                   settled=Count("pk", filter=Q(settlement__isnull=False)),
                   settled_amount=Sum("value", filter=Q(settlement__isnull=False)))
               .order_by("firm__name"))
    closes = (ledger["issued"]["count"] == sum(ledger[k]["count"] for k in ("redeemed", "outstanding", "expired",
                                                                            "void"))
              and ledger["redeemed"]["count"] == ledger["settled"]["count"] + ledger["unsettled"]["count"]
              and ledger["issued"]["amount"] == sum(ledger[k]["amount"] for k in ("redeemed", "outstanding",
                                                                                  "expired", "void")))
    return render(request, "public_service/campaigns/campaign_ledger.html", {
        "campaign": campaign, "ledger": ledger, "by_firm": by_firm, "closes": closes,
        "today": timezone.localdate(), "writes": can_write(request.user, FUNCTION),
        "settlements": campaign.settlements.select_related("firm").order_by("-settled_on", "-id"),
    })


def _campaign_form(request, campaign=None):
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = form.save(commit=False)
            firms, lawyers = form.cleaned_data["firms"], form.cleaned_data["lawyers"]
            if campaign is None:
                record = services.campaign_create(campaign=record, firms=firms, lawyers=lawyers, by=request.user)
            else:
                record = services.campaign_update(campaign=record, firms=list(firms), lawyers=list(lawyers),
                                                  by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存项目“%(name)s”。") % {"name": record.name})
            return redirect(record)
    back = campaign.get_absolute_url() if campaign else reverse("public_service:campaign_list")
    return render(request, "public_service/campaigns/form.html", {
        "form": form, "title": _("修改项目") if campaign else _("登记公益法律服务项目"), "back": back,
        "back_label": campaign.name if campaign else _("公益法律服务项目")})


@function_required(FUNCTION, write=True)
def campaign_create(request):
    return _campaign_form(request)


@function_required(FUNCTION, write=True)
def campaign_update(request, pk):
    return _campaign_form(request, campaign_of(request, pk))


def _start(campaign, by, data):
    services.campaign_start(campaign=campaign, by=by)
    return _("项目已启动。")


def _close(campaign, by, data):
    services.campaign_close(campaign=campaign, on=data["on"], by=by)
    return _("项目已结束。")


def _output(campaign, by, data):
    services.output_record(output=Output(campaign=campaign, **data), by=by)
    return _("已登记服务成果。")


def _beneficiary(campaign, by, data):
    services.beneficiary_record(beneficiary=Beneficiary(campaign=campaign, **data), by=by)
    return _("已登记服务对象。")


def _issue(campaign, by, data):
    vouchers = services.voucher_issue(campaign=campaign, by=by, **data)
    return _("已发放服务券 %(n)d 张。") % {"n": len(vouchers)}


def _settle(campaign, by, data):
    settlement = services.settlement_create(campaign=campaign, by=by, **data)
    return _("已结算%(firm)s服务券 %(n)d 张，%(amount)s 元。") % {
        "firm": settlement.firm, "n": settlement.vouchers, "amount": settlement.amount}


CAMPAIGN_ACTIONS = {
    "start": Action(gettext_lazy("启动项目"), StartForm, _start, icon="play-circle"),
    "output": Action(gettext_lazy("登记服务成果"), OutputForm, _output, icon="clipboard-check"),
    "beneficiary": Action(gettext_lazy("登记服务对象"), BeneficiaryForm, _beneficiary, icon="people"),
    "issue": Action(gettext_lazy("发放服务券"), IssueForm, _issue, icon="ticket-perforated"),
    "settle": Action(gettext_lazy("服务券结算"), SettleForm, _settle, icon="cash-coin"),
    "close": Action(gettext_lazy("结束项目"), CloseForm, _close, icon="stop-circle", danger=True),
}


def campaign_refusal(campaign, action):
    """Why the campaign's state does not admit `action` now, or None."""
    status = campaign.status
    if action == "start" and status != CampaignStatus.DRAFT:
        return _("项目当前状态为“%(status)s”，不能启动。") % {"status": campaign.get_status_display()}
    if action == "close" and status != CampaignStatus.ACTIVE:
        return _("项目当前状态为“%(status)s”，不能结束。") % {"status": campaign.get_status_display()}
    if action in {"output", "beneficiary", "issue"} and status != CampaignStatus.ACTIVE:
        return _("项目当前状态为“%(status)s”，不能登记。") % {"status": campaign.get_status_display()}
    if action in {"issue", "settle"} and not campaign.is_voucher_campaign:
        return _("只有“法律服务券”项目有服务券。")
    return None


@function_required(FUNCTION, write=True)
def campaign_action(request, pk, action):
    if action not in CAMPAIGN_ACTIONS:
        raise Http404
    campaign = campaign_of(request, pk)
    crumbs = [(reverse("public_service:campaign_list"), _("公益法律服务项目")),
              (campaign.get_absolute_url(), campaign.name)]
    return run_action(request, campaign, CAMPAIGN_ACTIONS[action], title=campaign.name, crumbs=crumbs,
                      form_kwargs={"campaign": campaign}, refused=campaign_refusal(campaign, action))


# --- Vouchers ---------------------------------------------------------------------------------------------


class VoucherListView(AccessListView):
    function = FUNCTION
    model = Voucher
    table_class = VoucherTable
    filterset_class = VoucherFilterSet
    template_name = "public_service/campaigns/voucher_list.html"
    export_name = "法律服务券"

    def get_queryset(self):
        return Voucher.objects.visible_to(self.request.user).select_related("campaign", "firm")

    def get_context_data(self, **kwargs):
        return super().get_context_data(ledger=self.object_list.ledger(), **kwargs)


def voucher_of(request, pk):
    return get_object_or_404(Voucher.objects.visible_to(request.user).select_related(
        "campaign__area", "firm", "settlement", "issued_by"), pk=pk)


@function_required(FUNCTION)
def voucher_detail(request, pk):
    voucher = voucher_of(request, pk)
    writes = can_write(request.user, FUNCTION)
    return render(request, "public_service/campaigns/voucher_detail.html", {
        "voucher": voucher, "state": voucher_state(voucher),
        "actions": [(name, action) for name, action in VOUCHER_ACTIONS.items()
                    if writes and voucher_refusal(voucher, name) is None],
    })


def _redeem(voucher, by, data):
    services.voucher_redeem(voucher=voucher, by=by, **data)
    return _("已登记服务券使用。")


def _void(voucher, by, data):
    services.voucher_void(voucher=voucher, by=by)
    return _("服务券已作废。")


VOUCHER_ACTIONS = {
    "redeem": Action(gettext_lazy("登记使用"), RedeemForm, _redeem, icon="check2-circle"),
    "void": Action(gettext_lazy("作废"), VoidForm, _void, icon="x-circle", danger=True),
}


def voucher_refusal(voucher, action):
    if voucher.status != VoucherStatus.ISSUED:
        return _("服务券%(code)s当前状态为“%(status)s”。") % {"code": voucher.code,
                                                         "status": voucher.get_status_display()}
    return None


@function_required(FUNCTION, write=True)
def voucher_action(request, pk, action):
    if action not in VOUCHER_ACTIONS:
        raise Http404
    voucher = voucher_of(request, pk)
    crumbs = [(reverse("public_service:voucher_list"), _("法律服务券")), (voucher.get_absolute_url(), voucher.code)]
    return run_action(request, voucher, VOUCHER_ACTIONS[action], title=voucher.code, crumbs=crumbs,
                      form_kwargs={"voucher": voucher}, refused=voucher_refusal(voucher, action))


# --- Site service records ---------------------------------------------------------------------------------


class SiteRecordListView(AccessListView):
    function = FUNCTION
    model = SiteRecord
    table_class = SiteRecordTable
    filterset_class = SiteRecordFilterSet
    template_name = "public_service/campaigns/site_record_list.html"
    export_name = "站点服务记录"

    def get_queryset(self):
        return SiteRecord.objects.visible_to(self.request.user).select_related("point", "area")

    def get_context_data(self, **kwargs):
        totals = self.object_list.aggregate(records=Count("pk"), consultations=Sum("consultations"),
                                            documents=Sum("documents"), opinions=Sum("opinions"),
                                            other=Sum("other_services"))
        return super().get_context_data(totals=totals, **kwargs)


@function_required(FUNCTION)
def site_record_summary(request):
    """By site and staff member over the filtered span (the list's filters), one GROUP BY."""
    records = SiteRecord.objects.visible_to(request.user)
    filterset = SiteRecordFilterSet(request.GET or None, queryset=records, request=request)
    rows = (filterset.qs.values("point__name", "area__name", "staff")
            .annotate(days=Count("on", distinct=True), consultations=Sum("consultations"), documents=Sum("documents"),
                      opinions=Sum("opinions"), other=Sum("other_services"))
            .order_by("area__name", "point__name", "staff"))
    return render(request, "public_service/campaigns/site_record_summary.html", {
        "filter": filterset, "rows": rows, "bookings": _bookings_served(request, filterset)})


def _bookings_served(request, filterset):
    """Beside the staff's records, the appointments served at each site in the same span (read-only, counted
    from the residents' bookings: the site's staff record attendance there, not here)."""
    if not filterset.is_bound or not filterset.is_valid():
        return []
    data = filterset.form.cleaned_data
    bookings = Booking.objects.visible_to(request.user).filter(status=BookingStatus.ATTENDED)
    if data.get("point"):
        bookings = bookings.filter(point=data["point"])
    if data.get("street"):
        bookings = bookings.filter(point__area__path__startswith=data["street"].path)
    span = data.get("on")
    if span and span.start:
        bookings = bookings.filter(on__gte=span.start)
    if span and span.stop:
        bookings = bookings.filter(on__lte=span.stop)
    return bookings.values("point__name").annotate(n=Count("pk")).order_by("point__name")


def site_record_of(request, pk):
    return get_object_or_404(SiteRecord.objects.visible_to(request.user).select_related("point", "area"), pk=pk)


def _site_record_form(request, record=None):
    form = SiteRecordForm(request.POST or None, instance=record, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save(commit=False)
            if record is None:
                services.site_record_create(record=saved, by=request.user)
            else:
                services.site_record_update(record=saved, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存站点服务记录。"))
            return redirect("public_service:site_record_list")
    return render(request, "public_service/campaigns/form.html", {
        "form": form, "title": _("修改站点服务记录") if record else _("登记站点服务记录"),
        "back": reverse("public_service:site_record_list"), "back_label": _("站点服务记录")})


@function_required(FUNCTION, write=True)
def site_record_create(request):
    return _site_record_form(request)


@function_required(FUNCTION)
def site_record_update(request, pk):
    return _site_record_form(request, site_record_of(request, pk))  # a POST needs write (function_required)

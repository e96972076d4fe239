"""Demo data of service records, campaigns and vouchers (public_service/demo.py calls load).

For each demo district (罗湖区 440303, 光明区 440311) with sites and no campaign yet:
- site service records from 1 January last year to today: the centre and the stations on most working days
  (two or three people on duty), the rooms once or twice a week. Checked one by one with the service's
  query-free rules (campaign_services.site_record_check) and written in one bulk insert (audited);
- a 法律服务券 campaign running from 1 January last year to the end of this year with four of the district's
  firms: 36 vouchers issued to twelve enterprises, most of them used, the older uses settled firm by firm;
- a 民营企业法治体检 campaign from about seven months ago to three months ahead, with monthly outputs and the
  enterprises served.
Everything but the site records goes through the services.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from bureau.audit import audit_bulk_writes
from bureau.models import Area, Role, User
from bureau.workdays import WorkingCalendar
from lawyers.models import LawFirm, ServicePoint, SiteLevel

from . import campaign_services as services
from .models import (
    Beneficiary,
    BeneficiaryKind,
    Campaign,
    CampaignKind,
    Output,
    OutputKind,
    SiteRecord,
    StaffKind,
    VoucherStatus,
)

DISTRICTS = {"440303": "罗湖", "440311": "光明"}
STAFF = ["陈晓燕", "李文杰", "王丽娟", "张志强", "刘海波", "黄美玲", "周建国", "吴晓明", "徐静", "孙磊", "马俊",
         "朱婷婷"]
ENTERPRISE_WORDS = ["宏达贸易", "精工科技", "新业电子", "华盛物流", "嘉禾餐饮", "恒信建材", "立德医疗器械", "锦程文化",
                    "远航智能", "金石珠宝", "启明软件", "安泰物业"]
SERVICES = ["劳动合同审查", "股权架构法律咨询", "应收账款催收法律意见", "合规风险排查", "知识产权保护咨询",
            "规章制度审查"]


def _credit_code(district_code, n):
    from stdnum.cn import uscc

    body = f"914403{district_code[-2:]}MA{n:07d}"
    return body + uscc.calc_check_digit(body)


def _site_records(district, by, today, rng):
    """A year and more of what the sites' staff did, as the service would write it, in one bulk insert."""
    sites = list(ServicePoint.objects.in_area(district).select_related("area").order_by("pk"))
    first = date(today.year - 1, 1, 1)
    calendar = WorkingCalendar(first, today)
    records = []
    day = first
    while day <= today:
        if calendar.is_working_day(day):
            for n, site in enumerate(sites):
                level = getattr(site, "level", None)
                busy = level in {SiteLevel.CENTRE, SiteLevel.STATION}
                if not busy and rng.random() > 0.3:
                    continue
                for staff in rng.sample(STAFF, 3 if level == SiteLevel.CENTRE else (2 if busy else 1)):
                    record = SiteRecord(
                        point=site, area_id=site.area_id, on=day, staff=staff,
                        staff_kind=StaffKind.STAFF if rng.random() < 0.7 else StaffKind.VOLUNTEER,
                        consultations=rng.randint(1, 8 if busy else 3), documents=rng.choice([0, 0, 0, 1, 2]),
                        opinions=rng.choice([0, 0, 0, 0, 1]), other_services=rng.choice([0, 0, 1]),
                        recorded_by=by)
                    services.site_record_check(record)
                    records.append(record)
        day += timedelta(days=1)
    SiteRecord.objects.bulk_create(records, batch_size=2000)
    return len(records)


def _voucher_campaign(district, short, by, firms, today, rng):
    start = date(today.year - 1, 1, 1)
    campaign = services.campaign_create(campaign=Campaign(
        name=f"{short}区中小微企业法律服务券", kind=CampaignKind.VOUCHERS, organisers="区司法局、区工商联、区律师协会",
        area=district, start_on=start, end_on=date(today.year, 12, 31), voucher_value=2000,
        description="向辖区中小微企业发放法律服务券，企业可到参与律师事务所兑换合同审查、法律咨询等服务。"),
        firms=firms, by=by)
    campaign = services.campaign_start(campaign=campaign, by=by)
    span = (today - start).days
    vouchers = []
    for n, word in enumerate(ENTERPRISE_WORDS):
        issued_on = start + timedelta(days=rng.randint(0, span))
        vouchers += services.voucher_issue(
            campaign=campaign, enterprise=f"深圳市{short}{word}有限公司", credit_code=_credit_code(district.code, n),
            count=3, issued_on=issued_on, expires_on=campaign.end_on, by=by)
    for voucher in vouchers:
        if rng.random() < 0.7:
            on = min(today, voucher.issued_on + timedelta(days=rng.randint(3, 90)))
            services.voucher_redeem(voucher=voucher, firm=rng.choice(firms), on=on, service=rng.choice(SERVICES),
                                    by=by)
    settle_on = today - timedelta(days=30)
    for firm in firms:
        if campaign.vouchers.filter(firm=firm, redeemed_on__lte=settle_on, status=VoucherStatus.REDEEMED).exists():
            services.settlement_create(campaign=campaign, firm=firm, on=settle_on,
                                       reference=f"{short}司财结〔{settle_on.year}〕{firm.pk}号", by=by)
    for kind, count in ((BeneficiaryKind.ENTERPRISES, len(ENTERPRISE_WORDS)),):
        services.beneficiary_record(beneficiary=Beneficiary(campaign=campaign, kind=kind, count=count,
                                                            on=min(today, start + timedelta(days=60))), by=by)
    return campaign


def _checkup_campaign(district, short, by, firms, lawyers, today, rng):
    start = today - timedelta(days=210)
    campaign = services.campaign_create(campaign=Campaign(
        name=f"{short}区民营企业“法治体检”专项行动", kind=CampaignKind.ENTERPRISE_CHECKUP,
        organisers="区司法局、区工商联", area=district, start_on=start, end_on=today + timedelta(days=90),
        description="组织律师走进民营企业开展法治体检，出具体检报告，提示法律风险。"),
        firms=firms, lawyers=lawyers, by=by)
    campaign = services.campaign_start(campaign=campaign, by=by)
    day = start
    while day <= today:
        for kind, low, high in ((OutputKind.LECTURES, 1, 2), (OutputKind.CONSULTATIONS, 10, 40),
                                (OutputKind.REPORTS, 2, 6), (OutputKind.RISKS_FOUND, 3, 15),
                                (OutputKind.GUIDES, 50, 200), (OutputKind.LEGAL_OPINIONS, 0, 3)):
            count = rng.randint(low, high)
            if count:
                services.output_record(output=Output(campaign=campaign, kind=kind, count=count, on=day), by=by)
        services.beneficiary_record(beneficiary=Beneficiary(
            campaign=campaign, kind=BeneficiaryKind.ENTERPRISES, count=rng.randint(3, 8), on=day), by=by)
        services.beneficiary_record(beneficiary=Beneficiary(
            campaign=campaign, kind=BeneficiaryKind.WORKERS, count=rng.randint(50, 300), on=day), by=by)
        day += timedelta(days=30)
    return campaign


def load(stdout=None):
    today = timezone.localdate()
    rng = random.Random(1414)
    with transaction.atomic():
        audit_bulk_writes()
        for code, short in DISTRICTS.items():
            district = Area.objects.filter(code=code, level=Area.Level.DISTRICT).first()
            if district is None:
                stdout and stdout.write(f"public_service campaigns demo {code}: area missing, skipped\n")
                continue
            if Campaign.objects.in_area(district).exists():
                stdout and stdout.write(f"public_service campaigns demo {district.name}: already present\n")
                continue
            by = (User.objects.filter(role=Role.SECTION, section="public_service", area=district).first()
                  or User.objects.filter(is_superuser=True).order_by("pk").first())
            firms = list(LawFirm.objects.in_area(district).practising().order_by("pk")[:4])
            if by is None or len(firms) < 2:
                stdout and stdout.write(f"public_service campaigns demo {district.name}: no firms or users, skipped\n")
                continue
            lawyers = [lawyer for firm in firms[:2] for lawyer in firm.lawyers.practising().order_by("pk")[:3]]
            records = _site_records(district, by, today, rng)
            vouchers = _voucher_campaign(district, short, by, firms, today, rng)
            _checkup_campaign(district, short, by, firms[:3], lawyers, today, rng)
            ledger = vouchers.vouchers.ledger(today)
            stdout and stdout.write(
                f"public_service campaigns demo {district.name}: {records} site records; 2 campaigns; vouchers "
                f"issued {ledger['issued']['count']}, redeemed {ledger['redeemed']['count']} (settled "
                f"{ledger['settled']['count']}), outstanding {ledger['outstanding']['count']}\n")

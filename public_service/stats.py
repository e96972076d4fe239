"""Public legal service's indicators (indicators.md, section public_service), for any area and period.

The network (this module):
- sites, sites_centre / sites_station / sites_room: sites (lawyers.ServicePoint) open on the period's last day
  (opened by then, not closed by then), by level; sites_room counts every 工作室 — community rooms and park,
  estate or enterprise rooms alike;
- advisors_integrated: the distinct lawyers posted to a site (lawyers.Posting with a site) on the period's last
  day, or on a site's duty roster in the 30 days up to it;
- appointments: bookings served (到场) whose day is in the period, in the site's area;
- online_consultations: online questions answered in the period, in the resident's street;
  online_answered_on_time_rate: those answered by their due day / those answered;
- classes / class_attendances: classes and activities held in the period and the attendance recorded.

Campaigns, vouchers and service records are counted in campaign_stats.py (imported at the end), a group of its
own; the dashboards and the report show the function's groups as one (figures.stats joins them), and the
paragraph below reads every code of the function.
"""

from datetime import timedelta

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from figures.formatting import percent
from figures.stats import (
    Better,
    Indicator,
    Measure,
    Stock,
    compared,
    indicator_group,
    rate,
    register_measures,
    register_stocks,
    report_paragraph,
)
from lawyers.models import Lawyer, ServicePoint, SiteLevel

from .apps import FUNCTION
from .models import Booking, BookingStatus, ClassStatus, Duty, LegalClass, Question

DUTY_WINDOW_DAYS = 30

NETWORK_INDICATORS = [
    Indicator("public_service.sites", _("公共法律服务站点"), "个",
              _("统计期间最后一日运行的公共法律服务站点（中心、工作站、工作室）"),
              key=True, better=Better.UP),
    Indicator("public_service.sites_centre", _("公共法律服务中心"), "个", _("统计期间最后一日运行的区公共法律服务中心"),
              better=Better.NEITHER),
    Indicator("public_service.sites_station", _("公共法律服务工作站"), "个",
              _("统计期间最后一日运行的街道公共法律服务工作站"),
              better=Better.UP),
    Indicator("public_service.sites_room", _("公共法律服务工作室"), "个",
              _("统计期间最后一日运行的社区、园区、小区公共法律服务工作室"), better=Better.UP),
    Indicator("public_service.advisors_integrated", _("整合法律顾问"), "人",
              _("统计期间最后一日派驻站点的法律顾问，及此前30日内在站点值班的律师"), better=Better.UP),
    Indicator("public_service.appointments", _("线下预约服务"), "人次", _("期内预约到站并接受服务的人次"),
              better=Better.UP),
    Indicator("public_service.online_consultations", _("线上法律咨询"), "件", _("期内答复的线上法律咨询"),
              key=True, better=Better.UP),
    Indicator("public_service.online_answered_on_time_rate", _("线上咨询按时答复率"), "率",
              _("期内答复的线上咨询中在答复期限内答复的比例"), better=Better.UP),
    Indicator("public_service.classes", _("法律课堂"), "期", _("期内举办的法律课堂和法治活动"), better=Better.UP),
    Indicator("public_service.class_attendances", _("法律课堂参加人次"), "人次",
              _("期内举办的法律课堂和法治活动的参加人次"),
              better=Better.UP),
]

ROOM_LEVELS = [SiteLevel.ROOM, SiteLevel.PARK]


def _kinds(levels):
    return [kind for kind, level in ServicePoint.KIND_SITE_LEVEL.items() if level in levels]


def _sites_on(area, day):
    return ServicePoint.objects.in_area(area).active_on(day).aggregate(
        sites=Count("pk"),
        centre=Count("pk", filter=Q(kind__in=_kinds([SiteLevel.CENTRE]))),
        station=Count("pk", filter=Q(kind__in=_kinds([SiteLevel.STATION]))),
        room=Count("pk", filter=Q(kind__in=_kinds(ROOM_LEVELS))),
    )


def _advisors_on(area, day):
    posted = Q(postings__point__isnull=False, postings__point__area__path__startswith=area.path,
               postings__start_on__lte=day, postings__end_on__gte=day)
    on_duty = Q(pk__in=Duty.objects.in_area(area).filter(
        on__range=(day - timedelta(days=DUTY_WINDOW_DAYS - 1), day)).values("lawyer"))
    return Lawyer.objects.filter(posted | on_duty).distinct().count()


@indicator_group(FUNCTION, NETWORK_INDICATORS)
def network(area, period):
    span = (period.start, period.end)
    sites = _sites_on(area, period.end)
    answered = Question.objects.in_area(area).filter(answered_on__range=span).aggregate(
        answered=Count("pk"), late=Count("pk", filter=Q(answered_on__gt=F("due_on"))))
    classes = LegalClass.objects.in_area(area).held().filter(held_on__range=span).aggregate(
        n=Count("pk"), people=Sum("attendees"))
    return {
        "public_service.sites": sites["sites"],
        "public_service.sites_centre": sites["centre"],
        "public_service.sites_station": sites["station"],
        "public_service.sites_room": sites["room"],
        "public_service.advisors_integrated": _advisors_on(area, period.end),
        "public_service.appointments": Booking.objects.in_area(area).filter(
            status=BookingStatus.ATTENDED, on__range=span).count(),
        "public_service.online_consultations": answered["answered"],
        "public_service.online_answered_on_time_rate": rate(answered["answered"] - answered["late"],
                                                            answered["answered"]),
        "public_service.classes": classes["n"],
        "public_service.class_attendances": classes["people"] or 0,
    }


register_measures(
    Measure("public_service.appointments", lambda: Booking.objects.filter(status=BookingStatus.ATTENDED), "on",
            Count("pk"), area_field="point__area"),
    Measure("public_service.online_consultations", lambda: Question.objects.answered(), "answered_on", Count("pk"),
            area_field="street"),
    Measure("public_service.classes", lambda: LegalClass.objects.filter(status=ClassStatus.HELD), "held_on",
            Count("pk")),
    Measure("public_service.class_attendances", lambda: LegalClass.objects.filter(status=ClassStatus.HELD),
            "held_on", Sum("attendees")),
)

register_stocks(
    Stock("public_service.sites", lambda area, day: _sites_on(area, day)["sites"],
          standing=lambda area, day: ServicePoint.objects.active_on(day), aggregate=Count("pk")),
    Stock("public_service.sites_centre", lambda area, day: _sites_on(area, day)["centre"]),
    Stock("public_service.sites_station", lambda area, day: _sites_on(area, day)["station"]),
    Stock("public_service.sites_room", lambda area, day: _sites_on(area, day)["room"]),
    Stock("public_service.advisors_integrated", _advisors_on),
)


@report_paragraph(FUNCTION)
def public_service_paragraph(v, scope):
    """截至X月底，全区建成公共法律服务站点…个（中心…个、工作站…个、工作室…个），整合法律顾问…人。期内站点提供法律咨询
    …人次，代写文书、出具法律意见…份，线下预约服务…人次，答复线上法律咨询…件（按时答复率…），举办法律课堂…期、…人次。
    开展公益法律服务项目…个，服务企业、项目和职工…个（人），发放法律服务券…张、使用…张。 Nil figures are left out."""
    get = v.get
    sites = get("public_service.sites", 0)
    if sites:
        kinds = "、".join(f"{word}{get(code)}个" for word, code in (
            ("公共法律服务中心", "public_service.sites_centre"), ("工作站", "public_service.sites_station"),
            ("工作室", "public_service.sites_room")) if get(code))
        text = f"{scope.as_of}，{scope}共有公共法律服务站点{sites}个" + (f"（{kinds}）" if kinds else "")
        if get("public_service.advisors_integrated"):
            text += f"，整合法律顾问{get('public_service.advisors_integrated')}人"
        text += "。"
    else:
        text = f"{scope.as_of}，{scope}暂无公共法律服务站点。"
    parts = []
    if get("public_service.consultations"):
        consultations = get("public_service.consultations")
        parts.append(f"站点提供法律咨询{consultations}人次"
                     f"{compared(scope, 'public_service.consultations', consultations)}")
    if get("public_service.documents_and_opinions"):
        parts.append(f"代写法律文书、出具法律意见{get('public_service.documents_and_opinions')}份")
    if get("public_service.appointments"):
        parts.append(f"线下预约服务{get('public_service.appointments')}人次")
    if get("public_service.online_consultations"):
        on_time = get("public_service.online_answered_on_time_rate")
        parts.append(f"答复线上法律咨询{get('public_service.online_consultations')}件"
                     + (f"，按时答复率{_rate_words(on_time)}" if on_time is not None else ""))
    if get("public_service.classes"):
        attended = get("public_service.class_attendances", 0)
        parts.append(f"举办法律课堂和法治活动{get('public_service.classes')}期"
                     + (f"、{attended}人次参加" if attended else ""))
    text += ("期内" + "，".join(parts) + "。") if parts else "期内站点未登记服务。"
    campaign = []
    if get("public_service.campaigns"):
        campaign.append(f"开展公益法律服务项目{get('public_service.campaigns')}个")
    served = [f"{word}{get(code)}{unit}" for code, word, unit in (
        ("public_service.campaign_beneficiaries_enterprises", "企业", "家"),
        ("public_service.campaign_beneficiaries_projects", "项目", "个"),
        ("public_service.campaign_beneficiaries_workers", "职工", "人")) if get(code)]
    if served:
        campaign.append("服务" + "、".join(served))
    issued, redeemed = get("public_service.vouchers_issued"), get("public_service.vouchers_redeemed")
    if issued:
        campaign.append(f"发放法律服务券{issued}张" + (f"、使用{redeemed}张" if redeemed else ""))
    elif redeemed:
        campaign.append(f"使用法律服务券{redeemed}张")
    if campaign:
        text += "，".join(campaign) + "。"
    return text


def _rate_words(value):
    """约为97% reads as written; a rate with a decimal (95.8%) gets 为."""
    text = percent(value)
    return text if text.startswith("约为") else f"为{text}"


from . import campaign_stats  # noqa: E402,F401  (campaigns, vouchers and site records: a group of their own)

"""普法's indicators (indicators.md, section publicity): a handful of aggregate queries for any area and period.

- `activities` / `activity_audience`: the activities held in the period in the area (by their date and their
  area) plus the advisors' 普法宣传教育活动 log entries dated in it in the area (lawyers.ServiceLog, kind
  "publicity"; their count is the audience). The two are separate tables and nothing is copied between them,
  so each activity counts once.
- `videos` / `live_streams` / `micro_lessons`: media products published in the period.
- `materials.<kind>`: the quantities handed out at the activities held in the period.
- `positions.<level>`: 法治文化阵地 valid on the period's last day (awarded by then, not revoked by then).

The law exam and 谁执法谁普法 figures are declared in exam_stats.py (imported at the end); the dashboards and the
report show the function's groups as one (figures.stats joins them), with the one paragraph written here.
"""

from django.db.models import Count, Q, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from figures.formatting import percent
from figures.stats import (
    Better,
    Combined,
    Indicator,
    Measure,
    Stock,
    compared,
    indicator_group,
    register_combined,
    register_measures,
    register_stocks,
    report_paragraph,
)

from .apps import FUNCTION
from .models import (
    Activity,
    Level,
    Material,
    MaterialKind,
    MediaKind,
    MediaProduct,
    Position,
    advisor_publicity_entries,
)

INDICATORS = [
    Indicator("publicity.activities", _("普法活动"), "场",
              _("期内开展的普法活动（含社区法律顾问登记的普法宣传教育活动，每场只计一次）"),
              key=True, better=Better.UP),
    Indicator("publicity.activity_audience", _("普法活动受众"), "人次",
              _("期内普法活动的受众人次（含社区法律顾问的活动）"), key=True, better=Better.UP),
    Indicator("publicity.videos", _("普法小视频"), "个", _("期内发布的普法小视频"), better=Better.UP),
    Indicator("publicity.live_streams", _("专题网络直播"), "场", _("期内开展的普法专题网络直播"), better=Better.UP),
    Indicator("publicity.micro_lessons", _("微课堂"), "期", _("期内在公众号等平台发布的普法微课堂"),
              better=Better.UP),
    *(Indicator(f"publicity.materials.{kind}", format_lazy(_("发放{kind}"), kind=label), "份",
                format_lazy(_("期内普法活动发放的{kind}数量"), kind=label), better=Better.UP)
      for kind, label in MaterialKind.choices),
    *(Indicator(f"publicity.positions.{level}", format_lazy(_("{level}法治文化阵地"), level=label), "个",
                format_lazy(_("统计期间最后一日有效的{level}法治文化阵地（公园、基地、民主法治示范社区）"),
                            level=label),
                better=Better.UP)
      for level, label in Level.choices),
]

MEDIA_CODES = {MediaKind.VIDEO: "publicity.videos", MediaKind.LIVE_STREAM: "publicity.live_streams",
               MediaKind.MICRO_LESSON: "publicity.micro_lessons"}


def _positions_on(area, day):
    return Position.objects.in_area(area).valid_on(day).aggregate(
        **{level: Count("pk", filter=Q(level=level)) for level in Level.values})


@indicator_group(FUNCTION, INDICATORS)
def publicity(area, period):
    span = (period.start, period.end)
    mine = Activity.objects.in_area(area).filter(held_on__range=span).aggregate(
        n=Count("pk"), audience=Sum("audience"))
    theirs = advisor_publicity_entries().in_area(area).filter(on__range=span).aggregate(
        n=Count("pk"), audience=Sum("count"))
    media = MediaProduct.objects.in_area(area).filter(published_on__range=span).aggregate(
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in MEDIA_CODES})
    materials = Material.objects.in_area(area).filter(activity__held_on__range=span).aggregate(
        **{kind: Sum("quantity", filter=Q(kind=kind)) for kind in MaterialKind.values})
    positions = _positions_on(area, period.end)
    values = {
        "publicity.activities": mine["n"] + theirs["n"],
        "publicity.activity_audience": (mine["audience"] or 0) + (theirs["audience"] or 0),
    }
    values.update({code: media[kind] for kind, code in MEDIA_CODES.items()})
    values.update({f"publicity.materials.{kind}": materials[kind] or 0 for kind in MaterialKind.values})
    values.update({f"publicity.positions.{level}": positions[level] for level in Level.values})
    return values


register_measures(
    *(Measure(code, lambda kind=kind: MediaProduct.objects.filter(kind=kind), "published_on", Count("pk"))
      for kind, code in MEDIA_CODES.items()),
    *(Measure(f"publicity.materials.{kind}", lambda kind=kind: Material.objects.filter(kind=kind),
              "activity__held_on", Sum("quantity"), area_field="activity__area")
      for kind in MaterialKind.values),
)

register_stocks(*(Stock(f"publicity.positions.{level}", lambda area, day, level=level: _positions_on(area, day)[level])
                  for level in Level.values))

# 普法活动 and its 受众 for the comparison of areas: the section's activities and the advisors' entries, each one
# GROUP BY (as `publicity` counts them).
register_measures(
    Measure("publicity.activities.own", lambda: Activity.objects.all(), "held_on", Count("pk")),
    Measure("publicity.activities.advisors", advisor_publicity_entries, "on", Count("pk")),
    Measure("publicity.activity_audience.own", lambda: Activity.objects.all(), "held_on", Sum("audience")),
    Measure("publicity.activity_audience.advisors", advisor_publicity_entries, "on", Sum("count")),
)
register_combined(
    Combined("publicity.activities", parts=("publicity.activities.own", "publicity.activities.advisors")),
    Combined("publicity.activity_audience",
             parts=("publicity.activity_audience.own", "publicity.activity_audience.advisors")),
)


LEVEL_WORDS = {Level.NATIONAL: "国家级", Level.PROVINCIAL: "省级", Level.CITY: "市级", Level.DISTRICT: "区级"}


def _rate_words(value):
    return percent(value).removeprefix("约为")


@report_paragraph(FUNCTION)
def publicity_paragraph(v, scope):
    """截至…，全区开展普法活动…场，比上年同期增长…%，受众…人次，发放普法书籍…份、宣传折页…份；制作普法小视频…个，开展
    专题网络直播…场，推出普法微课堂…期。组织…名干部职工开展学法考试，参与率达…%，优秀率达…%。… (The report's sentences
    are Chinese whatever the page language; each figure carries its indicator's own unit.) The exam's codes are read
    with get: they may not be declared yet."""
    get = v.get
    if get("publicity.activities"):
        activities = v["publicity.activities"]
        first = f"{scope.as_of}，{scope}开展普法活动{activities}场{compared(scope, 'publicity.activities', activities)}"
        if get("publicity.activity_audience"):
            first += f"，受众{v['publicity.activity_audience']}人次"
        handed = [f"{word}{get(f'publicity.materials.{kind}')}份"
                  for kind, word in ((MaterialKind.BOOKS, "普法书籍"), (MaterialKind.LEAFLETS, "宣传折页"))
                  if get(f"publicity.materials.{kind}")]
        if handed:
            first += "，发放" + "、".join(handed)
    else:
        first = f"本期{scope}未登记普法活动"
    media = []
    if get("publicity.videos"):
        media.append(f"制作普法小视频{v['publicity.videos']}个")
    if get("publicity.live_streams"):
        media.append(f"开展专题网络直播{v['publicity.live_streams']}场")
    if get("publicity.micro_lessons"):
        media.append(f"推出普法微课堂{v['publicity.micro_lessons']}期")
    paragraph = first + ("；" + "，".join(media) if media else "") + "。"
    if get("publicity.exam_participants"):
        exam = f"组织{v['publicity.exam_participants']}名干部职工开展学法考试"
        if get("publicity.exam_participation_rate") is not None:
            exam += f"，参与率达{_rate_words(v['publicity.exam_participation_rate'])}"
        if get("publicity.exam_excellent_rate") is not None:
            exam += f"，优秀率达{_rate_words(v['publicity.exam_excellent_rate'])}"
        paragraph += exam + "。"
    if get("publicity.units_evaluated"):
        paragraph += f"对{v['publicity.units_evaluated']}个单位开展“谁执法谁普法”履职评议。"
    levels = [f"{word}{get(f'publicity.positions.{level}')}个" for level, word in LEVEL_WORDS.items()
              if get(f"publicity.positions.{level}")]
    if levels:
        paragraph += "期末共有法治文化阵地：" + "、".join(levels) + "。"
    return paragraph


from . import exam_stats  # noqa: E402,F401  (the law exam's and evaluations' group, after this one)

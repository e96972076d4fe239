"""The monthly appraisal (月评比): points per advisor from the service log, with the breakdown by kind.

    units of a kind  = its entries, or the sum of their counts (KIND_RULES: persons consulted, documents …)
    points of a kind = units × the district's weight + disputes resolved × the resolution bonus
    an advisor's points = the sum over the kinds; rank 1 is the most points, equal points share a rank

Every advisor posted in the district for the whole or part of the month is ranked, those who logged
nothing with 0 points. Three queries whatever the number of entries: the weights, one aggregate over the
month's entries grouped by advisor, and the advisors posted that month.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from bureau.models import Area
from bureau.permissions import is_advisor

from .data import DEFAULT_WEIGHTS
from .models import AppraisalWeight, Posting, ServiceKind, ServiceLog, month_bounds, units


def appraisal_districts(user):
    """The districts whose appraisal `user` reads (their own, or those below them: the city, the administrator),
    for the pages and the API alike; an advisor reads their own line on their workspace."""
    if is_advisor(user):
        raise PermissionDenied(_("月评比结果由区司法局发布，您可在工作台查看本人名次。"))
    districts = list(Area.objects.visible_to(user).filter(level=Area.Level.DISTRICT).order_by("code"))
    if not districts:
        raise PermissionDenied(_("月评比由区司法局组织，请在区一级账号查看。"))
    return districts


def chosen_district(districts, code):
    """The district of `code` among `districts`; without a code, the first. A code outside them is a 404, as
    any record outside one's jurisdiction is: answering with one's own district instead would say another's
    page exists and show the wrong figures under its address."""
    if not code:
        return districts[0]
    found = next((district for district in districts if district.code == code), None)
    if found is None:
        raise Http404
    return found


def weights_for(district):
    """{kind: (points per unit, points per dispute resolved)}: the district's own, else the defaults."""
    weights = dict(DEFAULT_WEIGHTS)
    for kind, points, resolved in AppraisalWeight.objects.filter(district=district).values_list(
            "kind", "points", "resolved_points"):
        weights[ServiceKind(kind)] = (points, resolved)
    return weights


@dataclass
class Line:
    lawyer_id: int
    name: str
    places: list = field(default_factory=list)
    entries: int = 0
    hours: Decimal = Decimal("0")
    points: Decimal = Decimal("0")
    breakdown: dict = field(default_factory=dict)  # kind value: (units, points)
    rank: int = 0

    def kind_units(self, kind):
        return self.breakdown.get(kind, (0, Decimal("0")))[0]


def ranking(district, month, weights=None):
    """The month's lines, best first (`weights`: those of weights_for(district), if the caller has them)."""
    first, last = month_bounds(month)
    weights = weights or weights_for(district)
    per_kind = {f"u_{kind.value}": Sum(units(), filter=Q(kind=kind)) for kind in ServiceKind}
    rows = (
        ServiceLog.objects.in_area(district).filter(on__range=(first, last)).values("lawyer_id")
        .annotate(entries=Count("pk"), hours=Sum("hours"),
                  resolved=Sum(units(), filter=Q(kind=ServiceKind.DISPUTE, resolved=True)), **per_kind)
        .order_by()
    )
    lines = {lawyer_id: Line(lawyer_id, name, places) for lawyer_id, (name, places) in posted(district, month).items()}
    for row in rows:
        line = lines.setdefault(row["lawyer_id"], Line(row["lawyer_id"], ""))
        line.entries, line.hours = row["entries"], row["hours"] or Decimal("0")
        for kind in ServiceKind:
            count = row[f"u_{kind.value}"] or 0
            if not count:
                continue
            per_unit, per_resolved = weights[kind]
            points = count * per_unit
            if kind == ServiceKind.DISPUTE:
                points += (row["resolved"] or 0) * per_resolved
            line.breakdown[kind.value] = (count, points)
            line.points += points
    if any(not line.name for line in lines.values()):  # logs without a posting that month (ended early)
        from .models import Lawyer

        names = dict(Lawyer.objects.filter(pk__in=[k for k, v in lines.items() if not v.name])
                     .values_list("pk", "name"))
        for lawyer_id, line in lines.items():
            line.name = line.name or names.get(lawyer_id, "")
    ordered = sorted(lines.values(), key=lambda line: (-line.points, line.name, line.lawyer_id))
    previous, rank = None, 0
    for position, line in enumerate(ordered, start=1):
        if line.points != previous:
            rank, previous = position, line.points
        line.rank = rank
    return ordered


def posted(district, month):
    """{lawyer id: (name, [places])} of the advisors posted in the district for the whole or part of the month,
    their places in the order of their postings."""
    advisors = {}
    for lawyer_id, name, area_name, point_name in (
            Posting.objects.in_area(district).overlapping(*month_bounds(month))
            .values_list("lawyer_id", "lawyer__name", "area__name", "point__name").order_by("start_on", "pk")):
        places = advisors.setdefault(lawyer_id, (name, []))[1]
        if (point_name or area_name) not in places:
            places.append(point_name or area_name)
    return advisors


def published(record):
    """A closed month's lines as published (an Appraisal's results), in the shape `ranking` returns."""
    advisors = posted(record.district, record.month)
    return [
        Line(result.lawyer_id, result.lawyer.name, advisors.get(result.lawyer_id, ("", []))[1], result.entries,
             result.hours, result.points, {kind: (n, points) for kind, (n, points) in result.breakdown.items()},
             result.rank)
        for result in record.results.select_related("lawyer").order_by("rank", "lawyer__name")
    ]


def parse_month(text, default):
    """“2026-03” → date(2026, 3, 1); anything else → the default. A month of year 1 or 9999 is “anything
    else” too: the ranking reaches the month before and after it, which no date has (a 500)."""
    try:
        month = datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return default
    return month if 1900 <= month.year <= 2999 else default

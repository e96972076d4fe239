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

from django.db.models import Count, Q, Sum

from .data import DEFAULT_WEIGHTS
from .models import AppraisalWeight, Posting, ServiceKind, ServiceLog, month_bounds, units


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
    lines = {}
    postings = (Posting.objects.in_area(district).overlapping(first, last)
                .values_list("lawyer_id", "lawyer__name", "area__name", "point__name").order_by("start_on", "pk"))
    for lawyer_id, name, area_name, point_name in postings:
        line = lines.setdefault(lawyer_id, Line(lawyer_id, name))
        place = point_name or area_name
        if place not in line.places:
            line.places.append(place)
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


def parse_month(text, default):
    """“2026-03” → date(2026, 3, 1); anything else → the default."""
    try:
        return datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return default

"""Which lawyer should take a case: rotation among eligible lawyers, weighted by specialty and load.

Deterministic: the same data always gives the same order, so the suggestion can be tested and re-checked.

    score = SPECIALTY_WEIGHT × (lawyer has the specialty the matter needs) − open legal-aid cases
    order: score ↓, then the longest since their last assignment (never assigned first), then id.

Criminal cases that may end in life imprisonment or death only go to lawyers with at least three years of
practice (法律援助法 第二十六条).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, IntegerField, Max, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lawyers.models import Lawyer, Specialty

from .models import OPEN_STATUSES

SPECIALTY_WEIGHT = 3
MIN_YEARS_FOR_LIFE_OR_DEATH = 3


@dataclass(frozen=True)
class Suggestion:
    lawyer: Lawyer
    score: int
    has_specialty: bool
    load: int
    last_assigned: date | None
    needed_specialty: str | None

    @property
    def reason(self):
        """How a clerk reads it: 专长：劳动争议；在办 2 件；上次指派 2026-03-01."""
        parts = [
            _("专长：%(s)s") % {"s": Specialty(self.needed_specialty).label} if self.has_specialty
            else _("无对应专长"),
            ngettext("在办 %(n)d 件", "在办 %(n)d 件", self.load) % {"n": self.load},
            _("上次指派 %(d)s") % {"d": self.last_assigned.isoformat()} if self.last_assigned
            else _("从未指派"),
        ]
        return "；".join(parts)


def eligible_lawyers(case, on):
    district = case.area.district
    lawyers = Lawyer.objects.available_for_legal_aid().in_area(district)
    if case.max_penalty_life_or_death:
        lawyers = lawyers.with_years_at_least(MIN_YEARS_FOR_LIFE_OR_DEATH, on)
    return lawyers


def ranked(case, on):
    """Every eligible lawyer as a Suggestion, best first (one query)."""
    needed = case.needed_specialty
    has_specialty = (
        CaseWhen(When(specialties__contains=[needed], then=Value(1)), default=Value(0),
                 output_field=IntegerField())
        if needed else Value(0, output_field=IntegerField())
    )
    rows = (
        eligible_lawyers(case, on)
        .annotate(
            load=Count("legal_aid_cases", filter=Q(legal_aid_cases__status__in=OPEN_STATUSES)),
            last_assigned=Max("legal_aid_cases__assigned_on"),
            has_specialty=has_specialty,
        )
        .annotate(score=F("has_specialty") * SPECIALTY_WEIGHT - F("load"))
        .order_by(F("score").desc(), F("last_assigned").asc(nulls_first=True), "pk")
    )
    return [
        Suggestion(lawyer, lawyer.score, bool(lawyer.has_specialty), lawyer.load, lawyer.last_assigned, needed)
        for lawyer in rows
    ]


def suggest(case, on):
    best = ranked(case, on)[:1]
    return best[0] if best else None

"""Demo legal aid for 罗湖区 and 光明区: applications and notices, consultations and quality records from 1 January
two years ago to today (made on 2030-10-08, it covers 2028-01-01..2030-10-08), at a steady monthly volume, so
every trend and every 同比 has a real base.

Every person, company and story here is invented; ID numbers are well-formed (GB 11643 check digit, a
region code valid for the birth year) so that pages and validations behave as with real data.

The cases move by the services' own steps (legalaid.lifecycle: the fields, the statutory clocks from the
ClockRule rows on the State Council calendar — weekdays in a year without a loaded holiday calendar — and the
timeline texts), along the transition map, assigned only after the decision and only to eligible lawyers of
the district; they are written with bulk_create, so the span of two districts takes seconds. A fixed seed
per district makes the data the same on every machine; a
district that already has cases (consultations, experts) is left alone, so a second run adds nothing.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation

from bureau.audit import audit_bulk_writes
from bureau.models import Area
from lawyers.models import Lawyer

from .. import lifecycle
from ..data import ensure_clock_rules
from ..models import (
    Case,
    ClockRule,
    Consultation,
    Expert,
    Status,
)
from .cases import _cases
from .helpers import World
from .quality import _consultations, _experts, _quality
from .texts import DISTRICTS, YEARS_BACK

# --- entry point ------------------------------------------------------------------------------------------


def load(stdout, scale=1.0):
    """Create the demo legal aid of each demo district that has none yet. `scale` shrinks it (tests)."""
    end = timezone.localdate()
    first = date(end.year - YEARS_BACK, 1, 1)
    with translation.override("zh-hans"), transaction.atomic():
        audit_bulk_writes()  # every row still audited, without a subtransaction per row
        ensure_clock_rules(ClockRule)
        # One calendar for every clock of the span: one query, then arithmetic in memory.
        clocks = lifecycle.Clocks(first, end)
        for plan in DISTRICTS:
            district = Area.objects.filter(code=plan.code, level=Area.Level.DISTRICT).first()
            if district is None:
                stdout.write(f"legalaid demo {plan.code}: area missing, skipped (run load_reference_data)\n")
                continue
            w = World(plan, district, scale, first, end, clocks)
            if w.section is None or not w.streets:
                stdout.write(f"legalaid demo {district.name}: no legal-aid section user or streets, skipped\n")
                continue
            parts = []
            if Expert.objects.in_area(district).exists():
                experts = None
            else:
                experts = _experts(w)
                parts.append(f"{len(experts)} experts")
            if Case.objects.in_area(district).exists():
                parts.insert(0, "cases already present")
            else:
                lawyers = list(Lawyer.objects.available_for_legal_aid().in_area(district).order_by("pk"))
                cases, recipients = _cases(w, lawyers)
                waiting = sum(1 for c in cases if c.status in (Status.RECEIVED, Status.GRANTED))
                overdue = sum(1 for c in cases if c.is_overdue(end))
                parts.insert(0, f"{len(cases)} cases ({recipients} recipients; {waiting} awaiting decision or "
                                f"assignment, {overdue} overdue; {len(lawyers)} lawyers)")
                q = _quality(w, cases)
                parts.append(f"{q['file']} file evaluations, {q['hearing']} hearing evaluations, "
                             f"{q['follow_up']} follow-ups, {q['complaint']} complaints")
            if Consultation.objects.in_area(district).exists():
                parts.append("consultations already present")
            else:
                rows = _consultations(w)
                parts.insert(1, f"{len(rows)} consultations ({sum(r.person_times for r in rows)} person-times)")
            stdout.write(f"legalaid demo {district.name}: " + ", ".join(parts) + "\n")

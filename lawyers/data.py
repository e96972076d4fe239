"""Reference values of the advisors' monthly appraisal: the points a district starts with per unit of each
service kind (a unit is an entry or its count, see KIND_RULES). The bureau edits its own on the weights page."""

from decimal import Decimal

from .models import ServiceKind

# kind: (points per unit, extra points per dispute resolved)
DEFAULT_WEIGHTS = {
    ServiceKind.DISPUTE: (Decimal("3"), Decimal("2")),
    ServiceKind.PUBLICITY: (Decimal("5"), Decimal("0")),
    ServiceKind.LECTURE: (Decimal("8"), Decimal("0")),
    ServiceKind.DOCUMENT_REVIEW: (Decimal("2"), Decimal("0")),
    ServiceKind.LEGAL_OPINION: (Decimal("3"), Decimal("0")),
    ServiceKind.MASS_INCIDENT: (Decimal("10"), Decimal("0")),
    ServiceKind.ONLINE: (Decimal("0.5"), Decimal("0")),
    ServiceKind.ENTERPRISE_VISIT: (Decimal("2"), Decimal("0")),
    ServiceKind.HEALTH_CHECK: (Decimal("5"), Decimal("0")),
    ServiceKind.CONSULTATION: (Decimal("1"), Decimal("0")),
}

"""法治政府: drafting units and clocks (units.py), texts under legality review and normative documents
(documents.py), reconsideration and litigation ledgers (cases.py)."""

from .cases import (  # noqa: F401
    CORRECTIVE_DECISIONS,
    LOST_JUDGMENTS,
    RECONSIDERATION_TRANSITIONS,
    Channel,
    Decision,
    Hearing,
    Instance,
    Judgment,
    Litigation,
    Matter,
    Reconsideration,
    ReconsiderationStatus,
)
from .documents import (  # noqa: F401
    ENDED_STATUSES,
    GOVERNMENT_KINDS,
    TRANSITIONS,
    VALID_YEARS,
    Assessment,
    Document,
    Kind,
    Material,
    ReviewRound,
    Status,
    Topic,
    format_number,
    parse_number,
    required_materials,
)
from .units import ClockRule, Unit, UnitKind, UnitMember, units_of  # noqa: F401

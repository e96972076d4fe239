"""Community corrections (社区矫正) and resettlement (安置帮教).

A `Supervisee` is a person under community correction supervised by one street office (司法所), the place
of execution (执行地). Who is on the register at any date is never stored as a counter: it follows from the
`LedgerEntry` rows (接收, 迁入, 迁出, 解除, 终止), written only by `corrections.services`. Everything that
happens to a person — talks, checks, travel, sessions, decisions, monitoring, risk — is a dated record with
the area where it happened, so the statistics are one aggregate per indicator.

Visibility follows the person: the office now supervising someone sees their whole file, an office they
left sees nothing of them any more (PIPL: only who needs it).
"""

from .register import (  # noqa: F401
    MONITORING_MONTHS,
    REPORT_IN_DAYS,
    RESETTLEMENT_YEARS,
    STREET_TRAVEL_DAYS,
    Gender,
    LedgerEntry,
    Level,
    LevelChange,
    LevelPolicy,
    SentenceKind,
    Supervisee,
)
from .resettlement import ReleasedPerson, ResettlementFollowUp, ResettlementHelp, listed_until  # noqa: F401
from .risk import (  # noqa: F401
    DeliberatedCase,
    Deliberation,
    Emergency,
    EmergencyStep,
    RiskCase,
    RiskMeeting,
)
from .supervision import (  # noqa: F401
    AssessmentDecision,
    Attendance,
    EducationSession,
    Monitoring,
    ReviewMeeting,
    SupervisionEvent,
    TravelApproval,
    last_monitoring_day,
)

"""法治政府: drafting units and clocks (units.py), texts under legality review and normative documents
(documents.py), reconsideration and litigation ledgers (cases.py)."""

from .assessment import (  # noqa: F401
    AssessedUnit,
    AssessmentCategory,
    AssessmentEvidence,
    AssessmentItem,
    AssessmentRound,
    AssessmentScore,
    RoundStatus,
    ShufaForm,
    ShufaReport,
)
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
from .counsel import AffairKind, CounselEngagement, CounselLawyer, Evaluation, Handler, LegalAffair  # noqa: F401
from .decisions import BASE_STEPS, DecisionStatus, DecisionStep, MajorDecision, Step  # noqa: F401
from .documents import (  # noqa: F401
    ENDED_STATUSES,
    GOVERNMENT_KINDS,
    TRANSITIONS,
    VALID_YEARS,
    Assessment,
    Document,
    DocumentAttachment,
    Kind,
    Material,
    ReviewRound,
    Status,
    Topic,
    format_number,
    parse_number,
    required_materials,
)
from .enforcement import (  # noqa: F401
    EnforcementOfficer,
    EnforcementTraining,
    FileReview,
    ReviewedFile,
    TrainingUnit,
)
from .units import ClockRule, Unit, UnitKind, UnitMember, units_of  # noqa: F401

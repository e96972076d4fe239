"""People's mediation (人民调解): organisations and mediators (organisations.py), screening and cases
(cases.py)."""

from .cases import (  # noqa: F401
    CONCLUSION_MONTHS,
    CONFIRMATION_DAYS,
    OPEN_STATUSES,
    REFERRAL_SOURCES,
    TRANSITIONS,
    AgreementForm,
    Case,
    ConfirmationResult,
    DisputeType,
    Extension,
    FoundDispute,
    Outcome,
    Party,
    Performance,
    RiskLevel,
    ScreeningRound,
    Source,
    Status,
    conclusion_due,
)
from .organisations import (  # noqa: F401
    FILING_DAYS,
    KIND_LEVELS,
    Form,
    Kind,
    Mediator,
    Organisation,
    Sector,
    Training,
    organisations_of,
)

"""The lawyers function's models: the registry (registry.py) and community legal advisors (advisors.py)."""

from .advisors import (  # noqa: F401
    ATTACHMENT_MAX_BYTES,
    ATTACHMENTS_PER_LOG,
    COUNTED_KINDS,
    KIND_RULES,
    Appraisal,
    AppraisalResult,
    AppraisalWeight,
    Attachment,
    KindRule,
    Posting,
    ServiceKind,
    ServiceLog,
    ServicePoint,
    area_codes,
    month_bounds,
    month_start,
    units,
    validate_attachment,
)
from .registry import (  # noqa: F401
    LawFirm,
    Lawyer,
    Specialty,
    Status,
    validate_certificate_number,
    validate_credit_code,
)

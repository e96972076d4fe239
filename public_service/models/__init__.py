"""public_service models: the network (network.py), the residents' side (resident.py), campaigns (campaigns.py)."""

from .campaigns import (  # noqa: F401
    CAMPAIGN_TRANSITIONS,
    OUTPUT_UNITS,
    Beneficiary,
    BeneficiaryKind,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Output,
    OutputKind,
    Settlement,
    Voucher,
    VoucherStatus,
)
from .network import Duty, OpeningHours, SiteScopedQuerySet, Weekday, hours_text  # noqa: F401
from .records import SiteRecord, StaffKind  # noqa: F401
from .resident import (  # noqa: F401
    TAKING_PLACE,
    Booking,
    BookingStatus,
    ClassKind,
    ClassSignup,
    ClassStatus,
    LegalClass,
    PhoneCode,
    Question,
    QuestionCategory,
    Slot,
    hash_code,
    new_code,
)

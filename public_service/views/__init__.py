"""Public legal service pages (public_service/urls.py): the residents' side (resident.py, no account) and the
staff pages (staff.py)."""

from .resident import (  # noqa: F401
    resident_ask,
    resident_book,
    resident_booking,
    resident_booking_cancel,
    resident_bookings,
    resident_classes,
    resident_forget,
    resident_home,
    resident_question,
    resident_questions,
    resident_signup,
    resident_site,
    resident_verify,
)
from .staff import (  # noqa: F401
    BookingListView,
    LegalClassListView,
    QuestionListView,
    SiteListView,
    booking_action,
    booking_detail,
    class_action,
    class_create,
    class_detail,
    question_detail,
    site_detail,
    site_duty,
    site_edit,
    site_hours,
)

"""What public legal services offers the search box (bureau.search): residents' bookings and questions, by the
name or the phone number they gave and by their codes; with the same Access as the pages that list them."""

from django.utils.translation import gettext_lazy as _

from bureau.search import SearchSource

from .apps import FUNCTION
from .models import Booking, Question
from .permissions import NETWORK_OFFICE

SOURCES = [
    SearchSource(
        function=FUNCTION, model=Booking, label=_("预约"), names=("name",), phones=("phone",), numbers=("code",),
        allowed=NETWORK_OFFICE.read,
        title=lambda booking: f"{booking.name} · {booking.on:%Y-%m-%d}",
        describe=lambda booking: f"{booking.point.name} · {booking.get_status_display()}", related=("point",),
    ),
    SearchSource(
        function=FUNCTION, model=Question, label=_("线上法律咨询"), phones=("phone",), numbers=("code",),
        title=lambda question: f"{question.code} · {question.asked_on:%Y-%m-%d}",
        describe=lambda question: f"{question.get_category_display()} · {question.street.name}",
        related=("street",),
    ),
]

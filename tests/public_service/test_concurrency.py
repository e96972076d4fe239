"""20 residents book one slot with a limit of 5 at the same moment, each in its own connection and
transaction: the slot's row lock lets exactly 5 through, and the others are told it is full."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from public_service import services
from public_service.models import Booking, OpeningHours, Slot

from .conftest import tomorrow_at

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_parallel_bookings_of_a_slot_of_five_let_exactly_five_through(network):
    OpeningHours.objects.filter(point=network.station_a).update(slot_limit=5)
    at = tomorrow_at(10)
    start = Barrier(20)

    def attempt(n):
        start.wait()  # all at once
        try:
            services.booking_create(point=network.station_a, starts_at=at, phone=f"1390000{n:04d}", name="居民",
                                    matter="咨询劳动纠纷")
            return "ok"
        except ValidationError as error:
            return " ".join(error.messages)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, range(20)))

    assert results.count("ok") == 5
    assert all("已约满" in r for r in results if r != "ok")
    assert Slot.objects.filter(point=network.station_a, starts_at=at).count() == 1
    assert Booking.objects.filter(slot__starts_at=at).count() == 5

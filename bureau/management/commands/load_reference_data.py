from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from bureau.data.areas import CITY, DEMO_COMMUNITY_SUFFIXES, DISTRICTS
from bureau.data.holidays import HOLIDAYS
from bureau.models import Area, CalendarDay


def _upsert_area(code, name, level, parent, is_demo=False):
    area, _created = Area.objects.update_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent, "is_demo": is_demo}
    )
    return area


def load_areas():
    city = _upsert_area(*CITY, Area.Level.CITY, None)
    for (district_code, district_name), streets in DISTRICTS.items():
        district = _upsert_area(district_code, district_name, Area.Level.DISTRICT, city)
        for street_code, street_name in streets:
            street = _upsert_area(street_code, street_name, Area.Level.STREET, district)
            stem = street_name.removesuffix("街道")
            for number, suffix in enumerate(DEMO_COMMUNITY_SUFFIXES, start=1):
                _upsert_area(f"{street_code}{number:03d}", stem + suffix, Area.Level.COMMUNITY, street, is_demo=True)
    return Area.objects.count()


def calendar_rows():
    for year, festivals in HOLIDAYS.items():
        for name, ranges, workdays in festivals:
            for first, last in ranges:
                day, end = date.fromisoformat(first), date.fromisoformat(last)
                while day <= end:
                    yield day, CalendarDay.Kind.HOLIDAY, name
                    day += timedelta(days=1)
            for workday in workdays:
                yield date.fromisoformat(workday), CalendarDay.Kind.WORKDAY, name


def load_calendar():
    """Insert the published days that are missing; days the administrator edited are left alone."""
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d, kind=kind, name=name) for d, kind, name in calendar_rows()], ignore_conflicts=True
    )
    return CalendarDay.objects.count()


class Command(BaseCommand):
    help = "Load the reference areas (深圳市, 罗湖区, 光明区) and the 2020–2026 holiday calendar. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        areas = load_areas()
        days = load_calendar()
        self.stdout.write(f"reference data: {areas} areas, {days} calendar days")

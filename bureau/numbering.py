"""Document numbers as the bureau writes them: 罗法援〔2026〕0001号, 罗调〔2026〕00001号.

A number is the district's short name, the kind of document, the year in 〔〕 and a running number; the
running number is allocated under a PostgreSQL advisory lock, so two clerks (or an import) never get the same.
"""

from django.db import connection
from django.db.models import Max


def district_short_name(district):
    """罗湖区 → 罗: the first character, as the bureau's documents write it — unless another district of the city
    starts with the same one (龙岗区, 龙华区), then its name without 区 / 新区: 龙岗."""
    from .models import Area

    shares_first = Area.objects.filter(parent_id=district.parent_id, level=Area.Level.DISTRICT,
                                       name__startswith=district.name[0]).exclude(pk=district.pk).exists()
    return district.name.removesuffix("新区").removesuffix("区") if shares_first else district.name[0]


def number_prefix(district, kind, year):
    """(罗湖区, "法援", 2026) → 罗法援〔2026〕."""
    return f"{district_short_name(district)}{kind}〔{year}〕"


def next_numbers(queryset, prefix, *, count=1, digits=4, field="number"):
    """The next `count` numbers after the highest `field` starting with `prefix` in `queryset`, zero-padded to
    `digits` and ending in 号. Call inside a transaction: the lock is held until commit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [prefix])
    last = queryset.filter(**{f"{field}__startswith": prefix}).aggregate(m=Max(field))["m"]
    start = int(last[len(prefix):-1]) + 1 if last else 1
    return [f"{prefix}{n:0{digits}d}号" for n in range(start, start + count)]

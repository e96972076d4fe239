"""Reference data of corrections: the supervision levels' default intervals (editable in the admin).

严管 people get a talk and an information check every week; 普管 a talk a month and a check a fortnight; 宽管
half as often as 普管 — the pace most district bureaus in Guangdong write into their supervision rules.
"""

DEFAULT_LEVEL_POLICIES = [
    # level, talk every, information check every, no contact at all for (days)
    ("strict", 7, 7, 10),
    ("normal", 30, 15, 35),
    ("lenient", 60, 30, 65),
]


def ensure_level_policies(LevelPolicy):
    """Create the levels' rows that are missing (the model is passed in: migrations give a historical one)."""
    for level, talk, check, silence in DEFAULT_LEVEL_POLICIES:
        LevelPolicy.objects.get_or_create(
            level=level,
            defaults={"talk_interval_days": talk, "check_interval_days": check, "no_contact_days": silence},
        )

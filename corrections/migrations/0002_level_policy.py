"""The supervision levels' default intervals (editable by the administrator afterwards).

严管 people get a talk and an information check every week; 普管 a talk a month and a check a fortnight; 宽管
half as often as 普管 — the pace most district bureaus in Guangdong write into their supervision rules.
"""

from django.db import migrations

DEFAULTS = [
    # level, talk every, information check every, no contact at all for
    ("strict", 7, 7, 10),
    ("normal", 30, 15, 35),
    ("lenient", 60, 30, 65),
]


def seed(apps, schema_editor):
    LevelPolicy = apps.get_model("corrections", "LevelPolicy")
    for level, talk, check, silence in DEFAULTS:
        LevelPolicy.objects.get_or_create(
            level=level,
            defaults={"talk_interval_days": talk, "check_interval_days": check, "no_contact_days": silence},
        )


class Migration(migrations.Migration):
    dependencies = [("corrections", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

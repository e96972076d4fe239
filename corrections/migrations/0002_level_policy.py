"""The supervision levels' default intervals (corrections/data.py), editable by the administrator afterwards."""

from django.db import migrations

from corrections.data import ensure_level_policies


def seed(apps, schema_editor):
    ensure_level_policies(apps.get_model("corrections", "LevelPolicy"))


class Migration(migrations.Migration):
    dependencies = [("corrections", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""The statutory clocks as the law sets them; the administrator may change days or kind of day later."""

from django.db import migrations

from legalaid.data import ensure_clock_rules


def add_rules(apps, schema_editor):
    ensure_clock_rules(apps.get_model("legalaid", "ClockRule"))


class Migration(migrations.Migration):
    dependencies = [("legalaid", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]

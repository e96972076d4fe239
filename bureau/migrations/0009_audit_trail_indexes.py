"""The audit trail's indexes (bureau.audit.ensure_indexes): on every event table present, and on the contexts'
user. Event tables made later get theirs from the post_migrate hook (bureau.apps), so no function app needs
a migration of its own."""

from django.db import migrations


def create_indexes(apps, schema_editor):
    from bureau.audit import ensure_indexes

    ensure_indexes(using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("bureau", "0008_audit_per_statement"),
        ("pghistory", "0006_delete_aggregateevent"),
    ]

    operations = [migrations.RunPython(create_indexes, migrations.RunPython.noop)]

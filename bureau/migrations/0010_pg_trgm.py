"""pg_trgm, for the search box's trigram indexes (bureau.search): the function apps' migrations that add a GIN
trigram index depend on this one. The embedded PostgreSQL 18 build ships the extension too."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("bureau", "0009_audit_trail_indexes"),
    ]

    operations = [TrigramExtension()]

"""No index of ours repeats the start of another: every index is written on every insert, and one whose columns
lead another (a foreign key's own index beside a composite or a unique constraint it begins) serves no lookup the
other does not. Django gives every foreign key an index; a key that leads a composite is declared
`db_index=False`. Tables Django makes for a many-to-many field are not ours to index and are left out."""

import pytest
from django.apps import apps
from django.db import connection

OURS = {"bureau", "legalaid", "corrections", "lawyers", "mediation", "public_service", "normative_docs", "publicity"}

# Pairs of plain btree indexes (no expression, no predicate) on one table where the first one's key columns, with
# their operator classes, are the second one's first columns; a unique index is never the one that goes.
REPEATED = """
SELECT a.indrelid::regclass::text, ai.relname, bi.relname
FROM pg_index a
JOIN pg_class ai ON ai.oid = a.indexrelid
JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
JOIN pg_class bi ON bi.oid = b.indexrelid
JOIN pg_am am ON am.oid = ai.relam AND am.amname = 'btree'
JOIN pg_am bm ON bm.oid = bi.relam AND bm.amname = 'btree'
WHERE a.indrelid::regclass::text = ANY(%s)
  AND NOT a.indisunique AND a.indpred IS NULL AND b.indpred IS NULL
  AND a.indexprs IS NULL AND b.indexprs IS NULL
  AND a.indnkeyatts <= b.indnkeyatts
  AND (a.indkey::int2[])[0:a.indnkeyatts - 1] = (b.indkey::int2[])[0:a.indnkeyatts - 1]
  AND (a.indclass::oid[])[0:a.indnkeyatts - 1] = (b.indclass::oid[])[0:a.indnkeyatts - 1]
  AND (a.indnkeyatts < b.indnkeyatts OR b.indisunique OR a.indexrelid > b.indexrelid)
ORDER BY 1, 2
"""


def our_tables():
    return sorted({model._meta.db_table for model in apps.get_models()
                   if model._meta.app_label in OURS and not model._meta.auto_created})


@pytest.mark.django_db
def test_no_index_repeats_the_start_of_another():
    with connection.cursor() as cursor:
        cursor.execute(REPEATED, [our_tables()])
        repeated = cursor.fetchall()
    assert repeated == [], "indexes led by another index's columns (table, index, covered by):\n" + "\n".join(
        f"  {table}: {index} ⊂ {other}" for table, index, other in repeated)


@pytest.mark.django_db
def test_the_query_finds_a_repeated_index():
    """The check above is not vacuous: an index on a column that leads a composite is reported."""
    with connection.cursor() as cursor:
        cursor.execute('CREATE INDEX "test_repeated_idx" ON "bureau_reminder" ("area_id")')
        cursor.execute(REPEATED, [["bureau_reminder"]])
        assert cursor.fetchall() == [("bureau_reminder", "test_repeated_idx", "reminder_office_idx")]


@pytest.mark.django_db
def test_a_new_office_to_do_writes_neither_the_person_nor_the_closer_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'bureau_reminder'")
        definitions = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM pg_constraint WHERE conrelid = 'bureau_reminder'::regclass "
                       "AND contype = 'f' AND conname LIKE '%%content_type%%'")
        content_type_keys = cursor.fetchone()[0]
    assert definitions["reminder_assignee_idx"].endswith("WHERE (assignee_id IS NOT NULL)")
    assert definitions["reminder_done_by_idx"].endswith("WHERE (done_by_id IS NOT NULL)")
    assert "(content_type_id, object_id)" in definitions["reminder_record_idx"]
    assert content_type_keys == 0  # the pair is not the database's to check (bureau.models.Reminder)


@pytest.mark.django_db
def test_the_orm_still_removes_the_to_dos_of_a_removed_content_type():
    from datetime import date

    from django.contrib.contenttypes.models import ContentType

    from bureau.models import Area, Reminder

    area = Area.objects.create(code="990000", name="测试区", level=Area.Level.DISTRICT)
    gone = ContentType.objects.create(app_label="retired", model="oldrecord")
    Reminder.objects.create(kind="retired.rule", title="x", area=area, content_type=gone, object_id=1,
                            due_on=date(2026, 1, 5))
    gone.delete()
    assert not Reminder.objects.exists()

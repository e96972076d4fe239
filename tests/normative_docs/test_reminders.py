"""法治政府's to-dos: the daily run finds every clock once (a second run adds nothing), they are the 法制科's (not
a unit's, not another district's), and a write that stops a clock closes or cancels its to-do."""

from datetime import date

from bureau.models import Reminder
from bureau.reminders import run_rules
from normative_docs import services
from normative_docs.models import Document, Reconsideration, ReviewRound
from normative_docs.reminders import (
    ACCEPTANCE_DUE,
    DECISION_DUE,
    DOCUMENT_KINDS,
    RECONSIDERATION_KINDS,
    REVIEW_DUE,
    ROUND_KINDS,
)

from .conftest import ALL_MATERIALS

STORY_DAY = date(2026, 6, 30)
KINDS = set(DOCUMENT_KINDS) | set(ROUND_KINDS) | set(RECONSIDERATION_KINDS)


def test_the_daily_run_creates_each_to_do_once_for_the_section_only(law, areas):
    document = services.document_submit(document=Document(
        unit=law.unit_a, kind="normative", title="办法", materials=ALL_MATERIALS, submitted_on=date(2026, 5, 4)),
        by=law.drafter_a)
    case = services.reconsideration_receive(case=Reconsideration(
        area=areas.district, applicant="张某", respondent="罗湖区住房和建设局", matter="disclosure",
        received_on=date(2026, 5, 6)), by=law.section)
    Reminder.objects.all().delete()  # as if the writes had been imported without their to-dos
    first = run_rules(date(2026, 5, 7), kinds=KINDS)
    assert (first[REVIEW_DUE], first[ACCEPTANCE_DUE]) == (1, 1)
    assert set(run_rules(date(2026, 5, 8), kinds=KINDS).values()) == {0}
    inbox = Reminder.objects.inbox(law.section).open()
    assert set(inbox.values_list("kind", flat=True)) == {REVIEW_DUE, ACCEPTANCE_DUE}
    assert not Reminder.objects.inbox(law.drafter_a).exists()
    assert not Reminder.objects.inbox(law.other_section).exists()

    services.reconsideration_accept(case=case, on=date(2026, 5, 8), by=law.section)
    assert Reminder.objects.for_object(case).get(kind=ACCEPTANCE_DUE).state == Reminder.State.DONE
    assert Reminder.objects.for_object(case).get(kind=DECISION_DUE).due_on == date(2026, 7, 7)
    services.document_review(document=document, on=date(2026, 5, 11), passed=True, opinions="", by=law.section)
    assert not Reminder.objects.for_object(document).open().exists()


def test_the_clocks_fall_back_to_their_defaults_when_their_rows_are_missing(law):
    from normative_docs.models import ClockRule

    ClockRule.objects.all().delete()
    assert set(run_rules(date(2026, 5, 7), kinds=KINDS).values()) == {0}
    assert ClockRule.due_on(ClockRule.Code.ACCEPTANCE, date(2026, 3, 6)) == date(2026, 3, 13)


def test_migration_0005_moves_the_review_to_dos_from_documents_to_their_rounds(law):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    migration = import_module("normative_docs.migrations.0005_document_attachments")
    document = services.document_submit(document=Document(
        unit=law.unit_a, kind="normative", title="办法", materials=ALL_MATERIALS, submitted_on=date(2026, 5, 4)),
        by=law.drafter_a)
    review_round = document.rounds.get()
    Reminder.objects.all().delete()
    old = Reminder.objects.create(kind=REVIEW_DUE, title="合法性审查：办法", area=law.unit_a.area, role="section",
                                  content_type=ContentType.objects.get_for_model(Document), object_id=document.pk,
                                  due_on=review_round.due_on)
    with connection.schema_editor() as editor:
        migration.review_todos_to_rounds(apps, editor)
    old.refresh_from_db()
    assert (old.content_type.model_class(), old.object_id, old.is_open) == (ReviewRound, review_round.pk, True)

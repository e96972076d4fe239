"""The daily reminder task through the real Redis broker and a real worker."""

import pytest
from django.utils import timezone

from bureau.models import Reminder
from bureau.reminders import PASSWORD_KIND
from bureau.tasks import run_reminder_rules_task


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_on_a_worker_through_redis_and_a_second_run_adds_nothing(celery_worker, personas):
    today = timezone.localdate().isoformat()
    first = run_reminder_rules_task.delay(today).get(timeout=30)
    second = run_reminder_rules_task.delay(today).get(timeout=30)
    assert first[PASSWORD_KIND] == 7 and second[PASSWORD_KIND] == 0
    assert Reminder.objects.filter(kind=PASSWORD_KIND).count() == 7

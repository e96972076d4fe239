"""The daily reminder task through the real Redis broker and a real worker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from bureau.celery import app
from bureau.models import Reminder
from bureau.reminders import PASSWORD_KIND
from bureau.tasks import run_reminder_rules_task


@pytest.fixture
def isolated_broker(settings):
    """Redis databases 13/14 and a queue of its own, so a developer's running worker never takes the message."""
    base = settings.REDIS_URL
    previous = dict(app.conf)
    app.conf.update(broker_url=f"{base}/13", result_backend=f"{base}/14", task_default_queue="bureau-tests")
    yield app
    app.conf.update(broker_url=previous["broker_url"], result_backend=previous["result_backend"],
                    task_default_queue=previous["task_default_queue"])


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_on_a_worker_through_redis_and_a_second_run_adds_nothing(isolated_broker, personas):
    today = timezone.localdate().isoformat()
    with start_worker(isolated_broker, pool="solo", perform_ping_check=False, queues=["bureau-tests"]):
        first = run_reminder_rules_task.delay(today).get(timeout=30)
        second = run_reminder_rules_task.delay(today).get(timeout=30)
    assert first[PASSWORD_KIND] == 7 and second[PASSWORD_KIND] == 0
    assert Reminder.objects.filter(kind=PASSWORD_KIND).count() == 7

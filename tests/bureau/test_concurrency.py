"""Issue 18, parts 6 and 7, with real concurrency: each writer in its own thread, connection and transaction.

6. Two PATCHes of different fields of one law firm, or of one service-log entry, at the same moment: the probe
   lost one change in 20 of 25 pairs, both answered 200. Now neither change is lost: the second write finds the
   row at a newer version and is answered 409.
7. Two registrations of one ID number at the same moment both succeeded; now the database holds one.

Transactional tests flush the database afterwards; every fixture here is made in the test.
"""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier, Event

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from bureau.identifiers import female_by_resident_id
from corrections import services as corrections_services
from corrections.data import ensure_level_policies
from corrections.models import Level, LevelPolicy, SentenceKind, Supervisee
from lawyers.models import LawFirm, ServiceLog
from tests.factories import LawFirmFactory, resident_id
from tests.lawyers.conftest import advisors, log, registry  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = 25


def signed_in(user):
    client = Client()
    client.force_login(user, backend="bureau.backends.ModelBackend")
    return client


def in_parallel(*calls):
    """Run each call in its own thread (and database connection), all released at once; their results."""
    start = Barrier(len(calls))

    def run(call):
        start.wait()
        try:
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def patch(client, url, payload):
    return lambda: client.patch(url, payload, content_type="application/json")


def test_defect_6_concurrent_writes_of_one_record_lose_no_change(personas, areas, advisors, log):  # noqa: F811
    """One test, because each transactional test costs a flush of the whole database."""
    patches_of_one_firm(personas, areas)
    a_write_waiting_on_a_concurrent_one(areas)
    patches_of_one_service_log_entry(personas, log)


def patches_of_one_firm(personas, areas):
    """The probe's 25 pairs: each pair PATCHes the phone and the address of one firm at once. Whatever the
    interleaving, a change answered 200 is in the database; when both are, both changes are there."""
    clients = signed_in(personas.clerk_a), signed_in(personas.clerk_a)
    for n in range(PAIRS):
        firm = LawFirmFactory(area=areas.street_a, phone="", address="")
        url = f"/api/v1/lawyers/firms/{firm.pk}/"
        phone, address = f"0755-{n:08d}", f"和平路{n}号"
        answers = in_parallel(patch(clients[0], url, {"phone": phone}), patch(clients[1], url, {"address": address}))
        codes = sorted(a.status_code for a in answers)
        assert codes in ([200, 200], [200, 409]), [a.content for a in answers]
        stored = LawFirm.objects.get(pk=firm.pk)
        if codes == [200, 200]:
            assert (stored.phone, stored.address, stored.version) == (phone, address, 3)
        else:
            refused = next(a for a in answers if a.status_code == 409)
            assert refused.json()["detail"] == "该律师事务所已被他人修改，请刷新后重试（您填写的内容尚未保存）。"
            kept = (stored.phone == phone) + (stored.address == address)
            assert kept == 1 and stored.version == 2  # the one answered 200, and nothing of the refused one


def a_write_waiting_on_a_concurrent_one(areas):
    """The interleaving that lost updates, made certain: both read version 1; the first writes and holds its
    transaction open; the second's UPDATE waits on the row, and when the first commits it finds version 2 and
    writes nothing."""
    firm = LawFirmFactory(area=areas.street_a, phone="", address="")
    both_read, first_wrote = Barrier(2), Event()

    def first():
        with transaction.atomic():
            mine = LawFirm.objects.get(pk=firm.pk)
            both_read.wait()
            mine.phone = "0755-11111111"
            mine.save()
            first_wrote.set()
            time.sleep(0.5)  # the transaction still open: the second writer's UPDATE waits on the row
        return "saved"

    def second():
        mine = LawFirm.objects.get(pk=firm.pk)
        both_read.wait()
        first_wrote.wait()
        mine.address = "和平路8号"
        try:
            with transaction.atomic():
                mine.save()
        except ValidationError as error:
            return error.code
        return "saved"

    assert in_parallel(first, second) == ["saved", "stale"]
    stored = LawFirm.objects.get(pk=firm.pk)
    assert (stored.phone, stored.address, stored.version) == ("0755-11111111", "", 2)


def patches_of_one_service_log_entry(personas, make_log):
    """The probe's other record: an advisor's service-log entry, its count and its notes PATCHed at once."""
    clients = signed_in(personas.advisor), signed_in(personas.advisor)
    for n in range(5):
        entry = make_log(notes="")
        url = f"/api/v1/lawyers/service-logs/{entry.pk}/"
        answers = in_parallel(patch(clients[0], url, {"count": 7}), patch(clients[1], url, {"notes": f"调解{n}"}))
        codes = sorted(a.status_code for a in answers)
        assert codes in ([200, 200], [200, 409]), [a.content for a in answers]
        stored = ServiceLog.objects.get(pk=entry.pk)
        kept = (stored.count == 7) + (stored.notes == f"调解{n}")
        assert kept == codes.count(200) and stored.version == 1 + kept


def test_defect_7_concurrent_registrations_of_one_id_number_make_one(personas, areas):
    """Eight clerks register the same person at the same moment: one registration, seven refusals in the
    register's own words (its check, or the database's unique index when the check ran before the first
    commit)."""
    ensure_level_policies(LevelPolicy)
    today = timezone.localdate()
    number = resident_id(sequence="662")

    def register():
        try:
            corrections_services.supervisee_register(
                by=personas.clerk_a, refresh_todos=False, name="王某", id_number=number,
                gender="F" if female_by_resident_id(number) else "M",
                sentence_kind=SentenceKind.PROBATION, crime="危险驾驶罪", court="深圳市罗湖区人民法院",
                judgment_on=today - timedelta(days=20), term_start=today - timedelta(days=20),
                term_end=today + timedelta(days=300), area=areas.street_a, level=Level.NORMAL)
        except ValidationError as error:
            return error.message_dict
        return "registered"

    results = in_parallel(*[register] * 8)
    assert results.count("registered") == 1
    refusal = {"id_number": ["该身份证号码的社区矫正对象已在册或待报到，不能重复登记。"]}
    assert [r for r in results if r != "registered"] == [refusal] * 7
    assert Supervisee.objects.filter(id_number=number).count() == 1

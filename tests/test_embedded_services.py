"""bin/services.py decides between the real PostgreSQL/Redis and embedded ones, and the settings read the URLs it
exports. Nothing here starts a server: the detection takes its `answers` probe as an argument."""

import importlib.util
import socket
from pathlib import Path

import pytest

from bureau.settings import _database, redis_location

_spec = importlib.util.spec_from_file_location("services", Path(__file__).resolve().parent.parent / "bin/services.py")
services = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(services)


def probe(*listening):
    """An `answers` that says yes for the given (host, port) pairs only, and records what it was asked."""
    asked = []

    def answers(host, port):
        asked.append((host, str(port)))
        return (host, str(port)) in listening

    answers.asked = asked
    return answers


def test_real_servers_are_used_when_they_answer():
    chosen = services.plan({}, answers=probe(("127.0.0.1", "5432"), ("127.0.0.1", "6379")))
    assert chosen == {"postgres": "postgres://postgres@127.0.0.1:5432/bureau", "redis": "redis://127.0.0.1:6379"}


def test_embedded_when_nothing_answers():
    assert services.plan({}, answers=probe()) == {"postgres": None, "redis": None}


def test_each_service_is_decided_alone_on_its_own_address():
    answers = probe(("127.0.0.1", "56379"))
    chosen = services.plan({"PGPORT": "55432", "REDIS_PORT": "56379"}, answers=answers)
    assert chosen == {"postgres": None, "redis": "redis://127.0.0.1:56379"}
    assert answers.asked == [("127.0.0.1", "55432"), ("127.0.0.1", "56379")]


def test_given_urls_are_used_as_they_are_without_probing():
    answers = probe()
    environ = {"DATABASE_URL": "postgres://bureau:s3cret@db.example:5433/bureau", "REDIS_URL": "redis://cache:6380"}
    assert services.plan(environ, answers=answers) == {
        "postgres": environ["DATABASE_URL"], "redis": environ["REDIS_URL"]
    }
    assert answers.asked == []


def test_embedding_can_be_refused():
    chosen = services.plan({"EMBEDDED": "no"}, answers=probe())
    assert chosen == {"postgres": "postgres://postgres@127.0.0.1:5432/bureau", "redis": "redis://127.0.0.1:6379"}


def test_answers_probes_a_tcp_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert services.answers("127.0.0.1", port)
    assert not services.answers("127.0.0.1", port, timeout=0.5)


def test_the_embedded_database_url_reaches_its_socket_through_the_settings():
    url = services.postgres_socket_url(Path("/home/张三/bureau/var/postgres"), 5432)
    assert url == "postgres://postgres@:5432/bureau?host=/home/%E5%BC%A0%E4%B8%89/bureau/var/postgres"
    database = _database(url)
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "/home/张三/bureau/var/postgres", "5432", "bureau", "postgres"
    )


def test_a_tcp_database_url_is_read_as_before():
    database = _database("postgres://bureau:s%40cret@127.0.0.1:5433/bureau_x")
    assert (database["HOST"], database["PORT"], database["NAME"], database["PASSWORD"]) == (
        "127.0.0.1", "5433", "bureau_x", "s@cret"
    )


@pytest.mark.parametrize(
    "url, db, celery, expected",
    [
        ("redis://127.0.0.1:6379", 1, False, "redis://127.0.0.1:6379/1"),
        ("redis://:pw@127.0.0.1:6379", 0, True, "redis://:pw@127.0.0.1:6379/0"),
        ("unix:///srv/var/redis/redis.sock", 15, False, "unix:///srv/var/redis/redis.sock?db=15"),
        ("unix:///srv/var/redis/redis.sock", 2, True, "redis+socket:///srv/var/redis/redis.sock?virtual_host=2"),
    ],
)
def test_redis_locations(url, db, celery, expected):
    assert redis_location(db, url, celery=celery) == expected
    assert services.redis_socket_url("/srv/var/redis/redis.sock") == "unix:///srv/var/redis/redis.sock"

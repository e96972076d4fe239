# gunicorn's settings for bin/run (and any deployment that starts gunicorn with -c bin/gunicorn.conf.py).
#
# Measured with bench/load.py on the 2-core machine (docs/benchmarks.md, "Load"): the pages are CPU-bound Python,
# so processes give the parallelism — two per core, one running while another waits for PostgreSQL or Redis.
# Threads do not: the threads of one process share its interpreter lock, and under load each thread coming back from
# a query waits for it while the others run Python (up to the 5 ms switch interval, at each of a page's 6–12
# queries). At 100 simulated people, 4 processes of 4 threads served 63 requests/s with p95 2.1 s; 4 processes of
# one thread 75 requests/s with p95 1.3 s (6 processes: 59; 3: 77 but p95 1.7 s). A sign-in's PBKDF2 holds its
# process for ~0.2 s, which three others cover. Each thread holds at most one database connection, so the pool
# (DB_POOL_MAX, bureau/settings.py) never needs more than `threads`.
#
# One thread a process is gunicorn's `sync` worker: the process reads a request, answers it and closes the
# connection, with nothing else running in it. The `gthread` worker with one thread runs a second thread all the
# same (accepting connections, keeping idle keep-alive ones, handing each request to the worker thread), and the
# worker thread waits for that one's interpreter lock after every query; a connection kept alive also goes back to
# the same process however busy it is. The same scenario, alternately on one machine: sync 87–100 requests/s with
# p95 0.51–0.79 s, gthread 99–102 with p95 0.81–0.92 s; with later code sync 101–106 at 0.45–0.56 s, gthread 107–114
# at 0.48–0.76 s (docs/benchmarks.md, "Fifth round"). The sync worker opens a connection for every request (1.5 ms
# more of kernel time a request). A proxy in front (docs/deployment.md) keeps the browsers' connections; with
# WEB_THREADS above 1 the worker is gthread.
import gc
import os

workers = int(os.environ.get("WEB_WORKERS", "4"))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
# gthread only: behind a browser's keep-alive, a thread would otherwise wait for the next click of an idle connection.
keepalive = 2

# Django sets the process's time zone (settings.TIME_ZONE) when its settings load, which the workers do and the
# master did not: the log mixed +0800 and +0000 stamps. Loading the settings here gives the master the same clock.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bureau.settings")
from django.conf import settings

settings.TIME_ZONE  # noqa: B018 (reading a setting loads them)


def post_worker_init(worker):
    """The application is loaded: its hundreds of thousands of long-lived objects (modules, URL patterns, compiled
    templates are yet to come) go out of the garbage collector's sight, so its passes over each request's
    short-lived objects stop re-scanning them (5% of a page's CPU, docs/benchmarks.md)."""
    gc.collect()
    gc.freeze()


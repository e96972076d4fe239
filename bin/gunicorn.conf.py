# gunicorn's settings for bin/run (and any deployment that starts gunicorn with -c bin/gunicorn.conf.py).
#
# Measured with bench/load.py on the 2-core machine (docs/benchmarks.md, "Load"): the pages are CPU-bound Python,
# so processes give the parallelism (two per core, one running while another waits for PostgreSQL), and threads in
# each let a slow request — a sign-in's PBKDF2 (which releases the GIL), an export — not hold the queue behind it.
# With 3 plain sync workers, 100 people waited 2 s a page and 20 s to sign in. Each thread holds at most one
# database connection, so the pool (DB_POOL_MAX, bureau/settings.py) never needs more than `threads`.
import os

workers = int(os.environ.get("WEB_WORKERS", "4"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# Behind a browser's keep-alive, a thread would otherwise wait for the next click of an idle connection.
keepalive = 2

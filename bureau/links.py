"""Addresses of pages asked for on every request: a record's, for the lists that link every row (`record_url`), and
a view's without arguments, for the navigation's entries (`view_url`).

`reverse()` finds the view's name through the URL resolver's namespaces and builds the address from the pattern's
parts on every call: ~40 µs, and a list links its 25–50 rows, the to-do inbox three times a row (docs/benchmarks.md,
"Load"). `record_url(name, pk)` asks `reverse` once per name, URLconf, script prefix and language, with a stand-in
number, keeps what comes before and after it, and puts each record's number in its place: the same address, as
tests/bureau/test_links.py checks for every URL of the project that takes one number. A name whose pattern does not
write the stand-in as plain digits (a converter of its own, a pattern that refuses it) goes through `reverse` every
time, as does anything that is not an int. A view without arguments has one address per URLconf, script prefix and
language: `view_url` asks `reverse` for it once (the navigation asks for each entry two or three times a page).

Reading the URLconf, the script prefix and the language is itself three lookups in asgiref's context-local storage
(a lock, a context variable and a dict each): the advisors' service log, 25 entries each linked three times, made
more than 200 of them (docs/benchmarks.md, "Eighth round"). Within `steady_addresses()` — a list's rows, written in
one go with nothing switching the language or the URLconf in between — `record_url` reads them once, and so does
`active_language()`, which the choice labels (bureau.speedups) ask for on every cell showing one.
"""

import threading
from contextlib import contextmanager
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

STAND_IN = 7_340_032_001  # digits that no address of the portal holds otherwise


@lru_cache(maxsize=2048)
def _around(viewname, urlconf, prefix, language, rest=()):
    """(before, after) the number in `viewname`'s address (followed by the arguments `rest`), or None when it must
    go through `reverse` each time."""
    try:
        url = reverse(viewname, args=[STAND_IN, *rest], urlconf=urlconf)
    except NoReverseMatch:
        return None
    before, found, after = url.partition(str(STAND_IN))
    if not found or str(STAND_IN) in after or before[-1:].isdigit() or after[:1].isdigit():
        return None
    return before, after


@lru_cache(maxsize=512)
def _view_url(viewname, urlconf, prefix, language):
    return reverse(viewname, urlconf=urlconf)


def view_url(viewname):
    """reverse(viewname) for a view taking no arguments."""
    return _view_url(viewname, get_urlconf(), get_script_prefix(), get_language())


_steady = threading.local()  # .where: (URLconf, script prefix, language) within steady_addresses(), in this thread


def _where():
    return get_urlconf(), get_script_prefix(), get_language()


@contextmanager
def steady_addresses():
    """Within: `record_url` and `active_language` take the URLconf, script prefix and language as they were on
    entering, read once (in this thread; a block inside another gives the outer one's back when it ends)."""
    previous = getattr(_steady, "where", None)
    _steady.where = _where()
    try:
        yield
    finally:
        _steady.where = previous


def active_language():
    """get_language(), or within steady_addresses() the language read on entering (a list's choice labels ask for
    it once a cell)."""
    where = getattr(_steady, "where", None)
    return where[2] if where is not None else get_language()


def record_url(viewname, pk, *rest):
    """reverse(viewname, args=[pk, *rest]) for a view taking a number, then the same few words (`rest`: a to-do's
    quick form, "talk", on every person's row) on every call."""
    around = _around(viewname, *(getattr(_steady, "where", None) or _where()), rest) if type(pk) is int else None
    if around is None:
        return reverse(viewname, args=[pk, *rest])
    return f"{around[0]}{pk}{around[1]}"

"""Signing in and the signed-in user of every request: Django's ModelBackend, with the user read by SQL compiled once.

Every request of a signed-in person starts by loading them (`get_user`, from the session): their row and the areas
above theirs (`USER_AREAS`: the office's name and the jurisdiction read them on every page). Django's ModelBackend
builds and compiles that query anew each time, 1.9 ms of CPU for a statement the database answers in a fraction of
that (docs/benchmarks.md, "Load"). Here it is compiled once per process and connection (bureau.related.CompiledRows)
and the user is built as Django builds them; everything else — the password check at sign-in, permissions, inactive
users refused — is ModelBackend's own. tests/bureau/test_speedups.py compares the two users field by field.
"""

from django.conf import settings
from django.contrib.auth import backends

from .related import CompiledRows


class _UserRow(CompiledRows):
    """The user of one id, with the areas the user manager selects with them."""

    def queryset(self):
        return self.model._default_manager.filter(pk=self.MARK).order_by()  # one row: no sort by username


_user_row = _UserRow(settings.AUTH_USER_MODEL)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        found = _user_row.rows(user_id)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None

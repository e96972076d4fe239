"""The platform's own signals."""

from django.dispatch import Signal

# Sent after rows were written without model signals (an import's bulk_create, the demo loaders' COPY), with
# `labels`: the "app.Model" labels written. Whoever caches what those rows count listens (figures.dashboard).
records_written = Signal()


# --- API tokens die with the password or a lockout (issue 18, part 8) ---------------------------------------
# A token is a password's stand-in: whoever changes a password because it leaked, or whose account axes locks
# because someone is guessing it, must not leave a live token behind. Connected in BureauConfig.ready.


def _password_set(sender, instance, created, **kwargs):
    """post_save of the user: `set_password` leaves the raw password in `_password` until save() has run
    the validators' `password_changed`, so a save carrying a new password is known without a query. Covers
    bureau.services.user_password_changed, the admin's set-password form and `manage.py changepassword`."""
    if not created and getattr(instance, "_password", None) is not None:
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user=instance).delete()


def _locked_out(sender, username=None, **kwargs):
    """axes locked the account (AXES_FAILURE_LIMIT wrong passwords): its tokens go too."""
    from rest_framework.authtoken.models import Token

    if username:
        Token.objects.filter(user__username=username).delete()


def connect_token_revocation():
    from axes.signals import user_locked_out
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    post_save.connect(_password_set, sender=get_user_model(), dispatch_uid="bureau.tokens.password")
    user_locked_out.connect(_locked_out, dispatch_uid="bureau.tokens.lockout")

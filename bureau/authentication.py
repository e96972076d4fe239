"""API tokens that expire (issue 18, part 8).

DRF's token never expires on its own; a token copied into a script outlived a password change and a lockout.
Here it lives settings.API_TOKEN_LIFETIME from its creation (`Token.created`); bureau.signals deletes a user's
tokens when the password changes or axes locks the account, and `POST /api/v1/auth/token/`
(bureau.api.ObtainExpiringToken) replaces an expired one. A module of its own: DRF imports the authentication
classes while `rest_framework.views` loads, so this module must not import views (bureau.api does).
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .related import CompiledRows


def expired_before():
    """Tokens created before this instant have expired."""
    return timezone.now() - settings.API_TOKEN_LIFETIME


class _TokenRow(CompiledRows):
    """The token of one key, with its user and the areas the user manager selects with them (bureau.backends)."""

    MARK = "bureau-token-key-mark"  # a token's key is 40 hexadecimal digits

    def queryset(self):
        from bureau.models import USER_AREAS

        return self.model.objects.select_related(f"user__{USER_AREAS}").filter(key=self.MARK)


_token_row = _TokenRow("authtoken.Token")  # DRF's model (ExpiringTokenAuthentication.model is None: DRF's own)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        """DRF's, reading the token, its user and the user's areas by SQL compiled once: DRF built the token's query
        on every API request, and the user's area came in a second query."""
        found = _token_row.rows(key)
        if found and found[0].user.is_active:
            token = found[0]
        else:  # DRF's refusal, in DRF's words and translations
            _user, token = super().authenticate_credentials(key)
        if token.created < expired_before():
            token.delete()
            raise exceptions.AuthenticationFailed(_("令牌已过期，请重新获取。"))
        return token.user, token

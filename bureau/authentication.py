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


def expired_before():
    """Tokens created before this instant have expired."""
    return timezone.now() - settings.API_TOKEN_LIFETIME


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token.created < expired_before():
            token.delete()
            raise exceptions.AuthenticationFailed(_("令牌已过期，请重新获取。"))
        return user, token

"""Response headers every page and API answer carries (issue 18, part 11).

- **Content-Security-Policy**: Django 5.2 has none built in. The policy allows only the portal's own files
  (every asset is vendored under static/, nothing from a CDN), images also as data: URLs (ECharts' PNG export,
  Bootstrap's inline SVG icons), inline styles (htmx's indicator style, ECharts' tooltips, style attributes),
  no plugins, no framing, forms posting only here. Scripts: `settings.CSP_SCRIPT_SRC`, by default 'self'
  alone: every script is a file under static/ (a page's data reaches it through data- attributes or
  `json_script`, whose type application/json is never run), no template carries an inline `<script>` or an
  `on…=` attribute (tests/bureau/test_csp_templates.py), htmx runs with allowEval false (no hx-on, no `js:`
  values, no trigger filters) and Swagger UI loads its starting script from its own URL.
- **DEBUG is for this machine only**: under DEBUG a client that is not on the loopback address gets a 403
  before anything runs (its error pages would show tracebacks, settings and local variables); bin/run also
  refuses to bind elsewhere with DEBUG on.
- **Cache-Control: no-store** on every response to a signed-in user (a session or an API token): pages, API
  answers and exports hold personal data, which must not stay in a shared or browser cache.

And the idle timeout's renewal (`SessionMiddleware`), and the user loaded at once (`AuthenticationMiddleware`).
"""

import time
from ipaddress import ip_address

from django.conf import settings
from django.contrib.auth import middleware as auth
from django.contrib.sessions import middleware as sessions
from django.http import HttpResponseForbidden
from django.utils.cache import add_never_cache_headers


def content_security_policy():
    directives = {
        "default-src": "'self'",
        "img-src": "'self' data:",
        "style-src": "'self' 'unsafe-inline'",
        "script-src": settings.CSP_SCRIPT_SRC,
        "font-src": "'self' data:",
        "connect-src": "'self'",
        # Redoc's search runs in a worker it makes from a blob: only a script the policy already let run can
        # make one, so this opens no way in (without it the API reference's search box stayed empty).
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        if settings.DEBUG and not _loopback(request.META.get("REMOTE_ADDR")):
            return HttpResponseForbidden("DEBUG is on: this server answers its own machine only.",
                                         content_type="text/plain")
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        user = getattr(request, "user", None)  # DRF sets it on the request for a token too
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
        return response


def _loopback(address):
    try:
        return ip_address(address or "").is_loopback
    except ValueError:
        return False


RENEWED = "_renewed_at"


class SessionMiddleware(sessions.SessionMiddleware):
    """Django's, with the idle timeout (SESSION_COOKIE_AGE from the last request) renewed at most once a minute.

    SESSION_SAVE_EVERY_REQUEST wrote the session back to Redis on every request, two round trips (Django's cache
    session store reads the key before it writes it) to move the expiry by a few seconds. A signed-in session is
    now written when it changes, or when a minute has passed since it was last written: it expires between 29 and
    30 idle minutes after the last request instead of exactly 30 (tests/bureau/test_auth.py).
    """

    RENEW_AFTER = 60  # seconds

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(RENEWED, 0) >= self.RENEW_AFTER:
                session[RENEWED] = now
        return super().process_response(request, response)


class AuthenticationMiddleware(auth.AuthenticationMiddleware):
    """Django's, with `request.user` the user itself instead of a `SimpleLazyObject` that loads it on first use.

    Every request of the portal reads the user anyway — the audit context (bureau.audit) asks for it before any
    view runs — so the laziness saves nothing, and each read through the proxy cost a method call: a page read
    `request.user` 400–600 times (the navigation, the access rules, each row's actions), about 5% of a light
    page's time. The user is the same object Django's `get_user` would have loaded and cached on the request;
    `login()` and `logout()` replace it as before.
    """

    def process_request(self, request):
        super().process_request(request)
        request.user = auth.get_user(request)

"""Rate limits of the public pages, per client address and per phone, counted in Django's cache (Redis).

    throttle(request, "code", phone=phone)   # raises Throttled (an HTTP 429 with its Chinese message)

A limit is (key, how many, per how many seconds); every limit of an action is checked before any is counted,
so a refused request does not use up the allowance. The limits can be changed with the setting
`PUBLIC_SERVICE_RATE_LIMITS` (same shape as LIMITS).
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

MINUTE, HOUR, DAY = 60, 3600, 86400

# action: [(scope, limit, seconds)], scope "ip" or "phone"
LIMITS = {
    "code": [("phone", 1, MINUTE), ("phone", 5, HOUR), ("ip", 20, HOUR)],
    "verify": [("phone", 10, HOUR), ("ip", 60, HOUR)],
    "booking": [("phone", 3, DAY), ("ip", 30, DAY)],
    "question": [("phone", 5, DAY), ("ip", 30, DAY)],
    "signup": [("phone", 10, DAY), ("ip", 60, DAY)],
    "page": [("ip", 600, MINUTE)],
}


class Throttled(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def _limits(action):
    return getattr(settings, "PUBLIC_SERVICE_RATE_LIMITS", LIMITS).get(action, [])


def _wait_words(seconds):
    if seconds <= MINUTE:
        return _("1分钟")
    if seconds <= HOUR:
        return _("1小时")
    return _("明天")


def throttle(request, action, *, phone=None):
    keys = []
    for scope, limit, seconds in _limits(action):
        who = phone if scope == "phone" else client_address(request)
        if not who:
            continue
        key = f"ps-rate:{action}:{scope}:{seconds}:{who}"
        if (cache.get(key) or 0) >= limit:
            raise Throttled(_("操作过于频繁，请%(wait)s后再试。") % {"wait": _wait_words(seconds)}
                            if seconds < DAY else _("今天的次数已用完，请明天再试。"))
        keys.append((key, seconds))
    for key, seconds in keys:
        if cache.add(key, 1, seconds) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, seconds)

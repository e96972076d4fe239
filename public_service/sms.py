"""Sending a text message to a resident's phone, through a backend named by the setting `SMS_BACKEND`.

    SMS_BACKEND = "public_service.sms.ConsoleBackend"   # development (the default): the code goes to the
                                                        # server's console and log, and the page says so
    SMS_BACKEND = "myproject.sms.AliyunBackend"         # production: a class with send(phone, text)

Every backend also keeps what it sent in `outbox` while `KEEP_OUTBOX` is true (the tests read the codes there).
"""

import logging
import sys

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "public_service.sms.ConsoleBackend"

outbox = []  # [(phone, text)]: what was sent in this process, for tests and the development console


class BaseBackend:
    is_console = False

    def send(self, phone, text):
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development: prints the message on the server's console (and logs it) instead of sending it."""

    is_console = True

    def send(self, phone, text):
        outbox.append((phone, text))
        line = f"[SMS → {phone}] {text}"
        print(line, file=sys.stderr, flush=True)
        logger.info(line)


class OutboxBackend(BaseBackend):
    """Tests: keeps the message in `outbox` only."""

    def send(self, phone, text):
        outbox.append((phone, text))


def backend():
    return import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))()


def send(phone, text):
    backend().send(phone, text)


def is_console():
    """The page tells the resident where the code went in development."""
    return getattr(backend(), "is_console", False)


def last_code(phone):
    """The last code sent to `phone` (tests)."""
    for to, text in reversed(outbox):
        if to == phone:
            return "".join(ch for ch in text if ch.isdigit())[:6]
    return None

"""Who may do what: one module of predicates for the pages (bureau.access), the API (AccessPermission) and,
through the flags the views pass (`can_write` from AccessMixin), the templates.

A predicate takes the user and answers yes or no. An `Access` pairs who may read with who may write, and
says in Chinese why it refused:

    REGISTRY = Access(read=can_view_registry, write=can_edit_registry,
                      read_refused=_("您的角色不能查看律师事务所和律师名录。"), write_refused=…)

A view names its access (`access = REGISTRY`, or `function = FUNCTION` for a whole function), and so does a
viewset; the page answers a refusal with a 403 page, the API with a 403 carrying the same message. Which
records are in reach is not decided here but by each model's `visible_to(user)` (a 404).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import PermissionDenied
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from . import functions
from .roles import READ_ONLY_ROLES, Role

# --- Predicates -------------------------------------------------------------------------------------------


def signed_in(user):
    return bool(user and user.is_authenticated)


def is_administrator(user):
    """The administrator (and a superuser): every area, every function, the platform's settings."""
    return signed_in(user) and user.sees_everything


def is_read_only(user):
    """Leadership and the city bureau read every function and change none."""
    return signed_in(user) and user.role in READ_ONLY_ROLES and not user.is_superuser


def is_advisor(user):
    """A community legal advisor: their own postings and service log only."""
    return signed_in(user) and user.role == Role.ADVISOR and not user.sees_everything


def is_street_office(user):
    return signed_in(user) and user.role == Role.STREET and not user.sees_everything


def is_section(user):
    return signed_in(user) and user.role == Role.SECTION and not user.sees_everything


def can_use(user, function):
    return signed_in(user) and user.can_use(function)


def can_write(user, function):
    return signed_in(user) and user.can_write(function)


def has_workspace(user):
    """People outside the bureau's offices who log their own work in a workspace of their own: the community
    legal advisors, and the roles a function declares (Function.own_roles)."""
    return is_advisor(user) or (signed_in(user) and user.role in functions.declared_roles()
                                and not user.sees_everything)


def sees_dashboards(user):
    """The statistics pages: everyone who uses a function, except those working in a workspace of their own."""
    return signed_in(user) and not has_workspace(user) and bool(user.functions)


def requests_reports(user):
    """Who asks for the generated work report: leadership, the city bureau, the sections, the administrator."""
    return signed_in(user) and (user.sees_everything or user.role in {Role.LEADER, Role.CITY, Role.SECTION})


# --- Access: read and write, with the refusals' words ------------------------------------------------------


@dataclass(frozen=True)
class Access:
    read: Callable
    write: Callable
    read_refused: str = _("您没有权限访问此页面。")
    write_refused: str = _("您的角色只能查看，不能登记或修改。")

    def allows(self, user, write=False):
        return signed_in(user) and self.read(user) and (not write or self.write(user))

    def check(self, user, write=False):
        """Raise PermissionDenied with the Chinese reason unless `user` may read (and, with `write`, change)."""
        if not self.read(user):
            raise PermissionDenied(self.read_refused)
        if write and not self.write(user):
            raise PermissionDenied(self.write_refused)


def _function_message(message, code):
    return lazy(lambda: gettext(message) % {"function": functions.label(code)}, str)()


@cache
def function_access(code):
    """Use a function (User.can_use) and, to change anything, write it (User.can_write)."""
    return Access(
        read=lambda user: can_use(user, code),
        write=lambda user: can_write(user, code),
        read_refused=_function_message(gettext_noop("您的角色不能使用%(function)s功能。"), code),
        write_refused=_function_message(gettext_noop("您的角色只能查看%(function)s信息，不能登记或办理。"), code),
    )


ADMINISTRATOR = Access(is_administrator, is_administrator, _("仅系统管理员可以访问此页面。"),
                       _("仅系统管理员可以访问此页面。"))
# Reference data (the working calendar): everyone signed in reads it, the administrator changes it.
REFERENCE_DATA = Access(signed_in, is_administrator, write_refused=_("仅系统管理员可以修改。"))
REPORTS = Access(requests_reports, requests_reports)
DASHBOARDS = Access(sees_dashboards, sees_dashboards)


# --- One record: what opening its page asks ---------------------------------------------------------------


def record_access(model):
    """The Access guarding a model's pages: the one its app declares for it in `<app>.permissions.RECORD_ACCESS`
    ({"lawyer": REGISTRY}, keyed by model name) when a narrower or wider rule than the function's applies, else
    its function's (the app label, when it is a registered function), else None (a platform record: the area
    alone decides)."""
    from importlib import import_module
    from importlib.util import find_spec

    meta = model._meta
    config = meta.app_config
    if find_spec(f"{config.name}.permissions") is not None:
        declared = getattr(import_module(f"{config.name}.permissions"), "RECORD_ACCESS", {})
        if meta.model_name in declared:
            return declared[meta.model_name]
    if functions.get(meta.app_label) is not None:
        return function_access(meta.app_label)
    return None


def record_visible(user, model, **lookup):
    """The record of `model` matching `lookup` that `user` may open, asked as its page asks: the model's
    Access lets the user read (its function, or its app's RECORD_ACCESS) and the record is within
    `visible_to(user)`. Anything else is a 404 — a record one may not open does not exist for one. Used by
    everything that shows one record outside its own page (the reveal of an ID number)."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    access = record_access(model)
    if not signed_in(user) or (access is not None and not access.allows(user)):
        raise Http404
    if not hasattr(model.objects, "visible_to"):
        raise Http404
    return get_object_or_404(model.objects.visible_to(user), **lookup)


# --- The API ----------------------------------------------------------------------------------------------


def access_of(view):
    """A view's or viewset's Access: its `access`, else its `function`'s."""
    access = getattr(view, "access", None)
    return access if access is not None else function_access(view.function)


class AccessPermission(permissions.BasePermission):
    """DRF: reading needs the view's Access to read, any other method to write; a refusal is a 403 with the
    Access's own message."""

    def has_permission(self, request, view):
        user, access = request.user, access_of(view)
        write = request.method not in permissions.SAFE_METHODS
        if access.allows(user, write=write):
            return True
        if signed_in(user):
            self.message = access.read_refused if not access.read(user) else access.write_refused
        return False


def exception_handler(exc, context):
    """A service refusing a write (django ValidationError, in Chinese) is a 400 with its message; a write over a
    record someone changed meanwhile (bureau.concurrency.StaleRecord) a 409, or 412 against an If-Match."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from rest_framework.exceptions import ValidationError
    from rest_framework.views import exception_handler as drf_handler

    from .concurrency import StaleRecord, stale_response

    if isinstance(exc, StaleRecord):
        exc = stale_response(exc, context)
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    return drf_handler(exc, context)

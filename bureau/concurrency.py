"""Two people writing at once (issue 18, parts 6 and 7): stale writes are refused, duplicates cannot be made.

- **Versions.** An editable record derives from `bureau.models.Versioned`: its every `save()` of a stored row is
  `UPDATE … SET version = loaded + 1 WHERE pk = … AND version = loaded`, `loaded` being the version the instance
  carries — read with the row, or set from what the writer last saw (the edit form's hidden `version`, the API's
  `If-Match` or body `version`). When no row matches, someone saved in between: `StaleRecord` (a
  ValidationError, so a page shows it on the form with what the user typed, and the API answers 409, 412 for a
  failed `If-Match`). `QuerySet.update()` bumps nothing and checks nothing: it is for set-based moves.
- **Uniqueness** lives in the database (unique fields, `UniqueConstraint`s with the service's message as
  `violation_error_message`); `refusing_duplicates()` turns the IntegrityError of a race the service's own check
  could not see into the ValidationError that check raises.
- **A form posted twice** (a double click, a resent request) creates one record: a form carries a one-time
  token (`{% form_token %}`); `FormTokenMiddleware` claims it in the cache with SET NX before the view runs. A
  second post of the same token is sent to where the first one went, with "请勿重复提交", and writes nothing.
"""

import re
import uuid
from contextlib import contextmanager

import psycopg
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

# --- Versions ------------------------------------------------------------------------------------------------


class StaleRecord(ValidationError):
    """The record changed (or was deleted) since the writer read it; nothing was saved."""

    def __init__(self, record, *, deleted=False):
        what = record._meta.verbose_name
        message = (_("该%(what)s已被他人删除，无法保存。") if deleted
                   else _("该%(what)s已被他人修改，请刷新后重试（您填写的内容尚未保存）。")) % {"what": what}
        super().__init__(message, code="deleted" if deleted else "stale")
        self.record = record


def conditional_update(record, base_qs, values, do_update):
    """The UPDATE of a `Versioned` record's save (see Versioned._do_update): the row only if it still holds the
    loaded version, which it then moves on by one. `do_update(queryset, values)` is Model._do_update."""
    field = record._meta.get_field("version")
    loaded = record.version
    values = [(f, model, value) for f, model, value in values if f is not field] + [(field, None, loaded + 1)]
    if do_update(base_qs.filter(version=loaded), values):
        record.version = loaded + 1
        return True
    raise StaleRecord(record, deleted=not base_qs.filter(pk=record.pk).exists())


class VersionedFormMixin:
    """A ModelForm of a `Versioned` record carries the version it was opened at in a hidden field, and saves only
    if nobody saved in between (else the service's StaleRecord is shown on the form, the user's input kept)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = getattr(self, "instance", None)  # a plain Form editing a record sets it before this runs
        if record is not None and record.pk and hasattr(record, "version"):
            # Not required: a post without it (a script, an old tab) is checked against the version read now.
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=record.version, min_value=1, required=False)

    def _post_clean(self):
        super()._post_clean()
        loaded = self.cleaned_data.get("version")
        if loaded:
            self.instance.version = loaded

    # A crispy FormHelper with a layout draws only the fields it lists: have it draw the hidden ones as well.
    @property
    def helper(self):
        try:
            return self.__dict__["_helper"]
        except KeyError:
            raise AttributeError("helper") from None

    @helper.setter
    def helper(self, helper):
        helper.render_hidden_fields = True
        self.__dict__["_helper"] = helper


class SaveRefusalMixin:
    """CreateView/UpdateView whose form saves itself: a refusal met at save time (StaleRecord, a duplicate the
    database caught) is shown on the form instead of a server error."""

    def form_valid(self, form):
        from .access import add_service_error

        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)


# --- Uniqueness ----------------------------------------------------------------------------------------------


class UniqueConstraint(models.UniqueConstraint):
    """A UniqueConstraint whose refusal — in a model's validation (full_clean) and on a race
    (`refusing_duplicates`) — is its `violation_error_message` under its first field, as a service's own check
    words it (a conditional UniqueConstraint would name no field)."""

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if hasattr(error, "error_dict") or not self.fields:
                raise
            raise ValidationError({self.fields[0]: error.error_list}) from None


_KEY_COLUMNS = re.compile(r"Key \(([^)]*)\)=")


def duplicate_refusal(model, error):
    """The ValidationError a unique constraint of `model` stands for (its `violation_error_message`, or a unique
    field's "unique" message), or None if `error` is not the violation of one of them."""
    cause = error if hasattr(error, "sqlstate") else error.__cause__  # psycopg's own (a COPY), or Django's wrap
    diag = getattr(cause, "diag", None)
    if getattr(cause, "sqlstate", None) != "23505" or diag is None:
        return None
    for constraint in model._meta.constraints:
        if constraint.name == diag.constraint_name:
            field_names = getattr(constraint, "fields", ())
            message = constraint.get_violation_error_message()
            keyed = len(field_names) == 1 or isinstance(constraint, UniqueConstraint)
            return ValidationError({field_names[0]: message} if field_names and keyed else message,
                                   code=constraint.violation_error_code or "unique")
    match = _KEY_COLUMNS.match(diag.message_detail or "")
    columns = [c.strip() for c in match.group(1).split(",")] if match else []
    fields = [f for f in model._meta.concrete_fields if f.unique and f.column in columns]
    if len(columns) == 1 and fields:
        field = fields[0]
        message = field.error_messages["unique"] % {
            "model_name": model._meta.verbose_name, "field_label": field.verbose_name}
        return ValidationError({field.name: message}, code="unique")
    return None


@contextmanager
def refusing_duplicates(model):
    """Around the write of a service that checked for a duplicate first: a concurrent writer that passed the same
    check and committed first makes the database refuse this one, with the check's own message. Call it inside
    the service's transaction (the refused statement aborts it; the service's atomic rolls it back)."""
    try:
        yield
    except (IntegrityError, psycopg.IntegrityError) as error:
        refusal = duplicate_refusal(model, error)
        if refusal is None:
            raise
        raise refusal from error


# --- A form posted twice -------------------------------------------------------------------------------------


FORM_TOKEN_FIELD = "form_token"
FORM_TOKEN_SECONDS = 30 * 60  # a form left open over lunch still posts once
_PENDING = "pending"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def new_form_token():
    return uuid.uuid4().hex


def _token_key(request, token):
    return f"form-token:{request.user.pk or 'anonymous'}:{token}"


class FormTokenMiddleware:
    """A POST carrying `form_token` runs once: the token is claimed with SET NX (cache.add) just before the view
    (after the CSRF check, which comes earlier in MIDDLEWARE).

    The first post's answer decides: a redirect (the record was written) keeps the token with where it went, so a
    second post of it goes there too, with "请勿重复提交"; a form shown again (refused, to be corrected) frees
    the token, so the corrected form posts. A second post while the first is still running goes back to the
    form's page with the same message and writes nothing. Place it after the CSRF, session, auth, htmx and
    messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_form_token_key", None)
        if key:
            redirected = response.status_code in (301, 302, 303) and response.get("Location")
            done_at = response.get("HX-Redirect") or redirected
            if done_at:
                cache.set(key, done_at, FORM_TOKEN_SECONDS)
            else:
                cache.delete(key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        token = request.POST.get(FORM_TOKEN_FIELD, "")
        if not _TOKEN.match(token):
            return None
        key = _token_key(request, token)
        if not cache.add(key, _PENDING, FORM_TOKEN_SECONDS):
            return self._repeated(request, cache.get(key))
        request._form_token_key = key
        return None

    @staticmethod
    def _repeated(request, done_at):
        messages.warning(request, _("请勿重复提交：该表单已提交过，未再次保存。"))
        target = done_at if done_at and done_at != _PENDING else request.get_full_path()
        if getattr(request, "htmx", False):
            from django_htmx.http import HttpResponseClientRedirect

            return HttpResponseClientRedirect(target)
        return redirect(target)


# --- The API: ETag, If-Match, version ------------------------------------------------------------------------


def is_versioned(model):
    from .models import Versioned

    return isinstance(model, type) and issubclass(model, Versioned)


def _etag(version):
    return f'"{version}"'


def _matches(if_match, version):
    """Does an If-Match header name this version? `*` matches any; weak tags never match (RFC 9110 13.1.1)."""
    tags = [tag.strip() for tag in if_match.split(",")]
    return "*" in tags or _etag(version) in tags


class VersionedViewMixin:
    """For a viewset (bureau.api.FunctionViewSet) of a `Versioned` model:

    - its answers carry `version`, and a single record's answer the header `ETag: "<version>"`;
    - a write (PUT, PATCH, DELETE, or a POST action on a record) with `If-Match` is refused with 412 unless the
      record is still at that version; without it, a PUT/PATCH body's `version` is the version the caller saw,
      refused with 409 if the record moved on;
    - either way the save itself writes only over the version checked, so of two concurrent writes of one record
      the second gets 409 (412 with If-Match) — neither change is lost.
    """

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        target = getattr(serializer, "child", serializer)
        meta = getattr(target, "Meta", None)
        if is_versioned(getattr(meta, "model", None)) and "version" not in target.fields:
            target.fields["version"] = serializers.IntegerField(
                read_only=True, help_text="the record's version: send it back as If-Match (or `version`) to change it")
        return serializer

    def get_object(self):
        record = super().get_object()
        request = self.request
        if request.method in ("GET", "HEAD", "OPTIONS") or not isinstance(getattr(record, "version", None), int):
            return record
        if_match = request.headers.get("If-Match")
        if if_match is not None:
            if not _matches(if_match, record.version):
                raise PreconditionFailed(StaleRecord(record).messages[0])
            return record
        seen = request.data.get("version") if request.method in ("PUT", "PATCH") and hasattr(
            request.data, "get") else None
        if seen not in (None, ""):
            try:
                seen = int(seen)
            except (TypeError, ValueError):
                raise exceptions.ValidationError({"version": [_("版本号应为整数。")]}) from None
            if seen != record.version:
                raise Conflict(StaleRecord(record).messages[0])
        return record

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if 200 <= response.status_code < 300 and isinstance(data, dict) and isinstance(data.get("version"), int):
            response["ETag"] = _etag(data["version"])  # one record's answer (a list's is {count, results})
        return response


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "stale"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "precondition_failed"


def stale_response(exc, context):
    """The API's answer to a StaleRecord a service raised (bureau.permissions.exception_handler): 412 when the
    caller sent If-Match, else 409."""
    request = context.get("request")
    failed = PreconditionFailed if request is not None and "If-Match" in request.headers else Conflict
    return failed(exc.messages[0])

"""Protected personal identifiers: Chinese resident ID numbers (居民身份证号码, GB 11643).

`ResidentIDField` is the one field every model uses for an ID number. It

- refuses a number whose length, format, check digit or birth date is wrong, with a Chinese message;
- stores it encrypted with AES-SIV. SIV is deterministic, so the same number always gives the same
  ciphertext: `filter(id_number="4403…")` finds a person by exact number while a database dump shows
  only ciphertext. Partial lookups (startswith, contains …) are refused, since they cannot work;
- reads back a `ResidentID`, a `str` whose `.masked` (440303********1234) is what pages show.

Errors and warnings. What the number itself proves wrong is an error: its length or format, its check
digit, a birth date that does not exist, lies after today (`timezone.localdate()`) or before 1900. The
region code (first 6 digits) is only a warning (`resident_id_warning`): python-stdnum's table of codes
knows 光明区 440311 from 2018, yet a person born in 1990 who moved there holds it; and codes created after
the table was written are not in it at all. A code unknown at *any* time is a warning too, for the same
reason (the table lags behind the State Council's changes); the check digit already catches mistyping.
A clerk who has checked the card confirms the warning — on a form, with the checkbox the ID box shows
(`ResidentIDInput`), through the API with `id_number_confirmed`, in an import on the preview — and
`bureau.services.identifiers_confirm` records who confirmed which number of which record
(`IdentifierConfirmation`).

Showing the full number is a deliberate, audited action: see `bureau.views.identifier_reveal`.
"""

import base64
import datetime
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum import numdb
from stdnum.cn import ric
from stdnum.util import isdigits

from .workdays import after_today

_ASSOCIATED_DATA = [b"bureau.resident-id.v1"]


def normalize_resident_id(value):
    """The number without spaces, with a capital X. A number already written plainly (18 ASCII digits, or 17 and
    an X) is only upper-cased: stdnum's general cleaning costs ten times more and an import reads tens of
    thousands."""
    if not value:
        return ""
    if len(value) == 18 and value.isascii() and value[:17].isdigit():
        return value.upper()
    return ric.compact(value)


def validate_resident_id(value):
    """Raise a ValidationError with a message a clerk understands, or return the normalized number.

    Checked in this order, each only once the one before holds: length, format, check digit, birth date.
    The region code is not an error: see `resident_id_warning`.

    The number is returned as a ResidentID that remembers it passed, and such a number is returned at once: one
    that holds today holds on every later day (a birth date in the past stays there), and an import checks each
    number twice (the file's column, then the model's field in the service).
    """
    if type(value) is ResidentID and value.__dict__.get("_valid"):
        return value
    number = normalize_resident_id(value)
    if len(number) != 18:
        raise ValidationError(_("身份证号码应为18位。"), code="length")
    if not isdigits(number[:-1]) or not (number[-1].isdigit() or number[-1] == "X"):
        raise ValidationError(_("身份证号码前17位应为数字，最后一位为数字或X。"), code="format")
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新输入。"), code="checksum")
    _check_birth_date(number)
    number = ResidentID(number)
    number._valid = True
    return number


EARLIEST_BIRTH_YEAR = 1900


def _check_birth_date(number):
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期（%(digits)s）不存在，请核对。") % {"digits": number[6:14]},
                              code="birth_date") from None
    if after_today(born):  # timezone.localdate(), read only for a birth date near it
        raise ValidationError(_("身份证号码中的出生日期（%(date)s）晚于今天，请核对。") % {"date": born.isoformat()},
                              code="birth_date")
    if born.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(_("身份证号码中的出生日期（%(date)s）早于%(year)d年，请核对。") % {
            "date": born.isoformat(), "year": EARLIEST_BIRTH_YEAR}, code="birth_date")


def resident_id_warning(number):
    """A Chinese warning when python-stdnum's code table does not know the region code of a valid number
    for its birth year (or at all); None when it does. Pure and cached: imports call it once per row."""
    code, year = number[:6], int(number[6:10])
    spans = _region_spans(code)
    if not spans:
        return gettext("地区代码%(code)s不在行政区划代码表中（可能是新设立或调整的区县），请核对身份证原件。") % {
            "code": code}
    if any((start is None or start <= year) and (end is None or year <= end) for start, end, _name in spans):
        return None
    used = "；".join(f"{name}{_years(start, end)}" for start, end, name in spans)
    return gettext("地区代码%(code)s（%(used)s）与出生年份%(year)d年不符；户籍迁入新设区县的人员可能持有此代码，"
                   "请核对身份证原件。") % {"code": code, "used": used, "year": year}


@lru_cache(maxsize=8192)
def _region_spans(code):
    """((first year or None, last year or None, name), …) of a region code in stdnum's table; () if unknown."""
    info = {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    spans = []
    for county in filter(None, info.get("county", "").split(",")):
        if not county.startswith("["):
            spans.append((None, None, county))
            continue
        years, name = county[1:].split("]", 1)
        start, end = years.split("-")
        spans.append((int(start) if start else None, int(end) if end else None, name))
    return tuple(spans)


def _years(start, end):
    if start and end:
        return gettext("，%(start)d—%(end)d年使用") % {"start": start, "end": end}
    if start:
        return gettext("，%(start)d年起使用") % {"start": start}
    if end:
        return gettext("，%(end)d年前使用") % {"end": end}
    return ""


def female_by_resident_id(number):
    """True/False from the 17th digit (odd for men), or None when the number is not a whole one (its own field
    error says why). For models whose gender must agree with the ID number."""
    number = normalize_resident_id(str(number or ""))
    if len(number) != 18 or not number[16].isdigit():
        return None
    return int(number[16]) % 2 == 0


def mask_resident_id(number):
    """Keep the region (6 digits) and the last 4, hide the birth date and sequence."""
    if not number:
        return ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


class ResidentID(str):
    """An ID number read from the database or validated; print `.masked` unless the full number was asked for.

    It keeps its ciphertext once made (`sealed`): an import prepares each number three times (checked against the
    register by the preview, again by the service, then written), and a record read and saved again gives back the
    ciphertext it was read from."""

    def sealed(self):
        """The stored form under the configured key, encrypted at most once per key for this value."""
        cipher = _cipher()
        cached = self.__dict__.get("_sealed")
        if cached is None or cached[0] is not cipher:
            cached = self._sealed = (cipher, _encrypt(cipher, normalize_resident_id(self)))
        return cached[1]

    def __reduce__(self):  # pickled or copied as the number alone: a cipher is neither picklable nor worth copying
        return ResidentID, (str(self),)

    @property
    def masked(self):
        return mask_resident_id(self)

    @property
    def birth_date(self):
        return ric.get_birth_date(self)

    @property
    def is_female(self):
        return female_by_resident_id(self)


@lru_cache(maxsize=4)
def _cipher_of(key):
    return AESSIV(key)


def _cipher():
    """The cipher of the configured key, made once (a key schedule per number cost 4 µs of the 5)."""
    return _cipher_of(settings.IDENTIFIER_KEY)


def _encrypt(cipher, number):
    return base64.urlsafe_b64encode(cipher.encrypt(number.encode(), _ASSOCIATED_DATA)).decode()


def encrypt_resident_id(number):
    return _encrypt(_cipher(), number)


def _decrypt(cipher, token):
    return cipher.decrypt(base64.urlsafe_b64decode(token), _ASSOCIATED_DATA).decode()


def decrypt_resident_id(token):
    return _decrypt(_cipher(), token)


class ResidentIDValue(str):
    """What a clerk typed in the ID box, and whether they ticked the box confirming its region code."""

    confirmed = False


CONFIRM_LABEL = _("已核对身份证号码，地区代码确认无误")


class ResidentIDInput(forms.TextInput):
    """The ID box, and under it, once the number's region code has raised a warning, the checkbox that
    confirms it (named `<name>_confirmed`). Forms need no extra field: the checkbox comes with the box."""

    warning = None
    confirmed = False

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None:
            return None
        value = ResidentIDValue(value)
        value.confirmed = data.get(f"{name}_confirmed") in ("1", "on", "true", "True")
        return value

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.warning:
            return html
        box_id = f"{(attrs or {}).get('id') or self.attrs.get('id') or 'id_' + name}_confirmed"
        checked = " checked" if self.confirmed else ""
        return html + format_html(
            '<div class="form-check mt-1 identifier-confirm"><input class="form-check-input" type="checkbox" '
            'name="{}_confirmed" id="{}" value="1"{}><label class="form-check-label" for="{}">{}</label></div>',
            name, box_id, checked, box_id, CONFIRM_LABEL,
        )


class ResidentIDFormField(forms.CharField):
    """An ID number: errors refuse it; a region warning refuses it until the clerk ticks the checkbox.

    After cleaning, `confirmed_warning` holds the warning the clerk confirmed (None if there was none):
    `bureau.forms.identifiers_confirmed` reads it so that the view can tell the service.
    """

    widget = ResidentIDInput
    confirmed_warning = None

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("min_length", None)
        given = kwargs.get("widget")
        if not (given is ResidentIDInput or isinstance(given, ResidentIDInput)):
            # The admin offers a textarea for every TextField: the box (and its checkbox) is still ours.
            attrs = {k: v for k, v in getattr(given, "attrs", {}).items() if k not in ("cols", "rows", "class")}
            kwargs["widget"] = ResidentIDInput(attrs=attrs)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("inputmode", "text")

    def prepare_value(self, value):
        return str(value) if value else value

    def clean(self, value):
        confirmed = getattr(value, "confirmed", False)
        self.confirmed_warning = self.widget.warning = None
        value = super().clean(value)
        if not value:
            return value
        number = validate_resident_id(value)
        warning = resident_id_warning(number)
        if warning:
            self.widget.warning, self.widget.confirmed = warning, confirmed
            if not confirmed:
                raise ValidationError(
                    gettext("%(warning)s核对无误的，请勾选“%(label)s”后再保存。") % {
                        "warning": warning, "label": CONFIRM_LABEL},
                    code="region_unconfirmed",
                )
            self.confirmed_warning = warning
        return number


class ResidentIDField(models.TextField):
    description = _("居民身份证号码（加密存储）")
    # Ciphertext cannot be searched by part or compared by order.
    refused_lookups = {"iexact", "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith",
                       "regex", "iregex", "gt", "gte", "lt", "lte", "range", "search", "trigram_similar"}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("身份证号码"))
        super().__init__(*args, **kwargs)

    def get_lookup(self, lookup_name):
        if lookup_name in self.refused_lookups:
            return None  # Django then raises "Unsupported lookup"
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name):
        return None

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        cipher = _cipher()
        number = ResidentID(_decrypt(cipher, value))
        number._sealed = (cipher, value)
        return number

    def to_python(self, value):
        if not value or isinstance(value, ResidentID):
            return value
        return ResidentID(normalize_resident_id(value))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)  # a ResidentID (to_python)
        return value.sealed() if value else value

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value:
            validate_resident_id(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ResidentIDFormField, "widget": ResidentIDInput, **kwargs})

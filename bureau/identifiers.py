"""Protected personal identifiers: Chinese resident ID numbers (居民身份证号码, GB 11643).

`ResidentIDField` is the one field every model uses for an ID number. It

- refuses a number whose length, birth date, region or check digit is wrong, with a Chinese message;
- stores it encrypted with AES-SIV. SIV is deterministic, so the same number always gives the same
  ciphertext: `filter(id_number="4403…")` finds a person by exact number while a database dump shows
  only ciphertext. Partial lookups (startswith, contains …) are refused, since they cannot work;
- reads back a `ResidentID`, a `str` whose `.masked` (440303********1234) is what pages show.

Showing the full number is a deliberate, audited action: see `bureau.views.identifier_reveal`.
"""

import base64

from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

_ASSOCIATED_DATA = [b"bureau.resident-id.v1"]


def normalize_resident_id(value):
    return ric.compact(value or "")


def validate_resident_id(value):
    """Raise a ValidationError with a message a clerk understands, or return the normalized number."""
    number = normalize_resident_id(value)
    try:
        return ric.validate(number)
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("身份证号码应为18位。"), code="length")
    except stdnum_errors.InvalidFormat:
        raise ValidationError(_("身份证号码前17位应为数字，最后一位为数字或X。"), code="format")
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_("身份证号码校验位不正确，请核对后重新输入。"), code="checksum")
    except stdnum_errors.InvalidComponent:
        raise ValidationError(_("身份证号码中的出生日期或地区代码无效。"), code="component")


def mask_resident_id(number):
    """Keep the region (6 digits) and the last 4, hide the birth date and sequence."""
    if not number:
        return ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


class ResidentID(str):
    """An ID number read from the database; print `.masked` unless the full number was asked for."""

    @property
    def masked(self):
        return mask_resident_id(self)

    @property
    def birth_date(self):
        return ric.get_birth_date(self)

    @property
    def is_female(self):
        return int(self[16]) % 2 == 0


def _cipher():
    return AESSIV(settings.IDENTIFIER_KEY)


def encrypt_resident_id(number):
    token = _cipher().encrypt(number.encode(), _ASSOCIATED_DATA)
    return base64.urlsafe_b64encode(token).decode()


def decrypt_resident_id(token):
    return _cipher().decrypt(base64.urlsafe_b64decode(token), _ASSOCIATED_DATA).decode()


class ResidentIDFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("min_length", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("inputmode", "text")

    def prepare_value(self, value):
        return str(value) if value else value

    def clean(self, value):
        value = super().clean(value)
        return validate_resident_id(value) if value else value


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
        return ResidentID(decrypt_resident_id(value))

    def to_python(self, value):
        if not value or isinstance(value, ResidentID):
            return value
        return ResidentID(normalize_resident_id(value))

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt_resident_id(normalize_resident_id(value))

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value:
            validate_resident_id(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ResidentIDFormField, "widget": forms.TextInput, **kwargs})

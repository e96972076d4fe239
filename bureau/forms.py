from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .identifiers import ResidentIDFormField
from .models import Area
from .services import identifiers_confirm, user_password_changed


# The date and month boxes of every form (the browser's own picker; the value always ISO, whatever the locale).
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def offer_areas(form, user, field="area", areas=None, empty_label=_("请选择街道")):
    """The form's area choices: `areas` (by default the user's streets), starting on a street clerk's own
    street."""
    form.fields[field].queryset = areas if areas is not None else Area.objects.visible_to(user).streets()
    form.fields[field].empty_label = empty_label
    if user.own_street and field not in form.initial:
        form.initial[field] = user.own_street.pk


def identifiers_confirmed(*bound):
    """Did the clerk confirm a region warning of an ID number on these forms (the checkbox under the box)?

    A valid form holds no unconfirmed warning, so this tells the service what to record: pass it as
    `id_number_confirmed`. Accepts forms and formsets.
    """
    for form in bound:
        if isinstance(form, forms.BaseFormSet):
            if identifiers_confirmed(*form.forms):
                return True
            continue
        if any(isinstance(f, ResidentIDFormField) and f.confirmed_warning for f in form.fields.values()):
            return True
    return False


class ProtectedIdentifierFormMixin:
    """Edit forms never echo a stored ID number: the box shows it masked, and left empty keeps it.

    Seeing the full number is the audited reveal action, not a side effect of opening a form. The stored
    numbers are kept in `stored_identifiers`: a region warning is asked about only for a new number. A form
    with a `user` that saves itself records the confirmation of a region warning (bureau.identifiers).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_identifiers = {}
        for name, field in self.fields.items():
            stored = getattr(self.instance, name, None) if self.instance.pk else None
            if not isinstance(field, ResidentIDFormField):
                continue
            self.stored_identifiers[name] = stored
            if stored:
                self.initial[name] = ""
                field.required = False
                field.widget.attrs["placeholder"] = stored.masked
                field.help_text = _("已登记（显示为掩码）。留空则保持不变，填写则更换为新号码。")

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, ResidentIDFormField) and self.instance.pk and not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        return cleaned

    def save(self, commit=True):
        if not commit or getattr(self, "user", None) is None:
            return super().save(commit=commit)
        with transaction.atomic():
            obj = super().save(commit=True)
            identifiers_confirm(objects=[obj], by=self.user, confirmed=identifiers_confirmed(self),
                                previous=self.stored_identifiers)
        return obj


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续输错5次，账号将被锁定30分钟。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autofocus": True, "placeholder": _("用户名")})
        self.fields["password"].widget.attrs.update({"placeholder": _("密码")})


class BureauPasswordChangeForm(PasswordChangeForm):
    """Changing one's password. The old password is a sign-in by another door: wrong guesses are counted per
    account (OLD_PASSWORD_TRIES within OLD_PASSWORD_WINDOW, in the cache shared by the workers) and refused
    past them, as axes refuses the login form's."""

    OLD_PASSWORD_TRIES = 5
    OLD_PASSWORD_WINDOW = 15 * 60  # seconds

    def _tries_key(self):
        return f"bureau:old-password-tries:{self.user.pk}"

    def clean_old_password(self):
        from django.core.cache import cache

        if cache.get(self._tries_key(), 0) >= self.OLD_PASSWORD_TRIES:
            raise forms.ValidationError(
                _("原密码连续输错%(n)d次，请%(minutes)d分钟后再试。")
                % {"n": self.OLD_PASSWORD_TRIES, "minutes": self.OLD_PASSWORD_WINDOW // 60},
                code="too_many_tries",
            )
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            cache.add(self._tries_key(), 0, self.OLD_PASSWORD_WINDOW)  # the window starts at the first miss
            try:
                cache.incr(self._tries_key())
            except ValueError:  # expired between add and incr
                cache.set(self._tries_key(), 1, self.OLD_PASSWORD_WINDOW)
            raise

    def save(self, commit=True):
        from django.core.cache import cache

        cache.delete(self._tries_key())
        return user_password_changed(user=self.user, new_password=self.cleaned_data["new_password1"])


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 changed this validator's message and its Chinese catalog has not caught up, so a Chinese page
    said "This password is too short" in English. The project's own words, gettext'd like every string here."""

    def get_error_message(self):
        return gettext("密码太短，至少需要%(n)d个字符。") % {"n": self.min_length}

    def get_help_text(self):
        return gettext("密码至少需要%(n)d个字符。") % {"n": self.min_length}


class ReminderCompleteForm(forms.Form):
    note = forms.CharField(label=_("办理说明"), max_length=200, required=False)


class ReminderDismissForm(forms.Form):
    note = forms.CharField(label=_("忽略理由"), max_length=200, help_text=_("说明为什么无需办理，理由将被记录。"))

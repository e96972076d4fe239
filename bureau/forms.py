from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .identifiers import ResidentIDFormField
from .services import user_password_changed


class ProtectedIdentifierFormMixin:
    """Edit forms never echo a stored ID number: the box shows it masked, and left empty keeps it.

    Seeing the full number is the audited reveal action, not a side effect of opening a form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            stored = getattr(self.instance, name, None) if self.instance.pk else None
            if isinstance(field, ResidentIDFormField) and stored:
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
    def save(self, commit=True):
        return user_password_changed(user=self.user, new_password=self.cleaned_data["new_password1"])


class ReminderCompleteForm(forms.Form):
    note = forms.CharField(label=_("办理说明"), max_length=200, required=False)

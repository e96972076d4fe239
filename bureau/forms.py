from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .services import user_password_changed


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

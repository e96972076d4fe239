"""Sign-in security: Chinese login page, lockout, idle timeout, CSRF, password change."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bureau.middleware import RENEWED
from bureau.models import Reminder
from bureau.reminders import PASSWORD_KIND, run_rules
from tests.conftest import PASSWORD


def test_login_page_is_in_chinese(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "区司法局综合业务平台" in html and "用户名" in html and "密码" in html


def test_sign_in_lands_on_home(client, personas):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "罗湖区司法局桂园司法所" in response.content.decode()


def test_wrong_password_is_explained_in_chinese(client, personas):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    assert "用户名或密码不正确" in response.content.decode()


def test_lockout_after_five_failures_even_with_the_right_password(client, personas):
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "账号已锁定" in html and "30分钟" in html
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, personas):
    for _attempt in range(4):
        client.post(reverse("login"), {"username": "clerk_a", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 302


def test_session_expires_after_thirty_idle_minutes(client_for, personas, time_machine):
    """Each request restarts the 30 minutes, renewing the session at most once a minute (bureau.middleware)."""
    client = client_for(personas.clerk_a)
    client.get(reverse("home"))
    renewed = client.session[RENEWED]
    assert client.session.get_expiry_age() == 30 * 60
    time_machine.move_to(timezone.now() + timedelta(seconds=30))
    client.get(reverse("home"))
    assert client.session[RENEWED] == renewed  # not written again within the minute
    time_machine.move_to(timezone.now() + timedelta(seconds=31))
    client.get(reverse("home"))
    assert client.session[RENEWED] >= renewed + 61  # written again: 30 more minutes from now
    assert client.session.get_expiry_age() == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # the expiry Redis gives the session's key at each renewal


def test_an_idle_session_is_gone(client_for, personas):
    client = client_for(personas.clerk_a)
    client.get(reverse("home"))
    cache.delete(client.session.cache_key)  # what Redis does when the key's 30 minutes run out
    assert client.get(reverse("home")).status_code == 302


def test_login_without_csrf_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 403


def test_logout_is_a_post_and_signs_out(client_for, personas):
    client = client_for(personas.clerk_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_closes_the_password_todo(client_for, personas):
    run_rules(personas.clerk_a.date_joined.date(), kinds={PASSWORD_KIND})
    todo = Reminder.objects.get(kind=PASSWORD_KIND, object_id=personas.clerk_a.pk)
    client = client_for(personas.clerk_a)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Xinmima#2026", "new_password2": "Xinmima#2026",
    })
    assert response.status_code == 302
    todo.refresh_from_db()
    assert todo.state == Reminder.State.DONE and todo.done_by == personas.clerk_a
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.check_password("Xinmima#2026") and personas.clerk_a.password_changed_at


@pytest.mark.parametrize("new_password, message", [("12345678", "密码"), ("short", "密码")])
def test_weak_password_is_refused_with_a_message(client_for, personas, new_password, message):
    response = client_for(personas.clerk_a).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password,
    })
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()


def test_passwords_are_stored_with_argon2id_and_old_hashes_upgrade_at_sign_in(client, personas, settings):
    """Argon2id with OWASP's parameters (bureau.hashers); a PBKDF2 hash of before still signs in, and is rehashed."""
    from django.contrib.auth.hashers import check_password, make_password

    from bureau.settings import PASSWORD_HASHERS

    settings.PASSWORD_HASHERS = PASSWORD_HASHERS  # the suite hashes with MD5 for speed
    assert make_password("Xinmima#2026").startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    user = personas.clerk_a
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$") and check_password(PASSWORD, user.password)

"""The navigation bar and the language switch are written in Python (bureau.templatetags.bureau_nav): the markup must
stay what templates/base.html and partials/_language_switch.html wrote, for every role, on the page each entry marks
as current and on others, in both languages, signed in or not."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from bureau.context_processors import navigation

# What the templates had, kept here as the reference the Python must match.
REFERENCE_SWITCH = """{% load i18n %}{% get_current_language as LANGUAGE_CODE %}{% get_available_languages as LANGUAGES %}{% get_language_info_list for LANGUAGES as languages %}
<form action="{% url 'set_language' %}" method="post" class="d-flex align-items-center ms-lg-2" id="language-switch">{% csrf_token %}
  <input name="next" type="hidden" value="{{ request.get_full_path }}">
  <div class="btn-group btn-group-sm" role="group" aria-label="{% translate '界面语言' %}">
    {% for language in languages %}{# each language in its own name, whatever the current one #}
    <button type="submit" name="language" value="{{ language.code }}" lang="{{ language.code }}"
            class="btn {% if language.code == LANGUAGE_CODE %}btn-light{% else %}btn-outline-light{% endif %}"
            {% if language.code == LANGUAGE_CODE %}aria-pressed="true"{% endif %}>{{ language.name_local }}</button>
    {% endfor %}
  </div>
</form>"""

REFERENCE_NAV = """{% load i18n %}{% if user.is_authenticated %}
<nav class="navbar navbar-expand-lg navbar-dark bg-bureau sticky-top" aria-label="{% translate '主导航' %}">
  <div class="container-fluid">
    <a class="navbar-brand fw-semibold" href="{% url 'home' %}"><i class="bi bi-bank2 me-1"></i>{{ user.office_name }}</a>
    <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav-main" aria-controls="nav-main" aria-expanded="false" aria-label="{% translate '展开导航' %}">
      <span class="navbar-toggler-icon"></span>
    </button>
    <div class="collapse navbar-collapse" id="nav-main">
      {% comment %}The bar must fit 1440 px in English too (tests/bureau/test_english_navbar.py): the core's secondary
         entries go under 更多, the role under the user's name, and what still does not fit wraps onto a second row.
      {% endcomment %}
      <ul class="navbar-nav me-auto flex-wrap" id="nav-entries">
        {% for group, items in menu_groups %}
          {% if forloop.first %}
            {% for item in items %}{% if not item.secondary %}
            <li class="nav-item"><a class="nav-link{% if request.path == item.url %} active{% endif %}" href="{{ item.url }}"{% if request.path == item.url %} aria-current="page"{% endif %}>
              <i class="bi bi-{{ item.icon }} me-1"></i>{{ item.label }}{% if item.url_name == "bureau:reminder_list" %} <span class="badge rounded-pill text-bg-warning" id="todo-count" title="{% translate '我的待办' %}">{{ todo_count }}</span>{% endif %}</a></li>
            {% endif %}{% endfor %}
          {% else %}
            <li class="nav-item dropdown">
              <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false">{{ group }}</a>
              <ul class="dropdown-menu">{% for item in items %}<li><a class="dropdown-item" href="{{ item.url }}"><i class="bi bi-{{ item.icon }} me-1"></i>{{ item.label }}</a></li>{% endfor %}</ul>
            </li>
          {% endif %}
        {% endfor %}
        {% for group, items in menu_groups|slice:":1" %}
            <li class="nav-item dropdown" id="nav-more">
              <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false">{% translate "更多" context "导航" %}</a>
              <ul class="dropdown-menu">{% for item in items %}{% if item.secondary %}<li><a class="dropdown-item" href="{{ item.url }}"><i class="bi bi-{{ item.icon }} me-1"></i>{{ item.label }}</a></li>{% endif %}{% endfor %}</ul>
            </li>
        {% endfor %}
      </ul>
      <form class="d-flex me-lg-2 my-2 my-lg-0" role="search" method="get" action="{% url 'bureau:search' %}" id="nav-search">
        <input class="form-control form-control-sm" type="search" name="q" maxlength="60" aria-label="{% translate '搜索' %}" placeholder="{% translate '姓名、编号、电话、身份证号' %}">
      </form>
      <ul class="navbar-nav">
        <li class="nav-item dropdown">
          <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false" id="user-menu">
            <i class="bi bi-person-circle me-1"></i>{{ user }}
          </a>
          <ul class="dropdown-menu dropdown-menu-end">
            <li><h6 class="dropdown-header" id="user-role">{{ user.get_role_display }}</h6></li>
            {% for item in user_menu_items %}
            <li><a class="dropdown-item" href="{{ item.url }}"><i class="bi bi-{{ item.icon }} me-1"></i>{{ item.label }}</a></li>
            {% endfor %}
            <li><a class="dropdown-item" href="{% url 'password_change' %}"><i class="bi bi-key me-1"></i>{% translate "修改密码" %}</a></li>
            <li><hr class="dropdown-divider"></li>
            <li>
              <form method="post" action="{% url 'logout' %}">{% csrf_token %}
                <button type="submit" class="dropdown-item" id="logout-button"><i class="bi bi-box-arrow-right me-1"></i>{% translate "退出登录" %}</button>
              </form>
            </li>
          </ul>
        </li>
        <li class="nav-item">SWITCH</li>
      </ul>
    </div>
  </div>
</nav>
{% endif %}
""".replace("SWITCH", REFERENCE_SWITCH)


def normalised(html):
    html = re.sub(r'(name="csrfmiddlewaretoken" value=)"[^"]+"', r"\1\"…\"", str(html))  # masked anew each time
    return re.sub(r"\s+>", ">", re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))).strip()


def both(reference, tag, user, path):
    request = RequestFactory().get(path)
    request.user = user
    get_token(request)
    context = {**navigation(request), "user": user}
    django = engines["django"]
    return (normalised(django.from_string(reference).render(context, request)),
            normalised(django.from_string("{% load bureau_nav %}" + tag).render(context, request)), context)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("username", ["clerk_a", "leader", "section", "advisor", "admin"])
def test_the_bar_is_the_templates_markup_for_every_role_and_page(personas, language, username):
    user = getattr(personas, username)
    with translation.override(language):
        _ref, _new, context = both(REFERENCE_NAV, "{% navbar %}", user, "/")
        in_bar = {item.url for item in context["menu_groups"][0][1] if not item.secondary}
        paths = {"/", "/nowhere/?q=<b>&x=1"} | {item.url for _group, items in context["menu_groups"] for item in items}
        for path in sorted(paths):
            reference, rendered, _context = both(REFERENCE_NAV, "{% navbar %}", user, path)
            assert rendered == reference, path
            assert rendered.count('aria-current="page"') == (path in in_bar)
        assert 'id="todo-count"' in rendered and 'id="language-switch"' in rendered


@pytest.mark.django_db
def test_each_language_and_user_gets_their_own_bar(personas):
    for language, username in [("zh-hans", "clerk_a"), ("en", "clerk_a"), ("zh-hans", "leader"), ("en", "advisor"),
                               ("zh-hans", "clerk_a")]:
        with translation.override(language):
            reference, rendered, _context = both(REFERENCE_NAV, "{% navbar %}", getattr(personas, username), "/todos/")
            assert rendered == reference, (language, username)


@pytest.mark.django_db
def test_names_are_escaped_and_the_count_shown(personas):
    clerk = personas.clerk_a
    clerk.name = "<script>alert(1)</script>"
    request = RequestFactory().get("/")
    request.user = clerk
    context = {**navigation(request), "user": clerk, "todo_count": 1234}
    rendered = engines["django"].from_string("{% load bureau_nav %}{% navbar %}").render(context, request)
    reference = engines["django"].from_string(REFERENCE_NAV).render(context, request)
    assert normalised(rendered) == normalised(reference)
    assert "<script>" not in rendered and 'title="我的待办">1234</span>' in rendered


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_switch_on_the_sign_in_page_is_the_templates(language):
    with translation.override(language):
        reference, rendered, _context = both(REFERENCE_SWITCH, "{% language_switch %}", AnonymousUser(),
                                             "/accounts/login/?next=/todos/%3Fa%3D1")
    assert rendered == reference
    assert 'aria-pressed="true"' in rendered


@pytest.mark.django_db
def test_no_bar_for_a_visitor():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert engines["django"].from_string("{% load bureau_nav %}{% navbar %}").render({}, request) == ""


@pytest.mark.django_db
def test_the_bar_is_made_once_per_menu_language_and_current_page(personas, monkeypatch):
    from bureau.templatetags import bureau_nav

    made = []
    real = bureau_nav._bar
    monkeypatch.setattr(bureau_nav, "_kept", {})
    monkeypatch.setattr(bureau_nav, "_bar", lambda *args: made.append(args) or real(*args))
    for _page in range(3):
        for path in ["/", "/corrections/today/", "/nowhere/"]:
            both(REFERENCE_NAV, "{% navbar %}", personas.clerk_a, path)
    # "/" marks 首页; the other two are not entries of the bar and share one copy.
    assert len(made) == 2

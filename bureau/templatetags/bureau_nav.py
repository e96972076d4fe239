"""The navigation bar (templates/base.html) and the language switch (partials/_language_switch.html), written in Python.

Every signed-in page draws the bar: its menu loops over the groups and entries with an `{% if %}` or two per entry,
each label a lazy translation, and the language switch asks Django for each language's information. In the
template engine that was 1.8 ms of every page's CPU (docs/benchmarks.md, "Load"). The markup that depends only on the
language and the user's menu (its entries, which one is the current page) is written once per process and kept; each
page adds what is its own: the office, the user's name and role, the to-do count, the CSRF token, the address to come
back to after switching the language. tests/bureau/test_nav.py compares the result with the templates it replaces.
"""

from django import template
from django.template.base import render_value_in_context
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, pgettext

register = template.Library()

TODO_ENTRY = "bureau:reminder_list"

_kept = {}


def _keep(key, make):
    """The markup made by `make()` for `key`, made once per process (a few hundred keys at most: languages ×
    menus × current pages; emptied if it ever grows past that)."""
    html = _kept.get(key)
    if html is None:
        if len(_kept) > 2000:
            _kept.clear()
        html = _kept[key] = make()
    return html


def _entry(item):
    return (f'<li><a class="dropdown-item" href="{escape(item.url)}"><i class="bi bi-{escape(item.icon)} me-1"></i>'
            f'{conditional_escape(item.label)}</a></li>')


def _dropdown(label, entries, extra=""):
    return (f'<li class="nav-item dropdown"{extra}>\n<a class="nav-link dropdown-toggle" href="#" role="button" '
            f'data-bs-toggle="dropdown" aria-expanded="false">{label}</a>\n'
            f'<ul class="dropdown-menu">{"".join(entries)}</ul>\n</li>')


def _menu(groups, current):
    """The <ul> of the bar's entries: the core's in the bar (the current page marked, the badge on the inbox), one
    dropdown per function, the core's secondary entries under 更多. The bar must fit 1440 px in English too
    (tests/bureau/test_english_navbar.py): hence 更多, the role under the user's name, and a second row for what
    still does not fit."""
    parts = []
    for index, (group, items) in enumerate(groups):
        if index:
            parts.append(_dropdown(conditional_escape(group), [_entry(item) for item in items]))
            continue
        for item in items:
            if item.secondary:
                continue
            marked = (" active", ' aria-current="page"') if item.url == current else ("", "")
            badge = (f' <span class="badge rounded-pill text-bg-warning" id="todo-count" '
                     f'title="{escape(gettext("我的待办"))}">{_slot("todo-count")}</span>') if item.url_name == TODO_ENTRY else ""
            parts.append(f'<li class="nav-item"><a class="nav-link{marked[0]}" href="{escape(item.url)}"{marked[1]}>\n'
                         f'<i class="bi bi-{escape(item.icon)} me-1"></i>{conditional_escape(item.label)}{badge}</a></li>')
    if groups:
        parts.append(_dropdown(escape(pgettext("导航", "更多")), [_entry(item) for item in groups[0][1] if item.secondary],
                               ' id="nav-more"'))
    return '<ul class="navbar-nav me-auto flex-wrap" id="nav-entries">\n' + "\n".join(parts) + "\n</ul>"


def _menu_key(groups, user_items):
    # The entries are module-level objects (bureau.menu, each app's menu.py): their identities say which menu this
    # is; a group's label may be made anew for each menu, its text says which it is.
    return (tuple((str(label), tuple(map(id, items))) for label, items in groups), tuple(map(id, user_items)))


def _slot(name):
    return f"\x00{name}\x00"


def _bar(groups, user_items, current):
    """The bar, with a slot for each thing a page fills in: the office, the user, the role, the CSRF token, the
    language switch."""
    user_menu = "".join(f"\n{_entry(item)}" for item in user_items)
    return (
        f'<nav class="navbar navbar-expand-lg navbar-dark bg-bureau sticky-top" aria-label="{escape(gettext("主导航"))}">\n'
        f'<div class="container-fluid">\n'
        f'<a class="navbar-brand fw-semibold" href="{escape(reverse("home"))}"><i class="bi bi-bank2 me-1"></i>'
        f'{_slot("office")}</a>\n'
        f'<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#nav-main" '
        f'aria-controls="nav-main" aria-expanded="false" aria-label="{escape(gettext("展开导航"))}">\n'
        f'<span class="navbar-toggler-icon"></span>\n</button>\n'
        f'<div class="collapse navbar-collapse" id="nav-main">\n'
        f'{_menu(groups, current)}\n'
        f'<form class="d-flex me-lg-2 my-2 my-lg-0" role="search" method="get" '
        f'action="{escape(reverse("bureau:search"))}" id="nav-search">\n'
        f'<input class="form-control form-control-sm" type="search" name="q" maxlength="60" '
        f'aria-label="{escape(gettext("搜索"))}" placeholder="{escape(gettext("姓名、编号、电话、身份证号"))}">\n</form>\n'
        f'<ul class="navbar-nav">\n<li class="nav-item dropdown">\n'
        f'<a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false" '
        f'id="user-menu">\n<i class="bi bi-person-circle me-1"></i>{_slot("user")}\n</a>\n'
        f'<ul class="dropdown-menu dropdown-menu-end">\n'
        f'<li><h6 class="dropdown-header" id="user-role">{_slot("role")}</h6></li>{user_menu}\n'
        f'<li><a class="dropdown-item" href="{escape(reverse("password_change"))}"><i class="bi bi-key me-1"></i>'
        f'{escape(gettext("修改密码"))}</a></li>\n<li><hr class="dropdown-divider"></li>\n<li>\n'
        f'<form method="post" action="{escape(reverse("logout"))}">{_slot("token")}\n'
        f'<button type="submit" class="dropdown-item" id="logout-button"><i class="bi bi-box-arrow-right me-1"></i>'
        f'{escape(gettext("退出登录"))}</button>\n</form>\n</li>\n</ul>\n</li>\n'
        f'<li class="nav-item">{_slot("switch")}</li>\n</ul>\n</div>\n</div>\n</nav>'
    ).split("\x00")


def _fill(parts, values):
    """Kept markup split at its slots (every odd part names one), with each slot's value put in."""
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


@register.simple_tag(takes_context=True)
def navbar(context):
    """The <nav> of a signed-in page, from the navigation context processor's `menu_groups`, `user_menu_items` and
    `todo_count` (nothing for a visitor who is not signed in)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    groups = context.get("menu_groups") or []
    user_items = context.get("user_menu_items") or []
    path = context["request"].path
    # The current page is marked only when it is one of the bar's own entries: every other page shares one copy.
    current = path if any(item.url == path for _label, items in groups[:1] for item in items) else None
    key = ("bar", get_script_prefix(), get_language(), _menu_key(groups, user_items), current)
    # The entries are kept with their markup, so that no other object can take their identities while it is kept.
    bar, _entries = _keep(key, lambda: (_bar(groups, user_items, current), (groups, user_items)))
    return mark_safe(_fill(bar, {
        "office": conditional_escape(user.office_name), "user": conditional_escape(user),
        "role": conditional_escape(user.get_role_display()), "token": CsrfTokenNode().render(context),
        "switch": language_switch(context),
        "todo-count": str(render_value_in_context(context.get("todo_count"), context)),
    }))


def _switch():
    from django.conf import settings

    current = get_language()
    pressed = {True: ('btn-light', ' aria-pressed="true"'), False: ("btn-outline-light", "")}
    buttons = "\n".join(
        f'<button type="submit" name="language" value="{escape(code)}" lang="{escape(code)}" '
        f'class="btn {pressed[code == current][0]}"{pressed[code == current][1]}>'
        f'{escape(get_language_info(code)["name_local"])}</button>'
        for code, _name in settings.LANGUAGES)
    return (f'<form action="{escape(reverse("set_language"))}" method="post" class="d-flex align-items-center ms-lg-2" '
            f'id="language-switch">{_slot("token")}\n<input name="next" type="hidden" value="{_slot("next")}">\n'
            f'<div class="btn-group btn-group-sm" role="group" aria-label="{escape(gettext("界面语言"))}">\n'
            f'{buttons}\n</div>\n</form>').split("\x00")


@register.simple_tag(takes_context=True)
def language_switch(context):
    """The form that switches the interface's language (each language named in itself), back to this page."""
    parts = _keep(("switch", get_script_prefix(), get_language()), _switch)
    return mark_safe(_fill(parts, {"token": CsrfTokenNode().render(context),
                                   "next": escape(context["request"].get_full_path())}))

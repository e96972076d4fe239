"""No template carries a script the Content-Security-Policy refuses (script-src 'self', bureau.middleware): an inline
<script> (one with neither src nor type="application/json"), an on…= attribute, a javascript: address, or an htmx
attribute that evaluates a string (hx-on, hx-vars, a js: value). Scripts are files under static/js/, fed by data-
attributes or json_script; a template that brings one back fails here, not in a browser."""

import re
from pathlib import Path

from django.conf import settings

# Template syntax is blanked first, so {% blocktranslate with on=… %} or a {# comment #} is not read as HTML.
TEMPLATE_SYNTAX = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)
TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^<>]*)?>")
SCRIPT_ALLOWED = re.compile(r"""\ssrc\s*=|\stype\s*=\s*["']?application/json\b""", re.IGNORECASE)
EVALUATING_ATTRIBUTE = re.compile(r"""(?:^|\s)(on[a-z]+|hx-on[\w:.-]*|data-hx-on[\w:.-]*|hx-vars)\s*=""",
                                  re.IGNORECASE)
JAVASCRIPT_VALUE = re.compile(r"""=\s*["']?\s*(?:javascript|js):""", re.IGNORECASE)


def refusals(text):
    """What in this template's text the policy would refuse, as (line, what) pairs."""
    html = TEMPLATE_SYNTAX.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)
    found = []
    for tag in TAG.finditer(html):
        name, attributes = tag.group(1).lower(), tag.group(2) or ""
        line = html.count("\n", 0, tag.start()) + 1
        if name == "script" and not SCRIPT_ALLOWED.search(attributes):
            found.append((line, "inline <script>"))
        for attribute in EVALUATING_ATTRIBUTE.findall(attributes):
            found.append((line, f"{attribute}="))
        if JAVASCRIPT_VALUE.search(attributes):
            found.append((line, "javascript:/js: value"))
    return found


def project_templates():
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *(base / app / "templates" for app in settings.PROJECT_APPS)]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.html"))


def test_the_scan_finds_what_the_policy_refuses():
    sample = """{% load i18n %}
<script>alert(1)</script>
<script type="text/javascript">x()</script>
<button type="button" onclick="go()">{% translate "去" %}</button>
<select name="n" class="form-select" onChange='this.form.submit()'></select>
<a href="javascript:void(0)">x</a>
<div hx-on:click="x()"></div><div hx-on-htmx-after-swap="y()"></div><div hx-vals='js:{a: 1}'></div>
"""
    assert refusals(sample) == [
        (2, "inline <script>"), (3, "inline <script>"), (4, "onclick="), (5, "onChange="),
        (6, "javascript:/js: value"), (7, "hx-on:click="), (7, "hx-on-htmx-after-swap="), (7, "javascript:/js: value"),
    ]


def test_the_scan_lets_through_what_the_policy_allows():
    sample = """{% load static i18n %}{# onclick="x()" in a comment #}
<script src="{% static 'js/formset-rows.js' %}" defer></script>
<script id="chart-1" type="application/json">{"a": 1}</script>
{% blocktranslate with on=day online=x %}{{ on }}{% endblocktranslate %}
<button type="button" data-formset-add="rows" data-online="1" hx-get="/x/" hx-trigger="every 1s">{{ one }}</button>
{% comment %}<script>old()</script>{% endcomment %}
"""
    assert refusals(sample) == []


def test_no_template_carries_a_script_the_policy_refuses():
    templates = project_templates()
    assert len(templates) > 100 and any(path.name == "case_form.html" for path in templates)
    found = [f"{path.relative_to(settings.BASE_DIR)}:{line}: {what}"
             for path in templates for line, what in refusals(path.read_text(encoding="utf-8"))]
    assert found == []

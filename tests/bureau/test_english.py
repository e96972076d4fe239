"""No Chinese escapes the English pages: the words the code writes go through gettext (with their plurals), and
the templates hold no Chinese outside {% translate %} and {% blocktranslate %}.

The checks that read the English catalog fail while a string waits for the lead to fill locale/en (see
test_catalog.py); the template check does not need it.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from bureau.templatetags.bureau_tags import days_left_text
from figures.periods import parse_period, span_label
from figures.views import SPANS

CJK = re.compile(r"[\u3400-\u9fff]")
# What may hold Chinese in a template: the translated tags, comments, JavaScript comments, _("…") arguments.
TRANSLATED = [
    re.compile(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%\s*translate\s.*?%\}", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"^\s*//.*$", re.M),
    re.compile(r"""_\((["']).*?\1\)"""),
]


def untranslated(text):
    for pattern in TRANSLATED:
        text = pattern.sub("", text)
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_templates_hold_no_chinese_outside_translation_tags():
    found = {}
    for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        lines = untranslated(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(settings.BASE_DIR))] = lines
    assert not found, found


def test_the_template_check_finds_a_literal():
    assert untranslated('<p>{% translate "首页" %}</p>\n<p>平台基础</p>\n{# 注释 #}') == ["<p>平台基础</p>"]


@pytest.mark.parametrize("key", ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
                                 "2026-07", "2026-03-01..2026-09-30"])
def test_period_labels_are_english(key):
    with translation.override("en"):
        label = parse_period(key).label
    assert not CJK.search(label), label


def test_the_period_selector_and_spans_are_english():
    with translation.override("en"):
        words = [str(label) for _key, label in SPANS] + [span_label(date(2026, 1, 1), date(2026, 11, 30)),
                                                          span_label(date(2026, 1, 1), date(2026, 11, 15))]
    assert not [word for word in words if CJK.search(word)], words


@pytest.mark.parametrize("days, words", [(1, "1 day left"), (3, "3 days left"), (-1, "1 day overdue"),
                                         (-2, "2 days overdue")])
def test_days_left_in_proper_plurals(days, words):
    today = date(2026, 3, 2)
    with translation.override("en"):
        text = days_left_text(date.fromordinal(today.toordinal() + days), today)
    assert text == words

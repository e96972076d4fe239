"""bureau.links.record_url: the address `reverse()` gives, for every URL of the portal that takes one number."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter
from django.utils import translation

from bureau import links
from bureau.links import STAND_IN, record_url


def _named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from ((name, [pattern.pattern, *parts]) for name, parts in _named_patterns(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", [pattern.pattern]


def one_number_views():
    """Names of the views whose whole address takes exactly one argument, a number."""
    found = set()
    for name, parts in _named_patterns():
        converters = [c for part in parts for c in getattr(part, "converters", {}).values()]
        if len(converters) == 1 and isinstance(converters[0], IntConverter):
            found.add(name)
    return sorted(found)


def test_there_are_many_to_check():
    names = one_number_views()
    assert len(names) > 80 and "corrections:supervisee_detail" in names and "bureau:reminder_detail" in names


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_every_address_is_reverses(language, prefix):
    links._around.cache_clear()
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            for name in one_number_views():
                for number in (1, 42, STAND_IN, 10**12):
                    assert record_url(name, number) == reverse(name, args=[number]), name
    finally:
        set_script_prefix("/")
        links._around.cache_clear()


def test_anything_else_goes_through_reverse():
    assert record_url("corrections:supervisee_detail", "7") == reverse("corrections:supervisee_detail", args=["7"])
    assert record_url("bureau:area_detail", 440303) == reverse("bureau:area_detail", args=[440303])  # a str pattern
    assert links._around("bureau:home_missing_name", None, "/", "zh-hans") is None


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_to_dos_offer_is_reverses(language):
    """A number then fixed words (a to-do's quick form: supervisee_action …/talk/): every rule's offer, as reverse."""
    from bureau.reminders import ReminderAction, _rules

    actions = [rule.action for rule in _rules.values() if isinstance(rule.action, ReminderAction)]
    assert sum(1 for action in actions if action.slug) >= 5
    links._around.cache_clear()
    with translation.override(language):
        for action in actions:
            for pk in (1, 42, 10**12):
                args = [pk] if action.of_record else []
                expected = reverse(action.url_name, args=[*args, action.slug] if action.slug else args)
                assert action.for_pk(pk) == (action.label, expected), action
    assert record_url("corrections:supervisee_action", 5, "talk") == reverse("corrections:supervisee_action",
                                                                             args=[5, "talk"])
    links._around.cache_clear()


def test_within_steady_addresses_the_language_and_prefix_are_read_once(monkeypatch):
    """steady_addresses(): the URLconf, script prefix and language read on entering and given back on leaving (a
    block inside another restores the outer one's); the addresses are reverse's, in the language of the entry."""
    reads = []
    where = links._where
    monkeypatch.setattr(links, "_where", lambda: reads.append(1) or where())
    with translation.override("en"):
        with links.steady_addresses():
            first = [record_url("corrections:supervisee_detail", n) for n in range(1, 30)]
            with links.steady_addresses():
                inner = record_url("legalaid:case_detail", 5)
            after_inner = record_url("legalaid:case_detail", 6)
        assert len(reads) == 2
        assert first == [reverse("corrections:supervisee_detail", args=[n]) for n in range(1, 30)]
        assert inner == reverse("legalaid:case_detail", args=[5])
        assert after_inner == reverse("legalaid:case_detail", args=[6])
        record_url("legalaid:case_detail", 7)
        assert len(reads) == 3  # outside the block: read on every call again
    assert getattr(links._steady, "where", None) is None


def test_the_active_language_is_the_one_on_entering_steady_addresses():
    """Within the block, the choice labels' language is the one read on entering (nothing in a list's rows switches
    it); outside, each call reads it."""
    from bureau.links import active_language
    from legalaid.models import Case, Status

    case = Case(status=Status.RECEIVED)
    with translation.override("en"):
        assert active_language() == "en"
        english = case.get_status_display()
        with links.steady_addresses():
            translation.activate("zh-hans")
            assert active_language() == "en" and case.get_status_display() == english
        assert active_language() == "zh-hans" and case.get_status_display() != english

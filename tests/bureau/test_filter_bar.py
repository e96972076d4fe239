"""The filter bar writes plain fields in Python (bureau.templatetags.bureau_filters): the markup must stay crispy's,
on every filter of every list, empty or filled, in both languages."""

import re

import django_filters
import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation

from bureau.templatetags.bureau_filters import filter_field


def normalised(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def filtersets():
    get_resolver().url_patterns  # noqa: B018 (every app's views, and so its FilterSets, imported)
    found, todo = [], list(django_filters.FilterSet.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in {"bureau", "corrections", "figures", "lawyers", "legalaid", "mediation",
                                            "normative_docs", "public_service", "publicity"}:
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def filled(form):
    """A value for every field: a select's last choice, text for a text box, a checkbox ticked."""
    data = {}
    for name, field in form.fields.items():
        choices = [value for value, _label in getattr(field, "choices", []) if value not in ("", None)]
        if choices:
            data[name] = str(getattr(choices[-1], "value", choices[-1]))
        elif hasattr(field.widget, "widgets_names"):  # a date range: both of its boxes
            data.update({name + suffix: "2025-01-31" for suffix in field.widget.widgets_names})
        else:
            data[name] = "on" if getattr(field.widget, "input_type", "") == "checkbox" else "2025-01-31" \
                if "date" in type(field.widget).__name__.lower() else "7"
    return data


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_filter_is_written_as_crispy_writes_it(language, personas):
    request = RequestFactory().get("/")
    request.user = personas.admin
    compared, written = 0, 0
    with translation.override(language):
        for cls in filtersets():
            model = cls._meta.model
            if model is None:  # a base others extend
                continue
            queryset = model._default_manager.all()
            blank = cls(None, queryset=queryset, request=request).form
            for data in (None, {}, filled(blank), {name: "\x01<b>&" for name in blank.fields}):
                ours, theirs = (cls(data, queryset=queryset, request=request).form for _ in range(2))
                for name in ours.fields:
                    ours_html, theirs_html = filter_field(ours[name]), as_crispy_field(theirs[name])
                    assert normalised(ours_html) == normalised(theirs_html), f"{cls.__qualname__}.{name} {data}"
                    compared += 1
                    written += "div_id" in ours_html and not ours[name].errors
    assert len(filtersets()) >= 30, len(filtersets())
    assert compared >= 400 and written >= 200

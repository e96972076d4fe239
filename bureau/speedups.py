"""Costs Django pays on every use of a thing that never changes, paid once instead (docs/benchmarks.md, "Load").

Each was found by profiling the pages of bench/load.py; each keeps what it replaces exactly (the tests render the
same pages and compare labels), and each is installed once by BureauConfig.ready().
"""

import html as stdlib_html
from datetime import date, datetime
from functools import cache, partialmethod
from pathlib import Path

from django import forms
from django.apps import apps
from django.db.models import Model
from django.forms.renderers import DjangoTemplates
from django.utils import dateformat, functional
from django.utils import html as html_utils
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from .links import active_language

_labels = {}
_called = {}  # (field, language) → (the choices its function gave, their labels), for choices given by a function


def _choice_labels(field):
    """{value: label} of a field's choices in the active language, built once per field and language (what Django's
    `force_str` of the lazy label gives: its translation in the language of the call).

    Choices given by a function (a user's role: the platform's and those the function apps declare) may change, so
    the function is still called each time, as Django calls it; the labels are built again only when it gives other
    values or other label objects than last time, which are kept so that none of them can be another's later."""
    key = (field, active_language())
    labels = _labels.get(key)
    if labels is not None:
        return labels
    if not isinstance(field.choices, CallableChoiceIterator):
        labels = _labels[key] = _translated(field.flatchoices)
        return labels
    flat = field.flatchoices
    kept = _called.get(key)
    if kept is None or len(kept[0]) != len(flat) or any(
            value != old_value or label is not old_label
            for (value, label), (old_value, old_label) in zip(flat, kept[0])):
        kept = _called[key] = (flat, _translated(flat))
    return kept[1]


def _translated(flatchoices):
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in flatchoices}


def _get_FIELD_display(self, field):
    value = getattr(self, field.attname)
    labels = _choice_labels(field)
    value = make_hashable(value)
    return labels[value] if value in labels else force_str(value, strings_only=True)


def speed_up_choice_labels():
    """`get_<field>_display()`: Django builds `dict(make_hashable(field.flatchoices))` on every call, which hashes
    every lazy label of the field, and hashing a lazy string translates it: a list of 25 cases with a status,
    a category and a channel made 1,600 gettext calls, a seventh of the page's time. The labels are now looked
    up in a dict made once per field and language, already translated; the label shown is the same.

    Each model class got its `get_<field>_display` as a partialmethod of the function itself when the class was
    made, so that is what is replaced, class by class."""
    original = Model._get_FIELD_display
    for model in apps.get_models(include_auto_created=True):
        for name, attribute in list(vars(model).items()):
            if isinstance(attribute, partialmethod) and attribute.func is original:
                setattr(model, name, partialmethod(_get_FIELD_display, **attribute.keywords))


# --- Cached figures --------------------------------------------------------------------------------------------


@cache
def _lazy_factory(func, resultclasses):
    return functional.lazy(func, *resultclasses)


def _lazy_proxy_unpickle(func, args, kwargs, *resultclasses):
    """What django.utils.functional's does, with the lazy factory made once per function: Django's calls `lazy()`
    for every lazy string unpickled, which builds a new proxy class each time. The dashboards' cached figures carry
    their indicators' lazy names and units (translated when shown): 54 of them made reading a cached dashboard
    cost more than building its page."""
    return _lazy_factory(func, resultclasses)(*args, **kwargs)


# Pickle writes a lazy string as a reference to this function by its module and name, and checks on writing
# that the name finds the function: the replacement answers to Django's name.
_lazy_proxy_unpickle.__module__ = functional.__name__
_lazy_proxy_unpickle.__qualname__ = _lazy_proxy_unpickle.__name__


def speed_up_lazy_unpickling():
    functional._lazy_proxy_unpickle = _lazy_proxy_unpickle


# --- Dates ---------------------------------------------------------------------------------------------------

# The formats the pages write dates in (151 `|date:"Y-m-d"` in the templates, every date column of the lists), as
# Django's DateFormat writes them: "Y" "%04d" of the year, "m" "d" "H" "i" two digits. A datetime is already in
# the time zone to show (the `date` filter converts it first) and these letters read only its fields.
_DAY = "{0.year:04d}-{0.month:02d}-{0.day:02d}".format
_MINUTE = "{0.year:04d}-{0.month:02d}-{0.day:02d} {0.hour:02d}:{0.minute:02d}".format
_FIXED_FORMATS = {("Y-m-d", date): _DAY, ("Y-m-d", datetime): _DAY, ("Y-m-d H:i", datetime): _MINUTE}


def fixed_date(value, format_string):
    """`value|date:format_string` for a plain date (not a datetime: the filter converts that to the time zone shown
    first) in one of the formats above, or None. The filter itself asks `get_format` whether the format names a
    setting, which reads the active language: a lookup in asgiref's context-local storage for every date of a
    list."""
    if type(value) is not date or type(format_string) is not str:
        return None
    writer = _FIXED_FORMATS.get((format_string, date))
    return writer(value) if writer is not None else None


def speed_up_date_formats():
    """django.utils.dateformat.format, through which the `date` filter and `date_format` go: it builds a DateFormat
    and splits the format string with a regular expression on every call — a list's date column, a person's
    timeline. The two formats the portal writes on every list are written directly; any other format, or anything
    but a plain date or datetime, goes to Django's (tests/bureau/test_speedups.py compares them over years 1–9999)."""
    original = dateformat.format
    if getattr(original, "bureau_fixed", False):
        return

    def format(value, format_string):
        writer = _FIXED_FORMATS.get((format_string, type(value))) if type(format_string) is str else None
        return writer(value) if writer is not None else original(value, format_string)

    format.bureau_fixed, format.original = True, original
    dateformat.format = format


# --- Escaping -------------------------------------------------------------------------------------------------


def speed_up_escape():
    """django.utils.html.escape, through which every `conditional_escape` of text goes (the template engine's
    {{ }}, format_html, the lists' cells: about a thousand times on a list page): Django wraps it in `keep_lazy`,
    which looks through its arguments for a lazy string on every call. Text (a plain str) is escaped at once, as
    Django's escape does it; anything else — a lazy string, a number, None — goes to Django's own."""
    original = html_utils.escape
    if getattr(original, "bureau_plain", False):
        return

    def escape(text):
        return SafeString(stdlib_html.escape(text)) if type(text) is str else original(text)

    escape.bureau_plain, escape.original = True, original
    escape.__doc__, escape.__name__, escape.__qualname__ = original.__doc__, "escape", "escape"
    html_utils.escape = escape


# --- Select boxes ---------------------------------------------------------------------------------------------

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def string_value(value):
    """{{ value|stringformat:'s' }}: the value as text, escaped unless it was safe."""
    text = f"{value}"
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def shown(value):
    """{{ value }}: localised as the template would (a number or a date), escaped unless safe. For any markup
    written in Python in place of a template (the person page's timeline, the filter bar's dropdowns)."""
    return conditional_escape(localize(value))


def widget_attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{string_value(value)}"'
        for name, value in attrs.items() if value is not False
    )


def render_select(context):
    """What django/forms/widgets/select.html with its select_option.html writes, in Python. The template includes
    a template for every option: the filters above a list (a street, a lawyer, a category… each with its dozens of
    options) were a third of a list page's time."""
    widget = context["widget"]
    parts = [f'<select name="{shown(widget["name"])}"{widget_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in options:
            parts.append(f'\n  <option value="{string_value(option["value"])}"{widget_attrs(option["attrs"])}>'
                         f'{shown(option["label"])}</option>\n')  # the included file's last line break
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# The widgets whose template is Django's input.html, included as it is: a text, number, date … box, a checkbox.
INPUTS = frozenset(f"django/forms/widgets/{kind}.html" for kind in (
    "input", "text", "number", "checkbox", "date", "email", "url", "hidden", "search", "tel", "password"))


def render_input(context):
    """What django/forms/widgets/input.html writes (with attrs.html), in Python: the filter bars' text boxes and
    checkboxes went through two templates each, a quarter of a millisecond a box."""
    widget = context["widget"]
    value = f' value="{string_value(widget["value"])}"' if widget["value"] is not None else ""
    attrs = widget_attrs(widget["attrs"])
    return f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"{value}{attrs}>'


class FormRenderer(DjangoTemplates):
    """Django's default form renderer (settings.FORM_RENDERER), which writes a select box in Python when its
    options are Django's own (a widget with its own option template keeps the template), and an input box when its
    template is Django's own (one the project or an app overrides is rendered)."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT and all(
                option["template_name"] == OPTION for _name, options, _i in context["widget"]["optgroups"]
                for option in options):
            return render_select(context)
        if template_name in INPUTS and self._djangos_own(template_name):
            return render_input(context)
        return super().render(template_name, context, request)

    def _djangos_own(self, template_name):
        """Whether the template found for `template_name` (and the input.html it includes) is Django's own file."""
        own = self.__dict__.setdefault("_own_templates", {})
        if template_name not in own:
            forms_dir = Path(forms.__file__).resolve().parent / "templates"
            own[template_name] = all(
                forms_dir in Path(self.get_template(name).origin.name).resolve().parents
                for name in {template_name, "django/forms/widgets/input.html", "django/forms/widgets/attrs.html"})
        return own[template_name]

"""The fields of the filter bar above every list (templates/partials/_filter_bar.html), written in Python.

crispy-forms renders each field through bootstrap5/field.html — forty template tags deep, for a label and an input —
which was a tenth of a list page's time: eight filters cost 3.3 ms. A plain field (a text, number or date box, a
select, a checkbox; without errors, help text or a required mark) is written here in crispy's own markup, the
same classes on the widget as its `{% crispy_field %}` adds; anything else still goes through crispy.
tests/bureau/test_filter_bar.py compares the two on every filter of every list.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from bureau.speedups import shown

register = template.Library()

# widget class → the Bootstrap class bootstrap5/field.html adds beside crispy's own (the widget's class name)
PLAIN = {forms.TextInput: "form-control", forms.NumberInput: "form-control", forms.DateInput: "form-control",
         forms.EmailInput: "form-control", forms.Select: "form-select", forms.CheckboxInput: "form-check-input"}


def _classes(widget, bootstrap):
    """What CrispyFieldNode.render leaves in the widget's class: its own, crispy's class name, Bootstrap's."""
    name = type(widget).__name__.lower()
    css = widget.attrs.get("class", "")
    css = (f"{css} {name}" if name not in css else css) if css else name
    for token in bootstrap.split():
        if token not in css.split():
            css += " " + token
    widget.attrs["class"] = css


def _plain(widget):
    """The Bootstrap class for a plain widget, or for a date range (a MultiWidget of plain boxes): their boxes get
    what a text box gets, as crispy gives each part of a MultiWidget the field's classes. None for anything else."""
    if isinstance(widget, forms.MultiWidget):
        parts = [PLAIN.get(type(part)) for part in widget.widgets]
        return "form-control" if parts and all(part == "form-control" for part in parts) else None
    return PLAIN.get(type(widget))


@register.filter
def filter_field(field):
    widget = field.field.widget
    bootstrap = _plain(widget)
    # A date range (a MultiWidget of plain boxes) is a fieldset with a legend in crispy's markup.
    fieldset = field.use_fieldset and isinstance(widget, forms.MultiWidget)
    if (bootstrap is None or field.errors or field.help_text or field.field.required or field.is_hidden
            or field.css_classes() or (field.use_fieldset and not (fieldset and field.label))):
        return as_crispy_field(field)
    for part in getattr(widget, "widgets", [widget]):
        _classes(part, bootstrap)
    label = conditional_escape(field.label)
    if fieldset:
        described = format_html(' aria-describedby="{}"', field.aria_describedby) if field.aria_describedby else ""
        for_label = format_html(' for="{}"', field.id_for_label) if field.id_for_label else ""
        return mark_safe(f'<div id="div_{conditional_escape(field.auto_id)}" class="mb-3"><fieldset{described}>'
                         f'<legend{for_label} class="form-label fs-6"> {label} </legend>{field}</fieldset></div>')
    if isinstance(widget, forms.CheckboxInput):
        return format_html('<div class="mb-3"><div id="div_{}" class="form-check">{}<label for="{}" '
                           'class="form-check-label"> {} </label></div></div>',
                           field.auto_id, str(field), field.id_for_label, label)
    for_label = format_html(' for="{}"', field.id_for_label) if field.id_for_label else ""
    return mark_safe(f'<div id="div_{conditional_escape(field.auto_id)}" class="mb-3"><label{for_label} '
                     f'class="form-label"> {label} </label>{field}</div>') if field.label else \
        format_html('<div id="div_{}" class="mb-3">{}</div>', field.auto_id, str(field))


@register.filter
def filter_dropdown(field):
    """A multiple choice as the filter bar shows it: a dropdown of checkboxes under a button saying how many are
    chosen (a one-line multiple select is unusable). The markup _filter_bar.html's loop over the field's options
    wrote, 15 template lookups an option; tests/bureau/test_filter_bar.py compares the two."""
    chosen = len(field.value() or ())
    button = ngettext("已选 %(n)s 项", "已选 %(n)s 项", chosen) % {"n": chosen} if chosen else gettext("全部")
    auto_id, name = conditional_escape(field.auto_id), conditional_escape(field.html_name)
    options = []
    for index, option in enumerate(field.subwidgets):
        data = option.data
        options.append(
            f'<div class="form-check text-nowrap"><input class="form-check-input" type="checkbox" name="{name}" '
            f'value="{shown(data["value"])}" id="{auto_id}_{index}"'
            f'{" checked" if data["selected"] else ""}>\n<label class="form-check-label" for="{auto_id}_{index}">'
            f'{shown(data["label"])}</label></div>')
    return mark_safe(
        f'<div class="mb-3 dropdown">\n<label class="form-label" for="{auto_id}">{conditional_escape(field.label)}'
        f'</label>\n<button type="button" class="form-select text-start" id="{auto_id}" data-bs-toggle="dropdown" '
        f'data-bs-auto-close="outside" aria-expanded="false">\n{conditional_escape(button)}</button>\n'
        f'<div class="dropdown-menu px-3 py-2">\n' + "\n".join(options) + "\n</div>\n</div>")

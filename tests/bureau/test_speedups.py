"""bureau.speedups pays once what Django paid on every call: what the pages show must stay exactly Django's."""

from functools import partialmethod

import pytest
from django import forms
from django.db.models import Model
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bureau.models import ImportJob, PaperTemplate, User
from bureau.speedups import FormRenderer, _get_FIELD_display
from legalaid.models import Case

CHOICES = [
    ("", "全部"),
    ("a", _("婚姻家庭")),
    (3, 'quotes " & <b>tags</b>'),
    (_("分组"), [("x", "甲"), ("y", mark_safe("<i>乙</i>"))]),
]


class SampleForm(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    disabled = forms.ChoiceField(choices=CHOICES, disabled=True, required=False,
                                 widget=forms.Select(attrs={"class": "form-select", "data-x": 'a"b', "hidden": True}))
    numbers = forms.TypedChoiceField(choices=[(n, n) for n in (1, 25, 1000)], coerce=int, required=False)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("data", [{}, {"one": "a", "many": ["x", "3"], "numbers": "1000"}, {"one": "nonsense"}])
def test_select_boxes_are_djangos_own(language, data):
    fast, django_own = FormRenderer(), DjangoTemplates()
    with translation.override(language):
        form = SampleForm(data or None)
        for field in form:
            assert field.as_widget(attrs={"class": "form-select"}) == field.as_widget(attrs={"class": "form-select"})
            theirs = field.field.widget.render(field.html_name, field.value(), field.build_widget_attrs({}),
                                               django_own)
            ours = field.field.widget.render(field.html_name, field.value(), field.build_widget_attrs({}), fast)
            assert ours == theirs


def test_a_select_with_its_own_option_template_keeps_it():
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Marked(choices=[("a", "甲")])
    assert widget.render("w", "a", renderer=FormRenderer()) == widget.render("w", "a", renderer=DjangoTemplates())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_choice_labels_are_djangos_own(language):
    original = Model._get_FIELD_display
    with translation.override(language):
        for status in [*Case.status.field.choices, ("unknown", "")]:
            case = Case(status=status[0])
            assert case.get_status_display() == original(case, Case._meta.get_field("status"))
        for job in (ImportJob(status=ImportJob.Status.FAILED), ImportJob(status="?")):
            assert job.get_status_display() == original(job, ImportJob._meta.get_field("status"))
        # Choices given by a function (the registered roles, functions and papers) are read anew each time.
        for user in (User(role="street", section="corrections"), User(role="nonsense", section="")):
            assert user.get_role_display() == original(user, User._meta.get_field("role"))
            assert user.get_section_display() == original(user, User._meta.get_field("section"))
        paper = PaperTemplate(code=PaperTemplate._meta.get_field("code").choices[0][0])
        assert paper.get_code_display() == original(paper, PaperTemplate._meta.get_field("code"))


def test_choice_labels_follow_the_language_of_each_call():
    case = Case(status=Case.status.field.choices[0][0])
    shown = {}
    for language in ["zh-hans", "en", "zh-hans", "en"]:
        with translation.override(language):
            shown.setdefault(language, set()).add(case.get_status_display())
            assert case.get_status_display() == Model._get_FIELD_display(case, Case._meta.get_field("status"))
    assert len(shown["zh-hans"]) == len(shown["en"]) == 1 and shown["zh-hans"] != shown["en"]


@pytest.mark.parametrize("model, name", [(Case, "status"), (User, "role"), (ImportJob, "status"),
                                         (PaperTemplate, "code")])
def test_every_model_uses_the_faster_labels(model, name):
    method = vars(model)[f"get_{name}_display"]
    assert isinstance(method, partialmethod) and method.func is _get_FIELD_display


def test_lazy_strings_come_back_from_the_cache_in_the_language_of_the_request():
    import pickle

    from django.core.cache import cache

    label = _("婚姻家庭")
    data = pickle.loads(pickle.dumps({"label": label, "labels": [_("分组"), label]}))
    cache.set("test-speedups-lazy", {"label": label}, 30)
    cached = cache.get("test-speedups-lazy")
    for value in (data["label"], data["labels"][1], cached["label"]):
        assert type(value) is type(data["label"])  # one proxy class for the function, not one per string
        with translation.override("en"):
            assert str(value) == str(label) != "婚姻家庭"
        with translation.override("zh-hans"):
            assert str(value) == "婚姻家庭"

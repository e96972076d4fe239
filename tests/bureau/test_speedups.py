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


class InputsForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": "姓名 <或> “编号”"}))
    number = forms.IntegerField(required=False, widget=forms.NumberInput(attrs={"min": 0, "step": "any"}))
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.BooleanField(required=False)
    other = forms.CharField(required=False, widget=forms.CheckboxInput(attrs={"data-x": True, "hidden": False}))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    kept = forms.CharField(required=False, widget=forms.HiddenInput)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("data", [{}, {"text": "a\"b<c>&", "number": "12", "day": "2028-02-29", "flag": "on",
                                       "other": "yes", "secret": "s3", "email": "a@b.cn", "url": "x", "kept": "0"},
                                  {"number": "nonsense", "day": "2026-13-01"}])
def test_input_boxes_are_djangos_own(language, data):
    fast, django_own = FormRenderer(), DjangoTemplates()
    with translation.override(language):
        form = InputsForm(data or None)
        for field in form:
            attrs = field.build_widget_attrs({"class": "form-control", "id": f"id_{field.name}"})
            theirs = field.field.widget.render(field.html_name, field.value(), attrs, django_own)
            ours = field.field.widget.render(field.html_name, field.value(), attrs, fast)
            assert ours == theirs and ours.startswith("<input")


def test_an_input_whose_template_is_overridden_keeps_it(tmp_path):
    """A text box whose template the project overrides is rendered with it, not written as Django's would be."""
    from pathlib import Path

    from django.template.backends.django import DjangoTemplates as Engine

    folder = tmp_path / "django" / "forms" / "widgets"
    folder.mkdir(parents=True)
    (folder / "text.html").write_text('<span class="own">{{ widget.name }}</span>')
    django_forms = Path(forms.__file__).parent / "templates"

    class Renderer(FormRenderer):
        engine = Engine({"APP_DIRS": False, "DIRS": [tmp_path, django_forms], "NAME": "overridden", "OPTIONS": {}})

    assert forms.TextInput().render("n", "v", renderer=Renderer()) == '<span class="own">n</span>'
    assert forms.NumberInput().render("n", 3, renderer=Renderer()) == '<input type="number" name="n" value="3">'


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


def test_choices_given_by_a_function_are_translated_again_only_when_it_gives_others(monkeypatch):
    from bureau import functions, speedups

    declared, user = functions.declared_roles(), User(role="visitor")
    with translation.override("zh-hans"):
        assert user.get_role_display() == "visitor"
        for label in ["来访者", _("来访者")]:  # another label under the same value: a text, then a lazy one
            monkeypatch.setattr(functions, "declared_roles", lambda label=label: {**declared, "visitor": label})
            assert user.get_role_display() == "来访者"
        translated = []
        monkeypatch.setattr(speedups, "force_str", lambda s, **kw: translated.append(s) or str(s))
        assert user.get_role_display() == "来访者" and User(role="street").get_role_display() == "司法所工作人员"
        assert translated == []  # the function gave the same choices: the labels kept are shown
    with translation.override("en"):  # another language: built anew, in it
        assert User(role="street").get_role_display() == "Judicial office staff"
        assert translated


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


# --- The user of a request, their functions and their menu ------------------------------------------------------


def test_the_request_carries_the_user_itself(personas, client_for, rf):
    """bureau.middleware.AuthenticationMiddleware: the user loaded at once, the one Django would load lazily."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.cache import SessionStore
    from django.utils.functional import SimpleLazyObject

    from bureau.middleware import AuthenticationMiddleware

    client = client_for(personas.clerk_a)
    request = rf.get("/")
    request.session = SessionStore(client.session.session_key)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    assert type(request.user) is User and request.user == personas.clerk_a
    assert not isinstance(request.user, SimpleLazyObject) and request._cached_user is request.user

    request = rf.get("/")
    request.session = SessionStore()
    AuthenticationMiddleware(lambda r: None).process_request(request)
    assert isinstance(request.user, AnonymousUser)


def test_signing_in_and_out_replace_the_user_of_the_request(personas, client):
    from django.contrib.auth.models import AnonymousUser

    personas.clerk_a.set_password("Pass-1234-word")
    personas.clerk_a.save()
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "Pass-1234-word"})
    assert response.status_code == 302 and response.wsgi_request.user == personas.clerk_a
    response = client.get("/")
    assert response.status_code == 200 and type(response.wsgi_request.user) is User  # the settings' middleware
    assert response.wsgi_request.user == personas.clerk_a
    response = client.post("/accounts/logout/")
    assert isinstance(response.wsgi_request.user, AnonymousUser)
    assert client.get("/").status_code == 302


def test_a_users_functions_follow_their_role_on_the_same_instance(personas):
    from bureau import functions

    user = personas.clerk_a
    street = user.functions
    assert isinstance(street, frozenset) and user.functions is street  # asked again: the same set
    user.role, user.section = "section", "legalaid"
    assert user.functions == {"legalaid"} and user.can_use("legalaid") and not user.can_use("corrections")
    user.section = "corrections"
    assert user.functions == {"corrections"}
    user.is_superuser = True
    assert user.functions == set(functions.codes())


def test_a_users_menu_follows_their_role_and_the_registry(personas, monkeypatch):
    from bureau import functions
    from bureau.menu import _menu_for, menu_for

    user = personas.clerk_a
    menu = menu_for(user)
    assert menu_for(user) is menu and menu == _menu_for(user)
    user.role, user.section = "section", "legalaid"
    assert menu_for(user) == _menu_for(user) != menu
    declared = {code: f for code, f in functions.declared().items() if code != "legalaid"}
    monkeypatch.setattr(functions, "_declared", lambda: declared)
    assert "legalaid" not in user.functions
    assert [str(label) for label, _items in menu_for(user)] == [str(label) for label, _items in _menu_for(user)]


def _loaded(user):
    """A user's fields and the areas loaded with them, as plain values."""
    fields = {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}
    areas, area = [], user.area if "area" in user._state.fields_cache else None
    while area is not None:
        areas.append({f.attname: getattr(area, f.attname) for f in area._meta.concrete_fields})
        area = area._state.fields_cache.get("parent")
    return fields, areas


def test_the_signed_in_user_is_read_as_djangos_backend_reads_them(personas, django_assert_num_queries):
    """bureau.backends.ModelBackend: the same user, with the same areas loaded, in one query."""
    from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

    from bureau.backends import ModelBackend

    ours, django_own = ModelBackend(), DjangoModelBackend()
    for user in vars(personas).values():
        with django_assert_num_queries(1):
            loaded = ours.get_user(user.pk)
            assert loaded.area is None or loaded.area.parent is None or loaded.area.parent.name  # loaded with it
        theirs = django_own.get_user(user.pk)
        assert type(loaded) is User and _loaded(loaded) == _loaded(theirs) and len(_loaded(loaded)[1]) >= 1
    assert ours.get_user(10**9) is None
    personas.clerk_b.is_active = False
    personas.clerk_b.save()
    assert ours.get_user(personas.clerk_b.pk) is None is django_own.get_user(personas.clerk_b.pk)


def test_dates_are_written_as_djangos_dateformat_writes_them():
    """bureau.speedups.speed_up_date_formats: "Y-m-d" and "Y-m-d H:i" written directly, as Django's DateFormat
    writes them, for dates and datetimes over the whole calendar; anything else is Django's own."""
    from datetime import UTC, date, datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from django.template.defaultfilters import date as date_filter
    from django.utils import dateformat
    from django.utils.formats import date_format

    original = dateformat.format.original
    assert dateformat.format is not original  # installed by BureauConfig.ready()
    days = [date(1, 1, 1), date(999, 12, 31), date(2028, 2, 29), date(9999, 12, 31)]
    days += [date(1, 1, 1) + timedelta(days=n) for n in range(0, 3_652_059, 997)]
    moments = [datetime(d.year, d.month, d.day, h, m, tzinfo=tz) for d in days[::7]
               for h, m, tz in ((0, 0, None), (9, 5, UTC), (23, 59, ZoneInfo("Asia/Shanghai")),
                                (12, 30, timezone(timedelta(hours=-5))))]
    for value in days + moments:
        for fmt in ("Y-m-d", "Y-m-d H:i"):
            if fmt == "Y-m-d H:i" and type(value) is date:
                with pytest.raises(TypeError):  # Django refuses time letters for a date: so does this
                    dateformat.format(value, fmt)
                continue
            assert dateformat.format(value, fmt) == original(value, fmt), (value, fmt)
            assert date_format(value, fmt) == original(value, fmt)
    with translation.override("zh-hans"):
        assert date_filter(date(2026, 3, 7), "Y年n月j日") == "2026年3月7日"  # any other format: Django's
        assert date_filter(date(2026, 3, 7)) == original(date(2026, 3, 7), "Y年n月j日")
    assert date_filter(date(2026, 3, 7), "Y-m-d") == "2026-03-07" and date_filter(None, "Y-m-d") == ""


def test_a_fixed_date_is_the_date_filters():
    """bureau.speedups.fixed_date: a plain date in "Y-m-d" as the `date` filter writes it, over the whole calendar;
    None for anything it does not write itself (a datetime, whose time zone the filter converts; another format)."""
    from datetime import date, datetime, timedelta

    from django.template.defaultfilters import date as date_filter

    from bureau.speedups import fixed_date

    days = [date(1, 1, 1), date(2028, 2, 29), date(9999, 12, 31)]
    days += [date(1, 1, 1) + timedelta(days=n) for n in range(0, 3_652_059, 997)]
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for day in days:
                assert fixed_date(day, "Y-m-d") == date_filter(day, "Y-m-d"), day
    assert fixed_date(datetime(2026, 3, 7, 23, 30), "Y-m-d") is None
    assert fixed_date(date(2026, 3, 7), "Y年n月j日") is None and fixed_date(None, "Y-m-d") is None


def test_text_is_escaped_as_djangos_escape_does():
    """bureau.speedups.speed_up_escape: a plain str escaped at once; safe text (escaped again, as Django does), lazy
    strings (still lazy), numbers and None through Django's own escape; conditional_escape and format_html use it."""
    from django.utils import html
    from django.utils.functional import Promise
    from django.utils.safestring import SafeString

    original = html.escape.original
    assert html.escape is not original  # installed by BureauConfig.ready()
    texts = ["", "plain", "<b>&amp;\"'</b>", "王五 & “引号” <script>", "a\x00b", "&#39;", "\u2028x"]
    for value in [*texts, mark_safe("<i>safe</i>"), 42, 3.5, None, _("姓名")]:
        escaped, expected = html.escape(value), original(value)
        assert type(escaped) is type(expected) and str(escaped) == str(expected), value
    assert isinstance(html.escape(_("姓名")), Promise)
    assert type(html.escape("<x>")) is SafeString
    assert html.conditional_escape("<x>") == "&lt;x&gt;" and html.conditional_escape(mark_safe("<x>")) == "<x>"
    assert html.format_html("<a title=\"{}\">{}</a>", "\"'", mark_safe("<b>")) == "<a title=\"&quot;&#x27;\"><b></a>"


def test_the_cache_keeps_one_redis_client_for_its_server():
    from django.core.cache import caches

    from bureau.cache import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client  # one server: reads and writes share its pool, and the client
    cache.set("speedups:kept-client", {"label": "婚姻家庭"}, 30)
    assert cache.get("speedups:kept-client") == {"label": "婚姻家庭"}
    cache.delete("speedups:kept-client")
    assert cache.get("speedups:kept-client") is None

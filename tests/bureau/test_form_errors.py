"""Form errors appear once: each function's main create form, posted empty and then with values of the wrong
kind by someone allowed there, is shown again with every field's message once — next to its field, not again in
a banner or a second errors block (crispy's field errors plus a template's own loop is how it doubles)."""

import re
from collections import Counter
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape

from bureau.models import Role
from tests.factories import UserFactory

BAD_DATE = "2026-13-45"
BAD_ID = "440303199001011230"  # a wrong check digit

# (URL name, who posts — a persona or the section of a function —, values of the wrong kind)
PAGES = [
    ("legalaid:case_create", "clerk_a", {"received_on": BAD_DATE, "applicant_id_number": BAD_ID}),
    ("legalaid:consultation_create", "clerk_a", {"on": BAD_DATE, "person_times": "0"}),
    ("corrections:supervisee_create", "clerk_a", {"judgment_on": BAD_DATE, "id_number": BAD_ID}),
    ("mediation:case_create", "clerk_a", {"accepted_on": BAD_DATE, "amount_involved": "很多",
                                          "parties-0-kind": "person", "parties-0-id_number": BAD_ID}),
    ("lawyers:lawfirm_create", "clerk_a", {"credit_code": "123", "founded_on": BAD_DATE}),
    ("normative_docs:document_create", "normative_docs", {"submitted_on": BAD_DATE}),
    ("public_service:class_create", "public_service", {"starts_at": BAD_DATE, "capacity": "-1"}),
    ("publicity:activity_create", "clerk_a", {"held_on": BAD_DATE, "audience": "-5"}),
    # Other create pages on templates the main ones do not use (an app's shared form.html …)
    ("legalaid:complaint_create", "section", {"received_on": BAD_DATE}),
    ("corrections:releasedperson_create", "clerk_a", {"released_on": BAD_DATE, "id_number": BAD_ID}),
    ("mediation:organisation_create", "clerk_a", {}),
    ("lawyers:lawyer_create", "clerk_a", {"id_number": BAD_ID}),
    ("normative_docs:reconsideration_create", "normative_docs", {"received_on": BAD_DATE}),
    ("publicity:position_create", "publicity", {}),
]


def forms_of(response):
    """The page's form and its formsets (the parties of a mediation case, the recipients of a legal-aid case)."""
    context = response.context
    return context["form"], [context[key] for key in context.keys() if hasattr(context[key], "management_form")]


def hidden_inputs(html):
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        if 'type="hidden"' in tag and (name := re.search(r'\bname="([^"]*)"', tag)):
            value = re.search(r'\bvalue="([^"]*)"', tag)
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def messages(response):
    """Every error message the page's form and formsets hold, counted: a message shared by several fields
    ("该字段是必填项。") is to appear once for each of them."""
    form, formsets = forms_of(response)
    counted = Counter(m for ms in form.errors.values() for m in ms)
    for formset in formsets:
        counted.update(m for errors in formset.errors for ms in errors.values() for m in ms)
        counted.update(formset.non_form_errors())
    return counted


@pytest.fixture
def poster(client_for, personas, areas):
    def make(who):
        if hasattr(personas, who):
            return client_for(getattr(personas, who))
        return client_for(UserFactory(username=f"{who}_section", role=Role.SECTION, section=who, area=areas.district))

    return make


@pytest.mark.parametrize("name,who,wrong", PAGES, ids=[page[0] for page in PAGES])
def test_each_error_of_a_refused_create_form_appears_once(poster, name, who, wrong):
    client = poster(who)
    page = client.get(reverse(name))
    assert page.status_code == 200
    form = page.context["form"]
    # What a browser sends for an untouched form: the page's hidden inputs (a formset's counts, a form token) and
    # each box empty; no key for a multiple choice, a checkbox or a file.
    blank = hidden_inputs(page.content.decode())
    blank |= {form.add_prefix(key): "" for key, field in form.fields.items()
              if not getattr(field.widget, "allow_multiple_selected", False)
              and getattr(field.widget, "input_type", "") not in ("checkbox", "file")}
    for data in (blank, blank | wrong) if wrong else (blank,):
        response = client.post(reverse(name), data)
        assert response.status_code == 200, (name, data)
        expected = messages(response)
        assert expected, (name, data)
        html = response.content.decode()
        shown = {message: html.count(escape(message)) for message in expected}
        assert shown == dict(expected), (name, data)

"""The clocks' defaults name their legal source, and the review clock cannot be set below the State Council's
floor of five working days (国办发〔2018〕115号) — in the model and in the administrator's form."""

import re

from django.urls import reverse

from normative_docs.data import DEFAULT_CLOCK_RULES
from normative_docs.models import ClockRule


def test_every_default_clock_names_the_rule_it_comes_from():
    for code, days, kind, source in DEFAULT_CLOCK_RULES:
        assert re.search(r"《[^》]+》", source), code
        assert len(source) <= ClockRule._meta.get_field("legal_source").max_length, code
    review = next(rule for rule in DEFAULT_CLOCK_RULES if rule[0] == "review")
    assert review[1] >= 5 and review[2] == "working" and "国办发〔2018〕115号" in review[3]
    assert {code for code, *_ in DEFAULT_CLOCK_RULES} == set(ClockRule.Code.values)


def test_the_admin_refuses_a_review_clock_under_five_working_days(client_for, personas):
    rule = ClockRule.objects.get(code="review")
    url = reverse("admin:normative_docs_clockrule_change", args=[rule.pk])
    client = client_for(personas.admin)
    for days, kind in ((4, "working"), (10, "calendar")):
        response = client.post(url, {"days": days, "day_kind": kind, "legal_source": rule.legal_source})
        assert response.status_code == 200 and "合法性审查期限不得少于5个工作日。" in response.content.decode()
        rule.refresh_from_db()
        assert (rule.days, rule.day_kind) == (15, "working")
    response = client.post(url, {"days": 5, "day_kind": "working", "legal_source": rule.legal_source})
    assert response.status_code == 302
    assert ClockRule.objects.get(code="review").days == 5

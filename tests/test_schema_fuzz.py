"""Every operation of /api/v1/ fuzzed from its own OpenAPI schema (issue 18, part 10), for two personas.

schemathesis reads the schema from the Django app (WSGI, no server) and generates requests for each operation:
valid ones (positive) and ones that break the schema (negative). No answer may be a 5xx, and every answer must
conform to the schema (its body for the status documented, its content type). Each request runs in a savepoint
rolled back after it, so the fuzz's writes never pile up and each request meets the world built below; half of
a detail's or an action's valid requests name one of its records, so they reach the serializers and services
rather than a 404. The run is reproducible: each persona has its own seed. The counts of operations and cases
are printed at the end of the run (tests/conftest.py, pytest_terminal_summary).

Not checked: that a status code is documented — the schema documents a view's success, not DRF's 400/403/404
answers, so every refusal would "fail".
"""

import logging
import os
import traceback
from contextlib import contextmanager
from datetime import date

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, Verbosity, given, seed
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from bureau.models import Role
from tests.corrections.conftest import level_policies, make_supervisee  # noqa: F401 (fixtures)
from tests.factories import ReminderFactory
from tests.legalaid.conftest import clock_rules, firm, lawyers, make_case  # noqa: F401 (fixtures)

# Cases per operation: valid requests, then invalid ones. The budget is the whole fuzz in about 90 s on the
# two-core CI machine (both personas, ~330 operations each); SCHEMA_FUZZ_DEPTH=10 runs ten times as many.
DEPTH = int(os.environ.get("SCHEMA_FUZZ_DEPTH") or 1)
EXAMPLES = {GenerationMode.POSITIVE: 2 * DEPTH, GenerationMode.NEGATIVE: DEPTH}
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
PERSONAS = {"clerk_a": 1, "section": 2}  # the street office of 桂园 and the legal-aid section; their seeds


@contextmanager
def requests_keep_the_test_connection():
    """A WSGI request closes the database connection when it finishes, and the test's transaction lives on it
    (Django's test client disconnects the same handler); the 4xx lines are left out of the log, a 5xx's
    traceback is kept in its failure."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    logging.disable(logging.ERROR)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def records_for(path):
    """{path parameter: [values of existing records]} for a detail or action path, from its view's queryset."""
    try:
        match = resolve(path.replace("{id}", "1").replace("{code}", "440303"))
    except Resolver404:
        return {}
    view = getattr(match.func, "cls", None)
    queryset = getattr(view, "queryset", None)
    if queryset is None or not match.kwargs:
        return {}
    name = next(iter(match.kwargs))
    field = getattr(view, "lookup_field", "pk")
    values = list(queryset.model.objects.order_by("pk").values_list(field, flat=True)[:5])
    return {name: values} if values else {}


def strategy(operation, mode):
    known = records_for(operation.path) if mode is GenerationMode.POSITIVE else {}
    generated = operation.as_strategy(generation_mode=mode)
    if not known:
        return generated
    (name, values), = known.items()
    existing = st.sampled_from(values).flatmap(
        lambda value: operation.as_strategy(generation_mode=mode, path_parameters={name: value}))
    return st.one_of(existing, generated)


def fuzz(schema, headers, persona_seed):
    """Runs every operation; returns (operations, cases, failures)."""
    failures, counts = [], {"operations": 0, "cases": 0}
    errors = []

    def keep_exception(sender, request, **kwargs):
        errors.append(traceback.format_exc(limit=-4))

    got_request_exception.connect(keep_exception)
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            counts["operations"] += 1
            seen = set()
            for mode, examples in EXAMPLES.items():

                @seed(persona_seed)
                @hypothesis_settings(max_examples=examples, database=None, deadline=None,
                                     phases=[Phase.explicit, Phase.generate], verbosity=Verbosity.quiet,
                                     suppress_health_check=list(HealthCheck))
                @given(case=strategy(operation, mode))
                def run(case):
                    counts["cases"] += 1
                    errors.clear()
                    with transaction.atomic():
                        response = case.call(headers=headers)
                        transaction.set_rollback(True)
                    try:
                        case.validate_response(response, checks=CHECKS, headers=headers)
                    except (FailureGroup, AssertionError) as failure:
                        key = (mode, response.status_code)
                        if key not in seen:  # one report per operation, mode and status is enough to act on
                            seen.add(key)
                            failures.append(f"{operation.label} [{mode.value}] {failure}\n{''.join(errors)}")

                try:
                    run()
                except Unsatisfiable:  # nothing of this operation can be made invalid (a path of any text)
                    pass
    finally:
        got_request_exception.disconnect(keep_exception)
    return counts["operations"], counts["cases"], failures


@pytest.fixture(scope="module")
def api_schema(django_db_setup, django_db_blocker):
    """The schema as the app serves it (to anyone: SERVE_PERMISSIONS), generated once for both personas."""
    with django_db_blocker.unblock(), requests_keep_the_test_connection():
        return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@pytest.fixture
def world(personas, areas, make_case, make_supervisee, lawyers):  # noqa: F811
    """Records both personas can reach: a legal-aid case with its lawyers, a consultation, a supervisee and
    to-dos of street A."""
    from legalaid.services import consultation_record

    make_case()
    make_case(received_on=date(2026, 3, 9), applicant_name="李大华")
    consultation_record(area=areas.street_a, on=date(2026, 3, 2), channel="window", topic="labour",
                        answer="告知可申请劳动仲裁", by=personas.section)
    make_supervisee()
    for _n in range(2):
        ReminderFactory(area=areas.street_a, role=Role.STREET, due_on=date(2026, 3, 20))


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_every_operation_answers_within_its_schema(persona, personas, world, api_schema, record_property):
    user = getattr(personas, persona)
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    with requests_keep_the_test_connection():
        operations, cases, failures = fuzz(api_schema, headers, PERSONAS[persona])
    record_property("schema_fuzz", [persona, operations, cases, len(failures)])
    assert operations > 300 and cases > 2 * operations
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)

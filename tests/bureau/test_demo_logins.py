"""The sign-ins `make run` prints, and the pages for the public that a function declares."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_banner_names_the_public_pages():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "Demo sign-ins" in text
    assert "Pages for the public (no sign-in):" in text and "/public_service/fw/" in text

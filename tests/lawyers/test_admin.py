"""The administrator's registry screens."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["admin:lawyers_lawfirm_changelist", "admin:lawyers_lawyer_changelist",
                                  "admin:lawyers_lawfirm_add", "admin:lawyers_lawyer_add"])
def test_admin_screens_open(client_for, personas, registry, name):
    response = client_for(personas.admin).get(reverse(name) + ("?q=桂园" if name.endswith("changelist") else ""))
    assert response.status_code == 200


def test_admin_lawyer_form_masks_the_id_number(client_for, personas, registry):
    lawyer = registry.lawyer_a
    html = client_for(personas.admin).get(reverse("admin:lawyers_lawyer_change", args=[lawyer.pk])).content.decode()
    assert lawyer.id_number not in html and 'name="specialties" value="criminal"' in html

"""Resident ID numbers: check digit, encrypted storage, exact lookup, masking, audited reveal."""

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.urls import reverse

from bureau.audit import REVEALED, AuditEvent
from bureau.identifiers import ResidentIDFormField, mask_resident_id, validate_resident_id
from bureau.models import User
from tests.factories import resident_id

GOOD = resident_id()  # 44030319900307123 + its check digit


def wrong_check_digit(number):
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def test_a_correct_number_is_accepted_and_normalized():
    lower = GOOD[:-1] + GOOD[-1].lower()
    assert validate_resident_id(f" {lower} ") == GOOD


@pytest.mark.parametrize("value, message", [
    (wrong_check_digit(GOOD), "校验位不正确"),
    ("4403031990030712", "应为18位"),
    (resident_id(birth="19900230"), "出生日期"),
    ("4403031990A307123X", "前17位应为数字"),
])
def test_a_wrong_number_is_refused_with_a_chinese_message(value, message):
    with pytest.raises(ValidationError) as error:
        ResidentIDFormField().clean(value)
    assert message in error.value.messages[0]


def test_masking_keeps_region_and_last_four():
    assert mask_resident_id("440303199003071234") == "440303********1234"


def test_stored_encrypted_found_by_exact_number_and_read_back_masked(personas):
    user = personas.clerk_a
    user.id_number = GOOD
    user.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM bureau_user WHERE id = %s", [user.pk])
        raw = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM bureau_userevent WHERE id_number LIKE %s", [f"%{GOOD[:6]}%"])
        events_in_clear = cursor.fetchone()[0]
    assert GOOD not in raw and GOOD[6:14] not in raw
    assert events_in_clear == 0  # the audit copy is encrypted too
    found = User.objects.get(id_number=GOOD.lower())
    assert found == user
    assert found.id_number == GOOD and found.id_number.masked == GOOD[:6] + "********" + GOOD[-4:]


def test_partial_lookups_are_refused(db):
    with pytest.raises(FieldError):
        list(User.objects.filter(id_number__startswith="440303"))


def test_model_validation_refuses_a_wrong_check_digit(personas):
    personas.clerk_a.id_number = wrong_check_digit(GOOD)
    with pytest.raises(ValidationError) as error:
        personas.clerk_a.full_clean()
    assert "校验位不正确" in str(error.value)


def test_reveal_is_audited_with_who_and_which_field(client_for, personas):
    personas.clerk_a.id_number = GOOD
    personas.clerk_a.save()
    url = reverse("bureau:identifier_reveal", args=["bureau", "user", personas.clerk_a.pk, "id_number"])
    response = client_for(personas.admin).post(url)
    assert response.status_code == 200 and GOOD in response.content.decode()
    event = AuditEvent.objects.filter(pgh_label=REVEALED).get()
    assert event.user == personas.admin
    assert event.pgh_context["revealed_field"] == "id_number"
    assert event.pgh_obj_id == str(personas.clerk_a.pk)


def test_reveal_outside_jurisdiction_is_404_and_not_audited(client_for, personas):
    personas.clerk_a.id_number = GOOD
    personas.clerk_a.save()
    url = reverse("bureau:identifier_reveal", args=["bureau", "user", personas.clerk_a.pk, "id_number"])
    assert client_for(personas.clerk_b).post(url).status_code == 404
    assert client_for(personas.clerk_b).get(url).status_code == 405
    bad_field = reverse("bureau:identifier_reveal", args=["bureau", "user", personas.clerk_a.pk, "username"])
    assert client_for(personas.admin).post(bad_field).status_code == 404
    assert not AuditEvent.objects.filter(pgh_label=REVEALED).exists()


def test_edit_forms_show_the_number_masked_and_keep_it_when_left_empty(client_for, personas):
    personas.clerk_a.id_number = GOOD
    personas.clerk_a.save()
    admin = client_for(personas.admin)
    url = reverse("admin:bureau_user_change", args=[personas.clerk_a.pk])
    html = admin.get(url).content.decode()
    assert GOOD not in html and GOOD[:6] + "********" + GOOD[-4:] in html
    form = {"username": "clerk_a", "name": "桂园司法所 张敏", "role": "street", "area": personas.clerk_a.area_id,
            "id_number": "", "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00"}
    assert admin.post(url, form).status_code == 302
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.id_number == GOOD
    other = resident_id(sequence="456")
    assert admin.post(url, {**form, "id_number": other}).status_code == 302
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.id_number == other
    response = admin.post(url, {**form, "id_number": wrong_check_digit(other)})
    assert response.status_code == 200 and "校验位不正确" in response.content.decode()

"""Resident ID numbers: check digit, birth date, region warnings, encrypted storage, exact lookup, masking,
audited reveal."""

import copy
import pickle
from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bureau import identifiers
from bureau.audit import REVEALED, AuditEvent
from bureau.identifiers import (
    ResidentID,
    ResidentIDFormField,
    decrypt_resident_id,
    encrypt_resident_id,
    mask_resident_id,
    resident_id_warning,
    validate_resident_id,
)
from bureau.models import IdentifierConfirmation, User
from tests.factories import resident_id

GOOD = resident_id()  # 44030319900307123 + its check digit
GUANGMING_1990 = resident_id(region="440311", birth="19900307")  # 光明区 exists since 2018


def wrong_check_digit(number):
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def test_a_correct_number_is_accepted_and_normalized():
    lower = GOOD[:-1] + GOOD[-1].lower()
    assert validate_resident_id(f" {lower} ") == GOOD


def test_a_number_that_passed_is_not_checked_again_but_one_read_back_is(monkeypatch):
    checked = validate_resident_id(GOOD)
    assert type(checked) is ResidentID and checked == GOOD
    calls = []
    monkeypatch.setattr(identifiers.ric, "calc_check_digit", lambda n: calls.append(n) or GOOD[-1])
    assert validate_resident_id(checked) is checked and calls == []  # an import's service, after its column
    assert validate_resident_id(str(checked)) == GOOD and len(calls) == 1
    monkeypatch.undo()
    # A ResidentID that did not pass here (read from the database, made by hand) is checked in full.
    with pytest.raises(ValidationError, match="校验位不正确"):
        validate_resident_id(ResidentID(wrong_check_digit(GOOD)))


@pytest.mark.parametrize("value, message", [
    (wrong_check_digit(GOOD), "校验位不正确"),
    ("4403031990030712", "应为18位"),
    (resident_id(birth="19900230"), "出生日期（19900230）不存在"),
    (resident_id(birth="18991231"), "早于1900年"),
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


@pytest.fixture
def encryptions(monkeypatch):
    """How many times a number was encrypted."""
    made = []
    encrypt = identifiers._encrypt
    monkeypatch.setattr(identifiers, "_encrypt", lambda cipher, number: made.append(number) or encrypt(cipher, number))
    return made


def test_a_number_is_encrypted_once_however_often_it_is_prepared(encryptions):
    field = User._meta.get_field("id_number")
    number = ResidentID(GOOD.lower())  # as typed: the stored form is the normalized number's
    tokens = {field.get_db_prep_value(number, connection) for _ in range(3)}
    assert tokens == {encrypt_resident_id(GOOD)}
    assert encryptions == [GOOD, GOOD]  # once for the ResidentID, once for the check above
    assert field.get_db_prep_value(GOOD, connection) == encrypt_resident_id(GOOD)  # a plain str: as before


def test_a_number_read_back_keeps_the_ciphertext_it_was_read_from(personas, encryptions):
    user = personas.clerk_a
    user.id_number = GOOD
    user.save()
    found = User.objects.get(pk=user.pk)
    encryptions.clear()
    found.save()
    assert encryptions == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM bureau_user WHERE id = %s", [user.pk])
        assert decrypt_resident_id(cursor.fetchone()[0]) == GOOD


def test_a_new_key_seals_the_number_again(settings):
    number = ResidentID(GOOD)
    before = number.sealed()
    settings.IDENTIFIER_KEY = bytes(64)
    assert number.sealed() != before and decrypt_resident_id(number.sealed()) == GOOD


def test_a_sealed_number_pickles_and_copies_as_the_number_alone():
    number = ResidentID(GOOD)
    number.sealed()
    for copied in (pickle.loads(pickle.dumps(number)), copy.deepcopy(number)):
        assert copied == GOOD and type(copied) is ResidentID and "_sealed" not in copied.__dict__


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


# --- Errors and warnings ------------------------------------------------------------------------------------


def test_a_birth_date_after_today_is_refused_and_today_is_accepted(db):
    today = timezone.localdate()
    tomorrow = resident_id(birth=f"{today + timedelta(days=1):%Y%m%d}")
    with pytest.raises(ValidationError) as error:
        validate_resident_id(tomorrow)
    assert "晚于今天" in error.value.messages[0]
    born_today = resident_id(birth=f"{today:%Y%m%d}")
    assert validate_resident_id(born_today) == born_today


def test_a_region_code_unknown_for_the_birth_year_is_a_warning_not_an_error():
    assert validate_resident_id(GUANGMING_1990) == GUANGMING_1990
    warning = resident_id_warning(GUANGMING_1990)
    assert "440311" in warning and "光明区" in warning and "2018年起使用" in warning and "1990年" in warning
    assert resident_id_warning(resident_id(region="440311", birth="20190101")) is None
    assert resident_id_warning(GOOD) is None


def test_a_region_code_unknown_at_any_time_is_a_warning_too():
    number = resident_id(region="440399")
    assert validate_resident_id(number) == number
    assert "440399不在行政区划代码表中" in resident_id_warning(number)


class NumberForm(forms.Form):
    number = ResidentIDFormField()


def test_the_form_field_asks_for_the_checkbox_then_accepts_the_warned_number():
    form = NumberForm({"number": GUANGMING_1990})
    assert not form.is_valid()
    assert "已核对身份证号码，地区代码确认无误" in form.errors["number"][0] and "光明区" in form.errors["number"][0]
    html = str(form["number"])
    assert 'type="checkbox" name="number_confirmed"' in html and "checked" not in html
    confirmed = NumberForm({"number": GUANGMING_1990, "number_confirmed": "1"})
    assert confirmed.is_valid(), confirmed.errors
    assert confirmed.cleaned_data["number"] == GUANGMING_1990
    assert "光明区" in confirmed.fields["number"].confirmed_warning
    plain = NumberForm({"number": GOOD})
    assert plain.is_valid() and plain.fields["number"].confirmed_warning is None
    assert "number_confirmed" not in str(plain["number"])


def test_model_validation_does_not_refuse_a_region_warning(personas):
    personas.clerk_a.id_number = GUANGMING_1990
    personas.clerk_a.full_clean()


def test_the_user_admin_asks_to_confirm_a_region_warning_and_records_who_confirmed(client_for, personas):
    admin = client_for(personas.admin)
    url = reverse("admin:bureau_user_change", args=[personas.clerk_a.pk])
    form = {"username": "clerk_a", "name": "桂园司法所 张敏", "role": "street", "area": personas.clerk_a.area_id,
            "id_number": GUANGMING_1990, "is_active": "on", "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00"}
    response = admin.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200 and "已核对身份证号码，地区代码确认无误" in html and "id_number_confirmed" in html
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.id_number is None and not IdentifierConfirmation.objects.exists()
    assert admin.post(url, {**form, "id_number_confirmed": "1"}).status_code == 302
    personas.clerk_a.refresh_from_db()
    assert personas.clerk_a.id_number == GUANGMING_1990
    confirmation = IdentifierConfirmation.objects.get()
    assert confirmation.record == personas.clerk_a and confirmation.field_name == "id_number"
    assert confirmation.id_number == GUANGMING_1990 and confirmation.confirmed_by == personas.admin
    assert "光明区" in confirmation.warning
    for page in [reverse("admin:bureau_identifierconfirmation_changelist"),
                 reverse("admin:bureau_identifierconfirmation_change", args=[confirmation.pk])]:
        html = admin.get(page).content.decode()
        assert GUANGMING_1990 not in html and GUANGMING_1990[:6] + "********" + GUANGMING_1990[-4:] in html
    # Saved again without a new number, nothing is asked and nothing is recorded twice.
    assert admin.post(url, {**form, "id_number": ""}).status_code == 302
    assert IdentifierConfirmation.objects.count() == 1

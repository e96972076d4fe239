"""The registry pages: who may see and change them, jurisdiction, forms, filters, export, query counts."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bureau.identifiers import mask_resident_id
from bureau.models import Role
from lawyers.models import LawFirm, Lawyer, Status
from tests.factories import LawFirmFactory, LawyerFactory, UserFactory, credit_code, resident_id

GOOD_CODE = credit_code("31440000MA5F0A0B1")


def wrong_check_char(code):
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def firm_form(area, **values):
    return {"name": "广东笋岗衡平律师事务所", "credit_code": GOOD_CODE, "area": area.pk, "director": "",
            "address": "", "phone": "", "founded_on": "", **values}


def lawyer_form(area, **values):
    return {"name": "周新律", "certificate_number": "14403201810000999", "id_number": "", "kind": "full_time",
            "firm": "", "area": area.pk, "practice_start": "2018-06-01", "specialties": ["criminal", "labour"],
            "legal_aid_available": "on", "phone": "", **values}


def lawyer_pks(html):
    return {int(pk) for pk in re.findall(r'href="/lawyers/(\d+)/"', html)}


# --- Who may open and change the registry ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["clerk_a", "leader", "section", "admin"])
def test_lawyers_and_legal_aid_staff_open_the_registry(client_for, personas, registry, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("lawyers:lawyer_list")).status_code == 200
    assert client.get(reverse("lawyers:lawfirm_list")).status_code == 200


def test_staff_of_another_section_are_refused_with_a_message(client_for, areas):
    mediation = UserFactory(role=Role.SECTION, section="mediation", area=areas.district)
    response = client_for(mediation).get(reverse("lawyers:lawyer_list"))
    assert response.status_code == 403
    assert "您的角色不能查看律师事务所和律师名录" in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "section"])
def test_read_only_users_get_403_on_create_and_update(client_for, personas, registry, areas, persona):
    client = client_for(getattr(personas, persona))
    for url in [reverse("lawyers:lawfirm_create"), reverse("lawyers:lawyer_create"),
                reverse("lawyers:lawfirm_update", args=[registry.firm_a.pk]),
                reverse("lawyers:lawyer_update", args=[registry.lawyer_a.pk])]:
        response = client.get(url)
        assert response.status_code == 403
        assert "不能新增或修改" in response.content.decode()
    assert client.post(reverse("lawyers:lawfirm_create"), firm_form(areas.street_a)).status_code == 403
    assert not LawFirm.objects.filter(credit_code=GOOD_CODE).exists()
    list_html = client.get(reverse("lawyers:lawyer_list")).content.decode()
    assert reverse("lawyers:lawyer_create") not in list_html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("lawyers:lawyer_list"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_menu_shows_the_registry_to_lawyers_staff(client_for, personas):
    html = client_for(personas.clerk_a).get(reverse("home")).content.decode()
    assert reverse("lawyers:lawfirm_list") in html and reverse("lawyers:lawyer_list") in html


# --- Jurisdiction ---------------------------------------------------------------------------------------


def test_street_b_gets_404_for_street_a_firm_and_lawyer(client_for, personas, registry):
    client = client_for(personas.clerk_b)
    for url in [reverse("lawyers:lawfirm_detail", args=[registry.firm_a.pk]),
                reverse("lawyers:lawfirm_update", args=[registry.firm_a.pk]),
                reverse("lawyers:lawyer_detail", args=[registry.lawyer_a.pk]),
                reverse("lawyers:lawyer_update", args=[registry.lawyer_a.pk])]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("lawyers:lawyer_detail", args=[registry.lawyer_b.pk])).status_code == 200


def test_lists_show_a_street_clerk_only_their_street(client_for, personas, registry):
    client = client_for(personas.clerk_a)
    html = client.get(reverse("lawyers:lawyer_list")).content.decode()
    assert "张桂园" in html and "李黄贝" not in html
    html = client.get(reverse("lawyers:lawfirm_list")).content.decode()
    assert "广东桂园明理律师事务所" in html and "广东黄贝守正律师事务所" not in html


def test_leader_sees_both_streets_and_other_district_sees_nothing(client_for, personas, registry):
    leader = client_for(personas.leader)
    html = leader.get(reverse("lawyers:lawyer_list")).content.decode()
    assert "张桂园" in html and "李黄贝" in html
    assert leader.get(reverse("lawyers:lawyer_detail", args=[registry.lawyer_b.pk])).status_code == 200
    assert leader.get(reverse("lawyers:lawfirm_detail", args=[registry.firm_a.pk])).status_code == 200
    other = client_for(personas.other_leader)
    assert other.get(reverse("lawyers:lawyer_detail", args=[registry.lawyer_a.pk])).status_code == 404
    assert other.get(reverse("lawyers:lawfirm_detail", args=[registry.firm_b.pk])).status_code == 404
    assert "张桂园" not in other.get(reverse("lawyers:lawyer_list")).content.decode()


# --- Detail pages ---------------------------------------------------------------------------------------


def test_firm_page_lists_its_lawyers(client_for, personas, registry):
    LawyerFactory(name="王同所", firm=registry.firm_a)
    html = client_for(personas.clerk_a).get(registry.firm_a.get_absolute_url()).content.decode()
    assert registry.firm_a.credit_code in html
    assert "张桂园" in html and "王同所" in html and "李黄贝" not in html
    assert f'{reverse("lawyers:lawyer_create")}?firm={registry.firm_a.pk}' in html


def test_lawyer_page_shows_years_specialties_aid_and_the_masked_id(client_for, personas, registry):
    lawyer = registry.lawyer_a
    html = client_for(personas.clerk_a).get(lawyer.get_absolute_url()).content.decode()
    assert f"执业 {lawyer.years_of_practice()} 年" in html
    assert "刑事辩护与代理" in html and "承办法律援助案件" in html
    assert mask_resident_id(lawyer.id_number) in html and lawyer.id_number not in html
    assert reverse("bureau:identifier_reveal", args=["lawyers", "lawyer", lawyer.pk, "id_number"]) in html


def test_the_full_id_number_is_revealed_only_on_request(client_for, personas, registry):
    lawyer = registry.lawyer_a
    url = reverse("bureau:identifier_reveal", args=["lawyers", "lawyer", lawyer.pk, "id_number"])
    assert client_for(personas.clerk_b).post(url).status_code == 404
    assert str(lawyer.id_number) in client_for(personas.clerk_a).post(url).content.decode()


# --- Forms ----------------------------------------------------------------------------------------------


def test_clerk_registers_a_firm_in_their_street(client_for, personas, areas):
    client = client_for(personas.clerk_a)
    form = client.get(reverse("lawyers:lawfirm_create")).content.decode()
    assert re.search(rf'<option value="{areas.street_a.pk}" selected>', form)
    assert "黄贝街道" not in form
    response = client.post(reverse("lawyers:lawfirm_create"), firm_form(areas.street_a, credit_code=GOOD_CODE.lower()),
                           follow=True)
    firm = LawFirm.objects.get()
    assert firm.credit_code == GOOD_CODE and firm.area == areas.street_a and firm.status == Status.PRACTISING
    assert response.redirect_chain[-1][0] == firm.get_absolute_url()
    assert "已登记律师事务所“广东笋岗衡平律师事务所”" in response.content.decode()


def test_a_wrong_credit_code_check_character_is_refused_on_the_form(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(
        reverse("lawyers:lawfirm_create"), firm_form(areas.street_a, credit_code=wrong_check_char(GOOD_CODE))
    )
    assert response.status_code == 200
    assert "统一社会信用代码校验位不正确，请核对后重新输入。" in response.content.decode()
    assert not LawFirm.objects.exists()


def test_a_credit_code_already_registered_is_refused(client_for, personas, areas):
    LawFirmFactory(credit_code=GOOD_CODE, area=areas.street_b)
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawfirm_create"), firm_form(areas.street_a))
    assert "该统一社会信用代码已登记" in response.content.decode()
    assert LawFirm.objects.count() == 1


def test_a_clerk_cannot_file_a_firm_under_another_street(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawfirm_create"), firm_form(areas.street_b))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not LawFirm.objects.exists()


def test_clerk_updates_a_firm(client_for, personas, registry):
    firm = registry.firm_a
    client = client_for(personas.clerk_a)
    response = client.post(reverse("lawyers:lawfirm_update", args=[firm.pk]),
                           firm_form(firm.area, name=firm.name, credit_code=firm.credit_code, phone="0755-00001234"))
    assert response.status_code == 302
    firm.refresh_from_db()
    assert firm.phone == "0755-00001234"


def test_clerk_registers_a_lawyer_with_specialties(client_for, personas, registry, areas):
    client = client_for(personas.clerk_a)
    form = client.get(reverse("lawyers:lawyer_create") + f"?firm={registry.firm_a.pk}").content.decode()
    assert re.search(r'type="checkbox"[^>]*name="specialties" value="criminal"', form)
    assert re.search(r'type="date"[^>]*name="practice_start"', form)
    assert re.search(rf'<option value="{registry.firm_a.pk}" selected>', form)
    assert registry.firm_b.name not in form
    response = client.post(reverse("lawyers:lawyer_create"), lawyer_form(
        areas.street_a, firm=registry.firm_a.pk, id_number=resident_id(sequence="456")))
    lawyer = Lawyer.objects.get(certificate_number="14403201810000999")
    assert response.status_code == 302 and response.url == lawyer.get_absolute_url()
    assert lawyer.specialties == ["criminal", "labour"] and lawyer.firm == registry.firm_a
    assert lawyer.id_number == resident_id(sequence="456")


def test_a_full_time_lawyer_without_a_firm_is_refused(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"), lawyer_form(areas.street_a))
    assert response.status_code == 200
    assert "专职、兼职律师须填写执业的律师事务所。" in response.content.decode()
    assert not Lawyer.objects.exists()


def test_a_public_lawyer_needs_no_firm(client_for, personas, areas):
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"),
                                                 lawyer_form(areas.street_a, kind="public"))
    assert response.status_code == 302
    assert Lawyer.objects.get().firm is None


@pytest.mark.parametrize("number", ["1440320181000099", "144032018100009999", "1440320181000099X"])
def test_a_certificate_number_must_be_17_digits(client_for, personas, registry, areas, number):
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"), lawyer_form(
        areas.street_a, firm=registry.firm_a.pk, certificate_number=number))
    html = response.content.decode()
    assert response.status_code == 200
    assert "律师执业证号应为17位数字。" in html or "不超过 17 字符" in html
    assert not Lawyer.objects.filter(name="周新律").exists()


def test_a_practice_start_in_the_future_is_refused(client_for, personas, registry, areas):
    response = client_for(personas.clerk_a).post(reverse("lawyers:lawyer_create"), lawyer_form(
        areas.street_a, firm=registry.firm_a.pk, practice_start="2099-01-01"))
    assert "首次执业日期不能晚于今天。" in response.content.decode()


def test_the_edit_form_never_echoes_the_id_number_and_keeps_it(client_for, personas, registry):
    lawyer = registry.lawyer_a
    client = client_for(personas.clerk_a)
    url = reverse("lawyers:lawyer_update", args=[lawyer.pk])
    html = client.get(url).content.decode()
    assert lawyer.id_number not in html and mask_resident_id(lawyer.id_number) in html
    response = client.post(url, lawyer_form(lawyer.area, name=lawyer.name, firm=lawyer.firm_id,
                                            certificate_number=lawyer.certificate_number,
                                            specialties=["family"]))
    assert response.status_code == 302
    lawyer.refresh_from_db()
    assert lawyer.id_number == resident_id() and lawyer.specialties == ["family"]


# --- Lists: filters, export, query counts ---------------------------------------------------------------


def test_firm_filters(client_for, personas, registry):
    client = client_for(personas.leader)
    html = client.get(reverse("lawyers:lawfirm_list") + "?area=440303002").content.decode()
    assert "广东黄贝守正律师事务所" in html and "广东桂园明理律师事务所" not in html
    html = client.get(reverse("lawyers:lawfirm_list") + "?name=桂园").content.decode()
    assert "广东桂园明理律师事务所" in html and "广东黄贝守正律师事务所" not in html


def test_lawyer_filters(client_for, personas, registry):
    LawyerFactory(name="王不援", firm=registry.firm_a, legal_aid_available=False, specialties=["labour"])
    client = client_for(personas.leader)

    def names(query):
        return {Lawyer.objects.get(pk=pk).name for pk in lawyer_pks(
            client.get(reverse("lawyers:lawyer_list") + query).content.decode())}

    assert names("") == {"张桂园", "李黄贝", "王不援"}
    assert names("?specialty=criminal") == {"张桂园"}
    assert names("?legal_aid_available=false") == {"王不援"}
    assert names(f"?firm={registry.firm_b.pk}") == {"李黄贝"}
    assert names(f"?q={registry.lawyer_b.certificate_number[-6:]}") == {"李黄贝"}
    assert names("?area=440303001&kind=full_time") == {"张桂园", "王不援"}


def test_excel_export_has_the_visible_filtered_rows(client_for, personas, registry):
    response = client_for(personas.clerk_a).get(reverse("lawyers:lawyer_list") + "?_export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("姓名", "执业证号", "类别")
    assert [row[0] for row in rows[1:]] == ["张桂园"]
    assert "刑事辩护与代理" in rows[1] and "执业" in rows[1] and "是" in rows[1]
    firms = load_workbook(BytesIO(client_for(personas.leader).get(
        reverse("lawyers:lawfirm_list") + "?_export=xlsx&area=440303002").content)).active
    assert [row[0] for row in list(firms.values)[1:]] == ["广东黄贝守正律师事务所"]


def test_list_pages_make_a_constant_number_of_queries(client_for, personas, areas, django_assert_max_num_queries):
    """20 lawyers of 5 firms: session, user and navigation, the filter choices, count and one page of rows."""
    for number in range(5):
        firm = LawFirmFactory(area=areas.street_a if number % 2 else areas.street_b)
        LawyerFactory.create_batch(4, firm=firm)
    client = client_for(personas.leader)
    client.get(reverse("home"))
    with django_assert_max_num_queries(11):
        html = client.get(reverse("lawyers:lawyer_list")).content.decode()
    assert len(lawyer_pks(html)) == 20
    with django_assert_max_num_queries(10):
        client.get(reverse("lawyers:lawyer_list") + "?_export=xlsx")
    with django_assert_max_num_queries(10):
        client.get(reverse("lawyers:lawfirm_list"))
    with django_assert_max_num_queries(9):
        assert len(lawyer_pks(client.get(firm.get_absolute_url()).content.decode())) == 4


def test_the_registry_speaks_english(client_for, personas, registry):
    client = client_for(personas.clerk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("lawyers:lawyer_list")).content.decode()
    assert "Register a lawyer" in html and "Criminal defence and representation" in html
    html = client.get(registry.lawyer_a.get_absolute_url()).content.decode()
    assert re.search(r"\d+ years? of practice", html) and "Takes legal aid cases" in html


def test_advisors_do_not_use_the_registry_they_are_listed_in(client_for, personas):
    from django.urls import reverse

    advisor = client_for(personas.advisor)
    assert advisor.get(reverse("lawyers:lawyer_list")).status_code == 403
    assert advisor.get(reverse("lawyers:lawfirm_list")).status_code == 403
    assert advisor.get("/api/v1/lawyers/lawyers/").status_code == 403
    imports = advisor.get(reverse("imports:resource_list")).content.decode()
    assert "lawyers.lawfirm" not in imports and "lawyers.lawyer/" not in imports
    assert advisor.get(reverse("imports:importjob_create", args=["lawyers.lawfirm"])).status_code == 403

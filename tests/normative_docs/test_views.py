"""The 法治政府 pages: the unit's workspace, submitting a draft with its materials and files, the section's
review, resubmission, issue (a number already used is refused on the number field), filing, assessment and
close; the reconsideration and litigation ledgers with their actions; units. Every record is a 404 outside the
user's district or unit; lists are filtered, exported and their queries pinned."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bureau.audit import AuditEvent
from bureau.menu import menu_for
from bureau.models import Reminder
from normative_docs import services
from normative_docs.models import (
    Document,
    DocumentAttachment,
    Hearing,
    Litigation,
    Reconsideration,
    ReviewRound,
    Status,
)
from normative_docs.reminders import FILING_DUE, REVIEW_DUE

from .conftest import ALL_MATERIALS

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def submit(law, by=None, **fields):
    values = {"unit": law.unit_a, "kind": "normative", "title": "罗湖区城市更新项目保障性住房配建管理办法",
              "materials": ALL_MATERIALS, "submitted_on": today() - timedelta(days=3)}
    values.update(fields)
    return services.document_submit(document=Document(**values), by=by or law.drafter_a)


def issued(law, number=None, **fields):
    document = submit(law, **fields)
    services.document_review(document=document, on=today(), passed=True, opinions="", by=law.section)
    return services.document_issue(document=document, number=number or f"深罗规〔{today().year}〕1号",
                                   issued_on=today(), by=law.section)


def reconsideration(law, by=None, **fields):
    values = {"area": law.unit_a.area, "applicant": "陈某", "respondent": "罗湖区住房和建设局",
              "respondent_unit": law.unit_a, "matter": "penalty", "received_on": today() - timedelta(days=2)}
    values.update(fields)
    return services.reconsideration_receive(case=Reconsideration(**values), by=by or law.section)


def lawsuit(law, **fields):
    values = {"area": law.unit_a.area, "court": "罗湖区人民法院", "case_number": f"（{today().year}）粤0303行初1号",
              "plaintiff": "深圳某公司", "defendant": "罗湖区住房和建设局", "defendant_unit": law.unit_a,
              "matter": "penalty", "received_on": today() - timedelta(days=5)}
    values.update(fields)
    return services.litigation_register(case=Litigation(**values), by=law.section)


def post(client, url, data, **extra):
    return client.post(url, data, **extra)


# --- Access -----------------------------------------------------------------------------------------------


def record_pages(document, case, suit):
    return [
        reverse("normative_docs:document_detail", args=[document.pk]),
        reverse("normative_docs:document_action", args=[document.pk, "review"]),
        reverse("normative_docs:reconsideration_detail", args=[case.pk]),
        reverse("normative_docs:reconsideration_action", args=[case.pk, "accept"]),
        reverse("normative_docs:litigation_detail", args=[suit.pk]),
        reverse("normative_docs:litigation_action", args=[suit.pk, "hearing"]),
        reverse("normative_docs:unit_detail", args=[document.unit_id]),
    ]


LISTS = ["normative_docs:document_list", "normative_docs:reconsideration_list", "normative_docs:litigation_list",
         "normative_docs:unit_list"]


def test_every_page_opens_for_the_section_and_is_a_404_for_another_district_and_another_unit(law, client_for):
    document, case, suit = submit(law), reconsideration(law), lawsuit(law)
    client = client_for(law.section)
    for url in record_pages(document, case, suit) + [reverse(n) for n in LISTS] + [
            reverse("normative_docs:document_create"), reverse("normative_docs:reconsideration_create"),
            reverse("normative_docs:litigation_create"), reverse("normative_docs:unit_create")]:
        assert client.get(url).status_code == 200, url
    for user in (law.other_section, law.drafter_b):
        client = client_for(user)
        for url in record_pages(document, case, suit):
            assert client.get(url).status_code == 404, (user, url)
        for name in LISTS[:3]:
            body = client.get(reverse(name)).content.decode()
            assert document.title not in body and case.number not in body and suit.case_number not in body
        # actions and exports too
        assert client.post(reverse("normative_docs:document_action", args=[document.pk, "review"]),
                           {"on": today(), "result": "passed"}).status_code == 404
        assert client.get(reverse("normative_docs:document_resubmit", args=[document.pk])).status_code == 404
        export = client.get(reverse("normative_docs:document_list"), {"_export": "xlsx"})
        assert document.title not in str(list(load_workbook(BytesIO(export.content)).active.values))


def test_the_unit_user_reads_their_unit_s_records_and_writes_only_their_drafts(law, client_for):
    document, case, suit = submit(law), reconsideration(law), lawsuit(law)
    client = client_for(law.drafter_a)
    for url in [reverse("normative_docs:document_detail", args=[document.pk]),
                reverse("normative_docs:reconsideration_detail", args=[case.pk]),
                reverse("normative_docs:litigation_detail", args=[suit.pk])]:
        assert client.get(url).status_code == 200
    # the section's steps are refused with the reason, nothing written
    response = client.post(reverse("normative_docs:document_action", args=[document.pk, "review"]),
                           {"on": today(), "result": "passed"})
    assert "由法制科办理" in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == Status.SUBMITTED
    assert client.get(reverse("normative_docs:reconsideration_create")).status_code == 403
    items = {i.url_name for _label, group in menu_for(law.drafter_a) for i in group}
    assert {"normative_docs:document_list", "normative_docs:document_create"} <= items
    assert "normative_docs:unit_list" not in items and "dashboard:overview" not in items


@pytest.mark.parametrize("name", LISTS + ["normative_docs:document_create"])
def test_a_role_without_the_function_gets_a_403(client_for, personas, law, name):
    # the `section` persona is of 法律援助科
    assert client_for(personas.section).get(reverse(name)).status_code == 403


def test_the_leader_reads_but_is_offered_no_forms(client_for, personas, law):
    document = submit(law)
    client = client_for(personas.leader)
    assert client.get(reverse("normative_docs:document_detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("normative_docs:document_create")).status_code == 403
    body = client.get(reverse("normative_docs:document_list")).content.decode()
    assert document.title in body and "提交草案" not in body


# --- The workspace and the draft --------------------------------------------------------------------------


def test_the_unit_s_home_is_its_workspace_with_what_awaits_it(law, client_for):
    returned = submit(law, title="罗湖区住房租赁管理办法")
    services.document_review(document=returned, on=today(), passed=False, opinions="第三条缺少依据。", by=law.section)
    under_review = submit(law, title="罗湖区物业管理工作方案", kind="work_plan", materials=["draft"])
    other = submit(law, by=law.drafter_b, unit=law.unit_b, title="桂园街道工作方案", kind="work_plan",
                   materials=["draft"])
    case = reconsideration(law)
    response = client_for(law.drafter_a).get(reverse("home"))
    body = response.content.decode()
    assert response.templates[0].name == "normative_docs/unit_home.html"
    assert "罗湖区住房和建设局" in body and "提交草案" in body
    assert returned.title in body and "第三条缺少依据。" in body and under_review.title in body
    assert other.title not in body and case.number in body


def test_a_draft_is_submitted_with_its_materials_and_files(law, client_for):
    client = client_for(law.drafter_a)
    form = client.get(reverse("normative_docs:document_create")).content.decode()
    assert f'value="{law.unit_a.pk}" selected' in form and law.unit_b.name not in form
    data = {"unit": law.unit_a.pk, "kind": "normative", "topic": "", "title": "罗湖区住房租赁管理办法",
            "submitted_on": today().isoformat(), "materials": ["draft", "explanation"]}
    # a missing material is named, nothing written
    response = client.post(reverse("normative_docs:document_create"), data)
    assert "缺少报送材料：制定依据、征求意见及采纳情况、公平竞争审查意见。" in response.content.decode()
    assert not Document.objects.exists()
    # a program renamed to .pdf is refused by its content
    bad = SimpleUploadedFile("送审稿.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(reverse("normative_docs:document_create"), {**data, "materials": ALL_MATERIALS,
                                                                       "attachments": [bad]})
    assert "内容与扩展名不符" in response.content.decode() and not Document.objects.exists()
    good = SimpleUploadedFile("送审稿.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("normative_docs:document_create"), {**data, "materials": ALL_MATERIALS,
                                                                       "attachments": [good]}, follow=True)
    document = Document.objects.get()
    assert (document.status, document.unit, document.submitted_by) == (Status.SUBMITTED, law.unit_a, law.drafter_a)
    body = response.content.decode()
    assert "法制科审查期限至" in body and "送审稿.pdf" in body
    # the file is a record of the round, on the audit trail with its uploader, downloaded through the page
    attachment = DocumentAttachment.objects.get()
    assert (attachment.document, attachment.round_number, attachment.original_name, attachment.size,
            attachment.uploaded_by) == (document, 1, "送审稿.pdf", len(PDF), law.drafter_a)
    event = AuditEvent.objects.get(pgh_obj_model="normative_docs.DocumentAttachment", pgh_label="insert")
    assert (event.pgh_obj_id, event.user) == (str(attachment.pk), law.drafter_a)
    url = reverse("normative_docs:document_attachment", args=[attachment.pk])
    assert url in body and attachment.file.url not in body
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "送审稿.pdf" in download["Content-Disposition"] or "filename*" in download["Content-Disposition"]
    assert client_for(law.section).get(url).status_code == 200
    # another unit of the district, or another district's section: 404
    assert client_for(law.drafter_b).get(url).status_code == 404
    assert client_for(law.other_section).get(url).status_code == 404


def test_a_file_is_added_or_withdrawn_while_its_round_awaits_review_and_kept_after(
        law, client_for, personas, django_capture_on_commit_callbacks):
    document = submit(law)
    drafter, page = client_for(law.drafter_a), document.get_absolute_url()
    add = reverse("normative_docs:document_files_add", args=[document.pk])
    assert f'action="{add}"' in drafter.get(page).content.decode()
    # the wrong file, then the right one: each checked as at submission; a bad one writes nothing
    bad = SimpleUploadedFile("起草说明.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    body = drafter.post(add, {"attachments": [bad]}, follow=True).content.decode()
    assert "内容与扩展名不符" in body and not DocumentAttachment.objects.exists()
    assert "请选择要补充的附件。" in drafter.post(add, {}, follow=True).content.decode()
    wrong = SimpleUploadedFile("旧稿.pdf", PDF, content_type="application/pdf")
    body = drafter.post(add, {"attachments": [wrong]}, follow=True).content.decode()
    assert "已在第1轮补充1个附件。" in body
    wrong = DocumentAttachment.objects.get()
    stored, withdraw = wrong.file.name, reverse("normative_docs:document_attachment_withdraw", args=[wrong.pk])
    assert f'action="{withdraw}"' in body and wrong.file.storage.exists(stored)

    # another unit, another district's section: a 404, nothing changes; a GET changes nothing either
    for outsider in (law.drafter_b, law.other_section):
        assert client_for(outsider).post(withdraw).status_code == 404
        assert client_for(outsider).post(add, {"attachments": [SimpleUploadedFile(
            "x.pdf", PDF, content_type="application/pdf")]}).status_code == 404
    leader = client_for(personas.leader)  # reads the document, is offered no form, and may change nothing
    assert f'action="{add}"' not in leader.get(page).content.decode()
    assert leader.post(withdraw).status_code == 403
    drafter = client_for(law.drafter_a)
    assert drafter.get(withdraw).status_code == 405
    assert DocumentAttachment.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        body = drafter.post(withdraw, follow=True).content.decode()
    assert "已撤回附件“旧稿.pdf”。" in body and not DocumentAttachment.objects.exists()
    assert not wrong.file.storage.exists(stored)  # the stored file goes with its record
    deleted = AuditEvent.objects.get(pgh_obj_model="normative_docs.DocumentAttachment", pgh_label="delete")
    assert deleted.user == law.drafter_a  # who withdrew it, on the trail
    drafter.post(add, {"attachments": [SimpleUploadedFile("起草说明.pdf", PDF, content_type="application/pdf")]})
    kept = DocumentAttachment.objects.get()
    assert (kept.round_number, kept.original_name) == (1, "起草说明.pdf")
    ten = [SimpleUploadedFile(f"材料{i}.pdf", PDF, content_type="application/pdf") for i in range(10)]
    body = drafter.post(add, {"attachments": ten}, follow=True).content.decode()
    assert "每轮最多10个附件，本轮已有1个。" in body and DocumentAttachment.objects.count() == 1

    # once the section has concluded the round, its files are what was reviewed: neither added nor withdrawn
    services.document_review(document=document, on=today(), passed=True, opinions="", by=law.section)
    body = drafter.get(page).content.decode()
    assert f'action="{add}"' not in body and "起草说明.pdf" in body and "/withdraw/" not in body
    body = drafter.post(reverse("normative_docs:document_attachment_withdraw", args=[kept.pk]),
                        follow=True).content.decode()
    assert f"第1轮审查已于{today().isoformat()}完成，其附件不能再增加或撤回。" in body
    body = drafter.post(add, {"attachments": [SimpleUploadedFile("补充.pdf", PDF, content_type="application/pdf")]},
                        follow=True).content.decode()
    assert "其附件不能再增加或撤回" in body and list(DocumentAttachment.objects.all()) == [kept]


def test_review_return_resubmit_pass_issue_file_through_the_pages(law, client_for):
    document = submit(law)
    section, drafter = client_for(law.section), None
    url = reverse("normative_docs:document_action", args=[document.pk, "review"])
    response = section.post(url, {"on": today().isoformat(), "result": "returned", "opinions": ""})
    assert "退回修改须填写审查意见。" in response.content.decode()
    section.post(url, {"on": today().isoformat(), "result": "returned", "opinions": "第五条缺少上位法依据。"})
    assert Document.objects.get(pk=document.pk).status == Status.RETURNED

    drafter = client_for(law.drafter_a)
    page = drafter.get(reverse("normative_docs:document_resubmit", args=[document.pk])).content.decode()
    assert "第五条缺少上位法依据。" in page
    drafter.post(reverse("normative_docs:document_resubmit", args=[document.pk]),
                 {"on": today().isoformat(), "materials": ALL_MATERIALS, "note": "已补充依据"})
    assert Document.objects.get(pk=document.pk).status == Status.SUBMITTED
    assert ReviewRound.objects.filter(document=document).count() == 2

    section = client_for(law.section)
    section.post(url, {"on": today().isoformat(), "result": "passed", "opinions": "同意。"})
    number = f"深罗规〔{today().year}〕1号"
    issue = reverse("normative_docs:document_action", args=[document.pk, "issue"])
    response = section.post(issue, {"number": "深罗规2026-1", "issued_on": today().isoformat()})
    assert "格式不正确" in response.content.decode()
    section.post(issue, {"number": number, "issued_on": today().isoformat()})
    document.refresh_from_db()
    assert (document.status, document.number) == (Status.ISSUED, number)
    filing = Reminder.objects.for_object(document).get(kind=FILING_DUE)
    assert filing.is_open
    body = section.get(document.get_absolute_url()).content.decode()
    assert "第1轮" in body and "第2轮" in body and "第五条缺少上位法依据。" in body and "报送备案期限" in body
    section.post(reverse("normative_docs:document_action", args=[document.pk, "file"]),
                 {"filed_on": today().isoformat(), "filing_number": "深备2026-01"})
    filing.refresh_from_db()
    assert not filing.is_open and Document.objects.get(pk=document.pk).filed_on == today()
    assert not Reminder.objects.filter(kind=REVIEW_DUE, state=Reminder.State.OPEN).exists()


def test_a_number_already_used_is_refused_on_the_number_field(law, client_for):
    first = issued(law)
    second = submit(law, title="罗湖区老旧小区改造管理办法")
    services.document_review(document=second, on=today(), passed=True, opinions="", by=law.section)
    response = client_for(law.section).post(
        reverse("normative_docs:document_action", args=[second.pk, "issue"]),
        {"number": f"深罗规[{today().year}]01号", "issued_on": today().isoformat()})
    form = response.context["form"]
    assert form.errors["number"] == [
        f"文号{first.number}已被《{first.title}》使用，同一发文机关同一年度的文号不能重复。"]
    assert Document.objects.get(pk=second.pk).status == Status.PASSED


def test_assess_and_close(law, client_for):
    document = issued(law)
    client = client_for(law.section)
    response = client.post(reverse("normative_docs:document_action", args=[document.pk, "close"]),
                           {"on": today().isoformat(), "outcome": "expired"})
    assert "届满后才能登记失效" in response.content.decode()
    client.post(reverse("normative_docs:document_action", args=[document.pk, "assess"]),
                {"on": today().isoformat(), "conclusion": "repeal"})
    client.post(reverse("normative_docs:document_action", args=[document.pk, "close"]),
                {"on": today().isoformat(), "outcome": "repealed"})
    document.refresh_from_db()
    assert (document.assessment, document.status) == ("repeal", Status.REPEALED)


# --- Lists ------------------------------------------------------------------------------------------------


def test_the_document_list_filters_exports_and_pins_its_queries(law, client_for, django_assert_max_num_queries):
    for n in range(6):
        submit(law, title=f"工作方案{n}", kind="work_plan", materials=["draft"], topic="epidemic")
    issued(law)
    client = client_for(law.section)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("normative_docs:document_list"))
    assert response.context["table"].paginator.count == 7
    body = client.get(reverse("normative_docs:document_list"), {"kind": "normative"}).content.decode()
    assert "深罗规" in body and "工作方案0" not in body
    assert client.get(reverse("normative_docs:document_list"), {"topic": "epidemic"}).context[
        "table"].paginator.count == 6
    assert client.get(reverse("normative_docs:document_list"), {"unfiled": "on"}).context["table"].paginator.count == 1
    export = client.get(reverse("normative_docs:document_list"), {"_export": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert len(rows) == 8 and rows[0][0] == "文件名称"


def test_the_ledgers_filter_export_and_pin_their_queries(law, client_for, django_assert_max_num_queries):
    cases = [reconsideration(law, applicant=f"申请人{n}") for n in range(5)]
    services.reconsideration_accept(case=cases[0], on=today(), by=law.section)
    for n in range(4):
        suit = lawsuit(law, case_number=f"（{today().year}）粤0303行初{n + 1}号")
        services.hearing_record(hearing=Hearing(case=suit, held_on=today(), head_appeared=True, head_name="王局长"),
                                by=law.section)
    client = client_for(law.section)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("normative_docs:reconsideration_list"))
    assert response.context["table"].paginator.count == 5
    assert client.get(reverse("normative_docs:reconsideration_list"), {"status": "accepted"}).context[
        "table"].paginator.count == 1
    tomorrow = (today() + timedelta(days=1)).isoformat()
    assert client.get(reverse("normative_docs:reconsideration_list"), {"carried_over": tomorrow}).context[
        "table"].paginator.count == 1
    with django_assert_max_num_queries(12):
        response = client.get(reverse("normative_docs:litigation_list"))
    assert response.context["table"].paginator.count == 4
    with django_assert_max_num_queries(12):
        assert client.get(reverse("normative_docs:unit_list")).context["table"].paginator.count == 2
    export = client.get(reverse("normative_docs:reconsideration_list"), {"_export": "xlsx"})
    assert len(list(load_workbook(BytesIO(export.content)).active.values)) == 6


# --- Ledgers' actions -------------------------------------------------------------------------------------


def test_a_reconsideration_is_registered_accepted_extended_and_decided_through_the_pages(law, client_for):
    client = client_for(law.section)
    response = client.post(reverse("normative_docs:reconsideration_create"), {
        "area": law.unit_a.area_id, "applicant": "陈某", "respondent": "罗湖区住房和建设局",
        "respondent_unit": law.unit_a.pk, "matter": "penalty", "channel": "window",
        "received_on": today().isoformat()}, follow=True)
    case = Reconsideration.objects.get()
    assert "受理审查期限至" in response.content.decode() and case.created_by == law.section
    assert "还剩" in response.content.decode() or "今天到期" in response.content.decode()
    base = "normative_docs:reconsideration_action"
    client.post(reverse(base, args=[case.pk, "accept"]), {"on": today().isoformat()})
    case.refresh_from_db()
    assert case.status == "accepted"
    response = client.post(reverse(base, args=[case.pk, "extend"]), {"on": today().isoformat(), "reason": ""})
    assert response.context["form"].errors
    client.post(reverse(base, args=[case.pk, "extend"]), {"on": today().isoformat(), "reason": "案情复杂"})
    case.refresh_from_db()
    assert case.is_extended
    # extended once: the action is no longer offered, and refused if asked
    response = client.get(reverse(base, args=[case.pk, "extend"]), follow=True)
    assert "不能“延期”" in response.content.decode()
    client.post(reverse(base, args=[case.pk, "decide"]), {"on": today().isoformat(), "decision": "revoked"})
    case.refresh_from_db()
    assert (case.status, case.decision) == ("concluded", "revoked")


def test_a_lawsuit_is_registered_heard_and_concluded_through_the_pages(law, client_for):
    client = client_for(law.section)
    data = {"area": law.unit_a.area_id, "court": "罗湖区人民法院", "case_number": "（2026）粤0303行初9号",
            "instance": "first", "plaintiff": "深圳某公司", "defendant": "罗湖区住房和建设局",
            "defendant_unit": law.unit_a.pk, "matter": "penalty", "received_on": today().isoformat()}
    client.post(reverse("normative_docs:litigation_create"), data)
    case = Litigation.objects.get()
    response = client.post(reverse("normative_docs:litigation_create"), data)
    assert "已登记" in response.context["form"].errors["case_number"][0]
    base = "normative_docs:litigation_action"
    response = client.post(reverse(base, args=[case.pk, "hearing"]), {"held_on": today().isoformat(),
                                                                      "head_appeared": "on"})
    assert "请填写出庭负责人姓名" in response.content.decode()
    client.post(reverse(base, args=[case.pk, "hearing"]), {"held_on": today().isoformat(), "head_appeared": "on",
                                                           "head_name": "王局长", "head_title": "局长"})
    client.post(reverse(base, args=[case.pk, "conclude"]), {"on": today().isoformat(), "judgment": "revoked"})
    case.refresh_from_db()
    assert case.lost is True and case.hearings.get().head_appeared
    assert "王局长" in client.get(case.get_absolute_url()).content.decode()


def test_units_are_registered_and_accounts_linked(law, client_for, areas):
    from tests.factories import UserFactory

    client = client_for(law.section)
    client.post(reverse("normative_docs:unit_create"), {"area": areas.district.pk, "name": "罗湖区教育局",
                                                       "kind": "department"})
    unit = law.unit_a.__class__.objects.get(name="罗湖区教育局")
    response = client.post(reverse("normative_docs:unit_create"), {"area": areas.district.pk, "name": "罗湖区教育局",
                                                                  "kind": "department"})
    assert "本区已有名为“罗湖区教育局”的单位。" in response.content.decode()
    account = UserFactory(username="jiaoyu", role="unit", area=areas.district)
    client.post(reverse("normative_docs:unit_action", args=[unit.pk, "member"]), {"user": account.pk})
    assert unit.members.get().user == account

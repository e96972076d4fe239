"""Two conveniences of the section: a new year's assessment takes last year's framework in one step (refused
once the round has items), and an enforcement officer's certificate about to run out is a to-do (windowed: it
appears 60 days before the last valid day; renewing closes it)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bureau.models import Reminder, Role
from bureau.reminders import run_rules
from normative_docs import rol_services as services
from normative_docs.models import AssessedUnit, AssessmentCategory, AssessmentItem, AssessmentRound, EnforcementOfficer
from normative_docs.rol_reminders import CERTIFICATE_EXPIRY

from .test_rol_assessment import assessment  # noqa: F401  (the fixture: 3 categories, 6 items, 4 units)


def test_a_new_year_copies_last_year_s_framework_through_the_page(assessment, law, areas, client_for):  # noqa: F811
    source, items, units = assessment
    AssessmentItem.objects.filter(pk=items[0].pk).update(guidance="述法报告一篇得5分。", deduction=Decimal("2"))
    target = services.round_create(round=AssessmentRound(area=areas.district, year=source.year + 1, title=""),
                                   by=law.section)
    client = client_for(law.section)
    url = reverse("normative_docs:round_copy", args=[target.pk])
    page = client.get(url).content.decode()
    assert source.title in page and "同时复制被考评单位" in page  # last year's round offered
    response = client.post(url, {"source": source.pk, "with_units": "on"}, follow=True)
    assert "复制3个考评类别、6个考评项目、4个被考评单位" in response.content.decode()
    copied = list(AssessmentItem.objects.filter(category__round=target).values_list(
        "category__name", "category__weight", "name", "max_score", "guidance", "deduction"))
    original = list(AssessmentItem.objects.filter(category__round=source).values_list(
        "category__name", "category__weight", "name", "max_score", "guidance", "deduction"))
    assert copied == original and len(copied) == 6
    assert set(AssessedUnit.objects.filter(round=target).values_list("unit", flat=True)) == {u.pk for u in units}
    assert AssessmentCategory.objects.filter(round=source).count() == 3  # the source is untouched

    # a round that already has items is refused, writing nothing
    response = client.post(url, {"source": source.pk})
    assert "已有考评项目，不能复制考评框架" in response.content.decode()
    assert AssessmentItem.objects.filter(category__round=target).count() == 6


def test_copy_without_units_and_its_refusals(assessment, law, areas):  # noqa: F811
    source, items, units = assessment
    target = services.round_create(round=AssessmentRound(area=areas.district, year=source.year + 1, title=""),
                                   by=law.section)
    with pytest.raises(ValidationError, match="不能从本次考评复制"):
        services.round_framework_copy(source=target, target=target, by=law.section)
    with pytest.raises(ValidationError, match="起草承办单位只能报送"):
        services.round_framework_copy(source=source, target=target, by=law.drafter_a)
    assert services.round_framework_copy(source=source, target=target, by=law.section) == (3, 6, 0)
    assert not AssessedUnit.objects.filter(round=target).exists()
    with pytest.raises(ValidationError, match="已有考评项目"):
        services.round_framework_copy(source=source, target=target, by=law.section)
    other = services.round_create(round=AssessmentRound(area=areas.other_district, year=source.year, title=""),
                                  by=law.other_section)
    with pytest.raises(ValidationError):  # another district's round: not seen, or not of this district
        services.round_framework_copy(source=source, target=other, by=law.other_section)
    assert not AssessmentCategory.objects.filter(round=other).exists()


def officer(law, valid_until, number="A440303001"):
    return services.officer_register(officer=EnforcementOfficer(
        unit=law.unit_a, name="赵执法", certificate_number=number, valid_until=valid_until), by=law.section)


def certificate_todos(record):
    return list(Reminder.objects.for_object(record).filter(kind=CERTIFICATE_EXPIRY).values_list(
        "state", "due_on"))


def test_a_certificate_expiring_within_60_days_is_a_to_do_until_renewed(law, time_machine):
    time_machine.move_to(date(2026, 3, 1))
    far, near = officer(law, date(2026, 6, 30)), officer(law, date(2026, 4, 30), number="A440303002")
    assert certificate_todos(far) == []  # 121 days out: outside the window
    todo = Reminder.objects.for_object(near).get(kind=CERTIFICATE_EXPIRY)  # 60 days out: opened on registration
    assert (todo.due_on, todo.role, todo.area, todo.is_open) == (date(2026, 4, 30), Role.SECTION,
                                                                law.unit_a.area, True)
    assert "罗湖区住房和建设局 赵执法（A440303002）" in todo.title
    assert todo in Reminder.objects.inbox(law.section) and todo not in Reminder.objects.inbox(law.other_section)

    # the daily run on the day the far one enters its window; a second run adds nothing
    assert run_rules(date(2026, 5, 1), kinds={CERTIFICATE_EXPIRY}) == {CERTIFICATE_EXPIRY: 1}
    assert run_rules(date(2026, 5, 2), kinds={CERTIFICATE_EXPIRY}) == {CERTIFICATE_EXPIRY: 0}
    assert certificate_todos(far) == [("open", date(2026, 6, 30))]

    # renewed: the to-do is done, and no new one until the new date is near
    time_machine.move_to(date(2026, 4, 10))
    near.valid_until = date(2029, 4, 30)
    services.officer_register(officer=near, by=law.section)
    todo.refresh_from_db()
    assert (todo.state, todo.note, todo.done_by) == (Reminder.State.DONE, "已换证", law.section)
    assert certificate_todos(near) == [("done", date(2026, 4, 30))]
    # a revoked certificate is not asked to be renewed
    far.revoked_on = date(2026, 4, 10)
    services.officer_register(officer=far, by=law.section)
    assert certificate_todos(far) == [("done", date(2026, 6, 30))]
    assert run_rules(date(2026, 5, 3), kinds={CERTIFICATE_EXPIRY}) == {CERTIFICATE_EXPIRY: 0}


def test_the_to_do_offers_the_renewal_page_where_the_certificate_is_renewed_or_revoked(law, client_for,
                                                                                       time_machine):
    time_machine.move_to(date(2026, 3, 1))
    near = officer(law, date(2026, 4, 30))
    todo = Reminder.objects.for_object(near).get(kind=CERTIFICATE_EXPIRY)
    url = reverse("normative_docs:officer_renew", args=[near.pk])
    assert todo.offer(load=False) == ("换证或注销", url)
    client = client_for(law.section)
    response = client.post(url, {"valid_until": "2026-04-01"})
    assert "新的有效期应晚于2026-04-30。" in response.content.decode()
    response = client.post(url, {"valid_until": "", "revoked_on": ""})
    assert "请填写新的有效期或注销日期。" in response.content.decode()
    response = client.post(url, {"valid_until": "2029-04-30"}, follow=True)
    assert "已换证" in response.content.decode()
    near.refresh_from_db()
    todo.refresh_from_db()
    assert (near.valid_until, todo.state) == (date(2029, 4, 30), Reminder.State.DONE)
    assert client_for(law.other_section).get(url).status_code == 404
    assert client_for(law.drafter_a).get(url).status_code in (403, 404)


def test_the_review_and_filing_to_dos_offer_their_document_s_action(law, time_machine):
    from normative_docs import services as doc_services
    from normative_docs.models import Document
    from normative_docs.reminders import FILING_DUE, REVIEW_DUE

    from .conftest import ALL_MATERIALS

    time_machine.move_to(date(2026, 3, 10))
    document = doc_services.document_submit(document=Document(
        unit=law.unit_a, kind="normative", title="办法", materials=ALL_MATERIALS, submitted_on=date(2026, 3, 2)),
        by=law.drafter_a)
    review = Reminder.objects.get(kind=REVIEW_DUE)
    assert review.offer() == ("审查", reverse("normative_docs:document_action", args=[document.pk, "review"]))
    doc_services.document_review(document=document, on=date(2026, 3, 3), passed=True, opinions="", by=law.section)
    doc_services.document_issue(document=document, number="深罗规〔2026〕1号", issued_on=date(2026, 3, 4),
                                by=law.section)
    filing = Reminder.objects.get(kind=FILING_DUE)
    assert filing.offer(load=False) == ("报送备案", reverse("normative_docs:document_action",
                                                          args=[document.pk, "file"]))

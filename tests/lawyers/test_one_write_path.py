"""One write path: a single inspection result or complaint (pages, API, demo) goes through the same service
function as an import's file (lawyers.supervision.inspection_results_save, complaints_register), so both give the
same rows, to-dos and refusals; a changed result is saved over the version it was read at, which moves on."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from bureau.concurrency import StaleRecord
from bureau.models import Reminder, Role
from lawyers import supervision
from lawyers.models import Complaint, ComplaintClockRule, ComplaintSource, InspectionCampaign, InspectionResult
from lawyers.reminders import COMPLAINT_ACCEPTANCE_DUE
from lawyers.supervision_data import ensure_complaint_clock_rules


@pytest.fixture
def campaign(areas, section):
    today = timezone.localdate()
    return supervision.campaign_create(campaign=InspectionCampaign(
        district=areas.district, year=today.year, kind="firm", started_on=today), by=section)


def test_a_changed_result_moves_its_version_on_and_a_stale_copy_is_refused(campaign, registry, section):
    today = timezone.localdate()
    result = supervision.inspection_result_save(result=InspectionResult(
        campaign=campaign, firm=registry.firm_a, materials_received_on=today), by=section)
    assert result.version == 1
    stale = InspectionResult.objects.get(pk=result.pk)

    result.findings = "材料齐全"
    supervision.inspection_result_save(result=result, by=section)
    assert result.version == 2
    assert InspectionResult.objects.values_list("findings", "version").get(pk=result.pk) == ("材料齐全", 2)

    stale.findings = "旧页面上的意见"
    with pytest.raises(StaleRecord):
        supervision.inspection_results_save(results=[stale], by=section)  # the import's path refuses it too
    assert InspectionResult.objects.values_list("findings", "version").get(pk=result.pk) == ("材料齐全", 2)


def test_a_second_result_for_a_subject_is_refused_in_full_cleans_words_by_both_paths(campaign, registry, section):
    today = timezone.localdate()
    supervision.inspection_result_save(result=InspectionResult(
        campaign=campaign, firm=registry.firm_a, materials_received_on=today), by=section)
    twice = InspectionResult(campaign=campaign, firm=registry.firm_a, materials_received_on=today)
    with pytest.raises(ValidationError) as single:
        supervision.inspection_result_save(result=twice, by=section)
    expected = twice.unique_error_message(InspectionResult, ["campaign", "firm"]).messages
    assert single.value.messages == expected
    assert single.value.message_dict == {NON_FIELD_ERRORS: expected}  # as full_clean put it: above the form
    [refusal] = supervision.inspection_results_refusals([InspectionResult(
        campaign=campaign, firm=registry.firm_a, materials_received_on=today)], section)
    assert refusal.messages == expected
    assert InspectionResult.objects.filter(campaign=campaign).count() == 1


def test_a_complaint_registered_alone_or_in_a_file_gets_the_same_clock_and_todo(areas, registry, section):
    ensure_complaint_clock_rules(ComplaintClockRule)
    received = timezone.localdate()

    def complaint(name):
        return Complaint(district=areas.district, firm=registry.firm_a, source=ComplaintSource.PHONE,
                         complainant_name=name, summary="收费不透明", received_on=received)

    alone = supervision.complaint_register(complaint=complaint("王女士"), by=section)
    [filed] = supervision.complaints_register(complaints=[complaint("李先生")], by=section)
    assert alone.acceptance_due_on == filed.acceptance_due_on == ComplaintClockRule.due_on(
        ComplaintClockRule.Code.ACCEPTANCE, received)
    assert alone.created_by == filed.created_by == section

    def todo(record):
        return Reminder.objects.for_object(record).filter(kind=COMPLAINT_ACCEPTANCE_DUE).values_list(
            "state", "area", "role", "due_on").get()

    assert todo(alone) == todo(filed) == (Reminder.State.OPEN, areas.district.pk, Role.SECTION,
                                          alone.acceptance_due_on)


def test_a_refusal_reads_the_same_alone_and_in_a_file(areas, registry, section, personas):
    bad = Complaint(district=areas.district, firm=registry.firm_a, source=ComplaintSource.PHONE,
                    complainant_name="王女士", summary="收费不透明", received_on=None)
    with pytest.raises(ValidationError) as single:
        supervision.complaint_register(complaint=bad, by=section)
    [refusal] = supervision.complaints_refusals([bad], section)
    assert single.value.message_dict == refusal.message_dict == {"received_on": ["请填写收到日期。"]}
    with pytest.raises(ValidationError) as street:
        supervision.complaint_register(complaint=bad, by=personas.clerk_a)
    assert street.value.messages == supervision.complaints_refusals([bad], personas.clerk_a)[0].messages
    assert not Complaint.objects.exists()

"""双随机一公开: the draw is made by the system, stored with everything a re-check needs, verified from its seed
and pools, never re-run silently, in the audit trail; results are recorded for drawn firms and published."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bureau.audit import AuditEvent
from bureau.models import Role
from lawyers import supervision
from lawyers.models import (
    Draw,
    Inspector,
    PlanStatus,
    RandomInspectionPlan,
    RandomInspectionResult,
    RandomOutcome,
    draw_from,
    draw_rank,
    verify,
)
from tests.factories import AreaFactory, LawFirmFactory, UserFactory
from tests.lawyers.conftest import another_seed


@pytest.fixture
def pools(areas, section):
    """Six practising firms in 罗湖 (one closed, one in 光明 — neither may be drawn), four active inspectors and
    one retired."""
    firms = [LawFirmFactory(area=areas.street_a if n % 2 else areas.street_b) for n in range(6)]
    LawFirmFactory(area=areas.street_a, status="cancelled", closed_on=timezone.localdate() - timedelta(days=30))
    other_street = AreaFactory(code="440311001", name="光明街道", level="street", parent=areas.other_district)
    LawFirmFactory(area=other_street)
    inspectors = [supervision.inspector_save(inspector=Inspector(
        district=areas.district, name=name, unit="罗湖区司法局律师工作科", certificate_number=f"44030300{n}"), by=section)
        for n, name in enumerate(["周敏", "吴刚", "郑丽", "王强"])]
    supervision.inspector_save(inspector=Inspector(district=areas.district, name="退休者", unit="罗湖区司法局",
                                                   certificate_number="440303099", is_active=False), by=section)
    return firms, inspectors


@pytest.fixture
def plan(areas, section, pools):
    return supervision.plan_create(plan=RandomInspectionPlan(
        district=areas.district, title="2026年律师事务所“双随机、一公开”抽查", year=timezone.localdate().year,
        firms_to_draw=3, inspectors_to_draw=2), by=section)


def test_the_algorithm_is_sha256_ranking_anyone_can_recompute():
    seed = "00ff"
    ranks = {pk: hashlib.sha256(f"{seed}:{pk}".encode()).hexdigest() for pk in [3, 7, 11, 20]}
    assert draw_rank(seed, 7) == ranks[7]
    assert draw_from([3, 7, 11, 20], 2, seed) == sorted(ranks, key=ranks.get)[:2]
    # The worked example of docs/lawyers.md, computed there with sha256sum in a shell: a change to the algorithm
    # cannot pass unnoticed.
    assert draw_from([12, 15, 18, 21], 3, "9b2e41d07c5a3f18e6d2c4b0a1f39e87") == [21, 15, 12]
    with pytest.raises(ValueError):
        draw_from([1, 2], 1, seed, algorithm="random.sample")


def test_the_section_draws_3_firms_and_2_inspectors_and_verify_reproduces_it(plan, pools, section, areas):
    firms, inspectors = pools
    draw = supervision.plan_draw(plan=plan, by=section)
    assert draw.firm_pool == sorted(f.pk for f in firms)  # the district's practising firms only, as they were
    assert draw.inspector_pool == sorted(i.pk for i in inspectors)  # the retired inspector is not in the pool
    assert len(draw.firms_drawn) == 3 and set(draw.firms_drawn) <= set(draw.firm_pool)
    assert len(draw.inspectors_drawn) == 2 and set(draw.inspectors_drawn) <= set(draw.inspector_pool)
    assert len(draw.seed) == 32 and draw.algorithm == "sha256-rank-v1" and draw.drawn_by == section
    stored = Draw.objects.get(pk=draw.pk)
    assert verify(stored) and supervision.draw_verify(draw=stored, by=section)
    assert draw_from(stored.firm_pool, 3, stored.seed) == stored.firms_drawn  # by hand, from the stored row
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAWN and plan.current_draw == draw


def test_verify_catches_a_tampered_pool_seed_or_result(plan, section):
    draw = supervision.plan_draw(plan=plan, by=section)
    outsider = max(draw.firm_pool) + 1000
    for field, value in [("seed", another_seed(draw)), ("firm_pool", [outsider] + draw.firm_pool[1:]),
                         ("inspectors_drawn", list(reversed(draw.inspectors_drawn))),
                         ("algorithm", "random-sample")]:
        tampered = Draw.objects.get(pk=draw.pk)
        setattr(tampered, field, value)
        if field == "firm_pool":  # replace a drawn firm by an outsider, so the answer must change
            tampered.firm_pool = [pk if pk != draw.firms_drawn[0] else outsider for pk in draw.firm_pool]
        assert not verify(tampered), field
    assert verify(Draw.objects.get(pk=draw.pk))


def test_a_redraw_needs_a_reason_and_keeps_both_draws(plan, section):
    first = supervision.plan_draw(plan=plan, by=section)
    with pytest.raises(ValidationError, match="重新抽取必须填写理由"):
        supervision.plan_draw(plan=plan, by=section)
    assert Draw.objects.filter(plan=plan).count() == 1
    second = supervision.plan_draw(plan=plan, by=section, reason="抽中的检查人员与被检查律所存在利害关系，需回避")
    assert second.replaces == first and second.reason.startswith("抽中的检查人员")
    assert list(Draw.objects.filter(plan=plan).order_by("pk")) == [first, second]
    assert plan.current_draw == second and verify(first) and verify(second)


def test_the_draw_is_in_the_audit_trail(plan, section):
    draw = supervision.plan_draw(plan=plan, by=section)
    event = AuditEvent.objects.get(pgh_obj_model="lawyers.Draw", pgh_obj_id=str(draw.pk), pgh_label="insert")
    assert event.pgh_data["seed"] == draw.seed and event.pgh_data["firms_drawn"] == draw.firms_drawn
    plan_events = AuditEvent.objects.filter(pgh_obj_model="lawyers.RandomInspectionPlan", pgh_obj_id=str(plan.pk))
    assert set(plan_events.values_list("pgh_label", flat=True)) == {"insert", "update"}


def test_a_pool_too_small_or_a_stranger_writes_nothing(plan, section, personas, areas):
    plan.firms_to_draw = 7
    plan.save()
    with pytest.raises(ValidationError, match="不足抽取7家"):
        supervision.plan_draw(plan=plan, by=section)
    plan.firms_to_draw = 3
    plan.save()
    for stranger in (personas.clerk_a, personas.leader, personas.section):
        with pytest.raises(ValidationError, match="只有区司法局律师工作科"):
            supervision.plan_draw(plan=plan, by=stranger)
    other = UserFactory(role=Role.SECTION, section="lawyers", area=areas.other_district)
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        supervision.plan_draw(plan=plan, by=other)
    assert not Draw.objects.exists()
    assert RandomInspectionPlan.objects.get(pk=plan.pk).status == PlanStatus.PLANNED


def test_results_only_for_drawn_firms_then_published_and_no_redraw(plan, pools, section):
    draw = supervision.plan_draw(plan=plan, by=section)
    today = timezone.localdate()
    not_drawn = next(f for f in pools[0] if f.pk not in draw.firms_drawn)
    with pytest.raises(ValidationError, match="不在本次抽取结果中"):
        supervision.random_result_record(result=RandomInspectionResult(
            plan=plan, firm=not_drawn, inspected_on=today, outcome=RandomOutcome.NO_PROBLEM), by=section)
    first, *rest = draw.firms_drawn
    supervision.random_result_record(result=RandomInspectionResult(
        plan=plan, firm_id=first, inspected_on=today, outcome=RandomOutcome.RECTIFY, findings="收费公示不全"),
        by=section)
    with pytest.raises(ValidationError, match="尚未登记检查结果"):
        supervision.plan_publish(plan=plan, on=today, by=section)
    with pytest.raises(ValidationError, match="已登记检查结果，不能重新抽取"):
        supervision.plan_draw(plan=plan, by=section, reason="试图换一批律所")
    for pk in rest:
        supervision.random_result_record(result=RandomInspectionResult(
            plan=plan, firm_id=pk, inspected_on=today, outcome=RandomOutcome.NO_PROBLEM), by=section)
    supervision.plan_publish(plan=plan, on=today, by=section)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and plan.published_on == today
    with pytest.raises(ValidationError, match="抽查结果已公开"):
        supervision.plan_draw(plan=plan, by=section, reason="再抽一次")
    assert Draw.objects.filter(plan=plan).count() == 1


def test_plans_and_draws_are_the_districts_own(plan, section, personas, areas):
    draw = supervision.plan_draw(plan=plan, by=section)
    assert list(RandomInspectionPlan.objects.visible_to(personas.leader)) == [plan]
    assert list(Draw.objects.visible_to(personas.leader)) == [draw]
    assert not RandomInspectionPlan.objects.visible_to(personas.other_leader).exists()
    assert not Draw.objects.visible_to(personas.clerk_a).exists()
    with pytest.raises(ValidationError, match="不存在或不在您的管辖范围内"):
        supervision.draw_verify(draw=draw, by=personas.other_leader)

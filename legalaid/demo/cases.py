"""Applications and notices of the demo's span, each taken along its lifecycle by the services' own steps
(legalaid.lifecycle): the demo decides when each move happens, the steps decide what it does."""

import random
import zlib
from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from stdnum.cn import ric

from .. import lifecycle
from ..assignment import MIN_YEARS_FOR_LIFE_OR_DEATH, SPECIALTY_WEIGHT, Suggestion
from ..models import (
    CATEGORY_SPECIALTY,
    Case,
    CaseStep,
    ExemptionGround,
    FinancialStatus,
    MatterKind,
    Objection,
    Outcome,
    Recipient,
    Source,
    Status,
    TerminationGround,
)
from ..models import Category as C
from ..services import case_numbers_next
from .helpers import Extra, _age, _aware, _money, _weighted
from .texts import (
    BATCH,
    GRANT_REASONS,
    GRAVE_OFFENCES,
    HARDSHIP,
    HARDSHIP_NOTES,
    INJURIES,
    MATERIAL_NOTES,
    OBJECTION_REASONS,
    OFFENCES,
    OVERRIDE_REASONS,
    REFUSAL_REASONS,
    ROADS,
    TERMINATION_NOTES,
    G,
)

# --- cases ------------------------------------------------------------------------------------------------


def _received_dates(w, count):
    days = [w.first + timedelta(days=i) for i in range((w.end - w.first).days + 1)]
    month_factor = {12: 1.25, 1: 1.3, 2: 0.8}
    weights = [(1.0 if w.cal.is_working_day(d) else 0.06) * month_factor.get(d.month, 1.0) for d in days]
    return sorted(w.rng.choices(days, weights, k=count))


def _exemption(rng, share, ground, exempt, otherwise):
    """(ground, summary): exempt from the means test on `ground` with probability `share`, told by `exempt`;
    else no ground and `otherwise` (one story, or a list to draw one from)."""
    if rng.random() < share:
        return ground, exempt
    return "", otherwise if isinstance(otherwise, str) else rng.choice(otherwise)


def _application(w, case, x):
    """Category, matter, people and story of an application (window, 12348, online)."""
    rng, plan = w.rng, w.plan
    category = _weighted(rng, [
        (C.LABOUR, plan.labour_weight), (C.INJURY, 12), (C.MAINTENANCE, 8), (C.SOCIAL_SECURITY, 4),
        (C.PENSION, 1), (C.CAPACITY, 2), (C.STATE_COMPENSATION, 1), (C.ENVIRONMENT, 1), (C.OTHER, 7),
        (C.CRIMINAL_DEFENCE, 10), (C.VICTIM_AGENCY, 8),
    ])
    case.category = category
    kinds = {
        C.LABOUR: [(MatterKind.CIVIL, 55), (MatterKind.NON_LITIGATION, 45)],
        C.INJURY: [(MatterKind.CIVIL, 85), (MatterKind.NON_LITIGATION, 15)],
        C.SOCIAL_SECURITY: [(MatterKind.ADMINISTRATIVE, 50), (MatterKind.NON_LITIGATION, 50)],
        C.PENSION: [(MatterKind.ADMINISTRATIVE, 1)],
        C.STATE_COMPENSATION: [(MatterKind.STATE_COMPENSATION, 1)],
        C.OTHER: [(MatterKind.CIVIL, 70), (MatterKind.NON_LITIGATION, 30)],
        C.CRIMINAL_DEFENCE: [(MatterKind.CRIMINAL, 1)],
        C.VICTIM_AGENCY: [(MatterKind.CRIMINAL, 1)],
    }
    case.matter_kind = _weighted(rng, kinds.get(category, [(MatterKind.CIVIL, 1)]))
    applicant, people, ground, summary = None, [], "", ""
    year = case.received_on.year

    if category == C.LABOUR:
        company = w.company()
        if case.source == Source.WINDOW and rng.random() < 0.09:
            n = rng.randint(5, 30)
            people = [w.person(1966, 2004, female=rng.random() < 0.3, local=False, groups=[G.MIGRANT_WORKER])
                      for _i in range(n)]
            applicant, x.group_case = people[0], True
            owed = n * rng.randint(8, 25) * 1000
            summary = (f"{n}名农民工在{company}{rng.choice(['工地', '厂区', '项目'])}务工，"
                       f"公司拖欠{rng.randint(2, 6)}个月工资共计{owed}元，负责人失联。申请人为推选的代表人。")
            ground = ExemptionGround.MIGRANT_WAGES
        else:
            migrant = rng.random() < 0.8
            applicant = w.person(1962, 2004, local=not migrant, groups=[G.MIGRANT_WORKER] if migrant else [])
            if applicant.is_female and rng.random() < 0.2:
                applicant.groups.append(G.WOMEN)
            if rng.random() < 0.02:
                applicant.groups.append(G.DISABLED)
            if rng.random() < 0.01:
                applicant.groups.append(G.MILITARY)
            people = [applicant]
            ground = ExemptionGround.MIGRANT_WAGES if migrant else ""
            summary = rng.choice([
                f"申请人在{company}工作，公司拖欠{rng.randint(1, 5)}个月工资共计{rng.randint(8, 60) * 1000}元。",
                f"申请人在{company}工作{rng.randint(1, 9)}年，公司未签订书面劳动合同即口头辞退，拒不支付经济补偿。",
                f"申请人在{company}工作期间长期加班，公司未支付加班费并拒绝出具工资流水。",
                f"{company}搬迁停产，未依法支付申请人工资和经济补偿金。",
            ])
    elif category == C.INJURY:
        kind, story = rng.choice(INJURIES)
        migrant = kind == "工伤" and rng.random() < 0.7
        applicant = w.person(1958, 2003, local=not migrant, groups=[G.MIGRANT_WORKER] if migrant else [])
        if rng.random() < 0.08:
            applicant.groups.append(G.DISABLED)
        people = [applicant]
        ground = ExemptionGround.MIGRANT_WAGES if migrant else ""
        where = f"在{w.company()}" if kind == "工伤" else ""
        summary = f"申请人{where}{story}（{kind}），伤情经鉴定为{rng.choice(['九', '十', '八', '七'])}级伤残。"
    elif category == C.MAINTENANCE:
        sub = _weighted(rng, [("抚养费", 50), ("赡养费", 35), ("扶养费", 15)])
        if sub == "抚养费":
            applicant = w.person(1982, 1998, female=rng.random() < 0.85, local=rng.random() < 0.6)
            child = w.person(max(2009, year - 16), year - 2, local=True)
            people = [child]
            summary = "申请人与前配偶离婚后独自抚养子女，对方拒不支付抚养费，请求支付抚养费。"
            ground = ExemptionGround.SPECIAL_GROUP if rng.random() < 0.3 else ""
            if applicant.is_female:
                applicant.groups.append(G.WOMEN)
        elif sub == "赡养费":
            applicant = w.person(1938, 1962, local=rng.random() < 0.5)
            people = [applicant]
            summary = f"申请人年老体弱，无固定收入，{rng.randint(2, 5)}名子女均拒绝履行赡养义务。"
            ground = ExemptionGround.SPECIAL_GROUP if rng.random() < 0.6 else ""
        else:
            applicant = w.person(1965, 1995, female=True)
            applicant.groups.append(G.WOMEN)
            people = [applicant]
            ground, summary = _exemption(rng, 0.4, ExemptionGround.ABUSE, "申请人长期遭受配偶家庭暴力，请求离婚并主张扶养费。",
                                         "申请人因病丧失劳动能力，配偶拒绝履行扶养义务。")
    elif category in (C.SOCIAL_SECURITY, C.PENSION):
        military = category == C.PENSION or rng.random() < 0.05
        applicant = w.person(1945, 1990, groups=[G.MILITARY] if military else [])
        if rng.random() < 0.3:
            applicant.groups.append(G.DISABLED)
        people = [applicant]
        ground = ExemptionGround.ASSISTANCE if military or rng.random() < 0.4 else ""
        summary = ("申请人系烈士遗属，请求退役军人事务部门依法发给抚恤金。" if category == C.PENSION
                   else rng.choice(["用人单位未为申请人缴纳社会保险，申请人退休后无法领取养老金。",
                                    "申请人申请最低生活保障被拒，请求依法给予社会救助。",
                                    "申请人因用人单位欠缴工伤保险费，社保机构拒绝支付工伤保险待遇。"]))
    elif category == C.CAPACITY:
        applicant = w.person(1965, 1990)
        ward = w.person(1940, 1990, local=True, groups=[G.DISABLED])
        people = [ward]
        summary = f"被申请人{ward.name}患精神疾病多年，申请人系其近亲属，请求认定其为无民事行为能力人并指定监护人。"
    elif category == C.STATE_COMPENSATION:
        applicant = w.person(1960, 1990)
        people = [applicant]
        ground, summary = _exemption(rng, 0.5, ExemptionGround.RETRIAL_ACQUITTAL, "申请人经再审改判无罪，请求依法给予国家赔偿。",
                                     "申请人被违法采取限制人身自由的行政强制措施，请求国家赔偿。")
    elif category == C.ENVIRONMENT:
        applicant = w.person(1950, 1985, local=True)
        people = [applicant]
        summary = f"{w.company()}长期排放废水废气，造成申请人种植的果树死亡、身体受到损害。"
    elif category == C.OTHER:
        applicant = w.person(1955, 2000)
        people = [applicant]
        ground, summary = _exemption(rng, 0.1, ExemptionGround.GOOD_SAMARITAN, "申请人制止抢夺时受伤，请求受益人及侵权人赔偿损失。",
                                     ["申请人购买的房屋存在严重质量问题，开发商拒绝维修。",
                                      "申请人被他人借款后拒不归还，请求返还借款。",
                                      "申请人租住的房屋被房东强行收回，押金不予退还。"])
    elif category == C.CRIMINAL_DEFENCE:
        accused = w.person(1970, 2006, female=rng.random() < 0.15)
        relative = rng.random() < 0.6
        applicant = w.person(1955, 1990, local=accused.id_number[:4] == "4403") if relative else accused
        people = [accused]
        summary = (f"{'申请人之亲属' if relative else '申请人'}{accused.name}因涉嫌{rng.choice(OFFENCES)}被刑事拘留，"
                   f"因经济困难无力委托辩护人，申请法律援助。")
    else:  # C.VICTIM_AGENCY
        victim = w.person(max(1950, year - 70), year - 12, female=rng.random() < 0.55)
        if victim.is_female:
            victim.groups.append(G.WOMEN)
        applicant = w.person(1965, 1990) if _age(victim.birth_date, case.received_on) < 18 else victim
        people = [victim]
        summary = f"被害人{victim.name}遭受{rng.choice(['故意伤害', '强奸', '诈骗', '抢劫'])}，申请法律援助作为刑事附带民事诉讼代理人。"

    case.applicant_name = applicant.name
    case.applicant_id_number = applicant.id_number
    case.applicant_phone = applicant.phone
    case.exemption_ground = ground
    case.summary = summary
    _residence_and_finances(w, case)
    x.recipients = people


def _residence_and_finances(w, case):
    """Address, 户籍 (from the ID number's region) and, unless a ground exempts the check, the financial hardship
    found. Drawn from a generator of their own, keyed on the applicant, so the rest of the demo stays as it was."""
    rng = random.Random(zlib.crc32(f"{case.applicant_name}{case.received_on}{case.applicant_id_number}".encode()))
    place = ric.get_birth_place(str(case.applicant_id_number))
    case.applicant_hukou = "".join(place.get(part, "") for part in ("province", "prefecture", "county"))
    case.applicant_address = (f"深圳市{case.area.parent.name}{case.area.name}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
                              f"{rng.randint(1, 30)}栋{rng.randint(101, 2808)}室")
    if case.exemption_ground:
        return
    status = _weighted(rng, HARDSHIP)
    case.financial_status = status
    if status in (FinancialStatus.BELOW_STANDARD, FinancialStatus.LOW_INCOME):
        case.monthly_income_per_person = Decimal(rng.randrange(600, 2400, 50))
    if status == FinancialStatus.OTHER:
        case.financial_note = rng.choice(HARDSHIP_NOTES)


def _notice(w, case, x):
    """A notice from police, procuratorate or court (通知辩护 / 通知代理)."""
    rng, plan = w.rng, w.plan
    case.matter_kind = MatterKind.CRIMINAL
    case.category = C.NOTIFIED_DEFENCE
    if case.source == Source.NOTICE_AGENCY:
        person = w.person(1960, 2000, local=rng.random() < 0.5, groups=[G.DISABLED])
        case.notifying_authority = plan.court
        case.summary = f"{plan.court}通知：强制医疗案件被申请人{person.name}没有委托诉讼代理人，通知指派律师为其提供法律帮助。"
    else:
        grave = rng.random() < 0.04
        reason = _weighted(rng, [("minor", 10), ("disabled", 3), ("elderly", 1), ("general", 86)])
        if grave:
            reason = "life_or_death"
        year = case.received_on.year
        if reason == "minor":
            person = w.person(year - 17, year - 15)
        elif reason == "elderly":
            person = w.person(1945, 1950)
        else:
            person = w.person(1965, year - 19, female=rng.random() < 0.12)
        if reason == "disabled":
            person.groups.append(G.DISABLED)
        case.max_penalty_life_or_death = grave
        if grave:
            authority = plan.police
        else:
            authority = _weighted(rng, [(plan.court, 55), (plan.procuratorate, 25), (plan.police, 20)])
        case.notifying_authority = authority
        role = "被告人" if authority == plan.court else "犯罪嫌疑人"
        why = {"minor": "系未成年人", "disabled": "系视力残疾人", "elderly": "系年满七十五周岁的老年人",
               "life_or_death": "可能被判处无期徒刑、死刑", "general": "没有委托辩护人"}[reason]
        offence = rng.choice(GRAVE_OFFENCES if grave else OFFENCES)
        case.summary = f"{authority}通知：{role}{person.name}涉嫌{offence}，{why}，通知指派律师担任辩护人。"
    if rng.random() < 0.15:
        person.id_number = None  # the notice gave no ID number
    case.applicant_name = person.name
    case.applicant_id_number = person.id_number
    case.applicant_phone = ""
    x.recipients = [person]


def _close_days(w, case, x):
    rng = w.rng
    if case.matter_kind == MatterKind.CRIMINAL:
        return rng.randint(30, 150)
    if case.matter_kind == MatterKind.NON_LITIGATION:
        return rng.randint(30, 120)
    return rng.randint(60, 240)


def _lifecycle(w, case, x):
    """Move the case along the transition map as far as the dates reach (nothing after the end date)."""
    rng, end = w.rng, w.end
    x.steps.append(lifecycle.receive(case, w.clocks, by=w.section))
    if case.is_notice:  # accepted on receipt
        _after_grant(w, case, x)
        return
    if rng.random() < 0.02:
        asked = w.cal.add_working_days(case.received_on, rng.randint(1, 2))
        if asked > end:
            return
        x.steps.append(lifecycle.request_material(case, on=asked, note=rng.choice(MATERIAL_NOTES), by=w.section))
        supplied = asked + timedelta(days=rng.randint(3, 20))
        if supplied > end:
            return
        x.steps.append(lifecycle.supply_material(case, w.clocks, on=supplied, by=w.section))
    start = case.complete_on
    recent = (end - start).days < 25  # near the end, more are late: the to-do list shows overdue ones
    late = rng.random() < (0.5 if recent else 0.04)
    if late:
        decided = w.cal.add_working_days(case.decision_due_on, rng.randint(1, 6 if recent else 4))
    else:
        window = w.working_days_until(start, case.decision_due_on)
        decided = window[min(len(window) - 1, int(rng.triangular(0, len(window), len(window) / 3)))]
    if decided > end:
        return  # still waiting for the decision (its clock running or overdue)
    if rng.random() < 0.08:
        x.steps.append(lifecycle.decide(case, w.clocks, grant=False, reasons=rng.choice(REFUSAL_REASONS),
                                        on=decided, by=w.section))
        return
    reasons = GRANT_REASONS.get(case.exemption_ground, GRANT_REASONS[""])
    x.steps.append(lifecycle.decide(case, w.clocks, grant=True, reasons=reasons, on=decided, by=w.section))
    _after_grant(w, case, x)


def _after_grant(w, case, x):
    rng, end, granted = w.rng, w.end, case.decided_on
    stage = ""
    if rng.random() < 0.022:
        stage = _weighted(rng, [("granted", 15), ("assigned", 15), ("in_progress", 70)])
        x.terminate_stage = stage
    if stage == "granted":
        _terminate(w, case, x, granted + timedelta(days=rng.randint(1, 2)))
        return
    late = rng.random() < (0.5 if (end - granted).days < 12 else 0.03)
    if late:
        assigned = w.cal.add_working_days(case.assignment_due_on, rng.randint(1, 4))
    elif rng.random() < 0.25:
        assigned = granted  # the same day
    else:
        window = w.working_days_until(granted, case.assignment_due_on)
        assigned = window[min(len(window) - 1, int(rng.triangular(0, len(window), 0)))]
    if assigned > end:
        return  # waiting to be assigned
    # The lawyer and the note are chosen later, case by case in date order (_assign), by their load.
    x.assign_step = lifecycle.assign(case, lawyer=None, on=assigned, note="", by=w.section)
    x.steps.append(x.assign_step)
    if stage == "assigned":
        _terminate(w, case, x, assigned + timedelta(days=rng.randint(1, 3)))
        return
    wait = _weighted(rng, [(0, 3), (1, 4), (2, 2), (3, 1), (5, 1)])
    started = w.cal.next_working_day(assigned + timedelta(days=wait))
    if started > end:
        return
    x.steps.append(lifecycle.start(case, on=started, by=w.section))
    x.close_days = _close_days(w, case, x)
    if stage == "in_progress":
        _terminate(w, case, x, started + timedelta(days=rng.randint(10, max(11, x.close_days - 1))))
        return
    closed = started + timedelta(days=x.close_days)
    if closed > end:
        return
    outcome, amount = _outcome(w, case, x)
    x.steps.append(lifecycle.close(case, outcome=outcome, recovered_amount=amount, on=closed, by=w.section))
    archived = closed + timedelta(days=rng.randint(14, 60))
    if archived > end:
        return
    x.steps.append(lifecycle.archive(case, on=archived, by=w.section))


def _terminate(w, case, x, on):
    if on > w.end:
        return
    ground = (_weighted(w.rng, [(TerminationGround.OTHER_COUNSEL, 5), (TerminationGround.CASE_ENDED, 2)])
              if case.matter_kind == MatterKind.CRIMINAL
              else _weighted(w.rng, [(TerminationGround.OTHER_COUNSEL, 3), (TerminationGround.WITHDRAWN, 3),
                                     (TerminationGround.ECONOMIC_CHANGE, 2), (TerminationGround.FALSE_MATERIAL, 1)]))
    x.steps.append(lifecycle.terminate(case, ground=ground, note=TERMINATION_NOTES[ground], on=on, by=w.section))


def _outcome(w, case, x):
    rng = w.rng
    if case.category == C.NOTIFIED_DEFENCE or case.category == C.CRIMINAL_DEFENCE:
        if case.source == Source.NOTICE_AGENCY:
            return _weighted(rng, [(Outcome.OTHER, 6), (Outcome.DEFENCE_ADOPTED, 4)]), Decimal("0.00")
        return (_weighted(rng, [(Outcome.DEFENCE_ADOPTED, 55), (Outcome.DEFENCE_NOT_ADOPTED, 30), (Outcome.OTHER, 15)]),
                Decimal("0.00"))
    if case.matter_kind == MatterKind.CRIMINAL:  # victim's agent
        return _weighted(rng, [(Outcome.WON, 3), (Outcome.PARTLY_WON, 4), (Outcome.SETTLED, 2), (Outcome.LOST, 1)]), \
            Decimal("0.00")
    outcome = _weighted(rng, [(Outcome.WON, 35), (Outcome.PARTLY_WON, 25), (Outcome.SETTLED, 30),
                              (Outcome.LOST, 5), (Outcome.WITHDRAWN, 5)])
    if outcome in (Outcome.LOST, Outcome.WITHDRAWN) or case.category == C.CAPACITY:
        return outcome, Decimal("0.00")
    if case.category == C.LABOUR:
        amount = (len(x.recipients) * rng.uniform(6000, 20000) if x.group_case
                  else rng.triangular(5000, 120000, 15000))
    elif case.category == C.INJURY:
        amount = rng.triangular(20000, 300000, 60000)
    elif case.category == C.MAINTENANCE:
        amount = rng.uniform(5000, 60000)
    elif case.category == C.STATE_COMPENSATION:
        amount = rng.uniform(20000, 200000)
    elif case.category in (C.SOCIAL_SECURITY, C.PENSION):
        amount = rng.uniform(3000, 60000)
    else:
        amount = rng.uniform(0, 50000)
    if outcome == Outcome.PARTLY_WON:
        amount *= rng.uniform(0.4, 0.8)
    elif outcome == Outcome.SETTLED:
        amount *= rng.uniform(0.6, 0.9)
    return outcome, _money(amount)


def _objections(w, cases, extras):
    """A couple of refusals are objected to: one upheld (then aid as usual), one rejected, one pending."""
    rng, end = w.rng, w.end
    refused = [c for c in cases if c.status == Status.REFUSED]
    older = [c for c in refused if c.decided_on <= end - timedelta(days=60)]
    recent = [c for c in refused if c.decided_on >= end - timedelta(days=20)]
    picks = [(c, "upheld") for c in older[:1]] + [(c, "rejected") for c in older[1:][(len(older) - 1) // 2:][:1]]
    picks += [(c, "pending") for c in recent[-1:] if c not in older]
    for case, result in picks:
        x = extras[id(case)]
        filed = min(end, case.decided_on + timedelta(days=rng.randint(2, 10)))
        x.objection = Objection(filed_on=filed, reason=rng.choice(OBJECTION_REASONS))
        x.steps.append(lifecycle.object_to(case, reason=x.objection.reason, on=filed, by=w.section))
        if result == "pending":
            continue
        decided = filed + timedelta(days=rng.randint(5, 15))
        if decided > end:
            continue
        x.objection.decided_on = decided
        upheld = result == "upheld"
        x.objection.result = Objection.Result.UPHELD if upheld else Objection.Result.REJECTED
        reasons = ("经审查，申请人补充提交的最低生活保障证明属实，异议成立，决定给予法律援助。" if upheld
                   else "经复核，申请人家庭收入仍超过经济困难标准，异议不成立，维持原决定。")
        x.steps.append(lifecycle.objection_decide(case, w.clocks, upheld=upheld, reasons=reasons, on=decided,
                                                  by=w.section))
        if upheld:
            _after_grant(w, case, x)


class LawyerPool:
    """The district's eligible lawyers and their load over time, ranked as `assignment.ranked` ranks them."""

    def __init__(self, lawyers):
        self.lawyers = lawyers
        self.open_until = {lawyer.pk: [] for lawyer in lawyers}  # per lawyer: the day each case stopped being open
        self.last = {lawyer.pk: None for lawyer in lawyers}

    def ranked(self, case, on):
        needed = CATEGORY_SPECIALTY.get(case.category)
        latest_start = on - relativedelta(years=MIN_YEARS_FOR_LIFE_OR_DEATH) if case.max_penalty_life_or_death else on
        rows = []
        for lawyer in self.lawyers:
            if lawyer.practice_start > latest_start:
                continue
            has = bool(needed) and needed in lawyer.specialties
            load = sum(1 for until in self.open_until[lawyer.pk] if until is None or until > on)
            rows.append(Suggestion(lawyer, SPECIALTY_WEIGHT * has - load, has, load, self.last[lawyer.pk], needed))
        rows.sort(key=lambda s: (-s.score, (0, s.lawyer.pk) if s.last_assigned is None
                                 else (1, s.last_assigned.toordinal()), s.lawyer.pk))
        return rows

    def take(self, lawyer, case):
        self.open_until[lawyer.pk].append(case.closed_on or case.terminated_on)
        self.last[lawyer.pk] = case.assigned_on


def _unassign(case, x):
    """No eligible lawyer that day: the case waits to be assigned (the planned moves from then on undone)."""
    del x.steps[x.steps.index(x.assign_step):]
    case.status = Status.GRANTED
    for name in ("assigned_on", "started_on", "closed_on", "archived_on", "terminated_on"):
        setattr(case, name, None)
    case.outcome = case.termination_ground = ""
    case.recovered_amount = Decimal("0.00")


def _assign(w, cases, extras, lawyers):
    rng = w.rng
    pool = LawyerPool(lawyers)
    for case in sorted((c for c in cases if c.assigned_on), key=lambda c: (c.assigned_on, c.number)):
        ranked = pool.ranked(case, case.assigned_on)
        if not ranked:
            _unassign(case, extras[id(case)])
            continue
        best = ranked[0]
        lawyer = best.lawyer
        if len(ranked) > 1 and rng.random() < 0.02:
            lawyer = rng.choice(ranked[1:5]).lawyer
            case.override_reason = rng.choice(OVERRIDE_REASONS)
        case.lawyer, case.suggested_lawyer, case.suggestion_reason = lawyer, best.lawyer, best.reason
        note = f"指派 {lawyer}"
        if case.override_reason:
            note += f"（未采纳系统建议的 {best.lawyer}，理由：{case.override_reason}）"
        extras[id(case)].assign_step.note = note
        pool.take(lawyer, case)


def _timed(w, x):
    """The case's steps, with the minute of the day each was recorded (in order, within office hours)."""
    for i, step in enumerate(x.steps):
        step.at = _aware(step.on, 47 * i + w.rng.randint(0, 20))
    return x.steps


def _cases(w, lawyers):
    rng, plan = w.rng, w.plan
    span = (w.end - w.first).days + 1
    count = max(1, round(plan.cases * w.scale * span / 365))
    cases, extras = [], {}
    for received in _received_dates(w, count):
        if w.cal.is_working_day(received):
            source = _weighted(rng, [(Source.WINDOW, 50), (Source.HOTLINE, 15), (Source.ONLINE, 10),
                                     (Source.NOTICE_DEFENCE, 20), (Source.NOTICE_AGENCY, 5)])
        else:
            source = _weighted(rng, [(Source.HOTLINE, 4), (Source.ONLINE, 6)])
        minutes = rng.randint(0, 8 * 60)
        case = Case(area=w.street(), source=source, received_on=received, created_by=w.section,
                    created_at=_aware(received, minutes))
        x = Extra()
        (_notice if case.is_notice else _application)(w, case, x)
        _lifecycle(w, case, x)
        cases.append(case)
        extras[id(case)] = x

    # Numbers: sequential by received date within each district-year, after whatever exists already.
    by_year = {}
    for case in cases:  # already in received order
        by_year.setdefault(case.received_on.year, []).append(case)
    for year, rows in by_year.items():
        for case, number in zip(rows, case_numbers_next(district=w.district, year=year, count=len(rows))):
            case.number = number

    _objections(w, cases, extras)
    _assign(w, cases, extras, lawyers)

    Case.objects.bulk_create(cases, batch_size=BATCH)
    recipients, steps, objections = [], [], []
    for case in cases:
        x = extras[id(case)]
        for person in x.recipients:
            recipient = person.recipient()
            recipient.case = case
            recipients.append(recipient)
        steps += _timed(w, x)
        if x.objection is not None:
            x.objection.case = case
            objections.append(x.objection)
    Recipient.objects.bulk_create(recipients, batch_size=BATCH)
    CaseStep.objects.bulk_create(steps, batch_size=BATCH)
    Objection.objects.bulk_create(objections, batch_size=BATCH)
    return cases, len(recipients)

"""Five years of released prisoners in resettlement."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..models import (
    RESETTLEMENT_YEARS,
    ReleasedPerson,
    ResettlementFollowUp,
    ResettlementHelp,
    listed_until,
)
from ..models import SupervisionEvent as Ev
from .people import _between, _weighted
from .texts import BATCH, PRISONS

# --- resettlement -------------------------------------------------------------------------------------------

RELEASE_CRIMES = [("盗窃罪", 30), ("贩卖毒品罪", 18), ("诈骗罪", 15), ("抢劫罪", 10), ("故意伤害罪", 10),
                  ("寻衅滋事罪", 7), ("开设赌场罪", 5), ("强奸罪", 3), ("故意杀人罪", 2)]
HELP_NOTES = {
    ResettlementHelp.Kind.HOUSEHOLD: "协助办理户籍迁入登记", ResettlementHelp.Kind.SUBSISTENCE: "协助申请最低生活保障，已获批准",
    ResettlementHelp.Kind.TRAINING: "推荐参加区人社局组织的电工职业技能培训", ResettlementHelp.Kind.JOB: "推荐至辖区物流企业就业",
    ResettlementHelp.Kind.OTHER: "协调社区发放临时救助金",
}
FOLLOW_UPS = ["工作生活稳定，无异常", "已在辖区企业就业，收入稳定", "与家人同住，情绪稳定", "暂无固定工作，已推荐招聘信息",
              "电话回访，本人表示生活正常"]


def _resettlement(w):
    """刑满释放人员 released over the last five years: hand-over, help, follow-ups, some not verified."""
    rng, today = w.rng, w.today
    H, V = ReleasedPerson.Handover, ReleasedPerson.Verification
    start = today - relativedelta(years=RESETTLEMENT_YEARS, days=120)
    people, helps, follow_ups = [], [], []
    days = [_between(rng, start, today - timedelta(days=1)) for _i in range(w.plan.released - 2)]
    days += [today - timedelta(days=rng.randint(1, 9)) for _i in range(2)]  # the hand-over not yet recorded
    for released_on in sorted(days):
        female = rng.random() < 0.08
        born = _between(rng, date(1962, 1, 1), date(2001, 12, 28))
        street = w.street()
        verification = _weighted(rng, [(V.VERIFIED, 94), (V.ADDRESS, 3), (V.NAME, 1), (V.IDENTITY, 2)])
        if released_on >= today - timedelta(days=9) or released_on > today - timedelta(days=20) and rng.random() < 0.5:
            handover, handed_over_on = H.PENDING, None
        else:
            handover = _weighted(rng, [(H.RECEIVED, 70), (H.SELF_REPORTED, 25), (H.MISSED, 5)])
            handed_over_on = {H.RECEIVED: released_on, H.MISSED: None}.get(
                handover, min(today, released_on + timedelta(days=rng.randint(3, 20))))
        reoffended_on = None
        if rng.random() < 0.03 and released_on + timedelta(days=90) < today:
            reoffended_on = _between(rng, released_on + timedelta(days=90), today)
        person = ReleasedPerson(
            name=w.name(female), gender="F" if female else "M", address=w.address(street),
            id_number=None if verification == V.IDENTITY else w.id_number(born, female),
            crime=_weighted(rng, RELEASE_CRIMES), prison="广东省女子监狱" if female else rng.choice(PRISONS),
            released_on=released_on, listed_until=listed_until(released_on), area=street,
            handover=handover, handed_over_on=handed_over_on, verification=verification, reoffended_on=reoffended_on,
        )
        people.append(person)
        last = min(today, person.listed_until - timedelta(days=1), reoffended_on or date.max)
        if handover in (H.MISSED, H.PENDING) or verification != V.VERIFIED:
            continue
        if rng.random() < 0.4:
            for kind in rng.sample(list(ResettlementHelp.Kind), rng.randint(1, 2)):
                on = _between(rng, released_on + timedelta(days=10), min(last, released_on + timedelta(days=365)))
                if on <= last:
                    helps.append(ResettlementHelp(person=person, kind=kind, on=on, note=HELP_NOTES[kind]))
        on = released_on + timedelta(days=rng.randint(15, 45))
        while on <= last:
            method = _weighted(rng, [(Ev.Method.PHONE, 60), (Ev.Method.IN_PERSON, 40)])
            follow_ups.append(ResettlementFollowUp(person=person, on=on, method=method, note=rng.choice(FOLLOW_UPS)))
            gap = 90 if on < released_on + timedelta(days=365) else 180
            on += timedelta(days=gap + rng.randint(-15, 15))
    ReleasedPerson.objects.bulk_create(people, batch_size=BATCH)
    ResettlementHelp.objects.bulk_create(helps, batch_size=BATCH)
    ResettlementFollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    listed = sum(1 for p in people if p.released_on <= today < p.listed_until and not p.reoffended_on)
    return f"{len(people)} released persons ({listed} listed; {len(helps)} help, {len(follow_ups)} follow-ups)"

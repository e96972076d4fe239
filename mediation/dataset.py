"""People's mediation for the synthetic city of `manage.py generate_dataset` (the statistics benchmark).

Per district, as the demo lays it out (mediation.demo): a committee in every street and community, property
rooms, a sector committee, their mediators (the district's community legal advisors among them, from
`lawyers.dataset`), trainings, a screening round per street and month and about 100 cases a month at scale 1,
with their parties. The demo's own builders write the rows (bulk_create: the command has switched the
triggers off for its transaction); the random stream is the dataset's, per district, so the same seed gives
the same rows.
"""

from bureau.models import Area
from mediation import demo
from mediation.apps import FUNCTION
from mediation.models import Sector

MONTHLY = 100
ESTATES = ["翠苑", "花园城", "新村", "锦绣园", "阳光家园", "和谐家园", "书香门第", "滨河苑", "华庭", "名苑"]


class _District(demo.District):
    """A district of the generated city, its staff given by the command rather than looked up."""

    def __init__(self, ds, d):  # not the demo's: a generated city has its staff, not the demo accounts
        name = d.area.name
        short = name.removesuffix("新区").removesuffix("区")
        plan = demo.DISTRICTS.get(d.area.code) or (
            f"d{d.area.code}", short, f"深圳市{name}人民法院", MONTHLY,
            (f"{name}劳动争议人民调解委员会", Sector.LABOUR, f"{name}公共法律服务中心"), ESTATES)
        (self.prefix, self.short, self.court, _monthly, self.sector_plan, self.estates) = plan
        self.monthly = MONTHLY
        self.area, self.today, self.scale, self.first = d.area, ds.last_day, ds.scale, ds.first_day
        self.rng = ds.rng(f"mediation:{d.area.code}")
        self.streets = list(d.streets)
        self.communities = list(Area.objects.filter(parent__in=self.streets, level=Area.Level.COMMUNITY)
                                .order_by("code"))
        self.street_users = dict(d.clerks)
        self.section = d.staff.get(FUNCTION) or d.leader


def generate(ds):
    for d in ds.districts:
        district = _District(ds, d)
        organisations = demo._organisations(district)
        mediators = demo._mediators(district, organisations)
        trainings = demo._trainings(district)
        cases = demo._cases(district, organisations, mediators, None)
        rounds, disputes = demo._screening(district, demo.by_street_month(district, cases))
        ds.say(f"mediation: {d.area.name} — {len(organisations)} organisations, {len(mediators)} mediators, "
               f"{len(trainings)} trainings, {len(rounds)} screening rounds ({len(disputes)} disputes), "
               f"{len(cases):,} cases")

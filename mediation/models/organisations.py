"""Mediation organisations (人民调解委员会、调解室), their mediators and the mediators' trainings.

A mediator (the role 人民调解员, `mediation.permissions.is_mediator`) sees only the records of the
organisations they serve in now: every queryset of the app overrides `visible_to` for them through
`organisations_of(user)`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.fields import PinyinKeyField, trigram_index
from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited

from ..permissions import is_mediator

# 备案: an organisation reports its setting-up to the justice office; the to-do falls due this many days after
# it was founded (the street office follows it up).
FILING_DAYS = 30


def organisations_of(user, today=None):
    """The ids (a subquery) of the organisations `user` serves in as a mediator on `today`."""
    today = today or timezone.localdate()
    return Mediator.objects.filter(user=user).active_on(today).values("organisation")


class MediatorScopedQuerySet(AreaScopedQuerySet):
    """Area scope for the offices; a mediator sees only what belongs to their own organisation(s).
    `organisation_field` names the path to the organisation ("organisation", "case__organisation" …)."""

    organisation_field = "organisation"

    def visible_to(self, user):
        if is_mediator(user):
            lookup = "pk" if self.organisation_field == "" else self.organisation_field
            return self.filter(**{f"{lookup}__in": organisations_of(user)})
        return super().visible_to(user)


class Kind(models.TextChoices):
    VILLAGE = "village", _("村人民调解委员会")
    COMMUNITY = "community", _("社区（居委会）人民调解委员会")
    STREET = "street", _("街道人民调解委员会")
    ENTERPRISE = "enterprise", _("企事业单位人民调解委员会")
    SECTOR = "sector", _("行业性专业性人民调解委员会")


class Form(models.TextChoices):
    COMMITTEE = "committee", _("人民调解委员会")
    ROOM = "room", _("调解室")


class Sector(models.TextChoices):
    """The trade or field of a sector organisation (行业性专业性) or of a specialised room (物业调解室)."""

    PROPERTY = "property", _("物业")
    JEWELLERY = "jewellery", _("珠宝")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("知识产权")
    COMMERCIAL = "commercial", _("商事")
    MEDICAL = "medical", _("医疗")
    LABOUR = "labour", _("劳动")
    TRAFFIC = "traffic", _("道路交通")
    CONSUMER = "consumer", _("消费")
    FAMILY = "family", _("婚姻家庭")
    OTHER = "other", _("其他")


# The level of area each kind of organisation sits at: a village or community committee in its community, a
# street committee in its street; an enterprise or sector organisation in the street (or community) where it
# sits, a district-wide sector committee in its district.
KIND_LEVELS = {
    Kind.VILLAGE: {Area.Level.COMMUNITY},
    Kind.COMMUNITY: {Area.Level.COMMUNITY},
    Kind.STREET: {Area.Level.STREET},
    Kind.ENTERPRISE: {Area.Level.STREET, Area.Level.COMMUNITY},
    Kind.SECTOR: {Area.Level.DISTRICT, Area.Level.STREET, Area.Level.COMMUNITY},
}


class OrganisationQuerySet(MediatorScopedQuerySet):
    organisation_field = ""

    def active_on(self, day):
        return self.filter(Q(founded_on__lte=day), Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    def unfiled(self):
        """Open organisations not yet filed (备案) with the justice office."""
        return self.filter(filed_on__isnull=True, closed_on__isnull=True)


@audited(exclude=["name_pinyin"])
class Organisation(models.Model):
    """人民调解委员会 or 调解室 (a room, e.g. a 物业调解室 in a 小区, belongs to its street)."""

    name = models.CharField(_("名称"), max_length=100)
    name_pinyin = PinyinKeyField(source="name")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    form = models.CharField(_("组织形式"), max_length=10, choices=Form.choices, default=Form.COMMITTEE)
    sector = models.CharField(
        _("行业领域"), max_length=25, choices=Sector.choices, blank=True,
        help_text=_("行业性专业性调解组织必填；专业调解室（如物业调解室）也可填写。"),
    )
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"),
        help_text=_("村、社区调解委员会为社区；街道调解委员会和小区物业调解室为街道。"),
    )
    place = models.CharField(_("地址或小区"), max_length=200, blank=True)
    founded_on = models.DateField(_("成立日期"))
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filing_number = models.CharField(_("备案编号"), max_length=50, blank=True)
    devices = models.PositiveSmallIntegerField(
        _("在线司法确认终端（台）"), default=0, help_text=_("安装在本组织的在线司法确认设备或终端数量。"),
    )
    devices_installed_on = models.DateField(_("终端安装日期"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("人民调解组织")
        verbose_name_plural = _("人民调解组织")
        ordering = ["area__path", "name_pinyin"]
        indexes = [trigram_index("name", "mediation_org_name_trgm")]
        constraints = [
            models.UniqueConstraint(fields=["filing_number"], condition=~Q(filing_number=""),
                                    name="mediation_org_filing_number_unique"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("founded_on")),
                                   name="mediation_org_closed_after_founded"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("mediation:organisation_detail", self.pk)

    def clean(self):
        if self.kind == Kind.SECTOR and not self.sector:
            raise ValidationError({"sector": _("行业性专业性调解组织须选择行业领域。")})
        if self.sector and self.kind != Kind.SECTOR and self.form != Form.ROOM:
            raise ValidationError({"sector": _("只有行业性专业性调解组织和专业调解室填写行业领域。")})
        if self.area_id and self.kind and self.area.level not in KIND_LEVELS[Kind(self.kind)]:
            levels = "、".join(str(Area.Level(level).label) for level in sorted(KIND_LEVELS[Kind(self.kind)]))
            raise ValidationError({"area": _("%(kind)s的所在区域应为%(levels)s。") % {
                "kind": self.get_kind_display(), "levels": levels}})
        if bool(self.filed_on) != bool(self.filing_number):
            raise ValidationError({"filing_number": _("备案日期和备案编号须同时填写。")})
        if self.devices and not self.devices_installed_on:
            raise ValidationError({"devices_installed_on": _("请填写在线司法确认终端的安装日期。")})
        if self.closed_on and self.founded_on and self.closed_on < self.founded_on:
            raise ValidationError({"closed_on": _("撤销日期不能早于成立日期。")})

    @property
    def is_filed(self):
        return self.filed_on is not None

    @property
    def filing_due_on(self):
        """The day the filing (备案) is expected by, while it is missing."""
        from datetime import timedelta

        if self.is_filed or not self.founded_on:
            return None
        return self.founded_on + timedelta(days=FILING_DAYS)

    def is_active_on(self, day):
        return self.founded_on <= day and (self.closed_on is None or self.closed_on > day)


class MediatorQuerySet(MediatorScopedQuerySet):
    def active_on(self, day):
        return self.filter(Q(from_on__lte=day), Q(to_on__isnull=True) | Q(to_on__gte=day))


@audited(exclude=["name_pinyin"])
class Mediator(models.Model):
    """A person serving as mediator in one organisation for a period (one row per organisation served: a person
    in two committees has two rows). A community legal advisor serving as part-time mediator links to their
    lawyer record (the 牵手计划); a mediator who signs in has an account of the role 人民调解员."""

    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("专职")
        PART_TIME = "part_time", _("兼职")

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="mediators",
                                     verbose_name=_("调解组织"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"),
                             help_text=_("与调解组织相同。"))
    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = PinyinKeyField(source="name")
    kind = models.CharField(_("专兼职"), max_length=10, choices=Kind.choices, default=Kind.PART_TIME)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    from_on = models.DateField(_("任职日期"))
    to_on = models.DateField(_("离任日期"), null=True, blank=True)
    lawyer = models.ForeignKey(
        "lawyers.Lawyer", models.PROTECT, null=True, blank=True, related_name="mediator_roles",
        verbose_name=_("社区法律顾问"), help_text=_("由社区法律顾问兼任调解员的（牵手计划），选择该律师。"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="mediator_roles",
        verbose_name=_("登录账号"), help_text=_("调解员本人使用的账号（角色为人民调解员）。"),
    )

    objects = MediatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("人民调解员")
        verbose_name_plural = _("人民调解员")
        ordering = ["organisation", "name_pinyin"]
        indexes = [trigram_index("name", "mediation_mediator_name_trgm")]
        constraints = [
            models.CheckConstraint(condition=Q(to_on__isnull=True) | Q(to_on__gte=models.F("from_on")),
                                   name="mediation_mediator_to_after_from"),
            models.UniqueConstraint(fields=["organisation", "user"], condition=Q(user__isnull=False),
                                    name="mediation_mediator_one_account_per_org"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("mediation:mediator_detail", self.pk)

    def clean(self):
        if self.lawyer_id and self.kind != self.Kind.PART_TIME:
            raise ValidationError({"kind": _("社区法律顾问只能兼任调解员。")})
        if self.to_on and self.from_on and self.to_on < self.from_on:
            raise ValidationError({"to_on": _("离任日期不能早于任职日期。")})

    @property
    def is_advisor(self):
        return self.lawyer_id is not None

    def is_active_on(self, day):
        return self.from_on <= day and (self.to_on is None or self.to_on >= day)


class TrainingQuerySet(AreaScopedQuerySet):
    def visible_to(self, user):
        if is_mediator(user):
            return self.none()  # the offices' records: a mediator attends, does not keep them
        return super().visible_to(user)


@audited
class Training(models.Model):
    """调解员培训, held by the district (人民调解科) or a street office, on site or online; its attendance is
    counted as person-times, viewers of a live stream included."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("举办单位所在区域"))
    title = models.CharField(_("培训主题"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    online = models.BooleanField(_("线上培训"), default=False)
    attendees = models.PositiveIntegerField(_("现场参训人次"), default=0)
    stream_viewers = models.PositiveIntegerField(_("直播观看人次"), default=0,
                                                 validators=[MinValueValidator(0)])
    note = models.TextField(_("说明"), blank=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解员培训")
        verbose_name_plural = _("调解员培训")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.title}"

    def clean(self):
        if not self.attendees and not self.stream_viewers:
            raise ValidationError(_("请填写参训人次或直播观看人次。"))

    @property
    def attendance(self):
        """Person-times: those present plus those who watched the live stream (mediation.training_attendances)."""
        return self.attendees + self.stream_viewers

"""Community legal advisors (社区法律顾问): a lawyer of the registry posted to communities and public legal
service points for a period, the service log they keep, and the monthly appraisal (月评比) that ranks them.

Jurisdiction as everywhere (bureau.models.AreaScopedQuerySet): street offices and the bureau see the postings
and logs of the communities in their area. An advisor (bureau.permissions.is_advisor) sees only their own,
whatever their User.area: every queryset here overrides `visible_to` for them.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited
from bureau.permissions import is_advisor

from .registry import Lawyer


def month_start(day):
    return day + relativedelta(day=1)


def month_bounds(day):
    """(first day, last day) of the month of `day`."""
    return day + relativedelta(day=1), day + relativedelta(day=31)


def area_codes(area):
    """The codes of an area and of everything above it, from its materialized path."""
    return area.path.strip("/").split("/")


# --- Service kinds ----------------------------------------------------------------------------------------


class ServiceKind(models.TextChoices):
    DISPUTE = "dispute", _("参与受理矛盾纠纷")
    PUBLICITY = "publicity", _("普法宣传教育活动")
    LECTURE = "lecture", _("法治讲座或培训")
    DOCUMENT_REVIEW = "document_review", _("审查法律文书")
    LEGAL_OPINION = "legal_opinion", _("出具法律意见")
    MASS_INCIDENT = "mass_incident", _("协助处理群体性事件")
    ONLINE = "online", _("线上法律服务")
    ENTERPRISE_VISIT = "enterprise_visit", _("走访企业")
    HEALTH_CHECK = "health_check", _("企业法治体检")
    CONSULTATION = "consultation", _("法律咨询")


@dataclass(frozen=True)
class KindRule:
    """What an entry's count means for a kind, and what the kind is measured in.

    `by_count`: the kind's figure (indicator and appraisal unit) is the sum of the entries' counts (persons
    consulted, documents reviewed, enterprises visited …); otherwise it is the number of entries (events,
    lectures, incidents), and the count only says how many people took part.
    """

    count_label: str
    count_unit: str
    by_count: bool
    unit: str  # of the kind's figure


KIND_RULES = {
    ServiceKind.DISPUTE: KindRule(_("纠纷件数"), _("件"), True, _("件")),
    ServiceKind.PUBLICITY: KindRule(_("受众人数"), _("人次"), False, _("场")),
    ServiceKind.LECTURE: KindRule(_("参加人数"), _("人次"), False, _("场")),
    ServiceKind.DOCUMENT_REVIEW: KindRule(_("文书份数"), _("份"), True, _("份")),
    ServiceKind.LEGAL_OPINION: KindRule(_("意见份数"), _("份"), True, _("份")),
    ServiceKind.MASS_INCIDENT: KindRule(_("涉及人数"), _("人"), False, _("起")),
    ServiceKind.ONLINE: KindRule(_("服务人次"), _("人次"), True, _("人次")),
    ServiceKind.ENTERPRISE_VISIT: KindRule(_("企业家数"), _("家"), True, _("家")),
    ServiceKind.HEALTH_CHECK: KindRule(_("企业家数"), _("家"), True, _("家")),
    ServiceKind.CONSULTATION: KindRule(_("咨询人次"), _("人次"), True, _("人次")),
}
COUNTED_KINDS = [kind for kind, rule in KIND_RULES.items() if rule.by_count]


def units():
    """An entry's units as SQL: its count for the kinds measured by count, else 1 (the entry itself)."""
    return models.Case(models.When(kind__in=COUNTED_KINDS, then=models.F("count")), default=models.Value(1),
                       output_field=models.IntegerField())


# --- Public legal service points -----------------------------------------------------------------------------


class AdvisorScopedQuerySet(AreaScopedQuerySet):
    """Area scope for offices; an advisor sees only what belongs to their own lawyer record."""

    lawyer_field = "lawyer"

    def visible_to(self, user):
        if is_advisor(user):
            return self.filter(**{f"{self.lawyer_field}__user": user})
        return super().visible_to(user)


class ServicePointQuerySet(AreaScopedQuerySet):
    def visible_to(self, user):
        if is_advisor(user):
            return self.filter(pk__in=Posting.objects.filter(lawyer__user=user).values("point"))
        return super().visible_to(user)

    def active(self):
        return self.filter(is_active=True)

    def active_on(self, day):
        """Sites open on `day`: opened by then (or since always) and not closed by then."""
        return self.filter(Q(opened_on__isnull=True) | Q(opened_on__lte=day)).filter(
            Q(closed_on__isnull=True, is_active=True) | Q(closed_on__gt=day))

    def of_level(self, level):
        return self.filter(kind__in=[k for k, v in ServicePoint.KIND_SITE_LEVEL.items() if v == level])


class SiteLevel(models.TextChoices):
    """The four levels of the public legal service network (四级公共法律服务网络)."""

    CENTRE = "centre", _("区中心")
    STATION = "station", _("街道工作站")
    ROOM = "room", _("社区工作室")
    PARK = "park", _("园区/小区工作室")


class Speciality(models.TextChoices):
    """A special room's field (特色工作室); a general site has none."""

    COMMERCIAL = "commercial", _("商事")
    IP = "ip", _("知识产权")
    LABOUR = "labour", _("劳动")
    FAMILY = "family", _("家事")
    FOREIGN = "foreign", _("涉外")


class SiteService(models.TextChoices):
    """What a resident can get at a site."""

    CONSULTATION = "consultation", _("法律咨询")
    LEGAL_AID = "legal_aid", _("法律援助申请")
    MEDIATION = "mediation", _("人民调解")
    DOCUMENTS = "documents", _("代写法律文书")
    NOTARY = "notary", _("公证咨询")
    ENTERPRISE = "enterprise", _("企业法治体检")


@audited
class ServicePoint(Versioned):
    """公共法律服务站点: the district centre, a street's station, a community's room, a park or enterprise room.

    The one model of a site for the whole portal: the advisors' postings and service logs point at it here, and
    public_service (which may use lawyers, never the reverse) keys its opening hours, duty roster, bookings and
    classes to it.
    """

    class Kind(models.TextChoices):
        DISTRICT_CENTRE = "district_centre", _("区公共法律服务中心")
        STREET_STATION = "street_station", _("街道公共法律服务工作站")
        COMMUNITY_ROOM = "community_room", _("社区公共法律服务室")
        PARK_ROOM = "park_room", _("园区公共法律服务室")
        ENTERPRISE_ROOM = "enterprise_room", _("企业公共法律服务室")

    # The network level of each kind (a park or an enterprise room is a 园区/小区工作室).
    KIND_SITE_LEVEL = {
        Kind.DISTRICT_CENTRE: SiteLevel.CENTRE,
        Kind.STREET_STATION: SiteLevel.STATION,
        Kind.COMMUNITY_ROOM: SiteLevel.ROOM,
        Kind.PARK_ROOM: SiteLevel.PARK,
        Kind.ENTERPRISE_ROOM: SiteLevel.PARK,
    }

    # The level of the area each kind belongs to (a park or enterprise room sits in a community).
    KIND_LEVEL = {
        Kind.DISTRICT_CENTRE: Area.Level.DISTRICT,
        Kind.STREET_STATION: Area.Level.STREET,
        Kind.COMMUNITY_ROOM: Area.Level.COMMUNITY,
        Kind.PARK_ROOM: Area.Level.COMMUNITY,
        Kind.ENTERPRISE_ROOM: Area.Level.COMMUNITY,
    }

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"),
                             help_text=_("中心为区，工作站为街道，服务室为社区。"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=200, blank=True,
                                     help_text=_("如：周一至周五 9:00–12:00，14:00–18:00"))
    is_active = models.BooleanField(_("运行中"), default=True)
    speciality = models.CharField(_("特色领域"), max_length=20, choices=Speciality.choices, blank=True,
                                  help_text=_("商事、知识产权等特色工作室；综合站点留空。"))
    services = ArrayField(models.CharField(max_length=20, choices=SiteService.choices), default=list, blank=True,
                          verbose_name=_("服务项目"))
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    opened_on = models.DateField(_("启用日期"), null=True, blank=True)
    closed_on = models.DateField(_("停用日期"), null=True, blank=True)

    objects = ServicePointQuerySet.as_manager()

    class Meta:
        verbose_name = _("公共法律服务站点")
        verbose_name_plural = _("公共法律服务站点")
        ordering = ["area__code", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("lawyers:servicepoint_detail", self.pk)

    @property
    def level(self):
        return self.KIND_SITE_LEVEL.get(self.kind)

    def get_level_display(self):
        return SiteLevel(self.level).label if self.level else ""

    def get_services_display(self):
        labels = dict(SiteService.choices)
        return "、".join(str(labels.get(s, s)) for s in self.services)

    def clean(self):
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("纬度应在-90到90之间。")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("经度应在-180到180之间。")})
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("停用日期不能早于启用日期。")})
        level = self.KIND_LEVEL.get(self.kind)
        if level and self.area_id and self.area.level != level:
            raise ValidationError({"area": _("%(kind)s应设在%(level)s一级。") % {
                "kind": self.get_kind_display(), "level": Area.Level(level).label}})


# --- Postings ---------------------------------------------------------------------------------------------


class PostingQuerySet(AdvisorScopedQuerySet):
    def active_on(self, day):
        return self.filter(start_on__lte=day, end_on__gte=day)

    def overlapping(self, start, end):
        return self.filter(start_on__lte=end, end_on__gte=start)


@audited
class Posting(Versioned):
    """A lawyer posted as legal advisor to a community (or a public legal service point) for a contract period."""

    lawyer = models.ForeignKey(
        Lawyer, models.PROTECT, related_name="postings", verbose_name=_("法律顾问"), db_index=False,
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("服务社区"),
                             help_text=_("派驻的社区；派驻到站点时为站点所在区域。"))
    point = models.ForeignKey(ServicePoint, models.PROTECT, null=True, blank=True, related_name="postings",
                              verbose_name=_("服务站点"))
    start_on = models.DateField(_("起始日期"))
    end_on = models.DateField(_("截止日期"))
    contract_number = models.CharField(_("合同编号"), max_length=50, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问派驻")
        verbose_name_plural = _("法律顾问派驻")
        ordering = ["-start_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(end_on__gte=models.F("start_on")),
                                              name="posting_ends_after_start")]
        indexes = [models.Index(fields=["lawyer", "start_on", "end_on"], name="posting_lawyer_period_idx")]

    def __str__(self):
        return f"{self.lawyer} · {self.point or self.area}"

    @property
    def place(self):
        return self.point or self.area

    def is_active(self, day=None):
        day = day or timezone.localdate()
        return self.start_on <= day <= self.end_on

    def clean(self):
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("截止日期不能早于起始日期。")})
        if self.point_id and self.area_id and self.point.area_id != self.area_id:
            raise ValidationError({"point": _("服务站点不在所选社区内。")})
        if self.area_id and self.area.level in {Area.Level.CITY}:
            raise ValidationError({"area": _("请选择社区、街道或区。")})


# --- Service log ------------------------------------------------------------------------------------------


class ServiceLogQuerySet(AdvisorScopedQuerySet):
    def in_month(self, month):
        """`month` is any day of it."""
        return self.filter(on__range=month_bounds(month))


@audited
class ServiceLog(Versioned):
    """One service an advisor gave: the day, the community (or point), the kind, how many and how long."""

    lawyer = models.ForeignKey(
        Lawyer, models.PROTECT, related_name="service_logs", verbose_name=_("法律顾问"), db_index=False,
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("服务社区"))
    point = models.ForeignKey(ServicePoint, models.PROTECT, null=True, blank=True, related_name="service_logs",
                              verbose_name=_("服务站点"))
    on = models.DateField(_("服务日期"))
    kind = models.CharField(_("服务类别"), max_length=20, choices=ServiceKind.choices)
    count = models.PositiveIntegerField(
        _("数量"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text=_("人次、件数、份数或企业家数，随服务类别而定。"),
    )
    resolved = models.BooleanField(_("化解成功"), default=False, help_text=_("仅用于参与受理矛盾纠纷。"))
    hours = models.DecimalField(
        _("时长（小时）"), max_digits=4, decimal_places=1, default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    notes = models.CharField(_("摘要"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("记录人"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = ServiceLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问服务记录")
        verbose_name_plural = _("法律顾问服务记录")
        ordering = ["-on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="servicelog_count_positive")]
        indexes = [
            models.Index(fields=["on", "kind"], name="servicelog_on_kind_idx"),
            models.Index(fields=["lawyer", "on"], name="servicelog_lawyer_on_idx"),
        ]

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        return record_url("lawyers:servicelog_update", self.pk)

    @property
    def rule(self):
        return KIND_RULES[ServiceKind(self.kind)]

    @property
    def count_text(self):
        return f"{self.count} {self.rule.count_unit}"

    def clean(self):
        if self.resolved and self.kind != ServiceKind.DISPUTE:
            raise ValidationError({"resolved": _("只有“参与受理矛盾纠纷”可以标记化解成功。")})
        if self.point_id and self.area_id and self.point.area_id != self.area_id:
            raise ValidationError({"point": _("服务站点不在所选社区内。")})


# Photos and documents of a service: what the phone sends, nothing that could run.
ATTACHMENT_TYPES = {
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
    ".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",),
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_LOG = 6


def validate_attachment(upload):
    """By the name's extension and the file's first bytes (a renamed program is refused), and by size."""
    suffix = Path(upload.name).suffix.lower()
    if suffix not in ATTACHMENT_TYPES:
        raise ValidationError(_("“%(name)s”的格式不支持，只能上传 JPG、PNG 照片或 PDF、Word（docx）、Excel（xlsx）文件。")
                              % {"name": upload.name}, code="type")
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("“%(name)s”超过 10 MB，请压缩后再上传。") % {"name": upload.name}, code="size")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(ATTACHMENT_TYPES[suffix]):
        raise ValidationError(_("“%(name)s”的内容与扩展名不符，请上传原始文件。") % {"name": upload.name},
                              code="content")


def attachment_upload_to(attachment, filename):
    from uuid import uuid4

    return f"advisors/{timezone.localdate():%Y/%m}/{uuid4().hex}{Path(filename).suffix.lower()}"


class AttachmentQuerySet(AdvisorScopedQuerySet):
    area_field = "log__area"
    lawyer_field = "log__lawyer"


@audited
class Attachment(models.Model):
    log = models.ForeignKey(ServiceLog, models.CASCADE, related_name="attachments", verbose_name=_("服务记录"))
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, validators=[validate_attachment])
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务记录附件")
        verbose_name_plural = _("服务记录附件")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("lawyers:attachment_download", self.pk)

    @property
    def is_image(self):
        return Path(self.name).suffix.lower() in {".jpg", ".jpeg", ".png"}


# --- Monthly appraisal --------------------------------------------------------------------------------------


class AppraisalWeightQuerySet(AreaScopedQuerySet):
    area_field = "district"


@audited
class AppraisalWeight(models.Model):
    """The points a district gives per unit of a service kind (units: see KIND_RULES)."""

    district = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("区"), db_index=False)
    kind = models.CharField(_("服务类别"), max_length=20, choices=ServiceKind.choices)
    points = models.DecimalField(_("每单位分值"), max_digits=5, decimal_places=1,
                                 validators=[MinValueValidator(Decimal("0"))])
    resolved_points = models.DecimalField(
        _("化解成功另加"), max_digits=5, decimal_places=1, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))], help_text=_("仅用于参与受理矛盾纠纷：每件化解成功另加的分值。"),
    )

    objects = AppraisalWeightQuerySet.as_manager()

    class Meta:
        verbose_name = _("月评比分值")
        verbose_name_plural = _("月评比分值")
        ordering = ["district", "kind"]
        constraints = [models.UniqueConstraint(fields=["district", "kind"], name="appraisalweight_once_per_kind")]

    def __str__(self):
        return f"{self.district} {self.get_kind_display()} {self.points}"

    def clean(self):
        if self.resolved_points and self.kind != ServiceKind.DISPUTE:
            raise ValidationError({"resolved_points": _("只有“参与受理矛盾纠纷”可以设置化解成功加分。")})


class AppraisalQuerySet(AreaScopedQuerySet):
    area_field = "district"

    def visible_to(self, user):
        """The district's bureau and those above it; an advisor, the months of their district (their own
        result only: see AppraisalResult)."""
        if is_advisor(user) and user.area:
            return self.filter(district__code__in=area_codes(user.area))
        return super().visible_to(user)

    def closing(self, area, day):
        """The appraisal that closed the month of `day` in the district of `area`, if any."""
        return self.filter(district__code__in=area_codes(area), district__level=Area.Level.DISTRICT,
                           month=month_start(day))


@audited
class Appraisal(models.Model):
    """A closed month (月评比): the ranking as it stood, the staff's comment. Its entries are locked."""

    district = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("区"), db_index=False)
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))
    comment = models.TextField(_("评比意见"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                  verbose_name=_("评比人"))
    closed_at = models.DateTimeField(_("评比时间"), auto_now_add=True)

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        verbose_name = _("月评比")
        verbose_name_plural = _("月评比")
        ordering = ["-month", "district"]
        constraints = [
            models.UniqueConstraint(fields=["district", "month"], name="appraisal_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="appraisal_month_first_day"),
        ]

    def __str__(self):
        return f"{self.district} {self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("lawyers:appraisal", args=[self.month.strftime("%Y-%m")]) + f"?district={self.district.code}"


class AppraisalResultQuerySet(AdvisorScopedQuerySet):
    area_field = "appraisal__district"


@audited
class AppraisalResult(models.Model):
    """An advisor's line of a closed month, kept as it was published (weights may change later)."""

    appraisal = models.ForeignKey(
        Appraisal, models.CASCADE, related_name="results", verbose_name=_("月评比"), db_index=False,
    )
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, related_name="appraisal_results", verbose_name=_("法律顾问"))
    rank = models.PositiveIntegerField(_("名次"))
    points = models.DecimalField(_("得分"), max_digits=8, decimal_places=1)
    entries = models.PositiveIntegerField(_("服务记录数"))
    hours = models.DecimalField(_("服务时长"), max_digits=7, decimal_places=1)
    breakdown = models.JSONField(_("得分明细"), default=dict, help_text=_("{服务类别: [数量, 得分]}"))

    objects = AppraisalResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("月评比结果")
        verbose_name_plural = _("月评比结果")
        ordering = ["appraisal", "rank", "lawyer__name"]
        constraints = [models.UniqueConstraint(fields=["appraisal", "lawyer"], name="appraisalresult_once")]

    def __str__(self):
        return f"{self.appraisal} {self.rank}. {self.lawyer}"

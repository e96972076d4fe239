"""普法活动: an activity held by the bureau, a department or a street office, with the materials handed out
(a child table, by kind) and its photos (checked by content as the advisors' attachments are).

The advisors' 普法宣传教育活动 service log entries (lawyers.ServiceLog, kind "publicity") are activities of the
district too; they stay in lawyers/ and are read beside these (publicity.activity_rows), never copied here.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited
from lawyers.models.advisors import validate_attachment


class Theme(models.TextChoices):
    CIVIL_CODE = "civil_code", _("民法典")
    CONSTITUTION = "constitution", _("宪法")
    EPIDEMIC = "epidemic", _("疫情防控")
    ANTI_GANG = "anti_gang", _("扫黑除恶")
    ANTI_FRAUD = "anti_fraud", _("反诈")
    MINORS = "minors", _("未成年人保护")
    NATIONAL_SECURITY = "national_security", _("国家安全")
    OTHER = "other", _("其他")


class Form(models.TextChoices):
    LECTURE = "lecture", _("讲座")
    EXHIBITION = "exhibition", _("展览")
    PERFORMANCE = "performance", _("文艺演出")
    BOOTH = "booth", _("咨询摊位")
    LIVE_STREAM = "live_stream", _("网络直播")
    CONTEST = "contest", _("知识竞赛")
    OTHER = "other", _("其他")


class Target(models.TextChoices):
    """The "四进" campaign an activity belongs to (and 进农村、进家庭)."""

    ORGANS = "organs", _("进机关")
    COMMUNITIES = "communities", _("进社区")
    SCHOOLS = "schools", _("进学校")
    ENTERPRISES = "enterprises", _("进企业")
    VILLAGES = "villages", _("进农村")
    FAMILIES = "families", _("进家庭")


class Organiser(models.TextChoices):
    BUREAU = "bureau", _("区司法局")
    DEPARTMENT = "department", _("区直部门")
    STREET = "street", _("街道（司法所）")


# The level of the area an organiser's activity belongs to.
ORGANISER_LEVELS = {
    Organiser.BUREAU: Area.Level.DISTRICT,
    Organiser.DEPARTMENT: Area.Level.DISTRICT,
    Organiser.STREET: Area.Level.STREET,
}


class MaterialKind(models.TextChoices):
    BOOKS = "books", _("普法书籍")
    LEAFLETS = "leaflets", _("宣传折页")
    POSTERS = "posters", _("宣传海报")
    GIFTS = "gifts", _("普法宣传品")
    OTHER = "other", _("其他资料")


class ActivityQuerySet(AreaScopedQuerySet):
    def held_between(self, start, end):
        return self.filter(held_on__range=(start, end))


@audited
class Activity(Versioned):
    title = models.CharField(_("活动名称"), max_length=200)
    theme = models.CharField(_("主题"), max_length=20, choices=Theme.choices)
    form = models.CharField(_("形式"), max_length=20, choices=Form.choices)
    target = models.CharField(_("“四进”对象"), max_length=20, choices=Target.choices, blank=True)
    organiser_kind = models.CharField(_("主办单位类型"), max_length=12, choices=Organiser.choices)
    organiser = models.CharField(_("主办单位"), max_length=100, blank=True,
                                 help_text=_("区直部门的名称，如“区教育局”；区司法局或街道可不填。"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区域"),
                             help_text=_("区司法局、区直部门为区；街道司法所为街道。"))
    place = models.CharField(_("活动地点"), max_length=200)
    held_on = models.DateField(_("活动日期"))
    audience = models.PositiveIntegerField(_("受众人次"), validators=[MaxValueValidator(1_000_000)])
    note = models.TextField(_("活动简介"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法活动")
        verbose_name_plural = _("普法活动")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="publicity_activity_held_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("publicity:activity_detail", self.pk)

    @property
    def organiser_text(self):
        if self.organiser_kind == Organiser.DEPARTMENT and self.organiser:
            return self.organiser
        if self.organiser_kind == Organiser.STREET and self.area_id:
            return _("%(street)s司法所") % {"street": self.area.name}
        return self.get_organiser_kind_display()

    def clean(self):
        if self.organiser_kind == Organiser.DEPARTMENT and not self.organiser:
            raise ValidationError({"organiser": _("请填写主办的区直部门名称。")})
        if self.area_id and self.organiser_kind:
            level = ORGANISER_LEVELS[Organiser(self.organiser_kind)]
            if self.area.level != level:
                raise ValidationError({"area": _("%(kind)s主办的活动，所属区域应为%(level)s。") % {
                    "kind": self.get_organiser_kind_display(), "level": Area.Level(level).label}})


class MaterialQuerySet(AreaScopedQuerySet):
    area_field = "activity__area"


@audited
class Material(models.Model):
    """Materials of one kind handed out at an activity."""

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="materials", verbose_name=_("普法活动"), db_index=False,
    )
    kind = models.CharField(_("资料类别"), max_length=12, choices=MaterialKind.choices)
    quantity = models.PositiveIntegerField(_("数量（份/册/件）"),
                                           validators=[MinValueValidator(1), MaxValueValidator(1_000_000)])

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("发放普法资料")
        verbose_name_plural = _("发放普法资料")
        ordering = ["activity", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="publicity_material_once_per_kind"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="publicity_material_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity}"


def photo_upload_to(photo, filename):
    from uuid import uuid4

    return f"publicity/{timezone.localdate():%Y/%m}/{uuid4().hex}{Path(filename).suffix.lower()}"


class PhotoQuerySet(AreaScopedQuerySet):
    area_field = "activity__area"


PHOTOS_PER_ACTIVITY = 9


@audited
class Photo(models.Model):
    """A photo (or the programme as PDF) of an activity: the same types and content check as the advisors'
    attachments (lawyers.models.advisors.validate_attachment)."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="photos", verbose_name=_("普法活动"))
    file = models.FileField(_("文件"), upload_to=photo_upload_to, validators=[validate_attachment])
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("publicity:photo_download", self.pk)

    @property
    def is_image(self):
        return Path(self.name).suffix.lower() in {".jpg", ".jpeg", ".png"}


# --- The district's activities: these and the advisors' 普法 entries --------------------------------------

ROW_FIELDS = ["source", "record", "row_held_on", "row_title", "row_theme", "row_form", "row_target",
              "row_organiser", "area_name", "area_path", "row_place", "row_audience"]


def advisor_publicity_entries():
    """The advisors' 普法宣传教育活动 entries (lawyers.ServiceLog): activities of the district that stay in lawyers/.
    Callers narrow it with visible_to / in_area."""
    from lawyers.models import ServiceKind, ServiceLog

    return ServiceLog.objects.filter(kind=ServiceKind.PUBLICITY)


def activity_rows(activities, entries):
    """One list of both — `activities` (an Activity queryset) and `entries` (a ServiceLog queryset of 普法
    entries) — as a SQL UNION ALL of rows with the same columns (ROW_FIELDS); it sorts and pages in the
    database like any queryset. Each record appears once: an activity as source "activity", an entry as
    "advisor" (the advisor's name as organiser, the entry's count as audience)."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Coalesce, Concat, NullIf

    text = CharField()
    mine = activities.order_by().annotate(
        source=Value("activity", output_field=text), record=F("pk"), row_held_on=F("held_on"),
        row_title=F("title"), row_theme=F("theme"), row_form=F("form"), row_target=F("target"),
        row_organiser=Case(
            When(organiser_kind=Organiser.DEPARTMENT, then=F("organiser")),
            When(organiser_kind=Organiser.STREET, then=Concat(F("area__name"), Value(str(_("司法所"))))),
            default=Value(str(Organiser.BUREAU.label)), output_field=text),
        area_name=F("area__name"), area_path=F("area__path"), row_place=F("place"),
        row_audience=F("audience"),
    )
    theirs = entries.order_by().annotate(
        source=Value("advisor", output_field=text), record=F("pk"), row_held_on=F("on"),
        row_title=Coalesce(NullIf(F("notes"), Value("")), Value(str(_("普法宣传教育活动"))), output_field=text),
        row_theme=Value("", output_field=text), row_form=Value("", output_field=text),
        row_target=Value("", output_field=text), row_organiser=Concat(F("lawyer__name"), Value(""), output_field=text),
        area_name=F("area__name"), area_path=F("area__path"),
        row_place=Coalesce(F("point__name"), F("area__name"), output_field=text), row_audience=F("count"),
    )
    return mine.values(*ROW_FIELDS).union(theirs.values(*ROW_FIELDS), all=True)

"""法治文化阵地: 法治文化公园（广场、长廊）, 法治宣传教育基地 and 民主法治示范社区（村）, with the level that
awarded them, the day and the day of their next review (复核)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited


class PositionKind(models.TextChoices):
    PARK = "park", _("法治文化公园（广场、长廊）")
    BASE = "base", _("法治宣传教育基地")
    DEMO_COMMUNITY = "demo_community", _("民主法治示范社区（村）")


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    DISTRICT = "district", _("区级")


class PositionQuerySet(AreaScopedQuerySet):
    def valid_on(self, day):
        """Awarded by `day` and not revoked by then."""
        return self.filter(Q(awarded_on__lte=day), Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))


@audited
class Position(Versioned):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=PositionKind.choices)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"),
                             help_text=_("所在街道或社区。"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    awarded_on = models.DateField(_("命名日期"))
    reviewed_until = models.DateField(_("复核有效期至"), null=True, blank=True)
    revoked_on = models.DateField(_("撤销命名日期"), null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(73), MaxValueValidator(136)])
    latitude = models.DecimalField(_("纬度"), max_digits=8, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(3), MaxValueValidator(54)])
    note = models.TextField(_("说明"), blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("法治文化阵地")
        verbose_name_plural = _("法治文化阵地")
        ordering = ["area__path", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(reviewed_until__isnull=True)
                                   | Q(reviewed_until__gt=models.F("awarded_on")),
                                   name="publicity_position_review_after_award"),
            models.CheckConstraint(condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("awarded_on")),
                                   name="publicity_position_revoked_after_award"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("publicity:position_detail", self.pk)

    def clean(self):
        if self.area_id and self.area.level not in (Area.Level.STREET, Area.Level.COMMUNITY):
            raise ValidationError({"area": _("法治文化阵地的所在区域应为街道或社区。")})
        if self.kind == PositionKind.DEMO_COMMUNITY and self.area_id and self.area.level != Area.Level.COMMUNITY:
            raise ValidationError({"area": _("民主法治示范社区（村）的所在区域应为该社区。")})
        if self.reviewed_until and self.awarded_on and self.reviewed_until <= self.awarded_on:
            raise ValidationError({"reviewed_until": _("复核有效期应晚于命名日期。")})
        if self.revoked_on and self.awarded_on and self.revoked_on < self.awarded_on:
            raise ValidationError({"revoked_on": _("撤销日期不能早于命名日期。")})
        if (self.longitude is None) != (self.latitude is None):
            raise ValidationError({"latitude": _("经度和纬度须同时填写。")})

    def is_valid_on(self, day):
        return self.awarded_on <= day and (self.revoked_on is None or self.revoked_on > day)

"""Drafting and handling units (起草单位/承办单位) of a district, the people who sign in for them, and the
function's statutory clocks (ClockRule, editable by the administrator with their legal source)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited
from bureau.models import ClockRule as BaseClockRule
from bureau.workdays import DayKind

from ..permissions import is_unit_user


def units_of(user):
    """The ids (a subquery) of the units `user` signs in for."""
    return UnitMember.objects.filter(user=user).values("unit")


class UnitScopedQuerySet(AreaScopedQuerySet):
    """Area scope for the offices; a unit user sees only what belongs to their own unit. `unit_field` names the
    path to the unit ("unit", "respondent_unit", "case__defendant_unit" …; "" for the unit itself)."""

    unit_field = "unit"

    def visible_to(self, user):
        if is_unit_user(user):
            lookup = self.unit_field or "pk"
            return self.filter(**{f"{lookup}__in": units_of(user)})
        return super().visible_to(user)


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("区人民政府")
    DEPARTMENT = "department", _("区政府工作部门")
    STREET = "street", _("街道办事处")
    PARTY = "party", _("党的工作机关")
    STATIONED = "stationed", _("驻区单位")
    OTHER = "other", _("其他单位")


class UnitQuerySet(UnitScopedQuerySet):
    unit_field = ""

    def active(self):
        return self.filter(is_active=True)


@audited
class Unit(models.Model):
    """A department, street office or other body of the district that drafts documents, or against which a
    reconsideration or a lawsuit is brought."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所属区"), db_index=False)
    name = models.CharField(_("单位名称"), max_length=100)
    kind = models.CharField(_("单位类型"), max_length=12, choices=UnitKind.choices)
    is_active = models.BooleanField(_("存续"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("起草承办单位")
        verbose_name_plural = _("起草承办单位")
        ordering = ["area__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="normative_docs_unit_name_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("normative_docs:unit_detail", self.pk)

    def clean(self):
        if self.area_id and self.area.level != Area.Level.DISTRICT:
            raise ValidationError({"area": _("起草承办单位的所属区域应为区。")})


class UnitMemberQuerySet(UnitScopedQuerySet):
    area_field = "unit__area"


@audited
class UnitMember(models.Model):
    """An account of the role 起草承办单位 signing in for one unit."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="members", verbose_name=_("单位"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="normative_docs_unit",
                                verbose_name=_("登录账号"))

    objects = UnitMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位账号")
        verbose_name_plural = _("单位账号")
        ordering = ["unit", "user"]

    def __str__(self):
        return f"{self.unit}：{self.user}"


@audited
class ClockRule(BaseClockRule):
    """A time limit of the function, editable by the administrator with its legal source; services read it
    when a clock starts (a change applies to clocks started afterwards)."""

    class Code(models.TextChoices):
        REVIEW = "review", _("合法性审查")
        FILING = "filing", _("报送备案")
        ASSESSMENT = "assessment", _("有效期届满前评估")
        ACCEPTANCE = "acceptance", _("行政复议受理审查")
        DECISION = "decision", _("行政复议决定（普通程序）")
        SIMPLE_DECISION = "simple_decision", _("行政复议决定（简易程序）")
        EXTENSION = "extension", _("行政复议决定延长")

    code = models.CharField(_("期限"), max_length=20, choices=Code.choices, unique=True)

    class Meta(BaseClockRule.Meta):
        verbose_name = _("法治政府工作期限")
        verbose_name_plural = _("法治政府工作期限")

    def clean(self):
        # 国办发〔2018〕115号: the review must allow at least five working days.
        if self.code == self.Code.REVIEW and (self.day_kind != DayKind.WORKING or (self.days or 0) < 5):
            raise ValidationError({"days": _("合法性审查期限不得少于5个工作日。")})

    @classmethod
    def rule(cls, code):
        """The stored rule; the default of normative_docs.data when its row is missing (a database whose tables were
        emptied after the data migration), so a clock and the daily reminder run never fail for want of it."""
        try:
            return cls.objects.get(code=code)
        except cls.DoesNotExist:
            from ..data import DEFAULT_CLOCK_RULES

            days, kind, source = next((d, k, s) for c, d, k, s in DEFAULT_CLOCK_RULES if c == code)
            return cls(code=code, days=days, day_kind=kind, legal_source=source)


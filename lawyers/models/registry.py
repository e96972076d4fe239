"""The registry of law firms and lawyers (律师事务所、律师).

Legal aid assigns cases from it; community legal advisors (advisors.py) are lawyers of it posted to
communities. Nothing here refers to another function app.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

from bureau import guards
from bureau.fields import PinyinKeyField, trigram_index
from bureau.identifiers import ResidentIDField
from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited


def validate_credit_code(value):
    """Unified social credit code (统一社会信用代码, GB 32100) with its check character."""
    try:
        return uscc.validate(value)
    except stdnum_errors.InvalidLength:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="length")
    except stdnum_errors.InvalidFormat:
        raise ValidationError(_("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）。"), code="format")
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新输入。"), code="checksum")
    except stdnum_errors.ValidationError:
        raise ValidationError(_("统一社会信用代码无效。"), code="invalid")


def validate_certificate_number(value):
    """律师执业证号: 17 digits (region, kind, year of first licence, sex, sequence)."""
    if len(value) != 17 or not value.isdigit():
        raise ValidationError(_("律师执业证号应为17位数字。"), code="certificate")


class Specialty(models.TextChoices):
    """Practice areas a lawyer declares and a legal-aid matter needs (assignment weighs them)."""

    CRIMINAL = "criminal", _("刑事辩护与代理")
    LABOUR = "labour", _("劳动争议")
    FAMILY = "family", _("婚姻家庭")
    PERSONAL_INJURY = "injury", _("人身损害赔偿")
    CONTRACT = "contract", _("合同纠纷")
    PROPERTY = "property", _("房产土地")
    ADMINISTRATIVE = "administrative", _("行政诉讼与国家赔偿")
    SOCIAL_SECURITY = "social_security", _("社会保险与社会救助")
    MEDICAL = "medical", _("医疗纠纷")
    TRAFFIC = "traffic", _("道路交通事故")
    ENVIRONMENT = "environment", _("环境资源")
    CORPORATE = "corporate", _("公司商事")


class Status(models.TextChoices):
    PRACTISING = "practising", _("执业")
    SUSPENDED = "suspended", _("停止执业")
    CANCELLED = "cancelled", _("注销")


def _practising_on(day, *, started, ended):
    """On the register on `day`: started by then, and not yet ended. A cancelled record whose end date is
    unknown is off the register whatever the day (its history was never recorded)."""
    return (
        (models.Q(**{f"{started}__isnull": True}) | models.Q(**{f"{started}__lte": day}))
        & (models.Q(**{f"{ended}__gt": day}) | (models.Q(**{f"{ended}__isnull": True})
                                                & ~models.Q(status=Status.CANCELLED)))
    )


class LawFirmQuerySet(AreaScopedQuerySet):
    def practising(self):
        return self.filter(status=Status.PRACTISING)

    def practising_on(self, day):
        return self.filter(_practising_on(day, started="founded_on", ended="closed_on"))


@audited(exclude=["name_pinyin"])
class LawFirm(Versioned):
    name = models.CharField(_("名称"), max_length=100)
    name_pinyin = PinyinKeyField(source="name")
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在街道"))
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    director = models.CharField(_("负责人"), max_length=50, blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    closed_on = models.DateField(_("注销日期"), null=True, blank=True,
                                 help_text=_("注销的律师事务所自该日起不再计入执业机构。"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PRACTISING)

    objects = LawFirmQuerySet.as_manager()

    class Meta:
        verbose_name = _("律师事务所")
        verbose_name_plural = _("律师事务所")
        ordering = ["name_pinyin"]
        indexes = [trigram_index("name", "lawfirm_name_trgm")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("lawyers:lawfirm_detail", self.pk)

    def clean(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.closed_on and self.founded_on and self.closed_on < self.founded_on:
            raise ValidationError({"closed_on": _("注销日期不能早于成立日期。")})


class LawyerQuerySet(AreaScopedQuerySet):
    def practising(self):
        return self.filter(status=Status.PRACTISING)

    def available_for_legal_aid(self):
        return self.practising().filter(legal_aid_available=True)

    def with_years_at_least(self, years, on):
        """Lawyers whose practice started at least `years` full years before `on`."""
        try:
            latest_start = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            latest_start = on.replace(year=on.year - years, day=28)
        return self.filter(practice_start__lte=latest_start)

    def practising_on(self, day):
        """Licensed on `day`. A suspension (停止执业) is a sanction on a licensed lawyer, so it still counts."""
        return self.filter(_practising_on(day, started="practice_start", ended="practice_end"))


@audited(exclude=["name_pinyin"])
class Lawyer(Versioned):
    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("专职律师")
        PART_TIME = "part_time", _("兼职律师")
        PUBLIC = "public", _("公职律师")
        CORPORATE = "corporate", _("公司律师")

    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = PinyinKeyField(source="name")
    id_number = ResidentIDField(null=True, blank=True)
    certificate_number = models.CharField(
        _("执业证号"), max_length=17, unique=True, validators=[validate_certificate_number]
    )
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.FULL_TIME)
    firm = models.ForeignKey(
        LawFirm, models.PROTECT, null=True, blank=True, related_name="lawyers", verbose_name=_("执业机构"),
        help_text=_("公职律师、公司律师可不填。"),
    )
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("执业地区"),
        help_text=_("律师事务所所在街道；公职、公司律师为其单位所在街道。"),
    )
    practice_start = models.DateField(_("首次执业日期"))
    practice_end = models.DateField(_("执业终止日期"), null=True, blank=True,
                                    help_text=_("执业证注销或收回之日；此后不再计入执业律师。"))
    specialties = ArrayField(
        models.CharField(max_length=20, choices=Specialty.choices), default=list, blank=True,
        verbose_name=_("业务专长"),
    )
    legal_aid_available = models.BooleanField(_("承办法律援助案件"), default=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PRACTISING)
    # The sign-in of a lawyer serving as community legal advisor (role 社区法律顾问): their postings and
    # service logs are what that account sees.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="lawyer",
        verbose_name=_("登录账号"), help_text=_("担任社区法律顾问的律师使用的账号（角色为社区法律顾问）。"),
    )

    objects = LawyerQuerySet.as_manager()

    class Meta:
        verbose_name = _("律师")
        verbose_name_plural = _("律师")
        ordering = ["name_pinyin"]
        indexes = [models.Index(fields=["status", "legal_aid_available"], name="lawyer_aid_pool_idx"),
                   trigram_index("name", "lawyer_name_trgm"), trigram_index("certificate_number", "lawyer_cert_trgm")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return record_url("lawyers:lawyer_detail", self.pk)

    def clean(self):
        if self.kind in {self.Kind.FULL_TIME, self.Kind.PART_TIME} and self.firm_id is None:
            raise ValidationError({"firm": _("专职、兼职律师须填写执业的律师事务所。")})
        guards.not_in_future(self.practice_start, _("首次执业日期"), field="practice_start")
        if self.practice_end and self.practice_start and self.practice_end < self.practice_start:
            raise ValidationError({"practice_end": _("执业终止日期不能早于首次执业日期。")})

    def get_specialties_display(self):
        """The declared specialties' labels, in the order they were declared."""
        return [Specialty(value).label for value in self.specialties if value in Specialty.values]

    def years_of_practice(self, on=None):
        on = on or timezone.localdate()
        years = on.year - self.practice_start.year
        if (on.month, on.day) < (self.practice_start.month, self.practice_start.day):
            years -= 1
        return max(years, 0)

"""The residents' side: phone codes (a verified phone, no account), booking slots and bookings, online
questions, legal classes and their sign-ups.

A resident is known only by a phone number verified with a one-time code; their records are found by that
phone (in their session) and by an unguessable code, never by a database id. Staff see them by the site's or
the street's area (AreaScopedQuerySet); an advisor sees the questions of the streets they are posted in.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, audited
from bureau.permissions import is_advisor
from lawyers.models import Lawyer, Posting, ServicePoint

from .network import SiteScopedQuerySet

PHONE_PATTERN = r"^1[3-9]\d{9}$"
phone_validator = RegexValidator(PHONE_PATTERN, _("请输入11位手机号码。"))
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud over the phone


def new_code(length=10):
    """An unguessable record code (32^10 ≈ 10^15): what a resident's URLs carry instead of an id."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def hash_code(phone, code):
    """A one-time code is stored only as a keyed hash of the phone and the code."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


# --- Phone verification -------------------------------------------------------------------------------------


@audited
class PhoneCode(models.Model):
    """A one-time code sent to a phone: 6 digits, hashed, valid for CODE_MINUTES, MAX_ATTEMPTS tries."""

    phone = models.CharField(_("手机号码"), max_length=11, validators=[phone_validator])
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    used_at = models.DateTimeField(_("验证时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["phone", "-created_at"], name="phonecode_phone_idx")]

    def __str__(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}"


# --- Bookings -------------------------------------------------------------------------------------------------


@audited
class Slot(models.Model):
    """A bookable period at a site, created when first booked: the row a booking locks (SELECT … FOR UPDATE) so
    that parallel bookings never exceed its limit."""

    point = models.ForeignKey(
        ServicePoint, models.CASCADE, related_name="slots", verbose_name=_("站点"), db_index=False,
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    limit = models.PositiveSmallIntegerField(_("可预约人数"))

    objects = SiteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["point", "starts_at"], name="slot_once")]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%Y-%m-%d %H:%M}–{timezone.localtime(self.ends_at):%H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    ATTENDED = "attended", _("已到场")
    ABSENT = "absent", _("未到场")


TAKING_PLACE = [BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.ABSENT]  # hold a place of the slot


class BookingQuerySet(SiteScopedQuerySet):
    def of_phone(self, phone):
        return self.filter(phone=phone) if phone else self.none()

    def on(self, day):
        return self.filter(on=day)


@audited
class Booking(models.Model):
    """A resident's offline appointment at a site (线下预约)."""

    code = models.CharField(_("预约码"), max_length=12, unique=True, default=new_code, editable=False)
    slot = models.ForeignKey(Slot, models.PROTECT, related_name="bookings", verbose_name=_("时段"))
    point = models.ForeignKey(
        ServicePoint, models.PROTECT, related_name="bookings", verbose_name=_("站点"), db_index=False,
    )
    on = models.DateField(_("预约日期"))
    phone = models.CharField(_("手机号码"), max_length=11, validators=[phone_validator])
    name = models.CharField(_("称呼"), max_length=30)
    matter = models.CharField(_("咨询事项"), max_length=300)
    status = models.CharField(_("状态"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    service_given = models.CharField(_("提供的服务"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("登记人"))

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("线下预约")
        verbose_name_plural = _("线下预约")
        ordering = ["on", "slot__starts_at", "id"]
        indexes = [models.Index(fields=["phone", "on"], name="booking_phone_idx"),
                   models.Index(fields=["point", "on"], name="booking_point_on_idx")]

    def __str__(self):
        return f"{self.code} {self.point}"

    def get_absolute_url(self):
        return record_url("public_service:booking_detail", self.pk)

    def get_resident_url(self):
        return reverse("public_service:resident_booking", args=[self.code])

    @property
    def masked_phone(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}"

    @property
    def can_cancel(self):
        return self.status == BookingStatus.BOOKED and self.slot.starts_at > timezone.now()


# --- Online questions ----------------------------------------------------------------------------------------


class QuestionCategory(models.TextChoices):
    LABOUR = "labour", _("劳动就业")
    FAMILY = "family", _("婚姻家庭")
    CONTRACT = "contract", _("合同债务")
    PROPERTY = "property", _("房产物业")
    TRAFFIC = "traffic", _("交通事故")
    CONSUMER = "consumer", _("消费维权")
    ENTERPRISE = "enterprise", _("企业经营")
    OTHER = "other", _("其他")


def advisor_streets(user):
    """The streets an advisor serves: those of their postings (a community posting serves its street)."""
    postings = Posting.objects.filter(lawyer__user=user).active_on(timezone.localdate())
    return Area.objects.filter(Q(pk__in=postings.values("area")) | Q(children__in=postings.values("area")),
                               level=Area.Level.STREET)


class QuestionQuerySet(AreaScopedQuerySet):
    area_field = "street"

    def visible_to(self, user):
        if is_advisor(user):
            return self.filter(Q(lawyer__user=user) | Q(street__in=advisor_streets(user)))
        return super().visible_to(user)

    def of_phone(self, phone):
        return self.filter(phone=phone) if phone else self.none()

    def open(self):
        return self.filter(answered_at__isnull=True)

    def answered(self):
        return self.filter(answered_at__isnull=False)


@audited
class Question(models.Model):
    """An online question (线上法律咨询), answered by an advisor or duty lawyer of the street, or its staff, by
    `due_on` (ANSWER_WORKDAYS working days after it was asked)."""

    code = models.CharField(_("咨询码"), max_length=12, unique=True, default=new_code, editable=False)
    phone = models.CharField(_("手机号码"), max_length=11, validators=[phone_validator])
    street = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在街道"))
    category = models.CharField(_("问题类别"), max_length=20, choices=QuestionCategory.choices)
    text = models.TextField(_("问题描述"), max_length=2000)
    asked_at = models.DateTimeField(_("提问时间"), default=timezone.now)
    asked_on = models.DateField(_("提问日期"))
    due_on = models.DateField(_("答复期限"))
    lawyer = models.ForeignKey(Lawyer, models.SET_NULL, null=True, blank=True, related_name="questions",
                               verbose_name=_("承办律师"), help_text=_("提问时街道的值班律师或法律顾问。"))
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("答复人"))

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("线上法律咨询")
        verbose_name_plural = _("线上法律咨询")
        ordering = ["-asked_at"]
        indexes = [models.Index(fields=["phone"], name="question_phone_idx"),
                   models.Index(fields=["answered_on"], name="question_answered_idx")]
        constraints = [models.CheckConstraint(
            condition=Q(answered_at__isnull=True) | ~Q(answer=""), name="question_answer_not_empty")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return record_url("public_service:question_detail", self.pk)

    def get_resident_url(self):
        return reverse("public_service:resident_question", args=[self.code])

    @property
    def is_answered(self):
        return self.answered_at is not None

    @property
    def on_time(self):
        return self.is_answered and self.answered_on <= self.due_on


# --- Legal classes and activities ----------------------------------------------------------------------------


class ClassKind(models.TextChoices):
    CLASS = "class", _("法律课堂")
    ACTIVITY = "activity", _("法治活动")


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("报名中")
    HELD = "held", _("已举办")
    CANCELLED = "cancelled", _("已取消")


class LegalClassQuerySet(AreaScopedQuerySet):
    def upcoming(self, now=None):
        return self.filter(status=ClassStatus.PLANNED, starts_at__gt=now or timezone.now())

    def held(self):
        return self.filter(status=ClassStatus.HELD)


@audited
class LegalClass(models.Model):
    """A legal class or activity announced to residents (法律课堂, 法治活动预告), with sign-up up to `capacity`."""

    kind = models.CharField(_("类别"), max_length=10, choices=ClassKind.choices, default=ClassKind.CLASS)
    title = models.CharField(_("主题"), max_length=100)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("举办单位所在区域"))
    point = models.ForeignKey(ServicePoint, models.SET_NULL, null=True, blank=True, related_name="classes",
                              verbose_name=_("站点"))
    place = models.CharField(_("地点"), max_length=200)
    speaker = models.CharField(_("主讲人"), max_length=50, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    capacity = models.PositiveIntegerField(_("名额"), validators=[MinValueValidator(1), MaxValueValidator(2000)])
    description = models.TextField(_("简介"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ClassStatus.choices, default=ClassStatus.PLANNED)
    held_on = models.DateField(_("举办日期"), null=True, blank=True)
    attendees = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("登记人"))

    objects = LegalClassQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律课堂")
        verbose_name_plural = _("法律课堂")
        ordering = ["-starts_at"]
        constraints = [models.CheckConstraint(
            condition=~Q(status="held") | Q(held_on__isnull=False, attendees__isnull=False),
            name="legalclass_held_has_attendance")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("public_service:class_detail", self.pk)


class ClassSignupQuerySet(AreaScopedQuerySet):
    area_field = "legal_class__area"


@audited
class ClassSignup(models.Model):
    legal_class = models.ForeignKey(
        LegalClass, models.CASCADE, related_name="signups", verbose_name=_("课堂"), db_index=False,
    )
    phone = models.CharField(_("手机号码"), max_length=11, validators=[phone_validator])
    name = models.CharField(_("称呼"), max_length=30)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True)
    attended = models.BooleanField(_("到场"), null=True, blank=True)

    objects = ClassSignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("课堂报名")
        verbose_name_plural = _("课堂报名")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["legal_class", "phone"], name="classsignup_once")]

    def __str__(self):
        return f"{self.legal_class} {self.name}"

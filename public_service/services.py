"""Every write of the network and the residents' side. Each is atomic, checks the record's state, the dates and
the jurisdiction (bureau.guards), and keeps the to-dos right (public_service.reminders). A refusal raises
ValidationError in Chinese and writes nothing.

Residents have no account: their services take the verified `phone` (from their session) instead of `by`, and
find nothing of another phone. Staff services take `by` and check the record is within `by`'s reach.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau import guards
from bureau.models import Area
from bureau.reminders import reminders_refresh
from bureau.services import reminders_close_for
from bureau.workdays import DayKind, add_days
from lawyers.models import Lawyer, Posting, ServicePoint, Status

from . import sms
from .models import (
    TAKING_PLACE,
    Booking,
    BookingStatus,
    ClassSignup,
    ClassStatus,
    Duty,
    LegalClass,
    OpeningHours,
    PhoneCode,
    Question,
    Slot,
    hash_code,
)
from .models.resident import phone_validator
from .reminders import ANSWER_DUE

CODE_MINUTES = 10  # a one-time code is valid this long
CODE_ATTEMPTS = 5  # wrong tries before a code is spent
BOOKING_DAYS = 14  # how far ahead a resident may book


def answer_workdays():
    """The clock of an online question, in working days (setting PUBLIC_SERVICE_ANSWER_WORKDAYS, default 2)."""
    return getattr(settings, "PUBLIC_SERVICE_ANSWER_WORKDAYS", 2)


def _phone(phone):
    phone = (phone or "").strip()
    try:
        phone_validator(phone)
    except ValidationError:
        raise ValidationError({"phone": _("请输入11位手机号码。")}) from None
    return phone


# --- Phone verification ---------------------------------------------------------------------------------------


@transaction.atomic
def phone_code_send(*, phone) -> PhoneCode:
    """A new 6-digit code for `phone` (earlier unused codes of the phone stop working), sent after commit."""
    import secrets

    phone = _phone(phone)
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    PhoneCode.objects.filter(phone=phone, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    record = PhoneCode.objects.create(phone=phone, code_hash=hash_code(phone, code), created_at=now,
                                      expires_at=now + timedelta(minutes=CODE_MINUTES))
    text = _("【区司法局】您的验证码为%(code)s，%(m)d分钟内有效。如非本人操作请忽略。") % {
        "code": code, "m": CODE_MINUTES}
    transaction.on_commit(lambda: sms.send(phone, text))
    return record


def phone_code_verify(*, phone, code) -> str:
    """Check `code` against the phone's latest live code; returns the verified phone. A wrong code uses one of
    CODE_ATTEMPTS tries (counted even though the refusal is raised: its own transaction)."""
    phone = _phone(phone)
    with transaction.atomic():
        record = (PhoneCode.objects.select_for_update()
                  .filter(phone=phone, used_at__isnull=True, expires_at__gt=timezone.now()).first())
        if record is None:
            refusal = _("验证码已失效，请重新获取。")
        elif record.attempts >= CODE_ATTEMPTS:
            refusal = _("验证码错误次数过多，请重新获取。")
        elif record.code_hash != hash_code(phone, (code or "").strip()):
            record.attempts += 1
            record.save(update_fields=["attempts"])
            left = CODE_ATTEMPTS - record.attempts
            refusal = (_("验证码不正确，还可以再试%(n)d次。") % {"n": left} if left
                       else _("验证码错误次数过多，请重新获取。"))
        else:
            record.used_at = timezone.now()
            record.save(update_fields=["used_at"])
            return phone
    raise ValidationError({"code": refusal})


# --- The network: hours and duty roster -------------------------------------------------------------------------


def _site_in_reach(point, by):
    guards.visible(by, point, _("站点"))
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))


@transaction.atomic
def opening_hours_set(*, point: ServicePoint, rows, by):
    """Replace a site's weekly hours with `rows` (unsaved OpeningHours without point). Booked slots keep their
    bookings; new slots follow the new hours."""
    _site_in_reach(point, by)
    seen = []
    for row in rows:
        row.point = point
        row.full_clean(exclude=["point"])
        for other in seen:
            if other.weekday == row.weekday and row.start < other.end and other.start < row.end:
                raise ValidationError(_("%(day)s的开放时间有重叠。") % {"day": row.get_weekday_display()})
        seen.append(row)
    OpeningHours.objects.filter(point=point).delete()
    return OpeningHours.objects.bulk_create(seen)


@transaction.atomic
def duty_add(*, point: ServicePoint, on, lawyer: Lawyer, by, note="") -> Duty:
    _site_in_reach(point, by)
    # A lawyer of the site's district only (issue 18, part 5: a reference is within the jurisdiction).
    district = point.area.district or point.area
    if not Lawyer.objects.in_area(district).filter(pk=lawyer.pk).exists():
        raise ValidationError({"lawyer": _("值班律师不在%(area)s的律师名录中。") % {"area": district.name}})
    if lawyer.status != Status.PRACTISING:
        raise ValidationError({"lawyer": _("该律师不在执业状态，不能安排值班。")})
    if Duty.objects.filter(point=point, on=on, lawyer=lawyer).exists():
        raise ValidationError({"lawyer": _("该律师当天已在本站点值班。")})
    return Duty.objects.create(point=point, on=on, lawyer=lawyer, note=note)


@transaction.atomic
def duty_remove(*, duty: Duty, by):
    _site_in_reach(duty.point, by)
    if duty.on < timezone.localdate():
        raise ValidationError(_("已过去的值班记录不能删除。"))
    duty.delete()


def lawyers_on_duty(points, day):
    """{point id: [lawyer names]} on `day` — one query for a list of sites."""
    found = {}
    for point_id, name in (Duty.objects.filter(point__in=points, on=day).order_by("lawyer__name")
                           .values_list("point_id", "lawyer__name")):
        found.setdefault(point_id, []).append(name)
    return found


# --- Slots and bookings -------------------------------------------------------------------------------------------


def slots_available(point, *, days=BOOKING_DAYS, now=None):
    """[(starts_at, ends_at, limit, taken)] of the site's slots from now over the next `days` days: from its
    OpeningHours, with the places taken counted in one query."""
    now = now or timezone.now()
    today = timezone.localdate()
    hours = list(point.hours.all())
    wanted = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        for row in hours:
            if row.weekday == day.weekday():
                for start in row.slot_starts(day):
                    if start > now:
                        wanted.append((start, start + timedelta(minutes=row.slot_minutes), row.slot_limit))
    if not wanted:
        return []
    taken = dict(Booking.objects.filter(point=point, status__in=TAKING_PLACE,
                                        slot__starts_at__range=(wanted[0][0], wanted[-1][0]))
                 .values_list("slot__starts_at").annotate(n=Count("pk")))
    return sorted((start, end, limit, taken.get(start, 0)) for start, end, limit in wanted)


def _hours_row(point, starts_at):
    local = timezone.localtime(starts_at)
    for row in point.hours.filter(weekday=local.weekday()):
        if any(start == local for start in row.slot_starts(local.date())):
            return row
    return None


@transaction.atomic
def booking_create(*, point: ServicePoint, starts_at: datetime, phone, name, matter) -> Booking:
    """Book a place in a slot of the site. The slot's row is locked (SELECT … FOR UPDATE) while its places are
    counted, so parallel bookings of one slot never exceed its limit."""
    phone = _phone(phone)
    if not ServicePoint.objects.active_on(timezone.localdate()).filter(pk=point.pk).exists():
        raise ValidationError(_("该站点暂停服务，不能预约。"))
    name, matter = (name or "").strip(), (matter or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写称呼。")})
    if not matter:
        raise ValidationError({"matter": _("请简要说明咨询事项。")})
    row = _hours_row(point, starts_at)
    if row is None:
        raise ValidationError({"slot": _("所选时段不在该站点的开放时间内。")})
    if starts_at <= timezone.now():
        raise ValidationError({"slot": _("所选时段已开始，请选择其他时段。")})
    if timezone.localtime(starts_at).date() > timezone.localdate() + timedelta(days=BOOKING_DAYS):
        raise ValidationError({"slot": _("只能预约%(n)d天内的时段。") % {"n": BOOKING_DAYS}})
    Slot.objects.bulk_create([Slot(point=point, starts_at=starts_at,
                                   ends_at=starts_at + timedelta(minutes=row.slot_minutes), limit=row.slot_limit)],
                             ignore_conflicts=True)
    slot = Slot.objects.select_for_update().get(point=point, starts_at=starts_at)
    places = slot.bookings.filter(status__in=TAKING_PLACE)
    if places.filter(phone=phone).exists():
        raise ValidationError({"slot": _("您已预约该时段。")})
    if places.count() >= slot.limit:
        raise ValidationError({"slot": _("该时段已约满，请选择其他时段。")})
    return Booking.objects.create(slot=slot, point=point, on=timezone.localtime(starts_at).date(), phone=phone,
                                  name=name, matter=matter)


@transaction.atomic
def booking_cancel(*, booking: Booking, phone) -> Booking:
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.phone != phone:
        raise ValidationError(_("预约不存在。"))
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("该预约已%(status)s，不能取消。") % {"status": booking.get_status_display()})
    if booking.slot.starts_at <= timezone.now():
        raise ValidationError(_("预约时段已开始，不能取消。"))
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    return booking


@transaction.atomic
def booking_attend(*, booking: Booking, attended: bool, by, service_given="") -> Booking:
    """The site's staff record that the resident came (and the service given) or did not come."""
    guards.visible(by, booking, _("预约"))
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError(_("该预约已取消。"))
    if booking.on > timezone.localdate():
        raise ValidationError(_("预约日期未到，不能登记到场情况。"))
    service_given = (service_given or "").strip()
    if attended and not service_given:
        raise ValidationError({"service_given": _("请填写提供的服务。")})
    booking.status = BookingStatus.ATTENDED if attended else BookingStatus.ABSENT
    booking.service_given = service_given if attended else ""
    booking.recorded_by = by
    booking.save(update_fields=["status", "service_given", "recorded_by"])
    return booking


# --- Online questions ----------------------------------------------------------------------------------------------


def street_lawyer(street, day):
    """Who a question of `street` goes to: a lawyer on duty that day at a site of the street, else an advisor
    posted in the street (a community of it, or a site of it); one with an account first."""
    on_duty = (Lawyer.objects.filter(site_duties__on=day, site_duties__point__area__path__startswith=street.path)
               .order_by(F("user").asc(nulls_last=True), "pk").first())
    if on_duty:
        return on_duty
    return (Lawyer.objects.filter(pk__in=Posting.objects.active_on(day).in_area(street).values("lawyer"))
            .order_by(F("user").asc(nulls_last=True), "pk").first())


@transaction.atomic
def question_ask(*, street: Area, category, text, phone) -> Question:
    phone = _phone(phone)
    text = (text or "").strip()
    if street is None or street.level != Area.Level.STREET:
        raise ValidationError({"street": _("请选择所在街道。")})
    if len(text) < 10:
        raise ValidationError({"text": _("请把问题描述清楚（至少10个字）。")})
    today = timezone.localdate()
    question = Question(phone=phone, street=street, category=category, text=text, asked_on=today,
                        due_on=add_days(today, answer_workdays(), DayKind.WORKING),
                        lawyer=street_lawyer(street, today))
    question.full_clean()
    question.save()
    reminders_refresh([ANSWER_DUE], records=Question.objects.filter(pk=question.pk))
    return question


@transaction.atomic
def question_answer(*, question: Question, answer, by) -> Question:
    guards.visible(by, question, _("咨询"))
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.is_answered:
        raise ValidationError(_("该咨询已于%(date)s答复。") % {"date": question.answered_on})
    answer = (answer or "").strip()
    if len(answer) < 5:
        raise ValidationError({"answer": _("请填写答复内容。")})
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_on = timezone.localdate()
    question.answered_by = by
    question.save(update_fields=["answer", "answered_at", "answered_on", "answered_by"])
    reminders_close_for(obj=question, kind=ANSWER_DUE, by=by, note=_("已答复"))
    return question


# --- Legal classes -------------------------------------------------------------------------------------------------


@transaction.atomic
def class_create(*, legal_class: LegalClass, by) -> LegalClass:
    guards.in_jurisdiction(by, legal_class.area, _("举办单位所在区域"), field="area")
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))
    if legal_class.point_id:
        guards.visible(by, legal_class.point, _("站点"), field="point")
    legal_class.created_by = by
    legal_class.status = ClassStatus.PLANNED
    legal_class.full_clean()
    legal_class.save()
    return legal_class


@transaction.atomic
def class_signup(*, legal_class: LegalClass, phone, name) -> ClassSignup:
    """Sign up with a verified phone; the class's row is locked while its places are counted."""
    phone = _phone(phone)
    legal_class = LegalClass.objects.select_for_update().get(pk=legal_class.pk)
    if legal_class.status != ClassStatus.PLANNED or legal_class.starts_at <= timezone.now():
        raise ValidationError(_("该活动已停止报名。"))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写称呼。")})
    if legal_class.signups.filter(phone=phone).exists():
        raise ValidationError(_("您已报名该活动。"))
    if legal_class.signups.count() >= legal_class.capacity:
        raise ValidationError(_("名额已满。"))
    return ClassSignup.objects.create(legal_class=legal_class, phone=phone, name=name)


@transaction.atomic
def class_hold(*, legal_class: LegalClass, held_on, attendees: int, by) -> LegalClass:
    """Record that the class was held and how many came (sign-ups and walk-ins)."""
    guards.visible(by, legal_class, _("课堂"))
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))
    if legal_class.status == ClassStatus.CANCELLED:
        raise ValidationError(_("该活动已取消。"))
    guards.not_in_future(held_on, _("举办日期"), field="held_on")
    if attendees is None or attendees < 0:
        raise ValidationError({"attendees": _("请填写参加人数。")})
    legal_class.status = ClassStatus.HELD
    legal_class.held_on = held_on
    legal_class.attendees = attendees
    legal_class.save(update_fields=["status", "held_on", "attendees"])
    return legal_class


@transaction.atomic
def class_cancel(*, legal_class: LegalClass, by) -> LegalClass:
    guards.visible(by, legal_class, _("课堂"))
    if not by.can_write("public_service"):
        raise ValidationError(_("您的角色只能查看公共法律服务信息，不能登记或办理。"))
    if legal_class.status != ClassStatus.PLANNED:
        raise ValidationError(_("只有报名中的活动可以取消。"))
    legal_class.status = ClassStatus.CANCELLED
    legal_class.save(update_fields=["status"])
    return legal_class


@transaction.atomic
def site_update(*, point: ServicePoint, by) -> ServicePoint:
    """A site's network fields (address, speciality, services, coordinates, dates) by its street or section; its
    name, kind and area stay the advisors' register's (lawyers.services.point_save)."""
    _site_in_reach(point, by)
    point.full_clean()
    point.save(update_fields=["address", "phone", "speciality", "services", "latitude", "longitude", "opened_on",
                              "closed_on"])
    return point

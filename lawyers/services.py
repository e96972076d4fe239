"""Every write of community legal advisors: service points, postings, account links, service log entries,
appraisal weights and the closing of a month. Each is atomic and refuses with a Chinese message, writing
nothing, when the rules do not allow it — so the pages, the API and imports are refused alike.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from bureau import guards
from bureau.models import Area, Reminder
from bureau.permissions import is_administrator, is_advisor
from bureau.services import reminders_close

from . import appraisal
from .models import (
    ATTACHMENTS_PER_LOG,
    Appraisal,
    AppraisalResult,
    AppraisalWeight,
    Attachment,
    Lawyer,
    Posting,
    ServiceLog,
    ServicePoint,
    area_codes,
    month_start,
    validate_attachment,
)
from .permissions import APPRAISAL, can_appraise, can_manage_advisors
from .reminders import COMMUNITY_IDLE, NO_LOG_MONTH, no_log_due_on

# --- Who may do what --------------------------------------------------------------------------------------


def lawyer_of(user):
    """The lawyer record an advisor's account is linked to, or None."""
    return Lawyer.objects.filter(user=user).first() if user.is_authenticated else None


def lawyers_to_post(by):
    """The lawyers `by` may post as advisors: the practising lawyers of their district (any, above a district)."""
    lawyers = Lawyer.objects.practising()
    district = by.area.district if by.area and not is_administrator(by) else None
    return lawyers.in_area(district) if district else lawyers


def _month_label(day):
    return _("%(y)d年%(m)d月") % {"y": day.year, "m": day.month}


# --- Service points and postings ----------------------------------------------------------------------------


@transaction.atomic
def point_save(*, point: ServicePoint, by) -> ServicePoint:
    if not can_manage_advisors(by):
        raise ValidationError(_("您的角色不能登记或修改公共法律服务站点。"))
    guards.in_jurisdiction(by, point.area, _("所在区域"), field="area")
    point.full_clean()
    point.save()
    return point


def _check_place(record):
    """A posting or an entry at a service point lies in the point's area; a community or a point is needed."""
    if record.point_id and not record.area_id:
        record.area = record.point.area
    if not record.area_id:
        raise ValidationError({"area": _("请选择服务社区或服务站点。")})


@transaction.atomic
def posting_save(*, posting: Posting, by) -> Posting:
    """Create or change a posting: of a practising lawyer of the district, to a community (or a service point,
    which lies in it: Posting.clean) of `by`'s jurisdiction. A lawyer is not posted twice to the same place for
    overlapping periods."""
    if not can_manage_advisors(by):
        raise ValidationError(_("您的角色不能派驻或调整法律顾问。"))
    _check_place(posting)
    posting.full_clean()
    guards.in_jurisdiction(by, posting.area, _("服务社区"), field="area")
    if not lawyers_to_post(by).filter(pk=posting.lawyer_id).exists():
        raise ValidationError({"lawyer": _("请选择本区执业的律师作为法律顾问。")})
    overlapping = (Posting.objects.select_for_update().filter(lawyer=posting.lawyer, area=posting.area,
                                                              point=posting.point)
                   .overlapping(posting.start_on, posting.end_on).exclude(pk=posting.pk))
    if overlapping.exists():
        raise ValidationError(_("%(lawyer)s在该期间已派驻到%(place)s，请调整起止日期。") % {
            "lawyer": posting.lawyer, "place": posting.place})
    if posting.pk:
        _check_postings_cover_logs(posting)
    posting.save()
    return posting


def _check_postings_cover_logs(posting):
    """Shortening or moving a posting may not leave entries logged under it without any posting."""
    stored = Posting.objects.get(pk=posting.pk)
    logs = ServiceLog.objects.filter(lawyer=stored.lawyer_id, area=stored.area_id,
                                     on__range=(stored.start_on, stored.end_on))
    if (posting.lawyer_id, posting.area_id) == (stored.lawyer_id, stored.area_id):
        logs = logs.exclude(on__range=(posting.start_on, posting.end_on))
    covered_elsewhere = Posting.objects.filter(
        lawyer=stored.lawyer_id, area=stored.area_id, start_on__lte=OuterRef("on"), end_on__gte=OuterRef("on"),
    ).exclude(pk=posting.pk)
    first = logs.exclude(Exists(covered_elsewhere)).order_by("on").values_list("on", flat=True).first()
    if first:
        raise ValidationError(_("该派驻期间内已有%(day)s的服务记录，不能将其移出派驻期间。") % {
            "day": first.isoformat()})


@transaction.atomic
def lawyer_link_account(*, lawyer: Lawyer, user, by) -> Lawyer:
    """Link the account an advisor signs in with to their lawyer record (one account, one lawyer)."""
    if not can_manage_advisors(by):
        raise ValidationError(_("您的角色不能关联法律顾问账号。"))
    if user is not None:
        if not is_advisor(user):
            raise ValidationError({"user": _("只能关联角色为“社区法律顾问”的账号。")})
        # The account is a reference like any other: one of the writer's jurisdiction (issue 18, part 5).
        guards.in_jurisdiction(by, user.area, _("登录账号所属区域"), field="user")
        taken = Lawyer.objects.filter(user=user).exclude(pk=lawyer.pk).first()
        if taken:
            raise ValidationError({"user": _("该账号已关联律师%(name)s。") % {"name": taken}})
    lawyer.user = user
    lawyer.save(update_fields=["user"])
    return lawyer


# --- Service log ----------------------------------------------------------------------------------------


def _locked(day):
    return ValidationError({"on": ValidationError(
        _("%(month)s的月评比已完成，该月的服务记录已锁定，不能新增、修改或删除。") % {"month": _month_label(day)},
        code="locked")})


def check_month_open(area, day):
    """Refuse a change to an entry of a month whose appraisal is closed."""
    if Appraisal.objects.closing(area, day).exists():
        raise _locked(day)


def _check_writer(log, by, areas=None):
    """An advisor writes their own entries; office staff those of their jurisdiction (`areas`: ids of areas
    known to be in it)."""
    if is_advisor(by):
        if log.lawyer.user_id != by.pk:
            raise ValidationError(_("只能记录和修改本人的服务记录。"))
        return
    if not can_manage_advisors(by):
        raise ValidationError(_("您的角色不能记录法律顾问服务。"))
    if areas is None or log.area_id not in areas:
        guards.in_jurisdiction(by, log.area, _("服务社区"), field="area")


def service_logs_refusals(logs, by):
    """Why each of `logs` may not be written by `by` (None: it may), in five queries however many there are,
    so an entry on a page, through the API and in an imported file is refused alike: the date is not in the
    future, `by` writes the entry (their own, or of their jurisdiction), its service point is one `by` may
    see, its advisor was posted to its community that day, and its month is not appraised yet."""
    logs = list(logs)
    areas = set(Area.objects.visible_to(by).filter(pk__in={log.area_id for log in logs}).values_list("pk", flat=True))
    points = set(ServicePoint.objects.visible_to(by).filter(pk__in={log.point_id for log in logs if log.point_id})
                 .values_list("pk", flat=True))
    postings = {}
    for lawyer_id, area_id, start, end in Posting.objects.filter(
            lawyer__in={log.lawyer_id for log in logs}).values_list("lawyer_id", "area_id", "start_on", "end_on"):
        postings.setdefault((lawyer_id, area_id), []).append((start, end))
    closed = set(Appraisal.objects.filter(district__level=Area.Level.DISTRICT,
                                          month__in={month_start(log.on) for log in logs})
                 .values_list("district__code", "month"))
    refusals = []
    for log in logs:
        try:
            guards.not_in_future(log.on, _("服务日期"), field="on")
            _check_writer(log, by, areas)
            if log.point_id and log.point_id not in points:
                guards.visible(by, log.point, _("服务站点"), field="point")
            if not any(start <= log.on <= end for start, end in postings.get((log.lawyer_id, log.area_id), [])):
                raise ValidationError({"area": _("%(lawyer)s在%(day)s没有派驻到%(area)s。") % {
                    "lawyer": log.lawyer, "day": log.on.isoformat(), "area": log.area}})
            if any((code, month_start(log.on)) in closed for code in area_codes(log.area)):
                raise _locked(log.on)
        except ValidationError as error:
            refusals.append(error)
        else:
            refusals.append(None)
    return refusals


def _check_log(log, by):
    _check_place(log)
    log.full_clean(exclude=["recorded_by"])
    refusal, = service_logs_refusals([log], by)
    if refusal:
        raise refusal


def _add_attachments(log, uploads):
    if log.attachments.count() + len(uploads) > ATTACHMENTS_PER_LOG:
        raise ValidationError({"attachments": _("每条服务记录最多 %(n)d 个附件。") % {"n": ATTACHMENTS_PER_LOG}})
    for upload in uploads:
        validate_attachment(upload)
        Attachment.objects.create(log=log, file=upload, name=upload.name[:200], size=upload.size)


def todos_close_for_logs(logs, by):
    """Entries answer the to-dos they make unnecessary: their community's silence (a current posting of the same
    advisor and community) and their month's (any posting of the advisor). A few queries for any number."""
    pairs = {(log.lawyer_id, log.area_id) for log in logs}
    months = {no_log_due_on(log.on) for log in logs}
    today = timezone.localdate()
    postings = Posting.objects.filter(lawyer__in={lawyer for lawyer, _area in pairs})
    idle = [pk for pk, lawyer, area in postings.active_on(today).values_list("pk", "lawyer_id", "area_id")
            if (lawyer, area) in pairs]
    todos = Reminder.objects.open().filter(content_type=ContentType.objects.get_for_model(Posting))
    answered = (todos.filter(kind=COMMUNITY_IDLE, object_id__in=idle)
                | todos.filter(kind=NO_LOG_MONTH, object_id__in=postings.values("pk"), due_on__in=months))
    return reminders_close(answered, by=by, note=_("已有服务记录"))


@transaction.atomic
def service_log_create(*, log: ServiceLog, by, attachments=()) -> ServiceLog:
    _check_log(log, by)
    log.recorded_by = by
    log.save()
    _add_attachments(log, list(attachments))
    todos_close_for_logs([log], by)
    return log


@transaction.atomic
def service_log_update(*, log: ServiceLog, by, attachments=(), remove=()) -> ServiceLog:
    """`remove`: attachments of this entry to delete. The entry's stored month must be open too, so an entry
    cannot be moved out of a closed month."""
    stored = ServiceLog.objects.select_for_update().select_related("lawyer").get(pk=log.pk)
    _check_writer(stored, by)
    check_month_open(stored.area, stored.on)
    _check_log(log, by)
    log.save()
    for attachment in log.attachments.filter(pk__in=[a.pk for a in remove]):
        attachment.file.delete(save=False)
        attachment.delete()
    _add_attachments(log, list(attachments))
    todos_close_for_logs([log], by)
    return log


@transaction.atomic
def service_log_delete(*, log: ServiceLog, by) -> None:
    stored = ServiceLog.objects.select_for_update().select_related("lawyer").get(pk=log.pk)
    _check_writer(stored, by)
    check_month_open(stored.area, stored.on)
    files = [attachment.file for attachment in stored.attachments.all()]
    stored.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


# --- Appraisal ------------------------------------------------------------------------------------------


def _check_district(district, by):
    if not can_appraise(by):
        raise ValidationError(APPRAISAL.write_refused)
    if district.level != Area.Level.DISTRICT:
        raise ValidationError(_("月评比以区为单位。"))
    guards.in_jurisdiction(by, district, _("区"), field="district")


@transaction.atomic
def appraisal_weights_save(*, district: Area, weights: dict, by) -> list[AppraisalWeight]:
    """`weights`: {kind: (points per unit, points per dispute resolved)}. Closed months keep their results."""
    _check_district(district, by)
    saved = []
    for kind, (points, resolved_points) in weights.items():
        weight = AppraisalWeight.objects.filter(district=district, kind=kind).first() or AppraisalWeight(
            district=district, kind=kind)
        weight.points, weight.resolved_points = points, resolved_points
        weight.full_clean()
        weight.save()
        saved.append(weight)
    return saved


@transaction.atomic
def appraisal_close(*, district: Area, month: date, comment: str, by) -> Appraisal:
    """Publish the month's ranking as it stands and lock the month's entries."""
    _check_district(district, by)
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1):
        raise ValidationError(_("%(month)s尚未结束，不能完成评比。") % {"month": _month_label(month)})
    lines = appraisal.ranking(district, month)
    if not lines:
        raise ValidationError(_("%(month)s没有派驻的法律顾问，无需评比。") % {"month": _month_label(month)})
    try:
        with transaction.atomic():
            record = Appraisal.objects.create(district=district, month=month, comment=comment, closed_by=by)
    except IntegrityError:
        raise ValidationError(_("%(month)s的月评比已经完成。") % {"month": _month_label(month)}) from None
    AppraisalResult.objects.bulk_create([
        AppraisalResult(
            appraisal=record, lawyer_id=line.lawyer_id, rank=line.rank, points=line.points, entries=line.entries,
            hours=line.hours,
            breakdown={kind: [units, str(points)] for kind, (units, points) in line.breakdown.items()},
        )
        for line in lines
    ])
    return record


def last_month(today=None):
    today = today or timezone.localdate()
    return today + relativedelta(months=-1, day=1)

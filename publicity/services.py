"""Every write of 普法's activities, media products and 法治文化阵地. Each is atomic, checks the dates (not in the
future) and the jurisdiction of the area it writes in (bureau.guards), and keeps the to-dos right
(publicity.reminders). A refusal raises ValidationError in Chinese and changes nothing. Pages, the API, the
import and the demo data call these.

The advisors' 普法 service log entries are written by lawyers.services; nothing here copies them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bureau import guards
from bureau.reminders import reminders_refresh
from lawyers.models.advisors import validate_attachment

from .models import PHOTOS_PER_ACTIVITY, Activity, Material, MaterialKind, MediaProduct, Photo, Position
from .permissions import positions_write

# --- Activities -------------------------------------------------------------------------------------------


MATERIAL_KINDS = frozenset(MaterialKind.values)  # once: `.values` makes a new list each time (an import asks 40,000)


def materials_check(materials):
    """`materials`: {kind: quantity}; a kind not listed or a quantity of 0 is dropped, a negative one refused."""
    cleaned = {}
    for kind, quantity in (materials or {}).items():
        if kind not in MATERIAL_KINDS:
            raise ValidationError({"materials": _("未知的资料类别“%(kind)s”。") % {"kind": kind}})
        if quantity is None or quantity == 0:
            continue
        if quantity < 0 or quantity > 1_000_000:
            raise ValidationError({"materials": _("%(kind)s的数量应在1至1000000之间。") % {
                "kind": MaterialKind(kind).label}})
        cleaned[kind] = quantity
    return cleaned


def _add_photos(activity, uploads):
    if not uploads:
        return
    if activity.photos.count() + len(uploads) > PHOTOS_PER_ACTIVITY:
        raise ValidationError({"photos": _("每场活动最多上传 %(n)d 张照片或附件。") % {"n": PHOTOS_PER_ACTIVITY}})
    for upload in uploads:
        validate_attachment(upload)
        Photo.objects.create(activity=activity, file=upload, name=upload.name[:200], size=upload.size)


def _check_activity(activity, by):
    guards.in_jurisdiction(by, activity.area, _("所属区域"), field="area")
    guards.not_in_future(activity.held_on, _("活动日期"), field="held_on")
    activity.full_clean(exclude=["recorded_by"])


def _set_materials(activity, materials):
    activity.materials.exclude(kind__in=list(materials)).delete()
    stored = {m.kind: m for m in activity.materials.all()}
    for kind, quantity in materials.items():
        if kind in stored:
            if stored[kind].quantity != quantity:
                stored[kind].quantity = quantity
                stored[kind].save(update_fields=["quantity"])
        else:
            Material.objects.create(activity=activity, kind=kind, quantity=quantity)


@transaction.atomic
def activity_record(*, activity: Activity, by, materials=None, photos=()) -> Activity:
    """A new activity with the materials handed out ({kind: quantity}) and its photos."""
    materials = materials_check(materials)
    _check_activity(activity, by)
    activity.recorded_by = by
    activity.save()
    Material.objects.bulk_create([Material(activity=activity, kind=kind, quantity=quantity)
                                  for kind, quantity in materials.items()])
    _add_photos(activity, list(photos))
    return activity


def _stored(model, record, by, what):
    """The stored row, locked, if `by` may see it (so one may not edit a record of another street by its id)."""
    stored = model.objects.visible_to(by).select_for_update().filter(pk=record.pk).first()
    if stored is None:
        raise ValidationError(_("%(what)s不存在或不在您的管辖范围内。") % {"what": what})
    return stored


@transaction.atomic
def activity_update(*, activity: Activity, by, materials=None, photos=(), remove=()) -> Activity:
    """`materials` replaces the activity's list when given (None keeps it); `remove`: photos to delete."""
    _stored(Activity, activity, by, _("普法活动"))
    checked = materials_check(materials) if materials is not None else None
    _check_activity(activity, by)
    activity.save()
    if checked is not None:
        _set_materials(activity, checked)
    removed = list(activity.photos.filter(pk__in=[p.pk for p in remove]))
    files = [photo.file for photo in removed]
    for photo in removed:
        photo.delete()
    _add_photos(activity, list(photos))
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    stored = _stored(Activity, activity, by, _("普法活动"))
    guards.in_jurisdiction(by, stored.area, _("所属区域"))
    files = [photo.file for photo in stored.photos.all()]
    stored.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


# --- Media products ---------------------------------------------------------------------------------------


def _check_media(product, by):
    guards.in_jurisdiction(by, product.area, _("发布单位所在区域"), field="area")
    guards.not_in_future(product.published_on, _("发布日期"), field="published_on")
    product.full_clean(exclude=["recorded_by"])


@transaction.atomic
def mediaproduct_record(*, product: MediaProduct, by) -> MediaProduct:
    _check_media(product, by)
    product.recorded_by = by
    product.save()
    return product


@transaction.atomic
def mediaproduct_update(*, product: MediaProduct, by) -> MediaProduct:
    """Also how the views are brought up to date as they grow."""
    _stored(MediaProduct, product, by, _("普法媒体作品"))
    _check_media(product, by)
    product.save()
    return product


# --- 法治文化阵地 -----------------------------------------------------------------------------------------


def _check_position(position, by):
    if not positions_write(by):
        raise ValidationError(_("法治文化阵地由普法与依法治理科登记。"))
    guards.in_jurisdiction(by, position.area, _("所在区域"), field="area")
    guards.not_in_future(position.awarded_on, _("命名日期"), field="awarded_on")
    guards.not_in_future(position.revoked_on, _("撤销命名日期"), field="revoked_on")
    position.full_clean()


@transaction.atomic
def position_record(*, position: Position, by) -> Position:
    _check_position(position, by)
    position.save()
    reminders_refresh(records=position)
    return position


def _review_todo_close(position, by, note):
    from bureau.services import reminders_close_for

    from .reminders import REVIEW_DUE

    reminders_close_for(obj=position, kind=REVIEW_DUE, by=by, note=note)


@transaction.atomic
def position_update(*, position: Position, by) -> Position:
    stored = _stored(Position, position, by, _("法治文化阵地"))
    _check_position(position, by)
    position.save()
    if (stored.reviewed_until, stored.revoked_on) != (position.reviewed_until, position.revoked_on):
        _review_todo_close(position, by, _("复核有效期已修改"))
    reminders_refresh(records=position)
    return position


@transaction.atomic
def position_review(*, position: Position, reviewed_until, by) -> Position:
    """复核通过: the naming holds until `reviewed_until`; the to-do of the old date is done."""
    stored = _stored(Position, position, by, _("法治文化阵地"))
    if stored.revoked_on:
        raise ValidationError(_("该阵地已于%(date)s撤销命名，不能复核。") % {"date": stored.revoked_on})
    if stored.reviewed_until and reviewed_until <= stored.reviewed_until:
        raise ValidationError({"reviewed_until": _("新的复核有效期应晚于%(date)s。") % {"date": stored.reviewed_until}})
    stored.reviewed_until = reviewed_until
    _check_position(stored, by)
    stored.save(update_fields=["reviewed_until"])
    _review_todo_close(stored, by, _("已复核"))
    reminders_refresh(records=stored)
    return stored


@transaction.atomic
def position_revoke(*, position: Position, on, by) -> Position:
    stored = _stored(Position, position, by, _("法治文化阵地"))
    if stored.revoked_on:
        raise ValidationError(_("该阵地已于%(date)s撤销命名。") % {"date": stored.revoked_on})
    stored.revoked_on = on
    _check_position(stored, by)
    stored.save(update_fields=["revoked_on"])
    _review_todo_close(stored, by, _("已撤销命名"))
    return stored

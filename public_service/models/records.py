"""Service records at sites (站点服务记录): what a site's staff member did on a day.

One row per site, staff member and day: consultations (person-times), documents drafted (代写文书), legal
opinions (出具法律意见) and other services. Advisors posted to a site keep their own log (lawyers.ServiceLog
with its `point`); a site record is for everyone else on duty (staff, volunteers, duty lawyers not posted
there), and the service refuses one naming a lawyer posted to the site that day, so nothing is counted twice.
public_service.consultations adds both (docs/public_service.md, "站点服务记录").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited
from lawyers.models import Lawyer, ServicePoint


class StaffKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    DUTY_LAWYER = "duty_lawyer", _("值班律师")
    VOLUNTEER = "volunteer", _("志愿者")
    OTHER = "other", _("其他人员")


class SiteRecordQuerySet(AreaScopedQuerySet):
    def with_totals(self):
        return self.annotate(documents_and_opinions=F("documents") + F("opinions"))


@audited
class SiteRecord(Versioned):
    point = models.ForeignKey(
        ServicePoint, models.PROTECT, related_name="site_records", verbose_name=_("服务站点"), db_index=False,
    )
    # The site's area, copied when the record is written: the jurisdiction and the street filter read it.
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("所在区域"), editable=False)
    on = models.DateField(_("服务日期"))
    staff = models.CharField(_("服务人员"), max_length=50)
    staff_kind = models.CharField(_("人员类别"), max_length=12, choices=StaffKind.choices, default=StaffKind.STAFF)
    lawyer = models.ForeignKey(Lawyer, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("律师"),
                               help_text=_("值班律师请选择；派驻本站点的法律顾问在其服务记录中登记。"))
    consultations = models.PositiveIntegerField(_("法律咨询（人次）"), default=0)
    documents = models.PositiveIntegerField(_("代写文书（份）"), default=0)
    opinions = models.PositiveIntegerField(_("出具法律意见（份）"), default=0)
    other_services = models.PositiveIntegerField(_("其他服务（件）"), default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("记录人"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = SiteRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("站点服务记录")
        verbose_name_plural = _("站点服务记录")
        ordering = ["-on", "point", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["point", "staff", "on"], name="ps_site_record_once_a_day"),
            models.CheckConstraint(
                condition=Q(consultations__gt=0) | Q(documents__gt=0) | Q(opinions__gt=0) | Q(other_services__gt=0),
                name="ps_site_record_not_empty"),
        ]
        indexes = [models.Index(fields=["on", "area"], name="ps_site_record_on_area_idx")]

    def __str__(self):
        return f"{self.point} {self.staff} {self.on:%Y-%m-%d}"

    def get_absolute_url(self):
        return record_url("public_service:site_record_update", self.pk)

    @property
    def total(self):
        return self.consultations + self.documents + self.opinions + self.other_services

    def clean(self):
        if self.staff:
            self.staff = self.staff.strip()
        if not (self.consultations or self.documents or self.opinions or self.other_services):
            raise ValidationError(_("请至少填写一项服务数量。"))
        if self.lawyer_id and self.staff_kind != StaffKind.DUTY_LAWYER:
            raise ValidationError({"lawyer": _("只有值班律师需要选择律师。")})

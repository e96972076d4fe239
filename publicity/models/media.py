"""普法媒体作品: short videos, live streams, micro-lessons and posts on the official account."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bureau.links import record_url
from bureau.models import Area, AreaScopedQuerySet, Versioned, audited


class MediaKind(models.TextChoices):
    VIDEO = "video", _("普法小视频")
    LIVE_STREAM = "live_stream", _("专题网络直播")
    MICRO_LESSON = "micro_lesson", _("微课堂")
    POST = "post", _("公众号推文")


class Style(models.TextChoices):
    """What kind of video (only for videos)."""

    SHORT = "short", _("短视频")
    ANIMATION = "animation", _("动画")
    MICRO_FILM = "micro_film", _("微电影")
    SKETCH = "sketch", _("情景剧")


class Channel(models.TextChoices):
    DOUYIN = "douyin", _("抖音")
    CHANNELS = "channels", _("微信视频号")
    OFFICIAL_ACCOUNT = "official_account", _("微信公众号")
    KUAISHOU = "kuaishou", _("快手")
    BILIBILI = "bilibili", _("哔哩哔哩")
    WEIBO = "weibo", _("微博")
    WEBSITE = "website", _("政府网站")
    OTHER = "other", _("其他平台")


class MediaProductQuerySet(AreaScopedQuerySet):
    def published_between(self, start, end):
        return self.filter(published_on__range=(start, end))


@audited
class MediaProduct(Versioned):
    kind = models.CharField(_("类别"), max_length=15, choices=MediaKind.choices)
    style = models.CharField(_("视频类型"), max_length=12, choices=Style.choices, blank=True,
                             help_text=_("仅普法小视频填写。"))
    title = models.CharField(_("标题"), max_length=200)
    channel = models.CharField(_("发布平台"), max_length=20, choices=Channel.choices)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("发布单位所在区域"))
    published_on = models.DateField(_("发布日期"))
    views = models.PositiveIntegerField(_("浏览（观看）量"), default=0, validators=[MaxValueValidator(100_000_000)])
    url = models.URLField(_("链接"), blank=True)
    training_attendance = models.PositiveIntegerField(
        _("计入培训参训人次"), default=0, validators=[MaxValueValidator(1_000_000)],
        help_text=_("直播观看人员作为某次培训的参训人员时，填写计入的人次。"))
    training_note = models.CharField(_("计入的培训"), max_length=200, blank=True,
                                     help_text=_("例如“2026年调解员线上培训（人民调解科）”。"))
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = MediaProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法媒体作品")
        verbose_name_plural = _("普法媒体作品")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["published_on", "kind"], name="publicity_media_published_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("publicity:mediaproduct_detail", self.pk)

    def clean(self):
        if self.style and self.kind != MediaKind.VIDEO:
            raise ValidationError({"style": _("只有普法小视频填写视频类型。")})
        if self.kind != MediaKind.LIVE_STREAM and (self.training_attendance or self.training_note):
            raise ValidationError({"training_attendance": _("只有网络直播的观看人员可以计入培训。")})
        if self.training_attendance and not self.training_note:
            raise ValidationError({"training_note": _("请填写观看人员计入的培训。")})
        if self.training_attendance and self.training_attendance > self.views:
            raise ValidationError({"training_attendance": _("计入培训的人次不能多于直播观看量。")})

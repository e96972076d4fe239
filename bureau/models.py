from datetime import timedelta

import pgtrigger
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from . import functions as registry
from . import roles
from .audit import AuditEvent, audited  # noqa: F401  (AuditEvent is a model of this app)
from .identifiers import ResidentIDField
from .links import record_url
from .roles import READ_ONLY_ROLES, Role
from .workdays import DayKind, add_days

# Role lives in bureau.roles (an AppConfig names roles before models load); re-exported here for the apps.
__all__ = ["Role", "READ_ONLY_ROLES"]


# --- Areas ------------------------------------------------------------------------------------------


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        return self.filter(path__startswith=user.area.path)

    def within(self, area):
        return self.filter(path__startswith=area.path)

    def streets(self):
        """The street offices among these areas, by code (`Area.objects.visible_to(user).streets()`)."""
        return self.filter(level=Area.Level.STREET).order_by("code")


@audited
class Area(models.Model):
    """A place of the administrative hierarchy, named by its national code."""

    class Level(models.TextChoices):
        CITY = "city", _("市")
        DISTRICT = "district", _("区")
        STREET = "street", _("街道")
        COMMUNITY = "community", _("社区")

    CODE_LENGTH = {Level.CITY: 6, Level.DISTRICT: 6, Level.STREET: 9, Level.COMMUNITY: 12}
    PARENT_LEVEL = {Level.DISTRICT: Level.CITY, Level.STREET: Level.DISTRICT, Level.COMMUNITY: Level.STREET}

    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    # Materialized path of codes ("440300/440303/440303001/"): "within an area" is one indexed prefix match (the
    # pattern-operator index Django adds beside a unique CharField's own).
    path = models.CharField(max_length=64, unique=True, editable=False)
    is_demo = models.BooleanField(_("演示数据"), default=False, help_text=_("虚构的名称，仅用于演示。"))

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def clean(self):
        expected = self.CODE_LENGTH.get(self.level)
        if expected and (len(self.code) != expected or not self.code.isdigit()):
            raise ValidationError({"code": _("%(level)s的行政区划代码应为%(n)d位数字。") % {
                "level": self.get_level_display(), "n": expected}})
        parent_level = self.PARENT_LEVEL.get(self.level)
        if parent_level and (self.parent is None or self.parent.level != parent_level):
            raise ValidationError({"parent": _("上级区域的层级不正确。")})
        if self.level == self.Level.CITY and self.parent is not None:
            raise ValidationError({"parent": _("市没有上级区域。")})
        if self.parent and self.level != self.Level.DISTRICT and not self.code.startswith(self.parent.code):
            raise ValidationError({"code": _("行政区划代码应以上级区域的代码开头。")})

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "") + self.code + "/"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("bureau:area_detail", args=[self.code])

    def contains(self, other):
        return other.path.startswith(self.path)

    @cached_property
    def ancestors(self):
        """From the top down, self excluded: the parents loaded with this area when they all are (a signed-in
        user's area, `BureauUserManager`), else one query."""
        chain, area = [], self
        parent = Area._meta.get_field("parent")
        while area.parent_id is not None and parent.is_cached(area):
            area = area.parent
            chain.append(area)
        if area.parent_id is None:
            return chain[::-1]
        codes = self.path.strip("/").split("/")[:-1]
        return list(Area.objects.filter(code__in=codes).order_by("path"))

    @property
    def district(self):
        if self.level == self.Level.DISTRICT:
            return self
        return next((a for a in self.ancestors if a.level == self.Level.DISTRICT), None)


class AreaScopedQuerySet(models.QuerySet):
    """The jurisdiction rule for every record that belongs to a place.

    A model's queryset subclasses this and names the path to its Area in `area_field`; every list, detail,
    export, API and statistic starts from `visible_to(user)`, so a record outside the user's area is
    simply not found (404).
    """

    area_field = "area"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        return self.in_area(user.area)

    def in_area(self, area):
        return self.filter(**{f"{self.area_field}__path__startswith": area.path})


class Versioned(models.Model):
    """An editable record: `version` counts its saves, and a save writes only over the version it was loaded at
    (or that the writer last saw: an edit form's hidden field, the API's If-Match); else StaleRecord and nothing
    is written (bureau.concurrency). Every model with an edit page or a PUT/PATCH derives from it."""

    version = models.PositiveIntegerField(_("版本"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from .concurrency import refusing_duplicates

        with refusing_duplicates(type(self)):  # a number registered twice at once: the unique field's message
            super().save(*args, **kwargs)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        if self._state.adding or not any(f.name == "version" for f in base_qs.model._meta.local_concrete_fields):
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        from .concurrency import conditional_update

        return conditional_update(self, base_qs.filter(pk=pk_val), values, lambda qs, vals: super(
            Versioned, self)._do_update(qs, using, pk_val, vals, update_fields, forced_update))


# --- Users ------------------------------------------------------------------------------------------


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff records: the administrator sees everyone, anyone else only themselves."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        return self.filter(pk=user.pk)


# A user's area and the areas above it (a community's street, district and city), loaded with the user: every page
# reads the jurisdiction (the area's path) and the office's name (the district above a street or a community).
USER_AREAS = "area__parent__parent__parent"


class BureauUserManager(UserManager.from_queryset(UserQuerySet)):
    def get_queryset(self):
        return super().get_queryset().select_related(USER_AREAS)


@audited(exclude=["password", "last_login"])
class User(AbstractUser):
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(_("角色"), max_length=10, choices=roles.choices, default=Role.STREET)
    area = models.ForeignKey(
        Area, models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("所属区域"),
        help_text=_("用户的管辖范围：局领导和科室为区，司法所为街道，社区法律顾问为社区，市局为市。"),
    )
    section = models.CharField(
        _("科室职能"), max_length=20, choices=registry.choices, blank=True,
        help_text=_("科室工作人员办理的业务。"),
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    id_number = ResidentIDField(null=True, blank=True, unique=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)

    objects = BureauUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def __str__(self):
        return self.name or self.username

    def get_full_name(self):
        return self.name or self.username

    def clean(self):
        super().clean()
        if self.role == Role.SECTION and not self.section:
            raise ValidationError({"section": _("科室工作人员须选择科室职能。")})
        if self.role != Role.ADMIN and not self.is_superuser and self.area is None:
            raise ValidationError({"area": _("请选择用户的所属区域。")})

    @property
    def sees_everything(self):
        return self.is_superuser or self.role == Role.ADMIN

    def kept(self, name, make):
        """`make(self)`, kept on the instance under `name` for as long as what a person's access follows stays the
        same — role, section, superuser, the registry of functions — and made again when one changes. A page asks
        for the user's functions and menu a hundred times or more (the navigation, the access rules, the rows)."""
        key = (self.role, self.section, self.is_superuser, id(registry.declared()))
        memo = self.__dict__.get(name)
        if memo is None or memo[0] != key:
            memo = self.__dict__[name] = (key, make(self))
        return memo[1]

    @property
    def functions(self):
        """The codes of the functions this person may open (bureau.functions), a frozenset (`kept`)."""
        return self.kept("_functions", lambda user: frozenset(
            registry.declared() if user.sees_everything else registry.for_role(user.role, user.section)))

    def can_use(self, function):
        return function in self.functions

    def can_write(self, function):
        return self.can_use(function) and self.role not in READ_ONLY_ROLES

    @property
    def own_street(self):
        """A street office clerk's street (their forms start on it), else None."""
        return self.area if self.area and self.area.level == Area.Level.STREET else None

    @cached_property
    def office_name(self):
        """The office the user works for, as staff write it: 罗湖区司法局, 罗湖区司法局桂园司法所 … (read on every
        page, in the navigation and the page's header: worked out once per loaded user)."""
        return office_of(self.area) if self.area else _("区司法局综合业务平台")


def office_of(area):
    """The justice office of an area: 深圳市司法局, 罗湖区司法局, 罗湖区司法局桂园司法所."""
    if area.level == Area.Level.CITY:
        return f"{area.name}司法局"
    district = area.district
    if area.level == Area.Level.DISTRICT:
        return f"{district.name}司法局"
    street = area if area.level == Area.Level.STREET else \
        next((a for a in area.ancestors if a.level == Area.Level.STREET), None) or area.parent
    return f"{district.name}司法局{street.name.removesuffix('街道')}司法所"


# --- Working-day calendar -----------------------------------------------------------------------------


class ClockRule(models.Model):
    """A statutory time limit of a function (legal aid's decision, a complaint's acceptance …), editable by the
    administrator with its legal source; services read it when a clock starts, so a change applies to clocks
    started afterwards. Abstract: each app keeps its own table with its `code` choices (its `Code`) and may add
    rules of its own in `clean` (a review of at least five working days …); `bureau.admin.ClockRuleAdmin`."""

    days = models.PositiveSmallIntegerField(_("天数"))
    day_kind = models.CharField(_("计算方式"), max_length=10, choices=DayKind.choices)
    legal_source = models.CharField(_("法律依据"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.get_code_display()}：{self.days}{self.get_day_kind_display()}"

    @classmethod
    def rule(cls, code):
        return cls.objects.get(code=code)

    @classmethod
    def due_on(cls, code, start):
        """The day a clock of this rule started on `start` runs out (bureau.workdays.add_days)."""
        rule = cls.rule(code)
        return add_days(start, rule.days, rule.day_kind)


@audited
class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday or a make-up working day (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=20)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name} {self.get_kind_display()}"

    def clean(self):
        weekend = self.date and self.date.weekday() >= 5
        if self.kind == self.Kind.WORKDAY and self.date and not weekend:
            raise ValidationError({"kind": _("调休上班日应为周六或周日。")})


# --- To-dos -----------------------------------------------------------------------------------------


class ReminderQuerySet(AreaScopedQuerySet):
    def open(self):
        return self.filter(state=Reminder.State.OPEN)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def visible_to(self, user):
        """The to-dos of the user's area that are theirs to know about: those assigned to them, those of the
        functions they may open (bureau.functions: the legal-aid section reads no corrections to-do), and the
        platform's own office to-dos. Another person's own to-do (their password) and every to-do of a function
        they may not open are a 404, as for any record outside the area. Who may act: Reminder.may_act."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        of_my_functions = Q(pk__in=[])
        for function in sorted(user.functions):
            of_my_functions |= Q(kind__startswith=f"{function}.")
        platform_office = Q(kind__startswith="bureau.", assignee__isnull=True)
        return self.in_area(user.area).filter(Q(assignee=user) | of_my_functions | platform_office)

    def inbox(self, user):
        """The to-dos a user is expected to act on: theirs, or their office's for their role and the functions
        they may write (leadership and the city bureau read their area's to-dos but act on none)."""
        if not user.is_authenticated:
            return self.none()
        of_my_functions = Q(kind__startswith="bureau.")
        for function in sorted(user.functions):
            if user.can_write(function):
                of_my_functions |= Q(kind__startswith=f"{function}.")
        office = Q(assignee__isnull=True, area_id=user.area_id) & (Q(role="") | Q(role=user.role)) & of_my_functions
        return self.filter(Q(assignee=user) | office)

    def open_count(self, user):
        """How many open to-dos are in the user's inbox: `inbox(user).open().count()`, by SQL compiled once per
        user, role, area and functions and kept for the process (`_OPEN_COUNT_SQL`). The navigation's badge asks
        it on every page, and building and compiling the query each time cost ~2.5 ms of CPU, about what the rest
        of a light page's queries cost together (docs/benchmarks.md, "Load"). Nothing in the query depends on the
        day, and what it does depend on is in the key."""
        if self.query.has_filters():
            raise TypeError("open_count counts the user's whole inbox: ask Reminder.objects, not a filtered queryset")
        if not user.is_authenticated:
            return 0
        key = (self.db, user.pk, user.area_id, user.role, user.is_superuser, tuple(sorted(user.functions)))
        try:
            sql, params = _OPEN_COUNT_SQL[key]
        except KeyError:
            inner, params = self.inbox(user).open().order_by().values("pk").query.get_compiler(self.db).as_sql()
            if len(_OPEN_COUNT_SQL) >= 4096:  # users × roles: bounded all the same
                _OPEN_COUNT_SQL.clear()
            sql, params = _OPEN_COUNT_SQL[key] = (f"SELECT COUNT(*) FROM ({inner}) AS inbox", params)
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


_OPEN_COUNT_SQL = {}  # {(database, user, area, role, superuser, functions): (sql, params)}: ReminderQuerySet.open_count


@audited
class Reminder(models.Model):
    """A dated to-do created by a reminder rule (bureau.reminders) for a person or an office.

    (kind, record, due date) is unique, so a rule run twice — or a worker that died mid-run and ran again —
    never creates the same to-do twice.
    """

    class State(models.TextChoices):
        OPEN = "open", _("待办")
        DONE = "done", _("已办结")
        CANCELLED = "cancelled", _("已撤销")
        DISMISSED = "dismissed", _("已忽略")  # closed by a person with a reason (note), the rule unsatisfied

    kind = models.CharField(_("类别"), max_length=64)
    title = models.CharField(_("事项"), max_length=200)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("责任单位"), db_index=False)
    role = models.CharField(_("责任岗位"), max_length=10, choices=roles.choices, blank=True)
    assignee = models.ForeignKey(
        User, models.CASCADE, null=True, blank=True, related_name="reminders", verbose_name=_("责任人"),
        db_index=False,  # indexed where set (Meta)
    )
    # The record a to-do is about is (content type, object id), a pair the database can check neither half of: the
    # object is any model's, and a content type lives as long as its model. Its foreign-key check alone cost an
    # import 10 µs a to-do at commit (docs/benchmarks.md, seventh round); the ORM still cascades a deletion.
    content_type = models.ForeignKey(ContentType, models.CASCADE, null=True, blank=True, db_constraint=False,
                                     db_index=False)
    object_id = models.BigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    due_on = models.DateField(_("办理期限"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    done_by = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("办结人"),
        db_index=False,  # indexed where set (Meta)
    )
    note = models.CharField(_("办理说明"), max_length=200, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("待办事项")
        verbose_name_plural = _("待办事项")
        ordering = ["state", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "due_on"],
                nulls_distinct=False,
                name="reminder_once_per_rule_record_due",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "state", "due_on"], name="reminder_office_idx"),
            # The unique constraint, led by kind, serves a lookup of one kind; a function's to-dos (kind LIKE
            # 'corrections.%') need the pattern operators.
            models.Index(fields=["kind"], name="reminder_kind_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["content_type", "object_id"], name="reminder_record_idx"),
            # Most to-dos are an office's, open: a person's and who closed it are indexed only where set, so a new
            # to-do writes neither index.
            models.Index(fields=["assignee"], condition=models.Q(assignee__isnull=False), name="reminder_assignee_idx"),
            models.Index(fields=["done_by"], condition=models.Q(done_by__isnull=False), name="reminder_done_by_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return record_url("bureau:reminder_detail", self.pk)

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    def is_overdue(self, today=None):
        return self.is_open and self.due_on < (today or timezone.localdate())

    def days_left(self, today=None):
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def function(self):
        """The function the to-do belongs to, from its kind ("legalaid.decision_due" → 法律援助), or None."""
        return registry.get(self.kind.split(".", 1)[0])

    def may_act(self, user):
        """May `user` (who can see the to-do) complete or dismiss it? Those who write its function; for the
        platform's own to-dos, the person it is assigned to or the office of its role. Never a read-only role."""
        if not user.is_authenticated:
            return False
        if user.sees_everything:
            return True
        if user.role in READ_ONLY_ROLES:
            return False
        function = self.function
        if function is not None:
            return user.can_write(function.code)
        if self.assignee_id:
            return self.assignee_id == user.pk
        return self.role in ("", user.role)

    def offer(self, load=True):
        """(label, url) of the page that satisfies the to-do, as its rule declares (bureau.reminders), or None;
        `load=False` reads no record (only an action declared as a ReminderAction answers)."""
        from .reminders import registered_rules

        rule = registered_rules().get(self.kind)
        return rule.offer(self, load=load) if rule else None

    def due_soon(self, today=None, within=timedelta(days=3)):
        today = today or timezone.localdate()
        return self.is_open and today <= self.due_on <= today + within


# --- Imports ----------------------------------------------------------------------------------------


def import_upload_to(job, filename):
    from pathlib import Path
    from uuid import uuid4

    return f"imports/{uuid4().hex}{Path(filename).suffix.lower()}"


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An import is seen by the person who uploaded it (and the administrator)."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        return self.filter(user=user)


@audited(exclude=["errors", "warnings", "preview"])
class ImportJob(models.Model):
    """One uploaded file on its way through preview (dry run) to an all-or-nothing commit (bureau.imports)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("已上传")
        VALIDATING = "validating", _("校验中")
        VALID = "valid", _("校验通过")
        INVALID = "invalid", _("有错误")
        COMMITTING = "committing", _("导入中")
        DONE = "done", _("已导入")
        FAILED = "failed", _("失败")

    TRANSITIONS = {
        Status.UPLOADED: {Status.VALIDATING},
        Status.VALIDATING: {Status.VALID, Status.INVALID, Status.FAILED},
        Status.VALID: {Status.COMMITTING},
        Status.INVALID: set(),
        Status.COMMITTING: {Status.DONE, Status.INVALID, Status.FAILED},
        Status.DONE: set(),
        Status.FAILED: set(),
    }
    RUNNING = {Status.VALIDATING, Status.COMMITTING}

    user = models.ForeignKey(User, models.PROTECT, related_name="import_jobs", verbose_name=_("导入人"))
    resource = models.CharField(_("数据类型"), max_length=64)
    file = models.FileField(_("文件"), upload_to=import_upload_to, blank=True)
    filename = models.CharField(_("文件名"), max_length=200)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True, help_text=_("[行, 列, 原因]，最多保存前若干条。"))
    warning_count = models.PositiveIntegerField(_("提示数"), default=0)
    warnings = models.JSONField(_("提示"), default=list, blank=True,
                                help_text=_("[行, 列, 提示]：导入前须由导入人确认，最多保存前若干条。"))
    preview = models.JSONField(_("预览"), default=dict, blank=True)
    created_count = models.PositiveIntegerField(_("导入记录数"), default=0)
    message = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self):
        return record_url("imports:importjob_detail", self.pk)

    @property
    def is_running(self):
        return self.status in self.RUNNING

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


@audited
class IdentifierConfirmation(models.Model):
    """A clerk confirmed an ID number whose region code python-stdnum's table does not know for the birth
    year (or at all): who, when, and for which number of which record (bureau.identifiers). Written by
    `bureau.services.identifiers_confirm`; an import's rows carry the import job in their audit context."""

    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name=_("记录类型"), db_index=False)
    object_id = models.BigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    field_name = models.CharField(_("字段"), max_length=64)
    id_number = ResidentIDField()
    warning = models.CharField(_("提示"), max_length=300)
    confirmed_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("确认人"))
    confirmed_at = models.DateTimeField(_("确认时间"), default=timezone.now)

    class Meta:
        verbose_name = _("身份证号码核对确认")
        verbose_name_plural = _("身份证号码核对确认")
        ordering = ["-confirmed_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.id_number.masked if self.id_number else ''} · {self.confirmed_by}"


# --- Generated work reports --------------------------------------------------------------------------------


def report_upload_to(report, filename):
    from pathlib import Path
    from uuid import uuid4

    return f"reports/{uuid4().hex}{Path(filename).suffix.lower()}"


class ReportQuerySet(AreaScopedQuerySet):
    def visible_to(self, user):
        """A report is read by whoever may see its area and every function it covers."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_everything:
            return self
        return self.in_area(user.area).filter(functions__contained_by=sorted(user.functions))


@audited(exclude=["figures", "progress"])
class Report(models.Model):
    """A work report's statistics section for an area and a period, built by a Celery job (figures.reports).

    The figures are frozen when the report is built and stored with it: the Word and Excel files, and this
    row, keep saying what the records said that day.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("生成中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    requested_by = models.ForeignKey(User, models.PROTECT, related_name="reports", verbose_name=_("申请人"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("区域"))
    period = models.CharField(_("统计期间"), max_length=30)
    period_label = models.CharField(_("期间名称"), max_length=40)
    functions = ArrayField(models.CharField(max_length=20, choices=registry.choices), verbose_name=_("业务"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    message = models.CharField(_("说明"), max_length=300, blank=True)
    figures = models.JSONField(_("统计数据"), default=dict, blank=True)
    docx = models.FileField(_("Word文档"), upload_to=report_upload_to, blank=True)
    xlsx = models.FileField(_("Excel表格"), upload_to=report_upload_to, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作报告")
        verbose_name_plural = _("工作报告")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.area.name}{self.period_label}"

    def get_absolute_url(self):
        return record_url("dashboard:report_detail", self.pk)

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def title(self):
        return _("%(office)s%(period)s工作情况统计") % {"office": office_of(self.area), "period": self.period_label}


# --- Official documents (文书): bureau.papers ---------------------------------------------------------------


def paper_upload_to(paper, filename):
    from uuid import uuid4

    return f"papers/{uuid4().hex}.docx"


def paper_template_upload_to(template, filename):
    from uuid import uuid4

    return f"paper-templates/{uuid4().hex}.docx"


def _paper_choices():
    from .papers import choices

    return choices()


@audited
class PaperTemplate(models.Model):
    """An office's own Word template for a paper, replacing the built-in one while active (bureau.papers).
    Checked on upload: it must render with the paper's sample fields (`clean`)."""

    code = models.CharField(_("文书"), max_length=60, choices=_paper_choices)
    file = models.FileField(_("Word模板"), upload_to=paper_template_upload_to,
                            help_text=_("docx文件，字段写作 {{ 字段名 }}，可用字段见文书说明。"))
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["code", "-uploaded_at", "-id"]

    def __str__(self):
        return f"{self.get_code_display()} · {self.uploaded_at:%Y-%m-%d}"

    def clean(self):
        from .papers import template_problem

        if self.code and self.file:
            problem = template_problem(self.code, self.file)
            if problem:
                raise ValidationError({"file": problem})


class IssuedPaperQuerySet(AreaScopedQuerySet):
    def of(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


@audited
class IssuedPaper(models.Model):
    """A paper as it was issued: the rendered file, its hash and number, kept with the record it was issued
    for. Never changed afterwards (a trigger refuses UPDATE and DELETE): issuing again is a new row."""

    code = models.CharField(_("文书"), max_length=60)
    label = models.CharField(_("文书名称"), max_length=60)
    content_type = models.ForeignKey(ContentType, models.PROTECT, verbose_name=_("记录类型"), db_index=False)
    object_id = models.BigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("区域"))
    number = models.CharField(_("文号"), max_length=40, blank=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    file = models.FileField(_("文件"), upload_to=paper_upload_to)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    template = models.ForeignKey(PaperTemplate, models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("使用的自定义模板"))
    issued_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("出具人"))
    issued_at = models.DateTimeField(_("出具时间"), default=timezone.now)

    objects = IssuedPaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("已出具文书")
        verbose_name_plural = _("已出具文书")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="issued_paper_record_idx"),
                   models.Index(fields=["number"], name="issued_paper_number_idx",
                                opclasses=["varchar_pattern_ops"])]
        constraints = [models.UniqueConstraint(fields=["number"], condition=~Q(number=""),
                                               name="issued_paper_number_unique")]
        triggers = [pgtrigger.Protect(name="issued_paper_immutable", operation=pgtrigger.Update | pgtrigger.Delete)]

    def __str__(self):
        return f"{self.label} {self.number or _('第%(v)d版') % {'v': self.version}}"

    @property
    def filename(self):
        """受理回执_罗法援〔2026〕0012号.docx: the paper's number, else its record's."""
        reference = self.number or getattr(self.record, "number", "") or str(self.object_id)
        suffix = "" if self.number or self.version == 1 else f"_{self.version}"
        return f"{self.label}_{reference}{suffix}.docx"

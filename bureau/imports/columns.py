"""The columns of an import: a Chinese header, the model field it fills, and how a cell is read.

`clean(cell)` turns one cell into a Python value or raises a ValidationError whose message a clerk
understands. It never queries: foreign keys are read as text here and resolved for all rows at once by
`resolve()`, one query per column.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from bureau import guards
from bureau.identifiers import ResidentIDField, resident_id_warning, validate_resident_id

EMPTY = object()
LENGTH_VALIDATORS = (MaxLengthValidator, ProhibitNullCharactersValidator)
LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def cell_text(value):
    """A cell as text. Excel hands numbers over as floats: 13800138000.0 is the phone 13800138000."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class Column:
    """One column of the data sheet.

    header     the Chinese header, exactly as in the template (it is the file format, so not translated)
    field      the model field it fills; None for a column the resource reads itself (e.g. a group key)
    required   an empty cell is an error; otherwise an empty cell leaves the model's default
    help       what the 说明 sheet says about the column
    """

    kind = gettext_lazy("文本")
    width = 16
    as_text = False  # the template formats the column as text, so Excel keeps long numbers exact
    warns = True  # may `warning` return a message (bind tells): the others are not asked for every cell

    def __init__(self, header, field=None, *, required=False, help=""):
        self.header, self.field, self.required = header, field, required
        self.help = help
        self.model_field = None
        self.max_length = None
        self.validators = []

    def warning(self, value):
        """A message about a parsed value that does not refuse the row but that the importer must confirm."""
        return None

    def bind(self, model):
        """Called once by the resource: take max length and validators from the model field."""
        self.warns = type(self).warning is not Column.warning
        if self.field and self.field in {f.name for f in model._meta.get_fields()}:
            self.model_field = model._meta.get_field(self.field)
            self.max_length = getattr(self.model_field, "max_length", None)
            if not self.model_field.is_relation:
                # The length is checked by `clean` itself, more cheaply than by a validator per cell.
                self.validators = [v for v in self.model_field.validators if not isinstance(v, LENGTH_VALIDATORS)]
        return self

    def clean(self, value):
        if type(value) is str:  # most cells: cell_text's own checks are for numbers and None
            text = value.strip()
        else:
            text = cell_text(value) if not isinstance(value, (date, bool)) else value
        if text == "":
            if self.required:
                raise ValidationError(_("此项为必填项。"), code="required")
            return EMPTY
        value = self.parse(text)
        if self.max_length and len(value) > self.max_length:
            raise ValidationError(_("不能超过%(n)d个字（现有%(m)d个）。") % {"n": self.max_length, "m": len(value)},
                                  code="max_length")
        for validator in self.validators:
            validator(value)
        return value

    def parse(self, value):
        return value

    def describe(self):
        """The format line of the 说明 sheet."""
        if self.max_length:
            return _("%(kind)s，不超过%(n)d字") % {"kind": self.kind, "n": self.max_length}
        return str(self.kind)

    def allowed_values(self):
        """Values for the template's dropdown, if the column has a fixed list."""
        return []


class TextColumn(Column):
    as_text = True

    def parse(self, value):
        return str(value).replace("\x00", "")


class KeyColumn(Column):
    """The group key of a record with children: rows with the same key are one record."""

    as_text = True

    def __init__(self, header, **kwargs):
        super().__init__(header, None, required=True, **kwargs)


class PhoneColumn(TextColumn):
    kind = gettext_lazy("文本（电话号码）")


class IntegerColumn(Column):
    kind = gettext_lazy("整数")
    width = 8

    def parse(self, value):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(_("应为整数。"), code="integer")
        if number != number.to_integral_value():
            raise ValidationError(_("应为整数。"), code="integer")
        return int(number)


class DecimalColumn(Column):
    kind = gettext_lazy("数字")
    width = 12

    def parse(self, value):
        try:
            return Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_("应为数字。"), code="decimal")


class DateColumn(Column):
    kind = gettext_lazy("日期，如 2025-03-01")
    width = 12

    def __init__(self, *args, not_after_today=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_after_today = not_after_today

    def parse(self, value):
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            value = self._from_text(value)
        if self.not_after_today:
            guards.not_in_future(value)  # "日期不能晚于今天。", as the services say it
        return value

    @staticmethod
    def _from_text(text):
        text = text.split(" ")[0]
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValidationError(_("日期格式不正确，请填写如 2025-03-01 的日期。"), code="date")


class BooleanColumn(Column):
    kind = gettext_lazy("是 / 否")
    width = 8
    TRUE = {"是", "y", "yes", "true", "1", "√"}
    FALSE = {"否", "n", "no", "false", "0", "×"}

    def parse(self, value):
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(_("请填写“是”或“否”。"), code="boolean")

    def allowed_values(self):
        return ["是", "否"]


class ChoiceColumn(Column):
    """A value of a TextChoices, given by its Chinese label (as the dropdown offers) or by its code."""

    kind = gettext_lazy("从列表中选择")
    width = 20

    def __init__(self, header, field, choices, **kwargs):
        super().__init__(header, field, **kwargs)
        self.choices = choices

    @cached_property
    def labels(self):
        with override(settings.LANGUAGE_CODE):  # the file is written in Chinese whatever the page language
            return [str(label) for label in self.choices.labels]

    @cached_property
    def lookup(self):
        lookup = {label: value for label, value in zip(self.labels, self.choices.values)}
        lookup.update({value.lower(): value for value in self.choices.values})
        return lookup

    def bind(self, model):
        super().bind(model)
        self.validators = []  # the lookup already admits only the choices
        return self

    def parse(self, value):
        text = str(value)
        code = self.lookup.get(text) or self.lookup.get(text.lower())
        if code is None:
            raise ValidationError(_("“%(value)s”不是可选的值，请从下拉列表中选择。") % {"value": text}, code="choice")
        return code

    def describe(self):
        return _("从下拉列表中选择")

    def allowed_values(self):
        return self.labels


class MultipleChoiceColumn(ChoiceColumn):
    """Several values of a TextChoices in one cell, separated by commas (，、; also accepted)."""

    kind = gettext_lazy("多项，用逗号分隔")
    width = 24

    def parse(self, value):
        codes = []
        for part in LIST_SEPARATORS.split(str(value)):
            if part:
                code = super().parse(part)
                if code not in codes:
                    codes.append(code)
        return codes

    def describe(self):
        return _("可填多项，用逗号分隔")


class ResidentIDColumn(Column):
    """An ID number for a ResidentIDField: a wrong length, check digit or birth date refuses the row; a region
    code the code table does not know for the birth year is a warning (bureau.identifiers)."""

    as_text = True
    kind = gettext_lazy("18位居民身份证号码（单元格设为文本）")
    width = 22

    def parse(self, value):
        return validate_resident_id(str(value))

    def warning(self, value):
        # Only a number that is stored: a column naming an existing person by number (a foreign key) is not.
        return resident_id_warning(value) if isinstance(self.model_field, ResidentIDField) else None


class ForeignKeyColumn(Column):
    """A record of another table named by a natural key (a code, a certificate number …).

    `clean` keeps the text; `resolve` looks every distinct value of the file up in one query.
    `queryset(user)` limits what may be named (e.g. the user's jurisdiction).
    """

    kind = gettext_lazy("文本")
    as_text = True

    def __init__(self, header, field, model, *, lookups, what, **kwargs):
        super().__init__(header, field, **kwargs)
        self.model, self.lookups, self.what = model, lookups, what

    def parse(self, value):
        return str(value)

    def queryset(self, user):
        return self.model._default_manager.all()

    def resolve(self, texts, user):
        """{text: object or ValidationError} for the distinct texts of the file, in one query."""
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{f"{lookup}__in": texts})
        found = {}
        for obj in self.queryset(user).filter(condition):
            for lookup in self.lookups:
                found.setdefault(str(getattr(obj, lookup)), {})[obj.pk] = obj
        return {text: self.pick(text, list(found.get(text, {}).values())) for text in texts}

    def pick(self, text, candidates):
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return ValidationError(_("未找到%(what)s“%(value)s”。") % {"what": self.what, "value": text})
        return ValidationError(_("“%(value)s”对应多条记录，请填写代码。") % {"value": text})

    def describe(self):
        keys = "、".join(str(self.model._meta.get_field(lookup).verbose_name) for lookup in self.lookups)
        return _("%(what)s的%(keys)s") % {"what": self.what, "keys": keys}


class AreaColumn(ForeignKeyColumn):
    """A street (街道) by its 9-digit code or its name (“桂园街道” or “桂园”), within the user's jurisdiction."""

    kind = gettext_lazy("街道")

    def __init__(self, header="街道", field="area", **kwargs):
        from bureau.models import Area

        kwargs.setdefault("help", gettext_lazy("须在您的管辖范围内。"))
        super().__init__(header, field, Area, lookups=("code", "name"), what=gettext_lazy("街道"), **kwargs)
        self.level = Area.Level.STREET

    def resolve(self, texts, user):
        names = set(texts) | {f"{text}街道" for text in texts}
        areas = list(self.model.objects.filter(level=self.level).filter(Q(code__in=texts) | Q(name__in=names)))
        by_code = {area.code: area for area in areas}
        resolved = {}
        for text in texts:
            if text in by_code:
                resolved[text] = self.in_jurisdiction(by_code[text], user)
                continue
            # Names repeat across districts: the one in the user's jurisdiction is meant.
            candidates = [a for a in areas if a.name in (text, f"{text}街道")]
            visible = [a for a in candidates if self.visible(a, user)]
            if len(visible) == 1:
                resolved[text] = visible[0]
            elif visible:
                resolved[text] = ValidationError(
                    _("有多个名为“%(value)s”的街道，请填写行政区划代码。") % {"value": text})
            elif candidates:
                resolved[text] = self.in_jurisdiction(candidates[0], user)
            else:
                resolved[text] = ValidationError(_("未找到街道“%(value)s”。") % {"value": text})
        return resolved

    @staticmethod
    def visible(area, user):
        return user.sees_everything or (user.area is not None and area.path.startswith(user.area.path))

    def in_jurisdiction(self, area, user):
        if self.visible(area, user):
            return area
        return ValidationError(_("“%(value)s”不在您的管辖范围内。") % {"value": area.name}, code="jurisdiction")

    def describe(self):
        return _("街道的行政区划代码或名称")

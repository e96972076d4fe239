"""PinyinKeyField: a stored sort key that puts Chinese names in pinyin order (安娜, 王五, 张三).

PostgreSQL sorts text by code point under the C locale, and by a glibc locale's rules otherwise — neither is
pinyin order. An ICU collation (zh-u-co-pinyin) would be, but the embedded PostgreSQL build (issue 19) has no
ICU, so the order is computed in Python with pypinyin and stored beside the name: the same on every server,
indexable, and a plain `order_by("name_pinyin")`.

The key is the name's syllables with their tone numbers ("zhang1-san1"), a space, then the name itself,
compared byte-wise (db_collation "C", so no locale skips the punctuation): 安 (an1) before 安娜 (an1-na4)
before 按 (an4) before 昂 (ang2), and two people whose names sound alike stay in a fixed order. Latin letters
and digits are lower-cased and kept. pypinyin reads a character by its commonest sound (单 as dan, not the
surname's shan), which misplaces a few surnames by a letter or so: a stored key is still the order an office
can rely on, on both PostgreSQL builds.

The key is filled by the field's `pre_save`: every `save()`, and bureau.bulk.insert (imports), which applies
each field's pre_save; bureau.bulk.copy_rows adds the key of a name among its columns (the dataset, the demo's
bulk rows). Rows written another way (`QuerySet.update(name=…)`, raw SQL) are brought up to date with `fill_pinyin_keys(model)`, which is also how the migrations
that add a key fill it for the rows already there.
"""

import re

from django.db import connection, models
from pypinyin import Style
from pypinyin.constants import RE_HANS
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

MAX_LENGTH = 255
# In byte order the end of the sound (a space) sorts before the mark between syllables ("-"), which sorts before
# every digit and letter: a name comes before the longer names it begins.
_END, _BETWEEN = " ", "-"


class _RememberingConverter(UltimateConverter):
    """pypinyin's converter for `lazy_pinyin(…, neutral_tone_with_five=True)`, remembering each character's
    reading in a style: the style conversion (regular expressions per syllable) was most of the time of a key,
    and a half of an import of long names (issue 18). The reading a character takes in a phrase (调 in 调解)
    is chosen before this step, so remembering the step changes no key."""

    def __init__(self):
        super().__init__(neutral_tone_with_five=True)
        self.converted = {}

    def convert_style(self, han, orig_pinyin, style, strict, **kwargs):
        key = (han, orig_pinyin, style, strict)
        converted = self.converted.get(key)
        if converted is None:
            converted = self.converted[key] = super().convert_style(han, orig_pinyin, style, strict, **kwargs)
        return converted


_PINYIN = Pinyin(_RememberingConverter())

# pypinyin cuts a text into runs of characters that have a reading (RE_HANS, one character at a time) and runs
# of others, reads each Han run by itself (its phrases never span two runs) and keeps the others as they are. So
# a name's syllables are those of its runs one after the other, and a run's may be remembered: a file's ten
# thousand names share a few thousand surnames and given names (issue 18).
_RUNS = re.compile(f"({RE_HANS.pattern[1:-1]})")
_HAN_RUNS = {}
_HAN_RUNS_KEPT = 100_000  # runs remembered at most (a few MB); then forgotten all at once and remembered anew


def _sounds(name):
    """The sound of each run of `name` that has one, in order: a Han run's syllables, another run's words, each
    lower-cased and joined by _BETWEEN. A Han run's is remembered whole, its reading and its joining."""
    for i, run in enumerate(_RUNS.split(name)):
        if not i % 2:  # the text between two Han runs (split's even items), kept as it is ("" when none)
            sound = _BETWEEN.join(run.lower().split())
        else:
            sound = _HAN_RUNS.get(run)
            if sound is None:
                if len(_HAN_RUNS) >= _HAN_RUNS_KEPT:
                    _HAN_RUNS.clear()
                read = _PINYIN.lazy_pinyin(run, style=Style.TONE3, errors="default")
                sound = _HAN_RUNS[run] = _BETWEEN.join(_BETWEEN.join(part.lower().split()) for part in read
                                                       if part.strip())
        if sound:
            yield sound


def pinyin_key(name):
    """The sort key of `name`: "an1-na4 安娜"; "" for an empty name."""
    name = (name or "").strip()
    if not name:
        return ""
    return f"{_BETWEEN.join(_sounds(name))}{_END}{name}"[:MAX_LENGTH]


class PinyinKeyField(models.CharField):
    """`name_pinyin = PinyinKeyField(source="name")`: the pinyin sort key of the field `source`, kept up to date on
    every save, indexed, byte-ordered."""

    def __init__(self, *args, source="name", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("db_collation", "C")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, value in [("max_length", MAX_LENGTH), ("editable", False), ("blank", True), ("default", ""),
                           ("db_index", True), ("db_collation", "C")]:
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = pinyin_key(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def fill_pinyin_keys(model, batch=5000):
    """Set every pinyin key of `model` that is not that of its name; returns how many rows changed.

    Per key field, one SELECT of (pk, name, key) and one UPDATE … FROM (VALUES …) per batch of changed rows, so
    the 100,000 people of the city dataset take seconds and a row written by `update()` costs two statements."""
    table, pk = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    changed = 0
    for field in model._meta.concrete_fields:
        if not isinstance(field, PinyinKeyField):
            continue
        source = model._meta.get_field(field.source)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote(pk)}, {quote(source.column)}, {quote(field.column)} FROM {quote(table)}")
            rows = [(row_pk, key) for row_pk, name, stored in cursor.fetchall() if (key := pinyin_key(name)) != stored]
            for start in range(0, len(rows), batch):
                part = rows[start:start + batch]
                cursor.execute(
                    f"UPDATE {quote(table)} AS t SET {quote(field.column)} = v.key "
                    f"FROM (VALUES {', '.join(['(%s, %s)'] * len(part))}) AS v(pk, key) WHERE t.{quote(pk)} = v.pk",
                    [item for row in part for item in row],
                )
        changed += len(rows)
    return changed


def trigram_index(field_name, name):
    """A GIN trigram index on `field_name` (pg_trgm, bureau migration 0010): what makes the search box's
    prefixes, contents and near-misses of names and numbers an index scan (bureau.search)."""
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(fields=[field_name], opclasses=["gin_trgm_ops"], name=name)

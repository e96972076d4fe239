"""One search box across every function a person may use: people by name, phone or exact ID number, records by
their number.

The platform does not know the functions' models (bureau/ imports no function app): each app declares what may
be searched in its own `search.py`, a list `SOURCES` of `SearchSource`, found by `composition.app_modules`. The
runner here reads the query once (what kind of thing was typed), then asks each source the user may use one
bounded query (LIMIT, nothing counted), always starting from `visible_to(user)`: a record outside the user's
jurisdiction is never found, and no number tells that it exists.

Why not one full-text index: names are two or three characters of Chinese, which PostgreSQL's parsers do not
split; pg_trgm (trigram GIN indexes on the searched columns, declared by each app) answers prefixes, contents
and near-misses of names and document numbers instead. ID numbers are stored encrypted (AES-SIV,
deterministic), so only the exact number can be found: it is validated first, and never matched in part.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from . import functions
from .composition import app_modules
from .identifiers import validate_resident_id

PER_SOURCE = 5  # rows shown per source; one more is read to know whether "more" is worth a link
MAX_QUERY = 60
MIN_PHONE_DIGITS = 4


@dataclass(frozen=True)
class SearchSource:
    """What one model of a function offers the search box.

    names / phones / numbers / ids: the model's fields (lookups such as "case__number" allowed) searched for a
    name, a phone number (exact or its last digits), a document or case number, an exact ID number.
    describe(obj) -> the line under the record's title; title(obj) -> its title (str(obj) by default);
    url(obj) -> its page (obj.get_absolute_url() by default; a party's is its case's).
    related: select_related paths describe and title read, so a source stays one query.
    allowed(user) -> bool: a rule narrower than the function (the lawyers registry); the function itself is
    always required. queryset(user): when the records a page lists are narrower than visible_to (optional).
    more: the URL name of the function's list, whose `q` filter takes names and numbers.
    """

    function: str
    model: type
    label: str
    names: tuple = ()
    phones: tuple = ()
    numbers: tuple = ()
    ids: tuple = ()
    describe: object = None
    title: object = str
    url: object = None
    related: tuple = ()
    allowed: object = None
    queryset: object = None
    more: str = ""
    order_by: tuple = ("-pk",)

    def records(self, user):
        if self.queryset is not None:
            return self.queryset(user)
        return self.model.objects.visible_to(user)

    def may_search(self, user):
        return user.can_use(self.function) and (self.allowed is None or self.allowed(user))


@cache
def sources():
    """Every declared source, in the order of the functions (then as each app lists them)."""
    found = [source for _config, module in app_modules("search") for source in getattr(module, "SOURCES", [])]
    return sorted(found, key=lambda s: functions.order_of(s.function))


# --- The query ------------------------------------------------------------------------------------------

_ID_LIKE = re.compile(r"^\d{17}[\dXx]$|^\d{15}$")
_PHONE_LIKE = re.compile(r"^\+?[\d\s-]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Case and document numbers are written with 〔〕; a keyboard gives [] () （） 【】 instead.
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕", "【": "〔", "】": "〕",
                           "［": "〔", "］": "〕"})


@dataclass
class Query:
    text: str = ""
    id_number: str = ""  # a valid ID number: searched exactly in the `ids` fields, nothing else
    digits: str = ""  # a phone number or its last digits
    error: str = ""

    @property
    def empty(self):
        return not (self.text or self.id_number or self.digits)

    @property
    def kind(self):
        return "id_number" if self.id_number else "phone" if self.digits else "text" if self.text else ""


def read_query(raw):
    """What was typed: full-width characters made plain, an ID number validated (or refused with the reason)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()[:MAX_QUERY]
    text = " ".join(text.split())
    if not text:
        return Query()
    compact = text.replace(" ", "")
    if _ID_LIKE.match(compact):
        try:
            return Query(id_number=validate_resident_id(compact))
        except ValidationError as error:
            return Query(error=error.messages[0])
    if _PHONE_LIKE.match(text):
        digits = re.sub(r"\D", "", text)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if len(digits) >= MIN_PHONE_DIGITS:
            return Query(text=digits, digits=digits)
    return Query(text=text)


def _condition(source, query):
    """The WHERE of one source, and the rank of a row (0 exact, 1 prefix, 2 anything else), or (None, None)."""
    if query.id_number:
        exact = Q()
        for name in source.ids:
            exact |= Q(**{name: query.id_number})
        return (exact or None), None
    exact, prefix, found = Q(), Q(), Q()
    if query.digits:
        for name in source.phones:
            exact |= Q(**{name: query.digits})
            found |= Q(**{f"{name}__endswith": query.digits})
    text = query.text
    for name in source.names:
        exact |= Q(**{f"{name}__iexact": text})
        prefix |= Q(**{f"{name}__istartswith": text})
        found |= Q(**{f"{name}__icontains": text})
        if len(text) >= 2 and _CJK.search(text):
            found |= Q(**{f"{name}__trigram_similar": text})  # 张三风 finds 张三丰
    bracketed = text.translate(_BRACKETS)
    for name in source.numbers:
        for variant in {text, bracketed}:
            exact |= Q(**{f"{name}__iexact": variant})
            found |= Q(**{f"{name}__icontains": variant})
    if not (exact or found):
        return None, None
    whens = [When(exact, then=Value(0))] if exact else []
    whens += [When(prefix, then=Value(1))] if prefix else []
    return exact | prefix | found, Case(*whens, default=Value(2), output_field=IntegerField())


# --- The runner -----------------------------------------------------------------------------------------


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    id_numbers: list = field(default_factory=list)  # masked


@dataclass
class Section:
    source: SearchSource
    hits: list
    more_url: str = ""


@dataclass
class Group:
    function: object  # bureau.functions.Function
    sections: list


def _hit(source, obj):
    masked = []
    for name in source.ids:
        value = obj
        for part in name.split("__"):
            value = getattr(value, part, None)
        if value:
            masked.append(value.masked)
    detail = source.describe(obj) if source.describe else ""
    url = source.url(obj) if source.url else obj.get_absolute_url()
    return Hit(title=str(source.title(obj)), url=url, detail=str(detail or ""), id_numbers=masked)


def _more_url(source, query):
    if not source.more or query.kind != "text":
        return ""  # the lists filter names and numbers, not phones or ID numbers
    try:
        return f"{reverse(source.more)}?{urlencode({'q': query.text})}"
    except NoReverseMatch:
        return ""


def run(user, query, per_source=PER_SOURCE):
    """[Group] of the functions with something found, in the navigation's order: one query per source."""
    if query.empty or not user.is_authenticated:
        return []
    groups = {}
    for source in sources():
        if not source.may_search(user):
            continue
        condition, rank = _condition(source, query)
        if condition is None:
            continue
        rows = source.records(user).filter(condition)
        if source.related:
            rows = rows.select_related(*source.related)
        ordering = ("_rank", *source.order_by) if rank is not None else source.order_by
        if rank is not None:
            rows = rows.annotate(_rank=rank)
        found = list(rows.order_by(*ordering)[:per_source + 1])
        if not found:
            continue
        more = _more_url(source, query) if len(found) > per_source else ""
        section = Section(source, [_hit(source, obj) for obj in found[:per_source]], more)
        groups.setdefault(source.function, Group(functions.get(source.function), [])).sections.append(section)
    return list(groups.values())


# --- The page and the API -------------------------------------------------------------------------------


@login_required
def search_page(request):
    query = read_query(request.GET.get("q", ""))
    groups = run(request.user, query)
    return render(request, "bureau/search.html", {
        "q": request.GET.get("q", "")[:MAX_QUERY], "query": query, "groups": groups,
    })

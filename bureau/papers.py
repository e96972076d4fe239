"""Official documents (文书): the papers a function issues about its records, kept exactly as issued.

A function app declares its papers in its own `papers.py` as `PAPERS = [Paper(…), …]`; the platform finds them
(`bureau.composition.app_modules("papers")`) and does the rest, so an app writes only its wording and fields:

    Paper(code="legalaid.acceptance_receipt", label="受理回执", model="legalaid.Case",
          template=HERE / "papers" / "acceptance_receipt.docx", context=case_fields,
          numbered=None,                    # or the numbering kind, e.g. "法援决" → 罗法援决〔2026〕0001号
          available=lambda case: …,         # may it be issued now (the decision exists …)
          may_issue=lambda user: …,         # who, among the function's writers (default: all of them)
          layout=[to("{{ applicant_name }}："), body("…{{ case_number }}…")],
          sample={"applicant_name": "王小明", …})   # the fields `context` returns, with example values

- `context(record) -> dict` fills the template; the platform adds `number` (the paper's, or ""),
  `reference` (that number, else the record's own number), `issued_on` (2026年11月30日), `issuer` (the area's
  office, unless the context names another) and `label`. A field that must show a full ID number calls
  `reveal(record, field)`, which writes the reveal to the audit trail.
- `layout` is the body of the built-in template: `build_paper_templates` wraps it in the GB/T 9704 frame
  (issuer, title, number, 落款, date, page numbers) and writes `template`. `sample` documents the fields and is
  what an uploaded replacement (PaperTemplate, in the admin) must render with before it is accepted.
- `paper_issue(*, record, code, by)` checks, numbers (per district and year, bureau.numbering), renders with
  docxtpl and stores an `IssuedPaper`: the file as issued with its SHA-256. Downloads send the stored file,
  never a new rendering; issuing again adds a row (a new number when the paper is numbered, else a new version).
- A record page shows the card (loaded by htmx: the app's view needs no change) with
  `{% include "bureau/_papers.html" with app_label="legalaid" model_name="case" pk=case.pk only %}`.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from docxtpl import DocxTemplate

from . import numbering
from .audit import record_reveal
from .composition import app_modules
from .models import IssuedPaper, PaperTemplate, office_of
from .permissions import can_use, can_write

# --- Declaring papers -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One paragraph of a built-in template's body, in a GB/T 9704 style (build_paper_templates)."""

    style: str
    text: str


def to(text):
    """主送: the addressee, flush left (“王小明：”)."""
    return Block("主送", text)


def body(text):
    """A body paragraph, two characters' indent; docxtpl tags ({{ }}, {%p if %}) allowed."""
    return Block("正文", text)


def note(text):
    """附注: small print under the date."""
    return Block("附注", text)


@dataclass(frozen=True)
class Paper:
    code: str
    label: str
    model: str
    template: Path
    context: Callable
    layout: list = field(default_factory=list)
    sample: dict = field(default_factory=dict)
    numbered: str | None = None
    available: Callable = lambda record: True
    area: Callable = lambda record: record.area
    may_issue: Callable | None = None

    @property
    def function(self):
        """The function whose writers may issue it: the app of its model."""
        return self.model.split(".")[0]

    def issuable_by(self, user):
        """Who may issue it: the function's writers, narrowed by the paper's own `may_issue(user)` when the law
        gives it to one office (the 法制科's legality-review opinion, not the drafting unit asking for it)."""
        return can_write(user, self.function) and (self.may_issue is None or self.may_issue(user))

    def describes(self, model_class):
        return model_class._meta.label_lower == self.model.lower()


_registry = None


def all_papers():
    """Every declared paper, in the apps' order, then their declaration order."""
    global _registry
    if _registry is None:
        _registry = {paper.code: paper for _config, module in app_modules("papers") for paper in module.PAPERS}
    return list(_registry.values())


def get(code):
    all_papers()
    try:
        return _registry[code]
    except KeyError:
        raise ValidationError(_("没有这种文书：%(code)s。") % {"code": code}) from None


def for_model(model_class):
    return [paper for paper in all_papers() if paper.describes(model_class)]


def choices():
    return [(paper.code, paper.label) for paper in all_papers()]


# --- Filling a template -----------------------------------------------------------------------------------


def chinese_date(day):
    """2026-11-30 → 2026年11月30日 (GB/T 9704-2012 writes the date in Arabic numerals, unpadded)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def reveal(record, field_name):
    """The full ID number of `record.field_name` for a paper that legally needs it; the reveal is audited."""
    value = getattr(record, field_name)
    if not value:
        return ""
    record_reveal(record, field_name=field_name)
    return str(value)


def base_sample(paper):
    """The fields every paper has, with example values, then the paper's own sample."""
    number = f"罗{paper.numbered}〔2026〕0001号" if paper.numbered else ""
    return {"number": number, "reference": number or "罗法援〔2026〕0012号",
            "issued_on": "2026年11月30日", "issuer": "罗湖区司法局", "label": paper.label, **paper.sample}


def fill(source, context) -> bytes:
    """The .docx of `source` (a path or an open file) filled with `context`; values are escaped for Word XML."""
    if hasattr(source, "seek"):
        source.seek(0)
    template = DocxTemplate(source)
    template.render(context, autoescape=True)
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def template_problem(code, file):
    """Why an uploaded template cannot replace paper `code` (in Chinese), or None: it must be a Word file whose
    fields are all the paper's and which renders with its sample."""
    paper = get(code)
    sample = base_sample(paper)
    try:
        file.seek(0)
        unknown = DocxTemplate(file).get_undeclared_template_variables() - set(sample)
        if unknown:
            return _("模板使用了“%(label)s”没有的字段：%(names)s。") % {
                "label": paper.label, "names": "、".join(sorted(unknown))}
        fill(file, sample)
    except Exception as error:  # a zip that is no .docx, a tag left open, a filter Jinja lacks: all refusals
        return _("模板无法生成文书，请在Word中检查后重新上传（%(error)s）。") % {"error": error}
    finally:
        file.seek(0)
    return None


def active_template(code):
    return PaperTemplate.objects.filter(code=code, active=True).order_by("-uploaded_at", "-id").first()


# --- Issuing ----------------------------------------------------------------------------------------------


@transaction.atomic
def paper_issue(*, record, code, by) -> IssuedPaper:
    """Issue paper `code` for `record`: number it if the law numbers it, render it, and keep the file as issued."""
    paper = get(code)
    model = type(record)
    if not paper.describes(model):
        raise ValidationError(_("“%(label)s”不是这类记录的文书。") % {"label": paper.label})
    if not paper.issuable_by(by):
        raise ValidationError(_("您没有出具“%(label)s”的权限。") % {"label": paper.label})
    # The record as it is now, locked: its papers' versions are serialised and the paper states what is stored.
    record = model.objects.visible_to(by).select_for_update(of=("self",)).filter(pk=record.pk).first()
    if record is None:
        raise ValidationError(_("记录不存在或不在您的管辖范围内。"))
    if not paper.available(record):
        raise ValidationError(_("“%(label)s”现在还不能出具。") % {"label": paper.label})
    area, today = paper.area(record), timezone.localdate()
    number = ""
    if paper.numbered:
        prefix = numbering.number_prefix(area.district, paper.numbered, today.year)
        number = numbering.next_numbers(IssuedPaper.objects.all(), prefix)[0]
    issued = IssuedPaper.objects.of(record).filter(code=code)
    override = active_template(code)
    with translation.override(settings.LANGUAGE_CODE):  # a paper is written in Chinese, whoever clicks
        context = {"number": number, "reference": number or getattr(record, "number", ""),
                   "issued_on": chinese_date(today), "issuer": office_of(area.district), "label": paper.label,
                   **paper.context(record)}
        if override:
            with override.file.open("rb") as source:
                content = fill(source, context)
        else:
            content = fill(paper.template, context)
    paper_row = IssuedPaper(
        code=code, label=paper.label, content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
        area=area, number=number, version=(issued.aggregate(v=Max("version"))["v"] or 0) + 1,
        sha256=hashlib.sha256(content).hexdigest(), template=override, issued_by=by,
    )
    paper_row.file.save(f"{code}.docx", ContentFile(content), save=False)
    paper_row.save()
    return paper_row


# --- Pages: the card on a record's page, issuing, downloading --------------------------------------------------


def _record(request, app_label, model_name, pk):
    """The record, if papers are declared for its model and the user may see it (404 otherwise)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    papers = for_model(model)
    if not papers or not hasattr(model.objects, "visible_to"):
        raise Http404
    if not can_use(request.user, papers[0].function):
        raise PermissionDenied
    return get_object_or_404(model.objects.visible_to(request.user), pk=pk), papers


def _card(request, record, papers, error=None):
    return render(request, "bureau/_papers.html", {
        "record": record, "app_label": record._meta.app_label, "model_name": record._meta.model_name,
        "offered": [paper for paper in papers if paper.issuable_by(request.user) and paper.available(record)],
        "issued": IssuedPaper.objects.of(record).select_related("issued_by"),
        "error": error,
    })


@login_required
def paper_card(request, app_label, model_name, pk):
    record, papers = _record(request, app_label, model_name, pk)
    return _card(request, record, papers)


@require_POST
@login_required
def paper_issue_view(request, app_label, model_name, pk, code):
    record, papers = _record(request, app_label, model_name, pk)
    error = None
    try:
        paper_issue(record=record, code=code, by=request.user)
    except ValidationError as refusal:
        error = " ".join(refusal.messages)
    if request.headers.get("HX-Request"):
        return _card(request, record, papers, error)
    if error:
        raise PermissionDenied(error)
    return redirect(record)


@login_required
def paper_download(request, pk):
    """The stored file, as issued; 404 unless the user may see its record."""
    paper = get_object_or_404(IssuedPaper.objects.visible_to(request.user).select_related("content_type"), pk=pk)
    model = paper.content_type.model_class()
    if not model.objects.visible_to(request.user).filter(pk=paper.object_id).exists():
        raise Http404
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.filename,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

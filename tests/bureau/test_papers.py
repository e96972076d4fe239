"""Official documents (bureau.papers), the platform's side: every declared paper's built-in template renders
with its own fields, and a replacement template that does not render is refused with the reason, in the admin
too. The papers of a record (numbers, files kept as issued, jurisdiction, a replacement in use) are told with
legal aid's in tests/legalaid/test_papers.py."""


import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bureau import papers
from bureau.models import PaperTemplate
from tests.paperwork import docx_with, text_of


def test_every_declared_paper_renders_its_built_in_template_with_its_own_fields_only(db):
    declared = papers.all_papers()
    assert {"legalaid.acceptance_receipt", "legalaid.grant_decision", "legalaid.assignment_notice"} <= {
        paper.code for paper in declared}
    for paper in declared:
        with open(paper.template, "rb") as built_in:
            assert papers.template_problem(paper.code, built_in) is None, paper.code
        assert paper.label in text_of(papers.fill(paper.template, papers.base_sample(paper)))


@pytest.mark.parametrize(("file", "message"), [
    (lambda: docx_with("{{ case_numbr }}"), "没有的字段：case_numbr"),
    (lambda: docx_with("{% if applicant_name %}未闭合"), "模板无法生成文书"),
    (lambda: SimpleUploadedFile("回执.docx", b"not a word file"), "模板无法生成文书"),
])
def test_a_template_that_does_not_render_is_refused_with_the_reason(db, file, message):
    with pytest.raises(ValidationError, match=message):
        PaperTemplate(code="legalaid.acceptance_receipt", file=file()).full_clean()


def test_the_admin_refuses_a_broken_template_in_chinese(personas, client_for):
    client = client_for(personas.admin)
    response = client.post(reverse("admin:bureau_papertemplate_add"), {
        "code": "legalaid.grant_decision", "active": "on", "file": docx_with("{{ 不存在的字段 }}")})
    assert response.status_code == 200 and "没有的字段" in response.content.decode()
    assert not PaperTemplate.objects.exists()


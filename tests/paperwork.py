"""Word files in the papers' tests (bureau.papers): reading an issued paper's text, writing a replacement template."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document


def text_of(content):
    """The paragraphs of a .docx (bytes), one line each."""
    return "\n".join(paragraph.text for paragraph in Document(BytesIO(content)).paragraphs)


def docx_with(*lines):
    """An uploaded .docx of these paragraphs (docxtpl tags allowed): a template an administrator might upload."""
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("模板.docx", buffer.getvalue())

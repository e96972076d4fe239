"""The generated work report as a document: page numbers in its footer, the office as its author, 同比 sentences
where last year has figures, and no sentence about a nil figure."""

import re
from datetime import date

import docx
from docx.oxml.ns import qn

from bureau.models import Report
from figures import reports, stats
from figures.periods import parse_period
from tests.factories import ReminderFactory
from tests.figures.conftest import TEST_CODE


def build(user, area, key):
    report = Report.objects.create(requested_by=user, area=area, period=key, period_label=parse_period(key).label,
                                   functions=sorted(user.functions))
    return reports.report_build(report=report)


def paragraphs(report):
    return [p.text for p in docx.Document(report.docx.path).paragraphs]


def test_the_footer_numbers_the_pages_and_the_office_is_the_author(todos, personas):
    report = build(personas.leader, todos.district, str(todos.year))
    document = docx.Document(report.docx.path)
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        instructions = [node.text for node in footer._element.iter(qn("w:instrText"))]
        assert [text.strip() for text in instructions] == ["PAGE"], xml
        assert footer.paragraphs[0].text == "— 1 —"  # GB/T 9704: the number between dashes
    assert document.settings.odd_and_even_pages_header_footer
    properties = document.core_properties
    assert properties.author == "罗湖区司法局" and properties.last_modified_by == "罗湖区司法局"
    assert "python-docx" not in (properties.author, properties.last_modified_by, properties.comments)
    assert properties.title == report.title == f"罗湖区司法局{todos.year}年工作情况统计"
    assert properties.created.date() == report.finished_at.date()


def test_a_year_on_year_sentence_where_last_year_has_figures(todos, personas):
    y = todos.year
    for day in range(1, 12):  # 15 due this year against 12 the year before: a base for a percentage
        ReminderFactory(area=todos.street_a, due_on=date(y, 5, day))
    for day in range(1, 11):
        ReminderFactory(area=todos.street_b, due_on=date(y - 1, 5, day))
    text = "\n".join(paragraphs(build(personas.leader, todos.district, str(y))))
    assert "全区共有到期待办15件，比上年同期增长25.0%" in text


def test_no_trend_without_last_years_figure(todos, personas):
    report = build(personas.leader, todos.district, str(todos.year - 1))  # nothing two years ago
    section = next(s["text"] for s in report.figures["sections"] if s["heading"].endswith("测试工作"))
    assert section.startswith("全区共有到期待办2件") and "上年同期" not in section


def test_the_document_states_no_nil_figure(todos, personas):
    report = build(personas.leader, todos.district, str(todos.year))
    nil = re.compile(r"(?<![\d.])0(人次|人|件|宗|场|家|个)")
    assert not [text for text in paragraphs(report) if nil.search(text)]


def test_the_report_passes_last_years_figures_to_each_writer(todos, personas, monkeypatch):
    seen = {}

    def writer(values, scope):
        seen.update(previous=scope.previous, value=values[TEST_CODE])
        return "—"

    monkeypatch.setitem(stats._paragraphs, "trial", writer)
    build(personas.leader, todos.district, str(todos.year))
    assert seen == {"previous": {TEST_CODE: 2, "trial.test_amount": seen["previous"]["trial.test_amount"]},
                    "value": 4}

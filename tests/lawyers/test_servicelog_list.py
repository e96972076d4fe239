"""The advisors' service-log list on a phone: the same rows as cards (the browser test measures them), the
twelve-column table hidden below the md breakpoint, and no query per entry."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from lawyers.advisor_views import service_logs
from lawyers.models import ServiceKind
from lawyers.tables import ServiceLogTable


def test_the_list_gives_one_card_per_entry_and_hides_the_table_on_small_screens(client_for, personas, advisors,
                                                                               log, django_assert_max_num_queries):
    entries = [log(notes=f"咨询欠薪（{i}）") for i in range(5)]
    client = client_for(personas.advisor)
    client.get(reverse("lawyers:servicelog_list"))  # warm the session and the menu's caches
    with django_assert_max_num_queries(15):
        html = client.get(reverse("lawyers:servicelog_list")).content.decode()
    assert {int(pk) for pk in re.findall(r'id="log-card-(\d+)"', html)} == {entry.pk for entry in entries}
    assert re.search(r'<table[^>]*class="[^"]*\bd-none d-md-table\b', html)
    card = re.search(rf'id="log-card-{entries[0].pk}".*?</li>', html, re.S).group(0)
    assert "法律咨询" in card and "1 人次" in card and "咨询欠薪（0）" in card


# The loop servicelog_list.html had, kept as the reference lawyers.templatetags.service_log must match.
REFERENCE_CARDS = """{% load i18n %}
  {% for row in table.paginated_rows %}{% with log=row.record %}
  <li class="card mb-2" id="log-card-{{ log.pk }}">
    <a class="card-body py-2 text-reset text-decoration-none" href="{% url 'lawyers:servicelog_update' log.pk %}">
      <div class="d-flex justify-content-between gap-2">
        <span class="fw-semibold">{{ log.on|date:"Y-m-d" }} · {{ log.get_kind_display }}</span>
        <span class="text-nowrap">{{ log.count_text }}</span>
      </div>
      <div class="small text-body-secondary">{{ log.lawyer.name }} · {{ log.area.name }}</div>
      {% if log.notes %}<div class="small mt-1">{{ log.notes }}</div>{% endif %}
    </a>
  </li>
  {% endwith %}{% empty %}
  <li class="text-body-secondary">{% translate "没有符合条件的服务记录。" %}</li>
  {% endfor %}
"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_cards_are_the_templates_markup(personas, advisors, log, language):
    log(notes="欠薪 <b>&</b> 工伤")
    log(notes="", kind=ServiceKind.LECTURE, count=3)
    log(lawyer=advisors.b, notes="第三条")

    def both(rows):
        table = ServiceLogTable(rows)
        request = RequestFactory().get("/")
        with translation.override(language):
            reference = engines["django"].from_string(REFERENCE_CARDS).render({"table": table}, request)
            rendered = engines["django"].from_string("{% load service_log %}{% service_log_cards table %}").render(
                {"table": table}, request)
        return normalised(reference), normalised(rendered)

    rows = list(service_logs(personas.admin).order_by("pk"))
    assert len(rows) == 3
    reference, rendered = both(rows)
    assert rendered == reference
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in rendered
    reference, rendered = both([])
    assert rendered == reference and "<li" in rendered


def normalised(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def test_an_advisor_filters_by_community_kind_and_month_and_the_count_is_the_summarys(
        client_for, personas, advisors, log, section, django_assert_num_queries):
    """An advisor's entries are their own, in their communities: no advisor or street to choose. The page counts
    its entries from the summary's GROUP BY (no count of its own): five queries in all, whatever the entries."""
    for i in range(27):
        log(kind=ServiceKind.LECTURE if i % 3 == 0 else ServiceKind.CONSULTATION, count=2)
    log(lawyer=advisors.b)
    client = client_for(personas.advisor)
    url = reverse("lawyers:servicelog_list")
    client.get(url)  # the session and the menu's caches
    with django_assert_num_queries(5):  # the user, the kinds' totals, the to-do badge, the communities, the page
        html = client.get(url).content.decode()
    names = set(re.findall(r'<select name="([^"]+)"', html))
    assert names == {"area", "kind", "per_page"} and 'name="month"' in html
    assert "共 27 条" in html and html.count('id="log-card-') == 25
    summary = re.search(r'id="log-summary">(.*?)</div>', html, re.S).group(1)
    words = re.sub(r"<[^>]+>", " ", summary).split()
    assert words == ["法治讲座或培训", "9", "场", "法律咨询", "36", "人次"]  # lectures by entries, consultations by persons
    html = client.get(url, {"kind": ServiceKind.LECTURE}).content.decode()
    assert "共 9 条" in html and html.count('id="log-card-') == 9
    # The API, with the same FilterSet: another advisor's entries stay out of sight, asked for or not.
    api = client.get(reverse("api:lawyers-servicelog-list"), {"lawyer": advisors.b.pk}).json()
    assert api["count"] == 27 and {row["lawyer"] for row in api["results"]} == {advisors.a.pk}
    office = client_for(section).get(url).content.decode()
    assert {"lawyer", "street", "area", "kind"} <= set(re.findall(r'<select name="([^"]+)"', office))
    assert "共 28 条" in office

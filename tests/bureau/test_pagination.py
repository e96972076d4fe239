"""Long lists: a page-size choice (25/50/100) and a page jump under every paginated table, keeping the filters."""

import re

import pytest
from django.urls import reverse

from tests.factories import LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_lawyers(areas):
    firm = LawFirmFactory(area=areas.street_a)
    for n in range(120):
        LawyerFactory(name=f"分页{n:03d}", firm=firm)
    LawyerFactory(name="不在筛选中", firm=firm)


def rows(html):
    return re.findall(r"分页\d{3}", html)


def test_fifty_a_page_and_a_jump_to_the_last_page_keep_the_filter(client_for, personas, many_lawyers):
    client = client_for(personas.clerk_a)
    url = reverse("lawyers:lawyer_list")
    first = client.get(url, {"q": "分页"}).content.decode()
    assert len(rows(first)) == 25
    assert 'name="per_page"' in first and 'name="page"' in first and 'max="5"' in first
    assert '<input type="hidden" name="q" value="分页">' in first  # both forms carry the filter

    fifty = client.get(url, {"q": "分页", "per_page": 50}).content.decode()
    assert len(rows(fifty)) == 50 and '<option value="50" selected>' in fifty and 'max="3"' in fifty
    assert '<input type="hidden" name="per_page" value="50">' in fifty  # the jump keeps the page size

    last = client.get(url, {"q": "分页", "per_page": 50, "page": 3}).content.decode()
    assert len(rows(last)) == 20 and "不在筛选中" not in last
    assert 'value="3" required' in last
    beyond = client.get(url, {"q": "分页", "per_page": 50, "page": 99}).content.decode()
    assert len(rows(beyond)) == 20  # a page past the end shows the last one


def test_a_short_list_has_no_page_tools(client_for, personas, areas):
    LawyerFactory(name="只有一位", area=areas.street_a)
    html = client_for(personas.clerk_a).get(reverse("lawyers:lawyer_list")).content.decode()
    assert "只有一位" in html and "table-page-tools" not in html


def test_a_page_holds_at_most_a_hundred_rows_whatever_per_page_asks(client_for, personas, many_lawyers):
    client = client_for(personas.clerk_a)
    url = reverse("lawyers:lawyer_list")
    assert len(rows(client.get(url, {"q": "分页", "per_page": 100000}).content.decode())) == 100
    assert len(rows(client.get(url, {"q": "分页", "per_page": 0}).content.decode())) == 25  # the default
    assert len(rows(client.get(url, {"q": "分页", "per_page": -5}).content.decode())) == 1

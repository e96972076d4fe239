"""The advisors' service-log list on a phone: the same rows as cards (the browser test measures them), the
twelve-column table hidden below the md breakpoint, and no query per entry."""

import re

from django.urls import reverse


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

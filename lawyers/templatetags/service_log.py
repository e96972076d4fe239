"""The service log's entries as cards for a phone (lawyers/servicelog_list.html), written in Python.

The template's loop drew each card through a dozen tags and lookups, 2–3 ms of the page's CPU for a page of entries
(docs/benchmarks.md, "Load"). tests/lawyers/test_servicelog_list.py compares the two.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bureau.links import record_url, steady_addresses
from bureau.speedups import fixed_date

register = template.Library()


def _card(log, table):
    notes = format_html('\n<div class="small mt-1">{}</div>', log.notes) if log.notes else ""
    return format_html(
        '<li class="card mb-2" id="log-card-{}">\n'
        '<a class="card-body py-2 text-reset text-decoration-none" href="{}">\n'
        '<div class="d-flex justify-content-between gap-2">\n'
        '<span class="fw-semibold">{} · {}</span>\n<span class="text-nowrap">{}</span>\n</div>\n'
        '<div class="small text-body-secondary">{} · {}</div>{}\n</a>\n</li>',
        log.pk, record_url("lawyers:servicelog_update", log.pk), fixed_date(log.on, "Y-m-d"), log.get_kind_display(),
        table.count_text(log), log.lawyer.name, log.area.name, notes)


@register.simple_tag
def service_log_cards(table):
    """The <li> cards of the table's page of entries, or the line saying there is none."""
    with steady_addresses():
        cards = [_card(row.record, table) for row in table.paginated_rows]
    if not cards:
        return format_html('<li class="text-body-secondary">{}</li>', gettext("没有符合条件的服务记录。"))
    return mark_safe("\n".join(cards))

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value, indicator):
    """An indicator's value as offices write it (万元, 95.8%, 1,234)."""
    from figures.formatting import figure as format_figure

    return format_figure(indicator, value)


@register.filter
def unit_of(indicator):
    from figures.formatting import unit

    return unit(indicator)



@register.filter
def report_title(report):
    """A report's title in the page's language. The stored one (Report.title, from period_label) is the Word
    document's, in Chinese whoever asked: an official document is written in Chinese."""
    from bureau.models import office_of
    from figures.periods import parse_period

    return _("%(office)s%(period)s工作情况统计") % {"office": office_of(report.area),
                                                   "period": parse_period(report.period).label}


@register.filter
def report_period(report):
    from figures.periods import parse_period

    return parse_period(report.period).label

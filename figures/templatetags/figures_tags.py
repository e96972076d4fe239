from django import template

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


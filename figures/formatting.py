"""Figures written the way Chinese offices write them: amounts in 万元, rates as percentages.

The rounding rule of the reports (docs/reports.md):
- amounts: 元 → 万元 with two decimals, half up (12,084,000.00元 → "1208.40万元");
- rates: a percentage with one decimal, half up ("95.8%"); when that decimal is 0 the figure is written as
  a whole number, with "约为" in front if it was rounded ("约为97%" for 96.97%, "100%" only when exact);
- a rate with nothing to divide by (no decisions, say) is "—" on pages and left out of the sentences.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

TEN_THOUSAND = Decimal(10000)

# Units as pages show them after a figure (the API and the Excel files keep the indicators' own, in Chinese).
UNITS = {"件": _("件"), "人": _("人"), "人次": _("人次"), "场": _("场"), "份": _("份"), "起": _("起"),
         "家": _("家"), "宗": _("宗")}


def as_number(value):
    """An indicator's value for JSON and Excel cells: amounts and rates (Decimal) as floats, counts as they are."""
    return float(value) if isinstance(value, Decimal) else value


def wan_yuan(amount) -> str:
    """元 → 万元 with two decimals: Decimal("12084000.00") → "1208.40"."""
    return str((Decimal(amount or 0) / TEN_THOUSAND).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent(rate) -> str:
    """0.958 → "95.8%", 0.9697 → "约为97%", 1 → "100%"; None → "—"."""
    if rate is None:
        return "—"
    exact = Decimal(rate) * 100
    one_decimal = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if one_decimal != one_decimal.to_integral_value():
        return f"{one_decimal}%"
    whole = int(one_decimal)
    return f"{whole}%" if exact == whole else f"约为{whole}%"


def figure(indicator, value, *, separators=True) -> str:
    """An indicator's value for a page or a table cell, without its unit."""
    if value is None:
        return "—"
    if indicator.is_rate:
        return percent(value)
    if indicator.is_amount:
        return wan_yuan(value)
    return f"{value:,}" if separators else str(value)


def unit(indicator) -> str:
    """The unit shown after a figure: amounts are shown in 万元, rates carry their %."""
    if indicator.is_amount:
        return _("万元")
    if indicator.is_rate:
        return ""
    return UNITS.get(indicator.unit, indicator.unit)



# --- In Excel: the same figures, as number formats ----------------------------------------------------------

TONE_COLOURS = {"better": "198754", "worse": "DC3545", "neutral": "6C757D"}  # Bootstrap's success/danger/grey


def excel_format(indicator) -> str:
    """Rates as percentages, amounts with two decimals, counts as whole numbers."""
    return "0.0%" if indicator.is_rate else ("#,##0.00" if indicator.is_amount else "0")


def excel_change_format(change) -> str:
    """A 同比 signed, in percentage points for a rate; "持平" when nothing moved."""
    return '+0.0"个百分点";-0.0"个百分点";"持平"' if change.kind == "points" else '+0.0%;-0.0%;"持平"'


def excel_row_formats(sheet, indicator, change, figure_columns, change_column):
    """Format the last row of `sheet`: its figure columns (1-based) and its 同比, coloured as the page colours it."""
    from openpyxl.styles import Font

    row = sheet.max_row
    for column in figure_columns:
        sheet.cell(row=row, column=column).number_format = excel_format(indicator)
    cell = sheet.cell(row=row, column=change_column)
    cell.number_format = excel_change_format(change)
    cell.font = Font(color=TONE_COLOURS[change.tone])

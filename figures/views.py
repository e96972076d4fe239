"""The leaders' dashboards: the overview, a page per function, the comparison of districts; each as Excel too."""


from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dashboard, reports, stats
from .formatting import as_number, excel_format, excel_row_formats, figure, unit
from bureau import excel, functions
from bureau.forms import DATE_INPUT
from bureau.models import Area, Report
from bureau.permissions import requests_reports, sees_dashboards
from .periods import QUARTERS, parse_period

# A lazy string's % is not lazy: "%(m)d月" % m at import would stay Chinese on every English page.
_month_lazy = lazy(lambda m: _("%(m)d月") % {"m": m}, str)

SPANS = (
    [("", gettext_lazy("全年")), ("H1", gettext_lazy("上半年")), ("H2", gettext_lazy("下半年"))]
    + [(f"Q{q}", QUARTERS[q - 1]) for q in range(1, 5)]
    + [(f"{m:02d}", _month_lazy(m)) for m in range(1, 13)]
    + [("range", gettext_lazy("自定义日期"))]
)


class PeriodForm(forms.Form):
    """Year + span, or a date range; the resulting period key is what the API and the reports take.

    The years run from the first with a record the user may count to this year. A year outside them, a
    period not yet begun or a malformed key from a link is refused with a message on the form: a page never
    shows another period than the one asked for.
    """

    area = forms.ChoiceField(label=gettext_lazy("区域"))
    year = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, required=False)
    span = forms.ChoiceField(label=gettext_lazy("期间"), choices=SPANS, required=False)
    start = forms.DateField(label=gettext_lazy("自"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=gettext_lazy("至"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, areas, today, first_year, key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.key = today, key
        self.fields["area"].choices = [(a.code, ("\u3000" * _depth(a)) + a.name) for a in areas]
        self.fields["year"].choices = [(y, _("%(y)d年") % {"y": y}) for y in range(today.year, first_year - 1, -1)]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "没有%(value)s年的统计：可选%(oldest)d年至%(last)d年（业务记录自%(first)d年起）。"
        ) % {"value": "%(value)s", "oldest": OLDEST_YEAR, "first": first_year, "last": today.year}

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        span = data.get("span") or ""
        if span == "range":
            if not data.get("start") or not data.get("end"):
                raise ValidationError(_("自定义期间请填写开始和结束日期。"))
            key = f"{data['start'].isoformat()}..{data['end'].isoformat()}"
        elif data.get("year"):
            key = f"{data['year']}-{span}" if span else str(data["year"])
        elif self.key is not None:  # a key from a link that does not name a period of the list
            key = self.key
        else:
            raise ValidationError(_("请选择年度。"))
        period = parse_period(key)
        if period.start > self.today:
            raise ValidationError(_("%(period)s尚未开始，没有可统计的数据。") % {"period": period.label})
        data["period"] = period
        return data


def _depth(area):
    return {Area.Level.CITY: 0, Area.Level.DISTRICT: 1, Area.Level.STREET: 2}.get(area.level, 3)


def _fields_of(key):
    """The form's fields for a period key given in the URL (?period=2026-H1); {} if it is not one."""
    try:
        period = parse_period(key)
    except ValidationError:
        return {}
    if ".." in period.key:
        return {"year": period.start.year, "span": "range", "start": period.start, "end": period.end}
    return {"year": period.start.year, "span": period.key[5:]}


def _own_area(user, areas):
    own = user.area or (areas[0] if areas else None)
    if own is None:
        raise Http404
    return own


def period_form(request, data):
    """The period form of the user's jurisdiction and functions, on today's date."""
    today = timezone.localdate()
    areas = list(Area.objects.visible_to(request.user).order_by("path"))
    own = _own_area(request.user, areas)
    key = None
    if "year" not in data:
        key = data.get("period") or str(today.year)
        data.update(_fields_of(key))
    data.setdefault("area", own.code)
    first = dashboard.first_year(request.user, own, today)
    # A year before the first record, asked for by a link or a report request, is still that year: the page
    # shows it with its zeros and a note, never another year. Only years before OLDEST_YEAR are refused.
    asked = _asked_year(data)
    if asked is not None and OLDEST_YEAR <= asked < first:
        first = asked
    return PeriodForm(data, areas=areas, today=today, first_year=first, key=key), areas, today


OLDEST_YEAR = 2000  # the earliest year a page or report may be asked for (no record of the portal is older)


def _asked_year(data):
    try:
        return int(data.get("year") or "")
    except ValueError:
        return None


def _selection(request):
    """(form, area, period or None, today) from the query string; the area must be the user's to see (else
    404). The period is None when the form refuses what was asked: the page shows why, and no figures."""
    user = request.user
    if not sees_dashboards(user):
        raise PermissionDenied
    form, areas, today = period_form(request, request.GET.copy())
    area = next((a for a in areas if a.code == form.data["area"]), None)
    if area is None:  # not theirs to see, or not an area a dashboard is drawn for
        raise Http404
    period = form.cleaned_data["period"] if form.is_valid() else None
    return form, area, period, today


def _refused(request, template, form, area, **context):
    """The page with the form's errors and no figures (status 400): never another period's."""
    return render(request, template, {"form": form, "area": area, "period": None, "data": None, **context},
                  status=400)


def _series_value(indicator, value):
    """Amounts are drawn in 万元 so the axis reads like the report."""
    if value is None:
        return None
    return round(float(value) / 10000, 2) if indicator.is_amount else as_number(value)


# --- Overview ---------------------------------------------------------------------------------------------


@login_required
def overview(request):
    form, area, period, today = _selection(request)
    tabs = [(g.function, functions.label(g.function)) for g in stats.groups_for(request.user)]
    if period is None:
        return _refused(request, "figures/dashboard_overview.html", form, area, functions=tabs)
    data = dashboard.overview(request.user, area, period, today)
    if request.GET.get("export") == "xlsx":
        return _overview_workbook(data, area, period)
    indicators = {c.indicator.code: c.indicator for c in data["cards"]}
    months = [_("%(m)d月") % {"m": m} for m in range(1, 13)]
    trend_charts = [
        {
            "id": f"trend-{n}", "data_id": f"trend-{n}-data", "name": indicators[t["code"]].name,
            "option": {
                "tooltip": {"trigger": "axis"}, "legend": {"top": 0},
                "grid": {"left": 48, "right": 12, "top": 32, "bottom": 28},
                "xAxis": {"type": "category", "data": months},
                "yAxis": {"type": "value", "name": unit(indicators[t["code"]])},
                "series": [
                    {"type": "line", "name": _("%(y)d年") % {"y": data["year"]}, "smooth": True,
                     "data": [_series_value(indicators[t["code"]], v) for v in t["this_year"]]},
                    {"type": "line", "name": _("%(y)d年") % {"y": data["year"] - 1}, "smooth": True,
                     "lineStyle": {"type": "dashed"},
                     "data": [_series_value(indicators[t["code"]], v) for v in t["last_year"]]},
                ],
            },
        }
        for n, t in enumerate(data["trends"])
    ]
    breakdown_charts = [
        {"id": f"breakdown-{n}", "data_id": f"breakdown-{n}-data", "unit": unit_word, "option": {
            "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}}, "legend": {"top": 0, "type": "scroll"},
            "grid": {"left": 48, "right": 12, "top": 40, "bottom": 60},
            "xAxis": {"type": "category", "data": data["children"], "axisLabel": {"rotate": 30}},
            "yAxis": {"type": "value", "name": unit_word},
            "series": [{"type": "bar", "name": str(indicators[b["code"]].name),
                        "data": [_series_value(indicators[b["code"]], v) for v in b["values"]]} for b in series],
        }}
        for n, (unit_word, series) in enumerate(_by_unit(data["breakdown"], indicators).items())
    ]
    return render(request, "figures/dashboard_overview.html", {
        "form": form, "area": area, "period": period, "data": data, "uses_charts": True,
        "trend_charts": trend_charts, "breakdown_charts": breakdown_charts, "functions": tabs,
        "small_base": stats.SMALL_BASE,
        "can_compare": area.level == Area.Level.CITY,
        "can_report": requests_reports(request.user),
    })


def _by_unit(rows, indicators):
    """{unit: [rows]}: the series one chart may draw on one axis (件 and 人次 are not one scale; rates are left
    to the tables)."""
    grouped = {}
    for row in rows:
        indicator = indicators[row["code"]]
        if not indicator.is_rate:
            grouped.setdefault(str(unit(indicator)), []).append(row)
    return grouped


def _comparison_header(comparison):
    """The figure and 同比 columns' titles, naming the spans compared (2026年1—11月, 2025年1—11月)."""
    return [comparison.current_label, _("上年同期（%(span)s）") % {"span": comparison.previous_label}, _("同比")]


def _overview_workbook(data, area, period):
    book = excel.workbook()
    sheet = excel.sheet(book, _("关键指标"), [_("指标代码"), _("指标名称"), _("单位")]
                        + _comparison_header(data["comparison"]))
    for card in data["cards"]:
        sheet.append([card.indicator.code, str(card.indicator.name), card.indicator.unit,
                      as_number(card.value), as_number(card.previous), card.change.cell])
        _format_row(sheet, card.indicator, card.change)
    sheet.append([])
    sheet.append([data["comparison"].note])
    # The trend and breakdown sheets name each indicator beside its code, with its unit, as the first sheet does.
    indicators = {card.indicator.code: card.indicator for card in data["cards"]}
    named = [_("指标代码"), _("指标名称"), _("单位")]
    if data["trends"]:
        trend = excel.sheet(book, _("月度趋势"), named + [_("年度")] + [_("%(m)d月") % {"m": m} for m in range(1, 13)])
        for t in data["trends"]:
            indicator = indicators[t["code"]]
            for year, values in ((data["year"], t["this_year"]), (data["year"] - 1, t["last_year"])):
                trend.append([t["code"], str(indicator.name), indicator.unit, year] + [as_number(v) for v in values])
                _format_figures(trend, indicator, range(5, 17))
    if data["breakdown"]:
        below = excel.sheet(book, _("分区域"), named + data["children"])
        for b in data["breakdown"]:
            indicator = indicators[b["code"]]
            below.append([b["code"], str(indicator.name), indicator.unit] + [as_number(v) for v in b["values"]])
            _format_figures(below, indicator, range(4, 4 + len(b["values"])))
    return excel.download(book, f"{area.name}{period.label}{_('统计概览')}")


# --- One function -----------------------------------------------------------------------------------------


@login_required
def function_page(request, function):
    if functions.get(function) is None or not request.user.can_use(function):
        raise Http404
    form, area, period, today = _selection(request)
    label = functions.label(function)
    if period is None:
        return _refused(request, "figures/dashboard_function.html", form, area, function=function, label=label)
    data = dashboard.function_table(request.user, area, period, function, today)
    if request.GET.get("export") == "xlsx":
        book = excel.workbook()
        sheet = excel.sheet(book, label, [_("指标代码"), _("指标名称"), _("单位")]
                            + _comparison_header(data["comparison"]) + data["children"])
        for row in data["rows"]:
            sheet.append([row["indicator"].code, str(row["indicator"].name), row["indicator"].unit,
                          as_number(row["value"]), as_number(row["previous"]), row["change"].cell]
                         + [as_number(v) for v in row["children"]])
            _format_row(sheet, row["indicator"], row["change"], extra=len(data["children"]))
        sheet.append([])
        sheet.append([data["comparison"].note])
        return excel.download(book, f"{area.name}{period.label}{label}{_('统计')}")
    return render(request, "figures/dashboard_function.html", {
        "form": form, "area": area, "period": period, "data": data, "function": function, "label": label,
        "small_base": stats.SMALL_BASE,
        "over": [str(r["indicator"].name) for r in data["rows"] if r["total_over"]],
        "under": [str(r["indicator"].name) for r in data["rows"] if r["total_under"]],
    })


# --- Comparison of the areas below ------------------------------------------------------------------------


@login_required
def comparison(request):
    form, area, period, today = _selection(request)
    if area.level not in dashboard.CHILD_LEVEL:
        raise Http404
    if period is None:
        return _refused(request, "figures/dashboard_comparison.html", form, area)
    data = dashboard.comparison(request.user, area, period, today)
    if request.GET.get("export") == "xlsx":
        book = excel.workbook()
        sheet = excel.sheet(book, _("区域对比"), [_("区域"), _("代码")] + [i.code for i in data["indicators"]])
        sheet.append(["", ""] + [str(i.name) for i in data["indicators"]])
        for row in data["rows"]:
            sheet.append([row["area"], row["code"]] + [as_number(v) for v in row["values"]])
        return excel.download(book, f"{area.name}{period.label}{_('区域对比')}")
    charts = [
        {"id": f"compare-{n}", "data_id": f"compare-{n}-data", "name": indicator.name, "option": {
            "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
            "grid": {"left": 48, "right": 12, "top": 12, "bottom": 48},
            "xAxis": {"type": "category", "data": [r["area"] for r in data["rows"]], "axisLabel": {"rotate": 30}},
            "yAxis": {"type": "value", "name": unit(indicator)},
            "series": [{"type": "bar", "data": [_series_value(indicator, r["values"][n]) for r in data["rows"]],
                        "label": {"show": True, "position": "top"}}],
        }}
        for n, indicator in enumerate(data["indicators"])
    ]
    table = [{"area": r["area"], "code": r["code"],
              "figures": [figure(i, v) for i, v in zip(data["indicators"], r["values"])]} for r in data["rows"]]
    totals = [{"figure": figure(i, t.value), "differs": t.over or t.under}
              for i, t in zip(data["indicators"], data["totals"])]
    return render(request, "figures/dashboard_comparison.html", {
        "form": form, "area": area, "period": period, "data": data, "charts": charts, "table": table,
        "totals": totals, "uses_charts": True,
        "over": [str(i.name) for i, t in zip(data["indicators"], data["totals"]) if t.over],
        "under": [str(i.name) for i, t in zip(data["indicators"], data["totals"]) if t.under],
    })


# --- Generated work reports -------------------------------------------------------------------------------

@login_required
def report_list(request):
    """The history of reports, and the form that asks for a new one (the job runs in the background)."""
    if not requests_reports(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = period_form(request, request.POST.copy())[0]
        if form.is_valid():
            area = get_object_or_404(Area.objects.visible_to(request.user), code=form.cleaned_data["area"])
            try:
                report = reports.report_request(user=request.user, area=area, period=form.cleaned_data["period"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(report)
    else:
        form = _selection(request)[0]
    history = (
        Report.objects.visible_to(request.user).select_related("area", "requested_by").order_by("-created_at")[:50]
    )
    return render(request, "figures/report_list.html", {"form": form, "reports": history})


def _visible_report(request, pk):
    return get_object_or_404(Report.objects.visible_to(request.user).select_related("area", "requested_by"), pk=pk)


@login_required
def report_detail(request, pk):
    return render(request, "figures/report_detail.html", {"report": _visible_report(request, pk)})


@login_required
def report_progress(request, pk):
    """The progress bar, polled by htmx until the job has finished; then the whole status block is swapped."""
    report = _visible_report(request, pk)
    response = render(request, "figures/_report_progress.html", {"report": report})
    if report.is_finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
def report_download(request, pk, kind):
    report = _visible_report(request, pk)
    if kind not in {"docx", "xlsx"} or report.status != Report.Status.DONE:
        raise Http404
    file = getattr(report, kind)
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{report.title}.{kind}")


# --- Excel helpers ----------------------------------------------------------------------------------------


def _format_figures(sheet, indicator, columns):
    """The number format of the indicator (counts, amounts, rates) on the last row's figure `columns` (1-based)."""
    row = sheet.max_row
    for column in columns:
        sheet.cell(row=row, column=column).number_format = excel_format(indicator)


def _format_row(sheet, indicator, change, extra=0):
    """The figure columns (this period, last year's, then `extra` columns of areas) and the 同比 of the last row."""
    excel_row_formats(sheet, indicator, change, figure_columns=[4, 5, *range(7, 7 + extra)], change_column=6)

"""法治文化阵地 pages: the register (list, Excel), detail, create, edit, its actions (复核, 撤销命名) and the
map — a scatter of the positions' coordinates drawn with the vendored ECharts (no tiles, no CDN)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bureau.access import AccessListView, access_required, add_service_error, function_required
from bureau.actions import Action, run_action

from .. import services
from ..apps import FUNCTION
from ..filters import PositionFilterSet
from ..forms import PositionForm, PositionReviewForm, PositionRevokeForm
from ..models import Level, Position
from ..permissions import POSITIONS_REGISTER, positions_write
from ..reminders import REVIEW_NOTICE_DAYS
from ..tables import PositionTable

LEVEL_COLOURS = {Level.NATIONAL: "#c0392b", Level.PROVINCIAL: "#d35400", Level.CITY: "#2471a3",
                 Level.DISTRICT: "#1e8449"}


class PositionListView(AccessListView):
    function = FUNCTION
    model = Position
    table_class = PositionTable
    filterset_class = PositionFilterSet
    template_name = "publicity/position_list.html"
    export_name = "法治文化阵地"

    def get_queryset(self):
        return Position.objects.visible_to(self.request.user).select_related("area")

    def get_context_data(self, **kwargs):
        return super().get_context_data(positions_write=positions_write(self.request.user), **kwargs)


def position_of(request, pk):
    return get_object_or_404(Position.objects.visible_to(request.user).select_related("area"), pk=pk)


@function_required(FUNCTION)
def position_detail(request, pk):
    position = position_of(request, pk)
    today = timezone.localdate()
    review_soon = bool(position.reviewed_until and not position.revoked_on
                       and (position.reviewed_until - today).days <= REVIEW_NOTICE_DAYS)
    return render(request, "publicity/position_detail.html", {
        "position": position, "today": today, "review_soon": review_soon,
        "positions_write": positions_write(request.user)})


def _form(request, form, title, position=None):
    if request.method == "POST" and form.is_valid():
        try:
            if position is None:
                position = services.position_record(position=form.save(commit=False), by=request.user)
            else:
                position = services.position_update(position=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已保存“%(name)s”。") % {"name": position.name})
            return redirect(position.get_absolute_url())
    back = position.get_absolute_url() if position else reverse("publicity:position_list")
    return render(request, "publicity/form.html", {
        "form": form, "title": title, "back": back, "back_label": position.name if position else _("法治文化阵地")})


@function_required(FUNCTION, write=True)
@access_required(POSITIONS_REGISTER, write=True)
def position_create(request):
    return _form(request, PositionForm(request.POST or None, user=request.user), _("登记法治文化阵地"))


@function_required(FUNCTION, write=True)
def position_update(request, pk):
    position = position_of(request, pk)
    POSITIONS_REGISTER.check(request.user, write=True)  # after the 404
    return _form(request, PositionForm(request.POST or None, instance=position, user=request.user),
                 _("修改法治文化阵地"), position)


def review(position, by, data):
    services.position_review(position=position, reviewed_until=data["reviewed_until"], by=by)
    return _("已登记复核，有效期至%(date)s。") % {"date": data["reviewed_until"]}


def revoke(position, by, data):
    services.position_revoke(position=position, on=data["on"], by=by)
    return _("已登记撤销命名。")


POSITION_ACTIONS = {
    "review": Action(gettext_lazy("登记复核"), PositionReviewForm, review, icon="patch-check"),
    "revoke": Action(gettext_lazy("撤销命名"), PositionRevokeForm, revoke, icon="x-circle", danger=True),
}


@function_required(FUNCTION, write=True)
def position_action(request, pk, action):
    if action not in POSITION_ACTIONS:
        raise Http404
    position = position_of(request, pk)
    POSITIONS_REGISTER.check(request.user, write=True)
    refused = _("该阵地已于%(date)s撤销命名。") % {"date": position.revoked_on} if position.revoked_on else None
    crumbs = [(reverse("publicity:position_list"), _("法治文化阵地")), (position.get_absolute_url(), position.name)]
    return run_action(request, position, POSITION_ACTIONS[action], title=position.name, crumbs=crumbs,
                      form_kwargs={"position": position}, refused=refused)


def map_option(rows):
    """The ECharts option of the map: one scatter series per level, each point [longitude, latitude] named."""
    series = []
    for level, label in Level.choices:
        points = [{"name": f"{name}（{area}）", "value": [float(lng), float(lat)]}
                  for name, area, lvl, lng, lat in rows if lvl == level]
        series.append({"name": str(label), "type": "scatter", "symbolSize": 12, "data": points,
                       "itemStyle": {"color": LEVEL_COLOURS[level]}})
    return {
        "animation": False,
        "tooltip": {"trigger": "item"},
        "legend": {"top": 0},
        "grid": {"left": 60, "right": 40, "top": 40, "bottom": 40},
        "xAxis": {"type": "value", "name": str(_("经度")), **_bounds([row[3] for row in rows])},
        "yAxis": {"type": "value", "name": str(_("纬度")), **_bounds([row[4] for row in rows])},
        "series": series,
    }


def _bounds(values, margin=0.02):
    """The axis around the points (a little wider), so one point or a tight cluster is not lost in a wide scale."""
    if not values:
        return {"scale": True}
    return {"min": round(float(min(values)) - margin, 3), "max": round(float(max(values)) + margin, 3)}


@function_required(FUNCTION)
def position_map(request):
    today = timezone.localdate()
    positions = Position.objects.visible_to(request.user).valid_on(today)
    rows = list(positions.filter(longitude__isnull=False, latitude__isnull=False).values_list(
        "name", "area__name", "level", "longitude", "latitude"))
    return render(request, "publicity/position_map.html", {
        "option": map_option(rows), "shown": len(rows), "without": positions.filter(longitude__isnull=True).count(),
        "uses_charts": True})

"""/api/v1/stats/: the indicators of an area and a period, as the dashboards and the work reports compute them."""

from hashlib import sha1

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from bureau.models import Area

from . import dashboard, stats
from .formatting import as_number
from .periods import parse_period


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    definition = serializers.CharField()


class StatsView(APIView):
    """`GET /api/v1/stats/?period=2020&area=<code>[&codes=a,b]` — the indicators the caller may see.

    `period`: 2020, 2020-H1, 2020-Q3, 2020-07 or 2020-03-01..2020-09-30. `area` defaults to the caller's own.
    Amounts are 元 with two decimals, rates fractions with four; a rate with nothing to divide is null.
    The figures are cached as the dashboards' are: a write through the portal shows at once, a bulk write
    that sends no signal within STATS_CACHE_SECONDS.
    """

    @extend_schema(parameters=[
        OpenApiParameter("period", str, required=True), OpenApiParameter("area", str),
        OpenApiParameter("codes", str, description="comma-separated indicator codes"),
    ], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        try:
            period = parse_period(request.query_params.get("period", ""))
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        area = self._area(request)
        codes = sorted({c.strip() for c in request.query_params.get("codes", "").split(",") if c.strip()})
        try:
            # Cached as the dashboards' figures are (figures.dashboard.cached): until a write, a minute at most.
            values = dashboard.cached(
                f"api:{sha1(','.join(codes).encode()).hexdigest()}", request.user, area, period, today=timezone.localdate(),
                build=lambda: stats.compute(user=request.user, area=area, period=period, codes=codes))
        except ValidationError as error:
            return Response({"detail": error.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        return Response({
            "period": period.key,
            "area": {"code": area.code, "name": area.name},
            "indicators": {code: as_number(v) for code, v in values.items()},
        })

    def _area(self, request):
        visible = Area.objects.visible_to(request.user)
        code = request.query_params.get("area")
        if code:
            return get_object_or_404(visible, code=code)
        if request.user.area_id:
            return request.user.area
        return get_object_or_404(visible.filter(parent__isnull=True).order_by("code")[:1])


class IndicatorListView(APIView):
    """`GET /api/v1/stats/indicators/` — code, Chinese name, unit and definition of every indicator."""

    @extend_schema(responses=IndicatorSerializer(many=True))
    def get(self, request):
        return Response(IndicatorSerializer(stats.indicators_for(request.user), many=True).data)


urlpatterns = [
    path("stats/", StatsView.as_view(), name="stats"),
    path("stats/indicators/", IndicatorListView.as_view(), name="stats_indicators"),
]

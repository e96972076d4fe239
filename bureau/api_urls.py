"""/api/v1/: the core's viewsets, each function app's router, the schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from corrections import api as corrections_api
from lawyers import api as lawyers_api
from legalaid import api as legalaid_api

from . import api

app_name = "api"

router = DefaultRouter()
router.register("areas", api.AreaViewSet, basename="area")
router.register("calendar-days", api.CalendarDayViewSet, basename="calendarday")
router.register("reminders", api.ReminderViewSet, basename="reminder")
router.register("me", api.MeViewSet, basename="me")
router.register("lawyers/firms", lawyers_api.LawFirmViewSet, basename="lawfirm")
router.register("lawyers/lawyers", lawyers_api.LawyerViewSet, basename="lawyer")
lawyers_api.register(router)
legalaid_api.register(router)
corrections_api.register(router)

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("stats/", api.StatsView.as_view(), name="stats"),
    path("stats/indicators/", api.IndicatorListView.as_view(), name="stats_indicators"),
    path("", include(router.urls)),
]

"""/api/v1/: the core's viewsets, each app's routes (its api.py), the schema and its browsable docs.

An app's `api.py` adds its viewsets with `register(router)` and may add plain views as `urlpatterns`.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import api
from .composition import app_modules
from .search_api import SearchAPIView

app_name = "api"

router = DefaultRouter()
router.register("areas", api.AreaViewSet, basename="area")
router.register("calendar-days", api.CalendarDayViewSet, basename="calendarday")
router.register("reminders", api.ReminderViewSet, basename="reminder")
app_patterns = []
for _config, module in app_modules("api"):
    if hasattr(module, "register"):
        module.register(router)
    app_patterns += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("auth/token/", api.obtain_expiring_token, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("search/", SearchAPIView.as_view(), name="search"),
    path("me/", api.MeView.as_view(), name="me"),
    *app_patterns,
    path("", include(router.urls)),
]

"""/dashboard/: the leaders' statistics pages and the generated work reports."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("f/<str:function>/", views.function_page, name="function"),
    path("compare/", views.comparison, name="comparison"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/<str:kind>/", views.report_download, name="report_download"),
]

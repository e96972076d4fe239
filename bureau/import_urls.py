"""/imports/: the shared import pipeline (bureau.imports)."""

from django.urls import path

from .imports import views

app_name = "imports"

urlpatterns = [
    path("", views.resource_list, name="resource_list"),
    path("jobs/<int:pk>/", views.importjob_detail, name="importjob_detail"),
    path("jobs/<int:pk>/progress/", views.importjob_progress, name="importjob_progress"),
    path("jobs/<int:pk>/commit/", views.importjob_commit, name="importjob_commit"),
    path("<str:resource>/", views.importjob_create, name="importjob_create"),
    path("<str:resource>/template.xlsx", views.resource_template, name="resource_template"),
]

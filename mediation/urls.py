from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.mediator_home, name="mediator_home"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/<slug:action>/", views.case_action, name="case_action"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/<slug:action>/", views.organisation_action, name="organisation_action"),
    path("mediators/", views.MediatorListView.as_view(), name="mediator_list"),
    path("mediators/new/", views.mediator_create, name="mediator_create"),
    path("mediators/<int:pk>/", views.mediator_detail, name="mediator_detail"),
]

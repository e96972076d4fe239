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
    path("mediators/<int:pk>/<slug:action>/", views.mediator_action, name="mediator_action"),
    path("trainings/", views.TrainingListView.as_view(), name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("screening/", views.ScreeningRoundListView.as_view(), name="screening_round_list"),
    path("screening/new/", views.screening_round_create, name="screening_round_create"),
    path("screening/<int:pk>/", views.screening_round_detail, name="screening_round_detail"),
    path("screening/<int:pk>/disputes/new/", views.found_dispute_create, name="found_dispute_create"),
    path("screening/disputes/", views.FoundDisputeListView.as_view(), name="found_dispute_list"),
]

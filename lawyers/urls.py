from django.urls import path

from . import views

app_name = "lawyers"

urlpatterns = [
    path("", views.LawyerListView.as_view(), name="lawyer_list"),
    path("new/", views.LawyerCreateView.as_view(), name="lawyer_create"),
    path("<int:pk>/", views.LawyerDetailView.as_view(), name="lawyer_detail"),
    path("<int:pk>/edit/", views.LawyerUpdateView.as_view(), name="lawyer_update"),
    path("firms/", views.LawFirmListView.as_view(), name="lawfirm_list"),
    path("firms/new/", views.LawFirmCreateView.as_view(), name="lawfirm_create"),
    path("firms/<int:pk>/", views.LawFirmDetailView.as_view(), name="lawfirm_detail"),
    path("firms/<int:pk>/edit/", views.LawFirmUpdateView.as_view(), name="lawfirm_update"),
]

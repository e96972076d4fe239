from django.urls import path

from . import advisor_views, views

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
    # Community legal advisors
    path("advisors/", advisor_views.AdvisorListView.as_view(), name="advisor_list"),
    path("advisors/me/", advisor_views.advisor_home, name="advisor_home"),
    path("advisors/<int:pk>/", advisor_views.advisor_detail, name="advisor_detail"),
    path("advisors/<int:pk>/account/", advisor_views.advisor_account, name="advisor_account"),
    path("advisors/logs/", advisor_views.ServiceLogListView.as_view(), name="servicelog_list"),
    path("advisors/logs/new/", advisor_views.servicelog_create, name="servicelog_create"),
    path("advisors/logs/<int:pk>/", advisor_views.servicelog_update, name="servicelog_update"),
    path("advisors/logs/<int:pk>/delete/", advisor_views.servicelog_delete, name="servicelog_delete"),
    path("advisors/attachments/<int:pk>/", advisor_views.attachment_download, name="attachment_download"),
    path("advisors/postings/", advisor_views.PostingListView.as_view(), name="posting_list"),
    path("advisors/postings/new/", advisor_views.posting_edit, name="posting_create"),
    path("advisors/postings/<int:pk>/edit/", advisor_views.posting_edit, name="posting_update"),
    path("advisors/points/", advisor_views.ServicePointListView.as_view(), name="servicepoint_list"),
    path("advisors/points/new/", advisor_views.servicepoint_edit, name="servicepoint_create"),
    path("advisors/points/<int:pk>/", advisor_views.servicepoint_detail, name="servicepoint_detail"),
    path("advisors/points/<int:pk>/edit/", advisor_views.servicepoint_edit, name="servicepoint_update"),
    path("advisors/appraisal/", advisor_views.appraisal_month, name="appraisal_current"),
    path("advisors/appraisal/weights/", advisor_views.appraisal_weights, name="appraisal_weights"),
    path("advisors/appraisal/<str:month>/", advisor_views.appraisal_month, name="appraisal"),
]

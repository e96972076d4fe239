from django.urls import path

from . import views
from .extra_urls import urlpatterns as extra_patterns

app_name = "normative_docs"

urlpatterns = [
    path("", views.unit_home, name="unit_home"),
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/resubmit/", views.document_resubmit, name="document_resubmit"),
    path("documents/<int:pk>/files/", views.document_files_add, name="document_files_add"),
    path("documents/files/<int:pk>/", views.document_attachment, name="document_attachment"),
    path("documents/files/<int:pk>/withdraw/", views.document_attachment_withdraw,
         name="document_attachment_withdraw"),
    path("documents/<int:pk>/<slug:action>/", views.document_action, name="document_action"),
    path("reconsiderations/", views.ReconsiderationListView.as_view(), name="reconsideration_list"),
    path("reconsiderations/new/", views.reconsideration_create, name="reconsideration_create"),
    path("reconsiderations/<int:pk>/", views.reconsideration_detail, name="reconsideration_detail"),
    path("reconsiderations/<int:pk>/<slug:action>/", views.reconsideration_action, name="reconsideration_action"),
    path("litigations/", views.LitigationListView.as_view(), name="litigation_list"),
    path("litigations/new/", views.litigation_create, name="litigation_create"),
    path("litigations/<int:pk>/", views.litigation_detail, name="litigation_detail"),
    path("litigations/<int:pk>/<slug:action>/", views.litigation_action, name="litigation_action"),
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/<slug:action>/", views.unit_action, name="unit_action"),
    *extra_patterns,
]

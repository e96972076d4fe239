"""The cadres law exam and 谁执法谁普法 evaluation pages (included by publicity/urls.py)."""

from django.urls import path

from . import exam_views as views

urlpatterns = [
    path("exams/", views.ExamListView.as_view(), name="exam_list"),
    path("exams/new/", views.exam_create, name="exam_create"),
    path("exams/<int:pk>/", views.ExamDetailView.as_view(), name="exam_detail"),
    path("exams/<int:pk>/edit/", views.exam_edit, name="exam_edit"),
    path("exams/<int:pk>/units/", views.exam_unit_set, name="exam_unit_set"),
    path("exams/<int:pk>/participants/", views.ParticipantListView.as_view(), name="participant_list"),
    path("evaluation/indexes/", views.EvaluationIndexListView.as_view(), name="evaluation_index_list"),
    path("evaluation/indexes/new/", views.evaluation_index_create, name="evaluation_index_create"),
    path("evaluation/responsibilities/", views.ResponsibilityListView.as_view(), name="responsibility_list"),
    path("evaluation/responsibilities/new/", views.responsibility_create, name="responsibility_create"),
    path("evaluation/responsibilities/<int:pk>/", views.responsibility_detail, name="responsibility_detail"),
    path("evaluation/attachments/<int:pk>/", views.duty_attachment_download, name="duty_attachment_download"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
]

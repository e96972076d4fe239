"""Pages of major decisions, enforcement supervision, counsel, 述法 and the assessment (included by urls.py)."""

from django.urls import path

from .views import assessment, counsel, decisions, enforcement

urlpatterns = [
    path("decisions/", decisions.MajorDecisionListView.as_view(), name="decision_list"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/<slug:action>/", decisions.decision_action, name="decision_action"),
    path("file-reviews/", enforcement.FileReviewListView.as_view(), name="file_review_list"),
    path("file-reviews/new/", enforcement.file_review_create, name="file_review_create"),
    path("file-reviews/<int:pk>/", enforcement.file_review_detail, name="file_review_detail"),
    path("file-reviews/<int:pk>/files/new/", enforcement.reviewed_file_create, name="reviewed_file_create"),
    path("file-reviews/files/<int:pk>/rectify/", enforcement.reviewed_file_rectify, name="reviewed_file_rectify"),
    path("enforcement-trainings/", enforcement.EnforcementTrainingListView.as_view(),
         name="enforcement_training_list"),
    path("enforcement-trainings/new/", enforcement.enforcement_training_create, name="enforcement_training_create"),
    path("officers/", enforcement.OfficerListView.as_view(), name="officer_list"),
    path("officers/new/", enforcement.officer_create, name="officer_create"),
    path("officers/<int:pk>/renew/", enforcement.officer_renew, name="officer_renew"),
    path("counsel/", counsel.EngagementListView.as_view(), name="engagement_list"),
    path("counsel/new/", counsel.engagement_create, name="engagement_create"),
    path("counsel/<int:pk>/", counsel.engagement_detail, name="engagement_detail"),
    path("counsel/<int:pk>/evaluate/", counsel.engagement_evaluate, name="engagement_evaluate"),
    path("legal-affairs/", counsel.LegalAffairListView.as_view(), name="legal_affair_list"),
    path("legal-affairs/new/", counsel.legal_affair_create, name="legal_affair_create"),
    path("shufa/", counsel.ShufaListView.as_view(), name="shufa_list"),
    path("shufa/new/", counsel.shufa_create, name="shufa_create"),
    path("assessment/", assessment.RoundListView.as_view(), name="round_list"),
    path("assessment/new/", assessment.round_create, name="round_create"),
    path("assessment/<int:pk>/", assessment.round_detail, name="round_detail"),
    path("assessment/<int:pk>/categories/new/", assessment.category_create, name="category_create"),
    path("assessment/<int:pk>/items/new/", assessment.item_create, name="item_create"),
    path("assessment/<int:pk>/units/", assessment.round_units, name="round_units"),
    path("assessment/<int:pk>/scores/<int:unit>/", assessment.score_entry, name="score_entry"),
    path("assessment/<int:pk>/items/<int:item>/evidence/", assessment.evidence_create, name="evidence_create"),
    path("assessment/evidence/<int:pk>/file/", assessment.evidence_download, name="evidence_download"),
    path("assessment/<int:pk>/compute/", assessment.round_compute, name="round_compute"),
    path("assessment/<int:pk>/close/", assessment.round_close, name="round_close"),
    path("assessment/<int:pk>/copy/", assessment.round_copy, name="round_copy"),
    path("assessment/<int:pk>/ranking/", assessment.round_ranking, name="round_ranking"),
]

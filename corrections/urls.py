from django.urls import path

from .views import groups, person, register, resettlement, worklist

app_name = "corrections"

urlpatterns = [
    path("today/", worklist.worklist, name="worklist"),
    path("supervisees/", register.SuperviseeListView.as_view(), name="supervisee_list"),
    path("supervisees/new/", register.supervisee_create, name="supervisee_create"),
    path("supervisees/<int:pk>/", person.supervisee_detail, name="supervisee_detail"),
    path("supervisees/<int:pk>/<slug:action>/", person.supervisee_action, name="supervisee_action"),
    path("travels/", groups.TravelApprovalListView.as_view(), name="travel_list"),
    path("sessions/", groups.EducationSessionListView.as_view(), name="session_list"),
    path("sessions/new/", groups.session_create, name="session_create"),
    path("sessions/<int:pk>/", groups.session_detail, name="session_detail"),
    path("meetings/", groups.meeting_list, name="meeting_list"),
    path("meetings/review/new/", groups.review_meeting_create, name="review_meeting_create"),
    path("meetings/risk/new/", groups.risk_meeting_create, name="risk_meeting_create"),
    path("meetings/deliberation/new/", groups.deliberation_create, name="deliberation_create"),
    path("resettlement/", resettlement.ReleasedPersonListView.as_view(), name="releasedperson_list"),
    path("resettlement/new/", resettlement.releasedperson_create, name="releasedperson_create"),
    path("resettlement/<int:pk>/", resettlement.releasedperson_detail, name="releasedperson_detail"),
    path("resettlement/<int:pk>/<slug:action>/", resettlement.releasedperson_action, name="releasedperson_action"),
]

from django.urls import path

from . import views
from .campaign_urls import urlpatterns as campaign_patterns

app_name = "public_service"

urlpatterns = [
    # Residents (no account): /public_service/fw/
    path("fw/", views.resident_home, name="resident_home"),
    path("fw/sites/<int:pk>/", views.resident_site, name="resident_site"),
    path("fw/sites/<int:pk>/book/", views.resident_book, name="resident_book"),
    path("fw/verify/", views.resident_verify, name="resident_verify"),
    path("fw/forget/", views.resident_forget, name="resident_forget"),
    path("fw/bookings/", views.resident_bookings, name="resident_bookings"),
    path("fw/bookings/<str:code>/", views.resident_booking, name="resident_booking"),
    path("fw/bookings/<str:code>/cancel/", views.resident_booking_cancel, name="resident_booking_cancel"),
    path("fw/ask/", views.resident_ask, name="resident_ask"),
    path("fw/questions/", views.resident_questions, name="resident_questions"),
    path("fw/questions/<str:code>/", views.resident_question, name="resident_question"),
    path("fw/classes/", views.resident_classes, name="resident_classes"),
    path("fw/classes/<int:pk>/signup/", views.resident_signup, name="resident_signup"),
    # Staff
    path("sites/", views.SiteListView.as_view(), name="site_list"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/hours/", views.site_hours, name="site_hours"),
    path("sites/<int:pk>/duty/", views.site_duty, name="site_duty"),
    path("bookings/", views.BookingListView.as_view(), name="booking_list"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/<slug:action>/", views.booking_action, name="booking_action"),
    path("questions/", views.QuestionListView.as_view(), name="question_list"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("classes/", views.LegalClassListView.as_view(), name="class_list"),
    path("classes/new/", views.class_create, name="class_create"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("classes/<int:pk>/<slug:action>/", views.class_action, name="class_action"),
    *campaign_patterns,
]

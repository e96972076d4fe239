from django.urls import path
from django.views.generic import RedirectView

from . import views
from .exam_urls import urlpatterns as exam_patterns

app_name = "publicity"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="publicity:activity_list"), name="index"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_update, name="activity_update"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("photos/<int:pk>/", views.photo_download, name="photo_download"),
    path("media/", views.MediaProductListView.as_view(), name="mediaproduct_list"),
    path("media/new/", views.mediaproduct_create, name="mediaproduct_create"),
    path("media/<int:pk>/", views.mediaproduct_detail, name="mediaproduct_detail"),
    path("media/<int:pk>/edit/", views.mediaproduct_update, name="mediaproduct_update"),
    path("positions/", views.PositionListView.as_view(), name="position_list"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/map/", views.position_map, name="position_map"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("positions/<int:pk>/edit/", views.position_update, name="position_update"),
    path("positions/<int:pk>/<slug:action>/", views.position_action, name="position_action"),
    *exam_patterns,
]

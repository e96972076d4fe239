from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import papers, views
from .composition import app_modules
from .search import search_page

core = (
    [
        path("todos/", views.ReminderListView.as_view(), name="reminder_list"),
        path("todos/<int:pk>/", views.reminder_detail, name="reminder_detail"),
        path("todos/<int:pk>/complete/", views.reminder_complete, name="reminder_complete"),
        path("todos/<int:pk>/dismiss/", views.reminder_dismiss, name="reminder_dismiss"),
        path("areas/", views.area_list, name="area_list"),
        path("areas/<str:code>/", views.area_detail, name="area_detail"),
        path("calendar/", views.calendar_year, name="calendar"),
        path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
        path("audit/", views.audit_list, name="audit_list"),
        path("papers/<int:pk>/download/", papers.paper_download, name="paper_download"),
        path("papers/<str:app_label>/<str:model_name>/<int:pk>/", papers.paper_card, name="paper_card"),
        path("papers/<str:app_label>/<str:model_name>/<int:pk>/<str:code>/issue/", papers.paper_issue_view,
             name="paper_issue"),
        path("search/", search_page, name="search"),
        path(
            "identifiers/<str:app_label>/<str:model_name>/<int:pk>/<str:field_name>/reveal/",
            views.identifier_reveal,
            name="identifier_reveal",
        ),
    ],
    "bureau",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("", include(core)),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("imports/", include("bureau.import_urls")),
    # Each app's pages, under the prefix its AppConfig declares (`url_prefix`, by default "<label>/").
    *[path(getattr(config, "url_prefix", f"{config.label}/"), include(module.__name__))
      for config, module in app_modules("urls")],
    path("api/v1/", include("bureau.api_urls")),
    path("admin/", admin.site.urls),
]


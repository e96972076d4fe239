"""Campaign, voucher and service-record pages (included by public_service/urls.py)."""

from django.urls import path

from . import campaign_views as views

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_update, name="campaign_update"),
    path("campaigns/<int:pk>/ledger/", views.campaign_ledger, name="campaign_ledger"),
    path("campaigns/<int:pk>/<slug:action>/", views.campaign_action, name="campaign_action"),
    path("vouchers/", views.VoucherListView.as_view(), name="voucher_list"),
    path("vouchers/<int:pk>/", views.voucher_detail, name="voucher_detail"),
    path("vouchers/<int:pk>/<slug:action>/", views.voucher_action, name="voucher_action"),
    path("site-records/", views.SiteRecordListView.as_view(), name="site_record_list"),
    path("site-records/summary/", views.site_record_summary, name="site_record_summary"),
    path("site-records/new/", views.site_record_create, name="site_record_create"),
    path("site-records/<int:pk>/", views.site_record_update, name="site_record_update"),
]

"""Campaign, voucher and service-record pages (included by public_service/urls.py)."""

urlpatterns = []

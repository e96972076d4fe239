"""Navigation entries of campaigns, vouchers and service records (appended by public_service/menu.py)."""

MENU = []

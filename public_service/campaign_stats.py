"""Indicators of service records, campaigns and vouchers (imported by public_service/stats.py)."""

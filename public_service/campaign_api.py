"""API of campaigns, vouchers and service records (public_service/api.py calls register)."""


def register(router):
    pass

"""Demo data of service records, campaigns and vouchers (public_service/demo.py calls load)."""


def load(stdout=None):
    pass

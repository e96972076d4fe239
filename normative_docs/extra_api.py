"""API of major decisions, enforcement supervision, counsel, 述法 and the assessment (api.py calls register)."""


def register(router):
    pass

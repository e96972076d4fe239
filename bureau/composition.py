"""How the platform finds what the apps declare: a module of a given name in each project app but bureau."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings


def app_modules(name):
    """[(app config, module)] for each project app (settings.PROJECT_APPS, bureau left out) that has a module
    `name` ("urls", "api"), in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        if config.label == "bureau" or config.label not in settings.PROJECT_APPS:
            continue
        if find_spec(f"{config.name}.{name}") is not None:
            found.append((config, import_module(f"{config.name}.{name}")))
    return found

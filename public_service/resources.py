"""public_service's imports, found by the platform at start-up: the sites' monthly service records."""

from .campaign_resources import SiteRecordResource  # noqa: F401

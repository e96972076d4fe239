"""publicity (普法) models."""

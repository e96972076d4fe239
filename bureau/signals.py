"""The platform's own signals."""

from django.dispatch import Signal

# Sent after rows were written without model signals (an import's bulk_create, the demo loaders' COPY), with
# `labels`: the "app.Model" labels written. Whoever caches what those rows count listens (figures.dashboard).
records_written = Signal()

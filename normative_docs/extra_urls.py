"""Pages of major decisions, enforcement supervision, counsel, 述法 and the assessment (included by urls.py)."""

urlpatterns = []

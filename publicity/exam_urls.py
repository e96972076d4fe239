"""The cadres law exam and 谁执法谁普法 evaluation pages (included by publicity/urls.py)."""

urlpatterns = []

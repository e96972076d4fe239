"""Indicators of the law exam and 谁执法谁普法 evaluation (imported by publicity/stats.py)."""

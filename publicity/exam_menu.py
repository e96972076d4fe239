"""Navigation entries of the law exam and 谁执法谁普法 evaluation (appended by publicity/menu.py)."""

MENU = []

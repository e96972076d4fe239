"""Navigation entries of major decisions, enforcement supervision, counsel, 述法 and the 法治建设 assessment
(appended by normative_docs/menu.py)."""

ENTRIES = []

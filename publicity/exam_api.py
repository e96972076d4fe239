"""API of the law exam and 谁执法谁普法 evaluation (publicity/api.py calls register)."""


def register(router):
    pass

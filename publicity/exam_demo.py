"""Demo data of the law exam and 谁执法谁普法 evaluation (publicity/demo.py calls load)."""


def load(stdout=None):
    pass

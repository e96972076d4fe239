"""publicity's import resources (BureauConfig.ready imports this module): the law exam's results
(exam_resources.py)."""

from . import exam_resources  # noqa: F401

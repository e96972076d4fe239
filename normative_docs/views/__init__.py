"""法治政府 pages: documents and reviews (documents.py), reconsideration and litigation (cases.py), units
(units.py) and the drafting unit's own workspace (workspace.py) — ND-C; decisions, enforcement, counsel and the
assessment in their own modules."""

from .cases import (  # noqa: F401
    LitigationListView,
    ReconsiderationListView,
    litigation_action,
    litigation_create,
    litigation_detail,
    reconsideration_action,
    reconsideration_create,
    reconsideration_detail,
)
from .documents import (  # noqa: F401
    DocumentListView,
    document_action,
    document_attachment,
    document_attachment_withdraw,
    document_create,
    document_detail,
    document_files_add,
    document_resubmit,
)
from .units import UnitListView, unit_action, unit_create, unit_detail  # noqa: F401
from .workspace import unit_home  # noqa: F401
